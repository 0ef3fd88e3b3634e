package bench

// maxHeap keeps the k smallest distances seen; its root is the largest of
// them. Ties keep the lower row, matching the index package's order.
type maxHeap struct {
	k    int
	ids  []int32
	dist []float32
}

func newMaxHeap(k int) maxHeap {
	return maxHeap{k: k, ids: make([]int32, 0, k), dist: make([]float32, 0, k)}
}

// worse reports whether entry i ranks after entry j.
func (h *maxHeap) worse(i, j int) bool {
	if h.dist[i] != h.dist[j] {
		return h.dist[i] > h.dist[j]
	}
	return h.ids[i] > h.ids[j]
}

func (h *maxHeap) swap(i, j int) {
	h.ids[i], h.ids[j] = h.ids[j], h.ids[i]
	h.dist[i], h.dist[j] = h.dist[j], h.dist[i]
}

func (h *maxHeap) push(id int32, d float32) {
	if d != d { // NaN
		return
	}
	if len(h.ids) < h.k {
		h.ids, h.dist = append(h.ids, id), append(h.dist, d)
		for i := len(h.ids) - 1; i > 0 && h.worse(i, (i-1)/2); i = (i - 1) / 2 {
			h.swap(i, (i-1)/2)
		}
		return
	}
	if d > h.dist[0] || (d == h.dist[0] && id > h.ids[0]) {
		return
	}
	h.ids[0], h.dist[0] = id, d
	h.down(0, len(h.ids))
}

func (h *maxHeap) down(i, n int) {
	for {
		w, l, r := i, 2*i+1, 2*i+2
		if l < n && h.worse(l, w) {
			w = l
		}
		if r < n && h.worse(r, w) {
			w = r
		}
		if w == i {
			return
		}
		h.swap(i, w)
		i = w
	}
}

// drainSorted writes the kept entries nearest first into ids and dist
// (which must hold k entries; missing ones are -1 / +Inf) and empties h.
func (h *maxHeap) drainSorted(ids []int32, dist []float32) {
	for i := range ids {
		ids[i], dist[i] = -1, float32(inf)
	}
	for n := len(h.ids); n > 0; n-- {
		ids[n-1], dist[n-1] = h.ids[0], h.dist[0]
		h.swap(0, n-1)
		h.down(0, n-1)
	}
	h.ids, h.dist = h.ids[:0], h.dist[:0]
}
