package expr

import "strings"

// Literal forms of Milvus 2.6's grammar beyond plain numbers and strings.
//
// Hexadecimal floating constants (0x1.8p3, 0xAp-2) are C's: a binary
// exponent is required. Milvus reads them with Go's strconv, as Kite does.
//
// Strings may carry a C encoding prefix, u8"..", u"..", U"..", L"..".
// Milvus lexes the prefix as part of the literal and then strips only the
// first character and the last quote, so u8"ab" means the text 8"ab and
// L'x' the text 'x. Kite gives these literals the same values, so a filter
// means what it means on Milvus.

// encodingPrefix returns the length of the encoding prefix s starts with
// when a quote follows it directly, else 0.
func encodingPrefix(s string) int {
	for _, p := range []string{"u8", "u", "U", "L"} {
		if len(s) > len(p) && strings.HasPrefix(s, p) && (s[len(p)] == '"' || s[len(p)] == '\'') {
			return len(p)
		}
	}
	return 0
}

// prefixedStr lexes an encoding-prefixed string whose prefix is n bytes.
func (lx *lexer) prefixedStr(start, n int) (token, error) {
	t, err := lx.str(start + n)
	if err != nil {
		return t, err
	}
	t.val = lx.src[start+1:start+n+1] + t.val
	t.pos, t.text = start, lx.src[start:lx.pos]
	return t, nil
}

// scanHex finds the end of a hexadecimal integer or floating constant
// (binary exponent 'p') whose digits start at s[i].
func scanHex(s string, i int) (tokKind, int) {
	return scanNumber(s, i, func(c byte) bool { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }, 'p')
}
