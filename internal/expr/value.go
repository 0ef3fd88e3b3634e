package expr

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// kind classifies constants and the static types of operands.
type kind uint8

const (
	kNull kind = iota
	kBool
	kInt
	kFloat
	kString
	kArray
	kObject
	kJSON // operands only: typed per row at run time
)

// value is a constant: a literal, a folded expression or a template value.
type value struct {
	k   kind
	b   bool
	i   int64
	f   float64
	s   string
	arr []value
	obj map[string]any // from templates only; compared as JSON
}

func intVal(i int64) value     { return value{k: kInt, i: i} }
func floatVal(f float64) value { return value{k: kFloat, f: f} }
func boolVal(b bool) value     { return value{k: kBool, b: b} }
func strVal(s string) value    { return value{k: kString, s: s} }

func (v value) isNum() bool { return v.k == kInt || v.k == kFloat }

// asFloat returns a numeric value as float64.
func (v value) asFloat() float64 {
	if v.k == kInt {
		return float64(v.i)
	}
	return v.f
}

// typeName names the type of a constant as Milvus does in messages.
func (v value) typeName() string {
	switch v.k {
	case kNull:
		return "None"
	case kBool:
		return "Bool"
	case kInt:
		return "Int64"
	case kFloat:
		return "Double"
	case kString:
		return "VarChar"
	case kArray:
		return "Array"
	}
	return "JSON"
}

// String prints the value in filter syntax.
func (v value) String() string {
	switch v.k {
	case kNull:
		return "null"
	case kBool:
		return strconv.FormatBool(v.b)
	case kInt:
		return strconv.FormatInt(v.i, 10)
	case kFloat:
		return formatFloat(v.f)
	case kString:
		return strconv.Quote(v.s)
	case kArray:
		parts := make([]string, len(v.arr))
		for i, e := range v.arr {
			parts[i] = e.String()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	b, _ := json.Marshal(v.obj)
	return string(b)
}

// fromGo converts a template value. The API layer produces nil, bool,
// int64, float64, string, []any and map[string]any; other Go integer and
// float types and typed slices are accepted for convenience.
func fromGo(x any) (value, error) {
	switch x := x.(type) {
	case nil:
		return value{k: kNull}, nil
	case bool:
		return boolVal(x), nil
	case int64:
		return intVal(x), nil
	case int:
		return intVal(int64(x)), nil
	case int32:
		return intVal(int64(x)), nil
	case float64:
		return floatVal(x), nil
	case float32:
		return floatVal(float64(x)), nil
	case string:
		return strVal(x), nil
	case map[string]any:
		return value{k: kObject, obj: x}, nil
	case []any:
		return fromSlice(len(x), func(i int) any { return x[i] })
	case []int64:
		return fromSlice(len(x), func(i int) any { return x[i] })
	case []float64:
		return fromSlice(len(x), func(i int) any { return x[i] })
	case []string:
		return fromSlice(len(x), func(i int) any { return x[i] })
	case []bool:
		return fromSlice(len(x), func(i int) any { return x[i] })
	}
	return value{}, fmt.Errorf("unsupported template value type %T", x)
}

func fromSlice(n int, at func(int) any) (value, error) {
	out := value{k: kArray, arr: make([]value, n)}
	for i := range out.arr {
		e, err := fromGo(at(i))
		if err != nil {
			return value{}, err
		}
		out.arr[i] = e
	}
	return out, nil
}

// cmpIntFloat compares an int64 with a float64 exactly, without rounding
// the integer; ok is false when f is NaN.
func cmpIntFloat(i int64, f float64) (c int, ok bool) {
	switch {
	case f != f:
		return 0, false
	case f >= 0x1p63:
		return -1, true
	case f < -0x1p63:
		return 1, true
	}
	t := math.Trunc(f)
	ti := int64(t)
	switch {
	case i < ti:
		return -1, true
	case i > ti:
		return 1, true
	case f > t:
		return -1, true
	case f < t:
		return 1, true
	}
	return 0, true
}

// cmpNum compares two numeric values; ok is false for NaN.
func cmpNum(a, b value) (int, bool) {
	switch {
	case a.k == kInt && b.k == kInt:
		return cmp3(a.i, b.i), true
	case a.k == kInt:
		return cmpIntFloat(a.i, b.f)
	case b.k == kInt:
		c, ok := cmpIntFloat(b.i, a.f)
		return -c, ok
	}
	if a.f != a.f || b.f != b.f {
		return 0, false
	}
	return cmp3(a.f, b.f), true
}

func cmp3[T int64 | float64 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
