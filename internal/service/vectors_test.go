package service

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/schema"
)

var (
	nan  = float32(math.NaN())
	pinf = float32(math.Inf(1))
	ninf = float32(math.Inf(-1))
)

// vecKinds has a field of every vector encoding whose values are checked.
func vecKinds() schema.Collection {
	dim := map[string]string{"dim": "2"}
	return schema.Collection{Name: "vk", Fields: []schema.Field{
		{Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{Name: "x", DataType: schema.Double, Nullable: true},
		{Name: "f32", DataType: schema.FloatVector, TypeParams: dim},
		{Name: "f16", DataType: schema.Float16Vector, TypeParams: dim},
		{Name: "bf16", DataType: schema.BFloat16Vector, TypeParams: dim},
		{Name: "sp", DataType: schema.SparseFloatVector},
	}}
}

func halfCol(t schema.DataType, conv func(float32) uint16, vals ...float32) *column.Column {
	c := &column.Column{Type: t, Dim: 2}
	for _, v := range vals {
		c.VecBytes = binary.LittleEndian.AppendUint16(c.VecBytes, conv(v))
	}
	return c
}

func sparseRow(pairs ...float32) []byte {
	var row []byte
	for i := 0; i+1 < len(pairs); i += 2 {
		row = distance.AppendSparse(row, uint32(pairs[i]), pairs[i+1])
	}
	return row
}

func vecKindRows(mutate func(map[string]*column.Column)) map[string]*column.Column {
	cols := map[string]*column.Column{
		"id":   {Type: schema.Int64, Ints: []int64{1}},
		"x":    {Type: schema.Double, Floats: []float64{1.5}},
		"f32":  {Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{1, 2}},
		"f16":  halfCol(schema.Float16Vector, distance.F32ToF16, 1, 2),
		"bf16": halfCol(schema.BFloat16Vector, distance.F32ToBF16, 1, 2),
		"sp":   {Type: schema.SparseFloatVector, Bytes: [][]byte{sparseRow(1, 0.5, 7, 2)}},
	}
	if mutate != nil {
		mutate(cols)
	}
	return cols
}

func TestWritesRefuseBadVectorValues(t *testing.T) {
	s := openService(t)
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: vecKinds()}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		mutate func(map[string]*column.Column)
		want   string
	}{
		{"f32 NaN", func(c map[string]*column.Column) { c["f32"].FloatVecs[1] = nan }, "value 'NaN' is not a number or infinity"},
		{"f32 +Inf", func(c map[string]*column.Column) { c["f32"].FloatVecs[0] = pinf }, "value '+Inf' is not a number or infinity"},
		{"f32 -Inf", func(c map[string]*column.Column) { c["f32"].FloatVecs[0] = ninf }, "value '-Inf' is not a number or infinity"},
		{"f16 NaN", func(c map[string]*column.Column) { c["f16"] = halfCol(schema.Float16Vector, distance.F32ToF16, nan, 1) }, "float16 vector contain nan or infinity value."},
		{"f16 Inf", func(c map[string]*column.Column) {
			c["f16"] = halfCol(schema.Float16Vector, distance.F32ToF16, 1, ninf)
		}, "float16 vector contain nan or infinity value."},
		{"bf16 NaN", func(c map[string]*column.Column) {
			c["bf16"] = halfCol(schema.BFloat16Vector, distance.F32ToBF16, 1, nan)
		}, "bfloat16 vector contain nan or infinity value."},
		{"bf16 Inf", func(c map[string]*column.Column) {
			c["bf16"] = halfCol(schema.BFloat16Vector, distance.F32ToBF16, pinf, 1)
		}, "bfloat16 vector contain nan or infinity value."},
		{"sparse unsorted", func(c map[string]*column.Column) { c["sp"].Bytes[0] = sparseRow(7, 1, 1, 1) }, "unsorted or same indices in sparse float vector"},
		{"sparse duplicate", func(c map[string]*column.Column) { c["sp"].Bytes[0] = sparseRow(2, 0.4, 10, 0.5, 10, 0.6) }, "unsorted or same indices in sparse float vector"},
		{"sparse max index", func(c map[string]*column.Column) { c["sp"].Bytes[0] = distance.AppendSparse(nil, math.MaxUint32, 0.4) }, "invalid index in sparse float vector: must be less than 2^32-1"},
		{"sparse negative", func(c map[string]*column.Column) { c["sp"].Bytes[0] = sparseRow(1, -0.5) }, "negative value in sparse float vector"},
		{"sparse NaN", func(c map[string]*column.Column) { c["sp"].Bytes[0] = sparseRow(1, nan) }, "value 'NaN' is not a number or infinity"},
		{"sparse Inf", func(c map[string]*column.Column) { c["sp"].Bytes[0] = sparseRow(1, pinf) }, "value '+Inf' is not a number or infinity"},
		{"sparse partial pair", func(c map[string]*column.Column) { c["sp"].Bytes[0] = []byte{1, 2, 3} }, "invalid data length in sparse float vector: 3"},
		{"double NaN", func(c map[string]*column.Column) { c["x"].Floats[0] = math.NaN() }, "value 'NaN' is not a number or infinity"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Insert(t.Context(), Write{Collection: "vk", Columns: vecKindRows(tc.mutate)})
			wantCode(t, err, apierr.CodeParameterInvalid, tc.want)
			_, err = s.Upsert(t.Context(), Write{Collection: "vk", Columns: vecKindRows(tc.mutate)})
			wantCode(t, err, apierr.CodeParameterInvalid, tc.want)
		})
	}
	ok := func(c map[string]*column.Column) { c["sp"].Bytes[0] = nil } // an empty sparse row is a row
	if _, err := s.Insert(t.Context(), Write{Collection: "vk", Columns: vecKindRows(ok)}); err != nil {
		t.Fatal(err)
	}
}

func TestSearchRefusesBadQueries(t *testing.T) {
	s := openService(t)
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: vecKinds()}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"f32", "f16", "bf16", "sp"} {
		if err := s.CreateIndex(t.Context(), CreateIndex{Collection: "vk", Field: f, Params: map[string]string{"index_type": "AUTOINDEX"}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.LoadCollection(t.Context(), LoadCollection{Collection: "vk"}); err != nil {
		t.Fatal(err)
	}
	f32 := func(v ...float32) *column.Column {
		return &column.Column{Type: schema.FloatVector, Dim: 2, FloatVecs: v}
	}
	sp := func(row []byte) *column.Column {
		return &column.Column{Type: schema.SparseFloatVector, Bytes: [][]byte{row}}
	}
	for _, tc := range []struct {
		name   string
		field  string
		q      *column.Column
		params map[string]any
		want   string
	}{
		{"f32 NaN", "f32", f32(nan, 1), nil, "value 'NaN' is not a number or infinity"},
		{"f32 Inf", "f32", f32(1, pinf), nil, "value '+Inf' is not a number or infinity"},
		{"f16 bytes NaN", "f16", halfCol(schema.Float16Vector, distance.F32ToF16, nan, 1), nil, "float16 vector contain nan or infinity value."},
		{"f16 from fp32 NaN", "f16", f32(1, nan), nil, "float16 vector contain nan or infinity value."},
		{"f16 from fp32 Inf", "f16", f32(ninf, 1), nil, "value at dimension 0 (-Inf) exceeds float16 range [-65504, 65504]"},
		{"f16 from fp32 too big", "f16", f32(1, 70000), nil, "value at dimension 1 (70000) exceeds float16 range [-65504, 65504]"},
		{"bf16 bytes Inf", "bf16", halfCol(schema.BFloat16Vector, distance.F32ToBF16, 1, pinf), nil, "bfloat16 vector contain nan or infinity value."},
		{"bf16 from fp32 NaN", "bf16", f32(1, nan), nil, "value at dimension 1 is NaN, cannot convert to bfloat16"},
		{"bf16 from fp32 Inf", "bf16", f32(pinf, 1), nil, "value at dimension 0 is infinity, cannot convert to bfloat16"},
		{"sparse duplicate", "sp", sp(sparseRow(3, 1, 3, 1)), nil, "unsorted or same indices in sparse float vector"},
		{"sparse NaN", "sp", sp(sparseRow(3, nan)), nil, "value 'NaN' is not a number or infinity"},
		{"radius NaN", "f32", f32(1, 1), map[string]any{"radius": "NaN"}, "invalid radius"},
		{"radius Inf", "f32", f32(1, 1), map[string]any{"radius": math.Inf(1)}, "invalid radius"},
		{"range_filter -Inf", "f32", f32(1, 1), map[string]any{"radius": 1.0, "range_filter": "-Inf"}, "invalid range_filter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := Search{Collection: "vk", AnnsField: tc.field, Queries: tc.q, Limit: 3, RoundDecimal: -1, Params: tc.params}
			_, err := s.Search(t.Context(), req)
			wantCode(t, err, apierr.CodeParameterInvalid, tc.want)
			hy := HybridSearch{Collection: "vk", Subs: []Search{req}, Limit: 3, RoundDecimal: -1}
			_, err = s.HybridSearch(t.Context(), hy)
			wantCode(t, err, apierr.CodeParameterInvalid, tc.want)
		})
	}
}

// An empty sparse query vector matches nothing, as in Milvus; sparse rows
// that share no index with the query are not hits either.
func TestSearchEmptySparseQuery(t *testing.T) {
	s := openService(t)
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: vecKinds()}); err != nil {
		t.Fatal(err)
	}
	rows := vecKindRows(func(c map[string]*column.Column) {
		c["id"].Ints = []int64{1, 2, 3}
		c["x"].Floats = []float64{1, 2, 3}
		c["f32"].FloatVecs = []float32{1, 2, 1, 2, 1, 2}
		c["f16"] = halfCol(schema.Float16Vector, distance.F32ToF16, 1, 2, 1, 2, 1, 2)
		c["bf16"] = halfCol(schema.BFloat16Vector, distance.F32ToBF16, 1, 2, 1, 2, 1, 2)
		c["sp"].Bytes = [][]byte{sparseRow(1, 0.5), nil, sparseRow(9, 1)}
	})
	if _, err := s.Insert(t.Context(), Write{Collection: "vk", Columns: rows}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"f32", "f16", "bf16", "sp"} {
		if err := s.CreateIndex(t.Context(), CreateIndex{Collection: "vk", Field: f, Params: map[string]string{"index_type": "AUTOINDEX"}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.LoadCollection(t.Context(), LoadCollection{Collection: "vk"}); err != nil {
		t.Fatal(err)
	}
	for _, sealed := range []bool{false, true} {
		if sealed {
			if _, err := s.Flush(t.Context(), Flush{Collections: []string{"vk"}}); err != nil {
				t.Fatal(err)
			}
		}
		search := func(row []byte) []int64 {
			res, err := s.Search(t.Context(), Search{Collection: "vk", AnnsField: "sp", Limit: 10, RoundDecimal: -1,
				Queries: &column.Column{Type: schema.SparseFloatVector, Bytes: [][]byte{row}}})
			if err != nil {
				t.Fatal(err)
			}
			return res.IDs.Ints
		}
		if ids := search(nil); len(ids) != 0 {
			t.Errorf("sealed=%v: empty query found %v", sealed, ids)
		}
		if ids := search(sparseRow(1, 1, 2, 1)); len(ids) != 1 || ids[0] != 1 {
			t.Errorf("sealed=%v: query on index 1 found %v, want [1]", sealed, ids)
		}
	}
}

// A filter of any size comes back in the message no longer than
// apierr.Echo keeps it.
func TestLongFilterIsNotEchoedWhole(t *testing.T) {
	s := openService(t)
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	filter := "id in [" + strings.Repeat("1, ", 200_000) + "1" // never closed
	_, err := s.Delete(t.Context(), Delete{Collection: "books", Filter: filter})
	wantCode(t, err, apierr.CodeParameterInvalid, "failed to create delete plan: cannot parse expression: id in [1, 1, ")
	if n := len(apierr.Status(err).GetReason()); n > 1024 {
		t.Fatalf("the message repeats %d bytes of the filter", n)
	}
}
