package segment

import (
	"io"
	"maps"
	"sync"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/index/scalar"
)

// Segment is a set of rows of one partition. A growing segment takes
// appends; a sealed one is read-only and may hold built vector indexes.
type Segment struct {
	ID          int64
	PartitionID int64
	PKField     int64
	Sealed      bool
	Dir         string // a sealed segment's directory

	mu struct {
		sync.RWMutex
		n       int
		maxTs   uint64
		cols    map[int64]*column.Column
		ts      []uint64
		pks     map[string][]int32           // primary key → rows
		indexes map[int64]index.Index        // replaced, never modified: views hold it
		scalars map[int64]scalar.Index       // likewise, for scalar fields
		paths   map[int64][]scalar.PathIndex // likewise, JSON-path indexes by field
		retired []io.Closer                  // dropped indexes, closed with the segment: reads may still hold them
		closer  func() error                 // releases mmaps of a sealed segment
		zeros   mappings                     // anonymous zero pages behind added null vector columns
	}

	// valid guards rows, the cached ValidRows of a sealed segment's
	// nullable columns by field (nil: no null row).
	valid struct {
		sync.Mutex
		rows map[int64]*bitset.Bitset
	}
}

// NewGrowing returns an empty growing segment.
func NewGrowing(id, partitionID, pkField int64) *Segment {
	s := &Segment{ID: id, PartitionID: partitionID, PKField: pkField}
	s.mu.cols = map[int64]*column.Column{}
	s.mu.pks = map[string][]int32{}
	return s
}

// Filler makes n rows of a field for rows that carry no value of it
// (written before the field was added to the schema); like is a column of
// the field's type.
type Filler func(fieldID int64, like *column.Column, n int) *column.Column

// Append adds rows, all stamped ts. cols holds every field by ID, equal
// lengths. A field the segment has and cols lacks, or one cols brings that
// earlier rows lack, is completed with fill.
func (s *Segment) Append(cols map[int64]*column.Column, ts uint64, fill Filler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := cols[s.PKField].Len()
	for id, c := range cols {
		dst := s.mu.cols[id]
		if dst == nil {
			dst = column.New(c.Type, c.Dim)
			if s.mu.n > 0 {
				dst.Append(fill(id, c, s.mu.n), nil)
			}
			s.mu.cols[id] = dst
		}
		dst.Append(c, nil)
	}
	for id, dst := range s.mu.cols {
		if cols[id] == nil {
			dst.Append(fill(id, dst, n), nil)
		}
	}
	pk := cols[s.PKField]
	for i := 0; i < n; i++ {
		k := PKKey(pk, i)
		s.mu.pks[k] = append(s.mu.pks[k], int32(s.mu.n+i))
		s.mu.ts = append(s.mu.ts, ts)
	}
	s.mu.n += n
	s.mu.maxTs = max(s.mu.maxTs, ts)
}

// HasColumn reports whether the segment holds a column of the field.
func (s *Segment) HasColumn(fieldID int64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.mu.cols[fieldID] != nil
}

// AddColumn gives every row of the segment a value of a field it lacks
// (one added to the schema after the rows were written): make(n) returns
// the n rows. A sealed segment keeps it in memory; its files are unchanged.
func (s *Segment) AddColumn(fieldID int64, make func(n int) *column.Column) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mu.cols[fieldID] == nil {
		s.mu.cols[fieldID] = make(s.mu.n)
	}
}

// Len is the number of rows, deleted ones included.
func (s *Segment) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.mu.n
}

// MaxTs is the newest row timestamp.
func (s *Segment) MaxTs() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.mu.maxTs
}

// SetIndex installs a built index for a vector field.
func (s *Segment) SetIndex(fieldID int64, ix index.Index) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mu.indexes = maps.Clone(s.mu.indexes)
	if s.mu.indexes == nil {
		s.mu.indexes = map[int64]index.Index{}
	}
	s.mu.indexes[fieldID] = ix
}

// DropIndex removes a built index.
func (s *Segment) DropIndex(fieldID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ix, ok := s.mu.indexes[fieldID]; ok {
		if c, ok := ix.(io.Closer); ok {
			s.mu.retired = append(s.mu.retired, c)
		}
		s.mu.indexes = maps.Clone(s.mu.indexes)
		delete(s.mu.indexes, fieldID)
	}
	s.dropScalarLocked(fieldID)
}

// HasIndex reports whether a built vector index exists for the field.
func (s *Segment) HasIndex(fieldID int64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.mu.indexes[fieldID]
	return ok
}

// Close releases a sealed segment's files and its indexes' mappings.
func (s *Segment) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ix := range mapIndexes(s.mu.indexes) {
		if c, ok := ix.(io.Closer); ok {
			c.Close()
		}
	}
	for _, c := range s.mu.retired {
		c.Close()
	}
	for _, ix := range s.mu.scalars {
		ix.Close()
	}
	s.closePathsLocked()
	s.mu.retired, s.mu.indexes, s.mu.scalars = nil, nil, nil
	s.mu.zeros.close()
	if s.mu.closer != nil {
		err := s.mu.closer()
		s.mu.closer = nil
		return err
	}
	return nil
}

// View is a consistent read of a segment at one timestamp.
type View struct {
	Seg     *Segment
	N       int
	Cols    map[int64]*column.Column
	Visible *bitset.Bitset
	Indexes map[int64]index.Index
	Scalars map[int64]scalar.Index       // scalar indexes of a sealed segment
	Paths   map[int64][]scalar.PathIndex // JSON-path indexes, by field
}

// Len implements expr.Batch.
func (v *View) Len() int { return v.N }

// Column implements expr.Batch.
func (v *View) Column(fieldID int64) *column.Column { return v.Cols[fieldID] }

// Snapshot returns the rows visible at ts given the delete log.
func (s *Segment) Snapshot(ts uint64, dl *DeleteLog) *View {
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := s.mu.n
	v := &View{Seg: s, N: n, Cols: make(map[int64]*column.Column, len(s.mu.cols)), Indexes: s.mu.indexes, Scalars: s.mu.scalars, Paths: s.mu.paths}
	for id, c := range s.mu.cols {
		v.Cols[id] = c.Head(n)
	}
	if s.mu.maxTs <= ts {
		v.Visible = bitset.NewFull(n) // the common case: every row is older than the read
	} else {
		v.Visible = bitset.New(n)
		for i, t := range s.mu.ts[:n] {
			if t <= ts {
				v.Visible.Set(i)
			}
		}
	}
	dl.hide(s.PartitionID, s.mu.pks, s.mu.ts, ts, v.Visible)
	return v
}

// IndexedFields lists the fields with a built index.
func (s *Segment) IndexedFields() []int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]int64, 0, len(s.mu.indexes)+len(s.mu.scalars))
	for id := range s.mu.indexes {
		out = append(out, id)
	}
	for id := range s.mu.scalars {
		out = append(out, id)
	}
	return out
}

func mapIndexes(m map[int64]index.Index) []index.Index {
	out := make([]index.Index, 0, len(m))
	for _, ix := range m {
		out = append(out, ix)
	}
	return out
}
