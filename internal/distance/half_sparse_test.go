package distance

import (
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestF16Conversions(t *testing.T) {
	cases := []struct {
		h uint16
		f float32
	}{
		{0x0000, 0}, {0x3c00, 1}, {0xc000, -2}, {0x7bff, 65504},
		{0x0001, 5.960464477539063e-08}, {0x03ff, 6.097555160522461e-05},
		{0x0400, 6.103515625e-05}, {0x3555, 0.333251953125},
	}
	for _, c := range cases {
		if got := F16ToF32(c.h); got != c.f {
			t.Errorf("F16ToF32(%#04x) = %v want %v", c.h, got, c.f)
		}
		if got := F32ToF16(c.f); got != c.h {
			t.Errorf("F32ToF16(%v) = %#04x want %#04x", c.f, got, c.h)
		}
	}
	if !math.IsInf(float64(F16ToF32(0x7c00)), 1) || !math.IsNaN(float64(F16ToF32(0x7e00))) {
		t.Error("F16 Inf/NaN")
	}
	if F32ToF16(1e6) != 0x7c00 || F32ToF16(1e-9) != 0 {
		t.Error("F16 overflow/underflow")
	}
}

// Every half value must survive a round trip through float32.
func TestF16RoundTripAll(t *testing.T) {
	for h := 0; h < 1<<16; h++ {
		f := F16ToF32(uint16(h))
		if math.IsNaN(float64(f)) {
			continue
		}
		if got := F32ToF16(f); got != uint16(h) {
			t.Fatalf("round trip %#04x -> %v -> %#04x", h, f, got)
		}
	}
}

func TestBF16Conversions(t *testing.T) {
	if BF16ToF32(0x3f80) != 1 || F32ToBF16(1) != 0x3f80 {
		t.Error("bf16 one")
	}
	// 1 + 2^-8 is a tie between 1 and 1+2^-7: rounds to even (1).
	if got := F32ToBF16(1 + 1.0/256); got != 0x3f80 {
		t.Errorf("bf16 tie: %#04x", got)
	}
	if !math.IsNaN(float64(BF16ToF32(F32ToBF16(float32(math.NaN()))))) {
		t.Error("bf16 NaN")
	}
}

func TestSparseDot(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 50; trial++ {
		a, ma := randSparse(r)
		b, mb := randSparse(r)
		want := 0.0
		for k, v := range ma {
			want += v * mb[k]
		}
		closeTo(t, "SparseDot", len(ma), SparseDot(a, b), want, math.Abs(want))
		if err := CheckSparse(a); err != nil && !errors.Is(err, ErrSparseNegative) { // dot products take any sign
			t.Fatal(err)
		}
	}
}

func randSparse(r *rand.Rand) ([]byte, map[uint32]float64) {
	m := map[uint32]float64{}
	var row []byte
	idx := uint32(0)
	for n := r.IntN(30); n > 0; n-- {
		idx += uint32(1 + r.IntN(5))
		v := float32(r.NormFloat64())
		row = AppendSparse(row, idx, v)
		m[idx] = float64(v)
	}
	return row, m
}

func TestCheckSparseRejects(t *testing.T) {
	ok := AppendSparse(AppendSparse(nil, 1, 1), 2, 2)
	for _, tc := range []struct {
		name string
		row  []byte
		want error
	}{
		{"partial", ok[:5], ErrSparseRow},
		{"unsorted", AppendSparse(AppendSparse(nil, 2, 1), 1, 2), ErrSparseOrder},
		{"duplicate", AppendSparse(AppendSparse(nil, 1, 1), 1, 2), ErrSparseOrder},
		{"index 2^32-1", AppendSparse(nil, math.MaxUint32, 1), ErrSparseIndex},
		{"nan", AppendSparse(nil, 1, float32(math.NaN())), ErrNotFinite},
		{"inf", AppendSparse(AppendSparse(nil, 1, 1), 3, float32(math.Inf(1))), ErrNotFinite},
		{"-inf", AppendSparse(nil, 1, float32(math.Inf(-1))), ErrNotFinite},
		{"negative", AppendSparse(AppendSparse(nil, 1, 1), 7, -0.5), ErrSparseNegative},
	} {
		if err := CheckSparse(tc.row); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	for _, good := range [][]byte{nil, {}, ok, AppendSparse(nil, MaxSparseIndex, 0)} {
		if err := CheckSparse(good); err != nil {
			t.Errorf("rejected a good row %x: %v", good, err)
		}
	}
}

func TestCheckDenseFinite(t *testing.T) {
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	half := func(f func(float32) uint16, vals ...float32) []byte {
		var b []byte
		for _, v := range vals {
			b = binary.LittleEndian.AppendUint16(b, f(v))
		}
		return b
	}
	for _, tc := range []struct {
		name  string
		check func() error
		bad   bool
	}{
		{"f32 ok", func() error { return CheckFloats([]float32{0, -1, math.MaxFloat32, math.SmallestNonzeroFloat32}) }, false},
		{"f32 nan", func() error { return CheckFloats([]float32{1, nan}) }, true},
		{"f32 +inf", func() error { return CheckFloats([]float32{inf}) }, true},
		{"f32 -inf", func() error { return CheckFloats([]float32{1, 2, -inf}) }, true},
		{"f16 ok", func() error { return CheckF16(half(F32ToF16, 0, -65504, 65504, 1e-7)) }, false},
		{"f16 nan", func() error { return CheckF16(half(F32ToF16, 1, nan)) }, true},
		{"f16 +inf", func() error { return CheckF16(half(F32ToF16, inf)) }, true},
		{"f16 -inf", func() error { return CheckF16(half(F32ToF16, 0, -inf)) }, true},
		{"bf16 ok", func() error { return CheckBF16(half(F32ToBF16, 0, -3e38, 3e38)) }, false},
		{"bf16 nan", func() error { return CheckBF16(half(F32ToBF16, nan)) }, true},
		{"bf16 +inf", func() error { return CheckBF16(half(F32ToBF16, 1, inf)) }, true},
		{"bf16 -inf", func() error { return CheckBF16(half(F32ToBF16, -inf)) }, true},
	} {
		err := tc.check()
		if tc.bad != errors.Is(err, ErrNotFinite) || (!tc.bad && err != nil) {
			t.Errorf("%s: got %v", tc.name, err)
		}
	}
}

func TestDotU8(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for _, n := range tailLengths {
		w := randF32(r, n)
		c := make([]byte, n)
		var want float64
		for i := range c {
			c[i] = byte(r.IntN(256))
			want += float64(w[i]) * float64(c[i])
		}
		var mag float64
		for i := range c {
			mag += math.Abs(float64(w[i]) * float64(c[i]))
		}
		if got := DotU8(w, c); math.Abs(float64(got)-want) > bound(n, mag) {
			t.Errorf("DotU8 n=%d: %v want %v", n, got, want)
		}
		out := make([]float32, 3)
		rows := append(append(append([]byte(nil), c...), c...), c...)
		DotU8Batch(w, rows, out)
		for i, o := range out {
			if math.Abs(float64(o)-want) > bound(n, mag) || o != out[0] {
				t.Errorf("DotU8Batch n=%d row %d: %v want %v", n, i, o, want)
			}
		}
	}
}
