package datadir

import (
	"os"
	"path/filepath"
	"strconv"
)

// Names of the entries in a data directory.
const (
	MetaFile     = "meta.db"
	SnapshotsDir = "meta-snapshots"
	WALDir       = "wal"
	ObjectsDir   = "objects"
	DeltaDir     = "delta"
	ServerFile   = "kite.server.json"
	SegmentMeta  = "meta.json"
)

// Dir is a data directory.
type Dir string

// Meta is the metadata file.
func (d Dir) Meta() string { return filepath.Join(string(d), MetaFile) }

// Snapshots is the directory of automatic metadata snapshots.
func (d Dir) Snapshots() string { return filepath.Join(string(d), SnapshotsDir) }

// WAL is the directory holding one WAL directory per collection.
func (d Dir) WAL() string { return filepath.Join(string(d), WALDir) }

// CollectionWAL is one collection's WAL directory.
func (d Dir) CollectionWAL(collID int64) string {
	return filepath.Join(d.WAL(), strconv.FormatInt(collID, 10))
}

// Objects is the root of segment and delete files.
func (d Dir) Objects() string { return filepath.Join(string(d), ObjectsDir) }

// Server is the file a running server describes itself in.
func (d Dir) Server() string { return filepath.Join(string(d), ServerFile) }

// MetaExists reports whether the metadata file exists (and is not empty).
func (d Dir) MetaExists() bool {
	st, err := os.Stat(d.Meta())
	return err == nil && st.Size() > 0
}
