package bench

import (
	"math"
	"sort"
)

// Targets are the recall levels the report reads off each curve (0.80
// because IVF_PQ without re-ranking rarely reaches 0.90).
var Targets = []float64{0.80, 0.90, 0.95, 0.99}

// QPSAt returns the QPS a curve reaches at recall target with threads
// workers, linearly interpolated between the two Pareto-optimal points
// around it; NaN when no point reaches the target. Above the best point's
// QPS it never extrapolates: a target below every point's recall gets the
// fastest point's QPS.
func QPSAt(points []Point, threads int, target float64) float64 {
	front := frontier(points, threads)
	if len(front) == 0 || front[len(front)-1].Recall < target {
		return math.NaN()
	}
	i := sort.Search(len(front), func(i int) bool { return front[i].Recall >= target })
	if i == 0 {
		return front[0].QPS
	}
	lo, hi := front[i-1], front[i]
	f := (target - lo.Recall) / (hi.Recall - lo.Recall)
	return lo.QPS + f*(hi.QPS-lo.QPS)
}

// frontier is the Pareto frontier of points at threads: recall ascending,
// QPS descending, every point beating all points of higher recall on QPS.
func frontier(points []Point, threads int) []Point {
	var pts []Point
	for _, p := range points {
		if p.Threads == threads && p.QPS > 0 {
			pts = append(pts, p)
		}
	}
	sort.Slice(pts, func(i, j int) bool {
		if pts[i].Recall != pts[j].Recall {
			return pts[i].Recall > pts[j].Recall
		}
		return pts[i].QPS > pts[j].QPS
	})
	var front []Point
	best := 0.0
	for _, p := range pts {
		if p.QPS > best {
			front = append(front, p)
			best = p.QPS
		}
	}
	for i, j := 0, len(front)-1; i < j; i, j = i+1, j-1 {
		front[i], front[j] = front[j], front[i]
	}
	return front
}

// MaxRecall is the best recall measured at threads.
func MaxRecall(points []Point, threads int) float64 {
	best := 0.0
	for _, p := range points {
		if p.Threads == threads {
			best = math.Max(best, p.Recall)
		}
	}
	return best
}
