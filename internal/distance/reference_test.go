package distance

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
)

// Straightforward float64 math that the kernels must agree with.

func mathL2(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += (a[i] - b[i]) * (a[i] - b[i])
	}
	return s
}

func mathDot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func mathCos(a, b []float64) float64 {
	na, nb := math.Sqrt(mathDot(a, a)), math.Sqrt(mathDot(b, b))
	if na == 0 || nb == 0 {
		return 0
	}
	return mathDot(a, b) / (na * nb)
}

func randF32(r *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(r.NormFloat64())
	}
	return v
}

func widen(v []float32) []float64 {
	w := make([]float64, len(v))
	for i, x := range v {
		w[i] = float64(x)
	}
	return w
}

// closeTo checks got against want with a relative bound that grows with the
// number of terms summed (float32 rounding error grows about as sqrt(n),
// we allow n for safety) and an absolute floor relative to scale.
func closeTo(t *testing.T, what string, n int, got float32, want, scale float64) {
	t.Helper()
	tol := 1e-6 * float64(n+4) * math.Max(scale, 1)
	if math.Abs(float64(got)-want) > tol {
		t.Errorf("%s n=%d: got %v want %v (tol %g)", what, n, got, want, tol)
	}
}

func TestFloatKernelsMatchMath(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 3, 8, 17, 100, 768} {
		a, b := randF32(r, n), randF32(r, n)
		wa, wb := widen(a), widen(b)
		scale := math.Sqrt(mathDot(wa, wa) * mathDot(wb, wb))
		closeTo(t, "L2Sq", n, L2Sq(a, b), mathL2(wa, wb), mathL2(wa, wb))
		closeTo(t, "Dot", n, Dot(a, b), mathDot(wa, wb), scale)
		closeTo(t, "Cosine", n, Cosine(a, b), mathCos(wa, wb), 1)
	}
}

func TestCosineZeroVector(t *testing.T) {
	if got := Cosine([]float32{0, 0}, []float32{1, 2}); got != 0 {
		t.Fatalf("cosine with zero vector = %v, want 0", got)
	}
}

func TestBatchMatchesSingle(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const d, n = 37, 11
	q, rows := randF32(r, d), randF32(r, d*n)
	l2, dot := make([]float32, n), make([]float32, n)
	L2SqBatch(q, rows, l2)
	DotBatch(q, rows, dot)
	for i := 0; i < n; i++ {
		row := rows[i*d : (i+1)*d]
		closeTo(t, "L2SqBatch", d, l2[i], float64(L2SqGeneric(q, row)), float64(l2[i]))
		closeTo(t, "DotBatch", d, dot[i], float64(DotGeneric(q, row)), math.Abs(float64(dot[i])))
	}
}

func TestHalfKernelsMatchMath(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	encs := map[string]func(float32) uint16{"f16": F32ToF16, "bf16": F32ToBF16}
	decs := map[string]func(uint16) float32{"f16": F16ToF32, "bf16": BF16ToF32}
	kern := map[string][3]func(a, b []byte) float32{
		"f16":  {F16L2Sq, F16Dot, F16Cosine},
		"bf16": {BF16L2Sq, BF16Dot, BF16Cosine},
	}
	for name, enc := range encs {
		for _, n := range []int{0, 1, 5, 64, 301} {
			ra, wa := halfRow(r, n, enc, decs[name])
			rb, wb := halfRow(r, n, enc, decs[name])
			k := kern[name]
			scale := math.Sqrt(mathDot(wa, wa) * mathDot(wb, wb))
			closeTo(t, name+" L2Sq", n, k[0](ra, rb), mathL2(wa, wb), mathL2(wa, wb))
			closeTo(t, name+" Dot", n, k[1](ra, rb), mathDot(wa, wb), scale)
			closeTo(t, name+" Cosine", n, k[2](ra, rb), mathCos(wa, wb), 1)
		}
	}
}

// halfRow returns a random encoded row and the exact values it encodes.
func halfRow(r *rand.Rand, n int, enc func(float32) uint16, dec func(uint16) float32) ([]byte, []float64) {
	row := make([]byte, 2*n)
	vals := make([]float64, n)
	for i := range vals {
		h := enc(float32(r.NormFloat64()))
		binary.LittleEndian.PutUint16(row[2*i:], h)
		vals[i] = float64(dec(h))
	}
	return row, vals
}

func TestInt8KernelsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 9, 128, 1000} {
		a, b := make([]byte, n), make([]byte, n)
		wa, wb := make([]float64, n), make([]float64, n)
		for i := range a {
			a[i], b[i] = byte(r.IntN(256)), byte(r.IntN(256))
			wa[i], wb[i] = float64(int8(a[i])), float64(int8(b[i]))
		}
		if got, want := Int8L2Sq(a, b), float32(mathL2(wa, wb)); got != want {
			t.Errorf("Int8L2Sq n=%d: %v want %v", n, got, want)
		}
		if got, want := Int8Dot(a, b), float32(mathDot(wa, wb)); got != want {
			t.Errorf("Int8Dot n=%d: %v want %v", n, got, want)
		}
		closeTo(t, "Int8Cosine", n, Int8Cosine(a, b), mathCos(wa, wb), 1)
	}
}

func TestBinaryKernels(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{0, 1, 7, 8, 9, 16, 33, 128} {
		a, b := make([]byte, n), make([]byte, n)
		for i := range a {
			a[i], b[i] = byte(r.IntN(256)), byte(r.IntN(256))
		}
		diff, inter, union := 0, 0, 0
		for i := range a {
			for bit := 0; bit < 8; bit++ {
				x, y := a[i]>>bit&1, b[i]>>bit&1
				diff += int(x ^ y)
				inter += int(x & y)
				union += int(x | y)
			}
		}
		if got := Hamming(a, b); got != float32(diff) {
			t.Errorf("Hamming n=%d: %v want %d", n, got, diff)
		}
		want := float32(0)
		if union > 0 {
			want = 1 - float32(inter)/float32(union)
		}
		if got := Jaccard(a, b); got != want {
			t.Errorf("Jaccard n=%d: %v want %v", n, got, want)
		}
	}
}
