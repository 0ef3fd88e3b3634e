package rerank

import (
	"context"
	"math"
	"testing"

	"github.com/kite-db/kite/internal/schema"
)

// testSchema has an Int64 primary key, numeric fields ts (Int64) and
// price (Double), text (VarChar), maybe (a nullable Int64) and a vector.
func testSchema() *schema.Collection {
	return &schema.Collection{Name: "c", Fields: []schema.Field{
		{ID: 100, Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{ID: 101, Name: "ts", DataType: schema.Int64},
		{ID: 102, Name: "price", DataType: schema.Double},
		{ID: 103, Name: "text", DataType: schema.VarChar, MaxLength: 64},
		{ID: 104, Name: "maybe", DataType: schema.Int64, Nullable: true},
		{ID: 105, Name: "v", DataType: schema.FloatVector, Dim: 2},
	}}
}

// fn is a Rerank function reading inputs, with params as key/value pairs.
func fn(inputs []string, kv ...string) Function {
	f := Function{Type: RerankType, InputFields: inputs}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Params = append(f.Params, Param{kv[i], kv[i+1]})
	}
	return f
}

func mustRanker(t *testing.T, f Function) *Ranker {
	t.Helper()
	r, err := New(testSchema(), &FunctionScore{Functions: []Function{f}})
	if err != nil || r == nil {
		t.Fatalf("New(%+v) = %v, %v", f, r, err)
	}
	return r
}

// hits builds one search's candidates from (id, score) pairs; Ref is the id.
func hits(pairs ...float64) []Candidate {
	var out []Candidate
	for i := 0; i+1 < len(pairs); i += 2 {
		id := int64(pairs[i])
		out = append(out, Candidate{ID: id, Score: float32(pairs[i+1]), Ref: int(id)})
	}
	return out
}

// rank ranks one query's lists and returns the result's refs and scores.
func rank(t *testing.T, r *Ranker, metrics []string, w Window, lists ...[]Candidate) ([]int, []float32) {
	t.Helper()
	out, err := r.Rank(context.Background(), Input{Hits: [][][]Candidate{lists}, Metrics: metrics}, w)
	if err != nil {
		t.Fatalf("Rank: %v", err)
	}
	var refs []int
	var scores []float32
	for _, x := range out[0] {
		refs, scores = append(refs, x.Ref), append(scores, x.Score)
	}
	return refs, scores
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }
