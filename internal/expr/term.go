package expr

import (
	"math"

	"github.com/kite-db/kite/internal/bitset"
)

// termPred is x in [v1, v2, ...]; "not in" is a notPred around it.
type termPred struct {
	x    operand
	vals []value
	set  *valueSet
}

func (p *termPred) cost() int              { return p.x.cost() + 1 }
func (p *termPred) fields(add func(int64)) { p.x.fields(add) }
func (p *termPred) String() string {
	return "(" + p.x.String() + " in " + value{k: kArray, arr: p.vals}.String() + ")"
}

// valueSet is an in-list prepared for lookups by kind. Numbers are keyed
// by value: integral ones in ints, so 1 and 1.0 are the same member.
type valueSet struct {
	ints     map[int64]struct{}
	dense    []uint64 // when the ints span a small range: bit (v - lo)
	lo, span int64
	filter   []uint64 // otherwise: a one-hash Bloom filter in front of the map
	shift    uint
	floats   map[float64]struct{}
	strs     map[string]struct{}
	hasTrue  bool
	hasFalse bool
	others   []value // arrays, objects and null: compared one by one
}

// newValueSet builds the set; f32 rounds numbers as a Float field stores them.
func newValueSet(vals []value, f32 bool) *valueSet {
	s := &valueSet{ints: map[int64]struct{}{}, floats: map[float64]struct{}{}, strs: map[string]struct{}{}}
	for _, v := range vals {
		s.add(v, f32)
	}
	s.buildDense()
	return s
}

func (s *valueSet) add(v value, f32 bool) {
	switch {
	case v.isNum():
		if f32 {
			v = floatVal(floatConst(v, true))
		}
		if i, ok := exactInt(v); ok {
			s.ints[i] = struct{}{}
		} else if v.f == v.f {
			s.floats[v.f] = struct{}{}
		}
	case v.k == kString:
		s.strs[v.s] = struct{}{}
	case v.k == kBool:
		s.hasTrue, s.hasFalse = s.hasTrue || v.b, s.hasFalse || !v.b
	default:
		s.others = append(s.others, v)
	}
}

// buildDense replaces the int map with a bitmap when the members are
// close together, which makes the int64 loop branch-light.
func (s *valueSet) buildDense() {
	if len(s.ints) == 0 {
		return
	}
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for v := range s.ints {
		lo, hi = min(lo, v), max(hi, v)
	}
	span := uint64(hi) - uint64(lo)
	if span > 1<<16 && span > uint64(64*len(s.ints)) {
		s.buildFilter()
		return
	}
	s.lo, s.span = lo, int64(span)
	s.dense = make([]uint64, span/64+1)
	for v := range s.ints {
		u := uint64(v) - uint64(lo)
		s.dense[u>>6] |= 1 << (u & 63)
	}
}

// buildFilter sizes the filter at 64 bits per member so that most
// non-members, the usual case in a scan, never reach the map.
func (s *valueSet) buildFilter() {
	bits := uint(12)
	for 1<<bits < 64*len(s.ints) && bits < 24 {
		bits++
	}
	s.shift = 64 - bits
	s.filter = make([]uint64, 1<<bits/64)
	for v := range s.ints {
		h := s.hash(v)
		s.filter[h>>6] |= 1 << (h & 63)
	}
}

func (s *valueSet) hash(x int64) uint64 { return uint64(x) * 0x9E3779B97F4A7C15 >> s.shift }

func (s *valueSet) hasInt(x int64) bool {
	if s.dense != nil {
		u := uint64(x) - uint64(s.lo)
		return u <= uint64(s.span) && s.dense[u>>6]&(1<<(u&63)) != 0
	}
	if s.filter != nil {
		if h := s.hash(x); s.filter[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	_, ok := s.ints[x]
	return ok
}

func (s *valueSet) hasFloat(f float64) bool {
	if i, ok := exactInt(floatVal(f)); ok {
		return s.hasInt(i)
	}
	_, ok := s.floats[f]
	return ok
}

func (s *valueSet) hasJSON(v jval) bool {
	switch v.k {
	case jInt:
		return s.hasInt(v.i)
	case jFloat:
		return s.hasFloat(v.f)
	case jString:
		_, ok := s.strs[string(v.raw)]
		return ok
	case jBool:
		return (v.i == 1 && s.hasTrue) || (v.i == 0 && s.hasFalse)
	}
	for _, o := range s.others {
		if jEqual(v, o) {
			return true
		}
	}
	return false
}

func (p *termPred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	if r, ok := p.fromIndex(c); ok {
		return r, nil
	}
	v, err := p.x.eval(c, mask)
	if err != nil {
		return res{}, err
	}
	t := bitset.New(c.n)
	s := p.set
	switch v.k {
	case kInt:
		for i, x := range v.ints {
			if s.hasInt(x) {
				t.Set(i)
			}
		}
	case kFloat:
		for i, x := range v.floats {
			if s.hasFloat(x) {
				t.Set(i)
			}
		}
	case kString:
		for i, x := range v.strs {
			if _, ok := s.strs[x]; ok {
				t.Set(i)
			}
		}
	case kBool:
		for i, x := range v.bools {
			if (x && s.hasTrue) || (!x && s.hasFalse) {
				t.Set(i)
			}
		}
	default:
		forRows(c.n, mask, func(i int) {
			if p.rowIn(v, i) {
				t.Set(i)
			}
		})
	}
	return v.finish(t), nil
}

// rowIn tests a JSON value or a whole array against the list.
func (p *termPred) rowIn(v *vector, i int) bool {
	if v.k == kJSON {
		return p.set.hasJSON(v.js[i])
	}
	for _, o := range p.set.others {
		if o.k == kArray && arrayEqual(v.arrs[i], v.elem, v.f32, o.arr) {
			return true
		}
	}
	return false
}
