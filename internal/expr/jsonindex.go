package expr

import (
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/schema"
)

// PathIndexedBatch is the optional ability of a Batch to offer JSON-path
// indexes (CreateIndex with json_path and json_cast_type); a sealed
// segment's view has it.
type PathIndexedBatch interface {
	PathIndexes(fieldID int64) []scalar.PathIndex // those on one JSON field
}

// JSONPath is a parsed json_path: a JSON field (the dynamic field for a
// dynamic key) and the keys and indexes inside it.
type JSONPath struct {
	Field *schema.Field
	Path  []string
}

// ParseJSONPath reads a json_path as a filter names a JSON value:
// meta["a"]["b"], meta['a'][0], meta (the whole document), a dynamic key
// such as color or color["x"], or $meta["color"]. Anything else — a
// non-JSON field, an expression, a syntax error — is an error.
func ParseJSONPath(src string, sch *schema.Collection) (JSONPath, error) {
	n, err := Parse(src)
	if err != nil {
		return JSONPath{}, err
	}
	switch n.(type) {
	case *Ident, *Index:
	default:
		return JSONPath{}, typeErr(0, "json_path %s is not a path inside a JSON field", src)
	}
	c := &checker{sch: sch}
	t, err := c.checkRef(n)
	if err != nil {
		return JSONPath{}, err
	}
	o, ok := t.op.(*jsonOp)
	if !ok {
		return JSONPath{}, typeErr(0, "json_path %s is not a path inside a JSON field", src)
	}
	return JSONPath{Field: o.f, Path: o.path}, nil
}

// PathEntriesOf reads the values at path in the first n documents of a
// JSON column as the filter evaluator reads them, keeping those that cast:
// numbers for DOUBLE, strings for VARCHAR, booleans for BOOL, and for the
// ARRAY casts the elements of that type of an array. An index built from
// them therefore answers exactly as the scan does.
func PathEntriesOf(docs *column.Column, n int, path []string, c scalar.Cast) scalar.PathEntries {
	var e scalar.PathEntries
	add := func(v jval, row int) {
		switch {
		case c.Elem() == schema.Double && v.isNum():
			f := v.f
			if v.k == jInt {
				f = float64(v.i)
			}
			e.Floats = append(e.Floats, f)
		case c.Elem() == schema.VarChar && v.k == jString:
			e.Strings = append(e.Strings, string(v.raw))
		case c.Elem() == schema.Bool && v.k == jBool:
			e.Bools = append(e.Bools, v.i == 1)
		default:
			return
		}
		e.Rows = append(e.Rows, uint32(row))
	}
	for i := range min(n, len(docs.Bytes)) {
		if docs.Valid != nil && !docs.Valid[i] {
			continue
		}
		v := lookupJSON(docs.Bytes[i], path)
		if !c.IsArray() {
			add(v, i)
			continue
		}
		if v.k == jArray {
			eachElem(v.raw, func(x jval) bool { add(x, i); return true })
		}
	}
	return e
}
