package grpc

import (
	"encoding/binary"
	"math"
)

// appendFloats decodes little-endian float32 values from b onto dst.
func appendFloats(dst []float32, b []byte) []float32 {
	n := len(dst)
	dst = append(dst, make([]float32, len(b)/4)...) // no allocation when dst has room
	out := dst[n:]
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[i*4:]))
	}
	return dst
}
