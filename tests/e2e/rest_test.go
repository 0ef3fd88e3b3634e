package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
)

// restEnvelope is Milvus's REST API v2 answer.
type restEnvelope struct {
	Code    int32           `json:"code"`
	Data    json.RawMessage `json:"data"`
	Message string          `json:"message"`
	Topks   []int64         `json:"topks"`
	ReqID   string          `json:"requestId"`
}

// restClient talks plain HTTP/1.1 (keep-alive) to a server's API port.
type restClient struct {
	t    testing.TB
	base string
	hc   *http.Client
}

func newRESTClient(t testing.TB, s *Server) *restClient {
	return &restClient{t: t, base: "http://" + s.Addr + "/v2/vectordb/", hc: &http.Client{Timeout: 30 * time.Second}}
}

// call POSTs body to <resource>/<verb>; Milvus answers every call with 200.
func (c *restClient) call(path, body string) restEnvelope {
	c.t.Helper()
	resp, err := c.hc.Post(c.base+path, "application/json", strings.NewReader(body))
	if err != nil {
		c.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("POST %s: HTTP %d: %s", path, resp.StatusCode, raw)
	}
	var env restEnvelope
	if err := json.Unmarshal(raw, &env); err != nil {
		c.t.Fatalf("POST %s: not JSON: %s", path, raw)
	}
	return env
}

// ok calls and decodes data into out (unless nil), failing on a non-zero code.
func (c *restClient) ok(path, body string, out any) {
	c.t.Helper()
	env := c.call(path, body)
	if env.Code != 0 {
		c.t.Fatalf("%s: code %d: %s", path, env.Code, env.Message)
	}
	if out != nil {
		d := json.NewDecoder(bytes.NewReader(env.Data))
		d.UseNumber()
		if err := d.Decode(out); err != nil {
			c.t.Fatalf("%s: data %s: %v", path, env.Data, err)
		}
	}
}

func (c *restClient) fails(path, body string, code int32, substr string) {
	c.t.Helper()
	env := c.call(path, body)
	if env.Code != code || !strings.Contains(env.Message, substr) {
		c.t.Fatalf("%s: got code %d %q, want %d containing %q", path, env.Code, env.Message, code, substr)
	}
}

// TestRESTQuickStart is the Milvus REST quick start against the binary.
func TestRESTQuickStart(t *testing.T) {
	s := StartServer(t)
	rc := newRESTClient(t, s)
	rc.ok("collections/create", `{"collectionName":"demo","dimension":4}`, nil)
	var rows []string
	for i := 0; i < 100; i++ {
		color := []string{"red", "blue"}[i%2]
		rows = append(rows, fmt.Sprintf(`{"id":%d,"vector":[%d,1,0.5,0.25],"color":%q}`, i, i, color))
	}
	var ins map[string]any
	rc.ok("entities/insert", `{"collectionName":"demo","data":[`+strings.Join(rows, ",")+`]}`, &ins)
	if ins["insertCount"] != json.Number("100") {
		t.Fatalf("insert %v", ins)
	}
	var hits []map[string]any
	rc.ok("entities/search", `{"collectionName":"demo","data":[[99,1,0.5,0.25]],"limit":3,"filter":"color == \"blue\"","outputFields":["color"]}`, &hits)
	if len(hits) != 3 || hits[0]["id"] != json.Number("99") || hits[0]["color"] != "blue" || hits[0]["distance"] == nil {
		t.Fatalf("search %v", hits)
	}
	var got []map[string]any
	rc.ok("entities/get", `{"collectionName":"demo","id":[5,6],"outputFields":["color"]}`, &got)
	want := []map[string]any{{"id": json.Number("5"), "color": "blue"}, {"id": json.Number("6"), "color": "red"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("get %v", got)
	}
	var del map[string]any
	rc.ok("entities/delete", `{"collectionName":"demo","filter":"id < 10"}`, &del)
	rc.ok("entities/upsert", `{"collectionName":"demo","data":[{"id":50,"vector":[0,0,0,1],"color":"green"}]}`, nil)
	var cnt []map[string]any
	rc.ok("entities/query", `{"collectionName":"demo","filter":"","outputFields":["count(*)"]}`, &cnt)
	if cnt[0]["count(*)"] != json.Number("90") {
		t.Fatalf("count after delete+upsert %v", cnt)
	}
	var green []map[string]any
	rc.ok("entities/query", `{"collectionName":"demo","filter":"color == \"green\"","outputFields":["id"]}`, &green)
	if len(green) != 1 || green[0]["id"] != json.Number("50") {
		t.Fatalf("upserted row %v", green)
	}
	var desc map[string]any
	rc.ok("collections/describe", `{"collectionName":"demo"}`, &desc)
	if desc["load"] != "LoadStateLoaded" || desc["enableDynamicField"] != true {
		t.Fatalf("describe %v", desc)
	}
}

func TestRESTErrorsAndUnknownEndpoints(t *testing.T) {
	s := StartServer(t)
	rc := newRESTClient(t, s)
	rc.fails("collections/describe", `{"collectionName":"nope"}`, codeCollectionNotFound, "can't find collection[database=default][collection=nope]")
	rc.fails("collections/describe", `{}`, 1802, "missing required parameters")
	rc.fails("collections/describe", `{`, 1801, "can only accept json format request")
	rc.fails("roles/list", `{}`, 10, "/v2/vectordb/roles/list is not supported by Kite")
	rc.ok("collections/create", `{"collectionName":"c","dimension":2}`, nil)
	rc.fails("entities/insert", `{"collectionName":"c","data":[{"id":1,"vector":[1]}]}`, 1804, "vector dimension 2")
	rc.ok("collections/release", `{"collectionName":"c"}`, nil)
	rc.fails("entities/query", `{"collectionName":"c","filter":"id > 0"}`, codeCollectionNotLoaded, "collection not loaded")

	// A failure names a request ID that the server's log line carries too,
	// and REST requests are counted in /metrics.
	env := rc.call("collections/describe", `{"collectionName":"gone"}`)
	if env.ReqID == "" || !s.WaitLog("request_id="+env.ReqID, 5*time.Second) {
		t.Fatalf("request id %q not in the server log", env.ReqID)
	}
	resp, err := http.Get("http://" + s.MetricsAddr + "/metrics")
	ok(t, err, "GET /metrics")
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(metrics), `kite_rpc_requests_total{code="100",method="rest:collections/describe"}`) {
		t.Fatalf("/metrics does not count REST requests:\n%s", metrics)
	}
}

// TestRESTHybridSearch fuses two vector fields' searches through REST on the binary.
func TestRESTHybridSearch(t *testing.T) {
	s := StartServer(t)
	rc := newRESTClient(t, s)
	rc.ok("collections/create", `{"collectionName":"mv","schema":{"fields":[
	  {"fieldName":"id","dataType":"Int64","isPrimary":true},
	  {"fieldName":"a","dataType":"FloatVector","elementTypeParams":{"dim":2}},
	  {"fieldName":"b","dataType":"FloatVector","elementTypeParams":{"dim":2}}]},
	  "indexParams":[{"fieldName":"a","metricType":"L2"},{"fieldName":"b","metricType":"L2"}]}`, nil)
	rc.ok("entities/insert", `{"collectionName":"mv","data":[
	  {"id":1,"a":[0,0],"b":[9,9]},{"id":2,"a":[1,0],"b":[1,0]},{"id":3,"a":[9,9],"b":[0,0]},{"id":4,"a":[5,5],"b":[5,5]}]}`, nil)
	var hits []map[string]any
	rc.ok("entities/hybrid_search", `{"collectionName":"mv","limit":2,
	  "search":[{"data":[[0,0]],"annsField":"a","limit":3},{"data":[[0,0]],"annsField":"b","limit":3}],
	  "rerank":{"strategy":"rrf","params":{"k":10}}}`, &hits)
	if len(hits) != 2 || hits[0]["id"] != json.Number("2") || hits[1]["id"] != json.Number("4") {
		t.Fatalf("hybrid search %v", hits)
	}
}

// TestRESTAndGRPCOnOnePort uses the Go SDK, a raw milvuspb client and plain
// HTTP on the same port at once; each sees the others' changes.
func TestRESTAndGRPCOnOnePort(t *testing.T) {
	s := StartServer(t)
	rc := newRESTClient(t, s)
	sdk := s.Client()
	raw := s.Raw()
	ctx := ctxT(t, 60*time.Second)

	rc.ok("collections/create", `{"collectionName":"from_rest","dimension":2}`, nil)
	rc.ok("entities/insert", `{"collectionName":"from_rest","data":[{"id":1,"vector":[1,0]},{"id":2,"vector":[0,1]}]}`, nil)
	names, err := sdk.ListCollections(ctx, milvusclient.NewListCollectionOption())
	ok(t, err, "SDK list collections")
	if !slices.Contains(names, "from_rest") {
		t.Fatalf("SDK does not see the REST collection: %v", names)
	}
	q, err := raw.Query(ctx, &milvuspb.QueryRequest{CollectionName: "from_rest", OutputFields: []string{"count(*)"}})
	ok(t, merr.CheckRPCCall(q, err), "raw query")
	if n := q.GetFieldsData()[0].GetScalars().GetLongData().GetData()[0]; n != 2 {
		t.Fatalf("gRPC counts %d rows written over REST", n)
	}
	ok(t, sdk.CreateDatabase(ctx, milvusclient.NewCreateDatabaseOption("from_grpc")), "SDK create database")
	var dbs []string
	rc.ok("databases/list", `{}`, &dbs)
	if !slices.Contains(dbs, "from_grpc") {
		t.Fatalf("REST does not see the gRPC database: %v", dbs)
	}

	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := 0; g < 4; g++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				r, err := raw.HasCollection(ctx, &milvuspb.HasCollectionRequest{CollectionName: "from_rest"})
				if err := merr.CheckRPCCall(r, err); err != nil || !r.GetValue() {
					errs <- fmt.Errorf("gRPC HasCollection: %v %v", err, r)
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				resp, err := rc.hc.Post(rc.base+"collections/has", "application/json", strings.NewReader(`{"collectionName":"from_rest"}`))
				if err != nil {
					errs <- err
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if !strings.Contains(string(b), `"has":true`) {
					errs <- fmt.Errorf("REST has: %s", b)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestRESTWritesSurviveRestart checks acknowledged REST writes are durable.
func TestRESTWritesSurviveRestart(t *testing.T) {
	s := StartServer(t)
	rc := newRESTClient(t, s)
	rc.ok("collections/create", `{"collectionName":"durable","dimension":2,"idType":"VarChar","params":{"max_length":8}}`, nil)
	rc.ok("entities/insert", `{"collectionName":"durable","data":[{"id":"a","vector":[1,0],"n":1},{"id":"b","vector":[0,1],"n":2}]}`, nil)
	s.KillRestart()
	rc = newRESTClient(t, s)
	var got []map[string]any
	rc.ok("entities/query", `{"collectionName":"durable","filter":"n >= 1","outputFields":["n"]}`, &got)
	want := []map[string]any{{"id": "a", "n": json.Number("1")}, {"id": "b", "n": json.Number("2")}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after kill -9 and restart: %v", got)
	}
}
