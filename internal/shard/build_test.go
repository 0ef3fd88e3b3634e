package shard

import (
	"context"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/segment"
)

// Closing a shard stops an HNSW build in progress instead of waiting for
// it; the build is not recorded as failed, and a reopened shard builds it.
// (f.reopen closes the shard again: Close is idempotent.)
func TestCloseStopsIndexBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an HNSW graph twice")
	}
	f := newFixture(t, 1_000_000)
	pks := make([]int64, 60000)
	for i := range pks {
		pks[i] = int64(i)
	}
	f.insert(partA, pks, 0)
	f.flush()
	spec := index.Spec{Type: index.HNSW, Metric: index.L2, Params: map[string]string{"M": "16", "efConstruction": "200"}}
	sealed, _ := f.sh.Segments()
	vecs := sealed[0].Snapshot(^uint64(0), segment.NewDeleteLog()).Cols[vecID]
	start := time.Now()
	if _, err := index.Build(context.Background(), spec, vecs); err != nil {
		t.Fatal(err)
	}
	whole := time.Since(start)

	col, _ := f.cat.CollectionByID(collID)
	n := col.Clone()
	n.Indexes = append(n.Indexes, catalog.Index{ID: 66, Name: "v", FieldID: vecID, Type: index.HNSW, BuildType: index.HNSW, Metric: index.L2, Params: spec.Params})
	if err := f.cat.PutCollection(n); err != nil {
		t.Fatal(err)
	}
	f.sh.BuildIndexes()
	time.Sleep(whole / 10) // the build is under way
	start = time.Now()
	f.sh.Close()
	took := time.Since(start)
	if took > whole/2 {
		t.Errorf("Close took %v; the whole build takes %v", took, whole)
	}
	t.Logf("whole build %v, Close %v", whole, took)
	if sealed[0].HasIndex(vecID) || len(f.sh.Stats().IndexErrors) > 0 {
		t.Fatalf("a stopped build left an index or an error: %v", f.sh.Stats().IndexErrors)
	}
	f.reopen()
	f.sh.BuildIndexes()
	f.sh.bg.Wait()
	if st := f.sh.Stats(); st.IndexedRows[vecID] != len(pks) {
		t.Fatalf("after reopening: %d of %d rows indexed", st.IndexedRows[vecID], len(pks))
	}
}
