package service

import (
	"slices"
	"testing"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// TestWriteRefusalWording holds insert refusals to Milvus's words, which
// clients and the Milvus test suite match.
func TestWriteRefusalWording(t *testing.T) {
	s := openService(t)
	sch := schema.Collection{Name: "w", Fields: []schema.Field{
		{Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{Name: "s", DataType: schema.VarChar, TypeParams: map[string]string{"max_length": "4"}},
		{Name: "tags", DataType: schema.Array, ElementType: schema.VarChar, TypeParams: map[string]string{"max_length": "3", "max_capacity": "2"}},
		{Name: "v", DataType: schema.FloatVector, TypeParams: map[string]string{"dim": "2"}},
	}}
	auto := schema.Collection{Name: "auto", Fields: []schema.Field{
		{Name: "id", DataType: schema.Int64, IsPrimaryKey: true, AutoID: true},
		{Name: "v", DataType: schema.FloatVector, TypeParams: map[string]string{"dim": "2"}},
	}}
	for _, c := range []schema.Collection{sch, auto} {
		if err := s.CreateCollection(t.Context(), CreateCollection{Schema: c}); err != nil {
			t.Fatal(err)
		}
	}
	strs := func(v ...string) *column.Column { return &column.Column{Type: schema.VarChar, Strings: v} }
	rows := func(mutate func(map[string]*column.Column)) map[string]*column.Column {
		cols := map[string]*column.Column{
			"id":   {Type: schema.Int64, Ints: []int64{1}},
			"s":    strs("ok"),
			"tags": {Type: schema.Array, Arrays: []*column.Column{strs("a", "b")}},
			"v":    {Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{1, 2}},
		}
		mutate(cols)
		return cols
	}
	for _, tc := range []struct {
		name string
		coll string
		cols map[string]*column.Column
		n    int
		want string
	}{
		{"missing field", "w", rows(func(c map[string]*column.Column) { delete(c, "s") }), 0,
			"fieldSchema(s) has no corresponding fieldData pass in: invalid parameter"},
		{"empty pk column", "w", rows(func(c map[string]*column.Column) { c["id"].Ints = nil }), 1,
			"field 'id' is illegal, array type mismatch: invalid parameter[expected=need long int array][actual=got nil]"},
		{"empty vector column", "w", rows(func(c map[string]*column.Column) { c["v"].FloatVecs = nil }), 0,
			"float vector field 'v' is illegal, array type mismatch: invalid parameter[expected=need float vector][actual=got nil]"},
		{"no rows", "w", map[string]*column.Column{"id": {Type: schema.Int64}, "v": {Type: schema.FloatVector, Dim: 2}}, 0,
			"num_rows should be greater than 0: invalid parameter[expected=invalid num_rows][actual=0]"},
		{"varchar too long", "w", rows(func(c map[string]*column.Column) { c["s"] = strs("abcde") }), 0,
			"length of varchar field s exceeds max length, row number: 0, length: 5, max length: 4"},
		{"array element too long", "w", rows(func(c map[string]*column.Column) { c["tags"].Arrays[0] = strs("a", "abcd") }), 0,
			`length of Array array field "tags" exceeds max length, row number: 0, array index: 1, length: 4, max length: 3`},
		{"array over capacity", "w", rows(func(c map[string]*column.Column) { c["tags"].Arrays[0] = strs("a", "b", "c") }), 0,
			"the length (3) of 0th array exceeds max capacity (2): invalid parameter[expected=valid length array][actual=array length exceeds max capacity]"},
		{"array element type", "w", rows(func(c map[string]*column.Column) {
			c["tags"].Arrays[0] = &column.Column{Type: schema.Int64, Ints: []int64{1}}
		}), 0, "insert data does not match: invalid parameter[expected=string array][actual=int64 array]"},
		{"auto id given", "auto", rows(func(c map[string]*column.Column) { delete(c, "s"); delete(c, "tags") }), 0,
			"more fieldData has pass in: invalid parameter[expected=2][actual=3]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Insert(t.Context(), Write{Collection: tc.coll, Columns: tc.cols, NumRows: tc.n})
			wantCode(t, err, apierr.CodeParameterInvalid, tc.want)
		})
	}
}

// TestAllowInsertAutoID: with the collection property set, an insert into
// an auto-ID collection keeps the keys it brings.
func TestAllowInsertAutoID(t *testing.T) {
	s := openService(t)
	sch := schema.Collection{Name: "ai", Fields: []schema.Field{
		{Name: "id", DataType: schema.Int64, IsPrimaryKey: true, AutoID: true},
		{Name: "v", DataType: schema.FloatVector, TypeParams: map[string]string{"dim": "2"}},
	}}
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: sch}); err != nil {
		t.Fatal(err)
	}
	rows := Write{Collection: "ai", Columns: map[string]*column.Column{
		"id": {Type: schema.Int64, Ints: []int64{7, 8}},
		"v":  {Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{1, 0, 0, 1}},
	}}
	if _, err := s.Insert(t.Context(), rows); err == nil {
		t.Fatal("insert with keys into an auto-ID collection accepted without allow_insert_auto_id")
	}
	if err := s.AlterCollection(t.Context(), AlterCollection{Collection: "ai", Set: map[string]string{PropAllowInsertAutoID: "true"}}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Insert(t.Context(), rows)
	if err != nil || !slices.Equal(res.IDs.Ints, []int64{7, 8}) {
		t.Fatalf("insert with allow_insert_auto_id: %v %v", res, err)
	}
}
