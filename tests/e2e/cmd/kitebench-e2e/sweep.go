package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// nqs are the queries per Search request the protocol measures end to end.
var nqs = []int{1, 10}

// runCase builds c's index in the server and sweeps its search param.
func (b *bench) runCase(ctx context.Context, c bcase) ([]result, error) {
	fmt.Printf("e2e %s %v: building\n", c.Type, c.Params)
	secs, err := b.buildIndex(ctx, c)
	if err != nil {
		return nil, err
	}
	fmt.Printf("e2e %s: indexed in %.1fs\n", c.Type, secs)
	nq := b.p.NQ
	if c.Type == "FLAT" {
		nq = min(nq, b.p.FlatQueries)
	}
	values := c.SearchValues
	if c.SearchKey == "" {
		values = []int{0}
	}
	var out []result
	for _, n := range nqs {
		stop := profileClient(n)
		res := result{Engine: fmt.Sprintf("kite-e2e-nq%d", n), Index: c.Type, Params: c.Params, BuildSeconds: secs, BuildThreads: b.p.Threads}
		for i, v := range values {
			if i == 0 {
				if _, _, _, err := b.timeSearches(ctx, c.SearchKey, v, min(nq, 200), n, b.p.Threads); err != nil {
					return nil, err // warm-up
				}
			}
			for _, th := range threadCounts(b.p.Threads) {
				ids, qps, cpuQPS, err := b.timeSearches(ctx, c.SearchKey, v, nq, n, th)
				if err != nil {
					return nil, fmt.Errorf("search %s: %w", paramLabel(c.SearchKey, v), err)
				}
				pt := point{Search: paramLabel(c.SearchKey, v), Threads: th, NQ: n, Recall: b.d.recall(b.p.Metric, b.p.K, ids), QPS: qps, CPUQPS: cpuQPS}
				fmt.Printf("%s %s %s threads=%d recall@10=%.4f qps=%.0f cpu-qps=%.0f\n", res.Engine, c.Type, pt.Search, th, pt.Recall, pt.QPS, pt.CPUQPS)
				res.Points = append(res.Points, pt)
			}
		}
		stop()
		out = append(out, res)
	}
	return out, nil
}

func threadCounts(t int) []int {
	if t <= 1 {
		return []int{1}
	}
	return []int{1, t}
}

// timeSearches answers the first nq queries in requests of batch queries
// from threads goroutines and returns the primary keys per query, the
// queries (not requests) per second, and the queries per CPU-second of
// client and server together, times threads.
func (b *bench) timeSearches(ctx context.Context, key string, v, nq, batch, threads int) ([][]int64, float64, float64, error) {
	ids := make([][]int64, nq)
	var next atomic.Int64
	var firstErr atomic.Pointer[error]
	var wg sync.WaitGroup
	cpu0, start := cpuSeconds(b.pid), time.Now()
	for w := 0; w < threads; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && firstErr.Load() == nil {
				lo := int(next.Add(int64(batch))) - batch
				if lo >= nq {
					return
				}
				if err := b.search(ctx, key, v, lo, min(lo+batch, nq), ids); err != nil {
					firstErr.CompareAndSwap(nil, &err)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed, cpu := time.Since(start).Seconds(), cpuSeconds(b.pid)-cpu0
	if e := firstErr.Load(); e != nil {
		return nil, 0, 0, *e
	}
	cpuQPS := 0.0
	if cpu > 0 {
		cpuQPS = float64(nq*threads) / cpu
	}
	return ids, float64(nq) / elapsed, cpuQPS, ctx.Err()
}

// search sends queries [lo, hi) as one request and stores their ids.
func (b *bench) search(ctx context.Context, key string, v, lo, hi int, ids [][]int64) error {
	vecs := make([]entity.Vector, 0, hi-lo)
	for _, q := range b.d.queries[lo:hi] {
		vecs = append(vecs, entity.FloatVector(q))
	}
	opt := milvusclient.NewSearchOption(collName, b.p.K, vecs).
		WithANNSField(vecField).
		WithConsistencyLevel(entity.ClEventually)
	if key != "" {
		ap := index.NewCustomAnnParam()
		ap.WithExtraParam(key, v)
		opt = opt.WithAnnParam(ap)
	}
	rs, err := b.c.Search(ctx, opt)
	if err != nil {
		return err
	}
	if len(rs) != hi-lo {
		return fmt.Errorf("%d result sets for %d queries", len(rs), hi-lo)
	}
	for i, r := range rs {
		row := make([]int64, r.ResultCount)
		for j := range row {
			if row[j], err = r.IDs.GetAsInt64(j); err != nil {
				return err
			}
		}
		ids[lo+i] = row
	}
	return nil
}
