package geo

import (
	"strings"
	"testing"
)

func mustParse(t *testing.T, s string) Geometry {
	t.Helper()
	g, err := ParseWKT(s)
	if err != nil {
		t.Fatalf("ParseWKT(%q): %v", s, err)
	}
	return g
}

const square = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"

// Hand-checked DE-9IM matrices (the values PostGIS/GEOS give).
func TestRelateMatrix(t *testing.T) {
	cases := []struct{ a, b, want string }{
		{"POINT (5 5)", square, "0FFFFF212"},
		{"POINT (0 5)", square, "F0FFFF212"},
		{"POINT (20 5)", square, "FF0FFF212"},
		{"POINT (1 1)", "POINT (1 1)", "0FFFFFFF2"},
		{"POINT (1 1)", "POINT (2 1)", "FF0FFF0F2"},
		{"LINESTRING (-5 5, 15 5)", square, "101FF0212"},
		{"LINESTRING (2 2, 8 8)", square, "1FF0FF212"},
		{"LINESTRING (0 0, 10 0)", square, "F1FF0F212"},
		{"LINESTRING (0 0, 10 10)", "LINESTRING (0 10, 10 0)", "0F1FF0102"},
		{"LINESTRING (0 0, 10 0)", "LINESTRING (5 0, 15 0)", "1010F0102"},
		{"LINESTRING (0 0, 10 0)", "LINESTRING (10 0, 20 0)", "FF1F00102"},
		{square, "POLYGON ((5 5, 15 5, 15 15, 5 15, 5 5))", "212101212"},
		{square, "POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))", "FF2F11212"},
		{square, "POLYGON ((10 10, 20 10, 20 20, 10 20, 10 10))", "FF2F01212"},
		{square, "POLYGON ((2 2, 8 2, 8 8, 2 8, 2 2))", "212FF1FF2"},
		{square, "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))", "2FFF1FFF2"},
		{square, "POLYGON ((0 0, 5 0, 5 5, 0 5, 0 0))", "212F11FF2"},
		{"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))", "POINT (5 5)", "FF2FF10F2"},
		{"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))", "POLYGON ((3 3, 7 3, 7 7, 3 7, 3 3))", "FF2FF1212"},
		{"MULTIPOINT ((5 5), (20 20))", square, "0F0FFF212"},
		{"LINESTRING (0 0, 10 0, 10 10, 0 10, 0 0)", "POINT (0 0)", "0F1FFFFF2"},
	}
	for _, c := range cases {
		a, b := mustParse(t, c.a), mustParse(t, c.b)
		if got := Relate(&a, &b).String(); got != c.want {
			t.Errorf("Relate(%s, %s) = %s, want %s", c.a, c.b, got, c.want)
		}
	}
}

func TestPredicates(t *testing.T) {
	type row struct {
		a, b string
		true []Op // every other op must be false
	}
	I, C, W, T, X, O, E := OpIntersects, OpContains, OpWithin, OpTouches, OpCrosses, OpOverlaps, OpEquals
	cases := []row{
		{"POINT (5 5)", square, []Op{I, W}},
		{square, "POINT (5 5)", []Op{I, C}},
		{"POINT (0 5)", square, []Op{I, T}},
		{square, "POINT (10 10)", []Op{I, T}},
		{"POINT (20 5)", square, nil},
		{"POINT (1 1)", "POINT (1 1)", []Op{I, C, W, E}},
		{"POINT (1 1)", "MULTIPOINT ((1 1), (2 2))", []Op{I, W}},
		{"MULTIPOINT ((1 1), (2 2))", "MULTIPOINT ((2 2), (3 3))", []Op{I, O}},
		{"MULTIPOINT ((5 5), (20 20))", square, []Op{I, X}},
		{"LINESTRING (-5 5, 15 5)", square, []Op{I, X}},
		{square, "LINESTRING (-5 5, 15 5)", []Op{I, X}},
		{"LINESTRING (2 2, 8 8)", square, []Op{I, W}},
		{"LINESTRING (0 0, 10 0)", square, []Op{I, T}},
		{"LINESTRING (0 5, 5 5)", square, []Op{I, W}},
		{"LINESTRING (0 0, 10 10)", "LINESTRING (0 10, 10 0)", []Op{I, X}},
		{"LINESTRING (0 0, 10 0)", "LINESTRING (5 0, 15 0)", []Op{I, O}},
		{"LINESTRING (0 0, 10 0)", "LINESTRING (10 0, 20 0)", []Op{I, T}},
		{"LINESTRING (0 0, 10 0)", "LINESTRING (2 0, 8 0)", []Op{I, C}},
		{"LINESTRING (0 0, 10 0)", "LINESTRING (10 0, 0 0)", []Op{I, C, W, E}},
		{"LINESTRING (0 0, 5 0, 10 0)", "LINESTRING (0 0, 10 0)", []Op{I, C, W, E}},
		{"LINESTRING (5 -5, 5 5)", "LINESTRING (0 0, 10 0)", []Op{I, X}},
		{"LINESTRING (5 0, 5 5)", "LINESTRING (0 0, 10 0)", []Op{I, T}},
		{square, "POLYGON ((5 5, 15 5, 15 15, 5 15, 5 5))", []Op{I, O}},
		{square, "POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))", []Op{I, T}},
		{square, "POLYGON ((2 2, 8 2, 8 8, 2 8, 2 2))", []Op{I, C}},
		{"POLYGON ((2 2, 8 2, 8 8, 2 8, 2 2))", square, []Op{I, W}},
		{square, "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))", []Op{I, C, W, E}},
		{square, "POLYGON ((0 0, 5 0, 5 5, 0 5, 0 0))", []Op{I, C}},
		{square, "POLYGON ((20 20, 30 20, 30 30, 20 20))", nil},
		{"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))", "POINT (5 5)", nil},
		{"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))", "POINT (2 5)", []Op{I, T}},
		{"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))", "POLYGON ((3 3, 7 3, 7 7, 3 7, 3 3))", nil},
		{"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))", "POLYGON ((1 1, 9 1, 9 9, 1 9, 1 1))", []Op{I, O}},
		{"MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))", "POINT (5.5 5.5)", []Op{I, C}},
		{"GEOMETRYCOLLECTION (POINT (40 10), LINESTRING (10 10, 20 20))", "POINT (15 15)", []Op{I, C}},
		{"POINT (13.408223 52.516876)", "POLYGON ((13.403683 52.520711, 13.455868 52.520711, 13.455868 52.495862, 13.403683 52.495862, 13.403683 52.520711))", []Op{I, W}},
		{"POINT EMPTY", square, nil},
		{"POINT EMPTY", "POINT EMPTY", []Op{E}},
		{"POINT (0.75 0.25)", "POLYGON ((0 0, 1.5 0.5, 0 1, 0 0))", []Op{I, T}},
		{"POINT (0.75 0.2500000000000001)", "POLYGON ((0 0, 1.5 0.5, 0 1, 0 0))", []Op{I, W}},
		{"POINT (0.75 0.2499999999999999)", "POLYGON ((0 0, 1.5 0.5, 0 1, 0 0))", nil},
	}
	all := []Op{OpEquals, OpContains, OpCrosses, OpIntersects, OpOverlaps, OpTouches, OpWithin}
	for _, c := range cases {
		a, b := mustParse(t, c.a), mustParse(t, c.b)
		q := Prepare(b)
		for _, op := range all {
			want := false
			for _, o := range c.true {
				want = want || o == op
			}
			if got := q.Test(op, &a); got != want {
				t.Errorf("%s(%s, %s) = %v, want %v (matrix %s)", op, c.a, c.b, got, want, Relate(&a, &b))
			}
		}
	}
}

func TestDWithin(t *testing.T) {
	center := Prepare(mustParse(t, "POINT (13.403683 52.520711)"))
	cases := []struct {
		row    string
		meters float64
		want   bool
	}{
		{"POINT (13.408223 52.516876)", 1000, true}, // about 530 m
		{"POINT (13.408223 52.516876)", 500, false},
		{"POINT (13.403683 52.520711)", 0, true},
		{"POINT (13.5 52.520711)", 5000, false}, // about 6.5 km
		{"POINT (13.5 52.520711)", 7000, true},
		// 0.01 degrees east of the point: 0.01 * 111320 * sqrt((1+cos²(52.52°))/2) ≈ 921 m
		{"LINESTRING (13.413683 52.5, 13.413683 52.6)", 930, true},
		{"LINESTRING (13.413683 52.5, 13.413683 52.6)", 910, false},
		{"POLYGON ((13.4 52.5, 13.41 52.5, 13.41 52.53, 13.4 52.53, 13.4 52.5))", 0, true},
		{"POINT EMPTY", 1e9, false},
	}
	for _, c := range cases {
		g := mustParse(t, c.row)
		if got := center.DWithin(&g, c.meters); got != c.want {
			t.Errorf("DWithin(%s, %g) = %v, want %v", c.row, c.meters, got, c.want)
		}
	}
	if d := Haversine(XY{0, 0}, XY{1, 0}); d < 111194 || d > 111195 {
		t.Errorf("Haversine one degree on the equator = %g m", d)
	}
	line := Prepare(mustParse(t, "LINESTRING (0 0, 1 1)"))
	if line.DWithin(&Geometry{T: Point, Pts: []XY{{0, 0}}}, 1e9) {
		t.Error("DWithin with a non-point query must be false")
	}
}

func TestIsValid(t *testing.T) {
	cases := []struct {
		wkt  string
		want bool
	}{
		{"POINT (1 2)", true},
		{"LINESTRING (0 0, 1 1)", true},
		{"LINESTRING (1 1, 1 1)", false},
		{square, true},
		{"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))", true},
		{"POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", false},                               // bow tie
		{"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 30 20, 30 30, 20 20))", false}, // hole outside
		{"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (5 5, 15 5, 15 6, 5 6, 5 5))", false},  // hole crosses shell
		{"POLYGON ((0 0, 1 1, 0 0, 0 0))", false},
		{"MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))", true},
		{"MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((1 1, 3 1, 3 3, 1 3, 1 1)))", false},
		{"GEOMETRYCOLLECTION (POINT (1 1), POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0)))", false},
	}
	for _, c := range cases {
		g := mustParse(t, c.wkt)
		if got := IsValid(&g); got != c.want {
			t.Errorf("IsValid(%s) = %v, want %v", c.wkt, got, c.want)
		}
	}
}

func TestOpNames(t *testing.T) {
	for op := OpEquals; op <= OpWithin; op++ {
		if !strings.HasPrefix(op.String(), "ST_") {
			t.Errorf("op %d named %q", op, op)
		}
	}
}
