package quant

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kite-db/kite/internal/distance"
)

func randRows(r *rand.Rand, n, dim int) []float32 {
	v := make([]float32, n*dim)
	for i := range v {
		v[i] = float32(r.NormFloat64() * float64(1+i%dim))
	}
	return v
}

func TestSQ8RoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	const n, dim = 500, 13
	data := randRows(r, n, dim)
	q := TrainSQ8(data, dim)
	code, dec := make([]byte, dim), make([]float32, dim)
	for i := 0; i < n; i++ {
		row := data[i*dim : (i+1)*dim]
		q.Encode(code, row)
		q.Decode(dec, code)
		for j := range row {
			if d := math.Abs(float64(dec[j] - row[j])); d > float64(q.Step[j])/2*1.0001+1e-6 {
				t.Fatalf("row %d dim %d: %v decodes to %v (step %v)", i, j, row[j], dec[j], q.Step[j])
			}
		}
	}
	// Outside the trained range: clamped to the end levels.
	big := make([]float32, dim)
	for j := range big {
		big[j] = 1e6
	}
	q.Encode(code, big)
	for _, c := range code {
		if c != 255 {
			t.Fatalf("out-of-range value coded %d", c)
		}
	}
}

func TestSQ8WeightsMatchDecode(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	const dim = 24
	data := randRows(r, 200, dim)
	q := TrainSQ8(data, dim)
	v := randRows(r, 1, dim)
	w := make([]float32, dim)
	bias := q.Weights(w, v)
	code, dec := make([]byte, dim), make([]float32, dim)
	for i := 0; i < 200; i++ {
		q.Encode(code, data[i*dim:(i+1)*dim])
		q.Decode(dec, code)
		want := distance.DotGeneric(v, dec)
		got := bias + distance.DotU8Generic(w, code)
		if math.Abs(float64(got-want)) > 1e-3*(1+math.Abs(float64(want))) {
			t.Fatalf("row %d: weights give %v, decode %v", i, got, want)
		}
	}
	constant := TrainSQ8([]float32{3, 3, 3}, 1)
	constant.Encode(code[:1], []float32{3})
	constant.Decode(dec[:1], code[:1])
	if dec[0] != 3 {
		t.Fatalf("constant dimension decodes to %v", dec[0])
	}
}

func TestPQ(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	const n, dim = 2000, 16
	data := randRows(r, n, dim)
	for _, nbits := range []int{4, 8, 9} {
		p := NewPQ(dim, 4, nbits)
		p.Train(data, 1, 2)
		code := make([]byte, p.CodeBytes())
		dec := make([]float32, dim)
		table := make([]float32, p.M*p.Ksub)
		v := data[:dim]
		p.DotTable(table, v)
		var errSum, norm float64
		for i := 0; i < n; i++ {
			row := data[i*dim : (i+1)*dim]
			p.Encode(code, row)
			p.Decode(dec, code)
			// The code is the nearest codeword in every sub-space.
			for s := 0; s < p.M; s++ {
				got := distance.L2SqGeneric(row[s*p.Dsub:(s+1)*p.Dsub], dec[s*p.Dsub:(s+1)*p.Dsub])
				for k := 0; k < p.Ksub; k++ {
					cw := p.Codebooks[(s*p.Ksub+k)*p.Dsub : (s*p.Ksub+k+1)*p.Dsub]
					if d := distance.L2SqGeneric(row[s*p.Dsub:(s+1)*p.Dsub], cw); d < got*(1-1e-5)-1e-6 {
						t.Fatalf("nbits %d row %d sub %d: codeword %d nearer", nbits, i, s, k)
					}
				}
			}
			var adc float32
			for s := 0; s < p.M; s++ {
				adc += table[s*p.Ksub+p.At(code, s)]
			}
			if want := distance.DotGeneric(v, dec); math.Abs(float64(adc-want)) > 1e-3*(1+math.Abs(float64(want))) {
				t.Fatalf("nbits %d row %d: table sum %v, decoded dot %v", nbits, i, adc, want)
			}
			errSum += float64(distance.L2SqGeneric(row, dec))
			norm += float64(distance.DotGeneric(row, row))
		}
		t.Logf("nbits %d: relative reconstruction error %.3f", nbits, errSum/norm)
		if errSum/norm > 0.5 {
			t.Errorf("nbits %d: reconstruction error %.3f of the energy", nbits, errSum/norm)
		}
	}
}
