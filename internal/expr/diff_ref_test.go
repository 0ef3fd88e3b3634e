package expr

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/kite-db/kite/internal/schema"
)

// The reference evaluator interprets the syntax tree one row at a time
// with plain Go values, independently of the plan and kernels, so the
// differential test can compare the two on random filters and data.
//
// Values: int64, float32 (a Float field), float64, string, bool, []any,
// map[string]any and json.Number (JSON numbers); nil is JSON null;
// sqlNull is a null field; missing is no value (JSON key absent or array
// index out of range; json says which, since != differs between them).

type sqlNull struct{}

type missing struct{ json bool }

type tri uint8

const (
	triF tri = iota
	triT
	triU
)

func triOf(b bool) tri {
	if b {
		return triT
	}
	return triF
}

func triNot(a tri) tri {
	switch a {
	case triT:
		return triF
	case triF:
		return triT
	}
	return triU
}

func triAnd(a, b tri) tri {
	switch {
	case a == triF || b == triF:
		return triF
	case a == triT && b == triT:
		return triT
	}
	return triU
}

func triOr(a, b tri) tri { return triNot(triAnd(triNot(a), triNot(b))) }

type refEval struct {
	sch  *schema.Collection
	b    *mapBatch
	tmpl map[string]any
	row  int
}

// isConstNode reports whether n has no field reference, so that its value
// is rounded to float32 when compared with a Float field.
func isConstNode(n Node) bool {
	switch n := n.(type) {
	case *IntLit, *FloatLit, *StringLit, *BoolLit, *Template:
		return true
	case *ArrayLit:
		for _, e := range n.Elems {
			if !isConstNode(e) {
				return false
			}
		}
		return true
	case *Unary:
		return isConstNode(n.X)
	case *Binary:
		return isConstNode(n.L) && isConstNode(n.R)
	}
	return false
}

// decodeJSON decodes a document with numbers kept as json.Number.
func decodeJSON(doc []byte) any {
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return missing{json: true}
	}
	return v
}

// walkJSON follows a path; a step is an object key or an array index.
func walkJSON(v any, path []string) any {
	for _, k := range path {
		switch x := v.(type) {
		case map[string]any:
			e, ok := x[k]
			if !ok {
				return missing{json: true}
			}
			v = e
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return missing{json: true}
			}
			v = x[i]
		default:
			return missing{json: true}
		}
	}
	return v
}

// fieldValue reads field f of the current row.
func (r *refEval) fieldValue(f *schema.Field) any {
	col := r.b.cols[f.ID]
	if col.Valid != nil && !col.Valid[r.row] {
		return sqlNull{}
	}
	switch {
	case f.DataType == schema.Float:
		return float32(col.Floats[r.row])
	case f.DataType == schema.Double:
		return col.Floats[r.row]
	case f.DataType.IsInteger():
		return col.Ints[r.row]
	case f.DataType == schema.VarChar:
		return col.Strings[r.row]
	case f.DataType == schema.Bool:
		return col.Bools[r.row]
	case f.DataType == schema.JSON:
		return decodeJSON(col.Bytes[r.row])
	}
	out := []any{}
	if a := col.Arrays[r.row]; a != nil {
		for i := 0; i < a.Len(); i++ {
			out = append(out, a.Value(i))
		}
	}
	return out
}

// ref resolves a field reference to its value.
func (r *refEval) ref(n Node) any {
	name, keys, _ := flattenRef(n)
	f := r.sch.FieldByName(name)
	if f == nil {
		f, keys = r.sch.DynamicField(), append([]string{name}, keys...)
	}
	v := r.fieldValue(f)
	if _, null := v.(sqlNull); null || len(keys) == 0 {
		return v
	}
	if f.DataType == schema.Array {
		arr := v.([]any)
		i, _ := strconv.Atoi(keys[0])
		if i >= len(arr) {
			return missing{}
		}
		return arr[i]
	}
	return walkJSON(v, keys)
}

// isJSONPath reports whether n reads a key inside a JSON field.
func (r *refEval) isJSONPath(n Node) bool {
	name, keys, _ := flattenRef(n)
	f := r.sch.FieldByName(name)
	return f == nil || (f.DataType == schema.JSON && len(keys) > 0)
}
