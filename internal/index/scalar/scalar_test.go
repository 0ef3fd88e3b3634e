package scalar

import (
	"flag"
	"fmt"
	"math"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

var seedFlag = flag.Int64("scalar.seed", 0, "run the model test with this seed only")

var testFields = []Field{
	{Type: schema.Int64}, {Type: schema.Int8}, {Type: schema.Bool}, {Type: schema.Double},
	{Type: schema.Float}, {Type: schema.VarChar},
	{Type: schema.Array, Elem: schema.Int32}, {Type: schema.Array, Elem: schema.VarChar},
	{Type: schema.Array, Elem: schema.Bool}, {Type: schema.Array, Elem: schema.Double},
}

// TestModel builds every index type on random columns of every field type
// and checks each lookup against a scan of the column, in memory and
// after a round trip through a file. Rerun a failure with -scalar.seed=N.
func TestModel(t *testing.T) {
	seeds := []int64{time.Now().UnixNano(), 1, 2, 3, 4, 5, 6, 7, 8}
	if *seedFlag != 0 {
		seeds = []int64{*seedFlag}
	}
	for si, seed := range seeds {
		rng := rand.New(rand.NewSource(seed))
		for _, f := range testFields {
			col := randColumn(rng, f, rng.Intn(300))
			for _, typ := range []Type{Inverted, Sort, Bitmap, Trie} {
				if !Supports(typ, f) {
					continue
				}
				ix, err := Build(typ, f, col)
				if err != nil {
					t.Fatalf("seed %d: Build(%s, %v): %v", seed, typ, f, err)
				}
				name := fmt.Sprintf("seed %d %s on %s[%s]", seed, typ, f.Type, f.Elem)
				checkIndex(t, name, rng, f, col, ix)
				opened := roundTrip(t, ix, si == 0 && rng.Intn(4) == 0)
				checkIndex(t, name+" (opened)", rng, f, col, opened)
				opened.Close()
			}
		}
	}
}

// roundTrip reopens ix from its image: through a file when viaFile (the
// fsync makes that slow), else from a copy in memory.
func roundTrip(t *testing.T, ix Index, viaFile bool) Index {
	t.Helper()
	if !viaFile {
		opened, err := decode(append([]byte(nil), ix.(imager).image()...), nil)
		if err != nil {
			t.Fatal(err)
		}
		return opened
	}
	path := filepath.Join(t.TempDir(), "ix")
	if err := WriteFile(path, ix); err != nil {
		t.Fatal(err)
	}
	opened, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return opened
}

func checkIndex(t *testing.T, name string, rng *rand.Rand, f Field, col *column.Column, ix Index) {
	t.Helper()
	m := newModel(f, col)
	n := rowCount(f, col)
	if ix.Len() != n {
		t.Fatalf("%s: Len %d, want %d", name, ix.Len(), n)
	}
	same(t, func() string { return name + ": nulls" }, orEmpty(ix.Nulls(), n), m.nulls())
	for q := 0; q < 60; q++ {
		keys := []Key{m.randKey(rng)}
		if rng.Intn(3) == 0 {
			keys = append(keys, m.randKey(rng), m.randKey(rng))
		}
		same(t, func() string { return fmt.Sprintf("%s: Terms(%v)", name, keys) }, ix.Terms(keys), m.terms(keys))
		if r, ok := ix.(Ranger); ok && !f.isArray() {
			rg := m.randRange(rng)
			same(t, func() string { return fmt.Sprintf("%s: Range(%+v)", name, rg) }, r.Range(rg), m.rng(rg))
		}
		if p, ok := ix.(Prefixer); ok && !f.isArray() {
			k, _ := f.kind()
			pre := m.randKey(rng).Str
			if k == String && rng.Intn(2) == 0 && len(pre) > 0 {
				pre = pre[:rng.Intn(len(pre))]
			}
			want := bitset.New(n)
			if k == String {
				want = m.prefix(pre)
			}
			same(t, func() string { return fmt.Sprintf("%s: Prefix(%q)", name, pre) }, p.Prefix(pre), want)
		}
	}
}

func orEmpty(b *bitset.Bitset, n int) *bitset.Bitset {
	if b == nil {
		return bitset.New(n)
	}
	return b
}

func same(t *testing.T, what func() string, got, want *bitset.Bitset) {
	t.Helper()
	if got.Len() != want.Len() {
		t.Fatalf("%s: %d bits, want %d", what(), got.Len(), want.Len())
	}
	for i := 0; i < got.Len(); i++ {
		if got.Test(i) != want.Test(i) {
			t.Fatalf("%s: row %d: got %v, want %v", what(), i, got.Test(i), want.Test(i))
		}
	}
}

// randColumn draws values from small domains so lookups hit, with nulls,
// NaNs, signed zeros, empty strings and nil arrays mixed in.
func randColumn(rng *rand.Rand, f Field, n int) *column.Column {
	col := &column.Column{Type: f.Type}
	if rng.Intn(2) == 0 {
		col.Valid = make([]bool, n)
		for i := range col.Valid {
			col.Valid[i] = rng.Intn(5) > 0
		}
	}
	card := []int{2, 5, 40, 700}[rng.Intn(4)]
	for i := 0; i < n; i++ {
		if f.isArray() {
			a := &column.Column{Type: f.Elem}
			for e := rng.Intn(4); e > 0; e-- {
				appendValue(rng, a, f.Elem, card)
			}
			if rng.Intn(15) == 0 {
				a = nil
			}
			col.Arrays = append(col.Arrays, a)
			continue
		}
		appendValue(rng, col, f.Type, card)
	}
	return col
}

func appendValue(rng *rand.Rand, c *column.Column, t schema.DataType, card int) {
	switch {
	case t == schema.Bool:
		c.Bools = append(c.Bools, rng.Intn(2) == 0)
	case t.IsInteger():
		v := int64(rng.Intn(card) - card/2)
		if rng.Intn(30) == 0 {
			v = []int64{math.MinInt64, math.MaxInt64}[rng.Intn(2)]
		}
		c.Ints = append(c.Ints, v)
	case t.IsFloat():
		v := float64(rng.Intn(card)-card/2) / 2
		if rng.Intn(20) == 0 {
			v = []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)}[rng.Intn(4)]
		}
		c.Floats = append(c.Floats, v)
	default:
		c.Strings = append(c.Strings, randString(rng, card))
	}
}

func randString(rng *rand.Rand, card int) string {
	var b strings.Builder
	for n := rng.Intn(1 + min(card, 6)); n > 0; n-- {
		b.WriteString([]string{"a", "b", "ab", "é", "\x00", "zz"}[rng.Intn(6)])
	}
	return b.String()
}
