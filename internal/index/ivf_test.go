package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

const ivfRows, ivfQueries, ivfDim = 3000, 40, 32

// ivfData is synthetic data shared by the IVF tests, one set per type.
func ivfData(t testing.TB, vt schema.DataType) (data, q *column.Column) {
	t.Helper()
	return syntheticColumn(61, vt, ivfRows, ivfQueries, ivfDim)
}

// builtIVF caches indexes across tests: several tests search the same one.
var builtIVF = map[string]Index{}

func buildIVFCase(t testing.TB, typ string, vt schema.DataType, metric string, params map[string]string) (Index, *column.Column, *column.Column) {
	t.Helper()
	data, q := ivfData(t, vt)
	key := fmt.Sprint(typ, vt, metric, params)
	if idx, ok := builtIVF[key]; ok {
		return idx, data, q
	}
	spec, err := ValidateSpec(Spec{Type: typ, Metric: metric, Params: params}, vt, ivfDim)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Build(context.Background(), spec, data)
	if err != nil {
		t.Fatal(err)
	}
	builtIVF[key] = idx
	return idx, data, q
}

// recallWithin is scoreRecall with a relative tolerance, for indexes that
// compute the same score in a different order (COSINE on normalized rows).
func recallWithin(metric string, got, want [][]Hit, tol float64) float64 {
	higher := HigherIsBetter(metric)
	ok, total := 0, 0
	for qi := range want {
		total += len(want[qi])
		if len(want[qi]) == 0 {
			continue
		}
		bar := float64(want[qi][len(want[qi])-1].Score)
		slack := tol * math.Max(1, math.Abs(bar))
		for _, h := range got[qi] {
			s := float64(h.Score)
			if higher && s >= bar-slack || !higher && s <= bar+slack {
				ok++
			}
		}
	}
	if total == 0 {
		return 1
	}
	return float64(ok) / float64(total)
}

func exactHits(t testing.TB, metric string, data, q *column.Column, p SearchParams) [][]Hit {
	t.Helper()
	flat, err := NewFlat(metric, data)
	if err != nil {
		t.Fatal(err)
	}
	p.Params = map[string]any{"radius": p.Params["radius"], "range_filter": p.Params["range_filter"]}
	want, err := flat.Search(context.Background(), q, p)
	if err != nil {
		t.Fatal(err)
	}
	return want
}

// ivfRecallCases: every metric on float32 for each type, the exact case
// also on float16/bfloat16. Cases share builds through builtIVF where the
// build params agree.
var ivfRecallCases = []struct {
	typ     string
	params  map[string]string
	search  map[string]any
	metrics []string
	half    bool
	floor   float64
}{
	{IVFFlat, ivfFlatParams, map[string]any{"nprobe": 32.0}, denseMetrics, true, 1},
	{IVFFlat, ivfFlatParams, map[string]any{"nprobe": 8.0}, denseMetrics, false, 0.9},
	{IVFSQ8, ivfFlatParams, map[string]any{"nprobe": 32.0}, denseMetrics, true, 0.85},
	{IVFSQ8, ivfFlatParams, map[string]any{"nprobe": 32.0, "refine_k": 2.0}, denseMetrics, false, 0.99},
	{IVFPQ, ivfPQParams, map[string]any{"nprobe": 32.0}, denseMetrics, false, 0.75},
	{IVFPQ, ivfPQParams, map[string]any{"nprobe": 32.0, "refine_k": 4.0}, denseMetrics, false, 0.9},
	{IVFPQ, map[string]string{"nlist": "16", "m": "4", "nbits": "9"}, map[string]any{"nprobe": 16.0}, []string{L2}, false, 0.6},
}

var (
	ivfFlatParams = map[string]string{"nlist": "32"}
	ivfPQParams   = map[string]string{"nlist": "32", "m": "8"}
)

func TestIVFRecallAgainstFlat(t *testing.T) {
	for _, c := range ivfRecallCases {
		for _, vt := range []schema.DataType{schema.FloatVector, schema.Float16Vector, schema.BFloat16Vector} {
			for _, m := range c.metrics {
				if vt != schema.FloatVector && (!c.half || m == IP) {
					continue
				}
				name := fmt.Sprintf("%s%v/%s/%s/%v", c.typ, c.params, vt, m, c.search)
				idx, data, q := buildIVFCase(t, c.typ, vt, m, c.params)
				p := SearchParams{K: 10, Params: c.search}
				got, err := idx.Search(context.Background(), q, p)
				if err != nil {
					t.Fatal(name, err)
				}
				rec := recallWithin(m, got, exactHits(t, m, data, q, p), 1e-5)
				if rec < c.floor {
					t.Errorf("%s: recall@10 %.3f < %.2f", name, rec, c.floor)
				}
				t.Logf("%s: recall@10 %.3f", name, rec)
				checkOrdered(t, name, m, got)
			}
		}
	}
}

func checkOrdered(t *testing.T, name, metric string, res [][]Hit) {
	t.Helper()
	for _, hs := range res {
		for i := 1; i < len(hs); i++ {
			if better(HigherIsBetter(metric), hs[i], hs[i-1]) {
				t.Fatalf("%s: hits out of order: %v", name, hs)
			}
		}
	}
}

func TestIVFFilter(t *testing.T) {
	r := rand.New(rand.NewPCG(62, 62))
	for _, typ := range []string{IVFFlat, IVFSQ8, IVFPQ} {
		params := ivfFlatParams
		if typ == IVFPQ {
			params = ivfPQParams
		}
		idx, data, q := buildIVFCase(t, typ, schema.FloatVector, L2, params)
		for _, every := range []int{2, 30, 500} { // probed lists, widened probe, exact
			f := randFilter(r, ivfRows, every)
			p := SearchParams{K: 10, Filter: f, Params: map[string]any{"nprobe": 32.0, "refine_k": 5.0}}
			got, err := idx.Search(context.Background(), q, p)
			if err != nil {
				t.Fatal(err)
			}
			want := exactHits(t, L2, data, q, p)
			if rec := recallWithin(L2, got, want, 1e-5); rec < 0.95 {
				t.Errorf("%s filter 1/%d: recall %.3f", typ, every, rec)
			}
			for qi, hs := range got {
				if len(hs) != len(want[qi]) {
					t.Errorf("%s filter 1/%d: %d hits, want %d", typ, every, len(hs), len(want[qi]))
				}
				for _, h := range hs {
					if !f.Test(int(h.Row)) {
						t.Fatalf("%s: filtered-out row %d returned", typ, h.Row)
					}
				}
			}
		}
		// A small nprobe still fills K when the filter leaves few rows per list.
		f := randFilter(r, ivfRows, 40)
		got, _ := idx.Search(context.Background(), q, SearchParams{K: 10, Filter: f, Params: map[string]any{"nprobe": 1.0}})
		for _, hs := range got {
			if len(hs) != 10 {
				t.Errorf("%s: nprobe=1 with a 1/40 filter gave %d hits, want 10", typ, len(hs))
			}
		}
	}
}

func TestIVFRangeSearch(t *testing.T) {
	for _, c := range []struct {
		metric         string
		radius, filter float64
	}{{L2, 40, 10}, {IP, 20, 60}, {Cosine, 0.5, 0.95}} {
		idx, data, q := buildIVFCase(t, IVFFlat, schema.FloatVector, c.metric, ivfFlatParams)
		p := SearchParams{K: 50, Params: map[string]any{"nprobe": 32.0, "radius": c.radius, "range_filter": c.filter}}
		got, err := idx.Search(context.Background(), q, p)
		if err != nil {
			t.Fatal(err)
		}
		want := exactHits(t, c.metric, data, q, p)
		if rec := recallWithin(c.metric, got, want, 1e-5); rec < 1 {
			t.Errorf("%s range with every list: recall %.3f", c.metric, rec)
		}
		// Fewer lists: every hit is still inside the window.
		p.Params["nprobe"] = 2.0
		w, _ := parseWindow(c.metric, p.Params)
		for _, typ := range []string{IVFFlat, IVFSQ8, IVFPQ} {
			params := ivfFlatParams
			if typ == IVFPQ {
				params = ivfPQParams
			}
			idx, _, _ := buildIVFCase(t, typ, schema.FloatVector, c.metric, params)
			got, _ := idx.Search(context.Background(), q, p)
			n := 0
			for _, hs := range got {
				n += len(hs)
				for _, h := range hs {
					if !w.contains(h.Score) {
						t.Fatalf("%s %s: hit %+v outside [%v, %v]", typ, c.metric, h, c.radius, c.filter)
					}
				}
			}
			if n == 0 {
				t.Errorf("%s %s: range search found nothing", typ, c.metric)
			}
		}
	}
}

func TestIVFSearchParams(t *testing.T) {
	idx, _, q := buildIVFCase(t, IVFFlat, schema.FloatVector, L2, map[string]string{"nlist": "16"})
	for _, c := range []struct {
		params map[string]any
		want   string
	}{
		{map[string]any{"nprobe": 0.0}, "Out of range in json: param 'nprobe' (0) should be in range [1, 65536]"},
		{map[string]any{"nprobe": -1.0}, "Out of range in json: param 'nprobe' (-1) should be in range [1, 65536]"},
		{map[string]any{"nprobe": 65537.0}, "Out of range in json: param 'nprobe' (65537) should be in range [1, 65536]"},
		{map[string]any{"nprobe": 1.5}, "Type conflict in json: param 'nprobe' (1.5) should be integer"},
		{map[string]any{"nprobe": "many"}, `Type conflict in json: param 'nprobe' ("many") should be integer`},
		{map[string]any{"refine_k": 0.5}, "Out of range in json: param 'refine_k' (0.5) should be in range [1.000000, 340282346638528859811704183484516925440.000000]"},
		{map[string]any{"nprobe": 100.0}, ""}, // above nlist: every list
		{map[string]any{"nprobe": "4"}, ""},
	} {
		_, err := idx.Search(context.Background(), q, SearchParams{K: 3, Params: c.params})
		if c.want == "" {
			if err != nil {
				t.Errorf("%v: %v", c.params, err)
			}
			continue
		}
		if err == nil || err.Error() != c.want || !errors.Is(err, ErrInvalidParameter) {
			t.Errorf("%v: err %v, want %q", c.params, err, c.want)
		}
	}
	var mm *MetricMismatchError
	if _, err := idx.Search(context.Background(), q, SearchParams{K: 3, Metric: IP}); !errors.As(err, &mm) {
		t.Errorf("metric mismatch: %v", err)
	}
}
