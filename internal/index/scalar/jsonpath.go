package scalar

import (
	"fmt"
	"math"
	"strings"

	"github.com/kite-db/kite/internal/column"

	"github.com/kite-db/kite/internal/schema"
)

// Cast is a JSON-path index's json_cast_type: the type the values at the
// path are read as. Values of other types are left out of the index, as
// Milvus leaves them out.
type Cast uint8

const (
	CastBool Cast = iota + 1
	CastDouble
	CastVarchar
	CastArrayBool
	CastArrayDouble
	CastArrayVarchar
	CastJSON // a whole object, flattened: accepted, not built by Kite
)

var castNames = map[Cast]string{CastBool: "BOOL", CastDouble: "DOUBLE", CastVarchar: "VARCHAR",
	CastArrayBool: "ARRAY_BOOL", CastArrayDouble: "ARRAY_DOUBLE", CastArrayVarchar: "ARRAY_VARCHAR", CastJSON: "JSON"}

func (c Cast) String() string { return castNames[c] }

// ParseCast reads a json_cast_type, in either case as Milvus accepts it.
func ParseCast(s string) (Cast, bool) {
	u := strings.ToUpper(strings.TrimSpace(s))
	for c, name := range castNames {
		if name == u {
			return c, true
		}
	}
	return 0, false
}

// IsArray reports whether the cast indexes the elements of JSON arrays.
func (c Cast) IsArray() bool { return c >= CastArrayBool && c <= CastArrayVarchar }

// Elem is the schema type of the indexed values (of the elements for
// the ARRAY casts); None for JSON.
func (c Cast) Elem() schema.DataType {
	switch c {
	case CastBool, CastArrayBool:
		return schema.Bool
	case CastDouble, CastArrayDouble:
		return schema.Double
	case CastVarchar, CastArrayVarchar:
		return schema.VarChar
	}
	return schema.None
}

// PathIndex is an index on the values at one path inside a JSON field of
// a sealed segment. Its lookups return the rows holding a matching value
// at the path; Nulls are the rows whose JSON field is null.
type PathIndex struct {
	ID   int64    // the catalog index
	Path []string // object keys and decimal array indexes, as filters read them
	Cast Cast
	Index
}

// PathEntries are the castable values found at a path: row Rows[i] holds
// Floats[i], Strings[i] or Bools[i], as the cast's kind says. A row may
// appear several times (an array's elements) or not at all (its value is
// missing or does not cast).
type PathEntries struct {
	Rows    []uint32
	Floats  []float64
	Strings []string
	Bools   []bool
}

// BuildPath builds the INVERTED index of a path index over a segment of
// rows rows; valid marks the rows whose JSON field is not null (nil: all).
// The file has the layout of an array field's index, whose rows match a
// key when one of their entries equals it: a row without entries never
// matches, yet is not null.
func BuildPath(c Cast, rows int, valid []bool, e PathEntries) (Index, error) {
	if c.Elem() == schema.None {
		return nil, fmt.Errorf("%w: json_cast_type %s", ErrUnsupported, c)
	}
	if rows > math.MaxUint32 {
		return nil, fmt.Errorf("%w: %d rows", ErrTooLarge, rows)
	}
	if valid != nil && len(valid) < rows {
		return nil, fmt.Errorf("scalar: %d validity flags for %d rows", len(valid), rows)
	}
	if n := len(e.Rows); n != len(e.Floats) && n != len(e.Strings) && n != len(e.Bools) {
		return nil, fmt.Errorf("scalar: %d path entries without as many values", n)
	}
	for _, r := range e.Rows {
		if int(r) >= rows {
			return nil, fmt.Errorf("scalar: entry for row %d of %d", r, rows)
		}
	}
	nulls := nullWords(&column.Column{Valid: valid}, rows)
	var data []byte
	var err error
	switch c.Elem() {
	case schema.Bool:
		h := header{typ: Inverted, kind: Int, array: true, rows: rows}
		data, err = encodePairs(h, nulls, collect(func(fn func(int64, int)) {
			for i, b := range e.Bools {
				fn(b2i(b), int(e.Rows[i]))
			}
		}))
	case schema.Double:
		h := header{typ: Inverted, kind: Float, array: true, rows: rows}
		data, err = encodePairs(h, nulls, collect(func(fn func(float64, int)) {
			for i, f := range e.Floats {
				if f == f {
					fn(f, int(e.Rows[i]))
				}
			}
		}))
	default:
		h := header{typ: Inverted, kind: String, array: true, rows: rows}
		data, err = encodePairs(h, nulls, collect(func(fn func(string, int)) {
			for i, s := range e.Strings {
				fn(s, int(e.Rows[i]))
			}
		}))
	}
	if err != nil {
		return nil, err
	}
	return decode(data, nil)
}
