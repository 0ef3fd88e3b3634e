package ops

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestDoctorOffline(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	fill(t, n)
	n.stop()
	r := Doctor(context.Background(), DoctorOptions{Dir: dir, Version: "test", APIVersion: "v2.6.6"})
	if r.Findings.Worst() == Error {
		t.Fatalf("errors on a healthy data dir:\n%s", dump(r.Findings))
	}
	if len(r.Collections) != 2 || r.Disk == nil || r.Fsync == nil || r.Meta == nil || r.Meta.FileReport == nil {
		t.Fatalf("incomplete report: %+v", r)
	}
	books := r.Collections[0]
	if books.Name != "books" || books.Segments != 3 || books.Rows != 150 || books.Deletes != 4 || books.WALBytes == 0 {
		t.Fatalf("books: %+v", books)
	}
	if !hasFinding(r.Findings, Warn, "no metadata snapshots") || !hasFinding(r.Findings, Info, "vector field vec has no index") {
		t.Fatalf("findings:\n%s", dump(r.Findings))
	}
	var out strings.Builder
	r.Print(&out)
	for _, want := range []string{"versions", "fsync", "books", "fix:"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("output lacks %q:\n%s", want, out.String())
		}
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}
}

func TestDoctorWhileServingAndDamaged(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	n.create("", "books")
	mux := http.NewServeMux()
	mux.Handle(BackupPath, BackupHandler(n.kv.DB()))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("OK")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	r := Doctor(context.Background(), DoctorOptions{Dir: dir, Server: addr, Version: "test"})
	if r.Server == nil || !r.Server.Healthy || !strings.HasPrefix(r.Meta.Via, "server") || len(r.Collections) != 1 {
		t.Fatalf("served report: %+v %+v\n%s", r.Server, r.Meta, dump(r.Findings))
	}
	n.stop()
	writeFile(t, dir.Meta(), []byte(strings.Repeat("x", 8192)))
	r = Doctor(context.Background(), DoctorOptions{Dir: dir, Version: "test"})
	if !hasFinding(r.Findings, Error, "not a valid Kite metadata file") {
		t.Fatalf("damaged metadata not reported:\n%s", dump(r.Findings))
	}
}
