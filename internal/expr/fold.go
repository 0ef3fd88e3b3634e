package expr

import (
	"errors"
	"math"
	"math/bits"
)

// Constant folding: arithmetic and comparisons between constants are
// computed once at compile time, with the checks Milvus makes (division by
// zero, modulo on floats) plus int64 overflow, which Milvus lets wrap.

var (
	errDivZero    = errors.New("division or modulus by zero")
	errModFloat   = errors.New("modulo can only apply on integer types")
	errOverflow   = errors.New("integer overflow in constant expression")
	errArithTypes = errors.New("arithmetic is only supported on numbers")
)

// foldArith computes a op b for numeric constants.
func foldArith(op tokKind, a, b value) (value, error) {
	if !a.isNum() || !b.isNum() {
		return value{}, errArithTypes
	}
	if op == tkPow {
		return floatVal(math.Pow(a.asFloat(), b.asFloat())), nil
	}
	if a.k == kInt && b.k == kInt {
		return foldIntArith(op, a.i, b.i)
	}
	x, y := a.asFloat(), b.asFloat()
	switch op {
	case tkPlus:
		return floatVal(x + y), nil
	case tkMinus:
		return floatVal(x - y), nil
	case tkStar:
		return floatVal(x * y), nil
	case tkSlash:
		if y == 0 {
			return value{}, errDivZero
		}
		return floatVal(x / y), nil
	}
	return value{}, errModFloat
}

func foldIntArith(op tokKind, x, y int64) (value, error) {
	switch op {
	case tkPlus:
		s := x + y
		if (x >= 0) == (y >= 0) && (s >= 0) != (x >= 0) {
			return value{}, errOverflow
		}
		return intVal(s), nil
	case tkMinus:
		d := x - y
		if (x >= 0) != (y >= 0) && (d >= 0) != (x >= 0) {
			return value{}, errOverflow
		}
		return intVal(d), nil
	case tkStar:
		return mulChecked(x, y)
	}
	if y == 0 {
		return value{}, errDivZero
	}
	if x == math.MinInt64 && y == -1 {
		return value{}, errOverflow
	}
	if op == tkSlash {
		return intVal(x / y), nil
	}
	return intVal(x % y), nil
}

func mulChecked(x, y int64) (value, error) {
	neg := (x < 0) != (y < 0)
	hi, lo := bits.Mul64(absU(x), absU(y))
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	if hi != 0 || lo > limit {
		return value{}, errOverflow
	}
	if neg {
		return intVal(int64(-lo)), nil
	}
	return intVal(int64(lo)), nil
}

func absU(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

// foldNeg negates a numeric constant.
func foldNeg(a value) (value, error) {
	switch {
	case a.k == kInt && a.i == math.MinInt64:
		return value{}, errOverflow
	case a.k == kInt:
		return intVal(-a.i), nil
	case a.k == kFloat:
		return floatVal(-a.f), nil
	}
	return value{}, errArithTypes
}

// foldCompare compares two constants; ok is false when they cannot be
// compared (different types, or ordering on arrays).
func foldCompare(op tokKind, a, b value) (result, ok bool) {
	switch {
	case a.isNum() && b.isNum():
		c, ok := cmpNum(a, b)
		if !ok { // NaN: every comparison is false except !=
			return op == tkNe, true
		}
		return applyCmp(op, c), true
	case a.k == kString && b.k == kString:
		return applyCmp(op, cmp3(a.s, b.s)), true
	case a.k == kBool && b.k == kBool:
		return applyCmp(op, cmpBool(a.b, b.b)), true
	case a.k == kArray && b.k == kArray && (op == tkEq || op == tkNe):
		return valuesEqual(a, b) == (op == tkEq), true
	}
	return false, false
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	}
	return 1
}

// applyCmp turns a three-way comparison result into op's answer.
func applyCmp(op tokKind, c int) bool {
	switch op {
	case tkEq:
		return c == 0
	case tkNe:
		return c != 0
	case tkLt:
		return c < 0
	case tkLe:
		return c <= 0
	case tkGt:
		return c > 0
	}
	return c >= 0
}

// valuesEqual is equality of constants, numbers compared by value.
func valuesEqual(a, b value) bool {
	switch {
	case a.isNum() && b.isNum():
		c, ok := cmpNum(a, b)
		return ok && c == 0
	case a.k != b.k:
		return false
	case a.k == kString:
		return a.s == b.s
	case a.k == kBool:
		return a.b == b.b
	case a.k == kArray:
		if len(a.arr) != len(b.arr) {
			return false
		}
		for i := range a.arr {
			if !valuesEqual(a.arr[i], b.arr[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// flipCmp mirrors a comparison so that the constant can move to the right:
// 5 < x is x > 5.
func flipCmp(op tokKind) tokKind {
	switch op {
	case tkLt:
		return tkGt
	case tkLe:
		return tkGe
	case tkGt:
		return tkLt
	case tkGe:
		return tkLe
	}
	return op
}
