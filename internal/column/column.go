package column

import (
	"fmt"

	"github.com/kite-db/kite/internal/schema"
)

// Column is a batch of values of one data type.
type Column struct {
	Type schema.DataType
	Dim  int // dense vectors only

	// Valid is nil when every row holds a value; otherwise Valid[i] is false
	// for a null row, whose slot holds the zero value.
	Valid []bool

	Bools     []bool
	Ints      []int64   // Int8, Int16, Int32, Int64, Timestamptz
	Floats    []float64 // Float, Double
	Strings   []string  // VarChar, String, Text, Geometry (WKT)
	Bytes     [][]byte  // JSON documents; SparseFloatVector rows
	Arrays    []*Column // Array: one column of the element type per row
	FloatVecs []float32 // FloatVector: Len*Dim values
	VecBytes  []byte    // Binary, Float16, BFloat16, Int8 vectors: Len*RowBytes bytes
}

// New returns an empty column of type t (dim for dense vectors).
func New(t schema.DataType, dim int) *Column { return &Column{Type: t, Dim: dim} }

// RowBytes is the width of one row of a byte-backed dense vector.
func (c *Column) RowBytes() int { return schema.VectorRowBytes(c.Type, c.Dim) }

// Len is the number of rows.
func (c *Column) Len() int {
	switch c.Type {
	case schema.Bool:
		return len(c.Bools)
	case schema.Int8, schema.Int16, schema.Int32, schema.Int64, schema.Timestamptz:
		return len(c.Ints)
	case schema.Float, schema.Double:
		return len(c.Floats)
	case schema.VarChar, schema.String, schema.Text, schema.Geometry:
		return len(c.Strings)
	case schema.JSON, schema.SparseFloatVector:
		return len(c.Bytes)
	case schema.Array:
		return len(c.Arrays)
	case schema.FloatVector:
		if c.Dim == 0 {
			return 0
		}
		return len(c.FloatVecs) / c.Dim
	case schema.BinaryVector, schema.Float16Vector, schema.BFloat16Vector, schema.Int8Vector:
		if rb := c.RowBytes(); rb > 0 {
			return len(c.VecBytes) / rb
		}
	}
	return 0
}

// IsNull reports whether row i is null.
func (c *Column) IsNull(i int) bool { return c.Valid != nil && !c.Valid[i] }

// Head returns a column sharing c's storage that shows only its first n rows.
func (c *Column) Head(n int) *Column {
	h := *c
	if h.Valid != nil {
		h.Valid = h.Valid[:n:n]
	}
	switch c.Type {
	case schema.Bool:
		h.Bools = h.Bools[:n:n]
	case schema.Int8, schema.Int16, schema.Int32, schema.Int64, schema.Timestamptz:
		h.Ints = h.Ints[:n:n]
	case schema.Float, schema.Double:
		h.Floats = h.Floats[:n:n]
	case schema.VarChar, schema.String, schema.Text, schema.Geometry:
		h.Strings = h.Strings[:n:n]
	case schema.JSON, schema.SparseFloatVector:
		h.Bytes = h.Bytes[:n:n]
	case schema.Array:
		h.Arrays = h.Arrays[:n:n]
	case schema.FloatVector:
		h.FloatVecs = h.FloatVecs[: n*c.Dim : n*c.Dim]
	default:
		rb := c.RowBytes()
		h.VecBytes = h.VecBytes[: n*rb : n*rb]
	}
	return &h
}

// FloatVec returns row i of a FloatVector column.
func (c *Column) FloatVec(i int) []float32 { return c.FloatVecs[i*c.Dim : (i+1)*c.Dim] }

// VecRow returns row i of a byte-backed dense vector column.
func (c *Column) VecRow(i int) []byte {
	rb := c.RowBytes()
	return c.VecBytes[i*rb : (i+1)*rb]
}

// Append appends rows idx of src (all rows when idx is nil) to c.
// src must have c's type.
func (c *Column) Append(src *Column, idx []int) {
	if src.Type != c.Type {
		panic(fmt.Sprintf("BUG: append %s column to %s column", src.Type, c.Type))
	}
	if c.Dim == 0 {
		c.Dim = src.Dim
	}
	if idx == nil {
		c.appendAll(src)
		return
	}
	for _, i := range idx {
		c.appendRow(src, i)
	}
}

func (c *Column) appendAll(src *Column) {
	n := c.Len()
	if src.Valid != nil || c.Valid != nil {
		c.Valid = append(c.fillValid(n), src.validOrAll()...)
	}
	c.Bools = append(c.Bools, src.Bools...)
	c.Ints = append(c.Ints, src.Ints...)
	c.Floats = append(c.Floats, src.Floats...)
	c.Strings = append(c.Strings, src.Strings...)
	c.Bytes = append(c.Bytes, src.Bytes...)
	c.Arrays = append(c.Arrays, src.Arrays...)
	c.FloatVecs = append(c.FloatVecs, src.FloatVecs...)
	c.VecBytes = append(c.VecBytes, src.VecBytes...)
}

func (c *Column) appendRow(src *Column, i int) {
	n := c.Len()
	if src.Valid != nil || c.Valid != nil {
		c.Valid = append(c.fillValid(n), !src.IsNull(i))
	}
	switch c.Type {
	case schema.Bool:
		c.Bools = append(c.Bools, src.Bools[i])
	case schema.Int8, schema.Int16, schema.Int32, schema.Int64, schema.Timestamptz:
		c.Ints = append(c.Ints, src.Ints[i])
	case schema.Float, schema.Double:
		c.Floats = append(c.Floats, src.Floats[i])
	case schema.VarChar, schema.String, schema.Text, schema.Geometry:
		c.Strings = append(c.Strings, src.Strings[i])
	case schema.JSON, schema.SparseFloatVector:
		c.Bytes = append(c.Bytes, src.Bytes[i])
	case schema.Array:
		c.Arrays = append(c.Arrays, src.Arrays[i])
	case schema.FloatVector:
		c.FloatVecs = append(c.FloatVecs, src.FloatVec(i)...)
	default:
		c.VecBytes = append(c.VecBytes, src.VecRow(i)...)
	}
}

// fillValid returns c.Valid extended to n rows (rows without a flag are valid).
func (c *Column) fillValid(n int) []bool {
	for len(c.Valid) < n {
		c.Valid = append(c.Valid, true)
	}
	return c.Valid
}

func (c *Column) validOrAll() []bool {
	if c.Valid != nil {
		return c.Valid
	}
	v := make([]bool, c.Len())
	for i := range v {
		v[i] = true
	}
	return v
}

// Take returns a new column with rows idx of c, in that order.
func (c *Column) Take(idx []int) *Column {
	out := New(c.Type, c.Dim)
	if idx == nil {
		idx = []int{}
	}
	out.Append(c, idx)
	return out
}

// Value returns row i as a Go value: nil for null, bool, int64, float64,
// string, []byte (JSON, sparse), *Column (array), []float32 or []byte (vectors).
func (c *Column) Value(i int) any {
	if c.IsNull(i) {
		return nil
	}
	switch c.Type {
	case schema.Bool:
		return c.Bools[i]
	case schema.Int8, schema.Int16, schema.Int32, schema.Int64, schema.Timestamptz:
		return c.Ints[i]
	case schema.Float, schema.Double:
		return c.Floats[i]
	case schema.VarChar, schema.String, schema.Text, schema.Geometry:
		return c.Strings[i]
	case schema.JSON, schema.SparseFloatVector:
		return c.Bytes[i]
	case schema.Array:
		return c.Arrays[i]
	case schema.FloatVector:
		return c.FloatVec(i)
	default:
		return c.VecRow(i)
	}
}
