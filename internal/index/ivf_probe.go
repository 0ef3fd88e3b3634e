package index

import "github.com/kite-db/kite/internal/distance"

// probeOrder hands out lists nearest-centroid first. It heapifies all
// lists once (O(nlist)) and pops on demand, so a search that stops after
// nprobe lists pays O(nprobe·log nlist) for the order.
type probeOrder struct {
	ids  []int32
	dist []float32 // by list id; smaller is nearer
	sign float32   // turns dist back into the quantizer's score
}

// probe scores q against every centroid into scores (nlist floats, plus
// room to pad to whole panels): by L2 for L2 and COSINE (whose lists are
// L2 cells of normalized rows), by inner product for IP.
func (x *ivfIndex) probe(q, scores []float32) *probeOrder {
	l := &x.lists
	nl := l.nlist()
	distance.DotPanels(q, l.panels, scores)
	scores = scores[:nl]
	if x.metric == IP {
		for i := range scores {
			scores[i] = -scores[i]
		}
		return newProbeOrder(scores, -1)
	}
	qq := distance.Dot(q, q)
	for i := range scores {
		scores[i] = qq + l.norms[i] - 2*scores[i]
	}
	return newProbeOrder(scores, 1)
}

// panelLen is n rounded up to whole panels.
func panelLen(n int) int {
	return (n + distance.PanelRows - 1) / distance.PanelRows * distance.PanelRows
}

// newProbeOrder orders lists by dist (smaller first); pop reports sign·dist.
func newProbeOrder(dist []float32, sign float32) *probeOrder {
	o := &probeOrder{ids: make([]int32, len(dist)), dist: dist, sign: sign}
	for i := range o.ids {
		o.ids[i] = int32(i)
	}
	for i := len(o.ids)/2 - 1; i >= 0; i-- {
		o.down(i)
	}
	return o
}

// pop returns the nearest list not yet returned and its quantizer score
// (||q-c||² or q·c), or ok false when every list was returned.
func (o *probeOrder) pop() (list int, score float32, ok bool) {
	if len(o.ids) == 0 {
		return 0, 0, false
	}
	top := o.ids[0]
	last := len(o.ids) - 1
	o.ids[0] = o.ids[last]
	o.ids = o.ids[:last]
	o.down(0)
	return int(top), o.sign * o.dist[top], true
}

func (o *probeOrder) less(i, j int) bool {
	a, b := o.ids[i], o.ids[j]
	if o.dist[a] != o.dist[b] {
		return o.dist[a] < o.dist[b]
	}
	return a < b
}

func (o *probeOrder) down(i int) {
	n := len(o.ids)
	for {
		m := i
		if l := 2*i + 1; l < n && o.less(l, m) {
			m = l
		}
		if r := 2*i + 2; r < n && o.less(r, m) {
			m = r
		}
		if m == i {
			return
		}
		o.ids[i], o.ids[m] = o.ids[m], o.ids[i]
		i = m
	}
}
