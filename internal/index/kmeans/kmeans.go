package kmeans

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"

	"github.com/kite-db/kite/internal/distance"
)

// Config sets the size and cost of a clustering.
type Config struct {
	K              int    // clusters wanted
	Iters          int    // Lloyd iterations; 0 means 10
	MaxPerCentroid int    // train on at most K·MaxPerCentroid rows; 0 means 256
	Seed           uint64 // sampling and initialisation seed
	Workers        int    // goroutines for assignment; 0 means GOMAXPROCS
}

func (c Config) withDefaults() Config {
	if c.Iters <= 0 {
		c.Iters = 10
	}
	if c.MaxPerCentroid <= 0 {
		c.MaxPerCentroid = 256
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	return c
}

// Train clusters the rows of data (dim floats each) and returns min(K,
// rows) centroids, dim floats each, back to back.
func Train(data []float32, dim int, cfg Config) []float32 {
	cfg = cfg.withDefaults()
	n := len(data) / dim
	k := min(cfg.K, n)
	if k <= 0 {
		return nil
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x6b6d65616e73))
	train := sampleRows(r, data, dim, k*cfg.MaxPerCentroid)
	cent := initPlusPlus(r, train, dim, k, cfg.Workers)
	labels := make([]int32, len(train)/dim)
	for it := 0; it < cfg.Iters; it++ {
		assignInto(train, dim, cent, labels, nil, cfg.Workers)
		update(train, dim, cent, labels)
	}
	return cent
}

// sampleRows returns data itself when it has at most max rows, else a copy
// of max rows drawn without replacement, kept in their original order.
func sampleRows(r *rand.Rand, data []float32, dim, max int) []float32 {
	n := len(data) / dim
	if n <= max {
		return data
	}
	idx := r.Perm(n)[:max]
	slices.Sort(idx)
	out := make([]float32, 0, max*dim)
	for _, i := range idx {
		out = append(out, data[i*dim:(i+1)*dim]...)
	}
	return out
}

// Assign returns, for every row of data, the index of its nearest centroid
// under squared L2, and that distance.
func Assign(data []float32, dim int, centroids []float32, workers int) ([]int32, []float32) {
	n := len(data) / dim
	labels, dists := make([]int32, n), make([]float32, n)
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	assignInto(data, dim, centroids, labels, dists, workers)
	return labels, dists
}

// assignInto fills labels (and dists, when not nil) for every row. It
// scores rows against the centroids laid out in panels, as ||c||² - 2·x·c
// (the row's own ||x||² does not change which centroid is nearest).
func assignInto(data []float32, dim int, cent []float32, labels []int32, dists []float32, workers int) {
	panels, norms := PanelsWithNorms(cent, dim)
	parallel(len(labels), workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			x := data[i*dim : (i+1)*dim]
			best, _ := distance.NearestPanels(x, panels, norms)
			labels[i] = int32(best)
			if dists != nil {
				dists[i] = distance.L2Sq(x, cent[best*dim:(best+1)*dim])
			}
		}
	})
}

// PanelsWithNorms lays out rows for distance.NearestPanels: the panels and
// each row's squared length, padding rows +Inf.
func PanelsWithNorms(rows []float32, dim int) (panels, norms []float32) {
	panels = distance.Panels(rows, dim)
	norms = make([]float32, len(panels)/dim)
	for i := range norms {
		if i < len(rows)/dim {
			v := rows[i*dim : (i+1)*dim]
			norms[i] = distance.Dot(v, v)
		} else {
			norms[i] = float32(math.Inf(1))
		}
	}
	return panels, norms
}

// update moves each centroid to the mean of its rows, summing in float64
// in row order so the result does not depend on the worker count.
func update(data []float32, dim int, cent []float32, labels []int32) {
	k := len(cent) / dim
	sums := make([]float64, k*dim)
	counts := make([]int, k)
	for i, l := range labels {
		counts[l]++
		s := sums[int(l)*dim : int(l+1)*dim]
		for j, x := range data[i*dim : (i+1)*dim] {
			s[j] += float64(x)
		}
	}
	for c := 0; c < k; c++ {
		if counts[c] == 0 {
			continue
		}
		inv := 1 / float64(counts[c])
		for j := range dim {
			cent[c*dim+j] = float32(sums[c*dim+j] * inv)
		}
	}
	splitEmpty(cent, dim, counts)
}

// splitEmpty gives each empty cluster half of the largest one: both
// centroids move a little apart from the old one, in opposite directions
// (FAISS's rule), so the next assignment divides its rows.
func splitEmpty(cent []float32, dim int, counts []int) {
	const eps = 1.0 / 1024
	for c := range counts {
		if counts[c] != 0 {
			continue
		}
		big := 0
		for j := range counts {
			if counts[j] > counts[big] {
				big = j
			}
		}
		if counts[big] < 2 {
			return // every row is alone already: duplicates or k == n
		}
		ci, cj := cent[c*dim:(c+1)*dim], cent[big*dim:(big+1)*dim]
		for j := range ci {
			sign := float32(1 - 2*(j%2))
			ci[j] = cj[j] * (1 + sign*eps)
			cj[j] = cj[j] * (1 - sign*eps)
		}
		counts[c] = counts[big] / 2
		counts[big] -= counts[c]
	}
}
