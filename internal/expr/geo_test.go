package expr

import (
	"slices"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

func geoSchema() *schema.Collection {
	return &schema.Collection{
		Name:               "g",
		EnableDynamicField: true,
		Fields: []schema.Field{
			{ID: 100, Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
			{ID: 101, Name: "geo", DataType: schema.Geometry, Nullable: true},
			{ID: 102, Name: "name", DataType: schema.VarChar, MaxLength: 64},
			{ID: 103, Name: "vec", DataType: schema.FloatVector, Dim: 2},
			{ID: 104, Name: "$meta", DataType: schema.JSON, IsDynamic: true},
		},
	}
}

// geoBatch: the Berlin shops of Milvus's geometry guide, a line, a polygon,
// a null row and an invalid bow tie.
func geoBatch() *mapBatch {
	wkt := []string{
		"POINT (13.39971 52.51801)",   // 0 Shop A
		"POINT (13.403934 52.522877)", // 1 Shop B
		"POINT (13.405088 52.521124)", // 2 Shop C
		"POINT (13.408223 52.516876)", // 3 Shop D
		"POINT (13.400092 52.521507)", // 4 Shop E
		"POINT (13.408529 52.519274)", // 5 Shop F
		"LINESTRING (13.40 52.50, 13.41 52.53)",
		"POLYGON ((13.40 52.51, 13.41 52.51, 13.41 52.52, 13.40 52.52, 13.40 52.51))",
		"",
		"POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))",
	}
	valid := make([]bool, len(wkt))
	for i := range valid {
		valid[i] = i != 8
	}
	names := make([]string, len(wkt))
	meta := make([][]byte, len(wkt))
	ids := make([]int64, len(wkt))
	for i := range wkt {
		names[i], meta[i], ids[i] = "n", []byte(`{}`), int64(i)
	}
	return &mapBatch{n: len(wkt), cols: map[int64]*column.Column{
		100: {Type: schema.Int64, Ints: ids},
		101: {Type: schema.Geometry, Strings: wkt, Valid: valid},
		102: {Type: schema.VarChar, Strings: names},
		104: {Type: schema.JSON, Bytes: meta},
	}}
}

const berlinBox = "POLYGON((13.403683 52.520711, 13.455868 52.520711, 13.455868 52.495862, 13.403683 52.495862, 13.403683 52.520711))"

func TestGeoFilters(t *testing.T) {
	cases := []struct {
		src  string
		want []int
	}{
		{"st_within(geo, '" + berlinBox + "')", []int{3, 5}},
		{"ST_WITHIN(geo, '" + berlinBox + "')", []int{3, 5}},
		{"ST_INTERSECTS(geo, '" + berlinBox + "')", []int{3, 5, 6, 7}},
		{"st_dwithin(geo, 'POINT(13.403683 52.520711)', 1000.0)", []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{"st_dwithin(geo, 'POINT(13.403683 52.520711)', 300)", []int{1, 2, 4, 6, 7}},
		{"ST_CONTAINS(geo, 'POINT (13.405 52.515)')", []int{7}},
		{"ST_TOUCHES(geo, 'POINT (13.40 52.515)')", []int{7}},
		{"ST_CROSSES(geo, 'LINESTRING (13.39 52.515, 13.42 52.515)')", []int{6, 7}},
		{"ST_EQUALS(geo, 'POINT(13.39971 52.51801)')", []int{0}},
		{"ST_OVERLAPS(geo, 'POLYGON ((13.405 52.515, 13.42 52.515, 13.42 52.53, 13.405 52.53, 13.405 52.515))')", []int{7}},
		{"st_isvalid(geo)", []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{"not st_isvalid(geo)", []int{9}},
		// A null row is unknown: neither the predicate nor its negation.
		{"not ST_WITHIN(geo, '" + berlinBox + "')", []int{0, 1, 2, 4, 6, 7, 9}},
		{"geo is null", []int{8}},
		{"geo is not null and id < 3", []int{0, 1, 2}},
		{"ST_WITHIN(geo, {box}) or id == 0", []int{0, 3, 5}},
	}
	for _, c := range cases {
		e, err := Compile(c.src, geoSchema(), map[string]any{"box": berlinBox})
		if err != nil {
			t.Errorf("Compile(%q): %v", c.src, err)
			continue
		}
		got, err := e.Eval(geoBatch())
		if err != nil {
			t.Errorf("Eval(%q): %v", c.src, err)
			continue
		}
		if r := rows(got); !slices.Equal(r, c.want) {
			t.Errorf("%s = %v, want %v", c.src, r, c.want)
		}
	}
}

func TestGeoErrors(t *testing.T) {
	cases := []struct{ src, msg string }{
		{"St_Within(geo, 'POINT (1 1)')", "function St_Within is not supported"},
		{"ST_WITHIN(name, 'POINT (1 1)')", "spatial operation are only supported on geometry fields now"},
		{"ST_WITHIN(color, 'POINT (1 1)')", "spatial operation are only supported on geometry fields now"},
		{"ST_DWITHIN(name, 'POINT (1 1)', 5)", "ST_DWITHIN operation are only supported on geometry fields now"},
		{"ST_ISVALID(name)", "STIsValid operation are only supported on geometry fields now"},
		{"ST_WITHIN(nope, 'POINT (1 1)')", "spatial operation are only supported on geometry fields now"}, // a dynamic key
		{"ST_WITHIN(geo, 'POINT (1)')", "invalid WKT: POINT (1)"},
		{"ST_WITHIN(geo, 'invalid geometry')", "invalid WKT"},
		{"ST_WITHIN(geo, 5)", "must be a WKT string"},
		{"ST_WITHIN(geo)", "expects 2 arguments, got 1"},
		{"ST_WITHIN(geo, 'POINT (1 1)', 3)", "expects 2 arguments, got 3"},
		{"ST_DWITHIN(geo, 'POINT (1 1)')", "expects 3 arguments, got 2"},
		{"ST_ISVALID(geo, 'POINT (1 1)')", "expects 1 arguments, got 2"},
		{"ST_DWITHIN(geo, 'LINESTRING (0 0, 1 1)', 5)", "ST_DWITHIN requires a POINT geometry"},
		{"ST_DWITHIN(geo, 'POINT (1 1)', -1)", "distance parameter must be non-negative"},
		{"ST_DWITHIN(geo, 'POINT (1 1)', 'far')", "distance parameter must be a numeric value"},
		{"ST_DWITHIN(geo, 'POINT (1 1)', id)", "distance parameter must be a constant numeric value"},
		{"ST_WITHIN(geo['k'], 'POINT (1 1)')", "needs a geometry field name"},
		{"geo == 'POINT (1 1)'", ""},
	}
	for _, c := range cases {
		_, err := Compile(c.src, geoSchema(), nil)
		if err == nil {
			t.Errorf("Compile(%q) succeeded, want an error", c.src)
			continue
		}
		if !strings.Contains(err.Error(), c.msg) || !strings.HasPrefix(err.Error(), "cannot parse expression: ") {
			t.Errorf("Compile(%q) = %q, want it to mention %q", c.src, err, c.msg)
		}
	}
}

func TestGeoString(t *testing.T) {
	e, err := Compile("st_dwithin(geo, 'POINT(1 2)', 5) and ST_WITHIN(geo, 'POINT(1 2)')", geoSchema(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "(ST_DWITHIN(geo, \"POINT (1 2)\", 5) and ST_WITHIN(geo, \"POINT (1 2)\"))"
	if got := e.String(); got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
}
