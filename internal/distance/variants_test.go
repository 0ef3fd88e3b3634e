package distance

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// tailLengths covers every loop boundary of the kernels: empty, each scalar
// tail, each vector width (8, 16, 32, 64) and one past it, and a long row.
var tailLengths = func() []int {
	var ls []int
	for n := 0; n <= 17; n++ {
		ls = append(ls, n)
	}
	return append(ls, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000)
}()

// bound is the tolerance for a float32 sum of n terms whose absolute values
// sum to mag: each addition may round by 2⁻²⁴ of the running magnitude, and
// a different summation order may round differently.
func bound(n int, mag float64) float64 { return 2 * float64(n+1) * 0x1p-24 * mag }

func TestVariantsMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for _, v := range variants() {
		if !v.ok {
			t.Logf("skip %s: CPU lacks it", v.name)
			continue
		}
		for _, n := range tailLengths {
			for off := 0; off < 4; off++ { // misaligned starts
				a := randF32(r, n+off)[off:]
				b := randF32(r, n+3)[3:]
				checkPair(t, v, a, b)
			}
		}
	}
}

func checkPair(t *testing.T, v variant, a, b []float32) {
	t.Helper()
	n := len(a)
	var l2Mag, dotMag float64
	for i := range a {
		d := float64(a[i] - b[i])
		l2Mag += d * d
		dotMag += math.Abs(float64(a[i]) * float64(b[i]))
	}
	if got, want := v.l2Sq(a, b), L2SqGeneric(a, b); math.Abs(float64(got-want)) > bound(n, l2Mag) {
		t.Errorf("%s l2Sq n=%d: %v want %v", v.name, n, got, want)
	}
	if got, want := v.dot(a, b), DotGeneric(a, b); math.Abs(float64(got-want)) > bound(n, dotMag) {
		t.Errorf("%s dot n=%d: %v want %v", v.name, n, got, want)
	}
}

func TestBatchVariantsMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	for _, v := range variants() {
		if !v.ok {
			continue
		}
		// Every tail length, and row counts around the kernels' groups
		// of four rows.
		for _, d := range tailLengths {
			for _, rows := range []int{0, 1, 3, 4, 5, 8, 11} {
				checkBatch(t, v, randF32(r, d+1)[1:], randF32(r, d*rows+2)[2:], rows)
			}
		}
	}
}

func checkBatch(t *testing.T, v variant, q, rows []float32, m int) {
	t.Helper()
	d := len(q)
	l2, dot := make([]float32, m+1), make([]float32, m+1)
	l2[m], dot[m] = -7, -7 // sentinel: kernels must not write past out
	v.l2SqBatch(q, rows, l2[:m])
	v.dotBatch(q, rows, dot[:m])
	for i := 0; i < m; i++ {
		row := rows[i*d : (i+1)*d]
		if w := L2SqGeneric(q, row); math.Abs(float64(l2[i]-w)) > bound(d, float64(w)+1e-30) {
			t.Errorf("%s l2SqBatch d=%d row %d: %v want %v", v.name, d, i, l2[i], w)
		}
		if w := DotGeneric(q, row); math.Abs(float64(dot[i]-w)) > bound(d, math.Abs(float64(w))+float64(d)) {
			t.Errorf("%s dotBatch d=%d row %d: %v want %v", v.name, d, i, dot[i], w)
		}
	}
	if l2[m] != -7 || dot[m] != -7 {
		t.Errorf("%s batch d=%d wrote past out", v.name, d)
	}
}

func TestImplementationIsBestAvailable(t *testing.T) {
	for _, v := range variants() {
		if v.ok {
			if Implementation() != v.name {
				t.Fatalf("using %s, want %s", Implementation(), v.name)
			}
			return
		}
	}
}

func BenchmarkL2(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, d := range []int{128, 768} {
		x, y := randF32(r, d), randF32(r, d)
		for _, v := range variants() {
			if !v.ok {
				continue
			}
			b.Run(fmt.Sprintf("d=%d/%s", d, v.name), func(b *testing.B) {
				var s float32
				for b.Loop() {
					s += v.l2Sq(x, y)
				}
				sink = s
			})
		}
	}
}

// BenchmarkL2Batch scores one query against 256 rows per call; ns/op is
// per block, so divide by 256 to compare with BenchmarkL2.
func BenchmarkL2Batch(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	const rows = 256
	out := make([]float32, rows)
	for _, d := range []int{128, 768} {
		q, data := randF32(r, d), randF32(r, d*rows)
		for _, v := range variants() {
			if !v.ok {
				continue
			}
			b.Run(fmt.Sprintf("d=%d/%s", d, v.name), func(b *testing.B) {
				b.SetBytes(int64(4 * d * rows))
				for b.Loop() {
					v.l2SqBatch(q, data, out)
				}
			})
		}
	}
}

var sink float32

func TestExtraVariantsMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(35, 36))
	for _, v := range extraVariants() {
		if !v.ok {
			t.Logf("skip %s: CPU lacks it", v.name)
			continue
		}
		for _, d := range tailLengths {
			for _, rows := range []int{0, 1, 31, 32, 33, 70} {
				checkPanels(t, v, randF32(r, d+1)[1:], randF32(r, d*rows), rows)
				checkU8(t, r, v, randF32(r, d+2)[2:], rows)
			}
		}
	}
}

func checkPanels(t *testing.T, v extraVariant, q, rows []float32, m int) {
	t.Helper()
	d := len(q)
	panels := Panels(rows, d)
	n := len(panels) / max(d, 1)
	if d == 0 {
		n = (m + PanelRows - 1) / PanelRows * PanelRows
	}
	out := make([]float32, n+1)
	out[n] = -7
	v.dotPanels(q, panels, out[:n])
	for i := 0; i < n; i++ {
		var want float32
		if i < m {
			want = DotGeneric(q, rows[i*d:(i+1)*d])
		}
		if math.Abs(float64(out[i]-want)) > bound(d, math.Abs(float64(want))+float64(d)) {
			t.Fatalf("%s dotPanels d=%d row %d: %v want %v", v.name, d, i, out[i], want)
		}
	}
	if out[n] != -7 {
		t.Fatalf("%s dotPanels d=%d wrote past out", v.name, d)
	}
	// L2SqPanels: padding rows are zero, so they score ||q||².
	v.l2SqPanels(q, panels, out[:n])
	for i := 0; i < n; i++ {
		row := make([]float32, d)
		if i < m {
			row = rows[i*d : (i+1)*d]
		}
		want := L2SqGeneric(q, row)
		if math.Abs(float64(out[i]-want)) > bound(d, float64(want)+1e-30) {
			t.Fatalf("%s l2SqPanels d=%d row %d: %v want %v", v.name, d, i, out[i], want)
		}
	}
	if out[n] != -7 {
		t.Fatalf("%s l2SqPanels d=%d wrote past out", v.name, d)
	}
}

func checkU8(t *testing.T, r *rand.Rand, v extraVariant, w []float32, m int) {
	t.Helper()
	d := len(w)
	codes := make([]byte, d*m+3)[3:]
	for i := range codes {
		codes[i] = byte(r.IntN(256))
	}
	out := make([]float32, m+1)
	out[m] = -7
	v.dotU8Batch(w, codes, out[:m])
	for i := 0; i < m; i++ {
		want := DotU8Generic(w, codes[i*d:(i+1)*d])
		var mag float64
		for j := 0; j < d; j++ {
			mag += math.Abs(float64(w[j]) * float64(codes[i*d+j]))
		}
		if math.Abs(float64(out[i]-want)) > bound(d, mag) {
			t.Fatalf("%s dotU8Batch d=%d row %d: %v want %v", v.name, d, i, out[i], want)
		}
	}
	if out[m] != -7 {
		t.Fatalf("%s dotU8Batch d=%d wrote past out", v.name, d)
	}
}

// BenchmarkPanels compares one query against 256 rows via panels and via
// the row-major batch kernel, at the small widths of PQ sub-spaces and the
// full widths of k-means.
func BenchmarkPanels(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	const rows = 256
	out := make([]float32, rows)
	for _, d := range []int{4, 8, 128} {
		q, data := randF32(r, d), randF32(r, d*rows)
		panels := Panels(data, d)
		for _, v := range extraVariants() {
			if v.ok {
				b.Run(fmt.Sprintf("d=%d/panels/%s", d, v.name), func(b *testing.B) {
					for b.Loop() {
						v.dotPanels(q, panels, out)
					}
				})
			}
		}
		b.Run(fmt.Sprintf("d=%d/batch/%s", d, Implementation()), func(b *testing.B) {
			for b.Loop() {
				DotBatch(q, data, out)
			}
		})
	}
}

func BenchmarkDotU8Batch(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	const rows = 256
	out := make([]float32, rows)
	w := randF32(r, 128)
	codes := make([]byte, 128*rows)
	for _, v := range extraVariants() {
		if v.ok {
			b.Run(v.name, func(b *testing.B) {
				for b.Loop() {
					v.dotU8Batch(w, codes, out)
				}
			})
		}
	}
}

func TestNearestPanelsMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(37, 38))
	for _, v := range extraVariants() {
		if !v.ok {
			continue
		}
		for _, d := range []int{1, 2, 3, 4, 8, 17, 128} {
			for _, rows := range []int{1, 5, 32, 33, 100, 256} {
				data := randF32(r, d*rows)
				if rows > 3 { // duplicate rows: ties go to the lower row
					copy(data[(rows-1)*d:], data[2*d:3*d])
				}
				panels := Panels(data, d)
				norms := make([]float32, len(panels)/d)
				for i := range norms {
					norms[i] = float32(math.Inf(1))
					if i < rows {
						norms[i] = DotGeneric(data[i*d:(i+1)*d], data[i*d:(i+1)*d])
					}
				}
				for trial := 0; trial < 5; trial++ {
					q := randF32(r, d)
					if trial == 0 && rows > 3 {
						copy(q, data[2*d:3*d])
					}
					gi, gs := v.nearestPanels(q, panels, norms)
					wi, ws := NearestPanelsGeneric(q, panels, norms)
					exact := func(i int) float32 { return L2SqGeneric(q, data[i*d:(i+1)*d]) }
					if gi != wi && math.Abs(float64(exact(gi)-exact(wi))) > 1e-4*float64(1+exact(wi)) {
						t.Fatalf("%s d=%d rows=%d: row %d (%v), reference %d (%v)", v.name, d, rows, gi, gs, wi, ws)
					}
					if trial == 0 && rows > 3 && gi != 2 {
						t.Fatalf("%s d=%d rows=%d: tie went to row %d, want 2", v.name, d, rows, gi)
					}
				}
			}
		}
	}
}

// TestLookupSumMatchesReference: the kernel sums in the reference's order,
// so results must be bit-identical, for every m around the unrolled steps
// (8, 4, 1) and row counts including none.
func TestLookupSumMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for _, v := range extraVariants() {
		if !v.ok {
			continue
		}
		for _, m := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 31, 32, 33, 64} {
			table := randF32(r, m*256)
			for _, rows := range []int{0, 1, 2, 7} {
				codes := make([]byte, m*rows)
				for i := range codes {
					codes[i] = byte(r.IntN(256))
				}
				got, want := make([]float32, rows+1), make([]float32, rows)
				got[rows] = -7 // sentinel: the kernel must not write past out
				v.lookupSum256(table, codes, got[:rows])
				LookupSum256Generic(table, codes, want)
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("%s m=%d row %d: %v want %v", v.name, m, i, got[i], want[i])
					}
				}
				if got[rows] != -7 {
					t.Fatalf("%s m=%d: wrote past out", v.name, m)
				}
				// Brute force: the reference is the sum of its lookups.
				for i := range want {
					var s, mag float64
					for sub := 0; sub < m; sub++ {
						x := float64(table[sub*256+int(codes[i*m+sub])])
						s, mag = s+x, mag+math.Abs(x)
					}
					if math.Abs(float64(want[i])-s) > bound(m, mag) {
						t.Fatalf("reference m=%d row %d: %v, float64 sum %v", m, i, want[i], s)
					}
				}
			}
		}
	}
}
