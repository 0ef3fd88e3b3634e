package expr

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
)

type jkind uint8

const (
	jMissing jkind = iota // no value at the path, or malformed JSON
	jNull
	jBool
	jInt // a number written without '.', 'e' or 'E' that fits int64
	jFloat
	jString
	jArray
	jObject
)

// jval is one decoded JSON value. Strings alias the document when they
// have no escapes; arrays and objects stay as text until needed.
type jval struct {
	k   jkind
	i   int64   // jInt; 1 or 0 for jBool
	f   float64 // jFloat
	raw []byte  // jString: the text; jArray, jObject: the JSON
}

func (v jval) isNum() bool { return v.k == jInt || v.k == jFloat }

func (v jval) num() value {
	if v.k == jInt {
		return intVal(v.i)
	}
	return floatVal(v.f)
}

// value decodes the value at the scanner's position and moves past it.
func (s *jsonScanner) value() jval {
	switch c := s.peek(); {
	case c == '"':
		start := s.i + 1
		if !s.skipString() {
			return jval{}
		}
		raw := s.b[start : s.i-1]
		if bytes.IndexByte(raw, '\\') >= 0 {
			raw = unquoteJSON(raw)
		}
		return jval{k: jString, raw: raw}
	case c == '{' || c == '[':
		start := s.i
		if !s.skipNested() {
			return jval{}
		}
		k := jArray
		if c == '{' {
			k = jObject
		}
		return jval{k: k, raw: s.b[start:s.i]}
	}
	start := s.i
	for s.i < len(s.b) && isScalarByte(s.b[s.i]) {
		s.i++
	}
	return scalarJSON(s.b[start:s.i])
}

// scalarJSON decodes a number or literal.
func scalarJSON(t []byte) jval {
	switch string(t) {
	case "true":
		return jval{k: jBool, i: 1}
	case "false":
		return jval{k: jBool}
	case "null":
		return jval{k: jNull}
	case "":
		return jval{}
	}
	if c := t[0]; c != '-' && !isDigit(c) {
		return jval{}
	}
	if i, ok := parseJSONInt(t); ok {
		return jval{k: jInt, i: i}
	}
	f, err := strconv.ParseFloat(string(t), 64)
	if err != nil && !isRangeErr(err) {
		return jval{}
	}
	return jval{k: jFloat, f: f}
}

// parseJSONInt parses an integer without allocating; ok is false for
// anything else (fractions, exponents, overflow), which parse as floats.
func parseJSONInt(t []byte) (int64, bool) {
	neg := t[0] == '-'
	if neg {
		t = t[1:]
	}
	if len(t) == 0 || len(t) > 19 {
		return 0, false
	}
	var u uint64
	for _, c := range t {
		if !isDigit(c) {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	switch {
	case neg && u <= 1<<63:
		return int64(-u), true
	case !neg && u < 1<<63:
		return int64(u), true
	}
	return 0, false
}

// eachElem calls fn for the elements of a JSON array until fn returns false.
func eachElem(raw []byte, fn func(jval) bool) {
	s := jsonScanner{b: raw}
	s.ws()
	if s.peek() != '[' {
		return
	}
	s.i++
	for {
		s.ws()
		if s.peek() == ']' {
			return
		}
		v := s.value()
		if v.k == jMissing || !fn(v) || !s.comma() {
			return
		}
	}
}

// jEqual is JSON equality with a constant: numbers by value, arrays
// element by element, objects as decoded JSON.
func jEqual(v jval, c value) bool {
	switch {
	case c.isNum():
		if !v.isNum() {
			return false
		}
		r, ok := cmpNum(v.num(), c)
		return ok && r == 0
	case c.k == kString:
		return v.k == jString && string(v.raw) == c.s
	case c.k == kBool:
		return v.k == jBool && (v.i == 1) == c.b
	case c.k == kNull:
		return v.k == jNull
	case c.k == kArray:
		return v.k == jArray && jArrayEqual(v.raw, c.arr)
	}
	return v.k == jObject && jObjectEqual(v.raw, c.obj)
}

func jArrayEqual(raw []byte, want []value) bool {
	n, eq := 0, true
	eachElem(raw, func(e jval) bool {
		eq = n < len(want) && jEqual(e, want[n])
		n++
		return eq
	})
	return eq && n == len(want)
}

// jObjectEqual compares an object with a template map. Both sides go
// through encoding/json so that numbers compare the same way.
func jObjectEqual(raw []byte, want map[string]any) bool {
	var got, exp any
	wantJSON, err := json.Marshal(want)
	if err != nil || json.Unmarshal(raw, &got) != nil || json.Unmarshal(wantJSON, &exp) != nil {
		return false
	}
	return reflect.DeepEqual(got, exp)
}

// jCompare orders a JSON value against a constant of a comparable type;
// ok is false for a missing value, a type mismatch or NaN. Arrays and
// objects only answer equal (0) or not (1).
func jCompare(v jval, c value) (int, bool) {
	switch {
	case v.k == jInt && c.k == kInt: // the common case, without building values
		return cmp3(v.i, c.i), true
	case c.isNum() && v.isNum():
		return cmpNum(v.num(), c)
	case c.k == kString && v.k == jString:
		return cmpBytesStr(v.raw, c.s), true
	case c.k == kBool && v.k == jBool:
		return cmpBool(v.i == 1, c.b), true
	case (c.k == kArray && v.k == jArray) || (c.k == kObject && v.k == jObject):
		if jEqual(v, c) {
			return 0, true
		}
		return 1, true
	}
	return 0, false
}

// jCmp applies op. As in Milvus, a missing value or a type mismatch makes
// every comparison false except !=, which is true.
func jCmp(v jval, op tokKind, c value) bool {
	r, ok := jCompare(v, c)
	if !ok {
		return op == tkNe
	}
	return applyCmp(op, r)
}

// cmpBytesStr is strings.Compare without converting (and copying) b.
func cmpBytesStr(b []byte, s string) int {
	for i := 0; i < len(b) && i < len(s); i++ {
		if b[i] != s[i] {
			if b[i] < s[i] {
				return -1
			}
			return 1
		}
	}
	return cmp3(int64(len(b)), int64(len(s)))
}
