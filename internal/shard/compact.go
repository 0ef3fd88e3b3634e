package shard

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/segment"
)

// ErrPlanStale is returned for a plan whose sources are no longer all sealed
// segments of the shard (an earlier compaction took some).
var ErrPlanStale = errors.New("shard: compaction plan is stale")

// Result is what one compaction did.
type Result struct {
	Plan
	RowsBefore, RowsAfter int
}

// Compact runs a plan: it writes the rows of the sources that a read can
// still see (their insert timestamps kept, so deletes in the delete log go
// on hiding the rows they hid) as a new segment, builds its indexes, then
// swaps it in with one catalog transaction and deletes the sources once no
// read uses them. Until the swap reads use the sources.
//
// Crash safety: the output directory is listed as garbage before it is
// written; the commit names it as a segment and lists the sources as
// garbage instead; boot deletes listed directories no entry names
// (compact_garbage.go). So the catalog holds either set, never both.
func (s *Shard) Compact(ctx context.Context, p Plan) (Result, error) {
	s.cmp.run.Lock()
	defer s.cmp.run.Unlock()
	if !s.startBg() {
		return Result{}, ErrClosed
	}
	defer s.bg.Done()
	defer s.work.begin(workCompaction)()
	srcs, err := s.sealedByID(p.Sources)
	if err != nil {
		return Result{}, err
	}
	res := Result{Plan: p}
	h := s.Horizon()
	col, ok := s.cat.CollectionByID(s.collID)
	dropped := !ok || col.PartitionByID(p.PartitionID) == nil // reads never see its rows again
	var kept []segment.Source
	for _, seg := range srcs {
		rows := s.keptRows(seg, h)
		if dropped {
			rows = bitset.New(seg.Len())
		}
		src := segment.Source{Seg: seg}
		rows.ForEach(func(i int) bool { src.Rows = append(src.Rows, i); return true })
		res.RowsBefore += seg.Len()
		res.RowsAfter += len(src.Rows)
		if len(src.Rows) > 0 {
			kept = append(kept, src)
		}
	}
	var out *segment.Segment
	var add []catalog.Segment
	if len(kept) > 0 {
		if out, err = s.writeCompacted(ctx, p, kept); err != nil {
			return res, fmt.Errorf("compact segments %v of collection %d: %w", p.Sources, s.collID, err)
		}
		add = append(add, catalog.Segment{ID: out.ID, CollectionID: s.collID, PartitionID: p.PartitionID,
			Rows: int64(out.Len()), Dir: s.segRel(p.PartitionID, out.ID), MaxTs: out.MaxTs()})
	}
	var obsolete []string
	for _, seg := range srcs {
		rel, err := filepath.Rel(s.cfg.ObjectRoot, seg.Dir)
		if err != nil {
			panic(fmt.Sprintf("BUG: segment dir %s is outside the object root %s", seg.Dir, s.cfg.ObjectRoot))
		}
		obsolete = append(obsolete, rel)
	}
	if err := s.cmp.failpoint("written"); err != nil {
		return res, err
	}
	if err := s.cat.CommitCompaction(s.collID, add, p.Sources, obsolete); err != nil {
		if out != nil {
			s.discard(out)
		}
		return res, fmt.Errorf("commit compaction of collection %d: %w", s.collID, err)
	}
	if err := s.cmp.failpoint("committed"); err != nil {
		return res, err
	}
	s.swap(srcs, out)
	s.retireSegments(srcs)
	for _, rel := range obsolete {
		os.RemoveAll(filepath.Join(s.cfg.ObjectRoot, rel))
	}
	syncDir(filepath.Dir(srcs[0].Dir))
	// Boot deletes them if this fails; nothing else reads the list.
	s.cat.RemoveGarbage(s.collID, obsolete...)
	return res, nil
}

// writeCompacted writes and opens the output segment and builds its indexes.
func (s *Shard) writeCompacted(ctx context.Context, p Plan, kept []segment.Source) (*segment.Segment, error) {
	meta, err := s.outputMeta(p, kept)
	if err != nil {
		return nil, err
	}
	rel := s.segRel(p.PartitionID, p.Target)
	dir := filepath.Join(s.cfg.ObjectRoot, rel)
	if err := s.cat.AddGarbage(s.collID, rel); err != nil {
		return nil, err
	}
	fail := func(err error) (*segment.Segment, error) {
		os.RemoveAll(dir)
		s.cat.RemoveGarbage(s.collID, rel)
		return nil, err
	}
	if err := segment.WriteCompacted(dir, kept, meta); err != nil {
		return fail(err)
	}
	syncDir(filepath.Dir(dir))
	out, _, err := segment.OpenSealed(dir)
	if err != nil {
		return fail(err)
	}
	// The caller's cancel and the shard's closing both stop the build.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(s.buildCtx, cancel)()
	s.buildSegment(ctx, out)
	if err := ctx.Err(); err != nil || s.isClosed() {
		out.Close()
		return fail(errors.Join(err, ErrClosed))
	}
	return out, nil
}

// outputMeta is the meta of the newest-schema source, renamed.
func (s *Shard) outputMeta(p Plan, kept []segment.Source) (segment.Meta, error) {
	var best *segment.Meta
	for _, src := range kept {
		m, err := segment.ReadMeta(src.Seg.Dir)
		if err != nil {
			return segment.Meta{}, err
		}
		if best == nil || m.SchemaVersion > best.SchemaVersion {
			best = m
		}
	}
	meta := *best
	meta.SegmentID, meta.Fields, meta.CompactedFrom = p.Target, nil, nil
	return meta, nil
}

// swap replaces srcs by out (if any) in the sealed list: later snapshots
// read out; snapshots taken before keep their views of srcs.
func (s *Shard) swap(srcs []*segment.Segment, out *segment.Segment) {
	s.mu.Lock()
	s.mu.sealed = slices.DeleteFunc(s.mu.sealed, func(seg *segment.Segment) bool { return slices.Contains(srcs, seg) })
	if out != nil {
		s.mu.sealed = append(s.mu.sealed, out)
	}
	s.mu.Unlock()
	if out != nil {
		s.dropStaleIndexes(out)
		s.buildIndexesAsync([]*segment.Segment{out}) // indexes created while it was written
	}
}

// dropStaleIndexes drops indexes built on seg that DropIndex removed from
// the catalog while the compaction ran.
func (s *Shard) dropStaleIndexes(seg *segment.Segment) {
	col, ok := s.cat.CollectionByID(s.collID)
	if !ok {
		return
	}
	for _, f := range seg.IndexedFields() {
		if !slices.ContainsFunc(col.Indexes, func(ix catalog.Index) bool { return ix.FieldID == f }) {
			seg.DropIndex(f)
		}
	}
	for _, id := range seg.PathIndexIDs() {
		if !slices.ContainsFunc(col.Indexes, func(ix catalog.Index) bool { return ix.ID == id }) {
			seg.DropPathIndex(id)
		}
	}
}

// discard removes an output that was never committed.
func (s *Shard) discard(out *segment.Segment) {
	out.Close()
	os.RemoveAll(out.Dir)
	s.cat.RemoveGarbage(s.collID, s.segRel(out.PartitionID, out.ID))
}

func (s *Shard) sealedByID(ids []int64) ([]*segment.Segment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*segment.Segment
	for _, id := range ids {
		i := slices.IndexFunc(s.mu.sealed, func(seg *segment.Segment) bool { return seg.ID == id })
		if i < 0 {
			return nil, fmt.Errorf("%w: segment %d is not sealed in collection %d", ErrPlanStale, id, s.collID)
		}
		out = append(out, s.mu.sealed[i])
	}
	return out, nil
}

func (s *Shard) segRel(partitionID, segID int64) string {
	return filepath.Join(strconv.FormatInt(s.collID, 10), strconv.FormatInt(partitionID, 10), strconv.FormatInt(segID, 10))
}

// startBg registers background work Close waits for; false once closed.
func (s *Shard) startBg() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mu.closed {
		return false
	}
	s.bg.Add(1)
	return true
}
