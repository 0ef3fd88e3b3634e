package datadir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Storage is what a data directory holds besides its metadata.
type Storage struct {
	Collections map[int64]*CollectionFiles
	Strays      []string // entries that fit no known pattern, relative to the data dir
}

// CollectionFiles are one collection's files on disk.
type CollectionFiles struct {
	ID         int64
	WALFiles   int      // *.wal files, empty ones included
	WALFirsts  []uint64 // the first LSN of each *.wal file, ascending
	WALBytes   int64    // bytes of the *.wal files
	Segments   []SegmentDir
	Deltas     []DeltaFile
	HasWAL     bool // wal/<id>/ exists
	HasObjects bool // objects/<id>/ exists
}

// SegmentDir is a directory objects/<coll>/<part>/<seg>/.
type SegmentDir struct {
	Rel         string // relative to the objects root, as the catalog stores it
	PartitionID int64
	SegmentID   int64
	Bytes       int64
	HasMeta     bool     // meta.json exists
	IndexFiles  []string // index_*.kidx
}

// DeltaFile is objects/<coll>/delta/<lsn>.del.
type DeltaFile struct {
	Rel   string
	LSN   uint64
	Bytes int64
}

// HasData reports whether any collection left files behind.
func (s *Storage) HasData() bool {
	for _, c := range s.Collections {
		if c.WALFiles > 0 || len(c.Segments) > 0 || len(c.Deltas) > 0 {
			return true
		}
	}
	return false
}

// IDs lists the collections in ID order.
func (s *Storage) IDs() []int64 {
	ids := make([]int64, 0, len(s.Collections))
	for id := range s.Collections {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// Summary says in a few words what the storage holds.
func (s *Storage) Summary() string {
	segs, wals := 0, 0
	for _, c := range s.Collections {
		segs += len(c.Segments)
		if c.WALFiles > 0 {
			wals++
		}
	}
	return fmt.Sprintf("%d collection(s) on disk: %d sealed segment(s), %d WAL dir(s)", len(s.Collections), segs, wals)
}

// Scan lists the WAL and object files of a data directory. A missing
// directory holds nothing.
func Scan(d Dir) (*Storage, error) {
	s := &Storage{Collections: map[int64]*CollectionFiles{}}
	if err := s.scanWAL(d); err != nil {
		return nil, err
	}
	if err := s.scanObjects(d); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Storage) coll(id int64) *CollectionFiles {
	c := s.Collections[id]
	if c == nil {
		c = &CollectionFiles{ID: id}
		s.Collections[id] = c
	}
	return c
}

func readDir(dir string) ([]os.DirEntry, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return ents, err
}

func (s *Storage) scanWAL(d Dir) error {
	ents, err := readDir(d.WAL())
	if err != nil {
		return err
	}
	for _, e := range ents {
		id, err := strconv.ParseInt(e.Name(), 10, 64)
		if err != nil || !e.IsDir() {
			s.Strays = append(s.Strays, filepath.Join(WALDir, e.Name()))
			continue
		}
		c := s.coll(id)
		c.HasWAL = true
		files, err := readDir(filepath.Join(d.WAL(), e.Name()))
		if err != nil {
			return err
		}
		for _, f := range files {
			first, err := strconv.ParseUint(strings.TrimSuffix(f.Name(), ".wal"), 16, 64)
			if err != nil || !strings.HasSuffix(f.Name(), ".wal") {
				continue
			}
			c.WALFiles++
			c.WALFirsts = append(c.WALFirsts, first)
			if info, err := f.Info(); err == nil {
				c.WALBytes += info.Size()
			}
		}
	}
	return nil
}
