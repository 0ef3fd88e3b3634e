package index

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// Benchmarks on DATA.md's synthetic set: 50k × 128 float32 rows, 200 fresh
// queries, recall@10 against exact search. Each reports build time (the
// "build" sub-benchmark) and, per search parameter, QPS one query at a
// time on one goroutine, queries per CPU-second (steadier on a shared
// machine) and recall. Run with -benchtime=1x to build once:
//
//	go test ./internal/index -run x -bench 'IVF' -benchtime 1x
const benchN, benchQ, benchDim, benchK = 50000, 200, 128, 10

type benchSet struct {
	data    *column.Column
	queries []*column.Column // one row each
	truth   [][]Hit
}

var benchCache *benchSet

func loadBenchSet(b *testing.B) *benchSet {
	if benchCache != nil {
		return benchCache
	}
	start := time.Now()
	data, q := gaussianMixture(7, benchN, benchQ, benchDim)
	s := &benchSet{data: data}
	flat, _ := NewFlat(L2, data)
	s.truth, _ = flat.Search(context.Background(), q, SearchParams{K: benchK})
	for i := 0; i < q.Len(); i++ {
		s.queries = append(s.queries, q.Take([]int{i}))
	}
	b.Logf("data and ground truth: %v", time.Since(start))
	benchCache = s
	return s
}

// gaussianMixture follows DATA.md's generator: 1000 clusters of skewed
// (Zipf-like) sizes, centre and noise scales decaying as (i+1)^-0.5,
// per-cluster anisotropy (log-normal, σ 0.5), one shared random rotation.
func gaussianMixture(seed uint64, n, nq, dim int) (data, q *column.Column) {
	r := rand.New(rand.NewPCG(seed, seed))
	const k = 1000
	centres, aniso := make([]float64, k*dim), make([]float64, k*dim)
	for i := range centres {
		s := 1 / math.Sqrt(float64(i%dim+1))
		centres[i] = r.NormFloat64() * s
		aniso[i] = 0.5 * s * math.Exp(0.5*r.NormFloat64())
	}
	rot := randomRotation(r, dim)
	all := column.New(schema.FloatVector, dim)
	all.FloatVecs = make([]float32, 0, (n+nq)*dim)
	x := make([]float64, dim)
	for i := 0; i < n+nq; i++ {
		c := int(k * math.Pow(r.Float64(), 3))
		for j := range x {
			x[j] = centres[c*dim+j] + aniso[c*dim+j]*r.NormFloat64()
		}
		for j := 0; j < dim; j++ {
			var s float64
			for l, v := range x {
				s += rot[j*dim+l] * v
			}
			all.FloatVecs = append(all.FloatVecs, float32(s))
		}
	}
	return all.Head(n), tail(all, n)
}

// randomRotation is an orthonormal dim×dim matrix from Gram-Schmidt on
// Gaussian rows.
func randomRotation(r *rand.Rand, dim int) []float64 {
	m := make([]float64, dim*dim)
	for i := range m {
		m[i] = r.NormFloat64()
	}
	for i := 0; i < dim; i++ {
		row := m[i*dim : (i+1)*dim]
		for p := 0; p < i; p++ {
			prev := m[p*dim : (p+1)*dim]
			var d float64
			for j := range row {
				d += row[j] * prev[j]
			}
			for j := range row {
				row[j] -= d * prev[j]
			}
		}
		var n float64
		for _, v := range row {
			n += v * v
		}
		n = math.Sqrt(n)
		for j := range row {
			row[j] /= n
		}
	}
	return m
}

// benchIndex builds spec once per process (the "build" sub-benchmark
// times it) and then measures each search-param setting.
func benchIndex(b *testing.B, spec Spec, settings []map[string]any) {
	s := loadBenchSet(b)
	var idx Index
	b.Run("build", func(b *testing.B) {
		cpu0 := cpuTime()
		for b.Loop() {
			var err error
			if idx, err = Build(context.Background(), spec, s.data); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/build")
		b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/build")
	})
	for _, params := range settings {
		b.Run(paramName(params), func(b *testing.B) {
			if idx == nil { // -bench filtered out "build"
				var err error
				if idx, err = Build(context.Background(), spec, s.data); err != nil {
					b.Fatal(err)
				}
			}
			p := SearchParams{K: benchK, Params: params}
			got := make([][]Hit, len(s.queries))
			cpu0 := cpuTime()
			for b.Loop() {
				for qi, q := range s.queries {
					res, err := idx.Search(context.Background(), q, p)
					if err != nil {
						b.Fatal(err)
					}
					got[qi] = res[0]
				}
			}
			b.ReportMetric(rowRecall(got, s.truth), "recall")
			b.ReportMetric(float64(len(s.queries)*b.N)/b.Elapsed().Seconds(), "qps")
			if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
				b.ReportMetric(float64(len(s.queries)*b.N)/cpu, "q/cpu-s")
			}
		})
	}
}

func paramName(p map[string]any) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	name := ""
	for _, k := range keys {
		name += fmt.Sprintf("%s=%v,", k, p[k])
	}
	return name[:max(0, len(name)-1)]
}

// rowRecall is the fraction of true top-k rows found.
func rowRecall(got, truth [][]Hit) float64 {
	found, total := 0, 0
	for qi := range truth {
		for _, t := range truth[qi] {
			total++
			for _, h := range got[qi] {
				if h.Row == t.Row {
					found++
					break
				}
			}
		}
	}
	return float64(found) / float64(total)
}

func nprobes(extra map[string]any, ns ...int) []map[string]any {
	var out []map[string]any
	for _, n := range ns {
		p := map[string]any{"nprobe": float64(n)}
		for k, v := range extra {
			p[k] = v
		}
		out = append(out, p)
	}
	return out
}

func BenchmarkFlat(b *testing.B) {
	benchIndex(b, Spec{Type: FlatType, Metric: L2}, []map[string]any{{}})
}

func BenchmarkIVFFlat(b *testing.B) {
	spec := Spec{Type: IVFFlat, Metric: L2, Params: map[string]string{"nlist": "256"}}
	benchIndex(b, spec, nprobes(nil, 1, 2, 4, 8, 16, 32, 64))
}

func BenchmarkIVFSQ8(b *testing.B) {
	spec := Spec{Type: IVFSQ8, Metric: L2, Params: map[string]string{"nlist": "256"}}
	settings := nprobes(nil, 4, 8, 16, 32)
	benchIndex(b, spec, append(settings, nprobes(map[string]any{"refine_k": 2.0}, 8, 16, 32)...))
}

func BenchmarkIVFPQ(b *testing.B) {
	spec := Spec{Type: IVFPQ, Metric: L2, Params: map[string]string{"nlist": "256", "m": "32", "nbits": "8"}}
	settings := nprobes(nil, 4, 8, 16, 32)
	benchIndex(b, spec, append(settings, nprobes(map[string]any{"refine_k": 4.0}, 8, 16, 32)...))
}

// BenchmarkSparse compares term at a time (TAAT_NAIVE) with windowed
// MaxScore (DAAT_MAXSCORE) on SPLADE-like rows (sparseData), top 10, with
// and without drop_ratio_search.
func BenchmarkSparse(b *testing.B) {
	data, q := sparseData(95, 100000), sparseData(96, 200)
	queries := make([]*column.Column, q.Len())
	for i := range queries {
		queries[i] = &column.Column{Type: q.Type, Bytes: q.Bytes[i : i+1]}
	}
	for _, algo := range []string{algoTAAT, algoMaxScore} {
		typ := algo
		idx, err := Build(context.Background(), Spec{Type: SparseInverted, Metric: IP, Params: map[string]string{"inverted_index_algo": algo}}, data)
		if err != nil {
			b.Fatal(err)
		}
		for _, drop := range []float64{0, 0.5} {
			b.Run(fmt.Sprintf("%s/drop_ratio_search=%v", typ, drop), func(b *testing.B) {
				p := SearchParams{K: benchK, Params: map[string]any{"drop_ratio_search": drop}}
				cpu0 := cpuTime()
				for b.Loop() {
					for _, qc := range queries {
						if _, err := idx.Search(context.Background(), qc, p); err != nil {
							b.Fatal(err)
						}
					}
				}
				b.ReportMetric(float64(len(queries)*b.N)/b.Elapsed().Seconds(), "qps")
				if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
					b.ReportMetric(float64(len(queries)*b.N)/cpu, "q/cpu-s")
				}
			})
		}
	}
}
