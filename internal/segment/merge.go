package segment

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/kite-db/kite/internal/column"
)

// Source is a sealed segment and the rows of it a compaction keeps.
type Source struct {
	Seg  *Segment
	Rows []int // ascending
}

// WriteCompacted writes the kept rows of srcs, each with its original insert
// timestamp, into dir as one sealed segment (meta.json last, all fsynced).
// Every source must hold the same fields: rows of different schema versions
// are never merged.
func WriteCompacted(dir string, srcs []Source, meta Meta) error {
	if len(srcs) == 0 {
		return fmt.Errorf("compact into %s: no source segments", dir)
	}
	var ts []uint64
	var cols map[int64]*column.Column
	for _, src := range srcs {
		sts, scols := src.Seg.take(src.Rows)
		if cols == nil {
			cols = map[int64]*column.Column{}
			for id, c := range scols {
				cols[id] = column.New(c.Type, c.Dim)
			}
		}
		if !sameFields(cols, scols) {
			return fmt.Errorf("compact into %s: segment %d has other fields than segment %d", dir, src.Seg.ID, srcs[0].Seg.ID)
		}
		for id, c := range scols {
			cols[id].Append(c, nil)
		}
		ts = append(ts, sts...)
	}
	meta.PKField, meta.CompactedFrom = srcs[0].Seg.PKField, nil
	for _, src := range srcs {
		meta.CompactedFrom = append(meta.CompactedFrom, src.Seg.ID)
	}
	return writeSealedFiles(dir, ts, cols, meta)
}

func sameFields(a, b map[int64]*column.Column) bool {
	if len(a) != len(b) {
		return false
	}
	for id, c := range a {
		if d, ok := b[id]; !ok || d.Type != c.Type || d.Dim != c.Dim {
			return false
		}
	}
	return true
}

// take copies rows of a segment onto the heap: their timestamps and columns.
func (s *Segment) take(rows []int) ([]uint64, map[int64]*column.Column) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ts := make([]uint64, len(rows))
	for i, r := range rows {
		ts[i] = s.mu.ts[r]
	}
	cols := make(map[int64]*column.Column, len(s.mu.cols))
	for id, c := range s.mu.cols {
		cols[id] = c.Take(rows)
	}
	return ts, cols
}

// FieldIDs lists the fields a segment holds columns for, sorted.
func (s *Segment) FieldIDs() []int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Sorted(maps.Keys(s.mu.cols))
}

// RowTs returns the insert timestamp of each row. For a sealed segment the
// slice is mmap'd: use it only while the segment is open.
func (s *Segment) RowTs() []uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.mu.ts[:s.mu.n:s.mu.n]
}

// ReadMeta reads a sealed segment's meta.json.
func ReadMeta(dir string) (*Meta, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return nil, err
	}
	var meta Meta
	if err := json.Unmarshal(raw, &meta); err != nil {
		return nil, fmt.Errorf("segment %s: meta.json: %w", dir, err)
	}
	if meta.Version < formatNoValidity || meta.Version > FileFormatVersion {
		return nil, fmt.Errorf("segment %s: unknown format version %d", dir, meta.Version)
	}
	return &meta, nil
}
