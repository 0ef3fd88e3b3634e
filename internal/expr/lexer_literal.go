package expr

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// number lexes an integer (decimal, 0x, 0o, 0b, or C-style leading-0 octal)
// or a float (1.5, 1., .5, 1e3). Values are parsed later by the parser,
// which knows whether a unary minus applies.
func (lx *lexer) number(start int) (token, error) {
	kind, end := tkInt, start+2
	if s := lx.src; s[start] == '0' && start+1 < len(s) && strings.IndexByte("xX", s[start+1]) >= 0 {
		kind, end = scanHex(s, start+2)
	} else if s[start] == '0' && start+1 < len(s) && strings.IndexByte("oObB", s[start+1]) >= 0 {
		for end < len(s) && isIdentChar(s[end]) {
			end++
		}
	} else {
		kind, end = scanDecimal(s, start)
	}
	lx.pos = end
	t := token{kind: kind, pos: start, text: lx.src[start:end]}
	var err error
	if kind == tkFloat {
		_, err = strconv.ParseFloat(t.text, 64)
	} else {
		_, err = parseUint(t.text)
	}
	if err != nil && !isRangeErr(err) {
		return token{}, syntaxErr(lx.src, t, "invalid number literal %s", quoteTok(t.text))
	}
	return t, nil // out-of-range values are reported by the parser
}

// scanDecimal finds the end of a decimal integer or float at s[i:].
func scanDecimal(s string, i int) (tokKind, int) { return scanNumber(s, i, isDigit, 'e') }

// scanNumber finds the end of an integer or float whose digits (of the
// given class) start at s[i]: a '.' or an exponent (letter exp, either
// case, then a decimal power) makes it a float. Trailing letters are
// swallowed so that "12ab" or "0x1g" is one bad token.
func scanNumber(s string, i int, digit func(byte) bool, exp byte) (tokKind, int) {
	kind := tkInt
	for i < len(s) && digit(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '.' {
		kind = tkFloat
		for i++; i < len(s) && digit(s[i]); i++ {
		}
	}
	if i < len(s) && s[i]|0x20 == exp {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			kind = tkFloat
			for i = j; i < len(s) && isDigit(s[i]); i++ {
			}
		}
	}
	for i < len(s) && isIdentChar(s[i]) {
		i++
	}
	return kind, i
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// parseUint parses an integer literal's magnitude. A leading 0 means octal,
// as in C and in Milvus's grammar.
func parseUint(text string) (uint64, error) {
	if len(text) > 1 && text[0] == '0' && isDigit(text[1]) {
		return strconv.ParseUint(text[1:], 8, 64)
	}
	if len(text) > 2 && text[0] == '0' {
		switch text[1] {
		case 'x', 'X':
			return strconv.ParseUint(text[2:], 16, 64)
		case 'o', 'O':
			return strconv.ParseUint(text[2:], 8, 64)
		case 'b', 'B':
			return strconv.ParseUint(text[2:], 2, 64)
		}
	}
	return strconv.ParseUint(text, 10, 64)
}

// simpleEscapes maps the one-letter escapes to their characters.
var simpleEscapes = map[byte]byte{
	'"': '"', '\'': '\'', '\\': '\\', '/': '/', '?': '?',
	'n': '\n', 't': '\t', 'r': '\r', 'b': '\b', 'f': '\f', 'v': '\v', 'a': '\a',
}

// unescape decodes a string literal's body. Escapes it does not know (such
// as \% and \_) are kept with their backslash, because LIKE patterns give
// them meaning. On a malformed escape it returns the offset of the backslash.
func unescape(body string) (string, int, bool) {
	if strings.IndexByte(body, '\\') < 0 {
		return body, 0, true
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			b.WriteByte(c)
			continue
		}
		n, ok := writeEscape(&b, body[i:])
		if !ok {
			return "", i, false
		}
		i += n - 1
	}
	return b.String(), 0, true
}

// writeEscape writes the escape at the start of s (s[0] == '\\') and returns
// how many bytes it used.
func writeEscape(b *strings.Builder, s string) (int, bool) {
	c := s[1]
	if r, ok := simpleEscapes[c]; ok {
		b.WriteByte(r)
		return 2, true
	}
	switch c {
	case 'u', 'U', 'x':
		return writeHexEscape(b, s)
	}
	if c >= '0' && c <= '7' {
		n, v := 1, 0
		for n < 4 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			v = v*8 + int(s[n]-'0')
			n++
		}
		if v > 255 {
			return 0, false
		}
		b.WriteByte(byte(v))
		return n, true
	}
	b.WriteByte('\\') // unknown escape: keep it for LIKE
	return 1, true
}

func writeHexEscape(b *strings.Builder, s string) (int, bool) {
	width := map[byte]int{'u': 4, 'U': 8, 'x': 2}[s[1]]
	if len(s) < 2+width {
		return 0, false
	}
	v, err := strconv.ParseUint(s[2:2+width], 16, 32)
	if err != nil {
		return 0, false
	}
	n := 2 + width
	if s[1] == 'x' {
		b.WriteByte(byte(v))
		return n, true
	}
	r := rune(v)
	if utf16.IsSurrogate(r) && len(s) >= n+6 && s[n] == '\\' && s[n+1] == 'u' {
		if lo, err := strconv.ParseUint(s[n+2:n+6], 16, 32); err == nil {
			if pair := utf16.DecodeRune(r, rune(lo)); pair != utf8.RuneError {
				r, n = pair, n+6
			}
		}
	}
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	b.WriteRune(r)
	return n, true
}
