package expr

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"reflect"
	"regexp"
	"strconv"
	"strings"

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

// numOf classifies a numeric value as int64 or float64.
func numOf(v any) (any, bool) {
	switch x := v.(type) {
	case int64, float64:
		return x, true
	case float32:
		return float64(x), true
	case json.Number:
		s := string(x)
		if !strings.ContainsAny(s, ".eE") {
			if i, err := strconv.ParseInt(s, 10, 64); err == nil {
				return i, true
			}
		}
		f, _ := strconv.ParseFloat(s, 64)
		return f, true
	}
	return nil, false
}

// numCompare compares two numbers exactly with math/big; ok is false for NaN.
func numCompare(a, b any) (int, bool) {
	x, y := toBig(a), toBig(b)
	if x == nil || y == nil {
		return 0, false
	}
	return x.Cmp(y), true
}

func toBig(v any) *big.Float {
	n, _ := numOf(v)
	if i, ok := n.(int64); ok {
		return new(big.Float).SetInt64(i)
	}
	f := n.(float64)
	if math.IsNaN(f) {
		return nil
	}
	return new(big.Float).SetFloat64(f)
}

// round32 rounds a numeric constant as a Float field stores it.
func round32(v any) any {
	if n, ok := numOf(v); ok {
		if i, isInt := n.(int64); isInt {
			return float64(float32(i))
		}
		return float64(float32(n.(float64)))
	}
	if arr, ok := v.([]any); ok {
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = round32(e)
		}
		return out
	}
	return v
}

// order compares two values; ok is false for incomparable types.
func order(a, b any) (int, bool) {
	_, an := numOf(a)
	_, bn := numOf(b)
	switch {
	case an && bn:
		return numCompare(a, b)
	case an || bn:
		return 0, false
	}
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return strings.Compare(x, y), ok
	case bool:
		y, ok := b.(bool)
		return cmpBool(x, y), ok
	case []any, map[string]any:
		if reflect.TypeOf(a) != reflect.TypeOf(b) {
			return 0, false
		}
		if equalAny(a, b) {
			return 0, true
		}
		return 1, true
	}
	return 0, false
}

// equalAny is equality with numbers compared by value.
func equalAny(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if xa, ok := a.([]any); ok {
		xb, ok := b.([]any)
		if !ok || len(xa) != len(xb) {
			return false
		}
		for i := range xa {
			if !equalAny(xa[i], xb[i]) {
				return false
			}
		}
		return true
	}
	if ma, ok := a.(map[string]any); ok {
		ja, _ := json.Marshal(ma)
		jb, _ := json.Marshal(b)
		var x, y any
		_ = json.Unmarshal(ja, &x)
		_ = json.Unmarshal(jb, &y)
		return reflect.DeepEqual(x, y)
	}
	c, ok := order(a, b)
	return ok && c == 0
}

// likeRegexp converts a LIKE pattern to an anchored regular expression.
func likeRegexp(pat string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	esc := false
	for _, c := range pat {
		switch {
		case esc:
			b.WriteString(regexp.QuoteMeta(string(c)))
			esc = false
		case c == '\\':
			esc = true
		case c == '%':
			b.WriteString(".*")
		case c == '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if esc {
		b.WriteString(`\\`)
	}
	return regexp.MustCompile(b.String() + "$")
}
