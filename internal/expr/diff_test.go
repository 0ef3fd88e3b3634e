package expr

import (
	"flag"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/column"
)

var diffSeed = flag.Int64("diff.seed", 0, "run the differential test with this seed only")

// TestDifferential evaluates random filters over random data with the
// vectorized engine, with the engine again over scalar indexes on every
// indexable field, and with the row-at-a-time reference evaluator; all
// three must agree on every row. Rerun a failure with -diff.seed=N.
func TestDifferential(t *testing.T) {
	seeds := []int64{time.Now().UnixNano()}
	for s := int64(1); s <= 40; s++ {
		seeds = append(seeds, s)
	}
	if *diffSeed != 0 {
		seeds = []int64{*diffSeed}
	}
	compiled, total := 0, 0
	for _, seed := range seeds {
		c, n := diffRound(t, seed)
		compiled, total = compiled+c, total+n
	}
	if compiled*3 < total {
		t.Errorf("only %d of %d random filters compiled; the generator drifted from the checker", compiled, total)
	}
	t.Logf("%d of %d random filters compiled", compiled, total)
}

// diffRound runs one seed: a batch and a set of filters. It returns how
// many filters compiled and how many it tried.
func diffRound(t *testing.T, seed int64) (int, int) {
	rng := rand.New(rand.NewSource(seed))
	b := randBatch(rng, rng.Intn(130))
	g := &exprGen{rng: rng}
	sch := testSchema()
	ref := &refEval{sch: sch, b: b, tmpl: diffTemplates}
	dir := "" // the first seeds also map their indexes from files
	if seed <= 3 {
		dir = t.TempDir()
	}
	ib, chosen := withIndexes(t, rand.New(rand.NewSource(seed^0x5ca1a)), b, dir)
	compiled, tries := 0, 80
	for k := 0; k < tries; k++ {
		src := g.pred(3)
		e, err := Compile(src, sch, diffTemplates)
		if err != nil {
			continue
		}
		compiled++
		got, err := e.Eval(b)
		if err != nil {
			t.Fatalf("seed %d: Eval(%q): %v", seed, src, err)
		}
		withIx, err := e.Eval(ib)
		if err != nil {
			t.Fatalf("seed %d: Eval(%q) with indexes: %v", seed, src, err)
		}
		n, _ := Parse(src)
		for i := 0; i < b.n; i++ {
			ref.row = i
			want := n == nil || ref.pred(n) == triT
			if got.Test(i) != want {
				t.Fatalf("seed %d: %s\ncompiled: %s\nrow %d: engine %v, reference %v\nrow: %s",
					seed, src, e, i, got.Test(i), want, describeRow(b, i))
			}
			if withIx.Test(i) != got.Test(i) {
				t.Fatalf("seed %d: %s\ncompiled: %s\nrow %d: with indexes %v, scan %v\nindexes: %s\nrow: %s",
					seed, src, e, i, withIx.Test(i), got.Test(i), chosen, describeRow(b, i))
			}
		}
	}
	return compiled, tries
}

func describeRow(b *mapBatch, i int) string {
	var parts []string
	for _, f := range testSchema().Fields {
		col := b.cols[f.ID]
		if col == nil {
			continue
		}
		v := col.Value(i)
		switch x := v.(type) {
		case []byte:
			v = string(x)
		case *column.Column:
			var elems []any
			for j := 0; j < x.Len(); j++ {
				elems = append(elems, x.Value(j))
			}
			v = elems
		}
		parts = append(parts, fmt.Sprintf("%s=%v", f.Name, v))
	}
	return strings.Join(parts, " ")
}
