package expr

import (
	"errors"
	"strings"
	"testing"
)

// parseCases map source to the fully parenthesized tree; they also seed
// FuzzParse.
var parseCases = []struct{ src, want string }{
	// literals
	{"x == 42", "(x == 42)"},
	{"x == 0x1F", "(x == 31)"},
	{"x == 0X1f", "(x == 31)"},
	{"x == 0o17", "(x == 15)"},
	{"x == 017", "(x == 15)"},
	{"x == 0b101", "(x == 5)"},
	{"x == 0", "(x == 0)"},
	{"x == 1.5", "(x == 1.5)"},
	{"x == 1e3", "(x == 1000.0)"},
	{"x == .5", "(x == 0.5)"},
	{"x == 1.", "(x == 1.0)"},
	{"x == 2.5E-1", "(x == 0.25)"},
	{"x == -9223372036854775808", "(x == -9223372036854775808)"},
	{"x == 9223372036854775807", "(x == 9223372036854775807)"},
	{"x == true", "(x == true)"},
	{"x == True", "(x == true)"},
	{"x == FALSE", "(x == false)"},
	{`x == "a\"b"`, `(x == "a\"b")`},
	{`x == 'it\'s'`, `(x == "it's")`},
	{`x == "tab\tnl\n\\"`, `(x == "tab\tnl\n\\")`},
	{`x == "\u00e9\U0001F600"`, `(x == "é😀")`},
	{`x == "\ud83d\ude00"`, `(x == "😀")`},
	{`x == 'say "hi"'`, `(x == "say \"hi\"")`},
	{`x like "50\%"`, `(x like "50\\%")`},
	{`x in [1, 2, "a"]`, `(x in [1, 2, "a"])`},
	{`x in []`, `(x in [])`},
	{`x in [1, 2,]`, `(x in [1, 2])`},
	{`x in {list}`, `(x in {list})`},
	// precedence
	{"a + b * c", "(a + (b * c))"},
	{"a - b - c", "((a - b) - c)"},
	{"a * b % c", "((a * b) % c)"},
	{"2 ** 3 ** 2", "(2 ** (3 ** 2))"},
	{"-2 ** 2", "(-(2 ** 2))"},
	{"2 ** -1", "(2 ** -1)"},
	{"- x", "(-x)"},
	{"-x * 2", "((-x) * 2)"},
	{"a - -1", "(a - -1)"},
	{"+x", "(+x)"},
	{"a > 1 and b < 2 or c == 3", "(((a > 1) and (b < 2)) or (c == 3))"},
	{"a > 1 or b < 2 and c == 3", "((a > 1) or ((b < 2) and (c == 3)))"},
	{"a > 1 AND b > 2 OR c > 3", "(((a > 1) and (b > 2)) or (c > 3))"},
	{"a > 1 && b > 2 || c > 3", "(((a > 1) and (b > 2)) or (c > 3))"},
	{"a or b or c", "(a or b or c)"},
	{"not a", "(not a)"},
	{"NOT a", "(not a)"},
	{"!a", "(not a)"},
	{"not (a > 1)", "(not (a > 1))"},
	{"not a > 1", "((not a) > 1)"},
	{"a == b != c", "((a == b) != c)"},
	{"a < b == c > d", "((a < b) == (c > d))"},
	{"a + 1 in [2]", "((a + 1) in [2])"},
	{"a in [1] == true", "((a in [1]) == true)"},
	{"x not in [1, 2]", "(x not in [1, 2])"},
	{"x NOT IN [1]", "(x not in [1])"},
	{"x LIKE 'a%'", `(x like "a%")`},
	{"((a))", "a"},
	// ranges
	{"1 < x <= 5", "(1 < x <= 5)"},
	{"1 <= x < 5", "(1 <= x < 5)"},
	{"5 > x > 1", "(5 > x > 1)"},
	{"5 >= x >= 1", "(5 >= x >= 1)"},
	{"1 < x < 5 and y > 2", "((1 < x < 5) and (y > 2))"},
	// references
	{`meta["a"]["b"] == 1`, `(meta["a"]["b"] == 1)`},
	{`meta['a'][0] == 1`, `(meta["a"][0] == 1)`},
	{`arr[0] > 1`, `(arr[0] > 1)`},
	{`$meta["k"] == 1`, `($meta["k"] == 1)`},
	{`x is null`, `(x is null)`},
	{`x IS NOT NULL`, `(x is not null)`},
	{`meta["a"] is not null`, `(meta["a"] is not null)`},
	{`not x is null`, `(not (x is null))`},
	{`exists meta["k"]`, `(exists meta["k"])`},
	{`EXISTS meta["k"] and x > 1`, `((exists meta["k"]) and (x > 1))`},
	// functions
	{`json_contains(meta["tags"], "x")`, `json_contains(meta["tags"], "x")`},
	{`JSON_CONTAINS_ALL(m, [1, 2])`, `json_contains_all(m, [1, 2])`},
	{`array_length(arr) == 3`, `(array_length(arr) == 3)`},
	{`phrase_match(t, "a b", 2)`, `phrase_match(t, "a b", 2)`},
	{`f()`, `f()`},
	// templates and whitespace
	{"x > {lo} and x < {hi}", "((x > {lo}) and (x < {hi}))"},
	{"\n\tx  ==\r\n1 ", "(x == 1)"},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		n, err := Parse(tc.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.src, err)
			continue
		}
		if got := n.String(); got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.src, got, tc.want)
		}
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "   ", "\n\t"} {
		if n, err := Parse(src); n != nil || err != nil {
			t.Errorf("Parse(%q) = %v, %v", src, n, err)
		}
	}
}

// parseErrors hold malformed filters, the byte offset blamed and a
// substring of the message.
var parseErrors = []struct {
	src  string
	pos  int
	want string
}{
	{"age >>> 5", 6, `1:7: unexpected token ">"`},
	{"age >", 5, "unexpected end of expression, expected a field"},
	{"(a > 1", 6, `expected ")"`},
	{"a > 1)", 5, `unexpected token ")", expected an operator or end of expression`},
	{"a === b", 4, `invalid character "=", expected "=="`},
	{"a = b", 2, `invalid character "="`},
	{"a @ b", 2, `invalid character "@"`},
	{"a &", 3, "unexpected end of expression"},
	{`a == "abc`, 5, "unterminated string literal"},
	{`a == 'abc"`, 5, "unterminated string literal"},
	{`a == "\uZZZZ"`, 6, "invalid escape sequence"},
	{"a == 9223372036854775808", 5, "overflows int64"},
	{"a == -9223372036854775809", 6, "overflows int64"},
	{"a == 0xFFFFFFFFFFFFFFFFFF", 5, "overflows int64"},
	{"a == 1e999", 5, "out of range"},
	{"a == 09", 5, "invalid number literal"},
	{"a == 12abc", 5, "invalid number literal"},
	{"a == 0x", 5, "invalid number literal"},
	{"1 < x > 3", 6, `expected "<" or "<=" to continue the range`},
	{"5 > x < 3", 6, `expected ">" or ">=" to continue the range`},
	{"1 < x < 3 < 4", 10, "unexpected token"},
	{"a is 1", 5, `expected "null"`},
	{"a[b] == 1", 2, "expected a quoted key or an integer index"},
	{"a[-1] == 1", 2, "invalid expression: a[-1] == 1"},
	{`a["k" == 1`, 6, `expected "]"`},
	{"x in [1, 2", 10, `expected "," or "]"`},
	{"f(1, 2", 6, `expected "," or ")"`},
	{"{} == 1", 1, "expected a template variable name"},
	{"{x == 1", 3, `expected "}"`},
	{"and", 0, "unexpected token"},
	{"a not b", 2, "unexpected token"},
	{"line1 ==\n  >", 11, "2:3: unexpected token"},
}

func TestParseErrors(t *testing.T) {
	for _, tc := range parseErrors {
		_, err := Parse(tc.src)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) error = %v, want *Error", tc.src, err)
			continue
		}
		if !errors.Is(err, ErrSyntax) || pe.Pos != tc.pos || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v (pos %d), want pos %d and %q", tc.src, err, pe.Pos, tc.pos, tc.want)
		}
		if !strings.HasPrefix(err.Error(), "cannot parse expression: "+tc.src+", error: ") {
			t.Errorf("Parse(%q) = %q, want Milvus prefix", tc.src, err)
		}
	}
}

func TestParseDepth(t *testing.T) {
	ok := []string{
		strings.Repeat("(", 900) + "a" + strings.Repeat(")", 900),
		strings.Repeat("not ", 900) + "a",
		"a == 1" + strings.Repeat(" or a == 1", 50000), // flat chains are not deep
	}
	for _, src := range ok {
		if _, err := Parse(src); err != nil {
			t.Errorf("Parse(%.20q...): %v", src, err)
		}
	}
	deep := []string{
		strings.Repeat("(", 100000) + "a" + strings.Repeat(")", 100000),
		strings.Repeat("not ", 1001) + "a",
		strings.Repeat("-", 5000) + "1",
		"a" + strings.Repeat(" + 1", 1001),
		strings.Repeat("[", 2000) + strings.Repeat("]", 2000),
		strings.Repeat("f(", 2000) + strings.Repeat(")", 2000),
		"2" + strings.Repeat(" ** 2", 1001),
	}
	for _, src := range deep {
		_, err := Parse(src)
		if !errors.Is(err, ErrTooDeep) {
			t.Errorf("Parse(%.20q...) = %v, want ErrTooDeep", src, err)
		}
	}
}

func TestLineCol(t *testing.T) {
	for _, tc := range []struct{ pos, line, col int }{{0, 1, 1}, {3, 1, 4}, {4, 2, 1}, {6, 2, 3}} {
		if l, c := lineCol("abc\nde", tc.pos); l != tc.line || c != tc.col {
			t.Errorf("lineCol(%d) = %d:%d, want %d:%d", tc.pos, l, c, tc.line, tc.col)
		}
	}
}
