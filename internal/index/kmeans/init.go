package kmeans

import (
	"math"
	"math/rand/v2"

	"github.com/kite-db/kite/internal/distance"
)

const (
	// initPerCentroid bounds the k-means++ sample: seeding only needs to
	// spread centroids over the data, not to see all of it.
	initPerCentroid = 32
	// maxInitWork caps k-means++'s k·rows distance evaluations; past it
	// (tens of thousands of clusters) random rows seed the clustering.
	maxInitWork = 1 << 28
)

// initPlusPlus picks k initial centroids from the rows of train with
// k-means++: each next centroid is a row drawn with probability
// proportional to its squared distance from the nearest centroid so far.
func initPlusPlus(r *rand.Rand, train []float32, dim, k, workers int) []float32 {
	sample := sampleRows(r, train, dim, k*initPerCentroid)
	m := len(sample) / dim
	cent := make([]float32, 0, k*dim)
	if k*m > maxInitWork {
		for _, i := range r.Perm(m)[:k] {
			cent = append(cent, sample[i*dim:(i+1)*dim]...)
		}
		return cent
	}
	// Score each new centre against every sample row at once: the sample
	// in panels, d(x, c) = ||x||² + ||c||² - 2·x·c.
	panels, norms := PanelsWithNorms(sample, dim)
	minD := make([]float32, m)
	for i := range minD {
		minD[i] = float32(math.Inf(1))
	}
	i := r.IntN(m)
	for {
		c := sample[i*dim : (i+1)*dim]
		cent = append(cent, c...)
		if len(cent) == k*dim {
			return cent
		}
		lower(c, panels, norms, minD, workers)
		i = drawWeighted(r, minD)
	}
}

// lower lowers minD[i] to row i's squared distance from c where that is
// smaller, workers splitting the panels.
func lower(c, panels, norms, minD []float32, workers int) {
	const pr = distance.PanelRows
	dim := len(c)
	cc := distance.Dot(c, c)
	parallel(len(norms)/pr, workers, func(lo, hi int) {
		dots := make([]float32, (hi-lo)*pr)
		distance.DotPanels(c, panels[lo*pr*dim:hi*pr*dim], dots)
		for j, dot := range dots {
			r := lo*pr + j
			if r >= len(minD) {
				break
			}
			if d := max(0, norms[r]+cc-2*dot); d < minD[r] {
				minD[r] = d
			}
		}
	})
}

// drawWeighted returns i with probability w[i]/Σw, or a uniform index when
// every weight is zero (all rows already coincide with centroids).
func drawWeighted[T float32 | int32](r *rand.Rand, w []T) int {
	var total float64
	for _, x := range w {
		total += float64(x)
	}
	if total <= 0 {
		return r.IntN(len(w))
	}
	target := r.Float64() * total
	var acc float64
	for i, x := range w {
		acc += float64(x)
		if acc > target {
			return i
		}
	}
	return len(w) - 1
}
