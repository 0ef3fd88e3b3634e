package bench

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"
)

// TestProtocolTiny runs the whole in-process protocol on tiny synthetic
// data, as `kite bench --data synthetic --n 2000 --dim 32` would, so CI
// keeps the benchmark working without Python or the data sets.
func TestProtocolTiny(t *testing.T) {
	var log bytes.Buffer
	rep, err := Bench(context.Background(), Options{
		Data:     DataConfig{Name: "synthetic", N: 2000, Dim: 32, Queries: 100, Seed: 7},
		Threads:  2,
		CacheDir: t.TempDir(),
		Log:      &log,
	})
	if err != nil {
		t.Fatalf("Bench: %v\n%s", err, log.String())
	}
	if len(rep.Results) != len(DefaultIndexes) {
		t.Fatalf("%d results, want one per default index type", len(rep.Results))
	}
	floors := map[string]float64{"FLAT": 0.999, "HNSW": 0.95, "IVF_FLAT": 0.95, "IVF_SQ8": 0.9, "IVF_PQ": 0.5}
	for _, res := range rep.Results {
		if res.Note != "" {
			t.Logf("%s: %s", res.Index, res.Note)
			continue
		}
		if got := MaxRecall(res.Points, 2); got < floors[res.Index] {
			t.Errorf("%s: max recall@10 %.3f below %.3f", res.Index, got, floors[res.Index])
		}
		for _, p := range res.Points {
			if p.QPS <= 0 || p.Recall < 0 || p.Recall > 1 {
				t.Errorf("%s %s: bad point %+v", res.Index, p.Search, p)
			}
		}
	}
	var table bytes.Buffer
	rep.WriteTable(&table)
	if !strings.Contains(table.String(), "| HNSW | kite |") {
		t.Errorf("table lacks the HNSW row:\n%s", table.String())
	}
}

func TestQPSAt(t *testing.T) {
	pts := []Point{
		{Threads: 1, Recall: 0.80, QPS: 1000},
		{Threads: 1, Recall: 0.92, QPS: 800},
		{Threads: 1, Recall: 0.98, QPS: 500},
		{Threads: 1, Recall: 0.97, QPS: 300}, // dominated
		{Threads: 2, Recall: 0.99, QPS: 9999},
	}
	for _, tc := range []struct {
		target, want float64
	}{{0.5, 1000}, {0.80, 1000}, {0.86, 900}, {0.95, 650}, {0.98, 500}, {0.99, math.NaN()}} {
		got := QPSAt(pts, 1, tc.target)
		if math.IsNaN(tc.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tc.want) > 1e-6) {
			t.Errorf("QPSAt(%.2f) = %v, want %v", tc.target, got, tc.want)
		}
	}
}

func TestBruteForceMatchesNaive(t *testing.T) {
	for _, metric := range []string{L2, IP, Cosine} {
		d := Synthetic(SynthConfig{N: 300, Queries: 20, Dim: 17, Seed: 3, Metric: metric})
		tr := BruteForce(d, 10, 3)
		for qi := 0; qi < d.NQuery(); qi++ {
			h := newMaxHeap(10)
			for r := 0; r < d.NBase(); r++ {
				h.push(int32(r), trueDist(metric, d.Query(qi), d.BaseRow(r)))
			}
			ids, dists := make([]int32, 10), make([]float32, 10)
			h.drainSorted(ids, dists)
			got, gotD := tr.Row(qi)
			for i := range ids {
				if got[i] != ids[i] && math.Abs(float64(gotD[i]-dists[i])) > 1e-4*(1+math.Abs(float64(dists[i]))) {
					t.Fatalf("%s query %d rank %d: row %d (%v), want %d (%v)", metric, qi, i, got[i], gotD[i], ids[i], dists[i])
				}
			}
			if r := queryRecall(d, tr, qi, ids, 10); r != 1 {
				t.Fatalf("%s query %d: recall of the exact answer %.2f", metric, qi, r)
			}
		}
	}
}

func TestSyntheticDeterministic(t *testing.T) {
	a := Synthetic(SynthConfig{N: 500, Queries: 10, Dim: 24, Seed: 9, Metric: L2})
	b := Synthetic(SynthConfig{N: 500, Queries: 10, Dim: 24, Seed: 9, Metric: L2})
	c := Synthetic(SynthConfig{N: 500, Queries: 10, Dim: 24, Seed: 10, Metric: L2})
	if !equalF32(a.Base, b.Base) || !equalF32(a.Queries, b.Queries) {
		t.Fatal("same seed, different vectors")
	}
	if equalF32(a.Base, c.Base) {
		t.Fatal("different seeds, same vectors")
	}
}

func TestRecallCountsTies(t *testing.T) {
	d := &Dataset{Metric: L2, Dim: 1, Base: []float32{0, 1, 1, 5}, Queries: []float32{0}}
	tr := BruteForce(d, 2, 1) // rows 0 and 1; row 2 ties with row 1
	if r := queryRecall(d, tr, 0, []int32{0, 2}, 2); r != 1 {
		t.Errorf("tied row not counted: recall %.2f", r)
	}
	if r := queryRecall(d, tr, 0, []int32{0, 3}, 2); r != 0.5 {
		t.Errorf("recall %.2f, want 0.5", r)
	}
}

func equalF32(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
