package ops

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestVerifyFindsDisagreements(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	n.create("", "books")
	n.insert("", "books", "", 0, 10)
	n.flush("", "books")
	n.insert("", "books", "", 10, 10)
	n.flush("", "books")
	id := n.collID("", "books")
	n.stop()
	if fs := verify(t, dir); len(fs) != 0 {
		t.Fatalf("clean data dir:\n%s", dump(fs))
	}
	coll := filepath.Join(dir.Objects(), strconv.FormatInt(id, 10))
	segs, _ := filepath.Glob(filepath.Join(coll, "*", "*", "meta.json"))
	os.RemoveAll(filepath.Dir(segs[0]))
	os.Truncate(filepath.Join(filepath.Dir(segs[1]), "ts.bin"), 8)
	writeFile(t, filepath.Join(coll, "999", "5", "meta.json"), []byte("{}"))
	writeFile(t, filepath.Join(dir.WAL(), "12345", "0000000000000001.wal"), []byte("KWAL"))
	fs := verify(t, dir)
	for _, want := range []struct {
		sev Severity
		msg string
	}{
		{Error, "is missing"},
		{Error, "does not open"},
		{Warn, "is not in the metadata"},
		{Warn, "files of collection 12345"},
	} {
		if !hasFinding(fs, want.sev, want.msg) {
			t.Errorf("no %s finding %q in:\n%s", want.sev, want.msg, dump(fs))
		}
	}
}

// Copying an old backup over meta.db by hand, as Milvus's guide does with
// etcd files, leaves a checkpoint behind the WAL; verify names it.
func TestVerifyCatchesStaleMetadata(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	n.create("", "books")
	n.insert("", "books", "", 0, 10)
	id := n.collID("", "books")
	n.stop()
	old := filepath.Join(t.TempDir(), "old.db")
	copyFile(dir.Meta(), old)
	n = start(t, dir)
	n.flush("", "books")
	n.stop()
	truncateWAL(t, dir, id)
	copyFile(old, dir.Meta())
	fs := verify(t, dir)
	if !hasFinding(fs, Error, "the metadata is older than the data") {
		t.Fatalf("stale checkpoint not found:\n%s", dump(fs))
	}
	if _, err := Restore(dir, dir.Meta()); err != nil { // kite meta repair
		t.Fatal(err)
	}
	if fs := verify(t, dir); fs.Worst() != OK {
		t.Fatalf("after repair:\n%s", dump(fs))
	}
	n = start(t, dir)
	if got := n.count("", "books"); got != 10 {
		t.Fatalf("%d rows after repair, want 10", got)
	}
}

// While a server holds meta.db, reads and backups go through its endpoint.
func TestReadsThroughServerWhileServing(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	n.create("", "books")
	srv := httptest.NewServer(BackupHandler(n.kv.DB()))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	if err := dir.WriteServer(serverInfo(addr)); err != nil {
		t.Fatal(err)
	}
	v, err := Source{Dir: dir}.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	keys, err := v.List("by-dev/meta/collection/")
	if err != nil || len(keys) != 1 {
		t.Fatalf("keys %v %v", keys, err)
	}
	var out bytes.Buffer
	if err := v.Get(keys[0].Key, &out); err != nil || !strings.Contains(out.String(), "\n  \"name\": \"books\"") {
		t.Fatalf("get: %v\n%s", err, out.String())
	}
	if err := v.Get("by-dev/meta/nope", &out); !errors.Is(err, ErrNoKey) {
		t.Fatalf("get missing key: %v", err)
	}
	tmp := v.Path
	v.Close()
	if _, err := os.Stat(tmp); err == nil {
		t.Fatal("fetched snapshot not removed")
	}
	backup := filepath.Join(t.TempDir(), "b.db")
	res, err := Backup(context.Background(), Source{Dir: dir}, backup, false)
	if err != nil || res.Collections != 1 || !strings.HasPrefix(res.Via, "server") {
		t.Fatalf("backup %+v %v", res, err)
	}
}
