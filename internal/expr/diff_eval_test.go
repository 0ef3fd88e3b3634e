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

// pred evaluates a predicate for the current row in three-valued logic.
func (r *refEval) pred(n Node) tri {
	switch n := n.(type) {
	case *BoolLit:
		return triOf(n.Value)
	case *Logical:
		acc := r.pred(n.Terms[0])
		for _, t := range n.Terms[1:] {
			if n.Op == tkAnd {
				acc = triAnd(acc, r.pred(t))
			} else {
				acc = triOr(acc, r.pred(t))
			}
		}
		return acc
	case *Unary:
		return triNot(r.pred(n.X))
	case *Binary:
		return r.binaryPred(n)
	case *Range:
		return r.rangePred(n)
	case *IsNull:
		return r.isNull(n)
	case *Exists:
		return r.exists(n.X)
	case *Call:
		return r.contains(n)
	}
	switch v := r.val(n).(type) { // a Bool field
	case bool:
		return triOf(v)
	case sqlNull:
		return triU
	}
	return triF
}

// operands evaluates both sides of a comparison, rounding a constant side
// to float32 when the other side is a Float field.
func (r *refEval) operands(l, rn Node) (any, any) {
	a, b := r.val(l), r.val(rn)
	if _, ok := a.(float32); ok && isConstNode(rn) {
		b = round32(b)
	}
	if _, ok := b.(float32); ok && isConstNode(l) {
		a = round32(a)
	}
	return a, b
}

func (r *refEval) binaryPred(n *Binary) tri {
	switch n.Op {
	case tkIn:
		t := r.in(n)
		if n.Not {
			return triNot(t)
		}
		return t
	case tkLike:
		switch x := r.val(n.L).(type) {
		case sqlNull:
			return triU
		case string:
			return triOf(likeRegexp(r.val(n.R).(string)).MatchString(x))
		}
		return triF
	}
	a, b := r.operands(n.L, n.R)
	return compareRef(n.Op, a, b)
}

func compareRef(op tokKind, a, b any) tri {
	for _, v := range []any{a, b} {
		if _, null := v.(sqlNull); null {
			return triU // null wins over a missing value on the other side
		}
	}
	for _, v := range []any{a, b} {
		if m, ok := v.(missing); ok {
			return triOf(m.json && op == tkNe)
		}
	}
	c, ok := order(a, b)
	if !ok {
		return triOf(op == tkNe)
	}
	return triOf(applyCmp(op, c))
}

func (r *refEval) in(n *Binary) tri {
	x, list := r.operands(n.L, n.R)
	switch x.(type) {
	case sqlNull:
		return triU
	case missing:
		return triF
	}
	for _, e := range list.([]any) {
		if equalAny(x, e) {
			return triT
		}
	}
	return triF
}

func (r *refEval) rangePred(n *Range) tri {
	lo, hi, loOp, hiOp := n.L, n.R, n.Op1, n.Op2
	if !lessOp(n.Op1) {
		lo, hi, loOp, hiOp = n.R, n.L, flipCmp(n.Op2), flipCmp(n.Op1)
	}
	x, lv := r.operands(n.X, lo)
	_, hv := r.operands(n.X, hi)
	switch x.(type) {
	case sqlNull:
		return triU
	case missing:
		return triF
	}
	c1, ok1 := order(lv, x)
	c2, ok2 := order(x, hv)
	return triOf(ok1 && ok2 && applyCmp(loOp, c1) && applyCmp(hiOp, c2))
}

func (r *refEval) isNull(n *IsNull) tri {
	if r.isJSONPath(n.X) {
		t := r.exists(n.X)
		if n.Not {
			return t
		}
		return triNot(t)
	}
	_, null := r.ref(n.X).(sqlNull)
	return triOf(null != n.Not)
}

func (r *refEval) exists(n Node) tri {
	switch r.ref(n).(type) {
	case sqlNull:
		return triU
	case missing:
		return triF
	}
	return triT
}

func (r *refEval) contains(n *Call) tri {
	var elems []any
	switch x := r.val(n.Args[0]).(type) {
	case sqlNull:
		return triU
	case []any:
		elems = x
	default:
		return triF
	}
	has := func(w any) bool {
		for _, e := range elems {
			if equalAny(e, w) {
				return true
			}
		}
		return false
	}
	arg := r.val(n.Args[1])
	switch {
	case strings.HasSuffix(n.Name, "_all"):
		for _, w := range arg.([]any) {
			if !has(w) {
				return triF
			}
		}
		return triT
	case strings.HasSuffix(n.Name, "_any"):
		for _, w := range arg.([]any) {
			if has(w) {
				return triT
			}
		}
		return triF
	}
	return triOf(has(arg))
}
