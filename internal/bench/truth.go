package bench

import (
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/kite-db/kite/internal/distance"
)

// TruthK is how many exact neighbours the ground truth keeps per query:
// more than recall@10 needs, so the same files serve LID estimates.
const TruthK = 100

// Truth is the exact top-K of every query, nearest first. Dists follow one
// convention for every metric, smaller is closer: L2 squared, -dot for IP,
// 1 - cosine for COSINE.
type Truth struct {
	K     int
	IDs   []int32
	Dists []float32
}

// Row returns query qi's neighbours and distances.
func (t *Truth) Row(qi int) ([]int32, []float32) {
	return t.IDs[qi*t.K : (qi+1)*t.K], t.Dists[qi*t.K : (qi+1)*t.K]
}

// truthPaths are the cache files of d's ground truth.
func truthPaths(d *Dataset, cacheDir string) (ids, dists string) {
	base := filepath.Join(cacheDir, fmt.Sprintf("gt-%s-%s-k%d", d.Key, d.Metric, TruthK))
	return base + ".ivecs", base + ".fvecs"
}

// GroundTruth loads d's exact neighbours from cacheDir or computes them by
// brute force on all cores and caches them.
func GroundTruth(d *Dataset, cacheDir string) (*Truth, error) {
	idsPath, distPath := truthPaths(d, cacheDir)
	ids, k1, err1 := ReadIvecs(idsPath)
	dists, k2, err2 := ReadFvecs(distPath)
	if err1 == nil && err2 == nil && k1 == TruthK && k2 == TruthK && len(ids) == d.NQuery()*TruthK {
		return &Truth{K: TruthK, IDs: ids, Dists: dists}, nil
	}
	t := BruteForce(d, min(TruthK, d.NBase()), runtime.GOMAXPROCS(0))
	if t.K == TruthK {
		if err := WriteIvecs(idsPath, t.IDs, t.K); err != nil {
			return nil, err
		}
		if err := WriteFvecs(distPath, t.Dists, t.K); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Block sizes of the brute-force scan: a block of base rows stays in cache
// while a block of queries is scored against it.
const (
	gtBaseBlock  = 128
	gtQueryBlock = 32
)

// BruteForce computes the exact top-k of every query with the distance
// package's batch kernels.
func BruteForce(d *Dataset, k, workers int) *Truth {
	base, queries := d.Base, d.Queries
	if d.Metric == Cosine {
		base, queries = normalized(base, d.Dim), normalized(queries, d.Dim)
	}
	nq := d.NQuery()
	t := &Truth{K: k, IDs: make([]int32, nq*k), Dists: make([]float32, nq*k)}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(gtQueryBlock)) - gtQueryBlock
				if lo >= nq {
					return
				}
				scanQueries(d, base, queries, lo, min(lo+gtQueryBlock, nq), t)
			}
		}()
	}
	wg.Wait()
	return t
}

func scanQueries(d *Dataset, base, queries []float32, lo, hi int, t *Truth) {
	dim, n := d.Dim, d.NBase()
	heaps := make([]maxHeap, hi-lo)
	for i := range heaps {
		heaps[i] = newMaxHeap(t.K)
	}
	scores := make([]float32, gtBaseBlock)
	for b := 0; b < n; b += gtBaseBlock {
		rows := base[b*dim : min(b+gtBaseBlock, n)*dim]
		out := scores[:len(rows)/dim]
		for qi := lo; qi < hi; qi++ {
			q := queries[qi*dim : (qi+1)*dim]
			scoreBlock(d.Metric, q, rows, out)
			h := &heaps[qi-lo]
			for i, s := range out {
				h.push(int32(b+i), s)
			}
		}
	}
	for qi := lo; qi < hi; qi++ {
		heaps[qi-lo].drainSorted(t.IDs[qi*t.K:(qi+1)*t.K], t.Dists[qi*t.K:(qi+1)*t.K])
	}
}

// scoreBlock writes distances (smaller is closer) of q to each row.
func scoreBlock(metric string, q, rows, out []float32) {
	if metric == L2 {
		distance.L2SqBatch(q, rows, out)
		return
	}
	distance.DotBatch(q, rows, out)
	for i, s := range out {
		if metric == Cosine {
			out[i] = 1 - s
		} else {
			out[i] = -s
		}
	}
}

// trueDist is the ground-truth distance of query q to base row r.
func trueDist(metric string, q, row []float32) float32 {
	switch metric {
	case L2:
		return distance.L2Sq(q, row)
	case Cosine:
		return 1 - distance.Cosine(q, row)
	}
	return -distance.Dot(q, row)
}

func normalized(v []float32, dim int) []float32 {
	out := make([]float32, len(v))
	for off := 0; off < len(v); off += dim {
		row := v[off : off+dim]
		n := distance.Norm(row)
		if n == 0 {
			n = 1
		}
		for j, x := range row {
			out[off+j] = x / n
		}
	}
	return out
}
