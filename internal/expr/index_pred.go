package expr

import (
	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/index/scalar"
)

// Each fromIndex answers a predicate from the operand's scalar index, or
// reports false when there is none or it cannot answer this predicate
// exactly as the scan would; the scan then runs.

func (p *cmpPred) fromIndex(c *evalCtx) (res, bool) {
	o, ix := c.scalarIndex(p.x)
	if ix == nil {
		return p.fromPathIndex(c)
	}
	var t *bitset.Bitset
	ok := false
	switch o.t.k {
	case kInt:
		t, ok = intCmpIndex(ix, c.n, p.op, p.c)
	case kBool:
		t, ok = intCmpIndex(ix, c.n, p.op, intVal(b2i(p.c.b)))
	case kFloat:
		if p.c.k == kInt && !o.t.f32 && (p.c.i > 1<<53 || p.c.i < -1<<53) {
			return res{}, false // compared exactly, row by row
		}
		t, ok = orderedCmpIndex(ix, p.op, floatKey(floatConst(p.c, o.t.f32)))
	case kString:
		t, ok = orderedCmpIndex(ix, p.op, strKey(p.c.s))
	}
	if !ok {
		return res{}, false
	}
	return indexRes(ix, t), true
}

// intCmpIndex is cmpInts over an index: a float constant becomes an exact
// integer bound.
func intCmpIndex(ix scalar.Index, n int, op tokKind, c value) (*bitset.Bitset, bool) {
	switch op {
	case tkEq, tkNe:
		eq := bitset.New(n)
		if ci, exact := exactInt(c); exact {
			eq = ix.Terms([]scalar.Key{intKey(ci)})
		}
		if op == tkNe {
			eq.Not()
		}
		return eq, true
	case tkGt, tkGe:
		lo, ok := lowerInt(c, op == tkGe)
		if !ok {
			return bitset.New(n), true
		}
		return ranged(ix, scalar.Range{Lo: intKey(lo), HasLo: true, LoIncl: true})
	}
	hi, ok := upperInt(c, op == tkLe)
	if !ok {
		return bitset.New(n), true
	}
	return ranged(ix, scalar.Range{Hi: intKey(hi), HasHi: true, HiIncl: true})
}

// orderedCmpIndex compares float or string values with k. A NaN bound
// matches nothing, and != everything, as in the scan.
func orderedCmpIndex(ix scalar.Index, op tokKind, k scalar.Key) (*bitset.Bitset, bool) {
	switch op {
	case tkEq:
		return ix.Terms([]scalar.Key{k}), true
	case tkNe:
		t := ix.Terms([]scalar.Key{k})
		t.Not()
		return t, true
	case tkLt, tkLe:
		return ranged(ix, scalar.Range{Hi: k, HasHi: true, HiIncl: op == tkLe})
	}
	return ranged(ix, scalar.Range{Lo: k, HasLo: true, LoIncl: op == tkGe})
}

func (p *rangePred) fromIndex(c *evalCtx) (res, bool) {
	o, ix := c.scalarIndex(p.x)
	if ix == nil {
		return p.fromPathIndex(c)
	}
	r := scalar.Range{HasLo: true, HasHi: true, LoIncl: p.loIncl, HiIncl: p.hiIncl}
	switch o.t.k {
	case kInt:
		lo, ok1 := lowerInt(p.lo, p.loIncl)
		hi, ok2 := upperInt(p.hi, p.hiIncl)
		if !ok1 || !ok2 {
			return indexRes(ix, bitset.New(c.n)), true
		}
		r = scalar.Range{Lo: intKey(lo), Hi: intKey(hi), HasLo: true, HasHi: true, LoIncl: true, HiIncl: true}
	case kFloat:
		r.Lo, r.Hi = floatKey(floatConst(p.lo, o.t.f32)), floatKey(floatConst(p.hi, o.t.f32))
	case kString:
		r.Lo, r.Hi = strKey(p.lo.s), strKey(p.hi.s)
	default:
		return res{}, false
	}
	t, ok := ranged(ix, r)
	if !ok {
		return res{}, false
	}
	return indexRes(ix, t), true
}

func (p *termPred) fromIndex(c *evalCtx) (res, bool) {
	o, ix := c.scalarIndex(p.x)
	if ix == nil {
		return p.fromPathIndex(c)
	}
	if o.t.k == kArray {
		return res{}, false
	}
	return indexRes(ix, ix.Terms(setKeys(p.set, o.t.k))), true
}

func (p *likePred) fromIndex(c *evalCtx) (res, bool) {
	o, ix := c.scalarIndex(p.x)
	if ix == nil {
		return p.fromPathIndex(c)
	}
	if o.t.k != kString {
		return res{}, false
	}
	return p.answer(ix)
}

// answer looks an exact or prefix pattern up in a string index; other
// patterns need the scan.
func (p *likePred) answer(ix scalar.Index) (res, bool) {
	switch p.pat.shape {
	case likeExact:
		return indexRes(ix, ix.Terms([]scalar.Key{strKey(p.pat.lit)})), true
	case likePrefix:
		if px, ok := ix.(scalar.Prefixer); ok {
			return indexRes(ix, px.Prefix(p.pat.lit)), true
		}
	}
	return res{}, false
}

func (p *containsPred) fromIndex(c *evalCtx) (res, bool) {
	o, ix := c.scalarIndex(p.x)
	if ix == nil {
		return p.fromPathIndex(c)
	}
	if o.t.k != kArray {
		return res{}, false
	}
	if p.mode != containsAll {
		return indexRes(ix, ix.Terms(setKeys(p.set, o.t.elem))), true
	}
	t := bitset.NewFull(c.n)
	for _, w := range p.vals {
		k, ok := elemKey(o.t.elem, w, o.t.f32)
		if !ok {
			return indexRes(ix, bitset.New(c.n)), true
		}
		t.And(ix.Terms([]scalar.Key{k}))
	}
	return indexRes(ix, t), true
}
