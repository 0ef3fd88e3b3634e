package distance

// LookupSum256 writes to out[i] the sum over s of table[256·s + code_i[s]],
// where code_i is the i-th of len(out) codes of m = len(table)/256 bytes
// stored back to back in codes: the distance of a product-quantizer code
// from its query's table (8-bit codes, 256 entries per sub-space).
//
// The slicing here is the bounds check the assembly kernel cannot do.
func LookupSum256(table []float32, codes []byte, out []float32) {
	m := len(table) / 256
	lookupSumImpl(table[:m*256], codes[:m*len(out)], out)
}

// LookupSum256Generic is the reference LookupSum256. Sub-space s adds into
// accumulator s mod 4, the last m mod 4 into the first, and the four are
// summed (a0+a1)+(a2+a3): four chains overlap the adds' latency, and the
// assembly kernel sums in the same order, so both give the same bits.
func LookupSum256Generic(table []float32, codes []byte, out []float32) {
	m := len(table) / 256
	table = table[:m*256]
	for i := range out {
		code := codes[i*m : (i+1)*m : (i+1)*m]
		var a0, a1, a2, a3 float32
		s := 0
		for ; s+4 <= m; s += 4 {
			base := s * 256
			a0 += table[base+int(code[s])]
			a1 += table[base+256+int(code[s+1])]
			a2 += table[base+512+int(code[s+2])]
			a3 += table[base+768+int(code[s+3])]
		}
		for ; s < m; s++ {
			a0 += table[s*256+int(code[s])]
		}
		out[i] = (a0 + a1) + (a2 + a3)
	}
}
