package expr

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// jsonScanner walks a JSON document without building a tree: to read
// doc["a"]["b"] it skips every sibling value byte by byte and decodes only
// the value at the end of the path. Malformed documents yield "missing"
// rather than errors; no input makes it panic or recurse.
type jsonScanner struct {
	b []byte
	i int
}

// lookupJSON returns the value at path in doc. A step applies to an
// object as a key, or to an array as a decimal index. The first of
// duplicate keys wins, as in Milvus.
func lookupJSON(doc []byte, path []string) jval {
	s := jsonScanner{b: doc}
	for _, key := range path {
		s.ws()
		switch s.peek() {
		case '{':
			if !s.findKey(key) {
				return jval{}
			}
		case '[':
			idx, err := strconv.Atoi(key)
			if err != nil || idx < 0 || !s.findIndex(idx) {
				return jval{}
			}
		default:
			return jval{}
		}
	}
	s.ws()
	return s.value()
}

func (s *jsonScanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

func (s *jsonScanner) ws() {
	for s.i < len(s.b) && isSpace(s.b[s.i]) {
		s.i++
	}
}

// findKey moves from '{' to the value of key.
func (s *jsonScanner) findKey(key string) bool {
	s.i++ // '{'
	for {
		s.ws()
		if s.peek() != '"' {
			return false
		}
		start := s.i + 1
		if !s.skipString() {
			return false
		}
		raw := s.b[start : s.i-1]
		s.ws()
		if s.peek() != ':' {
			return false
		}
		s.i++
		s.ws()
		if keyEquals(raw, key) {
			return true
		}
		if !s.skipValue() || !s.comma() {
			return false
		}
	}
}

// findIndex moves from '[' to element idx.
func (s *jsonScanner) findIndex(idx int) bool {
	s.i++ // '['
	for n := 0; ; n++ {
		s.ws()
		if s.peek() == ']' {
			return false
		}
		if n == idx {
			return true
		}
		if !s.skipValue() || !s.comma() {
			return false
		}
	}
}

// comma consumes the separator after a member; false at the closing
// bracket or on malformed input.
func (s *jsonScanner) comma() bool {
	s.ws()
	if s.peek() == ',' {
		s.i++
		return true
	}
	return false
}

func keyEquals(raw []byte, key string) bool {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw) == key
	}
	return string(unquoteJSON(raw)) == key
}

// unquoteJSON decodes the body of a JSON string that has escapes.
func unquoteJSON(raw []byte) []byte {
	var s string
	q := make([]byte, 0, len(raw)+2)
	q = append(append(append(q, '"'), raw...), '"')
	if json.Unmarshal(q, &s) != nil {
		return raw
	}
	return []byte(s)
}

// skipString moves past a string starting at '"', jumping from quote to
// quote and counting the backslashes before each.
func (s *jsonScanner) skipString() bool {
	i := s.i + 1
	for {
		j := bytes.IndexByte(s.b[i:], '"')
		if j < 0 {
			return false
		}
		q := i + j
		bs := 0
		for k := q - 1; k > s.i && s.b[k] == '\\'; k-- {
			bs++
		}
		if bs%2 == 0 {
			s.i = q + 1
			return true
		}
		i = q + 1
	}
}

// skipValue moves past one value.
func (s *jsonScanner) skipValue() bool {
	s.ws()
	switch s.peek() {
	case '"':
		return s.skipString()
	case '{', '[':
		return s.skipNested()
	}
	start := s.i
	for s.i < len(s.b) && isScalarByte(s.b[s.i]) {
		s.i++
	}
	return s.i > start
}

// skipNested moves past an object or array. Nesting is tracked with a
// counter, not recursion, so deep documents cannot exhaust the stack.
func (s *jsonScanner) skipNested() bool {
	depth := 0
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '"':
			if !s.skipString() {
				return false
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.i++
				return true
			}
		}
		s.i++
	}
	return false
}

// isScalarByte reports whether c can continue a number or literal.
func isScalarByte(c byte) bool {
	return isIdentChar(c) || c == '.' || c == '-' || c == '+'
}
