package segment

import (
	"fmt"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// Null rows of nullable vector fields. A null row keeps a zero vector in
// the column (so rows stay fixed-width and mmap'able) and is marked in
// column.Valid; on disk a raw column's validity is a bitmap file
// (docs/format/segment.md). Searches exclude null rows through ValidRows.

func hasNull(valid []bool) bool {
	for _, ok := range valid {
		if !ok {
			return true
		}
	}
	return false
}

// packBits is the on-disk validity bitmap: bit i%8 of byte i/8 is set
// when row i holds a value.
func packBits(valid []bool) []byte {
	out := make([]byte, (len(valid)+7)/8)
	for i, ok := range valid {
		if ok {
			out[i>>3] |= 1 << (i & 7)
		}
	}
	return out
}

func unpackBits(b []byte, rows int) ([]bool, error) {
	if len(b) != (rows+7)/8 {
		return nil, fmt.Errorf("validity bitmap has %d bytes for %d rows", len(b), rows)
	}
	out := make([]bool, rows)
	for i := range out {
		out[i] = b[i>>3]&(1<<(i&7)) != 0
	}
	return out, nil
}

// ValidRows returns the rows of a field that hold a value, nil when every
// row does. A search ANDs it into its candidates, so a null vector is
// never a hit. A sealed segment works it out once per field.
func (v *View) ValidRows(fieldID int64) *bitset.Bitset {
	c := v.Cols[fieldID]
	switch {
	case c == nil || c.Valid == nil:
		return nil
	case v.Seg != nil && v.Seg.Sealed:
		return v.Seg.validRows(fieldID, c.Valid)
	case !hasNull(c.Valid):
		return nil
	}
	return validBits(c.Valid)
}

// validRows is ValidRows of a sealed segment's column, cached: its rows
// never change (a column added later is a new field).
func (s *Segment) validRows(fieldID int64, valid []bool) *bitset.Bitset {
	s.valid.Lock()
	defer s.valid.Unlock()
	if b, ok := s.valid.rows[fieldID]; ok {
		return b
	}
	if s.valid.rows == nil {
		s.valid.rows = map[int64]*bitset.Bitset{}
	}
	var b *bitset.Bitset
	if hasNull(valid) {
		b = validBits(valid)
	}
	s.valid.rows[fieldID] = b
	return b
}

func validBits(valid []bool) *bitset.Bitset {
	b := bitset.New(len(valid))
	for i, ok := range valid {
		if ok {
			b.Set(i)
		}
	}
	return b
}

// AddNullVectors gives every row of a sealed segment a null of dense
// vector field fieldID, added to the schema after the rows were written.
// The rows' zero vectors are an anonymous read-only mapping, so the column
// costs one validity byte a row, not a vector; the files are unchanged.
func (s *Segment) AddNullVectors(fieldID int64, t schema.DataType, dim int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mu.cols[fieldID] != nil {
		return nil
	}
	n := s.mu.n
	c := &column.Column{Type: t, Dim: dim, Valid: make([]bool, n)}
	b, err := s.mu.zeros.zeros(n * schema.VectorRowBytes(t, dim))
	if err != nil {
		return err
	}
	if t == schema.FloatVector {
		c.FloatVecs = bytesF32(b)
	} else {
		c.VecBytes = b
	}
	s.mu.cols[fieldID] = c
	return nil
}
