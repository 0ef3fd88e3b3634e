package e2e

import (
	"errors"
	"io"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// TestQueryIterator pages through a collection (sealed and growing rows,
// with deletes) with the SDK's query iterator: every live row once, in key
// order, honouring filter, batch size and limit.
func TestQueryIterator(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	const dim, n = 4, 1050
	createCollection(t, c, modelSchema("it", dim))
	m := newModel()
	m.set(1, dim, seqIDs(0, 600), 1)
	insert(t, c, m.rowsOpt("it", dim, seqIDs(0, 600)))
	flush(t, c, "it")
	m.set(2, dim, seqIDs(600, n-600), 1)
	insert(t, c, m.rowsOpt("it", dim, seqIDs(600, n-600)))
	indexAndLoad(t, c, "it", "vec", index.NewFlatIndex(entity.L2)) // a delete by filter reads the loaded collection
	_, err := c.Delete(ctx, milvusclient.NewDeleteOption("it").WithExpr("id % 10 == 3"))
	ok(t, err, "delete")
	for id := range m.rows {
		if id%10 == 3 {
			delete(m.rows, id)
		}
	}

	for _, tc := range []struct {
		name   string
		filter string
		batch  int
		limit  int64
		keep   func(id int64) bool
	}{
		{"all", "", 100, -1, func(int64) bool { return true }},
		{"filtered", "age > 3000", 64, -1, func(id int64) bool { return m.rows[id].age > 3000 }},
		{"limited", "id >= 0", 100, 250, func(int64) bool { return true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it, err := c.QueryIterator(ctx, milvusclient.NewQueryIteratorOption("it").WithFilter(tc.filter).
				WithBatchSize(tc.batch).WithIteratorLimit(tc.limit).WithOutputFields("tag").WithConsistencyLevel(strong))
			ok(t, err, "iterator")
			var got []int64
			for {
				rs, err := it.Next(ctx)
				if errors.Is(err, io.EOF) {
					break
				}
				ok(t, err, "next")
				if rs.ResultCount > tc.batch {
					t.Fatalf("batch of %d rows, batch size %d", rs.ResultCount, tc.batch)
				}
				ids, tags := int64Col(t, rs, "id"), strCol(t, rs, "tag")
				for i, id := range ids {
					if tags[i] != m.rows[id].tag {
						t.Fatalf("id %d tag %q, want %q", id, tags[i], m.rows[id].tag)
					}
				}
				got = append(got, ids...)
			}
			var want []int64
			for _, id := range m.ids() {
				if tc.keep(id) {
					want = append(want, id)
				}
			}
			if tc.limit > 0 {
				want = want[:tc.limit]
			}
			equalInts(t, "iterated ids", got, want)
		})
	}
}
