package expr

import (
	"math"

	"github.com/kite-db/kite/internal/bitset"
)

// Tight loops over whole columns. Each switches on the operator once,
// outside the loop, so the loop body is a compare and a bit set.

func cmpLoop[T int64 | float64 | string](n int, xs []T, op tokKind, c T) *bitset.Bitset {
	t := bitset.New(n)
	switch op {
	case tkEq:
		for i, x := range xs {
			if x == c {
				t.Set(i)
			}
		}
	case tkNe:
		for i, x := range xs {
			if x != c {
				t.Set(i)
			}
		}
	case tkLt:
		for i, x := range xs {
			if x < c {
				t.Set(i)
			}
		}
	case tkLe:
		for i, x := range xs {
			if x <= c {
				t.Set(i)
			}
		}
	case tkGt:
		for i, x := range xs {
			if x > c {
				t.Set(i)
			}
		}
	case tkGe:
		for i, x := range xs {
			if x >= c {
				t.Set(i)
			}
		}
	}
	return t
}

// intRange sets the rows with lo <= x <= hi using one unsigned compare.
func intRange(n int, xs []int64, lo, hi int64) *bitset.Bitset {
	t := bitset.New(n)
	if lo > hi {
		return t
	}
	span := uint64(hi) - uint64(lo)
	for i, x := range xs {
		if uint64(x)-uint64(lo) <= span {
			t.Set(i)
		}
	}
	return t
}

// cmpInts compares an int64 column with a numeric constant exactly: a
// float constant becomes an integer bound, so "x > 1.5" is "x >= 2".
func cmpInts(n int, xs []int64, op tokKind, c value) *bitset.Bitset {
	switch op {
	case tkEq, tkNe:
		ci, exact := exactInt(c)
		if !exact {
			if op == tkNe {
				return bitset.NewFull(n)
			}
			return bitset.New(n)
		}
		return cmpLoop(n, xs, op, ci)
	case tkGt, tkGe:
		lo, ok := lowerInt(c, op == tkGe)
		if !ok {
			return bitset.New(n)
		}
		return intRange(n, xs, lo, math.MaxInt64)
	}
	hi, ok := upperInt(c, op == tkLe)
	if !ok {
		return bitset.New(n)
	}
	return intRange(n, xs, math.MinInt64, hi)
}

// exactInt returns c as an int64 when it is an integer value.
func exactInt(c value) (int64, bool) {
	if c.k == kInt {
		return c.i, true
	}
	if c.f == math.Trunc(c.f) && c.f >= -0x1p63 && c.f < 0x1p63 {
		return int64(c.f), true
	}
	return 0, false
}

// lowerInt is the least int64 x with x > c (x >= c when incl); ok is
// false when there is none.
func lowerInt(c value, incl bool) (int64, bool) {
	if c.k == kInt {
		if incl {
			return c.i, true
		}
		return c.i + 1, c.i != math.MaxInt64
	}
	switch {
	case c.f != c.f || c.f >= 0x1p63:
		return 0, false
	case c.f < -0x1p63:
		return math.MinInt64, true
	}
	f := math.Ceil(c.f)
	if f == c.f && !incl {
		return int64(f) + 1, true
	}
	return int64(f), true
}

// upperInt is the greatest int64 x with x < c (x <= c when incl).
func upperInt(c value, incl bool) (int64, bool) {
	if c.k == kInt {
		if incl {
			return c.i, true
		}
		return c.i - 1, c.i != math.MinInt64
	}
	switch {
	case c.f != c.f || c.f < -0x1p63:
		return 0, false
	case c.f >= 0x1p63:
		return math.MaxInt64, true
	}
	f := math.Floor(c.f)
	if f == c.f && !incl {
		return int64(f) - 1, f != -0x1p63
	}
	return int64(f), true
}

// floatConst converts a constant for comparison with a float column,
// rounding to float32 for Float fields as Milvus does.
func floatConst(c value, f32 bool) float64 {
	f := c.asFloat()
	if f32 {
		return float64(float32(f))
	}
	return f
}

// cmpFloats compares a float column with a numeric constant. Integer
// constants too large for a float64 are compared exactly, row by row.
func cmpFloats(n int, xs []float64, op tokKind, c value, f32 bool) *bitset.Bitset {
	if c.k == kInt && !f32 && (c.i > 1<<53 || c.i < -1<<53) {
		t := bitset.New(n)
		for i, x := range xs {
			if r, ok := cmpIntFloat(c.i, x); (ok && applyCmp(op, -r)) || (!ok && op == tkNe) {
				t.Set(i)
			}
		}
		return t
	}
	return cmpLoop(n, xs, op, floatConst(c, f32))
}

// floatRange sets the rows inside the bounds; incl flags pick < or <=.
func floatRange(n int, xs []float64, lo, hi float64, loIncl, hiIncl bool) *bitset.Bitset {
	t := bitset.New(n)
	for i, x := range xs {
		if (x > lo || (loIncl && x == lo)) && (x < hi || (hiIncl && x == hi)) {
			t.Set(i)
		}
	}
	return t
}
