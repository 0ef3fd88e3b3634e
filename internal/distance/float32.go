package distance

import "math"

// L2Sq returns the squared Euclidean distance between a and b (Milvus's L2
// score). a and b must have the same length.
func L2Sq(a, b []float32) float32 { return l2SqImpl(a, b[:len(a)]) }

// Dot returns the inner product of a and b (Milvus's IP score).
func Dot(a, b []float32) float32 { return dotImpl(a, b[:len(a)]) }

// Norm returns the Euclidean length of a.
func Norm(a []float32) float32 { return float32(math.Sqrt(float64(dotImpl(a, a)))) }

// Cosine returns the cosine similarity of a and b; 0 when either is zero,
// because an all-zero vector has no direction to compare.
func Cosine(a, b []float32) float32 {
	return CosineFromDot(dotImpl(a, b), Norm(a), Norm(b))
}

// CosineFromDot turns a dot product and the two norms into a cosine
// similarity. Indexes keep row norms precomputed and call this per row.
func CosineFromDot(dot, na, nb float32) float32 {
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / (na * nb)
}

// L2SqBatch writes L2Sq(q, row i) to out[i] for the len(out) rows of
// len(q) floats each stored back to back in rows. One call per block keeps
// the per-call overhead out of small dimensions.
//
// The slicing here is the bounds check the assembly kernels cannot do.
func L2SqBatch(q, rows, out []float32) { l2SqBatchImpl(q, rows[:len(q)*len(out)], out) }

// DotBatch writes Dot(q, row i) to out[i]; the layout is as for L2SqBatch.
func DotBatch(q, rows, out []float32) { dotBatchImpl(q, rows[:len(q)*len(out)], out) }

// L2SqGeneric is the reference L2Sq.
func L2SqGeneric(a, b []float32) float32 {
	var s float32
	b = b[:len(a)]
	for i, x := range a {
		d := x - b[i]
		s += d * d
	}
	return s
}

// DotGeneric is the reference Dot.
func DotGeneric(a, b []float32) float32 {
	var s float32
	b = b[:len(a)]
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// L2SqBatchGeneric is the reference L2SqBatch.
func L2SqBatchGeneric(q, rows, out []float32) {
	d := len(q)
	for i := range out {
		out[i] = L2SqGeneric(q, rows[i*d:(i+1)*d])
	}
}

// DotBatchGeneric is the reference DotBatch.
func DotBatchGeneric(q, rows, out []float32) {
	d := len(q)
	for i := range out {
		out[i] = DotGeneric(q, rows[i*d:(i+1)*d])
	}
}
