package ops

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/datadir"
)

// reconciler brings a catalog in line with the files of a data directory:
// segments and delete files that exist and belong, a checkpoint that says
// exactly which WAL records the sealed data already holds.
type reconciler struct {
	dir      datadir.Dir
	cat      *catalog.Catalog
	findings *Findings
	// name names partitions found in the files but not in the catalog.
	name func(col *catalog.Collection, ids []int64) []catalog.Partition
	// partNames are the partition names segment files recorded, by ID.
	partNames map[int64]string
}

// collFiles is one collection's storage, opened.
type collFiles struct {
	files  *datadir.CollectionFiles
	opened map[string]*segFile // by relative dir
	failed map[string]error
}

func (r *reconciler) open(files *datadir.CollectionFiles, subject string) *collFiles {
	cf := &collFiles{files: files, opened: map[string]*segFile{}, failed: map[string]error{}}
	for _, sd := range files.Segments {
		if !sd.HasMeta {
			// meta.json is written last: this is a flush a crash interrupted.
			r.findings.add("segments", Info, subject, "remove the directory: "+filepath.Join(datadir.ObjectsDir, sd.Rel),
				"segment dir %s has no meta.json (an interrupted flush); not used", sd.Rel)
			continue
		}
		sf, err := openSegment(r.dir, files.ID, sd)
		if err != nil {
			cf.failed[sd.Rel] = err
			continue
		}
		cf.opened[sd.Rel] = sf
		if n := sf.meta.PartitionName; n != "" {
			if r.partNames == nil {
				r.partNames = map[int64]string{}
			}
			r.partNames[sf.meta.PartitionID] = n
		}
	}
	return cf
}

// collection reconciles one collection of the catalog with its files.
func (r *reconciler) collection(col *catalog.Collection, cf *collFiles) error {
	subject := collName(r.cat, col)
	plan := &segPlan{seen: map[uint64]struct{}{}}
	r.keepKnown(subject, col, cf, plan)
	r.adoptUnknown(subject, cf, plan)
	cp, err := r.checkpoint(subject, col, cf, plan)
	if err != nil {
		return err
	}
	if err := r.updateCollection(col, cf, plan, cp.parts); err != nil {
		return err
	}
	old := r.cat.Checkpoint(col.ID)
	if len(plan.add) == 0 && len(plan.remove) == 0 && old.LSN == cp.LSN && slices.Equal(old.Deltas, cp.Deltas) {
		return nil
	}
	if old.LSN != cp.LSN {
		r.findings.add("checkpoint", Info, subject, "",
			"WAL checkpoint set to %d (was %d): %d WAL record(s) will be replayed at boot", cp.LSN, old.LSN, cp.replay)
	}
	return r.cat.CommitFlush(col.ID, plan.add, plan.remove, cp.Checkpoint)
}

type segPlan struct {
	seen     map[uint64]struct{} // timestamps of the segments kept
	add      []catalog.Segment
	remove   []int64
	kept     []*segFile
	maxParts map[int64]bool
}

func (p *segPlan) keep(sf *segFile) {
	for t := range sf.ts {
		p.seen[t] = struct{}{}
	}
	p.kept = append(p.kept, sf)
}

func entry(collID int64, sf *segFile) catalog.Segment {
	return catalog.Segment{ID: sf.meta.SegmentID, CollectionID: collID, PartitionID: sf.meta.PartitionID,
		Rows: int64(sf.meta.Rows), Dir: sf.rel, MaxTs: sf.maxTs}
}

// keepKnown keeps the catalog's segments that open; the others are removed.
func (r *reconciler) keepKnown(subject string, col *catalog.Collection, cf *collFiles, plan *segPlan) {
	for _, s := range r.cat.Segments(col.ID) {
		sf, ok := cf.opened[s.Dir]
		delete(cf.opened, s.Dir)
		switch {
		case ok && overlap(sf, plan.seen) > 0:
			r.findings.add("segments", Warn, subject, "", "segment %d repeats rows of another segment; dropped from the metadata", s.ID)
		case ok:
			plan.keep(sf)
			if e := entry(col.ID, sf); e != s {
				plan.add = append(plan.add, e)
			}
			continue
		case cf.failed[s.Dir] != nil:
			r.findings.add("segments", Error, subject, "restore the directory from a file backup if you have one",
				"segment %d (%s) does not open: %v; dropped from the metadata, its rows are lost unless the WAL still holds them",
				s.ID, s.Dir, cf.failed[s.Dir])
			delete(cf.failed, s.Dir)
		default:
			r.findings.add("segments", Error, subject, "restore the directory from a file backup if you have one",
				"segment %d (%s) is missing on disk; dropped from the metadata, its rows are lost unless the WAL still holds them", s.ID, s.Dir)
		}
		plan.remove = append(plan.remove, s.ID)
	}
}

// adoptUnknown adds segments the catalog does not list: written by flushes
// after the metadata was copied, or left by a flush a crash interrupted
// (then a later flush holds the same rows and the older copy is skipped).
func (r *reconciler) adoptUnknown(subject string, cf *collFiles, plan *segPlan) {
	var cands []*segFile
	for _, sf := range cf.opened {
		cands = append(cands, sf)
	}
	sortCandidates(cands)
	added, rows := 0, 0
	for _, sf := range cands {
		switch n := overlap(sf, plan.seen); {
		case n == len(sf.ts) && n > 0:
			r.findings.add("segments", Info, subject, "remove the directory: "+filepath.Join(datadir.ObjectsDir, sf.rel),
				"segment dir %s repeats rows another segment holds (an interrupted flush); not used", sf.rel)
		case n > 0:
			r.findings.add("segments", Warn, subject, "inspect the directory, then remove it: "+filepath.Join(datadir.ObjectsDir, sf.rel),
				"segment dir %s shares %d of %d writes with other segments; not used", sf.rel, n, len(sf.ts))
		default:
			plan.keep(sf)
			plan.add = append(plan.add, entry(cf.files.ID, sf))
			added++
			rows += sf.meta.Rows
		}
	}
	if added > 0 {
		r.findings.add("segments", Info, subject, "", "%d segment(s) with %d rows found on disk and added to the metadata", added, rows)
	}
	for rel, err := range cf.failed {
		r.findings.add("segments", Error, subject, "restore the directory from a file backup, or remove it to accept the loss",
			"segment dir %s does not open: %v; not used", rel, err)
	}
}

type checkpointPlan struct {
	catalog.Checkpoint
	replay int
	parts  map[int64]bool
}

// checkpoint picks the delete files and the WAL position sealed data covers.
func (r *reconciler) checkpoint(subject string, col *catalog.Collection, cf *collFiles, plan *segPlan) (*checkpointPlan, error) {
	covered := map[uint64]struct{}{}
	for t := range plan.seen {
		covered[t] = struct{}{}
	}
	cp := &checkpointPlan{parts: map[int64]bool{}}
	for _, df := range cf.files.Deltas {
		ts, _, err := deltaStats(filepath.Join(r.dir.Objects(), df.Rel))
		if err != nil {
			r.findings.add("deltas", Error, subject, "restore the file from a file backup, or remove it to accept the loss",
				"delete file %s is unreadable (%v); not used, the deletes in it are lost unless the WAL holds them", df.Rel, err)
			continue
		}
		for t := range ts {
			covered[t] = struct{}{}
		}
		cp.Deltas = append(cp.Deltas, df.Rel)
	}
	if !cf.files.HasWAL {
		return cp, nil // a new WAL starts at LSN 1
	}
	st, err := walCoverage(r.dir.CollectionWAL(col.ID), covered)
	if errors.Is(err, fs.ErrNotExist) {
		return cp, nil
	}
	if err != nil {
		return nil, fmt.Errorf("collection %s: read its WAL: %w", subject, err)
	}
	if st.Gaps > 0 {
		r.findings.add("wal", Warn, subject, "",
			"%d WAL record(s) before the checkpoint are in no segment: their segment is lost or unreadable", st.Gaps)
	}
	cp.LSN, cp.replay, cp.parts = st.Checkpoint, st.Replay, st.Partitions
	return cp, nil
}
