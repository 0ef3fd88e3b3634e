package expr

import (
	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/index/scalar"
)

// IndexedBatch is the optional ability of a Batch to offer scalar indexes;
// a sealed segment's view has it. Comparisons, ranges, in-lists, LIKE
// prefixes and array_contains on a plain field with an index are answered
// from the index instead of a scan, with the same rows as the scan.
type IndexedBatch interface {
	ScalarIndex(fieldID int64) scalar.Index // nil when the field has none
}

// scalarIndex returns the plain field x reads and its index, when the
// batch has one that covers exactly the batch's rows.
func (c *evalCtx) scalarIndex(x operand) (*fieldOp, scalar.Index) {
	o, ok := x.(*fieldOp)
	if !ok {
		return nil, nil
	}
	ib, ok := c.b.(IndexedBatch)
	if !ok {
		return nil, nil
	}
	ix := ib.ScalarIndex(o.f.ID)
	if ix == nil || ix.Len() != c.n || ix.Kind() != keyKind(o.t) {
		return nil, nil
	}
	return o, ix
}

// keyKind is the kind of index key that values of type t are looked up as.
func keyKind(t optype) scalar.Kind {
	k := t.k
	if k == kArray {
		k = t.elem
	}
	switch k {
	case kBool, kInt:
		return scalar.Int
	case kFloat:
		return scalar.Float
	case kString:
		return scalar.String
	}
	return 0
}

// indexRes turns t, the rows whose value satisfied the predicate, into a
// result as vector.finish does: null rows are unknown, never true.
func indexRes(ix scalar.Index, t *bitset.Bitset) res {
	null := ix.Nulls()
	if null != nil {
		t.AndNot(null)
	}
	return res{t: t, unk: null}
}

func intKey(i int64) scalar.Key     { return scalar.Key{Int: i} }
func floatKey(f float64) scalar.Key { return scalar.Key{Float: f} }
func strKey(s string) scalar.Key    { return scalar.Key{Str: s} }

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// setKeys lists the members of an in-list that values of kind k can
// equal, as index keys: the lookups valueSet.has* would answer true for.
func setKeys(s *valueSet, k kind) []scalar.Key {
	var keys []scalar.Key
	switch k {
	case kInt:
		for i := range s.ints {
			keys = append(keys, intKey(i))
		}
	case kBool:
		if s.hasTrue {
			keys = append(keys, intKey(1))
		}
		if s.hasFalse {
			keys = append(keys, intKey(0))
		}
	case kFloat:
		for i := range s.ints { // a float row matches when it is exactly i
			if j, ok := exactInt(floatVal(float64(i))); ok && j == i {
				keys = append(keys, floatKey(float64(i)))
			}
		}
		for f := range s.floats {
			keys = append(keys, floatKey(f))
		}
	case kString:
		for x := range s.strs {
			keys = append(keys, strKey(x))
		}
	}
	return keys
}

// elemKey is the key an array element must equal for elemEquals to hold.
func elemKey(k kind, w value, f32 bool) (scalar.Key, bool) {
	switch {
	case k == kInt && w.isNum():
		i, ok := exactInt(w)
		return intKey(i), ok
	case k == kFloat && w.isNum():
		f := floatConst(w, f32)
		return floatKey(f), f == f
	case k == kString && w.k == kString:
		return strKey(w.s), true
	case k == kBool && w.k == kBool:
		return intKey(b2i(w.b)), true
	}
	return scalar.Key{}, false
}

func ranged(ix scalar.Index, r scalar.Range) (*bitset.Bitset, bool) {
	rg, ok := ix.(scalar.Ranger)
	if !ok {
		return nil, false
	}
	return rg.Range(r), true
}
