package geo

// IsValid reports whether g is valid in the OGC sense, as ST_ISVALID does:
// lines have two distinct points; polygon rings have three distinct points,
// are simple, holes lie inside the shell and rings meet at most at single
// points without crossing; the polygons of a MULTIPOLYGON meet at most at
// points. Points are always valid.
func IsValid(g *Geometry) bool {
	for _, l := range g.Lines {
		if distinct(l) < 2 {
			return false
		}
	}
	for _, p := range g.Polys {
		if !validPolygon(p) {
			return false
		}
	}
	if g.T == MultiPolygon {
		for i := range g.Polys {
			for j := i + 1; j < len(g.Polys); j++ {
				a := Geometry{T: Polygon, Polys: g.Polys[i : i+1]}
				b := Geometry{T: Polygon, Polys: g.Polys[j : j+1]}
				if m := Relate(&a, &b); m[interior][interior] >= 0 || m[boundary][boundary] > 0 {
					return false
				}
			}
		}
	}
	for i := range g.Geoms {
		if !IsValid(&g.Geoms[i]) {
			return false
		}
	}
	return true
}

func distinct(pts []XY) int {
	n := 0
	for i, p := range pts {
		if i == 0 || p != pts[i-1] {
			n++
		}
	}
	return n
}

func validPolygon(rings [][]XY) bool {
	for _, r := range rings {
		if distinct(r) < 4 || !simpleRing(r) {
			return false
		}
	}
	for i, h := range rings[1:] {
		// A hole lies inside the shell: every vertex inside or on it, and
		// the rings never cross.
		if !ringInside(h, rings[0]) || ringsCross(h, rings[0]) {
			return false
		}
		for _, h2 := range rings[i+2:] {
			if ringsCross(h, h2) || ringInside(h, h2) || ringInside(h2, h) {
				return false
			}
		}
	}
	return true
}

// ringInside reports whether every vertex of r is inside or on outer and
// at least one is strictly inside.
func ringInside(r, outer []XY) bool {
	t := newTopo(&Geometry{T: Polygon, Polys: [][][]XY{{outer}}})
	strict := false
	for _, p := range r {
		switch t.locate(p, nil) {
		case exterior:
			return false
		case interior:
			strict = true
		}
	}
	return strict
}

// ringsCross reports whether two rings cross or share more than points.
func ringsCross(r1, r2 []XY) bool {
	a := newTopo(&Geometry{T: LineString, Lines: [][]XY{r1}})
	b := newTopo(&Geometry{T: LineString, Lines: [][]XY{r2}})
	return relate(a, b)[interior][interior] == 1 || properCross(a, b)
}

// properCross reports whether some segment of a crosses one of b at a
// point interior to both.
func properCross(a, b *topo) bool {
	for _, s := range a.segs {
		for _, u := range b.segs {
			o1, o2 := orient(s.a, s.b, u.a), orient(s.a, s.b, u.b)
			o3, o4 := orient(u.a, u.b, s.a), orient(u.a, u.b, s.b)
			if o1*o2 < 0 && o3*o4 < 0 {
				return true
			}
		}
	}
	return false
}

// simpleRing reports whether a closed ring never touches itself except
// where consecutive segments share their vertex.
func simpleRing(r []XY) bool {
	t := newTopo(&Geometry{T: LineString, Lines: [][]XY{r}})
	s := t.segs
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			adjacent := j == i+1 || (i == 0 && j == len(s)-1)
			if !segsMeet(s[i], s[j], adjacent) {
				continue
			}
			return false
		}
	}
	return true
}

// segsMeet reports whether two segments share a point other than, for
// adjacent segments, their common vertex.
func segsMeet(a, b seg, adjacent bool) bool {
	o1, o2 := orient(a.a, a.b, b.a), orient(a.a, a.b, b.b)
	o3, o4 := orient(b.a, b.b, a.a), orient(b.a, b.b, a.b)
	if o1 == 0 && o2 == 0 { // collinear: adjacent ones may only share the vertex
		if !adjacent {
			return onSegment(b.a, a.a, a.b) || onSegment(b.b, a.a, a.b) || onSegment(a.a, b.a, b.b) || onSegment(a.b, b.a, b.b)
		}
		return dot(a, b) < 0
	}
	if adjacent {
		return false
	}
	return o1*o2 <= 0 && o3*o4 <= 0
}

// dot is the dot product of the directions of two segments; negative when
// an adjacent pair folds back on itself.
func dot(a, b seg) float64 {
	return (a.b.X-a.a.X)*(b.b.X-b.a.X) + (a.b.Y-a.a.Y)*(b.b.Y-b.a.Y)
}
