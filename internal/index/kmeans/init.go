package kmeans

import (
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
	minD := make([]float32, m)
	scratch := make([]float32, m)
	first := r.IntN(m)
	cent = append(cent, sample[first*dim:(first+1)*dim]...)
	nearest(sample, dim, cent, minD, minD, workers, true)
	for len(cent) < k*dim {
		i := drawWeighted(r, minD)
		c := sample[i*dim : (i+1)*dim]
		cent = append(cent, c...)
		nearest(sample, dim, c, minD, scratch, workers, false)
	}
	return cent
}

// nearest scores centre c against every row and lowers minD where the row
// is closer to c (or sets it, when first).
func nearest(rows []float32, dim int, c, minD, scratch []float32, workers int, first bool) {
	m := len(minD)
	parallel(m, workers, func(lo, hi int) {
		for b := lo; b < hi; b += 256 {
			e := min(hi, b+256)
			out := scratch[b:e]
			distance.L2SqBatch(c, rows[b*dim:e*dim], out)
			for i, d := range out {
				if first || d < minD[b+i] {
					minD[b+i] = d
				}
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
