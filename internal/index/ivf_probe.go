package index

import (
	"slices"

	"github.com/kite-db/kite/internal/distance"
)

// probeOrder hands out lists nearest-centroid first. A search usually
// stops after nprobe lists, so expect(nprobe) selects just those with a
// bounded heap (one comparison per list in the common case) and sorts
// them; only a search that needs more (a filter or a range search that
// found too little) pays to heapify the rest, O(nlist), and pops on demand.
type probeOrder struct {
	dist  []float32 // by list id; smaller is nearer
	sign  float32   // turns dist back into the quantizer's score
	first []int32   // the lists expect selected, nearest first
	next  int       // first[next] is the next to hand out
	rest  []int32   // heap of the other lists, built on demand
	built bool
}

// probe scores q against every centroid into scores (nlist floats, plus
// room to pad to whole panels): by L2 for L2 and COSINE (whose lists are
// L2 cells of normalized rows), by inner product for IP. It returns o,
// reset to order the lists by those scores.
func (x *ivfIndex) probe(q, scores []float32, o *probeOrder) *probeOrder {
	l := &x.lists
	nl := l.nlist()
	distance.DotPanels(q, l.panels, scores)
	scores = scores[:nl]
	if x.metric == IP {
		for i := range scores {
			scores[i] = -scores[i]
		}
		o.reset(scores, -1)
		return o
	}
	qq := distance.Dot(q, q)
	norms := l.norms[:nl]
	for i := range scores {
		scores[i] = qq + norms[i] - 2*scores[i]
	}
	o.reset(scores, 1)
	return o
}

// panelLen is n rounded up to whole panels.
func panelLen(n int) int {
	return (n + distance.PanelRows - 1) / distance.PanelRows * distance.PanelRows
}

// newProbeOrder orders lists by dist (smaller first); pop reports sign·dist.
func newProbeOrder(dist []float32, sign float32) *probeOrder {
	return &probeOrder{dist: dist, sign: sign}
}

// reset makes o order dist afresh as newProbeOrder would, keeping its
// buffers.
func (o *probeOrder) reset(dist []float32, sign float32) {
	*o = probeOrder{dist: dist, sign: sign, first: o.first[:0], rest: o.rest[:0]}
}

// nearer is the probe order: smaller dist first, the lower list on ties.
func (o *probeOrder) nearer(a, b int32) bool {
	if o.dist[a] != o.dist[b] {
		return o.dist[a] < o.dist[b]
	}
	return a < b
}

// expect selects the n nearest lists for the first n pops. It must be
// called before the first pop; without it pop heapifies every list.
func (o *probeOrder) expect(n int) {
	if n <= 0 || 4*n >= len(o.dist) {
		return // selecting most of the lists: the full heap is as cheap
	}
	// h is a max-heap (farthest at the root) of the n nearest so far;
	// bar is its root's distance. Lists come in id order, so one at the
	// bar's distance loses the tie: only a strictly nearer one enters.
	h := o.first[:0]
	var bar float32
	for id, d := range o.dist {
		id := int32(id)
		if len(h) == n && !(d < bar) {
			continue
		}
		if len(h) < n {
			h = append(h, id)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !o.nearer(h[p], h[i]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			bar = o.dist[h[0]]
			continue
		}
		h[0] = id
		for i := 0; ; {
			m := i
			if l := 2*i + 1; l < n && o.nearer(h[m], h[l]) {
				m = l
			}
			if r := 2*i + 2; r < n && o.nearer(h[m], h[r]) {
				m = r
			}
			if m == i {
				break
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
		bar = o.dist[h[0]]
	}
	slices.SortFunc(h, func(a, b int32) int {
		if o.nearer(a, b) {
			return -1
		}
		return 1
	})
	o.first = h
}

// pop returns the nearest list not yet returned and its quantizer score
// (||q-c||² or q·c), or ok false when every list was returned.
func (o *probeOrder) pop() (list int, score float32, ok bool) {
	if o.next < len(o.first) {
		id := o.first[o.next]
		o.next++
		return int(id), o.sign * o.dist[id], true
	}
	if !o.built {
		o.buildRest()
	}
	if len(o.rest) == 0 {
		return 0, 0, false
	}
	top := o.rest[0]
	last := len(o.rest) - 1
	o.rest[0] = o.rest[last]
	o.rest = o.rest[:last]
	o.down(0)
	return int(top), o.sign * o.dist[top], true
}

// buildRest heapifies the lists expect did not select.
func (o *probeOrder) buildRest() {
	o.built = true
	var taken []bool
	if len(o.first) > 0 {
		taken = make([]bool, len(o.dist))
		for _, id := range o.first {
			taken[id] = true
		}
	}
	o.rest = o.rest[:0]
	for id := range int32(len(o.dist)) {
		if taken == nil || !taken[id] {
			o.rest = append(o.rest, id)
		}
	}
	for i := len(o.rest)/2 - 1; i >= 0; i-- {
		o.down(i)
	}
}

func (o *probeOrder) down(i int) {
	n := len(o.rest)
	for {
		m := i
		if l := 2*i + 1; l < n && o.nearer(o.rest[l], o.rest[m]) {
			m = l
		}
		if r := 2*i + 2; r < n && o.nearer(o.rest[r], o.rest[m]) {
			m = r
		}
		if m == i {
			return
		}
		o.rest[i], o.rest[m] = o.rest[m], o.rest[i]
		i = m
	}
}
