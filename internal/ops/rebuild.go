package ops

import (
	"errors"
	"fmt"

	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/metasnap"
)

// RebuildOptions tune Rebuild.
type RebuildOptions struct {
	// Snapshot is the metadata file to start from: "" the newest automatic
	// snapshot that verifies, "none" no file at all (segments alone).
	Snapshot string
	Force    bool // replace a metadata file that still holds collections
	DryRun   bool // report, change nothing
}

// ErrHasMetadata means rebuild would replace metadata that looks fine.
var ErrHasMetadata = errors.New("the metadata file is intact and holds collections")

// Rebuild regenerates the metadata from the data directory's files. It
// starts from a snapshot when one exists (names, databases, indexes, aliases
// and load states come from it), then takes collections, partitions,
// schemas and segments from the segment files and recomputes each WAL
// checkpoint, so the next boot replays exactly the writes no segment holds.
// Collections with files but no snapshot entry are recovered from their
// segments' meta.json into the default database.
func Rebuild(d datadir.Dir, opts RebuildOptions) (*Result, error) {
	if err := CheckOffline(d); err != nil {
		return nil, err
	}
	if rep, err := CheckFile(d.Meta()); err == nil && rep.Collections > 0 && !opts.Force && !opts.DryRun {
		return nil, fmt.Errorf("%w (%s: %d collections); check it with `kite meta verify`, or pass --force to rebuild anyway (the file is kept as meta.db%s<time>)",
			ErrHasMetadata, d.Meta(), rep.Collections, BakSuffix)
	}
	res := &Result{DryRun: opts.DryRun}
	base, err := rebuildBase(d, opts.Snapshot, res)
	if err != nil {
		return nil, err
	}
	err = rewrite(d, base, res, func(r *reconciler, st *datadir.Storage) error {
		r.name = r.nameRecovered
		if err := r.known(st, true); err != nil {
			return err
		}
		return r.adoptAll(st)
	})
	return res, err
}

// rebuildBase picks the snapshot to start from.
func rebuildBase(d datadir.Dir, snapshot string, res *Result) (string, error) {
	switch snapshot {
	case "none":
		return "", nil
	case "":
	default:
		rep, err := CheckFile(snapshot)
		if err != nil {
			return "", err
		}
		res.Source = rep
		return snapshot, nil
	}
	snaps, err := metasnap.List(d.Snapshots())
	if err != nil {
		return "", err
	}
	for _, s := range snaps {
		rep, err := CheckFile(s.Path)
		if err != nil {
			res.Findings.add("snapshots", Warn, s.Path, "remove it", "snapshot does not verify: %v; skipped", err)
			continue
		}
		res.Source = rep
		return s.Path, nil
	}
	res.Findings.add("snapshots", Info, "", "", "no metadata snapshot found: names come from the segment files alone")
	return "", nil
}

// adoptAll adds every collection that has files but no metadata.
func (r *reconciler) adoptAll(st *datadir.Storage) error {
	for _, id := range st.IDs() {
		files := st.Collections[id]
		cf := r.open(files, fmt.Sprint(id))
		col, err := r.adopt(id, cf)
		if err != nil {
			return err
		}
		if col == nil {
			r.findings.add("collections", Error, fmt.Sprint(id),
				fmt.Sprintf("restore a backup or snapshot that knows it (`kite meta restore FILE`), or remove %s/%d to accept the loss", datadir.WALDir, id),
				"collection %d has WAL records but no sealed segment, so its schema is unknown; not recovered", id)
			continue
		}
		if err := r.collection(col, cf); err != nil {
			return err
		}
	}
	return nil
}
