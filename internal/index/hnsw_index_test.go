package index

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/schema"
)

// clusteredColumn makes n+nq rows around 16 centres and splits off the last
// nq as queries, so queries come from the data's distribution.
func clusteredColumn(r *rand.Rand, t schema.DataType, n, nq, dim int) (data, q *column.Column) {
	centres := make([][]float32, 16)
	for i := range centres {
		centres[i] = make([]float32, dim)
		for j := range centres[i] {
			centres[i][j] = float32(r.NormFloat64() * 3)
		}
	}
	all := column.New(t, dim)
	for i := 0; i < n+nq; i++ {
		c := centres[r.IntN(len(centres))]
		appendRow(all, c, r)
	}
	idx := func(lo, hi int) []int {
		var s []int
		for i := lo; i < hi; i++ {
			s = append(s, i)
		}
		return s
	}
	return all.Take(idx(0, n)), all.Take(idx(n, n+nq))
}

// appendRow adds centre plus noise, encoded for the column's type.
func appendRow(c *column.Column, centre []float32, r *rand.Rand) {
	for j, x := range centre {
		v := x + float32(r.NormFloat64())
		switch c.Type {
		case schema.FloatVector:
			c.FloatVecs = append(c.FloatVecs, v)
		case schema.Float16Vector:
			h := distance.F32ToF16(v)
			c.VecBytes = append(c.VecBytes, byte(h), byte(h>>8))
		case schema.BFloat16Vector:
			h := distance.F32ToBF16(v)
			c.VecBytes = append(c.VecBytes, byte(h), byte(h>>8))
		case schema.Int8Vector:
			c.VecBytes = append(c.VecBytes, byte(int8(max(-127, min(127, 10*v)))))
		case schema.BinaryVector:
			if j%8 == 0 {
				c.VecBytes = append(c.VecBytes, 0)
			}
			if v > 0 {
				c.VecBytes[len(c.VecBytes)-1] |= 1 << (j % 8)
			}
		}
	}
}

// scoreRecall is the fraction of returned hits at least as good as the
// exact k-th score: ties at the boundary count as found, unlike row-set
// recall, which would penalise an equally good row.
func scoreRecall(metric string, got, want [][]Hit) float64 {
	higher := HigherIsBetter(metric)
	ok, total := 0, 0
	for qi := range want {
		if len(want[qi]) == 0 {
			continue
		}
		bar := want[qi][len(want[qi])-1]
		for _, h := range got[qi] {
			if !better(higher, Hit{Row: 1 << 30, Score: bar.Score}, Hit{Row: 0, Score: h.Score}) {
				ok++
			}
		}
		total += len(want[qi])
	}
	return float64(ok) / float64(total)
}

var hnswCases = []struct {
	t      schema.DataType
	dim    int
	metric string
}{
	{schema.FloatVector, 16, L2},
	{schema.FloatVector, 16, IP},
	{schema.FloatVector, 16, Cosine},
	{schema.Float16Vector, 16, Cosine},
	{schema.BFloat16Vector, 16, L2},
	{schema.Int8Vector, 16, IP},
	{schema.BinaryVector, 64, Hamming},
	{schema.BinaryVector, 64, Jaccard},
}

func buildCase(t *testing.T, vt schema.DataType, dim int, metric string) (Index, *Flat, *column.Column) {
	t.Helper()
	r := rand.New(rand.NewPCG(51, uint64(vt)))
	data, q := clusteredColumn(r, vt, 1500, 30, dim)
	spec, err := ValidateSpec(Spec{Type: HNSW, Metric: metric, Params: map[string]string{"M": "12", "efConstruction": "80"}}, vt, dim)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Build(context.Background(), spec, data)
	if err != nil {
		t.Fatal(err)
	}
	flat, _ := NewFlat(metric, data)
	return idx, flat.(*Flat), q
}

func TestHNSWRecallAgainstFlat(t *testing.T) {
	for _, c := range hnswCases {
		idx, flat, q := buildCase(t, c.t, c.dim, c.metric)
		p := SearchParams{K: 10, Params: map[string]any{"ef": 64.0}}
		got, err := idx.Search(context.Background(), q, p)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := flat.Search(context.Background(), q, p)
		rec := scoreRecall(c.metric, got, want)
		if rec < 0.95 {
			t.Errorf("%s/%s recall@10 %.3f < 0.95", c.t, c.metric, rec)
		}
		t.Logf("%s/%s recall@10 %.3f", c.t, c.metric, rec)
		for _, hs := range got {
			for i := 1; i < len(hs); i++ {
				if better(HigherIsBetter(c.metric), hs[i], hs[i-1]) {
					t.Fatalf("%s/%s: hits out of order: %v", c.t, c.metric, hs)
				}
			}
		}
	}
}

func TestHNSWFilter(t *testing.T) {
	idx, flat, q := buildCase(t, schema.FloatVector, 16, L2)
	r := rand.New(rand.NewPCG(52, 52))
	for _, every := range []int{2, 100} { // graph walk, then exact fallback
		f := randFilter(r, 1500, every)
		p := SearchParams{K: 10, Filter: f}
		got, _ := idx.Search(context.Background(), q, p)
		want, _ := flat.Search(context.Background(), q, p)
		if rec := scoreRecall(L2, got, want); rec < 0.95 {
			t.Errorf("filter 1/%d: recall %.3f", every, rec)
		}
		for _, hs := range got {
			for _, h := range hs {
				if !f.Test(int(h.Row)) {
					t.Fatalf("filtered-out row %d returned", h.Row)
				}
			}
		}
	}
}

func TestHNSWRangeIsExact(t *testing.T) {
	idx, flat, q := buildCase(t, schema.FloatVector, 16, IP)
	p := SearchParams{K: 30, Params: map[string]any{"radius": 5.0, "range_filter": 40.0}}
	got, err := idx.Search(context.Background(), q, p)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := flat.Search(context.Background(), q, p)
	for qi := range want {
		hitsClose(t, "hnsw range", got[qi], want[qi])
	}
}

func TestHNSWSaveLoad(t *testing.T) {
	idx, _, q := buildCase(t, schema.FloatVector, 16, Cosine)
	path := filepath.Join(t.TempDir(), "hnsw")
	if err := idx.(Saver).Save(path); err != nil {
		t.Fatal(err)
	}
	data := idx.(*hnswIndex).flat.data
	spec := Spec{Type: HNSW, Metric: Cosine}
	loaded, err := Load(spec, path, data)
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.(io.Closer).Close()
	p := SearchParams{K: 5}
	a, _ := idx.Search(context.Background(), q, p)
	b, _ := loaded.Search(context.Background(), q, p)
	for qi := range a {
		hitsClose(t, "loaded", b[qi], a[qi])
	}
	if _, err := Load(spec, path, data.Head(10)); err == nil {
		t.Error("graph loaded over the wrong number of rows")
	}
}

func TestHNSWParams(t *testing.T) {
	idx, _, q := buildCase(t, schema.FloatVector, 16, L2)
	_, err := idx.Search(context.Background(), q, SearchParams{K: 5, Params: map[string]any{"ef": 0.0}})
	if !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("ef=0: %v", err)
	}
	_, err = idx.Search(context.Background(), q, SearchParams{K: 5, Metric: IP})
	var mm *MetricMismatchError
	if !errors.As(err, &mm) {
		t.Errorf("metric mismatch: %v", err)
	}
	empty, err := Build(context.Background(), Spec{Type: HNSW, Metric: L2}, column.New(schema.FloatVector, 16))
	if err != nil {
		t.Fatal(err)
	}
	res, err := empty.Search(context.Background(), q, SearchParams{K: 5, Filter: bitset.New(0)})
	if err != nil || len(res[0]) != 0 {
		t.Errorf("empty index: %v %v", res, err)
	}
}

// Searches share one graph; run under -race this checks they share nothing
// mutable (each takes its own visited set and scratch).
func TestHNSWConcurrentSearch(t *testing.T) {
	for _, vt := range []schema.DataType{schema.FloatVector, schema.Float16Vector} {
		idx, _, q := buildCase(t, vt, 16, Cosine)
		want, _ := idx.Search(context.Background(), q, SearchParams{K: 5})
		done := make(chan error, 4)
		for w := 0; w < 4; w++ {
			go func() {
				got, err := idx.Search(context.Background(), q, SearchParams{K: 5})
				for qi := range got {
					if len(got[qi]) != len(want[qi]) || got[qi][0] != want[qi][0] {
						err = errors.New("concurrent search answered differently")
					}
				}
				done <- err
			}()
		}
		for w := 0; w < 4; w++ {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
	}
}
