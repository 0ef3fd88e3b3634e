package expr

import (
	"errors"
	"testing"
)

// FuzzParse checks that no input makes the lexer, parser, checker or
// evaluator panic or hang, that errors are always *Error, and that a
// parsed tree prints as text that parses back to the same tree.
func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.src)
	}
	for _, c := range parseErrors {
		f.Add(c.src)
	}
	for _, c := range compileCases {
		f.Add(c.src)
	}
	for _, c := range compileErrors {
		f.Add(c.src)
	}
	for _, c := range evalCases {
		f.Add(c.src)
	}
	for _, src := range langSeeds() {
		f.Add(src)
	}
	tmpl, sch, batch := evalTemplates(), testSchema(), testBatch()
	f.Fuzz(func(t *testing.T, src string) {
		n, err := Parse(src)
		checkErr(t, src, err)
		if err == nil && n != nil {
			checkRoundTrip(t, n)
		}
		e, err := Compile(src, sch, tmpl)
		checkErr(t, src, err)
		if err != nil {
			return
		}
		if _, err := e.Eval(batch); err != nil {
			t.Fatalf("Eval(%q): %v", src, err)
		}
		_ = e.String()
	})
}

func checkErr(t *testing.T, src string, err error) {
	var pe *Error
	if err != nil && !errors.As(err, &pe) {
		t.Fatalf("%q: error %v is not *Error", src, err)
	}
}

func checkRoundTrip(t *testing.T, n Node) {
	text := n.String()
	n2, err := Parse(text)
	if errors.Is(err, ErrTooDeep) {
		return // printing adds parentheses, which count toward the limit
	}
	if err != nil {
		t.Fatalf("reparse of %q: %v", text, err)
	}
	if got := n2.String(); got != text {
		t.Fatalf("round trip: %q printed back as %q", text, got)
	}
}
