package shard

import (
	"context"
	"math/rand"
	"path/filepath"
	"sort"
	"testing"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/metastore"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
	"github.com/kite-db/kite/internal/tso"
)

const (
	collID  = 7
	partA   = 1
	partB   = 2
	pkID    = 100
	vecID   = 101
	valueID = 102
)

type fixture struct {
	t      *testing.T
	dir    string
	walDir string
	kv     *metastore.Bolt
	cat    *catalog.Catalog
	oracle *tso.Oracle
	sh     *Shard
}

func newFixture(t *testing.T, sealRows int) *fixture {
	f := &fixture{t: t, dir: t.TempDir(), oracle: tso.New(0)}
	f.walDir = filepath.Join(f.dir, "wal")
	f.openCatalog()
	col := &catalog.Collection{ID: collID, DBID: catalog.DefaultDBID, Name: "c", Schema: schema.Collection{Name: "c", Fields: []schema.Field{
		{ID: pkID, Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{ID: vecID, Name: "v", DataType: schema.FloatVector, Dim: 2},
		{ID: valueID, Name: "x", DataType: schema.Int64},
	}}, Partitions: []catalog.Partition{{ID: partA, Name: "_default"}, {ID: partB, Name: "b"}}}
	if err := f.cat.PutCollection(col); err != nil {
		t.Fatal(err)
	}
	f.openShard(sealRows)
	t.Cleanup(func() { f.sh.Close(); f.kv.Close() })
	return f
}

func (f *fixture) openCatalog() {
	kv, err := metastore.OpenBolt(filepath.Join(f.dir, "meta.db"))
	if err != nil {
		f.t.Fatal(err)
	}
	f.kv = kv
	if f.cat, err = catalog.Open(kv); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) openShard(sealRows int) {
	sh, err := Open(collID, Config{WALDir: f.walDir, ObjectRoot: filepath.Join(f.dir, "objects"), SealRows: sealRows, NoSync: true}, f.cat, f.oracle)
	if err != nil {
		f.t.Fatal(err)
	}
	f.sh = sh
}

// reopen closes everything and recovers from disk with a fresh oracle.
func (f *fixture) reopen() {
	f.sh.Close()
	f.kv.Close()
	f.oracle = tso.New(0)
	f.openCatalog()
	f.openShard(f.sh.cfg.SealRows)
}

func rows(pks []int64, x int64) map[int64]*column.Column {
	vecs := make([]float32, 0, 2*len(pks))
	xs := make([]int64, len(pks))
	for i, pk := range pks {
		vecs = append(vecs, float32(pk), 1)
		xs[i] = x
	}
	return map[int64]*column.Column{
		pkID:    {Type: schema.Int64, Ints: append([]int64(nil), pks...)},
		vecID:   {Type: schema.FloatVector, Dim: 2, FloatVecs: vecs},
		valueID: {Type: schema.Int64, Ints: xs},
	}
}

// snapshot reads the shard at ts under a context that is never cancelled.
func (f *fixture) snapshot(ts uint64, parts []int64) *Snapshot {
	snap, err := f.sh.Snapshot(context.Background(), ts, parts)
	if err != nil {
		f.t.Error(err) // Error, not Fatal: some callers run off the test goroutine
	}
	return snap
}

// visible returns (pk, x) of every visible row, sorted.
func (f *fixture) visible(parts []int64) [][2]int64 {
	snap := f.snapshot(f.oracle.Next(), parts)
	defer snap.Release()
	var out [][2]int64
	for _, v := range snap.Views {
		v.Visible.ForEach(func(i int) bool {
			out = append(out, [2]int64{v.Cols[pkID].Ints[i], v.Cols[valueID].Ints[i]})
			return true
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] || out[i][0] == out[j][0] && out[i][1] < out[j][1] })
	return out
}

// model is the expected content: partition → pk → values of live copies.
type model map[int64]map[int64][]int64

func (m model) rows() [][2]int64 {
	var out [][2]int64
	for _, part := range m {
		for pk, xs := range part {
			for _, x := range xs {
				out = append(out, [2]int64{pk, x})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] || out[i][0] == out[j][0] && out[i][1] < out[j][1] })
	return out
}

func TestShardAgainstModel(t *testing.T) {
	seed := int64(20261129)
	rng := rand.New(rand.NewSource(seed))
	f := newFixture(t, 40)
	m := model{partA: {}, partB: {}}
	ctx := context.Background()
	for step := 0; step < 400; step++ {
		part := []int64{partA, partB}[rng.Intn(2)]
		pks := []int64{int64(rng.Intn(30)), int64(rng.Intn(30))}
		if pks[0] == pks[1] {
			pks = pks[:1]
		}
		x := int64(step)
		switch op := rng.Intn(10); {
		case op < 4:
			if _, err := f.sh.Insert(ctx, part, rows(pks, x)); err != nil {
				t.Fatal(err)
			}
			for _, pk := range pks {
				m[part][pk] = append(m[part][pk], x)
			}
		case op < 6:
			if _, err := f.sh.Upsert(ctx, part, rows(pks, x)); err != nil {
				t.Fatal(err)
			}
			for _, pk := range pks {
				delete(m[partA], pk)
				delete(m[partB], pk)
				m[part][pk] = []int64{x}
			}
		case op < 8:
			target := int64(segment.AllPartitions)
			if rng.Intn(2) == 0 {
				target = part
			}
			if _, err := f.sh.Delete(ctx, target, rows(pks, 0)[pkID]); err != nil {
				t.Fatal(err)
			}
			for p := range m {
				if target == segment.AllPartitions || target == p {
					for _, pk := range pks {
						delete(m[p], pk)
					}
				}
			}
		case op == 8:
			if err := f.sh.Flush(ctx); err != nil {
				t.Fatal(err)
			}
		default:
			f.reopen()
		}
		if got, want := f.visible(nil), m.rows(); !equalRows(got, want) {
			t.Fatalf("seed %d step %d: visible %v\nwant %v", seed, step, got, want)
		}
	}
	if got, want := f.visible([]int64{partB}), (model{partB: m[partB]}).rows(); !equalRows(got, want) {
		t.Fatalf("partition filter: %v want %v", got, want)
	}
}

func equalRows(a, b [][2]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFlushTruncatesWAL(t *testing.T) {
	f := newFixture(t, 1_000_000)
	ctx := context.Background()
	for i := 0; i < 50; i++ {
		if _, err := f.sh.Insert(ctx, partA, rows([]int64{int64(i)}, 1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.sh.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if first := f.sh.log.FirstLSN(); first != 0 && first <= 50 {
		t.Fatalf("WAL still starts at %d after flush", first)
	}
	st := f.sh.Stats()
	if st.SealedRows != 50 || st.GrowingRows != 0 {
		t.Fatalf("stats %+v", st)
	}
	f.reopen()
	if n := len(f.visible(nil)); n != 50 {
		t.Fatalf("after reopen %d rows", n)
	}
}
