package service

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

func pkField() schema.Field {
	return schema.Field{Name: "id", DataType: schema.Int64, IsPrimaryKey: true}
}

func vecField(name string, t schema.DataType, dim string) schema.Field {
	f := schema.Field{Name: name, DataType: t}
	if dim != "" {
		f.TypeParams = map[string]string{"dim": dim}
	}
	return f
}

// TestCreateCollectionRefusals holds CreateCollection to Milvus's checks,
// their order (a schema with several mistakes is refused for the one
// Milvus names) and their wording.
func TestCreateCollectionRefusals(t *testing.T) {
	s := openService(t)
	vec := vecField("v", schema.FloatVector, "4")
	withFields := func(fs ...schema.Field) CreateCollection {
		return CreateCollection{Schema: schema.Collection{Name: "c", Fields: fs}}
	}
	def := func(f schema.Field, v schema.Value) schema.Field { f.Default = &v; return f }
	varchar := func(name, maxLen string) schema.Field {
		return schema.Field{Name: name, DataType: schema.VarChar, TypeParams: map[string]string{"max_length": maxLen}}
	}
	for _, tc := range []struct {
		name string
		req  CreateCollection
		code int32
		want string
	}{
		{"no fields", CreateCollection{Schema: schema.Collection{Name: "c"}}, apierr.CodeCollectionIllegal, "schema does not contain vector field"},
		{"bad name after vectors", CreateCollection{Schema: schema.Collection{Name: "1c"}}, apierr.CodeCollectionIllegal, "schema does not contain vector field"},
		{"shards", CreateCollection{ShardsNum: 17, Schema: schema.Collection{Name: "c", Fields: []schema.Field{pkField(), vec}}}, apierr.CodeParameterInvalid, "maximum shards's number should be limited to 16"},
		{"pk before field names", withFields(vec, schema.Field{}), apierr.CodeCollectionIllegal, "primary key is not specified"},
		{"pk type before field names", withFields(vec, schema.Field{IsPrimaryKey: true}), apierr.CodeParameterInvalid, "the data type of primary key should be Int64 or VarChar"},
		{"empty field name", withFields(vec, schema.Field{IsPrimaryKey: true, DataType: schema.VarChar}), apierr.CodeFieldInvalidName, "field name should not be empty"},
		{"two pks", withFields(pkField(), schema.Field{Name: "pk", DataType: schema.Int64, IsPrimaryKey: true}, vec), apierr.CodeCollectionIllegal, "there are more than one primary key, field name = id, pk"},
		{"two auto ids", withFields(schema.Field{Name: "id", DataType: schema.Int64, IsPrimaryKey: true, AutoID: true}, schema.Field{Name: "x", DataType: schema.Int64, AutoID: true}, vec),
			apierr.CodeParameterInvalid, "only one field can speficy AutoID with true, field name = id, x"},
		{"none type", withFields(pkField(), vec, schema.Field{Name: "none"}), apierr.CodeParameterInvalid, "data type None is not valid"},
		{"string type", withFields(pkField(), vec, schema.Field{Name: "s", DataType: schema.String}), apierr.CodeParameterInvalid, "string data type not supported yet, please use VarChar type instead"},
		{"keyword", withFields(pkField(), vec, schema.Field{Name: "like", DataType: schema.Int64}), apierr.CodeFieldInvalidName, "Invalid field name: like. like is keyword in milvus.: field name invalid[field=like]"},
		{"keyword TRUE", withFields(pkField(), vec, schema.Field{Name: "TRUE", DataType: schema.Bool}), apierr.CodeFieldInvalidName, "TRUE is keyword in milvus."},
		{"blank field name", withFields(pkField(), vec, schema.Field{Name: "   ", DataType: schema.Bool}), apierr.CodeFieldInvalidName, "field name should not be empty"},
		{"field first char", withFields(pkField(), vec, schema.Field{Name: "1a", DataType: schema.Bool}), apierr.CodeFieldInvalidName, "The first character of a field name must be an underscore or letter."},
		{"field chars", withFields(pkField(), vec, schema.Field{Name: "a-b", DataType: schema.Bool}), apierr.CodeFieldInvalidName, "Field name can only contain numbers, letters, and underscores."},
		{"field length", withFields(pkField(), vec, schema.Field{Name: strings.Repeat("a", 256), DataType: schema.Bool}), apierr.CodeFieldInvalidName, "The length of a field name must be less than 255 characters."},
		{"dim 1", withFields(pkField(), vecField("v", schema.FloatVector, "1")), apierr.CodeParameterInvalid, "invalid dimension: 1. should be in range 2 ~ 32768"},
		{"binary dim 0", withFields(pkField(), vecField("b", schema.BinaryVector, "0")), apierr.CodeParameterInvalid, "should be in range 2 ~ 32768"},
		{"binary dim 10", withFields(pkField(), vecField("b", schema.BinaryVector, "10")), apierr.CodeParameterInvalid, "binary vector dimension should be multiple of 8"},
		{"binary dim too big", withFields(pkField(), vecField("b", schema.BinaryVector, "294912")), apierr.CodeParameterInvalid, "binary vector dimension should be in range 2 ~ 262144"},
		{"float dim too big", withFields(pkField(), vecField("v", schema.Float16Vector, "32769")), apierr.CodeParameterInvalid, "float vector dimension should be in range 2 ~ 32768"},
		{"dim not a number", withFields(pkField(), vecField("v", schema.FloatVector, "中文")), apierr.CodeParameterInvalid, "invalid syntax"},
		{"sparse with dim", withFields(pkField(), vecField("sparse", schema.SparseFloatVector, "128")), apierr.CodeParameterInvalid, "dim should not be specified for sparse vector field sparse"},
		{"vector default", withFields(pkField(), def(vec, schema.Value{Float: 2, Kind: schema.Float})), apierr.CodeParameterInvalid, "type not support default_value, type:FloatVector, name:v"},
		{"json default", withFields(pkField(), vec, def(schema.Field{Name: "j", DataType: schema.JSON}, schema.Value{Float: 2, Kind: schema.Float})), apierr.CodeParameterInvalid, "type not support default_value, type:JSON, name:j"},
		{"varchar int default", withFields(pkField(), vec, def(varchar("varchar", "100"), schema.Value{Int: 2, Kind: schema.Int32})), apierr.CodeParameterInvalid,
			"type (VarChar) of field (varchar) is not equal to the type(DataType_Int) of default_value"},
		{"int32 long default", withFields(pkField(), vec, def(schema.Field{Name: "i", DataType: schema.Int32}, schema.Value{Int: 2, Kind: schema.Int64})), apierr.CodeParameterInvalid,
			"type (Int32) of field (i) is not equal to the type(DataType_Int64) of default_value"},
		{"float double default", withFields(pkField(), vec, def(schema.Field{Name: "f", DataType: schema.Float}, schema.Value{Float: 2.6, Kind: schema.Double})), apierr.CodeParameterInvalid,
			"type (Float) of field (f) is not equal to the type(DataType_Double) of default_value"},
		{"double string default", withFields(pkField(), vec, def(schema.Field{Name: "d", DataType: schema.Double}, schema.Value{String: "2.6", Kind: schema.VarChar})), apierr.CodeParameterInvalid,
			"type (Double) of field (d) is not equal to the type(DataType_VarChar) of default_value"},
		{"int8 default range", withFields(pkField(), vec, def(schema.Field{Name: "i8", DataType: schema.Int8}, schema.Value{Int: 128, Kind: schema.Int32})), apierr.CodeParameterInvalid,
			"default value out of range: invalid parameter[128 out of range -128 <= value <= 127]"},
		{"int16 default range", withFields(pkField(), vec, def(schema.Field{Name: "i16", DataType: schema.Int16}, schema.Value{Int: -32769})), apierr.CodeParameterInvalid,
			"[-32769 out of range -32768 <= value <= 32767]"},
		{"varchar default length", withFields(pkField(), vec, def(varchar("s", "2"), schema.Value{String: "defaultaaaaaaaaa", Kind: schema.VarChar})), apierr.CodeParameterInvalid,
			"the length (16) of string exceeds max length (2)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantCode(t, s.CreateCollection(t.Context(), tc.req), tc.code, tc.want)
		})
	}
}

// A default of the field's own kind is kept, and creating the same
// collection again is still the identical re-create Milvus accepts.
func TestDefaultOfRightKindRecreates(t *testing.T) {
	s := openService(t)
	req := func() CreateCollection {
		return CreateCollection{Schema: schema.Collection{Name: "c", Fields: []schema.Field{pkField(), vecField("v", schema.FloatVector, "2"),
			{Name: "i8", DataType: schema.Int8, Default: &schema.Value{Int: -128, Kind: schema.Int32}},
			{Name: "s", DataType: schema.VarChar, TypeParams: map[string]string{"max_length": "2"}, Default: &schema.Value{String: "ab", Kind: schema.VarChar}}}}}
	}
	for range 2 {
		if err := s.CreateCollection(t.Context(), req()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestEdgeRefusals(t *testing.T) {
	s := openService(t)
	wantCode(t, s.DropDatabase(t.Context(), DropDatabase{}), apierr.CodeDatabaseInvalidName, "database name couldn't be empty")
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: "v", Params: map[string]string{"index_type": "FLAT", "metric_type": "L2"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadCollection(t.Context(), LoadCollection{Collection: "books"}); err != nil {
		t.Fatal(err)
	}
	_, err := s.Query(t.Context(), Query{Collection: "books", Filter: "id > 0", OutputFields: []string{""}})
	wantCode(t, err, apierr.CodeParameterInvalid, "parse output field name failed")
	q := &column.Column{Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{1, 1}}
	for _, w := range []float64{-0.1, 1.5} {
		_, err = s.HybridSearch(t.Context(), HybridSearch{Collection: "books", Strategy: "weighted", RankParams: fmt.Sprintf(`{"weights": [%v]}`, w), Limit: 3,
			Subs: []Search{{AnnsField: "v", Queries: q, Limit: 3, RoundDecimal: -1}}})
		if err == nil || !strings.Contains(err.Error(), "rank param weight should be in range [0, 1]") {
			t.Errorf("weight %v: %v", w, err)
		}
	}
}

// TestReadRefusalWording holds search and query refusals to Milvus's
// words and order: the request is checked before the load state.
func TestReadRefusalWording(t *testing.T) {
	s := openService(t)
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	q := &column.Column{Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{1, 1}}
	search := func(mut func(*Search)) error {
		req := Search{Collection: "books", AnnsField: "v", Queries: q, Limit: 3, RoundDecimal: -1}
		mut(&req)
		_, err := s.Search(t.Context(), req)
		return err
	}
	query := func(mut func(*Query)) error {
		req := Query{Collection: "books", Filter: "id > 0"}
		mut(&req)
		_, err := s.Query(t.Context(), req)
		return err
	}
	// not loaded yet: the request's own mistakes come first
	wantCode(t, search(func(r *Search) { r.Partitions = []string{"aaa"} }), apierr.CodePartitionNotFound, "partition name aaa not found")
	wantCode(t, search(func(r *Search) { r.Partitions = []string{""} }), apierr.CodeParameterInvalid, "Partition name should not be empty")
	wantCode(t, query(func(r *Query) { r.Filter = "" }), apierr.CodeParameterInvalid, "empty expression should be used with limit")
	wantCode(t, query(func(r *Query) { r.Filter = "id < v" }), apierr.CodeParameterInvalid, "comparisons between Int64 and FloatVector are not supported")
	wantCode(t, search(func(r *Search) { r.AnnsField = "year" }), apierr.CodeParameterInvalid, "failed to create query plan: field (year) to search is not of vector data type")
	wantCode(t, search(func(r *Search) { r.AnnsField = "nope" }), apierr.CodeParameterInvalid, "failed to get field schema by name: fieldName(nope) not found")
	wantCode(t, query(func(*Query) {}), apierr.CodeCollectionNotLoaded, "collection not loaded")
	if err := s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: "v", Params: map[string]string{"index_type": "FLAT", "metric_type": "L2"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadCollection(t.Context(), LoadCollection{Collection: "books"}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, search(func(r *Search) { r.GroupByField = "v" }), apierr.CodeParameterInvalid, "unsupported data type FloatVector for group by operator")
	wantCode(t, query(func(r *Query) { r.Filter = "title like {p}"; r.Templates = map[string]any{"p": int64(10)} }), apierr.CodeParameterInvalid,
		"the value of like expression template variable {p} is not string")
	if err := s.CreatePartition(t.Context(), CreatePartition{Collection: "books", Partition: "1-a"}); err != nil {
		t.Fatalf("Milvus accepts a digit first and '-' after: %v", err)
	}
	wantCode(t, s.CreatePartition(t.Context(), CreatePartition{Collection: "books", Partition: "a b"}), apierr.CodeParameterInvalid,
		"Invalid partition name: a b. Partition name can only contain numbers, letters and underscores.")
}
