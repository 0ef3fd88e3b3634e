package hnsw

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// synthetic is a Gaussian mixture shaped like DATA.md's generator: Zipf-ish
// cluster sizes and per-dimension scales decaying as (i+1)^-0.5, so the
// data has a realistic intrinsic dimension rather than separated blobs.
func synthetic(seed uint64, n, nq, dim int) l2Space {
	r := rand.New(rand.NewPCG(seed, seed))
	const k = 200
	scale := make([]float64, dim)
	for i := range scale {
		scale[i] = 1 / math.Sqrt(float64(i+1))
	}
	centres := make([]float64, k*dim)
	for i := range centres {
		centres[i] = r.NormFloat64() * scale[i%dim]
	}
	all := make([]float32, 0, (n+nq)*dim)
	for i := 0; i < n+nq; i++ {
		c := int(float64(k) * math.Pow(r.Float64(), 2)) // skewed cluster sizes
		for j := 0; j < dim; j++ {
			all = append(all, float32(centres[c*dim+j]+0.5*r.NormFloat64()*scale[j]))
		}
	}
	return l2Space{dim: dim, data: all[:n*dim], queries: all[n*dim:]}
}

// BenchmarkSynthetic builds one graph and reports QPS and recall@10 per ef,
// the numbers DATA.md compares with hnswlib. Size with -benchtime=1x.
func BenchmarkSynthetic(b *testing.B) {
	const n, nq, dim = 50000, 200, 128
	s := synthetic(1, n, nq, dim)
	start := time.Now()
	g := New(Config{M: 16, EfConstruction: 200, Seed: 1}, n)
	for i := 0; i < n; i++ {
		g.Add(s)
	}
	b.Logf("build %d x %d: %v", n, dim, time.Since(start))
	truth := make([][]int32, nq)
	for qi := range truth {
		truth[qi] = exact(s, s.queries[qi*dim:(qi+1)*dim], 10, nil)
	}
	for _, ef := range []int{10, 20, 40, 80, 160} {
		b.Run(fmt.Sprintf("ef=%d", ef), func(b *testing.B) {
			hit := 0
			for b.Loop() {
				hit = 0
				for qi := 0; qi < nq; qi++ {
					for _, x := range search(b, g, s.to(s.queries[qi*dim:(qi+1)*dim]), 10, ef, nil) {
						if slices.Contains(truth[qi], x.Row) {
							hit++
						}
					}
				}
			}
			b.ReportMetric(float64(hit)/float64(10*nq), "recall")
			b.ReportMetric(float64(nq*b.N)/b.Elapsed().Seconds(), "qps")
		})
	}
}
