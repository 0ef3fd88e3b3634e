package bench

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/kite-db/kite/internal/distance"
)

// SynthConfig shapes the synthetic data set.
type SynthConfig struct {
	N, Queries, Dim int
	Seed            uint64
	Metric          string // L2 or IP
	Clusters        int    // 0: min(1000, N/50)
}

// Synthesis constants (DATA.md): Zipf exponent of cluster sizes, spread of
// the per-cluster, per-dimension log-normal anisotropy, and the noise scale
// relative to the centres, chosen so clusters overlap (LID ≈ 20 at d=128,
// like SIFT) instead of making IVF look unrealistically good.
const (
	synthZipf  = 1.0
	synthAniso = 0.5
	synthNoise = 0.8
)

// Streams of the per-row generators.
const (
	streamModel = iota + 1
	streamBase
	streamQuery
)

// Synthetic draws a seeded Gaussian mixture: cluster c has Zipf-like weight
// 1/(c+1), centre N(0, s²) and noise N(0, (synthNoise·a_c·s)²) per
// dimension j with s = (j+1)^-0.5 and a_c log-normal; every vector is then
// turned by one shared random rotation. Queries are fresh draws from the
// same mixture, not base rows.
func Synthetic(c SynthConfig) *Dataset {
	if c.Clusters <= 0 {
		c.Clusters = min(1000, max(1, c.N/50))
	}
	m := newMixture(c)
	d := &Dataset{
		Name:   fmt.Sprintf("synthetic-%dx%d", c.N, c.Dim),
		Key:    fmt.Sprintf("synth-%dx%d-q%d-c%d-s%d", c.N, c.Dim, c.Queries, c.Clusters, c.Seed),
		Metric: c.Metric,
		Dim:    c.Dim,
	}
	d.Base = m.sample(c.N, streamBase)
	d.Queries = m.sample(c.Queries, streamQuery)
	return d
}

// mixture is the model every row is drawn from.
type mixture struct {
	seed    uint64
	dim     int
	cum     []float64   // cumulative cluster weights, last = 1
	centres [][]float64 // per cluster, scaled
	spread  [][]float64 // per cluster, per dimension noise std-dev
	rot     []float32   // dim×dim orthogonal, row-major
}

func newMixture(c SynthConfig) *mixture {
	r := streamRNG(c.Seed, streamModel, 0)
	m := &mixture{seed: c.Seed, dim: c.Dim}
	total := 0.0
	for k := 0; k < c.Clusters; k++ {
		total += math.Pow(float64(k+1), -synthZipf)
		m.cum = append(m.cum, total)
	}
	for k := range m.cum {
		m.cum[k] /= total
	}
	for k := 0; k < c.Clusters; k++ {
		centre, spread := make([]float64, c.Dim), make([]float64, c.Dim)
		for j := range centre {
			s := math.Pow(float64(j+1), -0.5)
			centre[j] = r.norm() * s
			spread[j] = synthNoise * s * math.Exp(synthAniso*r.norm())
		}
		m.centres, m.spread = append(m.centres, centre), append(m.spread, spread)
	}
	m.rot = randomRotation(r, c.Dim)
	return m
}

// sample draws n rows of stream in parallel; row i depends only on
// (seed, stream, i), so the output is the same for any thread count.
func (m *mixture) sample(n int, stream uint64) []float32 {
	out := make([]float32, n*m.dim)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			x := make([]float32, m.dim)
			for i := w; i < n; i += workers {
				m.draw(streamRNG(m.seed, stream, uint64(i)), x)
				m.rotate(x, out[i*m.dim:(i+1)*m.dim])
			}
		}(w)
	}
	wg.Wait()
	return out
}

func (m *mixture) draw(r *rng, x []float32) {
	k := sort.SearchFloat64s(m.cum, r.float64())
	k = min(k, len(m.cum)-1)
	for j := range x {
		x[j] = float32(m.centres[k][j] + r.norm()*m.spread[k][j])
	}
}

func (m *mixture) rotate(x, dst []float32) {
	for i := range dst {
		dst[i] = distance.Dot(m.rot[i*m.dim:(i+1)*m.dim], x)
	}
}

// randomRotation is an orthogonal matrix from Gram-Schmidt on Gaussian
// rows (Haar-distributed up to signs, which do not matter here).
func randomRotation(r *rng, d int) []float32 {
	q := make([][]float64, d)
	for i := range q {
		row := make([]float64, d)
		for {
			for j := range row {
				row[j] = r.norm()
			}
			if orthonormalize(row, q[:i]) {
				break
			}
		}
		q[i] = row
	}
	out := make([]float32, 0, d*d)
	for _, row := range q {
		for _, v := range row {
			out = append(out, float32(v))
		}
	}
	return out
}

// orthonormalize removes from v its components along the rows of basis
// (twice, for stability) and normalizes it; false if v was dependent.
func orthonormalize(v []float64, basis [][]float64) bool {
	for pass := 0; pass < 2; pass++ {
		for _, b := range basis {
			dot := 0.0
			for j := range v {
				dot += v[j] * b[j]
			}
			for j := range v {
				v[j] -= dot * b[j]
			}
		}
	}
	norm := 0.0
	for _, x := range v {
		norm += x * x
	}
	if norm < 1e-12 {
		return false
	}
	inv := 1 / math.Sqrt(norm)
	for j := range v {
		v[j] *= inv
	}
	return true
}
