package shard

import (
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/segment"
)

// BuildIndexes builds missing vector indexes on every sealed segment, in the
// background; CreateIndex and boot call it.
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
		for _, seg := range segs {
			if s.isClosed() {
				return
			}
			s.buildSegment(seg)
		}
	}()
}

func (s *Shard) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mu.closed
}

// buildSegment builds each index the collection declares that seg lacks.
// A failed build leaves the segment searched by brute force.
func (s *Shard) buildSegment(seg *segment.Segment) {
	col, ok := s.cat.CollectionByID(s.collID)
	if !ok {
		return
	}
	for _, ix := range col.Indexes {
		f := col.Schema.FieldByID(ix.FieldID)
		if f == nil || !f.DataType.IsVector() || seg.HasIndex(ix.FieldID) {
			continue
		}
		v := seg.Snapshot(^uint64(0), segment.NewDeleteLog())
		built, err := index.Build(index.Spec{Type: ix.BuildType, Metric: ix.Metric, Params: ix.Params}, v.Cols[ix.FieldID])
		if err == nil {
			seg.SetIndex(ix.FieldID, built)
		}
	}
}
