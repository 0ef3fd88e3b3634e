package quant

import (
	"math"

	"github.com/kite-db/kite/internal/distance"
)

// SQ8 is a per-dimension 8-bit scalar quantizer: code c in dimension j
// stands for Min[j] + c·Step[j].
type SQ8 struct {
	Min, Step []float32
}

// TrainSQ8 spans each dimension's range over the rows of data.
func TrainSQ8(data []float32, dim int) SQ8 {
	q := SQ8{Min: make([]float32, dim), Step: make([]float32, dim)}
	hi := make([]float32, dim)
	for j := range dim {
		q.Min[j], hi[j] = float32(math.Inf(1)), float32(math.Inf(-1))
	}
	for i := 0; i+dim <= len(data); i += dim {
		for j, x := range data[i : i+dim] {
			q.Min[j] = min(q.Min[j], x)
			hi[j] = max(hi[j], x)
		}
	}
	for j := range dim {
		if hi[j] < q.Min[j] { // no rows
			q.Min[j], hi[j] = 0, 0
		}
		q.Step[j] = (hi[j] - q.Min[j]) / 255
	}
	return q
}

// Encode writes the code of v into dst (len(v) bytes), rounding to the
// nearest level and clamping values outside the trained range.
func (q SQ8) Encode(dst []byte, v []float32) {
	dst = dst[:len(v)]
	for j, x := range v {
		if q.Step[j] == 0 {
			dst[j] = 0
			continue
		}
		c := math.Round(float64((x - q.Min[j]) / q.Step[j]))
		dst[j] = byte(max(0, min(255, c)))
	}
}

// Decode writes the value code stands for into dst.
func (q SQ8) Decode(dst []float32, code []byte) {
	code = code[:len(dst)]
	for j, c := range code {
		dst[j] = q.Min[j] + float32(c)*q.Step[j]
	}
}

// Weights prepares v for inner products with codes: it fills w (len(v))
// and returns bias such that v·Decode(c) = bias + DotU8(w, c).
func (q SQ8) Weights(w, v []float32) (bias float32) {
	w = w[:len(v)]
	for j, x := range v {
		w[j] = x * q.Step[j]
	}
	return distance.Dot(v, q.Min)
}
