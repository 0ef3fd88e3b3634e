package expr

import (
	"encoding/json"
	"math"
	"math/big"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

// numOf classifies a numeric value as int64 or float64.
func numOf(v any) (any, bool) {
	switch x := v.(type) {
	case int64, float64:
		return x, true
	case float32:
		return float64(x), true
	case json.Number:
		s := string(x)
		if !strings.ContainsAny(s, ".eE") {
			if i, err := strconv.ParseInt(s, 10, 64); err == nil {
				return i, true
			}
		}
		f, _ := strconv.ParseFloat(s, 64)
		return f, true
	}
	return nil, false
}

// numCompare compares two numbers exactly with math/big; ok is false for NaN.
func numCompare(a, b any) (int, bool) {
	x, y := toBig(a), toBig(b)
	if x == nil || y == nil {
		return 0, false
	}
	return x.Cmp(y), true
}

func toBig(v any) *big.Float {
	n, _ := numOf(v)
	if i, ok := n.(int64); ok {
		return new(big.Float).SetInt64(i)
	}
	f := n.(float64)
	if math.IsNaN(f) {
		return nil
	}
	return new(big.Float).SetFloat64(f)
}

// round32 rounds a numeric constant as a Float field stores it.
func round32(v any) any {
	if n, ok := numOf(v); ok {
		if i, isInt := n.(int64); isInt {
			return float64(float32(i))
		}
		return float64(float32(n.(float64)))
	}
	if arr, ok := v.([]any); ok {
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = round32(e)
		}
		return out
	}
	return v
}

// order compares two values; ok is false for incomparable types.
func order(a, b any) (int, bool) {
	_, an := numOf(a)
	_, bn := numOf(b)
	switch {
	case an && bn:
		return numCompare(a, b)
	case an || bn:
		return 0, false
	}
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return strings.Compare(x, y), ok
	case bool:
		y, ok := b.(bool)
		return cmpBool(x, y), ok
	case []any, map[string]any:
		if reflect.TypeOf(a) != reflect.TypeOf(b) {
			return 0, false
		}
		if equalAny(a, b) {
			return 0, true
		}
		return 1, true
	}
	return 0, false
}

// equalAny is equality with numbers compared by value.
func equalAny(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if xa, ok := a.([]any); ok {
		xb, ok := b.([]any)
		if !ok || len(xa) != len(xb) {
			return false
		}
		for i := range xa {
			if !equalAny(xa[i], xb[i]) {
				return false
			}
		}
		return true
	}
	if ma, ok := a.(map[string]any); ok {
		ja, _ := json.Marshal(ma)
		jb, _ := json.Marshal(b)
		var x, y any
		_ = json.Unmarshal(ja, &x)
		_ = json.Unmarshal(jb, &y)
		return reflect.DeepEqual(x, y)
	}
	c, ok := order(a, b)
	return ok && c == 0
}

// likeRegexp converts a LIKE pattern to an anchored regular expression.
func likeRegexp(pat string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	esc := false
	for _, c := range pat {
		switch {
		case esc:
			b.WriteString(regexp.QuoteMeta(string(c)))
			esc = false
		case c == '\\':
			esc = true
		case c == '%':
			b.WriteString(".*")
		case c == '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if esc {
		b.WriteString(`\\`)
	}
	return regexp.MustCompile(b.String() + "$")
}
