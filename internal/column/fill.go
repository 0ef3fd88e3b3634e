package column

import "github.com/kite-db/kite/internal/schema"

// AppendZero appends one row holding the type's zero value (a zero vector
// for dense vectors, an empty row for sparse ones). Callers mark it null.
func (c *Column) AppendZero() {
	switch t := c.Type; {
	case t == schema.Bool:
		c.Bools = append(c.Bools, false)
	case t.IsInteger() || t == schema.Timestamptz:
		c.Ints = append(c.Ints, 0)
	case t.IsFloat():
		c.Floats = append(c.Floats, 0)
	case t.IsString() || t == schema.Geometry:
		c.Strings = append(c.Strings, "")
	case t == schema.JSON || t == schema.SparseFloatVector:
		c.Bytes = append(c.Bytes, nil)
	case t == schema.Array:
		c.Arrays = append(c.Arrays, nil)
	case t == schema.FloatVector:
		c.FloatVecs = append(c.FloatVecs, make([]float32, c.Dim)...)
	case t.IsVector():
		c.VecBytes = append(c.VecBytes, make([]byte, c.RowBytes())...)
	}
}

// Fill returns n rows of field f that carry no value of their own: f's
// default where it has one, nulls otherwise. It stands for a column a
// request left out, and for rows written before f was added to the schema.
func Fill(f *schema.Field, n int) *Column {
	c := New(f.DataType, f.Dim)
	c.Valid = make([]bool, n)
	for range n {
		c.AppendZero()
	}
	return FillDefaults(f, c)
}

// FillDefaults replaces c's null rows with f's default value; a field that
// is not nullable then has no null rows left.
func FillDefaults(f *schema.Field, c *Column) *Column {
	if c.Valid == nil || f.Default == nil {
		return c
	}
	for i, ok := range c.Valid {
		if ok {
			continue
		}
		c.Valid[i] = true
		switch {
		case f.DataType == schema.Bool:
			c.Bools[i] = f.Default.Bool
		case f.DataType.IsInteger() || f.DataType == schema.Timestamptz:
			c.Ints[i] = f.Default.Int
		case f.DataType.IsFloat():
			c.Floats[i] = f.Default.Float
		case f.DataType.IsString() || f.DataType == schema.Geometry:
			c.Strings[i] = f.Default.String
		}
	}
	if !f.Nullable {
		c.Valid = nil
	}
	return c
}
