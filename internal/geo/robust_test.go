package geo

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// orientRat is the reference: exact rational arithmetic.
func orientRat(a, b, c XY) int {
	r := func(f float64) *big.Rat { return new(big.Rat).SetFloat64(f) }
	bx := new(big.Rat).Sub(r(b.X), r(a.X))
	by := new(big.Rat).Sub(r(b.Y), r(a.Y))
	cx := new(big.Rat).Sub(r(c.X), r(a.X))
	cy := new(big.Rat).Sub(r(c.Y), r(a.Y))
	return new(big.Rat).Mul(bx, cy).Cmp(new(big.Rat).Mul(by, cx))
}

// Near-collinear triples are where float orientation goes wrong; orient
// must agree with exact arithmetic on every one.
func TestOrientExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		a := XY{rng.Float64() * 100, rng.Float64() * 100}
		b := XY{rng.Float64() * 100, rng.Float64() * 100}
		f := rng.Float64()
		c := XY{a.X + f*(b.X-a.X), a.Y + f*(b.Y-a.Y)}
		if i%3 == 0 {
			c.Y += (rng.Float64() - 0.5) * 1e-13
		}
		if got, want := orient(a, b, c), orientRat(a, b, c); got != want {
			t.Fatalf("orient(%v, %v, %v) = %d, exact %d", a, b, c, got, want)
		}
	}
}
