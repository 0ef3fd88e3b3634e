package index

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/schema"
)

func TestValidateSpec(t *testing.T) {
	cases := []struct {
		name    string
		spec    Spec
		vt      schema.DataType
		dim     int
		want    Spec // Type and Metric checked; Params keys checked if set
		wantErr string
	}{
		{"auto dense", Spec{Type: AutoIndex}, schema.FloatVector, 8, Spec{Type: HNSW, Metric: Cosine, Params: map[string]string{"M": "18"}}, ""},
		{"auto keeps metric", Spec{Type: AutoIndex, Metric: L2}, schema.Float16Vector, 8, Spec{Type: HNSW, Metric: L2}, ""},
		{"auto binary", Spec{Type: AutoIndex}, schema.BinaryVector, 64, Spec{Type: BinIVFFlat, Metric: Hamming}, ""},
		{"auto sparse", Spec{Type: ""}, schema.SparseFloatVector, 0, Spec{Type: SparseInverted, Metric: IP}, ""},
		{"flat default metric", Spec{Type: FlatType}, schema.Int8Vector, 8, Spec{Type: FlatType, Metric: Cosine}, ""},
		{"hnsw ok", Spec{Type: HNSW, Metric: IP, Params: map[string]string{"M": "16", "efConstruction": "200"}}, schema.FloatVector, 8, Spec{Type: HNSW, Metric: IP}, ""},
		{"unknown type", Spec{Type: "ANNOY", Metric: L2}, schema.FloatVector, 8, Spec{}, "invalid parameter[expected=valid index][actual=invalid index type: ANNOY]"},
		{"bad metric", Spec{Type: FlatType, Metric: Hamming}, schema.FloatVector, 8, Spec{}, "float vector index does not support metric type: HAMMING"},
		{"binary metric", Spec{Type: BinIVFFlat, Metric: L2}, schema.BinaryVector, 8, Spec{}, "binary vector index does not support metric type: L2"},
		{"bin ivf metric", Spec{Type: BinIVFFlat, Metric: "SUBSTRUCTURE"}, schema.BinaryVector, 8, Spec{}, "metric type SUBSTRUCTURE not found or not supported, supported: [HAMMING JACCARD]"},
		{"sparse metric", Spec{Type: AutoIndex, Metric: L2}, schema.SparseFloatVector, 0, Spec{}, "only IP&BM25 is the supported metric type for sparse index"},
		{"int8 metric", Spec{Type: HNSW, Metric: Jaccard}, schema.Int8Vector, 8, Spec{}, "int vector index does not support metric type: JACCARD"},
		{"wrong data type", Spec{Type: FlatType, Metric: Hamming}, schema.BinaryVector, 8, Spec{}, "data type BinaryVector can't build with this index FLAT"},
		{"M range", Spec{Type: HNSW, Metric: L2, Params: map[string]string{"M": "5000"}}, schema.FloatVector, 8, Spec{}, "Out of range in json: param 'M' (5000) should be in range [1, 2048]: invalid parameter[expected=valid index params][actual=invalid index params]"},
		{"M not int", Spec{Type: HNSW, Metric: L2, Params: map[string]string{"M": "x"}}, schema.FloatVector, 8, Spec{}, `Type conflict in json: param 'M' ("x") should be integer`},
		{"efConstruction over int32", Spec{Type: HNSW, Metric: L2, Params: map[string]string{"efConstruction": "2147483648"}}, schema.FloatVector, 8, Spec{}, "Out of range in json: param 'efConstruction' (2147483648)"},
		{"nlist", Spec{Type: IVFFlat, Metric: L2, Params: map[string]string{"nlist": "0"}}, schema.FloatVector, 8, Spec{}, "Out of range in json: param 'nlist' (0) should be in range [1, 65536]"},
		{"pq m", Spec{Type: IVFPQ, Metric: L2, Params: map[string]string{"m": "3"}}, schema.FloatVector, 8, Spec{}, "The dimension of a vector (dim) should be a multiple of the number of subquantizers (m)"},
		{"pq no m", Spec{Type: IVFPQ, Metric: L2, Params: map[string]string{"nlist": "8"}}, schema.FloatVector, 8, Spec{}, "parameter `m` not found"},
		{"pq m zero", Spec{Type: IVFPQ, Metric: L2, Params: map[string]string{"m": "0"}}, schema.FloatVector, 8, Spec{}, "invalid `m`: 0"},
		{"pq m negative", Spec{Type: IVFPQ, Metric: L2, Params: map[string]string{"m": "-4"}}, schema.FloatVector, 8, Spec{}, "Out of range in json: param 'm' (-4) should be in range [1, 65536]"},
		{"pq ok", Spec{Type: IVFPQ, Metric: IP, Params: map[string]string{"m": "4", "nbits": "8"}}, schema.Float16Vector, 8, Spec{Type: IVFPQ, Metric: IP}, ""},
		{"sparse algo", Spec{Type: SparseInverted, Params: map[string]string{"inverted_index_algo": "TAAT_NAIVE", "drop_ratio_build": "0.2"}}, schema.SparseFloatVector, 0, Spec{Type: SparseInverted, Metric: IP}, ""},
	}
	for _, c := range cases {
		got, err := ValidateSpec(c.spec, c.vt, c.dim)
		if c.wantErr != "" {
			if err == nil || !strings.HasPrefix(err.Error(), c.wantErr) || !errors.Is(err, ErrInvalidParameter) {
				t.Errorf("%s: err %v, want %q", c.name, err, c.wantErr)
			}
			continue
		}
		if err != nil || got.Type != c.want.Type || got.Metric != c.want.Metric {
			t.Errorf("%s: got %+v, %v; want %+v", c.name, got, err, c.want)
		}
		for k, v := range c.want.Params {
			if got.Params[k] != v {
				t.Errorf("%s: param %s = %q want %q", c.name, k, got.Params[k], v)
			}
		}
	}
}

func TestValidateSpecDoesNotMutate(t *testing.T) {
	p := map[string]string{}
	if _, err := ValidateSpec(Spec{Type: AutoIndex, Params: p}, schema.FloatVector, 8); err != nil {
		t.Fatal(err)
	}
	if len(p) != 0 {
		t.Fatalf("caller's params changed: %v", p)
	}
}

func TestDefaultMetric(t *testing.T) {
	for vt, want := range map[schema.DataType]string{
		schema.FloatVector: Cosine, schema.Float16Vector: Cosine, schema.BFloat16Vector: Cosine,
		schema.Int8Vector: Cosine, schema.BinaryVector: Hamming, schema.SparseFloatVector: IP, schema.Int64: "",
	} {
		if got := DefaultMetric(vt); got != want {
			t.Errorf("%s: %q want %q", vt, got, want)
		}
	}
}

func TestBuildFallsBackToExact(t *testing.T) {
	data := randColumn(rand.New(rand.NewPCG(4, 4)), schema.FloatVector, 50, 8)
	spec, err := ValidateSpec(Spec{Type: IVFFlat, Metric: L2}, schema.FloatVector, 8)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Build(context.Background(), spec, data)
	if err != nil {
		t.Fatal(err)
	}
	res, err := idx.Search(context.Background(), data.Head(1), SearchParams{K: 1})
	if err != nil || res[0][0].Row != 0 || res[0][0].Score != 0 {
		t.Fatalf("self search: %v %v", res, err)
	}
	if _, err := Build(context.Background(), Spec{Type: "NOPE", Metric: L2}, data); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("unknown type: %v", err)
	}
}
