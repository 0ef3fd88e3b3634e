package bench

import "math"

var inf = math.Inf(1)

// RecallK is the k of recall@k the protocol reports.
const RecallK = 10

// recallTol is the relative slack when comparing a returned row's distance
// with the k-th true distance, for float rounding between kernels.
const recallTol = 1e-4

// Recall is the mean recall@k of results (row ids per query, best first):
// a returned row counts when its true distance is at most the k-th true
// distance, so equally near rows are interchangeable (ann-benchmarks'
// definition). Duplicated rows count once.
func Recall(d *Dataset, t *Truth, results [][]int32, k int) float64 {
	if len(results) == 0 {
		return 0
	}
	total := 0.0
	for qi, res := range results {
		total += queryRecall(d, t, qi, res, k)
	}
	return total / float64(len(results))
}

func queryRecall(d *Dataset, t *Truth, qi int, res []int32, k int) float64 {
	_, dists := t.Row(qi)
	kk := min(k, t.K)
	bar := float64(dists[kk-1])
	bar += recallTol*math.Abs(bar) + 1e-6
	q := d.Query(qi)
	seen := make(map[int32]bool, len(res))
	hits := 0
	for _, r := range res[:min(len(res), kk)] {
		if r < 0 || int(r) >= d.NBase() || seen[r] {
			continue
		}
		seen[r] = true
		if float64(trueDist(d.Metric, q, d.BaseRow(int(r)))) <= bar {
			hits++
		}
	}
	return float64(hits) / float64(kk)
}

// LID is the mean maximum-likelihood local intrinsic dimensionality of the
// queries over their k nearest true neighbours (Levina & Bickel), for L2
// data sets; it tells how hard a data set is (SIFT1M ≈ 22).
func LID(t *Truth, k int) float64 {
	k = min(k, t.K)
	nq := len(t.IDs) / t.K
	sum, used := 0.0, 0
	for qi := 0; qi < nq; qi++ {
		_, dists := t.Row(qi)
		far := math.Sqrt(float64(dists[k-1]))
		if far <= 0 {
			continue
		}
		acc := 0.0
		for _, d := range dists[:k-1] {
			acc += math.Log(math.Sqrt(math.Max(float64(d), 1e-30)) / far)
		}
		if acc < 0 {
			sum += -float64(k-1) / acc
			used++
		}
	}
	if used == 0 {
		return 0
	}
	return sum / float64(used)
}
