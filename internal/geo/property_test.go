package geo

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// randomGeom makes small shapes on an integer grid, so that touching,
// shared edges and collinear overlaps are common.
func randomGeom(rng *rand.Rand) Geometry {
	c := func() XY { return XY{float64(rng.IntN(7)), float64(rng.IntN(7))} }
	switch rng.IntN(5) {
	case 0:
		return Geometry{T: Point, Pts: []XY{c()}}
	case 1:
		a, b := c(), c()
		if a == b {
			b.X++
		}
		return Geometry{T: LineString, Lines: [][]XY{{a, b, c()}}}
	case 2:
		x, y, w, h := float64(rng.IntN(5)), float64(rng.IntN(5)), float64(1+rng.IntN(4)), float64(1+rng.IntN(4))
		return Geometry{T: Polygon, Polys: [][][]XY{{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}}}}
	case 3:
		return Geometry{T: MultiPoint, Pts: []XY{c(), c()}}
	}
	a := c()
	b := XY{a.X + float64(1+rng.IntN(3)), a.Y}
	d := XY{a.X, a.Y + float64(1+rng.IntN(3))}
	return Geometry{T: Polygon, Polys: [][][]XY{{{a, b, d, a}}}}
}

// The predicates' algebra must hold on any pair: converses, symmetry, and
// the fast paths agreeing with the matrix.
func TestPredicateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for range 3000 {
		a, b := randomGeom(rng), randomGeom(rng)
		qa, qb := Prepare(a), Prepare(b)
		name := fmt.Sprintf("%s / %s", Format(&a), Format(&b))
		m := Relate(&a, &b)
		for _, op := range []Op{OpEquals, OpContains, OpCrosses, OpIntersects, OpOverlaps, OpTouches, OpWithin} {
			if got, want := qb.Test(op, &a), matches(op, m, a.Dim(), b.Dim()); got != want {
				t.Fatalf("%s: %s fast path %v, matrix %s says %v", name, op, got, m, want)
			}
		}
		if qb.Test(OpWithin, &a) != qa.Test(OpContains, &b) {
			t.Fatalf("%s: within(a,b) != contains(b,a)", name)
		}
		for _, op := range []Op{OpIntersects, OpTouches, OpOverlaps, OpEquals, OpCrosses} {
			if qb.Test(op, &a) != qa.Test(op, &b) {
				t.Fatalf("%s: %s not symmetric", name, op)
			}
		}
		if !qa.Test(OpEquals, &a) || !qa.Test(OpIntersects, &a) {
			t.Fatalf("%s: a geometry must equal and intersect itself", name)
		}
	}
}
