package hnsw

// cand is a row and its distance to the query being served.
type cand struct {
	dist float32
	row  uint32
}

// before orders candidates by distance, then by lower row, so equal
// distances resolve the same way on every run.
func before(a, b cand) bool {
	if a.dist != b.dist {
		return a.dist < b.dist
	}
	return a.row < b.row
}

// nearHeap is the search frontier: a binary heap whose root is the nearest
// candidate. The two heaps are separate types rather than one with a
// direction flag so each comparison is a plain inlined call.
type nearHeap struct{ c []cand }

func (h *nearHeap) push(x cand) {
	c := append(h.c, x)
	i := len(c) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !before(x, c[p]) {
			break
		}
		c[i] = c[p]
		i = p
	}
	c[i] = x
	h.c = c
}

func (h *nearHeap) pop() cand {
	c := h.c
	top := c[0]
	n := len(c) - 1
	x := c[n]
	c = c[:n]
	i := 0
	for {
		t := 2*i + 1
		if t >= n {
			break
		}
		if r := t + 1; r < n && before(c[r], c[t]) {
			t = r
		}
		if !before(c[t], x) {
			break
		}
		c[i] = c[t]
		i = t
	}
	if n > 0 {
		c[i] = x
	}
	h.c = c
	return top
}

// farHeap holds the best ef results: a binary heap whose root is the
// farthest, the one a nearer candidate evicts.
type farHeap struct{ c []cand }

func (h *farHeap) len() int  { return len(h.c) }
func (h *farHeap) top() cand { return h.c[0] }

func (h *farHeap) push(x cand) {
	c := append(h.c, x)
	i := len(c) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !before(c[p], x) {
			break
		}
		c[i] = c[p]
		i = p
	}
	c[i] = x
	h.c = c
}

func (h *farHeap) pop() cand {
	c := h.c
	top := c[0]
	n := len(c) - 1
	x := c[n]
	h.c = c[:n]
	if n > 0 {
		h.down(x)
	}
	return top
}

// replaceTop evicts the farthest result for x in one sift.
func (h *farHeap) replaceTop(x cand) { h.down(x) }

// down places x at the root and sifts it down.
func (h *farHeap) down(x cand) {
	c := h.c
	n := len(c)
	i := 0
	for {
		t := 2*i + 1
		if t >= n {
			break
		}
		if r := t + 1; r < n && before(c[t], c[r]) {
			t = r
		}
		if !before(x, c[t]) {
			break
		}
		c[i] = c[t]
		i = t
	}
	c[i] = x
}

// visitSet is one search's scratch: the rows seen, both heaps and the
// buffers a neighbour list is gathered and scored in. A generation stamp
// makes reset O(1) instead of clearing n entries per search; uint16 stamps
// keep the array small enough to stay in cache.
type visitSet struct {
	mark  []uint16
	gen   uint16
	near  nearHeap
	res   farHeap
	ids   []uint32  // unvisited neighbours of the row being expanded
	dists []float32 // their distances, scored in one batch

	// Build only: neighbours picked for the new row, and a full list
	// being pruned.
	picked  []uint32
	prune   []cand
	linkBuf []uint32
}

func (v *visitSet) begin(n int) {
	if len(v.mark) < n { // doubling: Add grows n by one row at a time
		v.mark = make([]uint16, max(n, 2*len(v.mark)))
		v.gen = 0
	}
	v.gen++
	if v.gen == 0 { // wrapped: old stamps could collide
		clear(v.mark)
		v.gen = 1
	}
	v.near.c = v.near.c[:0]
	v.res.c = v.res.c[:0]
}

// visit marks row and reports whether it was unseen.
func (v *visitSet) visit(row uint32) bool {
	if v.mark[row] == v.gen {
		return false
	}
	v.mark[row] = v.gen
	return true
}
