package geo

import (
	"math"
	"math/big"
)

// orient returns the sign of the cross product (b-a)×(c-a): +1 when c is
// left of the directed line a→b, -1 right, 0 on it. It is exact: when the
// float result is within its error bound of zero it recomputes with exact
// big floats.
func orient(a, b, c XY) int {
	l := (b.X - a.X) * (c.Y - a.Y)
	r := (b.Y - a.Y) * (c.X - a.X)
	det := l - r
	// Shewchuk's bound for the simple evaluation, widened for the
	// subtractions inside the products.
	bound := 1e-15 * (math.Abs(l) + math.Abs(r))
	if det > bound {
		return 1
	}
	if -det > bound {
		return -1
	}
	if s, ok := orientExactFloat(a, b, c); ok {
		return s
	}
	return orientExact(a, b, c)
}

// orientExactFloat decides the common degenerate case cheaply: when the
// coordinate differences and the products are exact in float64 (small
// integers, grid data) the float comparison is exact too.
func orientExactFloat(a, b, c XY) (int, bool) {
	bx, e1 := twoDiff(b.X, a.X)
	by, e2 := twoDiff(b.Y, a.Y)
	cx, e3 := twoDiff(c.X, a.X)
	cy, e4 := twoDiff(c.Y, a.Y)
	if e1 != 0 || e2 != 0 || e3 != 0 || e4 != 0 {
		return 0, false
	}
	l, r := bx*cy, by*cx
	if math.FMA(bx, cy, -l) != 0 || math.FMA(by, cx, -r) != 0 || math.IsInf(l, 0) || math.IsInf(r, 0) {
		return 0, false
	}
	switch {
	case l > r:
		return 1, true
	case l < r:
		return -1, true
	}
	return 0, true
}

// twoDiff returns x-y rounded and the rounding error (Knuth's TwoSum).
func twoDiff(x, y float64) (float64, float64) {
	s := x - y
	bb := s - x
	return s, (x - (s - bb)) + (-y - bb)
}

func orientExact(a, b, c XY) int {
	f := func(x float64) *big.Float { return new(big.Float).SetPrec(2200).SetFloat64(x) }
	bx, by := f(b.X), f(b.Y)
	bx.Sub(bx, f(a.X))
	by.Sub(by, f(a.Y))
	cx, cy := f(c.X), f(c.Y)
	cx.Sub(cx, f(a.X))
	cy.Sub(cy, f(a.Y))
	l := new(big.Float).SetPrec(4400).Mul(bx, cy)
	r := new(big.Float).SetPrec(4400).Mul(by, cx)
	return l.Cmp(r)
}

// onSegment reports whether p lies on the closed segment a-b, exactly.
func onSegment(p, a, b XY) bool {
	if p.X < min(a.X, b.X) || p.X > max(a.X, b.X) || p.Y < min(a.Y, b.Y) || p.Y > max(a.Y, b.Y) {
		return false
	}
	return orient(a, b, p) == 0
}
