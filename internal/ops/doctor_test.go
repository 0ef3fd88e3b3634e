package ops

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/datadir"
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
	if books.Name != "books" || books.Segments != 3 || books.SealedRows != 150 || books.Deletes != 4 || books.WALBytes == 0 ||
		books.WALRows != 7 || books.WALDeletes != 1 || books.Rows != 157 {
		t.Fatalf("books: %+v", books)
	}
	if !hasFinding(r.Findings, Warn, "no metadata snapshots") || !hasFinding(r.Findings, Info, "vector field vec has no index") {
		t.Fatalf("findings:\n%s", dump(r.Findings))
	}
	var out strings.Builder
	r.Print(&out)
	for _, want := range []string{"versions", "fsync", "books", "fix:", "157 (7 in WAL, 1 deletes)"} {
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

func TestDoctorWithoutDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nope")
	r := Doctor(context.Background(), DoctorOptions{Dir: datadir.Dir(dir), Version: "test"})
	if !r.NoDataDir || len(r.Findings) != 1 || r.Disk != nil || r.Meta != nil {
		t.Fatalf("report on a missing data dir: %+v", r)
	}
	var out strings.Builder
	r.Print(&out)
	want := "no data dir at " + dir + " — nothing to diagnose; `kite serve --data-dir " + dir + "` creates it\n"
	if out.String() != want {
		t.Fatalf("printed %q, want %q", out.String(), want)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the doctor created %s", dir)
	}
	file := filepath.Join(t.TempDir(), "file")
	writeFile(t, file, []byte("x"))
	r = Doctor(context.Background(), DoctorOptions{Dir: datadir.Dir(file), Version: "test"})
	if r.NoDataDir || !hasFinding(r.Findings, Error, "is not a directory") || len(r.Findings) != 1 {
		t.Fatalf("report on a file: %+v", r)
	}
}

func TestDoctorWithoutMetadata(t *testing.T) {
	dir := newDir(t)
	r := Doctor(context.Background(), DoctorOptions{Dir: dir, Version: "test"})
	var fs Findings // but the disk's, which depend on the machine
	for _, f := range r.Findings {
		if f.Check != "disk" && f.Check != "fsync" {
			fs = append(fs, f)
		}
	}
	if len(fs) != 1 || !hasFinding(fs, Info, "the data dir is new") {
		t.Fatalf("an empty data dir: want one note, got:\n%s", dump(r.Findings))
	}
	n := start(t, dir)
	fill(t, n)
	n.stop()
	os.Remove(dir.Meta())
	r = Doctor(context.Background(), DoctorOptions{Dir: dir, Version: "test"})
	if !hasFinding(r.Findings, Error, "no metadata file, but the data dir holds") || hasFinding(r.Findings, Info, "is new") {
		t.Fatalf("data files without metadata:\n%s", dump(r.Findings))
	}
}

func TestCommandsOnAMissingDataDir(t *testing.T) {
	dir := datadir.Dir(filepath.Join(t.TempDir(), "nope"))
	dest := filepath.Join(t.TempDir(), "meta.backup")
	_, backupErr := Backup(context.Background(), Source{Dir: dir}, dest, false)
	_, openErr := Source{Dir: dir}.Open(context.Background())
	_, rebuildErr := Rebuild(dir, RebuildOptions{})
	_, repairErr := Restore(dir, dir.Meta())
	for name, err := range map[string]error{"backup": backupErr, "open": openErr, "rebuild": rebuildErr, "repair": repairErr} {
		if !errors.Is(err, ErrNoDataDir) || !strings.Contains(err.Error(), "--data-dir") {
			t.Errorf("%s on a missing data dir: %v", name, err)
		}
	}
	for _, p := range []string{string(dir), dest} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s was created", p)
		}
	}
}
