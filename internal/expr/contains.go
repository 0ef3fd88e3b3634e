package expr

import (
	"slices"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

type containsMode uint8

const (
	containsOne containsMode = iota // json_contains, array_contains
	containsAll
	containsAny
)

// containsPred is json_contains / array_contains and their _all and _any
// forms, on a JSON value that must be an array or on an array field.
type containsPred struct {
	name string // as written, lower-cased, for String
	x    operand
	mode containsMode
	vals []value   // one value for containsOne
	set  *valueSet // vals, for containsOne and containsAny
}

func (p *containsPred) cost() int              { return p.x.cost() + 5 }
func (p *containsPred) fields(add func(int64)) { p.x.fields(add) }

func (p *containsPred) String() string {
	arg := value{k: kArray, arr: p.vals}
	if p.mode == containsOne {
		arg = p.vals[0]
	}
	return p.name + "(" + p.x.String() + ", " + arg.String() + ")"
}

func (p *containsPred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	if r, ok := p.fromIndex(c); ok {
		return r, nil
	}
	v, err := p.x.eval(c, mask)
	if err != nil {
		return res{}, err
	}
	t := bitset.New(c.n)
	forRows(c.n, mask, func(i int) {
		var ok bool
		if v.k == kJSON {
			ok = v.js[i].k == jArray && p.matchJSON(v.js[i].raw)
		} else {
			ok = p.matchArray(v.arrs[i], v.elem, v.f32)
		}
		if ok {
			t.Set(i)
		}
	})
	return v.finish(t), nil
}

// matchJSON tests a JSON array.
func (p *containsPred) matchJSON(raw []byte) bool {
	if p.mode != containsAll {
		found := false
		eachElem(raw, func(e jval) bool { found = p.set.hasJSON(e); return !found })
		return found
	}
	var elems []jval
	eachElem(raw, func(e jval) bool { elems = append(elems, e); return true })
	for i := range p.vals {
		if !slices.ContainsFunc(elems, func(e jval) bool { return jEqual(e, p.vals[i]) }) {
			return false
		}
	}
	return true
}

// matchArray tests an array field's value.
func (p *containsPred) matchArray(a *column.Column, k kind, f32 bool) bool {
	n := elemCount(a, k)
	if p.mode != containsAll {
		return p.anyIn(a, k, n)
	}
	for i := range p.vals {
		found := false
		for j := 0; j < n && !found; j++ {
			found = elemEquals(a, k, j, p.vals[i], f32)
		}
		if !found {
			return false
		}
	}
	return true
}

// anyIn reports whether any of the first n elements of a is in the set.
func (p *containsPred) anyIn(a *column.Column, k kind, n int) bool {
	if n == 0 {
		return false // also when a is nil
	}
	s := p.set
	switch k {
	case kInt:
		return slices.ContainsFunc(a.Ints[:n], s.hasInt)
	case kFloat:
		return slices.ContainsFunc(a.Floats[:n], s.hasFloat)
	case kString:
		return slices.ContainsFunc(a.Strings[:n], func(x string) bool { _, ok := s.strs[x]; return ok })
	}
	return slices.ContainsFunc(a.Bools[:n], func(x bool) bool { return (x && s.hasTrue) || (!x && s.hasFalse) })
}

// lenOp is array_length(x) of an array field or a JSON array; other JSON
// values have no length.
type lenOp struct{ x operand }

func (o *lenOp) typ() optype            { return optype{k: kInt, dt: schema.Int64} }
func (o *lenOp) fields(add func(int64)) { o.x.fields(add) }
func (o *lenOp) cost() int              { return o.x.cost() + 1 }
func (o *lenOp) String() string         { return "array_length(" + o.x.String() + ")" }

func (o *lenOp) eval(c *evalCtx, mask *bitset.Bitset) (*vector, error) {
	v, err := o.x.eval(c, mask)
	if err != nil {
		return nil, err
	}
	out := &vector{k: kInt, ints: make([]int64, c.n), null: v.null, miss: bitset.New(c.n)}
	forRows(c.n, mask, func(i int) {
		if v.k == kArray {
			out.ints[i] = int64(elemCount(v.arrs[i], v.elem))
			return
		}
		if v.js[i].k != jArray {
			out.miss.Set(i)
			return
		}
		eachElem(v.js[i].raw, func(jval) bool { out.ints[i]++; return true })
	})
	return out, nil
}
