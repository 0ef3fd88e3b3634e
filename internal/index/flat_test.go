package index

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

var flatCases = []struct {
	t       schema.DataType
	dim     int
	metrics []string
}{
	{schema.FloatVector, 19, denseMetrics},
	{schema.Float16Vector, 16, denseMetrics},
	{schema.BFloat16Vector, 9, denseMetrics},
	{schema.Int8Vector, 12, denseMetrics},
	{schema.BinaryVector, 24, binaryMetrics},
	{schema.SparseFloatVector, 40, []string{IP}},
}

// hitsClose compares FLAT hits with brute force: same rows in the same
// order and scores equal up to float rounding.
func hitsClose(t *testing.T, name string, got, want []Hit) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d hits, want %d", name, len(got), len(want))
	}
	for i := range got {
		d := math.Abs(float64(got[i].Score - want[i].Score))
		if got[i].Row != want[i].Row || d > 1e-4*math.Max(1, math.Abs(float64(want[i].Score))) {
			t.Fatalf("%s: hit %d = %+v, want %+v", name, i, got[i], want[i])
		}
	}
}

func TestFlatMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for _, c := range flatCases {
		data := randColumn(r, c.t, 700, c.dim)
		q := randColumn(r, c.t, 3, c.dim)
		filter := randFilter(r, 700, 2)
		for _, m := range c.metrics {
			idx, err := NewFlat(m, data)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []*bitset.Bitset{nil, filter, randFilter(r, 700, 50)} {
				res, err := idx.Search(context.Background(), q, SearchParams{K: 10, Filter: f})
				if err != nil {
					t.Fatal(err)
				}
				for qi := range res {
					name := c.t.String() + "/" + m
					hitsClose(t, name, res[qi], bruteForce(m, data, q, qi, 10, f, nil))
				}
			}
		}
	}
}

// randFilter sets about one bit in every `every`.
func randFilter(r *rand.Rand, n, every int) *bitset.Bitset {
	b := bitset.New(n)
	for i := 0; i < n; i++ {
		if r.IntN(every) == 0 {
			b.Set(i)
		}
	}
	return b
}

func TestFlatRangeSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	data := randColumn(r, schema.FloatVector, 500, 8)
	q := randColumn(r, schema.FloatVector, 2, 8)
	cases := []struct {
		metric        string
		radius, rfilt float64
		keep          func(float32) bool
	}{
		{L2, 60, 20, func(s float32) bool { return s < 60 && s >= 20 }},
		{IP, 2, 10, func(s float32) bool { return s > 2 && s <= 10 }},
		{Cosine, 0.2, 0.8, func(s float32) bool { return s > 0.2 && s <= 0.8 }},
	}
	for _, c := range cases {
		idx, _ := NewFlat(c.metric, data)
		p := SearchParams{K: 50, Params: map[string]any{"radius": c.radius, "range_filter": c.rfilt}}
		res, err := idx.Search(context.Background(), q, p)
		if err != nil {
			t.Fatal(err)
		}
		for qi := range res {
			hitsClose(t, c.metric, res[qi], bruteForce(c.metric, data, q, qi, 50, nil, c.keep))
		}
	}
}

func TestFlatRangeBinary(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	data := randColumn(r, schema.BinaryVector, 300, 32)
	q := randColumn(r, schema.BinaryVector, 1, 32)
	idx, _ := NewFlat(Hamming, data)
	res, err := idx.Search(context.Background(), q, SearchParams{K: 1000, Params: map[string]any{"radius": 16.0}})
	if err != nil {
		t.Fatal(err)
	}
	want := bruteForce(Hamming, data, q, 0, 1000, nil, func(s float32) bool { return s < 16 })
	hitsClose(t, "hamming range", res[0], want)
}

func TestFlatRangeParamErrors(t *testing.T) {
	data := randColumn(rand.New(rand.NewPCG(1, 1)), schema.FloatVector, 10, 4)
	for _, c := range []struct {
		metric string
		params map[string]any
		want   string
	}{
		{L2, map[string]any{"radius": 1.0, "range_filter": 2.0}, "range_filter must be less than radius for L2/HAMMING/JACCARD, range_filter:2.000000, radius:1.000000: invalid parameter"},
		{IP, map[string]any{"radius": 2.0, "range_filter": 1.0}, "range_filter must be greater than radius for IP/COSINE, range_filter:1.000000, radius:2.000000: invalid parameter"},
		{L2, map[string]any{"radius": "x"}, "invalid radius: x: invalid parameter"},
	} {
		idx, _ := NewFlat(c.metric, data)
		_, err := idx.Search(context.Background(), data.Head(1), SearchParams{K: 1, Params: c.params})
		if err == nil || err.Error() != c.want || !errors.Is(err, ErrInvalidParameter) {
			t.Errorf("%s %v: err %v, want %q", c.metric, c.params, err, c.want)
		}
	}
}

func TestFlatMetricMismatch(t *testing.T) {
	data := randColumn(rand.New(rand.NewPCG(1, 1)), schema.FloatVector, 10, 4)
	idx, _ := NewFlat(L2, data)
	_, err := idx.Search(context.Background(), data.Head(1), SearchParams{K: 1, Metric: IP})
	want := "metric type not match: invalid parameter[expected=L2][actual=IP]"
	if err == nil || err.Error() != want || !errors.Is(err, ErrInvalidParameter) {
		t.Fatalf("err %v, want %q", err, want)
	}
	if _, err := idx.Search(context.Background(), data.Head(1), SearchParams{K: 1, Metric: L2}); err != nil {
		t.Fatal(err)
	}
}

func TestFlatTiesLowerRowFirst(t *testing.T) {
	data := randColumn(rand.New(rand.NewPCG(1, 1)), schema.FloatVector, 0, 2)
	for i := 0; i < 20; i++ {
		data.FloatVecs = append(data.FloatVecs, 1, 1)
	}
	idx, _ := NewFlat(IP, data)
	res, _ := idx.Search(context.Background(), data.Head(1), SearchParams{K: 5})
	for i, h := range res[0] {
		if h.Row != int32(i) || h.Score != 2 {
			t.Fatalf("hit %d = %+v", i, h)
		}
	}
}

func TestFlatSeesAppendedRowsAndShortFilter(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	data := randColumn(r, schema.FloatVector, 5, 4)
	idx, _ := NewFlat(L2, data)
	data.Append(randColumn(r, schema.FloatVector, 5, 4), nil)
	res, _ := idx.Search(context.Background(), data.Head(1), SearchParams{K: 100})
	if len(res[0]) != 10 {
		t.Fatalf("saw %d rows, want 10", len(res[0]))
	}
	res, _ = idx.Search(context.Background(), data.Head(1), SearchParams{K: 100, Filter: bitset.NewFull(5)})
	if len(res[0]) != 5 {
		t.Fatalf("short filter passed %d rows, want 5", len(res[0]))
	}
}

func TestFlatQueryChecks(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	data := randColumn(r, schema.FloatVector, 5, 4)
	idx, _ := NewFlat(L2, data)
	if _, err := idx.Search(context.Background(), randColumn(r, schema.FloatVector, 1, 3), SearchParams{K: 1}); !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("dim mismatch: %v", err)
	}
	if _, err := idx.Search(context.Background(), randColumn(r, schema.BinaryVector, 1, 32), SearchParams{K: 1}); !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("type mismatch: %v", err)
	}
	if _, err := NewFlat(Hamming, data); err == nil {
		t.Error("HAMMING accepted on float vectors")
	}
}

// The COSINE norm cache must follow a growing column.
func TestFlatCosineGrowing(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	data := randColumn(r, schema.FloatVector, 300, 8)
	q := randColumn(r, schema.FloatVector, 2, 8)
	idx, _ := NewFlat(Cosine, data)
	for round := 0; round < 3; round++ {
		res, _ := idx.Search(context.Background(), q, SearchParams{K: 7})
		for qi := range res {
			hitsClose(t, "cosine growing", res[qi], bruteForce(Cosine, data, q, qi, 7, nil, nil))
		}
		data.Append(randColumn(r, schema.FloatVector, 300, 8), nil)
	}
}

// Several queries scanned together (block by block) give what each query
// gives on its own, with and without a filter.
func TestFlatManyQueriesMatchOne(t *testing.T) {
	const n, dim, nq = 3000, 24, 5
	rng := rand.New(rand.NewPCG(11, 0))
	data := &column.Column{Type: schema.FloatVector, Dim: dim, FloatVecs: make([]float32, n*dim)}
	for i := range data.FloatVecs {
		data.FloatVecs[i] = rng.Float32()
	}
	q := &column.Column{Type: schema.FloatVector, Dim: dim, FloatVecs: make([]float32, nq*dim)}
	for i := range q.FloatVecs {
		q.FloatVecs[i] = rng.Float32()
	}
	filter := bitset.New(n)
	for i := 0; i < n; i += 3 {
		filter.Set(i)
	}
	for _, metric := range []string{L2, IP, Cosine} {
		ix, err := NewFlat(metric, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []*bitset.Bitset{nil, filter} {
			all, err := ix.Search(context.Background(), q, SearchParams{K: 7, Filter: f})
			if err != nil {
				t.Fatal(err)
			}
			for qi := 0; qi < nq; qi++ {
				one, _ := ix.Search(context.Background(), q.Take([]int{qi}), SearchParams{K: 7, Filter: f})
				if !reflect.DeepEqual(one[0], all[qi]) {
					t.Fatalf("%s query %d: together %v, alone %v", metric, qi, all[qi], one[0])
				}
			}
		}
	}
}
