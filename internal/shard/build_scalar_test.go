package shard

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/segment"
)

// TestScalarIndexBuiltSavedAndReopened builds an AUTOINDEX on a scalar
// field after a flush, then checks that a restart maps the saved file
// instead of rebuilding, and that a damaged file is rebuilt.
func TestScalarIndexBuiltSavedAndReopened(t *testing.T) {
	f := newFixture(t, 1_000_000)
	ctx := context.Background()
	for i := 0; i < 7; i++ {
		pks := []int64{int64(10 * i), int64(10*i + 1), int64(10*i + 2)}
		if _, err := f.sh.Insert(ctx, partA, rows(pks, int64(i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.sh.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	col, _ := f.cat.CollectionByID(collID)
	n := col.Clone()
	n.Indexes = append(n.Indexes, catalog.Index{ID: 55, Name: "x", FieldID: valueID, Type: "AUTOINDEX"})
	if err := f.cat.PutCollection(n); err != nil {
		t.Fatal(err)
	}
	path := f.buildAndCheck(scalar.Bitmap) // 7 distinct values: BITMAP, as Milvus's HYBRID picks
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	f.reopen()
	f.buildAndCheck(scalar.Bitmap)
	if st2, _ := os.Stat(path); !st2.ModTime().Equal(st.ModTime()) {
		t.Fatal("index file rewritten at boot: it should have been opened")
	}
	if err := os.WriteFile(path, []byte("not an index"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.reopen()
	f.buildAndCheck(scalar.Bitmap)
}

// buildAndCheck builds indexes, waits, and checks the one on valueID.
func (f *fixture) buildAndCheck(want scalar.Type) string {
	f.t.Helper()
	f.sh.BuildIndexes()
	f.sh.bg.Wait()
	if st := f.sh.Stats(); st.IndexedRows[valueID] != st.SealedRows || st.SealedRows != 21 {
		f.t.Fatalf("stats %+v: want 21 indexed rows", st)
	}
	sealed, _ := f.sh.Segments()
	var path string
	for _, seg := range sealed {
		v := seg.Snapshot(^uint64(0), segment.NewDeleteLog())
		ix := v.ScalarIndex(valueID)
		if ix == nil || ix.Type() != want {
			f.t.Fatalf("segment %d: index %v, want %s", seg.ID, ix, want)
		}
		got := ix.Terms([]scalar.Key{{Int: 3}})
		for i := 0; i < v.N; i++ {
			if got.Test(i) != (v.Cols[valueID].Ints[i] == 3) {
				f.t.Fatalf("segment %d row %d: index says %v", seg.ID, i, got.Test(i))
			}
		}
		path = filepath.Join(seg.Dir, fmt.Sprintf("scalar_%d.ksidx", 55))
	}
	return path
}
