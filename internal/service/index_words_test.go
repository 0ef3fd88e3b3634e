package service

import (
	"testing"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
)

// TestCreateIndexRefusalWording holds CreateIndex refusals to the words of
// Milvus's proxy, index checkers and data coordinator.
func TestCreateIndexRefusalWording(t *testing.T) {
	s := openService(t)
	dim := map[string]string{"dim": "16"}
	sch := schema.Collection{Name: "ix", EnableDynamicField: true, Fields: []schema.Field{
		{Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{Name: "n", DataType: schema.Int64},
		{Name: "b", DataType: schema.Bool},
		{Name: "s", DataType: schema.VarChar, TypeParams: map[string]string{"max_length": "8"}},
		{Name: "j", DataType: schema.JSON},
		{Name: "f", DataType: schema.FloatVector, TypeParams: dim},
		{Name: "h", DataType: schema.Float16Vector, TypeParams: dim},
		{Name: "bin", DataType: schema.BinaryVector, TypeParams: dim},
		{Name: "sp", DataType: schema.SparseFloatVector},
	}}
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: sch}); err != nil {
		t.Fatal(err)
	}
	create := func(field, name string, params map[string]string) error {
		return s.CreateIndex(t.Context(), CreateIndex{Collection: "ix", Field: field, IndexName: name, Params: params})
	}
	p := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	for _, tc := range []struct {
		name, field string
		params      map[string]string
		code        int32
		want        string
	}{
		{"float metric", "f", p("index_type", "AUTOINDEX", "metric_type", "JACCARD"), apierr.CodeParameterInvalid,
			"float vector index does not support metric type: JACCARD: invalid parameter[expected=valid index params][actual=invalid index params]"},
		{"binary metric", "bin", p("index_type", "BIN_FLAT", "metric_type", "L2"), apierr.CodeParameterInvalid, "binary vector index does not support metric type: L2"},
		{"binary ivf metric", "bin", p("index_type", "BIN_IVF_FLAT", "metric_type", "SUBSTRUCTURE", "nlist", "64"), apierr.CodeParameterInvalid,
			"metric type SUBSTRUCTURE not found or not supported, supported: [HAMMING JACCARD]"},
		{"sparse metric", "sp", p("index_type", "AUTOINDEX", "metric_type", "COSINE"), apierr.CodeParameterInvalid, "only IP&BM25 is the supported metric type for sparse index"},
		{"scalar index on vector", "f", p("index_type", "INVERTED"), apierr.CodeParameterInvalid, "metric type not set for vector index"},
		{"scalar index on vector with metric", "h", p("index_type", "STL_SORT", "metric_type", "L2"), apierr.CodeParameterInvalid, "data type Float16Vector can't build with this index STL_SORT"},
		{"vector index on scalar", "n", p("index_type", "HNSW", "metric_type", "L2"), apierr.CodeParameterInvalid, "index HNSW only supports vector data type"},
		{"vector index Kite lacks on scalar", "b", p("index_type", "SCANN", "metric_type", "L2"), apierr.CodeParameterInvalid, "index SCANN only supports vector data type"},
		{"vector index on json", "j", p("index_type", "SCANN", "metric_type", "L2"), apierr.CodeParameterInvalid, "index SCANN only supports vector data type"},
		{"vector index on a dynamic key", "aaa", p("index_type", "HNSW", "metric_type", "L2"), apierr.CodeParameterInvalid, "index HNSW only supports vector data type"},
		{"trie on int", "n", p("index_type", "Trie"), apierr.CodeParameterInvalid, "TRIE are only supported on varchar field"},
		{"stl_sort on bool", "b", p("index_type", "STL_SORT"), apierr.CodeParameterInvalid, "STL_SORT are only supported on numeric, varchar or timestamptz field, got Bool"},
		{"Milvus type on the wrong vectors", "sp", p("index_type", "SCANN", "metric_type", "IP"), apierr.CodeParameterInvalid, "data type SparseFloatVector can't build with this index SCANN"},
		{"Milvus type Kite lacks", "f", p("index_type", "SCANN", "metric_type", "HAMMING"), apierr.CodeParameterInvalid, "float vector index does not support metric type: HAMMING"},
		{"Milvus type Kite lacks, good metric", "f", p("index_type", "DISKANN", "metric_type", "L2"), apierr.CodeIndexNotSupported, "index type DISKANN is not supported by Kite yet"},
		{"drop ratio", "sp", p("index_type", "SPARSE_WAND", "metric_type", "IP", "drop_ratio_build", "1.3"), apierr.CodeParameterInvalid, "Out of range in json: param 'drop_ratio_build'"},
		{"unknown type", "f", p("index_type", "NOPE", "metric_type", "L2"), apierr.CodeParameterInvalid, "invalid parameter[expected=valid index][actual=invalid index type: NOPE]"},
		{"nlist range", "f", p("index_type", "IVF_FLAT", "metric_type", "L2", "nlist", "0"), apierr.CodeParameterInvalid, "Out of range in json: param 'nlist' (0) should be in range [1, 65536]"},
		{"pq m", "f", p("index_type", "IVF_PQ", "metric_type", "L2", "m", "7"), apierr.CodeParameterInvalid,
			"The dimension of a vector (dim) should be a multiple of the number of subquantizers (m)"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, create(tc.field, "", tc.params), tc.code, tc.want) })
	}
	hnsw := p("index_type", "HNSW", "metric_type", "COSINE", "M", "8", "efConstruction", "96")
	if err := create("f", "index_1", hnsw); err != nil {
		t.Fatal(err)
	}
	if err := create("f", "index_1", hnsw); err != nil {
		t.Fatalf("the same index again: %v", err)
	}
	wantCode(t, create("h", "index_1", hnsw), apierr.CodeIndexDuplicate, "CreateIndex failed: at most one distinct index is allowed per field")
	wantCode(t, create("f", "index_1", p("index_type", "IVF_SQ8", "metric_type", "COSINE")), apierr.CodeIndexDuplicate,
		"CreateIndex failed: at most one distinct index is allowed per field")
	wantCode(t, create("f", "index_2", p("index_type", "IVF_SQ8", "metric_type", "COSINE")), apierr.CodeIndexDuplicate,
		"CreateIndex failed: creating multiple indexes on same field is not supported")
}
