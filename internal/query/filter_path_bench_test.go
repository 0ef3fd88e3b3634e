package query

import (
	"path/filepath"
	"testing"

	"github.com/kite-db/kite/internal/expr"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/segment"
)

// BenchmarkFilterJSONPath is README "Filters"' JSON-path row: filters on
// meta["a"] over 1M rows, scanning and through a DOUBLE path index built,
// saved and mapped back as a sealed segment's would be:
//
//	go test -run '^$' -bench FilterJSONPath -benchtime 20x ./internal/query/
func BenchmarkFilterJSONPath(b *testing.B) {
	filterData.once.Do(func() { filterData.view = benchView(benchColumns(benchRows, 0)) })
	v := filterData.view
	for _, src := range []struct{ name, filter string }{
		{"equality", `meta["a"] == 7`}, {"range", `10 <= meta["a"] < 20`}, {"in", `meta["a"] in [1, 2, 3]`},
	} {
		e, err := expr.Compile(src.filter, benchSchema(), nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(src.name+"/scan", func(b *testing.B) { benchEval(b, e, v) })
		b.Run(src.name+"/DOUBLE", func(b *testing.B) { benchEval(b, e, withPath(b, v, []string{"a"}, scalar.CastDouble)) })
	}
}

func withPath(b *testing.B, v *segment.View, path []string, c scalar.Cast) *segment.View {
	b.Helper()
	col := v.Cols[bMeta]
	ix, err := scalar.BuildPath(c, v.N, col.Valid, expr.PathEntriesOf(col, v.N, path, c))
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "ix")
	if err := scalar.WriteFile(file, ix); err != nil {
		b.Fatal(err)
	}
	if ix, err = scalar.Open(file); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	w := *v
	w.Paths = map[int64][]scalar.PathIndex{bMeta: {{Path: path, Cast: c, Index: ix}}}
	return &w
}
