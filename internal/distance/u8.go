package distance

// Kernels on 8-bit codes (IVF_SQ8): a float32 weight vector against rows
// of unsigned bytes. Decoding a scalar-quantized row is affine per
// dimension, so an index folds the scales into the weights and needs only
// this dot product per row.

// DotU8 returns Σ w[i]·c[i] over len(w) elements, c read as unsigned bytes.
func DotU8(w []float32, c []byte) float32 { return dotU8Impl(w, c[:len(w)]) }

// DotU8Batch writes DotU8(w, row i) to out[i] for the len(out) rows of
// len(w) bytes each stored back to back in codes.
func DotU8Batch(w []float32, codes []byte, out []float32) {
	dotU8BatchImpl(w, codes[:len(w)*len(out)], out)
}

// DotU8Generic is the reference DotU8.
func DotU8Generic(w []float32, c []byte) float32 {
	var s float32
	c = c[:len(w)]
	for i, x := range w {
		s += x * float32(c[i])
	}
	return s
}

// DotU8BatchGeneric is the reference DotU8Batch.
func DotU8BatchGeneric(w []float32, codes []byte, out []float32) {
	d := len(w)
	for i := range out {
		out[i] = DotU8Generic(w, codes[i*d:(i+1)*d])
	}
}
