package rest

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kite-db/kite/internal/apierr"
)

// twoVectors has vector fields a and b (L2, dim 2) and a scalar c, loaded.
const twoVectors = `{"collectionName":"mv","schema":{"fields":[
  {"fieldName":"id","dataType":"Int64","isPrimary":true},
  {"fieldName":"c","dataType":"VarChar","elementTypeParams":{"max_length":16}},
  {"fieldName":"a","dataType":"FloatVector","elementTypeParams":{"dim":2}},
  {"fieldName":"b","dataType":"FloatVector","elementTypeParams":{"dim":2}}]},
  "indexParams":[{"fieldName":"a","metricType":"L2"},{"fieldName":"b","metricType":"L2"}]}`

func ids(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var out []string
	for _, hit := range decodeAs[[]map[string]any](t, raw) {
		out = append(out, string(hit["id"].(json.Number)))
	}
	return out
}

func TestHybridSearch(t *testing.T) {
	h := newHandler(t)
	mustOK(t, h, "collections/create", twoVectors)
	// Row 2 is second nearest in both fields; row 1 is nearest in a only,
	// row 3 nearest in b only, row 4 far in both.
	mustOK(t, h, "entities/insert", `{"collectionName":"mv","data":[
	  {"id":1,"c":"x","a":[0,0],"b":[9,9]},
	  {"id":2,"c":"y","a":[1,0],"b":[1,0]},
	  {"id":3,"c":"x","a":[9,9],"b":[0,0]},
	  {"id":4,"c":"y","a":[5,5],"b":[5,5]}]}`)
	search := `[{"data":[[0,0]],"annsField":"a","limit":3},{"data":[[0,0]],"annsField":"b","limit":3}]`

	r := post(t, h, "entities/hybrid_search", `{"collectionName":"mv","search":`+search+`,
	  "rerank":{"strategy":"rrf","params":{"k":10}},"limit":2,"outputFields":["c"]}`)
	if r.Code != 0 || !reflect.DeepEqual(r.Topks, []int64{2}) {
		t.Fatalf("rrf: %+v", r)
	}
	// rrf: row 2 scores 2/(10+2), row 4 2/(10+3), rows 1 and 3 1/(10+1).
	got := ids(t, r.Data)
	if !reflect.DeepEqual(got, []string{"2", "4"}) {
		t.Fatalf("rrf order %v", got)
	}
	hits := decodeAs[[]map[string]any](t, r.Data)
	if hits[0]["c"] != "y" || hits[0]["distance"] == nil {
		t.Fatalf("rrf output fields %v", hits)
	}

	// Weighted and normalized, all weight on b: b's order wins (3, then 2).
	w := mustOK(t, h, "entities/hybrid_search", `{"collectionName":"mv","search":`+search+`,
	  "rerank":{"strategy":"weighted","params":{"weights":[0,1],"norm_score":true}},"limit":2}`)
	if got := ids(t, w); !reflect.DeepEqual(got, []string{"3", "2"}) {
		t.Fatalf("weighted order %v", got)
	}
	// Without norm_score Milvus sums raw L2 distances, smallest first: rows
	// 1 and 3 both score 0 and tie on primary key.
	raw := mustOK(t, h, "entities/hybrid_search", `{"collectionName":"mv","search":`+search+`,
	  "rerank":{"strategy":"weighted","params":{"weights":[0,1]}},"limit":2}`)
	if got := ids(t, raw); !reflect.DeepEqual(got, []string{"1", "3"}) {
		t.Fatalf("raw weighted order %v", got)
	}

	// Filters apply per sub-search.
	f := mustOK(t, h, "entities/hybrid_search", `{"collectionName":"mv","search":[
	  {"data":[[0,0]],"annsField":"a","limit":3,"filter":"c == \"y\""},
	  {"data":[[0,0]],"annsField":"b","limit":3,"filter":"c == \"y\""}],
	  "rerank":{"strategy":"rrf"},"limit":5}`)
	if got := ids(t, f); !reflect.DeepEqual(got, []string{"2", "4"}) {
		t.Fatalf("filtered hybrid %v", got)
	}

	cases := []struct {
		name, body string
		code       int32
		substr     string
	}{
		{"no search", `{"collectionName":"mv","rerank":{"strategy":"rrf"}}`, apierr.CodeMissingParam, "search is required"},
		{"no rerank", `{"collectionName":"mv","search":` + search + `}`, apierr.CodeMissingParam, "rerank is required"},
		{"weights mismatch", `{"collectionName":"mv","search":` + search + `,"rerank":{"strategy":"weighted","params":{"weights":[1]}}}`,
			apierr.CodeParameterInvalid, "the length of weights param mismatch"},
		{"bad strategy", `{"collectionName":"mv","search":` + search + `,"rerank":{"strategy":"best"}}`, apierr.CodeUnexpected, "unsupported rank type best"},
		{"bad k", `{"collectionName":"mv","search":` + search + `,"rerank":{"strategy":"rrf","params":{"k":"ten"}}}`, apierr.CodeUnexpected, "the type of rank param k should be float"},
		{"unknown field", `{"collectionName":"mv","search":[{"data":[[0,0]],"annsField":"z"}],"rerank":{"strategy":"rrf"}}`, apierr.CodeBadFormat, "cannot find a vector field named: z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, h, "entities/hybrid_search", tc.body, tc.code, tc.substr) })
	}
}

func TestSearchGrouping(t *testing.T) {
	h := newHandler(t)
	mustOK(t, h, "collections/create", twoVectors)
	mustOK(t, h, "entities/insert", `{"collectionName":"mv","data":[
	  {"id":1,"a":[0,0],"b":[0,0],"c":"red"},{"id":2,"a":[0.1,0],"b":[0,0],"c":"red"},
	  {"id":3,"a":[0.2,0],"b":[0,0],"c":"red"},{"id":4,"a":[1,0],"b":[0,0],"c":"blue"},{"id":5,"a":[2,0],"b":[0,0],"c":"green"}]}`)
	one := mustOK(t, h, "entities/search", `{"collectionName":"mv","annsField":"a","data":[[0,0]],"limit":2,"groupingField":"c"}`)
	if got := ids(t, one); !reflect.DeepEqual(got, []string{"1", "4"}) {
		t.Fatalf("one per group %v", got)
	}
	two := mustOK(t, h, "entities/search", `{"collectionName":"mv","annsField":"a","data":[[0,0]],"limit":2,"groupingField":"c","groupSize":2}`)
	if got := ids(t, two); !reflect.DeepEqual(got, []string{"1", "2", "4"}) {
		t.Fatalf("two per group %v", got)
	}
}

// TestFunctionScore reranks REST searches and hybrid searches with a
// "functionScore", and groups hybrid results with "groupingField".
func TestFunctionScore(t *testing.T) {
	h := newHandler(t)
	mustOK(t, h, "collections/create", twoVectors)
	mustOK(t, h, "entities/insert", `{"collectionName":"mv","data":[
	  {"id":1,"c":"x","a":[0,0],"b":[9,9]},
	  {"id":2,"c":"y","a":[1,0],"b":[1,0]},
	  {"id":3,"c":"x","a":[9,9],"b":[0,0]},
	  {"id":4,"c":"y","a":[5,5],"b":[5,5]}]}`)
	// Linear decay of id from 4 over 3: row 1 keeps 0.1 of its similarity
	// 1, row 2 0.4 of 0.5, row 4 all of its 0.013, row 3 0.7 of 0.004.
	decay := `"functionScore":{"functions":[{"name":"d","type":"Rerank","inputFieldNames":["id"],
	  "params":{"reranker":"decay","function":"linear","origin":4,"scale":3,"decay":0.1}}]}`
	s := mustOK(t, h, "entities/search", `{"collectionName":"mv","annsField":"a","data":[[0,0]],"limit":4,`+decay+`}`)
	if got := ids(t, s); !reflect.DeepEqual(got, []string{"2", "1", "4", "3"}) {
		t.Fatalf("decay order %v", got)
	}

	search := `[{"data":[[0,0]],"annsField":"a","limit":3},{"data":[[0,0]],"annsField":"b","limit":3}]`
	rrf := `"functionScore":{"functions":[{"name":"r","type":"Rerank","inputFieldNames":[],"params":{"reranker":"rrf","k":10}}]}`
	hy := mustOK(t, h, "entities/hybrid_search", `{"collectionName":"mv","search":`+search+`,"limit":2,`+rrf+`}`)
	if got := ids(t, hy); !reflect.DeepEqual(got, []string{"2", "4"}) {
		t.Fatalf("rrf function order %v", got)
	}
	// Grouped by c, one row each: y's best is 2; x's rows 1 and 3 tie and
	// the smaller key wins.
	g := mustOK(t, h, "entities/hybrid_search", `{"collectionName":"mv","search":`+search+`,"limit":2,
	  "groupingField":"c","rerank":{"strategy":"rrf"}}`)
	if got := ids(t, g); !reflect.DeepEqual(got, []string{"2", "1"}) {
		t.Fatalf("grouped hybrid %v", got)
	}

	wantErr(t, h, "entities/search", `{"collectionName":"mv","annsField":"a","data":[[0,0]],
	  "functionScore":{"functions":[{"name":"d","type":"Nope","inputFieldNames":[]}]}}`, apierr.CodeParameterInvalid, "Unsupported function type: Nope")
	wantErr(t, h, "entities/search", `{"collectionName":"mv","annsField":"a","data":[[0,0]],
	  "functionScore":{"functions":[{"name":"d","type":"Rerank","inputFieldNames":["id"],"params":{"reranker":"decay"}}]}}`,
		apierr.CodeUnexpected, "decay function lost param: origin")
}
