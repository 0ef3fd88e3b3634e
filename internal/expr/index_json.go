package expr

import (
	"slices"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/index/scalar"
)

// A JSON-path index holds, per row, the values at its path that cast to
// its type; rows whose value is missing or of another type have no
// entries. It answers a predicate on the same path exactly as the scan
// does when every constant has the cast's type, because then only values
// of that type can satisfy the predicate (and != or not-in hold for all
// the others, which the complement of a lookup gives).

// pathIndex returns the index of the batch on x's JSON path whose cast is
// want, when x is a JSON path and there is one covering the batch's rows.
func (c *evalCtx) pathIndex(x operand, want scalar.Cast) (scalar.Index, bool) {
	o, ok := x.(*jsonOp)
	if !ok || want == 0 {
		return nil, false
	}
	pb, ok := c.b.(PathIndexedBatch)
	if !ok {
		return nil, false
	}
	for _, p := range pb.PathIndexes(o.f.ID) {
		if p.Cast == want && slices.Equal(p.Path, o.path) && p.Index != nil && p.Len() == c.n {
			return p.Index, true
		}
	}
	return nil, false
}

// maxExact bounds the numeric constants a DOUBLE index answers for: every
// integer below it in magnitude is exact as a float64, so comparing the
// float64 of a JSON integer with it orders them as the exact scan does.
const maxExact = 1 << 53

// pathKey is the index key of constant v and the scalar cast whose
// values v can equal.
func pathKey(v value) (scalar.Key, scalar.Cast, bool) {
	switch v.k {
	case kInt:
		if v.i <= -maxExact || v.i >= maxExact {
			return scalar.Key{}, 0, false
		}
		return floatKey(float64(v.i)), scalar.CastDouble, true
	case kFloat:
		if v.f != v.f || v.f <= -maxExact || v.f >= maxExact {
			return scalar.Key{}, 0, false
		}
		return floatKey(v.f), scalar.CastDouble, true
	case kString:
		return strKey(v.s), scalar.CastVarchar, true
	case kBool:
		return intKey(b2i(v.b)), scalar.CastBool, true
	}
	return scalar.Key{}, 0, false
}

// pathKeys turns a list of constants into keys, when all share one cast.
func pathKeys(vals []value) ([]scalar.Key, scalar.Cast, bool) {
	var keys []scalar.Key
	var cast scalar.Cast
	for _, v := range vals {
		k, c, ok := pathKey(v)
		if !ok || (cast != 0 && c != cast) {
			return nil, 0, false
		}
		keys, cast = append(keys, k), c
	}
	return keys, cast, cast != 0
}

// arrayCast is the ARRAY_* cast whose elements are those of scalar cast c.
func arrayCast(c scalar.Cast) scalar.Cast {
	switch c {
	case scalar.CastBool:
		return scalar.CastArrayBool
	case scalar.CastDouble:
		return scalar.CastArrayDouble
	case scalar.CastVarchar:
		return scalar.CastArrayVarchar
	}
	return 0
}

func (p *cmpPred) fromPathIndex(c *evalCtx) (res, bool) {
	k, cast, ok := pathKey(p.c)
	if !ok {
		return res{}, false
	}
	ix, ok := c.pathIndex(p.x, cast)
	if !ok {
		return res{}, false
	}
	t, ok := orderedCmpIndex(ix, p.op, k)
	if !ok {
		return res{}, false
	}
	return indexRes(ix, t), true
}

func (p *rangePred) fromPathIndex(c *evalCtx) (res, bool) {
	keys, cast, ok := pathKeys([]value{p.lo, p.hi})
	if !ok {
		return res{}, false
	}
	ix, ok := c.pathIndex(p.x, cast)
	if !ok {
		return res{}, false
	}
	t, ok := ranged(ix, scalar.Range{Lo: keys[0], Hi: keys[1], HasLo: true, HasHi: true, LoIncl: p.loIncl, HiIncl: p.hiIncl})
	if !ok {
		return res{}, false
	}
	return indexRes(ix, t), true
}

func (p *termPred) fromPathIndex(c *evalCtx) (res, bool) {
	keys, cast, ok := pathKeys(p.vals)
	if !ok {
		return res{}, false
	}
	ix, ok := c.pathIndex(p.x, cast)
	if !ok {
		return res{}, false
	}
	return indexRes(ix, ix.Terms(keys)), true
}

func (p *likePred) fromPathIndex(c *evalCtx) (res, bool) {
	ix, ok := c.pathIndex(p.x, scalar.CastVarchar)
	if !ok {
		return res{}, false
	}
	return p.answer(ix)
}

// fromPathIndex answers json_contains(_any|_all) from an ARRAY_* index,
// whose entries are the elements of the row's array.
func (p *containsPred) fromPathIndex(c *evalCtx) (res, bool) {
	keys, cast, ok := pathKeys(p.vals)
	if !ok {
		return res{}, false // also for an empty list: _all holds for every array
	}
	ix, ok := c.pathIndex(p.x, arrayCast(cast))
	if !ok {
		return res{}, false
	}
	if p.mode != containsAll {
		return indexRes(ix, ix.Terms(keys)), true
	}
	t := bitset.NewFull(c.n)
	for _, k := range keys {
		t.And(ix.Terms([]scalar.Key{k}))
	}
	return indexRes(ix, t), true
}
