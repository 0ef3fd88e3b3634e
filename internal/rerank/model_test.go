package rerank

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeService answers /rerank like TEI (or vLLM) by scoring each text as
// the number of query words it contains, listing answers in reverse order
// so that callers must read the indexes.
func fakeService(t *testing.T, vllmShape bool, calls *atomic.Int32) *httptest.Server {
	t.Helper()
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path != "/rerank" {
			http.Error(w, "no such path", http.StatusNotFound)
			return
		}
		var req struct {
			Query     string   `json:"query"`
			Texts     []string `json:"texts"`
			Documents []string `json:"documents"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		docs := req.Texts
		if vllmShape {
			docs = req.Documents
		}
		type item struct {
			Index int     `json:"index"`
			Score float32 `json:"score"`
			Rel   float32 `json:"relevance_score"`
		}
		var items []item
		for i := len(docs) - 1; i >= 0; i-- {
			n := 0
			for _, word := range strings.Fields(req.Query) {
				if strings.Contains(docs[i], word) {
					n++
				}
			}
			items = append(items, item{Index: i, Score: float32(n), Rel: float32(n)})
		}
		if vllmShape {
			json.NewEncoder(w).Encode(map[string]any{"results": items})
			return
		}
		json.NewEncoder(w).Encode(items)
	}))
}

func textHits(texts ...string) []Candidate {
	out := make([]Candidate, len(texts))
	for i, s := range texts {
		out[i] = Candidate{ID: int64(i + 1), Ref: i + 1, Score: float32(10 - i), Inputs: []any{s}}
	}
	return out
}

// TestModelProviders scores rows by the service's answer, in batches of
// max_client_batch_size, each distinct row once.
func TestModelProviders(t *testing.T) {
	for _, provider := range []string{"tei", "vllm"} {
		t.Run(provider, func(t *testing.T) {
			var calls atomic.Int32
			srv := fakeService(t, provider == "vllm", &calls)
			defer srv.Close()
			r := mustRanker(t, fn([]string{"text"}, "reranker", "model", "provider", provider, "endpoint", srv.URL,
				"queries", `["red fox"]`, "max_client_batch_size", "2"))
			a := textHits("a dog", "a red fox", "red wine")
			refs, scores := rank(t, r, []string{"IP", "IP"}, Window{Limit: 3}, a, a[:1])
			if !reflect.DeepEqual(refs, []int{2, 3, 1}) || !reflect.DeepEqual(scores, []float32{2, 1, 0}) {
				t.Fatalf("%v %v", refs, scores)
			}
			if calls.Load() != 2 {
				t.Fatalf("%d calls for 3 texts in batches of 2", calls.Load())
			}
		})
	}
}

// TestModelCallFailures reports the service's failures as Milvus does.
func TestModelCallFailures(t *testing.T) {
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "model not loaded", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	for _, tc := range []struct{ endpoint, want string }{
		{"", "endpoint: [] is not a valid http/https link"},
		{"ftp://host", "endpoint: [ftp://host] is not a valid http/https link"},
		{"http://127.0.0.1:1", "call service failed, errs:["},
		{down.URL, "call service failed, errs:[503 Service Unavailable, model not loaded"},
	} {
		r := mustRanker(t, fn([]string{"text"}, "reranker", "model", "provider", "tei", "endpoint", tc.endpoint, "queries", `["q"]`))
		ctx, cancel := context.WithCancel(context.Background())
		if strings.HasPrefix(tc.endpoint, "http") {
			noRetry(t)
		}
		_, err := r.Rank(ctx, Input{Hits: [][][]Candidate{{textHits("x")}}, Metrics: []string{"IP"}}, Window{Limit: 1})
		cancel()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("%q: %v, want %q", tc.endpoint, err, tc.want)
		}
	}
}

// noRetry makes a failing call fail at once for the test's duration.
func noRetry(t *testing.T) {
	old := retryWait
	retryWait = 0
	t.Cleanup(func() { retryWait = old })
}

// TestModelNoHits calls nothing when there is nothing to rerank.
func TestModelNoHits(t *testing.T) {
	r := mustRanker(t, fn([]string{"text"}, "reranker", "model", "provider", "tei", "endpoint", "http://invalid:1", "queries", `["q"]`))
	out, err := r.Rank(context.Background(), Input{Hits: [][][]Candidate{{nil}}, Metrics: []string{"IP"}}, Window{Limit: 3})
	if err != nil || len(out) != 1 || len(out[0]) != 0 {
		t.Fatalf("%v %v", out, err)
	}
}
