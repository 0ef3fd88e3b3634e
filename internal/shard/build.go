package shard

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

// BuildIndexes builds missing vector and scalar indexes on every sealed segment, in the
// background; CreateIndex and boot call it. Indexes saved by an earlier run
// are opened instead of rebuilt; a build a crash interrupted starts over.
func (s *Shard) BuildIndexes() {
	sealed, _ := s.Segments()
	s.buildIndexesAsync(sealed)
}

func (s *Shard) buildIndexesAsync(segs []*segment.Segment) {
	s.mu.Lock()
	if s.mu.closed || len(segs) == 0 {
		s.mu.Unlock()
		return
	}
	s.bg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.bg.Done()
		defer s.work.begin(workIndexBuild)()
		for _, seg := range segs {
			if s.isClosed() {
				return
			}
			if !s.pinSegment(seg) {
				continue // compacted away meanwhile
			}
			s.buildSegment(s.buildCtx, seg)
			s.unpinSegment(seg)
		}
	}()
}

func (s *Shard) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mu.closed
}

// buildSegment builds each index the collection declares that seg lacks.
// A failed build leaves the segment searched by brute force; a build ctx
// stopped (the shard closing, a compaction cancelled) is not a failure.
func (s *Shard) buildSegment(ctx context.Context, seg *segment.Segment) {
	col, ok := s.cat.CollectionByID(s.collID)
	if !ok {
		return
	}
	s.completeColumns([]*segment.Segment{seg})
	for _, ix := range col.Indexes {
		f := col.Schema.FieldByID(ix.FieldID)
		if f != nil && f.DataType == schema.JSON {
			if err := buildPath(seg, ix, &col.Schema); err != nil {
				s.recordBuildErr(ix.ID, err)
			}
			s.unlessDropped(seg, ix, true)
			continue
		}
		if f != nil && !f.DataType.IsVector() {
			if err := buildScalar(seg, ix, f); err != nil {
				s.recordBuildErr(ix.ID, err)
			}
			s.unlessDropped(seg, ix, false)
			continue
		}
		if f == nil || !f.DataType.IsVector() || seg.HasIndex(ix.FieldID) {
			continue
		}
		built, err := openOrBuild(ctx, seg, ix)
		if ctx.Err() != nil {
			return // stopped: the next open builds it
		}
		if err != nil {
			s.recordBuildErr(ix.ID, err)
			continue
		}
		seg.SetIndex(ix.FieldID, built)
		s.unlessDropped(seg, ix, false)
	}
}

// unlessDropped takes back an index a build installed after DropIndex
// removed it from the catalog: DropIndex clears the segments it sees, and
// an index installed later is found gone here (install, then check).
func (s *Shard) unlessDropped(seg *segment.Segment, ix catalog.Index, path bool) {
	if col, ok := s.cat.CollectionByID(s.collID); ok && slices.ContainsFunc(col.Indexes, func(c catalog.Index) bool { return c.ID == ix.ID }) {
		return
	}
	if path {
		seg.DropPathIndex(ix.ID)
	} else {
		seg.DropIndex(ix.FieldID)
	}
}

// openOrBuild opens the index file a previous build left in the segment's
// directory, or builds the index and saves it there atomically.
func openOrBuild(ctx context.Context, seg *segment.Segment, ix catalog.Index) (index.Index, error) {
	v := seg.Snapshot(^uint64(0), segment.NewDeleteLog())
	vecs := v.Cols[ix.FieldID]
	spec := index.Spec{Type: ix.BuildType, Metric: ix.Metric, Params: ix.Params}
	path := filepath.Join(seg.Dir, fmt.Sprintf("index_%d.kidx", ix.ID))
	if _, err := os.Stat(path); err == nil {
		if loaded, err := index.Load(spec, path, vecs); err == nil {
			return loaded, nil
		}
		os.Remove(path) // unreadable: build it again
	}
	built, err := index.Build(ctx, spec, vecs)
	if err != nil {
		return nil, err
	}
	if saver, ok := built.(index.Saver); ok {
		tmp := path + ".tmp"
		if err := saver.Save(tmp); err != nil || os.Rename(tmp, path) != nil {
			os.Remove(tmp)
			return built, nil
		}
		syncDir(seg.Dir)
		// The mmap'd copy keeps the graph off the Go heap.
		if loaded, err := index.Load(spec, path, vecs); err == nil {
			return loaded, nil
		}
	}
	return built, nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// recordBuildErr keeps the last build failure of an index for DescribeIndex
// and kite doctor; the segment stays searchable by brute force.
func (s *Shard) recordBuildErr(indexID int64, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mu.buildErrs == nil {
		s.mu.buildErrs = map[int64]string{}
	}
	s.mu.buildErrs[indexID] = err.Error()
}
