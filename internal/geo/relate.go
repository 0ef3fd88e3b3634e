package geo

import (
	"math"
	"slices"
)

// Matrix is a DE-9IM intersection matrix: M[i][j] is the dimension (-1
// for empty, 0, 1, 2) of the intersection of part i of A with part j of
// B, parts ordered interior, boundary, exterior.
type Matrix [3][3]int8

// String prints the matrix in the usual 9-character form, "F" for empty.
func (m Matrix) String() string {
	b := make([]byte, 0, 9)
	for i := range 3 {
		for j := range 3 {
			if m[i][j] < 0 {
				b = append(b, 'F')
			} else {
				b = append(b, byte('0'+m[i][j]))
			}
		}
	}
	return string(b)
}

func (m *Matrix) raise(a, b loc, d int8) {
	if m[a][b] < d {
		m[a][b] = d
	}
}

// Relate computes the DE-9IM matrix of a against b.
func Relate(a, b *Geometry) Matrix {
	return relate(newTopo(a), newTopo(b))
}

// node is a split point on a segment: its parameter along the segment
// and, for computed crossings, the segment of the other geometry it is on.
type node struct {
	t     float64
	p     XY
	other int // segment index in the other geometry, -1 when p is exact input
}

// overlap is a collinear stretch [t0, t1] of a segment shared with
// segment other of the other geometry.
type overlap struct {
	t0, t1 float64
	other  int
}

// noding holds, per segment of each geometry, where it is split.
type noding struct {
	nodes    [2][][]node
	overlaps [2][][]overlap
}

func relate(ta, tb *topo) Matrix {
	var m Matrix
	for i := range m {
		for j := range m[i] {
			m[i][j] = -1
		}
	}
	m[exterior][exterior] = 2
	if ta.dim < 0 || tb.dim < 0 {
		return m
	}
	n := nodeAll(ta, tb)
	classifyVertices(&m, ta, tb)
	sides := ta.dim == 2 || tb.dim == 2
	classifyEdges(&m, ta, tb, n, 0, sides)
	classifyEdges(&m, ta, tb, n, 1, sides)
	return m
}

// classifyVertices records dimension-0 intersections at every input
// coordinate and isolated point of both geometries.
func classifyVertices(m *Matrix, ta, tb *topo) {
	for _, t := range []*topo{ta, tb} {
		for _, p := range t.pts {
			m.raise(ta.locate(p, nil), tb.locate(p, nil), 0)
		}
		for _, s := range t.segs {
			m.raise(ta.locate(s.a, nil), tb.locate(s.a, nil), 0)
			m.raise(ta.locate(s.b, nil), tb.locate(s.b, nil), 0)
		}
	}
}

// nodeAll intersects every segment of a with every segment of b.
func nodeAll(ta, tb *topo) *noding {
	n := &noding{}
	n.nodes[0] = make([][]node, len(ta.segs))
	n.nodes[1] = make([][]node, len(tb.segs))
	n.overlaps[0] = make([][]overlap, len(ta.segs))
	n.overlaps[1] = make([][]overlap, len(tb.segs))
	if !ta.box.Intersects(tb.box) {
		return n
	}
	n.splitAtPoints(0, ta, tb.pts)
	n.splitAtPoints(1, tb, ta.pts)
	for i, sa := range ta.segs {
		boxA := segBox(sa)
		if !boxA.Intersects(tb.box) {
			continue
		}
		for j, sb := range tb.segs {
			if boxA.Intersects(segBox(sb)) {
				n.intersect(i, sa, j, sb)
			}
		}
	}
	return n
}

// splitAtPoints nodes the segments of t at the other geometry's isolated
// points that lie on them.
func (n *noding) splitAtPoints(side int, t *topo, pts []XY) {
	for _, p := range pts {
		for i, s := range t.segs {
			if onSegment(p, s.a, s.b) {
				n.add(side, i, s, p, -1)
			}
		}
	}
}

func segBox(s seg) Box {
	return Box{Min: XY{min(s.a.X, s.b.X), min(s.a.Y, s.b.Y)}, Max: XY{max(s.a.X, s.b.X), max(s.a.Y, s.b.Y)}}
}

func (n *noding) intersect(i int, sa seg, j int, sb seg) {
	o1, o2 := orient(sa.a, sa.b, sb.a), orient(sa.a, sa.b, sb.b)
	o3, o4 := orient(sb.a, sb.b, sa.a), orient(sb.a, sb.b, sa.b)
	if o1 == 0 && o2 == 0 {
		n.collinear(i, sa, j, sb)
		return
	}
	if o1*o2 > 0 || o3*o4 > 0 {
		return
	}
	touched := false
	if o1 == 0 {
		n.add(0, i, sa, sb.a, -1)
		touched = true
	}
	if o2 == 0 {
		n.add(0, i, sa, sb.b, -1)
		touched = true
	}
	if o3 == 0 {
		n.add(1, j, sb, sa.a, -1)
		touched = true
	}
	if o4 == 0 {
		n.add(1, j, sb, sa.b, -1)
		touched = true
	}
	if touched {
		return
	}
	x := crossing(sa, sb)
	n.add(0, i, sa, x, j)
	n.add(1, j, sb, x, i)
}

// crossing computes the point where two properly crossing segments meet.
func crossing(sa, sb seg) XY {
	dx, dy := sa.b.X-sa.a.X, sa.b.Y-sa.a.Y
	ex, ey := sb.b.X-sb.a.X, sb.b.Y-sb.a.Y
	den := dx*ey - dy*ex
	t := ((sb.a.X-sa.a.X)*ey - (sb.a.Y-sa.a.Y)*ex) / den
	t = min(max(t, 0), 1)
	return XY{sa.a.X + t*dx, sa.a.Y + t*dy}
}

// collinear records the shared stretch of two collinear segments.
func (n *noding) collinear(i int, sa seg, j int, sb seg) {
	var onA, onB []XY
	for _, p := range []XY{sb.a, sb.b} {
		if onSegment(p, sa.a, sa.b) {
			onA = append(onA, p)
		}
	}
	for _, p := range []XY{sa.a, sa.b} {
		if onSegment(p, sb.a, sb.b) {
			onB = append(onB, p)
		}
	}
	for _, p := range onA {
		n.add(0, i, sa, p, -1)
	}
	for _, p := range onB {
		n.add(1, j, sb, p, -1)
	}
	ends := append(onA, onB...)
	if len(ends) < 2 {
		return
	}
	n.addOverlap(0, i, sa, j, ends)
	n.addOverlap(1, j, sb, i, ends)
}

func (n *noding) addOverlap(side, i int, s seg, other int, ends []XY) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range ends {
		t := param(s, p)
		lo, hi = min(lo, t), max(hi, t)
	}
	if lo < hi {
		n.overlaps[side][i] = append(n.overlaps[side][i], overlap{t0: lo, t1: hi, other: other})
	}
}

func (n *noding) add(side, i int, s seg, p XY, other int) {
	n.nodes[side][i] = append(n.nodes[side][i], node{t: param(s, p), p: p, other: other})
}

// param is the position of p along s, 0 at s.a and 1 at s.b.
func param(s seg, p XY) float64 {
	if p == s.a {
		return 0
	}
	if p == s.b {
		return 1
	}
	dx, dy := s.b.X-s.a.X, s.b.Y-s.a.Y
	return ((p.X-s.a.X)*dx + (p.Y-s.a.Y)*dy) / (dx*dx + dy*dy)
}

// classifyEdges splits each segment of one side at its nodes and records
// the dimension-0 crossings, the dimension-1 edges and, when either input
// has area, the dimension-2 faces on both sides of every edge.
func classifyEdges(m *Matrix, ta, tb *topo, n *noding, side int, sides bool) {
	self, other := ta, tb
	if side == 1 {
		self, other = tb, ta
	}
	put := func(lSelf, lOther loc, d int8) {
		if side == 0 {
			m.raise(lSelf, lOther, d)
		} else {
			m.raise(lOther, lSelf, d)
		}
	}
	for i, s := range self.segs {
		nodes := append([]node{{t: 0, p: s.a, other: -1}}, n.nodes[side][i]...)
		nodes = append(nodes, node{t: 1, p: s.b, other: -1})
		slices.SortStableFunc(nodes, func(x, y node) int { return cmpFloat(x.t, y.t) })
		for k, nd := range nodes {
			if nd.other >= 0 {
				put(self.locate(nd.p, []int{i}), other.locate(nd.p, []int{nd.other}), 0)
			}
			if k == 0 || nodes[k-1].t == nd.t {
				continue
			}
			prev := nodes[k-1]
			mid := XY{(prev.p.X + nd.p.X) / 2, (prev.p.Y + nd.p.Y) / 2}
			hints := overlapHints(n.overlaps[side][i], prev.t, nd.t)
			put(self.locate(mid, []int{i}), other.locate(mid, hints), 1)
			if sides {
				faceSamples(put, self, other, i, hints, prev.p, nd.p, mid)
			}
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func overlapHints(ovs []overlap, t0, t1 float64) []int {
	var h []int
	for _, o := range ovs {
		if o.t0 <= t0 && t1 <= o.t1 {
			h = append(h, o.other)
		}
	}
	return h
}

// faceSamples locates a point just off each side of the edge p-q: close
// enough that no other segment passes between it and the edge, so it lies
// in the faces the edge separates.
func faceSamples(put func(loc, loc, int8), self, other *topo, i int, hints []int, p, q, mid XY) {
	dx, dy := q.X-p.X, q.Y-p.Y
	length := math.Hypot(dx, dy)
	if length == 0 {
		return
	}
	off := length / 4
	off = min(off, clearance(self, mid, []int{i})/2)
	off = min(off, clearance(other, mid, hints)/2)
	if off == 0 || math.IsNaN(off) {
		return
	}
	nx, ny := -dy/length*off, dx/length*off
	for _, s := range []XY{{mid.X + nx, mid.Y + ny}, {mid.X - nx, mid.Y - ny}} {
		la, lb := self.locate(s, nil), other.locate(s, nil)
		if la != boundary && lb != boundary {
			put(la, lb, 2)
		}
	}
}

// clearance is the distance from p to the nearest segment or point of t,
// leaving out the segments p is known to lie on.
func clearance(t *topo, p XY, skip []int) float64 {
	d := math.Inf(1)
	for s, sg := range t.segs {
		if !slices.Contains(skip, s) {
			d = min(d, segDist(p, sg.a, sg.b))
		}
	}
	for _, q := range t.pts {
		d = min(d, math.Hypot(p.X-q.X, p.Y-q.Y))
	}
	return d
}

// segDist is the planar distance from p to the segment a-b.
func segDist(p, a, b XY) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = min(max(((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2, 0), 1)
	}
	return math.Hypot(p.X-(a.X+t*dx), p.Y-(a.Y+t*dy))
}
