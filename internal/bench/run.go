package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/schema"
)

// Runner measures Kite's indexes in-process on one data set.
type Runner struct {
	Data        *Dataset
	Truth       *Truth
	Threads     int       // T: the "all threads" count
	FlatQueries int       // FLAT answers only the first ones (it is slow and exact)
	TmpDir      string    // where index files are saved to measure their size
	Log         io.Writer // progress lines; nil: none
}

// Run builds and sweeps one case.
func (r *Runner) Run(ctx context.Context, c Case) (Result, error) {
	res := Result{Engine: "kite", Index: c.Type, Params: c.Params, BuildThreads: r.Threads}
	vecs := &column.Column{Type: schema.FloatVector, Dim: r.Data.Dim, FloatVecs: r.Data.Base}
	spec, err := index.ValidateSpec(index.Spec{Type: c.Type, Metric: r.Data.Metric, Params: c.Params}, schema.FloatVector, r.Data.Dim)
	if err != nil {
		return res, fmt.Errorf("bench: %s: %w", c.Type, err)
	}
	r.logf("kite %s %v: building over %d×%d", c.Type, c.Params, r.Data.NBase(), r.Data.Dim)
	idx, secs, heap, err := buildMeasured(ctx, spec, vecs)
	if err != nil {
		return res, fmt.Errorf("bench: build %s: %w", c.Type, err)
	}
	res.BuildSeconds, res.HeapBytes = secs, heap
	if _, flat := idx.(*index.Flat); flat && c.Type != index.FlatType {
		res.Note = "not implemented: index.Build serves it with FLAT"
		return res, nil
	}
	if res.FileBytes, err = r.fileSize(idx, c.Type); err != nil {
		return res, err
	}
	r.logf("kite %s: built in %.1fs, heap %+.1f MB, file %.1f MB", c.Type, secs, mb(heap), mb(res.FileBytes))
	res.Points, err = r.sweep(ctx, idx, c)
	runtime.KeepAlive(idx)
	return res, err
}

func buildMeasured(ctx context.Context, spec index.Spec, vecs *column.Column) (index.Index, float64, int64, error) {
	before := heapInUse()
	start := time.Now()
	idx, err := index.Build(ctx, spec, vecs)
	secs := time.Since(start).Seconds()
	if err != nil {
		return nil, 0, 0, err
	}
	heap := heapInUse() - before
	runtime.KeepAlive(idx)
	return idx, secs, heap, nil
}

func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}

// fileSize saves idx (when it has state beyond the vectors) and returns the
// file's size.
func (r *Runner) fileSize(idx index.Index, typ string) (int64, error) {
	s, ok := idx.(index.Saver)
	if !ok {
		return 0, nil
	}
	path := filepath.Join(r.TmpDir, fmt.Sprintf("bench-%s-%d.kidx", typ, os.Getpid()))
	defer os.Remove(path)
	if err := s.Save(path); err != nil {
		return 0, fmt.Errorf("bench: save %s: %w", typ, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// sweep measures every search value at 1 and T threads.
func (r *Runner) sweep(ctx context.Context, idx index.Index, c Case) ([]Point, error) {
	queries := r.queryColumns(c.Type)
	values := c.SearchValues
	if c.SearchKey == "" {
		values = []int{0}
	}
	var pts []Point
	for _, v := range values {
		p := index.SearchParams{K: RecallK, Params: map[string]any{}}
		label := ""
		if c.SearchKey != "" {
			p.Params[c.SearchKey] = v
			label = c.SearchKey + "=" + strconv.Itoa(v)
		}
		if v == values[0] {
			if _, _, _, err := timeQueries(ctx, idx, queries[:min(len(queries), 200)], p, r.Threads); err != nil {
				return nil, err // warm-up also checks the params once
			}
		}
		for _, th := range threadCounts(r.Threads) {
			ids, qps, cpuQPS, err := timeQueries(ctx, idx, queries, p, th)
			if err != nil {
				return nil, fmt.Errorf("bench: search %s %s: %w", c.Type, label, err)
			}
			pt := Point{Search: label, Threads: th, NQ: 1, Recall: Recall(r.Data, r.Truth, ids, RecallK), QPS: qps, CPUQPS: cpuQPS}
			r.logf("kite %s %s threads=%d recall@10=%.4f qps=%.0f cpu-qps=%.0f", c.Type, label, th, pt.Recall, pt.QPS, pt.CPUQPS)
			pts = append(pts, pt)
		}
	}
	return pts, nil
}

// queryColumns wraps each query as its own one-row column (nq=1 requests).
func (r *Runner) queryColumns(typ string) []*column.Column {
	nq := r.Data.NQuery()
	if typ == index.FlatType && r.FlatQueries > 0 {
		nq = min(nq, r.FlatQueries)
	}
	out := make([]*column.Column, nq)
	for i := range out {
		out[i] = &column.Column{Type: schema.FloatVector, Dim: r.Data.Dim, FloatVecs: r.Data.Query(i)}
	}
	return out
}

// timeQueries runs every query once, one per Search call, from threads
// workers, and returns the hit rows per query, the queries per second and
// the queries per CPU-second times threads.
func timeQueries(ctx context.Context, idx index.Index, queries []*column.Column, p index.SearchParams, threads int) ([][]int32, float64, float64, error) {
	ids := make([][]int32, len(queries))
	var next atomic.Int64
	var firstErr atomic.Pointer[error]
	var wg sync.WaitGroup
	cpu0, start := processCPU(), time.Now()
	for w := 0; w < threads; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && firstErr.Load() == nil {
				qi := int(next.Add(1)) - 1
				if qi >= len(queries) {
					return
				}
				hits, err := idx.Search(ctx, queries[qi], p)
				if err != nil {
					firstErr.CompareAndSwap(nil, &err)
					return
				}
				ids[qi] = hitRows(hits[0])
			}
		}()
	}
	wg.Wait()
	elapsed, cpu := time.Since(start).Seconds(), processCPU()-cpu0
	if e := firstErr.Load(); e != nil {
		return nil, 0, 0, *e
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, 0, err
	}
	n := float64(len(queries))
	cpuQPS := 0.0
	if cpu > 0 {
		cpuQPS = n * float64(threads) / cpu
	}
	return ids, n / elapsed, cpuQPS, nil
}

func hitRows(hits []index.Hit) []int32 {
	out := make([]int32, len(hits))
	for i, h := range hits {
		out[i] = h.Row
	}
	return out
}

func (r *Runner) logf(format string, args ...any) {
	if r.Log != nil {
		fmt.Fprintf(r.Log, format+"\n", args...)
	}
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }
