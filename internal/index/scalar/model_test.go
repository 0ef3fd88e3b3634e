package scalar

import (
	"math"
	"math/rand"
	"strings"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
)

// model answers lookups by scanning the column, one row at a time.
type model struct {
	f    Field
	col  *column.Column
	vals [][]Key // per row: its value, or an array's elements
}

func newModel(f Field, col *column.Column) *model {
	m := &model{f: f, col: col}
	for i := 0; i < m.n(); i++ {
		m.vals = append(m.vals, m.values(i))
	}
	return m
}

func (m *model) n() int { return rowCount(m.f, m.col) }

func (m *model) nulls() *bitset.Bitset {
	out := bitset.New(m.n())
	for i := 0; i < m.n(); i++ {
		if isNull(m.col, i) {
			out.Set(i)
		}
	}
	return out
}

// values returns row i's values as keys: one, or an array's elements.
func (m *model) values(i int) []Key {
	if isNull(m.col, i) {
		return nil
	}
	c, j := m.col, i
	if m.f.isArray() {
		c = m.col.Arrays[i]
		if c == nil {
			return nil
		}
		var out []Key
		for e := 0; e < c.Len(); e++ {
			out = append(out, keyAt(c, e)...)
		}
		return out
	}
	return keyAt(c, j)
}

func keyAt(c *column.Column, j int) []Key {
	switch {
	case c.Bools != nil:
		return []Key{{Int: b2i(c.Bools[j])}}
	case c.Ints != nil:
		return []Key{{Int: c.Ints[j]}}
	case c.Floats != nil:
		if c.Floats[j] != c.Floats[j] {
			return nil
		}
		return []Key{{Float: c.Floats[j]}}
	case c.Strings != nil:
		return []Key{{Str: c.Strings[j]}}
	}
	return nil
}

func (m *model) where(match func(k Key) bool) *bitset.Bitset {
	out := bitset.New(m.n())
	for i := 0; i < m.n(); i++ {
		for _, k := range m.vals[i] {
			if match(k) {
				out.Set(i)
			}
		}
	}
	return out
}

func (m *model) cmp(a, b Key) int {
	switch k, _ := m.f.kind(); k {
	case Int:
		return cmp3(a.Int, b.Int)
	case Float:
		if a.Float != a.Float || b.Float != b.Float {
			return 2 // unordered
		}
		return cmp3(a.Float, b.Float)
	}
	return strings.Compare(a.Str, b.Str)
}

func (m *model) terms(keys []Key) *bitset.Bitset {
	return m.where(func(k Key) bool {
		for _, q := range keys {
			if m.cmp(k, q) == 0 {
				return true
			}
		}
		return false
	})
}

func (m *model) rng(r Range) *bitset.Bitset {
	return m.where(func(k Key) bool {
		if r.HasLo {
			c := m.cmp(r.Lo, k)
			if c == 2 || c > 0 || (c == 0 && !r.LoIncl) {
				return false
			}
		}
		if r.HasHi {
			c := m.cmp(k, r.Hi)
			if c == 2 || c > 0 || (c == 0 && !r.HiIncl) {
				return false
			}
		}
		return true
	})
}

func (m *model) prefix(p string) *bitset.Bitset {
	return m.where(func(k Key) bool { return strings.HasPrefix(k.Str, p) })
}

// randKey picks a value of the column (or a near miss) as a key.
func (m *model) randKey(rng *rand.Rand) Key {
	for try := 0; try < 5 && m.n() > 0; try++ {
		if vs := m.vals[rng.Intn(m.n())]; len(vs) > 0 {
			k := vs[rng.Intn(len(vs))]
			if rng.Intn(4) == 0 {
				k.Int++
				k.Float += 0.25
				k.Str += "a"
			}
			return k
		}
	}
	return []Key{{Int: math.MaxInt64, Float: math.NaN(), Str: ""}, {Int: 0, Float: math.Inf(-1), Str: "b"}}[rng.Intn(2)]
}

func (m *model) randRange(rng *rand.Rand) Range {
	r := Range{Lo: m.randKey(rng), Hi: m.randKey(rng), HasLo: rng.Intn(4) > 0, HasHi: rng.Intn(4) > 0,
		LoIncl: rng.Intn(2) == 0, HiIncl: rng.Intn(2) == 0}
	if rng.Intn(3) > 0 && m.cmp(r.Lo, r.Hi) == 1 {
		r.Lo, r.Hi = r.Hi, r.Lo
	}
	return r
}
