package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// muxServer is a whole Kite server on loopback ports.
type muxServer struct {
	addr   string
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
	err    error
}

// runMuxServer runs a server until the test ends (or stop).
func runMuxServer(t *testing.T) *muxServer {
	t.Helper()
	cfg := Default()
	cfg.DataDir, cfg.Host, cfg.Port, cfg.MetricsPort, cfg.NoSync, cfg.MinFreeMB = t.TempDir(), "127.0.0.1", 0, 0, true, 0
	s := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	m := &muxServer{cancel: cancel, done: make(chan error, 1)}
	go func() { m.done <- s.Run(ctx) }()
	t.Cleanup(func() {
		if err := m.stop(); err != nil {
			t.Error(err)
		}
	})
	select {
	case <-s.Started():
	case err := <-m.done:
		t.Fatalf("server stopped: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("server did not start")
	}
	m.addr = s.Addr.Load().(string)
	return m
}

// stop cancels Run and returns its result.
func (m *muxServer) stop() error {
	m.once.Do(func() {
		m.cancel()
		select {
		case m.err = <-m.done:
		case <-time.After(20 * time.Second):
			m.err = errors.New("graceful stop hung")
		}
	})
	return m.err
}

func restCall(t *testing.T, hc *http.Client, addr, path, body string) map[string]any {
	t.Helper()
	resp, err := hc.Post("http://"+addr+"/v2/vectordb/"+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatal(err)
	}
	if env["code"].(float64) != 0 {
		t.Fatalf("%s: %v", path, env)
	}
	return env
}

// TestGRPCAndRESTShareThePort drives a raw milvuspb client and plain HTTP
// against the same port at the same time, each seeing what the other did.
func TestGRPCAndRESTShareThePort(t *testing.T) {
	srv := runMuxServer(t)
	addr := srv.addr
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	mc := milvuspb.NewMilvusServiceClient(conn)
	hc := &http.Client{Timeout: 10 * time.Second}
	ctx := context.Background()

	restCall(t, hc, addr, "collections/create", `{"collectionName":"shared","dimension":2}`)
	restCall(t, hc, addr, "entities/insert", `{"collectionName":"shared","data":[{"id":1,"vector":[1,0]},{"id":2,"vector":[0,1]}]}`)
	q, err := mc.Query(ctx, &milvuspb.QueryRequest{CollectionName: "shared", OutputFields: []string{"count(*)"}})
	if err != nil || q.GetStatus().GetCode() != 0 {
		t.Fatalf("gRPC query: %v %v", err, q.GetStatus())
	}
	if n := q.GetFieldsData()[0].GetScalars().GetLongData().GetData()[0]; n != 2 {
		t.Fatalf("gRPC sees %d rows written over REST", n)
	}
	st, err := mc.CreateDatabase(ctx, &milvuspb.CreateDatabaseRequest{DbName: "grpcdb"})
	if err != nil || st.GetCode() != 0 {
		t.Fatalf("gRPC create database: %v %v", err, st)
	}
	dbs := restCall(t, hc, addr, "databases/list", `{}`)["data"].([]any)
	if len(dbs) != 2 {
		t.Fatalf("REST sees databases %v", dbs)
	}

	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 4; g++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				r, err := mc.HasCollection(ctx, &milvuspb.HasCollectionRequest{CollectionName: "shared"})
				if err != nil || !r.GetValue() || r.GetStatus().GetCode() != 0 {
					errs <- fmt.Sprintf("gRPC HasCollection: %v %v", err, r)
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				resp, err := hc.Post("http://"+addr+"/v2/vectordb/collections/has", "application/json", strings.NewReader(`{"collectionName":"shared"}`))
				if err != nil {
					errs <- "REST has: " + err.Error()
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if !strings.Contains(string(b), `"has":true`) {
					errs <- "REST has: " + string(b)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}

	v, err := mc.GetVersion(ctx, &milvuspb.GetVersionRequest{})
	if err != nil || v.GetStatus().GetErrorCode() != commonpb.ErrorCode_Success {
		t.Fatalf("GetVersion: %v %v", err, v)
	}
	if err := srv.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Fatal("port still open after stop")
	}
}
