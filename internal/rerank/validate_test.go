package rerank

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestNewRefuses lists every check New makes, with Milvus's wording.
func TestNewRefuses(t *testing.T) {
	decay := func(kv ...string) Function {
		return fn([]string{"ts"}, append([]string{"reranker", "decay"}, kv...)...)
	}
	full := []string{"function", "gauss", "origin", "0", "scale", "1"}
	cases := []struct {
		name string
		f    Function
		want string
	}{
		{"not rerank", Function{Type: "BM25"}, "BM25 is not rerank function"},
		{"output fields", Function{Type: RerankType, OutputFields: []string{"x"}}, "rerank function should not have output field, but now is 1"},
		{"unknown reranker", fn(nil, "reranker", "best"), "unsupported rerank function: [best] , list of supported [decay,model,rrf,weighted]"},
		{"no reranker", fn(nil), "unsupported rerank function: []"},
		{"missing field", fn([]string{"nope"}, "reranker", "decay"), "function input field not found: nope"},
		{"empty field", fn([]string{""}, "reranker", "decay"), "rerank input field name cannot be empty string"},
		{"twice", fn([]string{"ts", "ts"}, "reranker", "decay"), "each function input field should be used exactly once"},
		{"nullable", fn([]string{"maybe"}, "reranker", "decay"), "function input field cannot be nullable: field maybe"},
		{"rrf input", fn([]string{"ts"}, "reranker", "rrf"), "the rrf function does not support input parameters"},
		{"rrf k text", fn(nil, "reranker", "rrf", "k", "invalid"), "param k:invalid is not a number"},
		{"rrf k zero", fn(nil, "reranker", "rrf", "k", "0"), "the rank params k should be in range (0, 16384)"},
		{"rrf k big", fn(nil, "reranker", "rrf", "k", "20000"), "k should be in range (0, 16384)"},
		{"weights text", fn(nil, "reranker", "weighted", "weights", "invalid_format"), "parse weights param failed"},
		{"weights empty", fn(nil, "reranker", "weighted", "weights", "[]"), "weights not found"},
		{"weights missing", fn(nil, "reranker", "weighted"), "weights not found"},
		{"weight negative", fn(nil, "reranker", "weighted", "weights", "[-0.5, 0.5]"), "rank param weight should be in range [0, 1]"},
		{"weight big", fn(nil, "reranker", "weighted", "weights", "[1.2, 0.2]"), "rank param weight should be in range [0, 1]"},
		{"norm text", fn(nil, "reranker", "weighted", "weights", "[1]", "norm_score", "yes"), "norm_score params must be true/false"},
		{"decay no input", fn(nil, "reranker", "decay"), "decay function only supports single input"},
		{"decay text field", fn([]string{"text"}, "reranker", "decay"), "decay rerank: unsupported input field type:VarChar, only support numeric field"},
		{"decay no params", decay(), "decay function lost param: origin"},
		{"decay no scale", decay("origin", "1"), "decay function lost param: scale"},
		{"decay origin text", decay("function", "linear", "origin", "invalid", "scale", "1"), "param origin:invalid is not a number"},
		{"decay scale negative", decay("function", "linear", "origin", "0", "scale", "-3600"), "scale must > 0"},
		{"decay offset negative", decay(append(full, "offset", "-1")...), "offset must >= 0"},
		{"decay decay big", decay(append(full, "decay", "1.5")...), "decay must 0 < decay < 1"},
		{"decay decay zero", decay(append(full, "decay", "0")...), "decay must 0 < decay < 1"},
		{"decay function", decay("function", "invalid", "origin", "0", "scale", "1"), "invalid decay function: invalid"},
		{"decay score mode", decay(append(full, "score_mode", "min")...), "unsupported score mode: [min], only supports: [max, avg, sum]"},
		{"model no provider", fn([]string{"text"}, "reranker", "model"), "lost rerank params:provider"},
		{"model no queries", fn([]string{"text"}, "reranker", "model", "provider", "tei"), "rerank function lost params queries"},
		{"model bad queries", fn([]string{"text"}, "reranker", "model", "provider", "tei", "queries", "q"), "parse rerank params [queries] failed"},
		{"model int field", fn([]string{"ts"}, "reranker", "model", "provider", "tei"), "rerank model only support varchar, but got [Int64]"},
		{"model provider", fn([]string{"text"}, "reranker", "model", "provider", "nope"), "unknown rerank model provider:nope"},
		{"model vllm endpoint", fn([]string{"text"}, "reranker", "model", "provider", "vllm", "queries", `["q"]`), "rerank function lost params endpoint"},
		{"model batch", fn([]string{"text"}, "reranker", "model", "provider", "tei", "max_client_batch_size", "0"), "must be greater than 0"},
		{"model truncate", fn([]string{"text"}, "reranker", "model", "provider", "tei", "truncate", "maybe"), "truncate: maybe is not bool type"},
		{"model credential", fn([]string{"text"}, "reranker", "model", "provider", "tei", "credential", "mine"), "mine is not a apikey crediential"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(testSchema(), &FunctionScore{Functions: []Function{tc.f}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestNewFunctionScore takes at most one reranker; boost functions are not
// rerankers.
func TestNewFunctionScore(t *testing.T) {
	fusion := fn(nil, "reranker", "rrf")
	boost := fn(nil, "reranker", "boost", "weight", "2")
	if _, err := New(testSchema(), &FunctionScore{Functions: []Function{fusion, fusion}}); err == nil || err.Error() != "currently only supports one rerank" {
		t.Fatalf("two rerankers: %v", err)
	}
	if r, err := New(testSchema(), &FunctionScore{Functions: []Function{boost}}); r != nil || err != nil {
		t.Fatalf("boost only: %v %v", r, err)
	}
	if r, err := New(testSchema(), &FunctionScore{Functions: []Function{boost, fusion}}); r == nil || err != nil || r.Name() != "rrf" {
		t.Fatalf("boost and rrf: %v %v", r, err)
	}
	// Keys and the reranker name are read case-insensitively.
	if r := mustRanker(t, fn(nil, "Reranker", "RRF", "K", "5")); r.s.(*rrf).k != 5 {
		t.Fatalf("k %v", r.s.(*rrf).k)
	}
}

// TestChecks refuses requests the reranker cannot rank, before searching.
func TestChecks(t *testing.T) {
	w := mustRanker(t, fn(nil, "reranker", "weighted", "weights", "[0.3]"))
	err := w.Check(2, 1, Window{Limit: 1})
	if !errors.Is(err, ErrInvalidParameter) || err.Error() != "the length of weights param mismatch with ann search requests: invalid parameter[expected=2][actual=1]" {
		t.Fatalf("weights: %v", err)
	}
	m := mustRanker(t, fn([]string{"text"}, "reranker", "model", "provider", "tei", "queries", `["a","b"]`))
	if err := m.Check(1, 3, Window{Limit: 1}); err == nil || !strings.Contains(err.Error(), "nq must equal to queries size, but got nq [3], queries size [2]") {
		t.Fatalf("model nq: %v", err)
	}
}

// TestLegacy translates rank params into the function they stand for.
func TestLegacy(t *testing.T) {
	cases := []struct {
		strategy, params string
		want             []Param
		err              string
	}{
		{"", "", []Param{{"reranker", "rrf"}}, ""},
		{"rrf", `{"k": 10}`, []Param{{"reranker", "rrf"}, {"k", "10"}}, ""},
		{"rrf", `{}`, []Param{{"reranker", "rrf"}}, ""},
		{"rrf", `null`, []Param{{"reranker", "rrf"}}, ""},
		{"weighted", `{"weights": [0.5, 0.5], "norm_score": false}`, []Param{{"reranker", "weighted"}, {"weights", "[0.5,0.5]"}, {"norm_score", "false"}}, ""},
		{"best", `{}`, nil, "unsupported rank type best"},
		{"rrf", "", nil, "params not found in rank_params"},
		{"rrf", "{", nil, "parse rerank params failed"},
		{"rrf", `{"k": "ten"}`, nil, "the type of rank param k should be float"},
		{"weighted", `{"weights": [1], "norm_score": 1}`, nil, "norm_score should been bool type"},
	}
	for _, tc := range cases {
		f, err := Legacy(tc.strategy, tc.params)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("%s %s: err %v, want %q", tc.strategy, tc.params, err, tc.err)
			}
			continue
		}
		if err != nil || f.Type != RerankType || !slices.Equal(f.Params, tc.want) {
			t.Fatalf("%s %s: %+v %v, want %v", tc.strategy, tc.params, f, err, tc.want)
		}
	}
}

// FuzzLegacy feeds rank params to Legacy and New: they must answer an
// error or a ranker, never panic.
func FuzzLegacy(f *testing.F) {
	for _, s := range []string{`{"k": 10}`, `{"weights": [0.5, 0.5], "norm_score": true}`, `{}`, `null`, `{"k": "x"}`, `[1]`} {
		f.Add("rrf", s)
		f.Add("weighted", s)
	}
	f.Fuzz(func(t *testing.T, strategy, params string) {
		fn, err := Legacy(strategy, params)
		if err != nil {
			return
		}
		r, err := New(testSchema(), &FunctionScore{Functions: []Function{fn}})
		if err == nil && r == nil {
			t.Fatal("no ranker and no error")
		}
	})
}
