package query

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/expr"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

const (
	searchRows = 100_000
	benchDim   = 128
)

var searchData struct {
	once sync.Once
	view *segment.View
	mu   sync.Mutex
	ixs  map[string]index.Index // built on first use
}

var searchSpecs = map[string]index.Spec{
	"FLAT": {Type: "FLAT", Metric: index.L2},
	"HNSW": {Type: "HNSW", Metric: index.L2, Params: map[string]string{"M": "16", "efConstruction": "100"}},
}

// searchIndex returns the vector index of type typ over the search data.
func searchIndex(b *testing.B, typ string) index.Index {
	searchData.once.Do(func() {
		searchData.view = benchView(benchColumns(searchRows, benchDim))
		searchData.ixs = map[string]index.Index{}
	})
	searchData.mu.Lock()
	defer searchData.mu.Unlock()
	if ix, ok := searchData.ixs[typ]; ok {
		return ix
	}
	ix, err := index.Build(context.Background(), searchSpecs[typ], searchData.view.Cols[bVec])
	if err != nil {
		b.Fatal(err)
	}
	searchData.ixs[typ] = ix
	return ix
}

// BenchmarkFilteredSearch is top-10 search, nq=1, on a 100k×128 segment
// (FLAT, and HNSW M=16 efConstruction=100 searched with ef=64) under
// filters passing 1%, 10% and 100% of the rows, and without a filter;
// the filter is answered by a BITMAP index.
func BenchmarkFilteredSearch(b *testing.B) {
	for _, typ := range []string{"FLAT", "HNSW"} {
		for _, sel := range []struct {
			name, filter string
		}{{"1%", "cat < 1"}, {"10%", "cat < 10"}, {"100%", "cat >= 0"}, {"none", ""}} {
			b.Run(fmt.Sprintf("%s/%s", typ, sel.name), func(b *testing.B) {
				ix := searchIndex(b, typ)
				v := withScalar(b, searchData.view, bCat, scalar.Bitmap)
				v.Indexes = map[int64]index.Index{bVec: ix}
				benchSearch(b, v, sel.filter)
			})
		}
	}
}

func benchSearch(b *testing.B, v *segment.View, filter string) {
	s := &Search{FieldID: bVec, Metric: index.L2, K: 10, Params: map[string]any{"ef": 64}}
	if filter != "" {
		e, err := expr.Compile(filter, benchSchema(), nil)
		if err != nil {
			b.Fatal(err)
		}
		s.Filter = func(v *segment.View) (*bitset.Bitset, error) { return e.Eval(v) }
	}
	q := 0
	for b.Loop() {
		s.Queries = &column.Column{Type: schema.FloatVector, Dim: benchDim,
			FloatVecs: v.Cols[bVec].FloatVec((q * 7919) % searchRows)}
		q++
		if _, err := s.Run(context.Background(), []*segment.View{v}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "QPS")
}
