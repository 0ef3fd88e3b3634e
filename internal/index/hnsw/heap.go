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

// heap is a binary heap of candidates; with far set the root is the
// farthest candidate (the result set), otherwise the nearest (the frontier).
type heap struct {
	far bool
	c   []cand
}

func (h *heap) len() int      { return len(h.c) }
func (h *heap) top() cand     { return h.c[0] }
func (h *heap) reset()        { h.c = h.c[:0] }
func (h *heap) items() []cand { return h.c }

// above reports whether c[i] belongs nearer the root than c[j].
func (h *heap) above(i, j int) bool {
	if h.far {
		return before(h.c[j], h.c[i])
	}
	return before(h.c[i], h.c[j])
}

func (h *heap) push(x cand) {
	h.c = append(h.c, x)
	for i := len(h.c) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.above(i, p) {
			break
		}
		h.c[i], h.c[p] = h.c[p], h.c[i]
		i = p
	}
}

func (h *heap) pop() cand {
	x := h.c[0]
	n := len(h.c) - 1
	h.c[0] = h.c[n]
	h.c = h.c[:n]
	for i := 0; ; {
		t := i
		if l := 2*i + 1; l < n && h.above(l, t) {
			t = l
		}
		if r := 2*i + 2; r < n && h.above(r, t) {
			t = r
		}
		if t == i {
			break
		}
		h.c[i], h.c[t] = h.c[t], h.c[i]
		i = t
	}
	return x
}

// visitSet marks rows seen in one search. A generation stamp makes reset
// O(1) instead of clearing n entries per search.
type visitSet struct {
	mark []uint16
	gen  uint16
	near heap
	res  heap
}

func (v *visitSet) begin(n int) {
	if len(v.mark) < n {
		v.mark = make([]uint16, n)
		v.gen = 0
	}
	v.gen++
	if v.gen == 0 { // wrapped: old stamps could collide
		clear(v.mark)
		v.gen = 1
	}
	v.near = heap{c: v.near.c[:0]}
	v.res = heap{far: true, c: v.res.c[:0]}
}

// seen reports whether row was visited in this search.
func (v *visitSet) seen(row uint32) bool { return v.mark[row] == v.gen }

// visit marks row and reports whether it was unseen.
func (v *visitSet) visit(row uint32) bool {
	if v.mark[row] == v.gen {
		return false
	}
	v.mark[row] = v.gen
	return true
}
