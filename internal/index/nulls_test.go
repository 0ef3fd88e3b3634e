package index

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// withNulls makes every third row of c null: a zero vector (an empty
// sparse row) marked invalid, as a nullable field stores it.
func withNulls(c *column.Column, every int) *column.Column {
	out := column.New(c.Type, c.Dim)
	valid := make([]bool, 0, c.Len())
	for r := 0; r < c.Len(); r++ {
		if r%every == 0 {
			out.AppendZero()
			valid = append(valid, false)
			continue
		}
		out.Append(c, []int{r})
		valid = append(valid, true)
	}
	out.Valid = valid
	return out
}

// validFilter is the caller's filter: every row holding a vector.
func validFilter(c *column.Column) *bitset.Bitset {
	b := bitset.New(c.Len())
	for r := 0; r < c.Len(); r++ {
		if !c.IsNull(r) {
			b.Set(r)
		}
	}
	return b
}

var nullCases = []struct {
	typ    string
	vec    schema.DataType
	metric string
	params map[string]string
}{
	{HNSW, schema.FloatVector, Cosine, map[string]string{"M": "8", "efConstruction": "64"}},
	{HNSW, schema.Float16Vector, Cosine, map[string]string{"M": "8", "efConstruction": "64"}},
	{HNSW, schema.Int8Vector, Cosine, map[string]string{"M": "8", "efConstruction": "64"}},
	{HNSW, schema.BinaryVector, Hamming, map[string]string{"M": "8", "efConstruction": "64"}},
	{IVFFlat, schema.FloatVector, Cosine, map[string]string{"nlist": "16"}},
	{IVFFlat, schema.FloatVector, L2, map[string]string{"nlist": "16"}},
	{IVFSQ8, schema.BFloat16Vector, Cosine, map[string]string{"nlist": "16"}},
	{IVFPQ, schema.FloatVector, IP, map[string]string{"nlist": "16", "m": "4", "nbits": "8"}},
	{BinIVFFlat, schema.BinaryVector, Jaccard, map[string]string{"nlist": "16"}},
	{SparseInverted, schema.SparseFloatVector, IP, map[string]string{}},
	{FlatType, schema.FloatVector, Cosine, map[string]string{}},
}

// TestNullRowsNeverHits builds every index type over a column a third of
// whose rows are null, saves and reopens it, and checks that no search
// (top-k, range, unfiltered by the caller's own filter) returns a null
// row or a NaN score — COSINE over a zero vector would give one.
func TestNullRowsNeverHits(t *testing.T) {
	for _, tc := range nullCases {
		t.Run(tc.typ+"/"+tc.vec.String()+"/"+tc.metric, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			dim := 16
			if tc.vec == schema.BinaryVector {
				dim = 64
			}
			data := withNulls(randColumn(r, tc.vec, 600, dim), 3)
			q := randColumn(r, tc.vec, 5, dim)
			spec, err := ValidateSpec(Spec{Type: tc.typ, Metric: tc.metric, Params: tc.params}, tc.vec, dim)
			if err != nil {
				t.Fatal(err)
			}
			ix, err := Build(context.Background(), spec, data)
			if err != nil {
				t.Fatal(err)
			}
			checkNoNullHits(t, ix, spec.Metric, data, q, "built")
			if s, ok := ix.(Saver); ok {
				path := filepath.Join(t.TempDir(), "ix")
				if err := s.Save(path); err != nil {
					t.Fatal(err)
				}
				loaded, err := Load(spec, path, data)
				if err != nil {
					t.Fatal(err)
				}
				checkNoNullHits(t, loaded, spec.Metric, data, q, "loaded")
			}
		})
	}
}

func checkNoNullHits(t *testing.T, ix Index, metric string, data, q *column.Column, what string) {
	t.Helper()
	filter := validFilter(data)
	for _, params := range []map[string]any{{"ef": 64, "nprobe": 16}, rangeParams(metric)} {
		// The caller's filter keeps null rows out of exact scans; indexes
		// that own a structure must not reach them even without it.
		for _, f := range []*bitset.Bitset{filter, nil} {
			if f == nil && isExactScan(ix, params) {
				continue
			}
			res, err := ix.Search(context.Background(), q, SearchParams{K: 20, Filter: f, Params: params})
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			for qi, hits := range res {
				if len(hits) == 0 && params["radius"] == nil {
					t.Fatalf("%s: query %d found nothing", what, qi)
				}
				for _, h := range hits {
					if data.IsNull(int(h.Row)) {
						t.Fatalf("%s: query %d (filter %v, params %v) returned null row %d", what, qi, f != nil, params, h.Row)
					}
					if math.IsNaN(float64(h.Score)) {
						t.Fatalf("%s: query %d returned a NaN score for row %d", what, qi, h.Row)
					}
				}
			}
		}
	}
}

// rangeParams is a range search wide enough to take every row.
func rangeParams(metric string) map[string]any {
	if HigherIsBetter(metric) {
		return map[string]any{"radius": -1e9, "range_filter": 1e9}
	}
	return map[string]any{"radius": 1e9, "range_filter": 0.0}
}

// isExactScan reports searches that score whatever rows they are given:
// FLAT has no structure to leave rows out of, and HNSW answers range
// searches by an exact scan; both rely on the caller's filter.
func isExactScan(ix Index, params map[string]any) bool {
	switch ix.(type) {
	case *Flat:
		return true
	case *hnswIndex:
		return params["radius"] != nil
	}
	return false
}

// TestAllNullColumn: a column of nulls only (a vector field added after
// the segment's rows were written) builds an index with nothing in it.
func TestAllNullColumn(t *testing.T) {
	data := column.New(schema.FloatVector, 8)
	for range 100 {
		data.AppendZero()
	}
	data.Valid = make([]bool, 100)
	for _, typ := range []string{HNSW, IVFFlat, IVFPQ} {
		spec, err := ValidateSpec(Spec{Type: typ, Metric: Cosine, Params: map[string]string{"m": "2"}}, schema.FloatVector, 8)
		if err != nil {
			t.Fatal(err)
		}
		ix, err := Build(context.Background(), spec, data)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := ix.(Saver); ok {
			t.Fatalf("%s: an all-null index has nothing to save", typ)
		}
		q := randColumn(rand.New(rand.NewPCG(3, 4)), schema.FloatVector, 2, 8)
		res, err := ix.Search(context.Background(), q, SearchParams{K: 5})
		if err != nil || len(res) != 2 || len(res[0]) != 0 {
			t.Fatalf("%s: search = %v, %v; want 2 empty hit lists", typ, res, err)
		}
		if _, err := ix.Search(context.Background(), q, SearchParams{K: 5, Metric: L2}); err == nil {
			t.Fatalf("%s: a search naming another metric must fail", typ)
		}
	}
}

// TestIVFAllNullLists: below Build's shortcut, IVF's own grouping leaves
// every null row out, even when no row holds a vector.
func TestIVFAllNullLists(t *testing.T) {
	offsets, rows := groupByLabel(2, []int32{1, -1, 0, -1, 1})
	if got, want := offsets, []uint32{0, 1, 3}; !slices.Equal(got, want) {
		t.Fatalf("offsets = %v, want %v", got, want)
	}
	if len(rows) != 3 || rows[0] != 2 || rows[1] != 0 || rows[2] != 4 {
		t.Fatalf("rows = %v, want [2 0 4]", rows)
	}
	offsets, rows = groupByLabel(0, noLabels(4))
	if len(offsets) != 1 || offsets[0] != 0 || len(rows) != 0 {
		t.Fatalf("no lists: offsets %v rows %v", offsets, rows)
	}
}
