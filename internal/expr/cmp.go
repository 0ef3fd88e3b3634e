package expr

import (
	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
)

// cmpPred is x op c: an operand compared with a constant, the most common
// filter. Plain int, float and string fields take the tight loops.
type cmpPred struct {
	x  operand
	op tokKind
	c  value
}

func (p *cmpPred) cost() int              { return p.x.cost() }
func (p *cmpPred) fields(add func(int64)) { p.x.fields(add) }

func (p *cmpPred) String() string {
	return "(" + p.x.String() + " " + opText[p.op] + " " + p.c.String() + ")"
}

func (p *cmpPred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	if r, ok := p.fromIndex(c); ok {
		return r, nil
	}
	v, err := p.x.eval(c, mask)
	if err != nil {
		return res{}, err
	}
	return v.finish(cmpVector(c.n, v, p.op, p.c, mask)), nil
}

func cmpVector(n int, v *vector, op tokKind, c value, mask *bitset.Bitset) *bitset.Bitset {
	switch v.k {
	case kInt:
		return cmpInts(n, v.ints, op, c)
	case kFloat:
		return cmpFloats(n, v.floats, op, c, v.f32)
	case kString:
		return cmpLoop(n, v.strs, op, c.s)
	case kBool:
		return cmpBools(n, v.bools, op, c.b)
	}
	t := bitset.New(n)
	if v.k == kJSON {
		forRows(n, mask, func(i int) {
			if jCmp(v.js[i], op, c) {
				t.Set(i)
			}
		})
		return t
	}
	forRows(n, mask, func(i int) { // whole arrays: == and != only
		if arrayEqual(v.arrs[i], v.elem, v.f32, c.arr) == (op == tkEq) {
			t.Set(i)
		}
	})
	return t
}

func cmpBools(n int, xs []bool, op tokKind, c bool) *bitset.Bitset {
	t := bitset.New(n)
	for i, x := range xs {
		if applyCmp(op, cmpBool(x, c)) {
			t.Set(i)
		}
	}
	return t
}

// arrayEqual compares an array value with a constant list.
func arrayEqual(a *column.Column, k kind, f32 bool, want []value) bool {
	if elemCount(a, k) != len(want) {
		return false
	}
	for j, w := range want {
		if !elemEquals(a, k, j, w, f32) {
			return false
		}
	}
	return true
}

// elemEquals compares element j of a with a constant.
func elemEquals(a *column.Column, k kind, j int, w value, f32 bool) bool {
	switch {
	case k == kInt && w.isNum():
		r, ok := cmpNum(intVal(a.Ints[j]), w)
		return ok && r == 0
	case k == kFloat && w.isNum():
		return a.Floats[j] == floatConst(w, f32)
	case k == kString && w.k == kString:
		return a.Strings[j] == w.s
	case k == kBool && w.k == kBool:
		return a.Bools[j] == w.b
	}
	return false
}

// rangePred is lo < x < hi with either bound inclusive.
type rangePred struct {
	x              operand
	lo, hi         value
	loIncl, hiIncl bool
}

func (p *rangePred) cost() int              { return p.x.cost() }
func (p *rangePred) fields(add func(int64)) { p.x.fields(add) }

func (p *rangePred) String() string {
	op1, op2 := "<", "<"
	if p.loIncl {
		op1 = "<="
	}
	if p.hiIncl {
		op2 = "<="
	}
	return "(" + p.lo.String() + " " + op1 + " " + p.x.String() + " " + op2 + " " + p.hi.String() + ")"
}

func (p *rangePred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	if r, ok := p.fromIndex(c); ok {
		return r, nil
	}
	v, err := p.x.eval(c, mask)
	if err != nil {
		return res{}, err
	}
	var t *bitset.Bitset
	switch v.k {
	case kInt:
		lo, ok1 := lowerInt(p.lo, p.loIncl)
		hi, ok2 := upperInt(p.hi, p.hiIncl)
		if t = bitset.New(c.n); ok1 && ok2 {
			t = intRange(c.n, v.ints, lo, hi)
		}
	case kFloat:
		t = floatRange(c.n, v.floats, floatConst(p.lo, v.f32), floatConst(p.hi, v.f32), p.loIncl, p.hiIncl)
	default:
		t = bitset.New(c.n)
		forRows(c.n, mask, func(i int) {
			if p.inRow(v, i) {
				t.Set(i)
			}
		})
	}
	return v.finish(t), nil
}

// inRow tests one string or JSON row against both bounds.
func (p *rangePred) inRow(v *vector, i int) bool {
	var r1, r2 int
	if v.k == kString {
		r1, r2 = cmp3(v.strs[i], p.lo.s), cmp3(v.strs[i], p.hi.s)
	} else {
		var ok1, ok2 bool
		r1, ok1 = jCompare(v.js[i], p.lo)
		r2, ok2 = jCompare(v.js[i], p.hi)
		if !ok1 || !ok2 {
			return false
		}
	}
	return (r1 > 0 || (p.loIncl && r1 == 0)) && (r2 < 0 || (p.hiIncl && r2 == 0))
}
