package geo

import (
	"errors"
	"strings"
	"testing"
)

func TestWKTRoundTrip(t *testing.T) {
	cases := []struct{ in, want string }{
		{"POINT(13.399710 52.518010)", "POINT (13.39971 52.51801)"},
		{"point ( -1 +2e1 )", "POINT (-1 20)"},
		{"POINT EMPTY", "POINT EMPTY"},
		{"LINESTRING (13.40 52.52, 13.41 52.51)", "LINESTRING (13.4 52.52, 13.41 52.51)"},
		{"POLYGON ((30 10, 40 40, 20 40, 10 20, 30 10))", "POLYGON ((30 10, 40 40, 20 40, 10 20, 30 10))"},
		{"POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))"},
		{"MULTIPOINT ((10 40), (40 30))", "MULTIPOINT ((10 40), (40 30))"},
		{"MULTIPOINT (10 40, 40 30)", "MULTIPOINT ((10 40), (40 30))"},
		{"MULTILINESTRING ((10 10, 20 20, 10 40), (40 40, 30 30))", "MULTILINESTRING ((10 10, 20 20, 10 40), (40 40, 30 30))"},
		{"MULTIPOLYGON (((30 20, 45 40, 10 40, 30 20)), ((15 5, 40 10, 10 20, 5 10, 15 5)))", "MULTIPOLYGON (((30 20, 45 40, 10 40, 30 20)), ((15 5, 40 10, 10 20, 5 10, 15 5)))"},
		{"GEOMETRYCOLLECTION (POINT (40 10), LINESTRING (10 10, 20 20), POLYGON ((40 40, 20 45, 45 30, 40 40)))", "GEOMETRYCOLLECTION (POINT (40 10), LINESTRING (10 10, 20 20), POLYGON ((40 40, 20 45, 45 30, 40 40)))"},
		{"GEOMETRYCOLLECTION EMPTY", "GEOMETRYCOLLECTION EMPTY"},
		{"MultiPolygon EMPTY", "MULTIPOLYGON EMPTY"},
		{"POINT (0.1 1e20)", "POINT (0.1 100000000000000000000)"},
		{"POINT (-0 0.30000000000000004)", "POINT (0 0.3)"},
	}
	for _, c := range cases {
		g, err := ParseWKT(c.in)
		if err != nil {
			t.Errorf("ParseWKT(%q): %v", c.in, err)
			continue
		}
		if got := Format(&g); got != c.want {
			t.Errorf("Format(ParseWKT(%q)) = %q, want %q", c.in, got, c.want)
		}
		again, err := ParseWKT(c.want)
		if err != nil || Format(&again) != c.want {
			t.Errorf("re-reading %q: %v, %q", c.want, err, Format(&again))
		}
	}
}

func TestWKTErrors(t *testing.T) {
	cases := []struct{ in, msg string }{
		{"", "unknown geometry type"},
		{"invalid geometry", "unknown geometry type"},
		{"CIRCLE (1 2)", "unknown geometry type"},
		{"POINT", "expected '('"},
		{"POINT (1)", "expected a number"},
		{"POINT (1 2 3)", "3D"},
		{"POINT Z (1 2 3)", "Z coordinates"},
		{"POINT (1 2", "expected ')'"},
		{"POINT (1 2))", "unexpected text"},
		{"POINT (a b)", "expected a number"},
		{"POINT (1e999 2)", "invalid number"},
		{"POINT (1-2 3)", "invalid number"},
		{"LINESTRING (1 2)", "at least 2 points"},
		{"POLYGON ((0 0, 1 0, 1 1, 0 1))", "not closed"},
		{"POLYGON ((0 0, 1 1, 0 0))", "at least 4 points"},
		{"MULTIPOLYGON ((0 0, 1 0, 1 1, 0 0))", "expected '('"},
		{"GEOMETRYCOLLECTION (POINT (1 2),)", "unknown geometry type"},
		{strings.Repeat("GEOMETRYCOLLECTION (", 100) + "POINT (1 2)" + strings.Repeat(")", 100), "nested"},
	}
	for _, c := range cases {
		_, err := ParseWKT(c.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseWKT(%q) = %v, want a *ParseError", c.in, err)
			continue
		}
		if !strings.Contains(pe.Error(), c.msg) {
			t.Errorf("ParseWKT(%q) error %q, want it to mention %q", c.in, pe, c.msg)
		}
	}
}

func FuzzParseWKT(f *testing.F) {
	for _, s := range []string{
		"POINT (1 2)", "LINESTRING (0 0, 1 1)", "POLYGON ((0 0, 1 0, 1 1, 0 0), (0.2 0.1, 0.3 0.1, 0.3 0.2, 0.2 0.1))",
		"MULTIPOINT (1 2, 3 4)", "MULTILINESTRING ((0 0, 1 1))", "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))",
		"GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION EMPTY)", "POINT EMPTY", "POINT (1e308 -1e-308)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseWKT(s)
		if err != nil {
			return
		}
		out := Format(&g)
		g2, err := ParseWKT(out)
		if err != nil {
			t.Fatalf("Format output %q of %q does not parse: %v", out, s, err)
		}
		if out2 := Format(&g2); out2 != out {
			t.Fatalf("format not stable: %q then %q", out, out2)
		}
		_ = IsValid(&g)
		_ = Test(OpIntersects, &g, &g2)
	})
}
