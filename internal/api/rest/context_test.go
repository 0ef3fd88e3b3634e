package rest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/apierr"
)

// postCtx is post with the request's context set.
func postCtx(t *testing.T, h http.Handler, ctx context.Context, path, body string) reply {
	t.Helper()
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, Prefix+path, strings.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var r reply
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("%s: response is not JSON: %q", path, rec.Body.String())
	}
	r.Status = rec.Code
	return r
}

// A read whose request context is done answers Milvus's canceled or
// timeout code, the timeout with HTTP 408 as Milvus's REST layer does.
func TestStoppedRequests(t *testing.T) {
	h := newHandler(t)
	quick(t, h, "s", 2, map[string]any{"metricType": "L2"})
	mustOK(t, h, "entities/insert", `{"collectionName":"s","data":[{"id":1,"vector":[0,0]},{"id":2,"vector":[1,0]}]}`)
	search := `{"collectionName":"s","data":[[0,0]],"limit":2}`

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	r := postCtx(t, h, cancelled, "entities/search", search)
	if r.Code != apierr.CodeCanceled || r.Status != http.StatusOK || !strings.Contains(r.Message, "context canceled") {
		t.Fatalf("cancelled search: HTTP %d %+v", r.Status, r)
	}
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	r = postCtx(t, h, expired, "entities/query", `{"collectionName":"s","filter":"id > 0"}`)
	if r.Code != apierr.CodeTimeout || r.Status != http.StatusRequestTimeout || !strings.Contains(r.Message, "query collection s: context deadline exceeded") {
		t.Fatalf("query past its deadline: HTTP %d %+v", r.Status, r)
	}
	mustOK(t, h, "entities/search", search) // the next request is served as usual
}

func TestRequestTimeoutHeader(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   time.Duration // 0: no deadline
	}{{"", 0}, {"3", 3 * time.Second}, {"abc", 0}, {"1.5", 0}, {"0", 0}} {
		req := httptest.NewRequest(http.MethodPost, Prefix+"entities/search", nil)
		req.Header.Set("Request-Timeout", tc.header)
		ctx, cancel := requestContext(req)
		d, ok := ctx.Deadline()
		cancel()
		if ok != (tc.want > 0) || ok && (time.Until(d) > tc.want || time.Until(d) < tc.want-time.Second) {
			t.Errorf("Request-Timeout %q: deadline %v (set %v), want in %v", tc.header, d, ok, tc.want)
		}
	}
}
