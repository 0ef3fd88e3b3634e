package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/metastore"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
)

// dataDir makes a data dir with one flushed collection and some WAL rows.
func dataDir(t *testing.T) string {
	dir := t.TempDir()
	kv, err := metastore.OpenBolt(filepath.Join(dir, "meta.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer kv.Close()
	cat, err := catalog.Open(kv)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := service.Open(service.Config{DataDir: dir, SealRows: 1 << 20, NoSync: true}, cat)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	sch := schema.Collection{Name: "books", Fields: []schema.Field{
		{ID: 100, Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{ID: 101, Name: "vec", DataType: schema.FloatVector, TypeParams: map[string]string{"dim": "2"}},
	}}
	if err := svc.CreateCollection(context.Background(), service.CreateCollection{Schema: sch}); err != nil {
		t.Fatal(err)
	}
	for _, flush := range []bool{true, false} {
		ids, vecs := column.New(schema.Int64, 0), column.New(schema.FloatVector, 2)
		for i := 0; i < 10; i++ {
			ids.Ints = append(ids.Ints, int64(len(ids.Ints)))
			vecs.FloatVecs = append(vecs.FloatVecs, 1, 2)
		}
		w := service.Write{Collection: "books", Columns: map[string]*column.Column{"id": ids, "vec": vecs}, NumRows: 10}
		if _, err := svc.Insert(context.Background(), w); err != nil {
			t.Fatal(err)
		}
		if flush {
			if _, err := svc.Flush(context.Background(), service.Flush{Collections: []string{"books"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// run executes a command tree with args and returns its output.
func run(t *testing.T, cmd *cobra.Command, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.ExecuteContext(context.Background())
	return out.String(), err
}

func TestMetaCommands(t *testing.T) {
	dir := dataDir(t)
	backup := filepath.Join(t.TempDir(), "meta.backup")
	steps := []struct {
		args []string
		want string // in the output
		fail bool
	}{
		{[]string{"backup", backup, "--data-dir", dir}, "read from file", false},
		{[]string{"backup", backup, "--data-dir", dir}, "", true}, // exists
		{[]string{"ls", "--data-dir", dir}, "by-dev/meta/format", false},
		{[]string{"ls", "by-dev/meta/segment/", "--file", backup, "--json"}, `"bytes"`, false},
		{[]string{"get", "by-dev/meta/format", "--data-dir", dir}, "\"version\": 1", false},
		{[]string{"get", "by-dev/meta/nope", "--data-dir", dir}, "", true},
		{[]string{"verify", "--data-dir", dir}, "1 collection(s), 1 segment(s), 10 row(s)", false},
		{[]string{"snapshots", "--data-dir", dir}, "no snapshots yet", false},
		{[]string{"rebuild", "--data-dir", dir}, "", true},                   // --from-storage is required
		{[]string{"rebuild", "--from-storage", "--data-dir", dir}, "", true}, // intact metadata
		{[]string{"rebuild", "--from-storage", "--dry-run", "--data-dir", dir}, "dry run", false},
		{[]string{"repair", "--data-dir", dir}, "kept as", false},
		{[]string{"restore", backup, "--data-dir", dir, "--json"}, `"kept"`, false},
	}
	for _, s := range steps {
		out, err := run(t, metaCmd(), s.args...)
		if (err != nil) != s.fail || !strings.Contains(out, s.want) {
			t.Fatalf("kite meta %s: err %v, output:\n%s", strings.Join(s.args, " "), err, out)
		}
	}
	os.Remove(filepath.Join(dir, "meta.db"))
	out, err := run(t, metaCmd(), "rebuild", "--from-storage", "--data-dir", dir, "--json")
	var res struct{ Result struct{ Collections int } }
	if err != nil || json.Unmarshal([]byte(out), &res) != nil || res.Result.Collections != 1 {
		t.Fatalf("rebuild: %v\n%s", err, out)
	}
	if out, err := run(t, metaCmd(), "verify", "--data-dir", dir); err != nil {
		t.Fatalf("verify after rebuild: %v\n%s", err, out)
	}
}

func TestMetaVerifyFails(t *testing.T) {
	dir := dataDir(t)
	segs, _ := filepath.Glob(filepath.Join(dir, "objects", "*", "*", "*"))
	os.RemoveAll(segs[0])
	out, err := run(t, metaCmd(), "verify", "--data-dir", dir)
	if err == nil || !strings.Contains(out, "ERROR") || !strings.Contains(out, "fix:") {
		t.Fatalf("verify of a data dir missing a segment: %v\n%s", err, out)
	}
}
