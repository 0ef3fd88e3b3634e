package distance

import (
	"encoding/binary"
	"math/bits"
)

// Hamming returns the number of bits that differ between two packed bit
// vectors of the same length.
func Hamming(a, b []byte) float32 {
	n := 0
	b = b[:len(a)]
	i := 0
	for ; i+8 <= len(a); i += 8 {
		n += bits.OnesCount64(binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]))
	}
	for ; i < len(a); i++ {
		n += bits.OnesCount8(a[i] ^ b[i])
	}
	return float32(n)
}

// Jaccard returns the Jaccard distance 1 - |a∩b|/|a∪b| of two packed bit
// vectors. Two empty sets are identical, so their distance is 0 (not NaN).
func Jaccard(a, b []byte) float32 {
	inter, union := 0, 0
	b = b[:len(a)]
	i := 0
	for ; i+8 <= len(a); i += 8 {
		x, y := binary.LittleEndian.Uint64(a[i:]), binary.LittleEndian.Uint64(b[i:])
		inter += bits.OnesCount64(x & y)
		union += bits.OnesCount64(x | y)
	}
	for ; i < len(a); i++ {
		inter += bits.OnesCount8(a[i] & b[i])
		union += bits.OnesCount8(a[i] | b[i])
	}
	if union == 0 {
		return 0
	}
	return 1 - float32(inter)/float32(union)
}
