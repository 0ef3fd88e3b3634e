package expr

import (
	"math"

	"github.com/kite-db/kite/internal/bitset"
)

// arithOp is x op c, or c op x when constLeft: arithmetic between one
// operand and a constant, as in "price * 2 > 10" or "age % 2 == 0".
// Integer arithmetic wraps like the int64 columns it runs on; an integer
// division by a zero row value yields no value.
type arithOp struct {
	op        tokKind
	x         operand
	c         value
	constLeft bool
	t         optype
}

func (o *arithOp) typ() optype            { return o.t }
func (o *arithOp) fields(add func(int64)) { o.x.fields(add) }
func (o *arithOp) cost() int              { return o.x.cost() + 1 }

func (o *arithOp) String() string {
	if o.constLeft && o.op == tkMinus && o.c.k == kInt && o.c.i == 0 {
		return "(-" + o.x.String() + ")"
	}
	if o.constLeft {
		return "(" + o.c.String() + " " + opText[o.op] + " " + o.x.String() + ")"
	}
	return "(" + o.x.String() + " " + opText[o.op] + " " + o.c.String() + ")"
}

func (o *arithOp) eval(c *evalCtx, mask *bitset.Bitset) (*vector, error) {
	v, err := o.x.eval(c, mask)
	if err != nil {
		return nil, err
	}
	out := &vector{k: o.t.k, null: v.null, miss: v.miss}
	switch {
	case v.k == kJSON:
		out.js = make([]jval, c.n)
		forRows(c.n, mask, func(i int) { out.js[i] = o.jsonRow(v.js[i]) })
	case o.t.k == kInt:
		var zero *bitset.Bitset
		out.ints, zero = arithInts(v.ints, o.op, o.c.i, o.constLeft)
		out.miss = union(out.miss, zero)
	default:
		out.floats = arithFloats(floatsOf(v), o.op, o.c.asFloat(), o.constLeft)
	}
	return out, nil
}

// union returns a | b without modifying either.
func union(a, b *bitset.Bitset) *bitset.Bitset {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	u := a.Clone()
	u.Or(b)
	return u
}

func floatsOf(v *vector) []float64 {
	if v.k == kFloat {
		return v.floats
	}
	out := make([]float64, len(v.ints))
	for i, x := range v.ints {
		out[i] = float64(x)
	}
	return out
}

// arithInts computes x op k (k op x when constLeft) for every row. The
// checker rejects a zero constant divisor; zero row divisors are
// returned as rows without a value.
func arithInts(xs []int64, op tokKind, k int64, constLeft bool) ([]int64, *bitset.Bitset) {
	out := make([]int64, len(xs))
	var zero *bitset.Bitset
	for i, x := range xs {
		a, b := x, k
		if constLeft {
			a, b = k, x
		}
		r, ok := intOp(op, a, b)
		if !ok {
			if zero == nil {
				zero = bitset.New(len(xs))
			}
			zero.Set(i)
		}
		out[i] = r
	}
	return out, zero
}

// intOp is wrapping int64 arithmetic; ok is false for a zero divisor.
func intOp(op tokKind, a, b int64) (int64, bool) {
	switch op {
	case tkPlus:
		return a + b, true
	case tkMinus:
		return a - b, true
	case tkStar:
		return a * b, true
	}
	if b == 0 {
		return 0, false
	}
	if op == tkSlash {
		return a / b, true
	}
	return a % b, true
}

func arithFloats(xs []float64, op tokKind, k float64, constLeft bool) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		if constLeft {
			out[i] = floatOp(op, k, x)
		} else {
			out[i] = floatOp(op, x, k)
		}
	}
	return out
}

func floatOp(op tokKind, a, b float64) float64 {
	switch op {
	case tkPlus:
		return a + b
	case tkMinus:
		return a - b
	case tkStar:
		return a * b
	case tkSlash:
		return a / b
	}
	return math.NaN() // modulo on floats is rejected when compiling
}

// jsonRow applies the operation to one JSON value: integers stay
// integers, anything with a float is float, and non-numbers have no value.
func (o *arithOp) jsonRow(v jval) jval {
	if !v.isNum() {
		return jval{}
	}
	if v.k == jInt && o.c.k == kInt {
		a, b := v.i, o.c.i
		if o.constLeft {
			a, b = b, a
		}
		r, ok := intOp(o.op, a, b)
		if !ok {
			return jval{}
		}
		return jval{k: jInt, i: r}
	}
	if o.op == tkPercent {
		return jval{}
	}
	a, b := v.num().asFloat(), o.c.asFloat()
	if o.constLeft {
		a, b = b, a
	}
	return jval{k: jFloat, f: floatOp(o.op, a, b)}
}
