package distance

import (
	"encoding/binary"
	"math"
)

// Kernels on byte-backed rows as Milvus stores them. They convert each
// element on the fly and accumulate in float32 like the float32 reference,
// so results match decoding both rows and calling the float32 kernel.

// F16L2Sq is L2Sq on two little-endian float16 rows.
func F16L2Sq(a, b []byte) float32 { return l2Sq16(a, b, F16ToF32) }

// F16Dot is Dot on two little-endian float16 rows.
func F16Dot(a, b []byte) float32 { return dot16(a, b, F16ToF32) }

// F16Cosine is Cosine on two little-endian float16 rows.
func F16Cosine(a, b []byte) float32 {
	return CosineFromDot(dot16(a, b, F16ToF32), norm16(a, F16ToF32), norm16(b, F16ToF32))
}

// BF16L2Sq is L2Sq on two little-endian bfloat16 rows.
func BF16L2Sq(a, b []byte) float32 { return l2Sq16(a, b, BF16ToF32) }

// BF16Dot is Dot on two little-endian bfloat16 rows.
func BF16Dot(a, b []byte) float32 { return dot16(a, b, BF16ToF32) }

// BF16Cosine is Cosine on two little-endian bfloat16 rows.
func BF16Cosine(a, b []byte) float32 {
	return CosineFromDot(dot16(a, b, BF16ToF32), norm16(a, BF16ToF32), norm16(b, BF16ToF32))
}

func l2Sq16(a, b []byte, conv func(uint16) float32) float32 {
	var s float32
	b = b[:len(a)]
	for i := 0; i+1 < len(a); i += 2 {
		d := conv(binary.LittleEndian.Uint16(a[i:])) - conv(binary.LittleEndian.Uint16(b[i:]))
		s += d * d
	}
	return s
}

func dot16(a, b []byte, conv func(uint16) float32) float32 {
	var s float32
	b = b[:len(a)]
	for i := 0; i+1 < len(a); i += 2 {
		s += conv(binary.LittleEndian.Uint16(a[i:])) * conv(binary.LittleEndian.Uint16(b[i:]))
	}
	return s
}

func norm16(a []byte, conv func(uint16) float32) float32 {
	return float32(math.Sqrt(float64(dot16(a, a, conv))))
}

// Int8L2Sq is L2Sq on two int8 rows. It sums in integers, which is exact
// (255² · 32768 < 2⁶³), and converts once at the end.
func Int8L2Sq(a, b []byte) float32 {
	var s int64
	b = b[:len(a)]
	for i, x := range a {
		d := int64(int8(x)) - int64(int8(b[i]))
		s += d * d
	}
	return float32(s)
}

// Int8Dot is Dot on two int8 rows, summed exactly in integers.
func Int8Dot(a, b []byte) float32 {
	var s int64
	b = b[:len(a)]
	for i, x := range a {
		s += int64(int8(x)) * int64(int8(b[i]))
	}
	return float32(s)
}

// Int8Norm is the Euclidean length of an int8 row.
func Int8Norm(a []byte) float32 { return float32(math.Sqrt(float64(Int8Dot(a, a)))) }

// Int8Cosine is Cosine on two int8 rows.
func Int8Cosine(a, b []byte) float32 {
	return CosineFromDot(Int8Dot(a, b), Int8Norm(a), Int8Norm(b))
}
