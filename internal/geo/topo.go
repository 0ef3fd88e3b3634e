package geo

// loc is where a point lies relative to a geometry.
type loc uint8

const (
	interior loc = iota
	boundary
	exterior
)

// seg is one segment of a line or a polygon ring.
type seg struct {
	a, b XY
	line int // index into topo.lines, -1 for ring segments
	poly int // index into topo.polys, -1 for line segments
}

// topo is a geometry flattened into points, lines and polygons (members
// of collections included) with its segments listed once, for Relate.
type topo struct {
	pts   []XY
	lines [][]XY
	polys [][][]XY
	segs  []seg
	// polySegs[i] is the range of segs that belongs to polys[i]; lineSegs likewise.
	polySegs, lineSegs [][2]int
	box                Box
	dim                int
}

func newTopo(g *Geometry) *topo {
	t := &topo{box: g.Bounds(), dim: g.Dim()}
	t.flatten(g)
	for i, l := range t.lines {
		start := len(t.segs)
		t.addSegs(l, i, -1)
		t.lineSegs = append(t.lineSegs, [2]int{start, len(t.segs)})
	}
	for i, p := range t.polys {
		start := len(t.segs)
		for _, r := range p {
			t.addSegs(r, -1, i)
		}
		t.polySegs = append(t.polySegs, [2]int{start, len(t.segs)})
	}
	return t
}

func (t *topo) flatten(g *Geometry) {
	t.pts = append(t.pts, g.Pts...)
	t.lines = append(t.lines, g.Lines...)
	t.polys = append(t.polys, g.Polys...)
	for i := range g.Geoms {
		t.flatten(&g.Geoms[i])
	}
}

// addSegs appends the segments of a coordinate sequence, skipping
// repeated points (zero-length segments).
func (t *topo) addSegs(pts []XY, line, poly int) {
	for i := 1; i < len(pts); i++ {
		if pts[i] != pts[i-1] {
			t.segs = append(t.segs, seg{a: pts[i-1], b: pts[i], line: line, poly: poly})
		}
	}
}

// hinted reports whether segment s is among the segments p is known to
// lie on (because p was computed as an intersection on them), or p lies
// on it exactly.
func (t *topo) onSeg(p XY, s int, hints []int) bool {
	for _, h := range hints {
		if h == s {
			return true
		}
	}
	return onSegment(p, t.segs[s].a, t.segs[s].b)
}

// locate finds where p lies relative to the geometry: polygon interiors
// win over everything, then polygon boundaries; on lines the boundary is
// the endpoints that occur an odd number of times (the OGC mod-2 rule).
// hints lists segments p is known to lie on.
func (t *topo) locate(p XY, hints []int) loc {
	if t.box.IsEmpty() || p.X < t.box.Min.X || p.X > t.box.Max.X || p.Y < t.box.Min.Y || p.Y > t.box.Max.Y {
		if len(hints) == 0 {
			return exterior
		}
	}
	onPolyBoundary := false
	for i := range t.polys {
		switch t.locateInPoly(p, i, hints) {
		case interior:
			return interior
		case boundary:
			onPolyBoundary = true
		}
	}
	if onPolyBoundary {
		return boundary
	}
	if l, ok := t.locateOnLines(p, hints); ok {
		return l
	}
	for _, q := range t.pts {
		if q == p {
			return interior
		}
	}
	return exterior
}

func (t *topo) locateInPoly(p XY, i int, hints []int) loc {
	r := t.polySegs[i]
	for s := r[0]; s < r[1]; s++ {
		if t.onSeg(p, s, hints) {
			return boundary
		}
	}
	rings := t.polys[i]
	if !inRing(p, rings[0]) {
		return exterior
	}
	for _, h := range rings[1:] {
		if inRing(p, h) {
			return exterior
		}
	}
	return interior
}

// locateOnLines applies the mod-2 rule; ok is false when p is on no line.
func (t *topo) locateOnLines(p XY, hints []int) (loc, bool) {
	ends, on := 0, false
	for i, l := range t.lines {
		r := t.lineSegs[i]
		hit := false
		for s := r[0]; s < r[1] && !hit; s++ {
			hit = t.onSeg(p, s, hints)
		}
		if !hit {
			continue
		}
		first, last := l[0], l[len(l)-1]
		if first != last && (p == first || p == last) {
			ends++
			continue
		}
		on = true
	}
	switch {
	case on:
		return interior, true
	case ends%2 == 1:
		return boundary, true
	case ends > 0:
		return interior, true
	}
	return exterior, false
}

// inRing reports whether p is strictly inside the closed ring, for a p
// already known not to be on it (winding number, exact orientation).
func inRing(p XY, ring []XY) bool {
	wn := 0
	for i := 1; i < len(ring); i++ {
		a, b := ring[i-1], ring[i]
		if a.Y <= p.Y {
			if b.Y > p.Y && orient(a, b, p) > 0 {
				wn++
			}
		} else if b.Y <= p.Y && orient(a, b, p) < 0 {
			wn--
		}
	}
	return wn != 0
}
