package query

import (
	"context"
	"math"
	"math/rand"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/segment"
)

// Null vectors are never hits: not in an exact scan of a growing segment
// (where COSINE over their zero vectors would score NaN), not through a
// sealed segment's index, with or without a filter, top-k or range.
func TestSearchSkipsNullVectors(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for _, sealed := range []bool{false, true} {
		v := testView(t, r, 200, sealed)
		vecs := v.Cols[bVec]
		vecs.Valid = make([]bool, v.N)
		for i := range vecs.Valid {
			vecs.Valid[i] = i%4 != 0
			if !vecs.Valid[i] {
				copy(vecs.FloatVec(i), make([]float32, testDim))
			}
		}
		for _, params := range []map[string]any{nil, {"radius": -2.0, "range_filter": 2.0}} {
			for _, f := range []Filter{nil, keepEven} {
				s := &Search{FieldID: bVec, Metric: index.Cosine, Queries: testQueries(r, 3), K: 500, Params: params, Filter: f}
				if sealed {
					s.Metric = index.L2
					if params != nil {
						s.Params = map[string]any{"radius": 100.0}
					}
				}
				hits, err := s.Run(context.Background(), []*segment.View{v})
				if err != nil {
					t.Fatal(err)
				}
				for _, qh := range hits {
					if len(qh) == 0 {
						t.Fatalf("sealed=%v: no hits", sealed)
					}
					for _, h := range qh {
						if h.Row%4 == 0 || math.IsNaN(float64(h.Score)) {
							t.Fatalf("sealed=%v params=%v: hit row %d score %v", sealed, params, h.Row, h.Score)
						}
					}
				}
			}
		}
		if !v.Visible.Test(0) {
			t.Fatal("a search must not modify the view's visibility")
		}
	}
}

func keepEven(v *segment.View) (*bitset.Bitset, error) {
	b := bitset.New(v.N)
	for i := 0; i < v.N; i += 2 {
		b.Set(i)
	}
	return b, nil
}
