package expr

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/kite-db/kite/internal/schema"
)

// val computes an operand or constant for the current row.
func (r *refEval) val(n Node) any {
	switch n := n.(type) {
	case *IntLit:
		return n.Value
	case *FloatLit:
		return n.Value
	case *StringLit:
		return n.Value
	case *BoolLit:
		return n.Value
	case *Template:
		v, _ := fromGo(r.tmpl[n.Name])
		return goOf(v)
	case *ArrayLit:
		out := make([]any, len(n.Elems))
		for i, e := range n.Elems {
			out[i] = r.val(e)
		}
		return out
	case *Ident, *Index:
		return r.ref(n)
	case *Unary:
		x := r.val(n.X)
		if n.Op == tkPlus {
			return x
		}
		return arithRef(tkMinus, int64(0), x, r.jsonish(n))
	case *Binary:
		return arithRef(n.Op, r.val(n.L), r.val(n.R), r.jsonish(n))
	case *Call: // array_length
		switch x := r.val(n.Args[0]).(type) {
		case sqlNull:
			return x
		case []any:
			return int64(len(x))
		}
		return missing{}
	}
	panic("reference: unexpected node " + n.String())
}

func goOf(v value) any {
	switch v.k {
	case kBool:
		return v.b
	case kInt:
		return v.i
	case kFloat:
		return v.f
	case kString:
		return v.s
	case kArray:
		out := make([]any, len(v.arr))
		for i, e := range v.arr {
			out[i] = goOf(e)
		}
		return out
	case kObject:
		return v.obj
	}
	return nil
}

// arithRef is arithmetic as the filter language defines it: int64 wraps,
// a float makes the result float, a zero integer divisor gives no value,
// and JSON operands give JSON results (non-numbers: no value).
func arithRef(op tokKind, a, b any, isJSON bool) any {
	for _, v := range []any{a, b} {
		switch v.(type) {
		case sqlNull, missing:
			return v
		}
	}
	x, okx := numOf(a)
	y, oky := numOf(b)
	if !okx || !oky {
		return missing{json: isJSON}
	}
	if op == tkPow {
		return math.Pow(toF(x), toF(y))
	}
	xi, xInt := x.(int64)
	yi, yInt := y.(int64)
	var out any
	switch {
	case xInt && yInt:
		r, ok := intOp(op, xi, yi)
		if !ok {
			return missing{json: isJSON}
		}
		out = r
	case op == tkPercent:
		return missing{json: isJSON}
	default:
		out = floatOp(op, toF(x), toF(y))
	}
	if isJSON {
		return jsonNumber(out)
	}
	return out
}

// jsonish reports whether n computes on a JSON value.
func (r *refEval) jsonish(n Node) bool {
	switch n := n.(type) {
	case *Ident, *Index:
		name, _, _ := flattenRef(n)
		f := r.sch.FieldByName(name)
		return f == nil || f.DataType == schema.JSON
	case *Unary:
		return r.jsonish(n.X)
	case *Binary:
		return r.jsonish(n.L) || r.jsonish(n.R)
	}
	return false
}

func toF(v any) float64 {
	if i, ok := v.(int64); ok {
		return float64(i)
	}
	return v.(float64)
}

func jsonNumber(v any) json.Number {
	if i, ok := v.(int64); ok {
		return json.Number(strconv.FormatInt(i, 10))
	}
	s := strconv.FormatFloat(v.(float64), 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEIN") {
		s += ".0"
	}
	return json.Number(s)
}
