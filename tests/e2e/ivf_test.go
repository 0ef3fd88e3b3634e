package e2e

import (
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// The IVF family through the Go SDK with Milvus's build and search params,
// on sealed (indexed) data: with nprobe = nlist IVF_FLAT is exact, and every
// type finds a stored vector as its own nearest neighbour.
func TestIVFIndexesThroughSDK(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 3*time.Minute)
	const n, dim = 1500, 16
	vecs := randVecs(newRand(31), n, dim)
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(i)
	}
	for name, ix := range map[string]index.Index{
		"ivf_flat": index.NewIvfFlatIndex(entity.L2, 8),
		"ivf_sq8":  index.NewIvfSQ8Index(entity.IP, 8),
		"ivf_pq":   index.NewIvfPQIndex(entity.L2, 8, 4, 8),
	} {
		sch := entity.NewSchema().WithName(name).
			WithField(entity.NewField().WithName("id").WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true)).
			WithField(entity.NewField().WithName("v").WithDataType(entity.FieldTypeFloatVector).WithDim(dim))
		ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption(name, sch).
			WithIndexOptions(milvusclient.NewCreateIndexOption(name, "v", ix))), "create %s", name)
		_, err := c.Insert(ctx, milvusclient.NewColumnBasedInsertOption(name).
			WithColumns(column.NewColumnInt64("id", ids), column.NewColumnFloatVector("v", dim, vecs)))
		ok(t, err, "insert %s", name)
		flushAndWait(t, c, name)
		lt, err := c.LoadCollection(ctx, milvusclient.NewLoadCollectionOption(name))
		ok(t, err, "load %s", name)
		ok(t, lt.Await(ctx), "await load %s", name)
		for _, q := range []int{3, 777, 1499} {
			rs, err := c.Search(ctx, milvusclient.NewSearchOption(name, 5, []entity.Vector{entity.FloatVector(vecs[q])}).
				WithANNSField("v").WithAnnParam(index.NewIvfAnnParam(8)).WithConsistencyLevel(strong))
			ok(t, err, "search %s", name)
			got, err := rs[0].IDs.GetAsInt64(0)
			ok(t, err, "ids")
			if name != "ivf_sq8" && got != int64(q) { // IP does not rank a vector first against itself
				t.Fatalf("%s: nearest to row %d is %d", name, q, got)
			}
			if rs[0].ResultCount != 5 {
				t.Fatalf("%s: %d results", name, rs[0].ResultCount)
			}
		}
	}
}

func flushAndWait(t *testing.T, c *milvusclient.Client, name string) {
	t.Helper()
	ctx := ctxT(t, time.Minute)
	task, err := c.Flush(ctx, milvusclient.NewFlushOption(name))
	ok(t, err, "flush %s", name)
	ok(t, task.Await(ctx), "await flush %s", name)
	for i := 0; i < 300; i++ {
		d, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption(name, "v"))
		ok(t, err, "describe index %s", name)
		if d.PendingIndexRows == 0 && d.IndexedRows > 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("index of %s not built", name)
}
