package service

import (
	"context"

	"github.com/kite-db/kite/internal/segment"
)

// SegmentInfo describes one segment for the segment-info RPCs.
type SegmentInfo struct {
	ID, CollectionID, PartitionID int64
	Rows                          int
	Sealed                        bool
	MemSize                       int64
	IndexName                     string
}

// ListSegments names the collection whose segments to list.
type ListSegments struct{ DB, Collection string }

// ListSegments lists a collection's sealed and growing segments.
func (s *Service) ListSegments(_ context.Context, req ListSegments) ([]SegmentInfo, error) {
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return nil, err
	}
	sh, err := s.liveShard(col)
	if err != nil {
		return nil, err
	}
	sealed, growing := sh.Segments()
	var out []SegmentInfo
	add := func(segs []*segment.Segment) {
		for _, sg := range segs {
			info := SegmentInfo{ID: sg.ID, CollectionID: col.ID, PartitionID: sg.PartitionID, Rows: sg.Len(), Sealed: sg.Sealed}
			for _, ix := range col.Indexes {
				if sg.HasIndex(ix.FieldID) {
					info.IndexName = ix.Name
				}
			}
			out = append(out, info)
		}
	}
	add(sealed)
	add(growing)
	return out, nil
}
