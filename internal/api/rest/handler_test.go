package rest

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kite-db/kite/internal/api/middleware"
	"github.com/kite-db/kite/internal/apierr"
)

func TestRouting(t *testing.T) {
	h := newHandler(t)
	cases := []struct {
		name, method, path string
		status             int
		code               int32
		substr             string
	}{
		{"milvus endpoint kite lacks", "POST", "/v2/vectordb/users/list", 200, apierr.CodeUnimplemented,
			"REST endpoint /v2/vectordb/users/list is not supported by Kite test yet"},
		{"import jobs", "POST", "/v2/vectordb/jobs/import/create", 200, apierr.CodeUnimplemented, "jobs/import/create"},
		{"outside v2", "POST", "/v1/vector/collections", 404, apierr.CodeUnimplemented, "/v1/vector/collections"},
		{"not POST", "GET", "/v2/vectordb/collections/list", 405, apierr.CodeParameterInvalid, "accept POST only"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, strings.NewReader("{}")))
			var r reply
			if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			if rec.Code != tc.status || r.Code != tc.code || !strings.Contains(r.Message, tc.substr) {
				t.Fatalf("got HTTP %d code %d %q", rec.Code, r.Code, r.Message)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Fatalf("content type %q", ct)
			}
		})
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodOptions, "/v2/vectordb/collections/list", nil))
	if rec.Code != http.StatusNoContent || rec.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("preflight: %d %v", rec.Code, rec.Header())
	}
}

func TestNotReadyUntilService(t *testing.T) {
	h := New("test", nil)
	r := post(t, h, "collections/list", `{}`)
	if r.Code != apierr.CodeServiceNotReady || !strings.Contains(r.Message, "service not ready") {
		t.Fatalf("got %+v", r)
	}
}

func TestBodyTooLarge(t *testing.T) {
	h := newHandler(t)
	body := bytes.Repeat([]byte(" "), MaxBody+1)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, Prefix+"collections/list", bytes.NewReader(body)))
	var r reply
	json.Unmarshal(rec.Body.Bytes(), &r)
	if r.Code != apierr.CodeParameterTooLarge {
		t.Fatalf("got %d %q", r.Code, r.Message)
	}
}

// TestOverHTTP drives the handler through a real HTTP/1.1 server with
// keep-alive: several requests share one connection.
func TestOverHTTP(t *testing.T) {
	srv := httptest.NewUnstartedServer(newHandler(t))
	var conns atomic.Int32
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	client := srv.Client()
	for i, body := range []string{
		`{"collectionName":"h","dimension":2}`, `{}`, `{"collectionName":"h"}`,
	} {
		path := []string{"collections/create", "collections/list", "collections/has"}[i]
		resp, err := client.Post(srv.URL+Prefix+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var r reply
		if err := json.Unmarshal(raw, &r); err != nil || r.Code != 0 {
			t.Fatalf("%s: %s", path, raw)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Fatalf("%d connections for 3 requests, want keep-alive on 1", n)
	}
}

// A failed request carries a request ID, in the body and a header, that the
// server's log line names too; every request is counted in the metrics.
func TestRequestIDAndMetrics(t *testing.T) {
	h := newHandler(t)
	var logBuf bytes.Buffer
	h.log = slog.New(slog.NewTextHandler(&logBuf, nil))
	reg := prometheus.NewRegistry()
	h.SetMetrics(middleware.NewMetrics(reg))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", Prefix+"collections/describe", strings.NewReader(`{"collectionName":"nope"}`)))
	var r reply
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.Code != apierr.CodeCollectionNotFound || len(r.ReqID) != 16 || rec.Header().Get("X-Request-Id") != r.ReqID {
		t.Fatalf("error reply %+v, header %q", r, rec.Header().Get("X-Request-Id"))
	}
	if !strings.Contains(logBuf.String(), "request_id="+r.ReqID) || !strings.Contains(logBuf.String(), "collections/describe") {
		t.Fatalf("log does not name request %s: %s", r.ReqID, logBuf.String())
	}
	if ok := post(t, h, "collections/list", `{}`); ok.Code != 0 || ok.ReqID != "" {
		t.Fatalf("success reply %+v", ok)
	}

	counts := map[string]float64{}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != "kite_rpc_requests_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			counts[labels["method"]+" "+labels["code"]] += m.GetCounter().GetValue()
		}
	}
	want := map[string]float64{"rest:collections/describe 100": 1, "rest:collections/list 0": 1}
	if !reflect.DeepEqual(counts, want) {
		t.Fatalf("metrics %v, want %v", counts, want)
	}
}
