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
// vectorized engine and with the row-at-a-time reference evaluator, which
// must agree on every row. Rerun a failure with -diff.seed=N.
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
		n, _ := Parse(src)
		for i := 0; i < b.n; i++ {
			ref.row = i
			want := n == nil || ref.pred(n) == triT
			if got.Test(i) != want {
				t.Fatalf("seed %d: %s\ncompiled: %s\nrow %d: engine %v, reference %v\nrow: %s",
					seed, src, e, i, got.Test(i), want, describeRow(b, i))
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
