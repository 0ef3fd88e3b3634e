package e2e

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
)

// TestReadsDuringSealsAndUpserts upserts existing keys while growing data is
// sealed in the background and flushes run, and checks every read in the
// meantime: each key is seen exactly once (an upsert is a delete and an
// insert at one timestamp), counts never waver, and strong reads see every
// acknowledged insert.
func TestReadsDuringSealsAndUpserts(t *testing.T) {
	s := StartServer(t, "--seal-rows", "300")
	c := s.Client()
	raw := s.Raw()
	ctx := ctxT(t, 120*time.Second)
	const keys, dim = 2000, 4
	createCollection(t, c, floatSchema("live", dim, entity.NewField().WithName("ver").WithDataType(entity.FieldTypeInt64)))
	indexAndLoad(t, c, "live", "vec", index.NewFlatIndex(entity.L2))
	rows := func(ids []int64, ver int64) []*schemapb.FieldData {
		vers := make([]int64, len(ids))
		vecs := make([][]float32, len(ids))
		for i, id := range ids {
			vers[i] = ver
			vecs[i] = []float32{float32(id), float32(ver), 0, 1}
		}
		return []*schemapb.FieldData{rawInt64("id", ids), rawInt64("ver", vers), rawFloatVec("vec", dim, vecs)}
	}
	for lo := 0; lo < keys; lo += 500 {
		r, err := raw.Insert(ctx, &milvuspb.InsertRequest{CollectionName: "live", NumRows: 500, FieldsData: rows(seqIDs(lo, 500), 0)})
		ok(t, merr.CheckRPCCall(r, err), "insert")
	}

	deadline := time.Now().Add(3 * time.Second)
	if testing.Short() {
		deadline = time.Now().Add(time.Second)
	}
	var wg sync.WaitGroup
	var failed atomic.Value
	fail := func(format string, args ...any) { failed.CompareAndSwap(nil, fmt.Sprintf(format, args...)) }
	running := func() bool { return time.Now().Before(deadline) && failed.Load() == nil }
	var extra atomic.Int64 // keys inserted beyond the first 2000, acknowledged
	// Upserters rewrite random existing keys; one inserter adds new keys.
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := newRand(uint64(500 + w))
			for ver := int64(1); running(); ver++ {
				ids := map[int64]bool{}
				for len(ids) < 50 {
					ids[int64(r.IntN(keys))] = true
				}
				var list []int64
				for id := range ids {
					list = append(list, id)
				}
				resp, err := raw.Upsert(ctx, &milvuspb.UpsertRequest{CollectionName: "live", NumRows: 50, FieldsData: rows(list, ver)})
				if err := merr.CheckRPCCall(resp, err); err != nil {
					fail("upsert: %v", err)
				}
			}
		}(w)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for next := int64(keys); running(); next += 10 {
			resp, err := raw.Insert(ctx, &milvuspb.InsertRequest{CollectionName: "live", NumRows: 10, FieldsData: rows(seqIDs(int(next), 10), 0)})
			if err := merr.CheckRPCCall(resp, err); err != nil {
				fail("insert: %v", err)
			}
			extra.Add(10)
		}
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for running() {
			fctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			resp, err := raw.Flush(fctx, &milvuspb.FlushRequest{CollectionNames: []string{"live"}})
			cancel()
			if err := merr.CheckRPCCall(resp, err); err != nil {
				fail("flush: %v", err)
			}
			time.Sleep(40 * time.Millisecond)
		}
	}()
	// Readers.
	reads := atomic.Int64{}
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := newRand(uint64(600 + w))
			for running() {
				before := keys + extra.Load()
				rs, err := c.Query(ctx, milvusclient.NewQueryOption("live").WithFilter("id >= 0").
					WithOutputFields("count(*)").WithConsistencyLevel(strong))
				if err != nil {
					fail("count: %v", err)
					return
				}
				n, _ := rs.GetColumn("count(*)").GetAsInt64(0)
				after := keys + extra.Load() + 10 // one insert may be in flight
				if n < before || n > after {
					fail("count(*) = %d while between %d and %d keys exist", n, before, after)
					return
				}
				// A window of keys that only upserts touch: each exactly once.
				lo := r.IntN(keys - 100)
				rs, err = c.Query(ctx, milvusclient.NewQueryOption("live").WithFilter(fmt.Sprintf("id >= %d and id < %d", lo, lo+100)).
					WithOutputFields("ver").WithConsistencyLevel(strong))
				if err != nil {
					fail("query: %v", err)
					return
				}
				ids := int64Col(t, rs, "id")
				if len(ids) != 100 {
					fail("keys %d..%d: %d rows, want 100 (each key once): %v", lo, lo+100, len(ids), ids)
					return
				}
				for i, id := range ids {
					if id != int64(lo+i) {
						fail("keys %d..%d: row %d is key %d", lo, lo+100, i, id)
						return
					}
				}
				// Search: no key twice among the hits.
				q := entity.FloatVector{float32(r.IntN(keys)), 0, 0, 1}
				sr, err := c.Search(ctx, milvusclient.NewSearchOption("live", 50, []entity.Vector{q}).WithConsistencyLevel(strong))
				if err != nil {
					fail("search: %v", err)
					return
				}
				seen := map[int64]bool{}
				for _, id := range idsOf(sr[0]) {
					if seen[id] {
						fail("search returned key %d twice", id)
						return
					}
					seen[id] = true
				}
				reads.Add(1)
			}
		}(w)
	}
	wg.Wait()
	if f := failed.Load(); f != nil {
		t.Fatal(f)
	}
	t.Logf("%d consistent read rounds, %d extra keys", reads.Load(), extra.Load())
	if n := count(t, c, "live", ""); n != keys+extra.Load() {
		t.Fatalf("final count %d, want %d", n, keys+extra.Load())
	}
}
