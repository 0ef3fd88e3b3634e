package distance

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// ErrNotFinite is what every *NotFiniteError matches with errors.Is.
var ErrNotFinite = errors.New("distance: not a finite number")

// NotFiniteError is a NaN or an infinity in vector data, which no metric
// can score: the first such value found.
type NotFiniteError struct {
	Value float32
}

func (e *NotFiniteError) Error() string {
	return fmt.Sprintf("distance: value %v is not a finite number", e.Value)
}

// Unwrap makes a NotFiniteError match ErrNotFinite.
func (e *NotFiniteError) Unwrap() error { return ErrNotFinite }

func finite(v float32) bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }

// CheckFloats refuses NaN and ±Inf in float32 vector data.
func CheckFloats(vals []float32) error {
	for _, v := range vals {
		if !finite(v) {
			return &NotFiniteError{Value: v}
		}
	}
	return nil
}

// CheckF16 refuses NaN and ±Inf in little-endian float16 vector data:
// an exponent of all ones.
func CheckF16(b []byte) error { return checkHalf(b, 0x7c00, F16ToF32) }

// CheckBF16 refuses NaN and ±Inf in little-endian bfloat16 vector data.
func CheckBF16(b []byte) error { return checkHalf(b, 0x7f80, BF16ToF32) }

func checkHalf(b []byte, expMask uint16, toF32 func(uint16) float32) error {
	for i := 0; i+2 <= len(b); i += 2 {
		if h := binary.LittleEndian.Uint16(b[i:]); h&expMask == expMask {
			return &NotFiniteError{Value: toF32(h)}
		}
	}
	return nil
}
