package bench

import "math"

// rng is splitmix64: tiny, seedable per row (so generation parallelizes
// without changing its output) and stable across Go releases, which
// math/rand/v2 does not promise for every method.
type rng struct {
	s     uint64
	spare float64 // second Box-Muller value
	has   bool
}

func newRNG(seed uint64) *rng { return &rng{s: seed} }

// streamRNG is the generator for item i of stream (base rows, queries, ...)
// under seed.
func streamRNG(seed, stream, i uint64) *rng {
	return newRNG(mix64(seed ^ mix64(stream<<32^i)))
}

func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix64(r.s - 0x9e3779b97f4a7c15)
}

// float64 is uniform in [0, 1).
func (r *rng) float64() float64 { return float64(r.next()>>11) / (1 << 53) }

// norm is a standard normal draw (Box-Muller).
func (r *rng) norm() float64 {
	if r.has {
		r.has = false
		return r.spare
	}
	u := 1 - r.float64() // (0, 1]
	v := r.float64()
	m := math.Sqrt(-2 * math.Log(u))
	r.spare, r.has = m*math.Sin(2*math.Pi*v), true
	return m * math.Cos(2*math.Pi*v)
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// perm is a Fisher-Yates shuffle of 0..n-1.
func (r *rng) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := r.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}
