package expr

import (
	"strings"
	"testing"
)

// literalCases: Milvus 2.6's literal forms and the values they take there.
var literalCases = []struct{ src, want string }{
	{"price < 0x1.8p1", "(price < 3.0)"},
	{"price < 0X.8P+1", "(price < 1.0)"},
	{"price > 0xAp-2", "(price > 2.5)"},
	{"age == 0x1F", "(age == 31)"},
	{`name == u8"a"`, `(name == "8\"a")`},
	{`name == u"a"`, `(name == "\"a")`},
	{`name == U'a'`, `(name == "'a")`},
	{`name == L"it\"s"`, `(name == "\"it\"s")`},
	{`name in [u"a", "b"]`, `(name in ["\"a", "b"])`},
	{`u == "a"`, `($meta["u"] == "a")`}, // a name, not a prefix: no quote follows
}

// literalErrors: forms Milvus 2.6 does not parse, and the bitwise
// operators it parses and refuses, with its messages.
var literalErrors = []struct{ src, want string }{
	{"price < 0x1.8", `invalid number literal "0x1.8"`},
	{"price < 0x1p", `invalid number literal "0x1p"`},
	{`name == r"a\b"`, `1:10: unexpected token`}, // raw strings came after 2.6
	{`name == u8 "a"`, `unexpected token "\"a\""`},
	{"age & 1", "BitAnd is not supported: age&1"},
	{"age | 1 > 0", "BitOr is not supported: age|1>0"},
	{"age ^ 1", "BitXor is not supported: age^1"},
	{"age << 2 > 1", "shift is not supported: age<<2"},
	{"age >> 2 in [1]", "shift is not supported: age>>2"},
	{"age > 1 and age & 1 == 1", "BitAnd is not supported: age&1==1"},
	{"(age & 1) & (age | 2)", "BitAnd is not supported: (age&1)&(age|2)"},
	{"name & 'a b'", "BitAnd is not supported: name&'a b'"},
	{"~age > 1", "unexpected op: ~"},
	{"~1 == -2", "unexpected op: ~"},
	{"~tags[0] > 1", "unexpected op: ~"},
	{"~(age + nope['x'][", "unexpected"},
	{"~bad_json['a' > 1", `expected "]"`},
}

func TestLiterals(t *testing.T) {
	for _, tc := range literalCases {
		e, err := Compile(tc.src, testSchema(), nil)
		if err != nil {
			t.Errorf("Compile(%q): %v", tc.src, err)
			continue
		}
		if got := e.String(); got != tc.want {
			t.Errorf("Compile(%q) = %s, want %s", tc.src, got, tc.want)
		}
	}
	for _, tc := range literalErrors {
		_, err := Compile(tc.src, testSchema(), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Compile(%q) error = %v, want %q", tc.src, err, tc.want)
		}
	}
}

// TestBitwisePrecedence: the operators sit where C (and Milvus's grammar)
// put them.
func TestBitwisePrecedence(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"a & b == c", "(a & (b == c))"},
		{"a | b & c ^ d", "(a | ((b & c) ^ d))"},
		{"a and b | c", "(a and (b | c))"},
		{"a << 1 + 2", "(a << (1 + 2))"},
		{"a << 1 in [2]", "((a << 1) in [2])"},
		{"a < b >> 1", "(a < (b >> 1))"},
		{"~a + 1", "((~a) + 1)"},
	} {
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
