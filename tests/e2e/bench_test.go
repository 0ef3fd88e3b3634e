package e2e

// Benchmarks against the real binary. They run only with -bench, e.g.
//
//	make bench   # all of them, once each (-benchtime 1x)
//	cd tests/e2e && go test -run '^$' -bench SearchFlat -benchtime 200x
//
// Sizes (environment):
//
//	KITE_BENCH_SEARCH_N  rows for the FLAT search benchmark (default 100000, 768-dim)
//	KITE_BENCH_MEM_N     rows for the memory benchmark (default 1000000, 128-dim;
//	                     inserting 1M rows takes a while on a small machine, so
//	                     e.g. KITE_BENCH_MEM_N=200000 gives a quicker reading)
//
// Every benchmark uses b.Loop, so its setup runs once per -count.

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// fillCollection inserts n rows of dim-dim vectors in batches of 1000.
func fillCollection(b *testing.B, c *milvusclient.Client, coll string, n, dim int) {
	b.Helper()
	r := newRand(uint64(n*dim + 7))
	pool := randVecs(r, 1000, dim)
	for lo := 0; lo < n; lo += 1000 {
		m := min(1000, n-lo)
		// Perturb the pool so rows differ between batches.
		for i := 0; i < m; i++ {
			pool[i][lo/1000%dim] = r.Float32()*2 - 1
		}
		insert(b, c, milvusclient.NewColumnBasedInsertOption(coll).WithInt64Column("id", seqIDs(lo, m)).
			WithFloatVectorColumn("vec", dim, pool[:m]))
	}
}

// BenchmarkInsert768 measures insert throughput of 768-dim rows in batches
// of 1000, each acknowledged only once it is in the WAL on disk.
func BenchmarkInsert768(b *testing.B) {
	s := StartServer(b)
	c := s.Client()
	const dim, batch = 768, 1000
	createCollection(b, c, floatSchema("ins", dim))
	r := newRand(1)
	pool := make([][][]float32, 8)
	for i := range pool {
		pool[i] = randVecs(r, batch, dim)
	}
	// One op is 10 batches, so even -benchtime 1x measures a steady rate.
	next := 0
	for b.Loop() {
		for range 10 {
			insert(b, c, milvusclient.NewColumnBasedInsertOption("ins").WithInt64Column("id", seqIDs(next, batch)).
				WithFloatVectorColumn("vec", dim, pool[next/batch%len(pool)]))
			next += batch
		}
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(next)/secs, "rows/s")
	b.ReportMetric(float64(next*dim*4)/secs/1e6, "MB/s")
	b.ReportMetric(0, "ns/op")
}

// loadFlat creates coll with n sealed random rows of dim, FLAT-indexed and loaded.
func loadFlat(b *testing.B, c *milvusclient.Client, coll string, n, dim int) {
	b.Helper()
	createCollection(b, c, floatSchema(coll, dim))
	t0 := time.Now()
	fillCollection(b, c, coll, n, dim)
	flush(b, c, coll)
	indexAndLoad(b, c, coll, "vec", index.NewFlatIndex(entity.L2))
	b.Logf("loaded %d×%d in %v", n, dim, time.Since(t0).Round(time.Millisecond))
}

// BenchmarkSearchFlat measures FLAT (exact) top-10 search on N×768 sealed
// rows: QPS and latency percentiles for nq=1 and nq=10, from one client.
func BenchmarkSearchFlat(b *testing.B) {
	n := envInt("KITE_BENCH_SEARCH_N", 100_000)
	const dim = 768
	s := StartServer(b)
	c := s.Client()
	loadFlat(b, c, "flat", n, dim)
	queries := randVecs(newRand(2), 64, dim)
	for _, nq := range []int{1, 10} {
		b.Run(fmt.Sprintf("nq=%d", nq), func(b *testing.B) {
			// One op is many requests, so even -benchtime 1x gives a p99.
			reqs := map[int]int{1: 100, 10: 20}[nq]
			var lat []time.Duration
			i := 0
			for b.Loop() {
				for range reqs {
					qv := make([]entity.Vector, nq)
					for j := range qv {
						qv[j] = entity.FloatVector(queries[(i+j)%len(queries)])
					}
					i += nq
					t := time.Now()
					rs := search(b, c, milvusclient.NewSearchOption("flat", 10, qv).WithConsistencyLevel(entity.ClEventually))
					lat = append(lat, time.Since(t))
					if rs[0].ResultCount != 10 {
						b.Fatalf("%d hits", rs[0].ResultCount)
					}
				}
			}
			reportLatency(b, lat, nq)
		})
	}
}

func reportLatency(b *testing.B, lat []time.Duration, nq int) {
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(len(lat))/secs, "qps")
	b.ReportMetric(float64(len(lat)*nq)/secs, "vectors/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// BenchmarkMemory reports the server's resident memory after loading N×128
// rows (sealed, FLAT-indexed, loaded and searched once so every page the
// search touches is in), against the raw vector bytes.
func BenchmarkMemory(b *testing.B) {
	n := envInt("KITE_BENCH_MEM_N", 1_000_000)
	const dim = 128
	s := StartServer(b)
	c := s.Client()
	loadFlat(b, c, "mem", n, dim)
	search(b, c, milvusclient.NewSearchOption("mem", 10, []entity.Vector{entity.FloatVector(randVecs(newRand(3), 1, dim)[0])}))
	var st map[string]int64
	for b.Loop() {
		st = procStatus(b, s.PID())
	}
	raw := float64(n*dim*4) / (1 << 20)
	b.ReportMetric(float64(st["VmRSS"])/1024, "rss-MB")
	b.ReportMetric(float64(st["RssAnon"])/1024, "anon-MB")
	b.ReportMetric(float64(st["RssFile"])/1024, "file-MB")
	b.ReportMetric(raw, "raw-MB")
	b.ReportMetric(float64(st["VmRSS"])/1024/raw, "rss/raw")
	b.ReportMetric(0, "ns/op")
}

// procStatus reads the kB fields of /proc/<pid>/status.
func procStatus(b *testing.B, pid int) map[string]int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	ok(b, err, "open status")
	defer f.Close()
	out := map[string]int64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, found := strings.Cut(sc.Text(), ":")
		fields := strings.Fields(v)
		if found && len(fields) == 2 && fields[1] == "kB" {
			out[k], _ = strconv.ParseInt(fields[0], 10, 64)
		}
	}
	return out
}

// BenchmarkStartup measures the time from exec to a 200 on /healthz, on an
// empty data dir and on one holding sealed data plus a WAL to replay.
func BenchmarkStartup(b *testing.B) {
	b.Run("empty", func(b *testing.B) {
		s := StartServer(b)
		var total time.Duration
		for b.Loop() {
			s.Stop()
			s.Start()
			total += s.StartupTime
		}
		b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-healthy")
		b.ReportMetric(0, "ns/op")
	})
	b.Run("100k-rows", func(b *testing.B) {
		s := StartServer(b)
		c := s.Client()
		createCollection(b, c, floatSchema("boot", 128))
		fillCollection(b, c, "boot", 80_000, 128)
		flush(b, c, "boot")
		indexAndLoad(b, c, "boot", "vec", index.NewHNSWIndex(entity.L2, 16, 100))
		waitIndexed(b, c, "boot", "vec", 80_000)
		insert(b, c, milvusclient.NewColumnBasedInsertOption("boot").WithInt64Column("id", seqIDs(80_000, 20_000)).
			WithFloatVectorColumn("vec", 128, randVecs(newRand(4), 20_000, 128))) // stays in the WAL
		var total time.Duration
		for b.Loop() {
			s.Kill()
			s.Start()
			total += s.StartupTime
		}
		b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-healthy")
		b.ReportMetric(0, "ns/op")
	})
}
