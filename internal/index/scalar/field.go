package scalar

import (
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// Field is the type of an indexed field; Elem is an array's element type.
type Field struct {
	Type, Elem schema.DataType
}

func (f Field) isArray() bool { return f.Type == schema.Array }

// kind is the key kind of the field's values (of its elements for arrays).
func (f Field) kind() (Kind, bool) {
	t := f.Type
	if f.isArray() {
		t = f.Elem
	}
	switch {
	case t == schema.Bool, t.IsInteger(), t == schema.Timestamptz:
		return Int, true
	case t.IsFloat():
		return Float, true
	case t == schema.VarChar || t == schema.String:
		return String, true
	}
	return 0, false
}

// isBool reports whether the values (or elements) are booleans.
func (f Field) isBool() bool {
	return f.Type == schema.Bool || (f.isArray() && f.Elem == schema.Bool)
}

// Supports reports whether an index of type t can be built on f.
func Supports(t Type, f Field) bool {
	k, ok := f.kind()
	switch {
	case !ok:
		return false
	case t == Inverted:
		return true
	case t == Sort:
		return !f.isArray() && !f.isBool()
	case t == Bitmap:
		return k != Float
	case t == Trie:
		return k == String && !f.isArray()
	}
	return false
}

// rowCount is the number of rows of col, checked against its slices.
func rowCount(f Field, col *column.Column) int {
	if f.isArray() {
		return len(col.Arrays)
	}
	switch k, _ := f.kind(); {
	case f.isBool():
		return len(col.Bools)
	case k == Int:
		return len(col.Ints)
	case k == Float:
		return len(col.Floats)
	}
	return len(col.Strings)
}

func isNull(col *column.Column, i int) bool { return col.Valid != nil && !col.Valid[i] }

// The each* functions call fn for every (key, row) of the column in row
// order, skipping nulls and NaNs; an array row appears once per element.

func eachInt(f Field, col *column.Column, fn func(k int64, row int)) {
	n := rowCount(f, col)
	switch {
	case f.isArray():
		eachArray(col, n, func(a *column.Column, row int) {
			for _, b := range a.Bools {
				fn(b2i(b), row)
			}
			for _, x := range a.Ints {
				fn(x, row)
			}
		})
	case f.isBool():
		for i, b := range col.Bools[:n] {
			if !isNull(col, i) {
				fn(b2i(b), i)
			}
		}
	default:
		for i, x := range col.Ints[:n] {
			if !isNull(col, i) {
				fn(x, i)
			}
		}
	}
}

func eachFloat(f Field, col *column.Column, fn func(k float64, row int)) {
	n := rowCount(f, col)
	if f.isArray() {
		eachArray(col, n, func(a *column.Column, row int) {
			for _, x := range a.Floats {
				if x == x {
					fn(x, row)
				}
			}
		})
		return
	}
	for i, x := range col.Floats[:n] {
		if x == x && !isNull(col, i) {
			fn(x, i)
		}
	}
}

func eachString(f Field, col *column.Column, fn func(k string, row int)) {
	n := rowCount(f, col)
	if f.isArray() {
		eachArray(col, n, func(a *column.Column, row int) {
			for _, x := range a.Strings {
				fn(x, row)
			}
		})
		return
	}
	for i, x := range col.Strings[:n] {
		if !isNull(col, i) {
			fn(x, i)
		}
	}
}

// eachArray calls one for each non-null array row.
func eachArray(col *column.Column, n int, one func(a *column.Column, row int)) {
	for i, a := range col.Arrays[:n] {
		if a != nil && !isNull(col, i) {
			one(a, i)
		}
	}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
