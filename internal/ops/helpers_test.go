package ops

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/metastore"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
	"github.com/kite-db/kite/internal/wal"
)

// node is a service on a data dir, as `kite serve` runs it.
type node struct {
	t   *testing.T
	dir datadir.Dir
	kv  *metastore.Bolt
	svc *service.Service
}

func newDir(t *testing.T) datadir.Dir { return datadir.Dir(t.TempDir()) }

func start(t *testing.T, dir datadir.Dir) *node {
	t.Helper()
	kv, err := metastore.OpenBolt(dir.Meta())
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(kv)
	if err != nil {
		kv.Close()
		t.Fatal(err)
	}
	svc, err := service.Open(service.Config{DataDir: string(dir), SealRows: 1 << 30, NoSync: true}, cat)
	if err != nil {
		kv.Close()
		t.Fatalf("open service: %v", err)
	}
	n := &node{t: t, dir: dir, kv: kv, svc: svc}
	t.Cleanup(n.stop)
	return n
}

func (n *node) stop() {
	if n.svc != nil {
		n.svc.Close()
		n.kv.Close()
		n.svc = nil
	}
}

func (n *node) create(db, name string, partitions ...string) {
	n.t.Helper()
	if db != "" && db != "default" {
		n.svc.CreateDatabase(context.Background(), service.CreateDatabase{DB: db}) // exists already on the second call
	}
	sch := schema.Collection{Name: name, Fields: []schema.Field{
		{ID: 100, Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{ID: 101, Name: "vec", DataType: schema.FloatVector, TypeParams: map[string]string{"dim": "2"}},
	}}
	if err := n.svc.CreateCollection(context.Background(), service.CreateCollection{DB: db, Schema: sch}); err != nil {
		n.t.Fatal(err)
	}
	for _, p := range partitions {
		if err := n.svc.CreatePartition(context.Background(), service.CreatePartition{DB: db, Collection: name, Partition: p}); err != nil {
			n.t.Fatal(err)
		}
	}
}

// insert writes ids from..from+count-1.
func (n *node) insert(db, coll, part string, from, count int) {
	n.t.Helper()
	ids := column.New(schema.Int64, 0)
	vecs := column.New(schema.FloatVector, 2)
	for i := from; i < from+count; i++ {
		ids.Ints = append(ids.Ints, int64(i))
		vecs.FloatVecs = append(vecs.FloatVecs, float32(i), 1)
	}
	_, err := n.svc.Insert(context.Background(), service.Write{DB: db, Collection: coll, Partition: part,
		Columns: map[string]*column.Column{"id": ids, "vec": vecs}, NumRows: count})
	if err != nil {
		n.t.Fatal(err)
	}
}

func (n *node) delete(db, coll, filter string) {
	n.t.Helper()
	if _, err := n.svc.Delete(context.Background(), service.Delete{DB: db, Collection: coll, Filter: filter}); err != nil {
		n.t.Fatal(err)
	}
}

func (n *node) flush(db, coll string) {
	n.t.Helper()
	if _, err := n.svc.Flush(context.Background(), service.Flush{DB: db, Collections: []string{coll}}); err != nil {
		n.t.Fatal(err)
	}
}

func (n *node) count(db, coll string, partitions ...string) int {
	n.t.Helper()
	c, err := n.svc.Statistics(context.Background(), service.Statistics{DB: db, Collection: coll, Partitions: partitions})
	if err != nil {
		n.t.Fatalf("count %s: %v", coll, err)
	}
	return c
}

func noErrors(t *testing.T, fs Findings) {
	t.Helper()
	if fs.Worst() == Error {
		var b strings.Builder
		fs.Print(&b)
		t.Fatalf("unexpected errors:\n%s", b.String())
	}
}

func hasFinding(fs Findings, sev Severity, substr string) bool {
	for _, f := range fs {
		if f.Severity == sev && strings.Contains(f.Message, substr) {
			return true
		}
	}
	return false
}

func dump(fs Findings) string {
	var b strings.Builder
	fs.Print(&b)
	return b.String()
}

func verify(t *testing.T, dir datadir.Dir) Findings {
	t.Helper()
	v, err := Source{Dir: dir}.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	cat, err := v.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	fs, _, err := Verify(dir, cat)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func (n *node) collID(db, name string) int64 {
	n.t.Helper()
	info, err := n.svc.DescribeCollection(context.Background(), service.DescribeCollection{DB: db, Collection: name})
	if err != nil {
		n.t.Fatal(err)
	}
	return info.Collection.ID
}

// truncateWAL leaves a collection's WAL as a flush leaves it when it removed
// every file: one empty file named for the next LSN (docs/format/wal.md).
func truncateWAL(t *testing.T, dir datadir.Dir, collID int64) {
	t.Helper()
	wdir := dir.CollectionWAL(collID)
	l, err := wal.Open(wdir, wal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	next := l.LastLSN() + 1
	l.Close()
	files, _ := filepath.Glob(filepath.Join(wdir, "*.wal"))
	for _, f := range files {
		os.Remove(f)
	}
	hdr := binary.LittleEndian.AppendUint32([]byte("KWAL"), 1)
	hdr = binary.LittleEndian.AppendUint64(hdr, next)
	writeFile(t, filepath.Join(wdir, fmt.Sprintf("%016x.wal", next)), hdr)
}

func serverInfo(metricsAddr string) datadir.ServerInfo {
	return datadir.ServerInfo{PID: os.Getpid(), MetricsAddr: metricsAddr}
}
