package rest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/metastore"
	"github.com/kite-db/kite/internal/service"
)

// newHandler serves an in-process service on a temp dir.
func newHandler(t *testing.T) *Handler {
	t.Helper()
	dir := t.TempDir()
	kv, err := metastore.OpenBolt(filepath.Join(dir, "meta.db"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(kv)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := service.Open(service.Config{DataDir: dir, SealRows: 1000, NoSync: true}, cat)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close(); kv.Close() })
	h := New("test", nil)
	h.SetService(svc)
	return h
}

// reply is a decoded envelope.
type reply struct {
	Status  int             `json:"-"`
	Code    int32           `json:"code"`
	Data    json.RawMessage `json:"data"`
	Message string          `json:"message"`
	Cost    *int            `json:"cost"`
	Topks   []int64         `json:"topks"`
	ReqID   string          `json:"requestId"`
}

// post sends body (a string, or anything else marshalled as JSON) to
// /v2/vectordb/<path>.
func post(t *testing.T, h http.Handler, path string, body any, header ...string) reply {
	t.Helper()
	var raw []byte
	switch b := body.(type) {
	case string:
		raw = []byte(b)
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			t.Fatal(err)
		}
	}
	req := httptest.NewRequest(http.MethodPost, Prefix+path, bytes.NewReader(raw))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var r reply
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("%s: response is not JSON: %q", path, rec.Body.String())
	}
	r.Status = rec.Code
	return r
}

// mustOK posts and fails unless code is 0; it returns the data.
func mustOK(t *testing.T, h http.Handler, path string, body any, header ...string) json.RawMessage {
	t.Helper()
	r := post(t, h, path, body, header...)
	if r.Code != 0 || r.Status != http.StatusOK {
		t.Fatalf("%s: HTTP %d code %d: %s", path, r.Status, r.Code, r.Message)
	}
	return r.Data
}

// wantErr posts and checks the Milvus code and a part of the message.
func wantErr(t *testing.T, h http.Handler, path string, body any, code int32, substr string) {
	t.Helper()
	r := post(t, h, path, body)
	if r.Code != code || !strings.Contains(r.Message, substr) {
		t.Fatalf("%s: got code %d %q, want code %d containing %q", path, r.Code, r.Message, code, substr)
	}
	if r.Status != http.StatusOK {
		t.Fatalf("%s: HTTP status %d, Milvus answers errors with 200", path, r.Status)
	}
	if r.Data != nil {
		t.Fatalf("%s: error reply carries data %s", path, r.Data)
	}
}

func decodeAs[T any](t *testing.T, raw json.RawMessage) T {
	t.Helper()
	var v T
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return v
}

// quick creates a quick-setup collection with the given extra fields.
func quick(t *testing.T, h http.Handler, name string, dim int, extra map[string]any) {
	t.Helper()
	body := map[string]any{"collectionName": name, "dimension": dim}
	for k, v := range extra {
		body[k] = v
	}
	mustOK(t, h, "collections/create", body)
}
