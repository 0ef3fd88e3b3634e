package e2e

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// TestCrashDuringCompaction is TestCrashRecovery with compaction running
// all the time: automatic checks every 20ms (small segments from frequent
// flushes merge, deleted rows are purged) and ManualCompaction calls beside
// the writers, so kills land at every step of a compaction. Every
// acknowledged row must be there exactly once (scanAll fails on a key
// returned twice) and deleted rows absent; after the last restart the data
// dir holds exactly the segments the server lists, no leftovers.
func TestCrashDuringCompaction(t *testing.T) {
	seed, rounds := crashParams(t, 10)
	s := runCrash(t, seed, rounds, crashOpts{args: []string{"--compaction-interval", "20ms"}, side: compactLoop})
	s.Kill()
	s.Args = []string{"--seal-rows", "400", "--compaction-interval", "0"}
	s.Start()
	ctx := ctxT(t, time.Minute)
	segs, err := s.Client().GetPersistentSegmentInfo(ctx, milvusclient.NewGetPersistentSegmentInfoOption("crash"))
	ok(t, err, "GetPersistentSegmentInfo")
	listed := map[string]bool{}
	for _, sg := range segs {
		if sg.Flushed() {
			listed[strconv.FormatInt(sg.ID, 10)] = true
		}
	}
	for _, d := range segmentDirs(t, s.DataDir) {
		meta, err := os.ReadFile(filepath.Join(d, "meta.json"))
		if !listed[filepath.Base(d)] && err == nil && strings.Contains(string(meta), "compacted_from") {
			t.Errorf("compaction output %s is on disk but not a segment", d)
		}
		if !listed[filepath.Base(d)] && err == nil {
			t.Logf("unlisted dir %s with meta.json (a flush killed before its commit)", d)
		}
	}
}

func compactLoop(raw milvuspb.MilvusServiceClient, rng *rand.Rand, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Duration(10+rng.IntN(60)) * time.Millisecond):
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		raw.ManualCompaction(ctx, &milvuspb.ManualCompactionRequest{CollectionName: "crash"})
		cancel()
	}
}

// segmentDirs lists objects/<coll>/<partition>/<segment> directories.
func segmentDirs(t *testing.T, dataDir string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(dataDir, "objects", "*", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() && filepath.Base(filepath.Dir(d)) != "delta" {
			out = append(out, d)
		}
	}
	return out
}

// TestCompactionGoSDK drives Compact and GetCompactionState through the Go
// SDK: small segments merge into one, deleted rows go, searches and queries
// answer as before.
func TestCompactionGoSDK(t *testing.T) {
	s := StartServer(t, "--compaction-interval", "0")
	c := s.Client()
	ctx := ctxT(t, time.Minute)
	createCollection(t, c, floatSchema("cmp", 8))
	indexAndLoad(t, c, "cmp", "vec", index.NewHNSWIndex(entity.L2, 16, 64))
	rng := newRand(7)
	var all [][]float32
	for b := 0; b < 3; b++ {
		vecs := randVecs(rng, 200, 8)
		all = append(all, vecs...)
		insert(t, c, milvusclient.NewColumnBasedInsertOption("cmp").WithInt64Column("id", seqIDs(b*200, 200)).WithFloatVectorColumn("vec", 8, vecs))
		flush(t, c, "cmp")
	}
	_, err := c.Delete(ctx, milvusclient.NewDeleteOption("cmp").WithExpr("id < 150"))
	ok(t, err, "delete")
	q := []entity.Vector{entity.FloatVector(all[400]), entity.FloatVector(all[10])}
	before := searchIDs(t, c, q)

	id, err := c.Compact(ctx, milvusclient.NewCompactOption("cmp"))
	ok(t, err, "Compact")
	deadline := time.Now().Add(20 * time.Second)
	for {
		st, err := c.GetCompactionState(ctx, milvusclient.NewGetCompactionStateOption(id))
		ok(t, err, "GetCompactionState")
		if st == entity.CompactionStateCompleted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("compaction %d still %v", id, st)
		}
		time.Sleep(50 * time.Millisecond)
	}
	segs, err := c.GetPersistentSegmentInfo(ctx, milvusclient.NewGetPersistentSegmentInfoOption("cmp"))
	ok(t, err, "GetPersistentSegmentInfo")
	if len(segs) != 1 || segs[0].NumRows != 450 {
		t.Fatalf("after compaction: %+v, want one segment of 450 rows", segs)
	}
	if after := searchIDs(t, c, q); !slices.Equal(after, before) {
		t.Fatalf("search changed: %v, was %v", after, before)
	}
	rs, err := c.Query(ctx, milvusclient.NewQueryOption("cmp").WithFilter("id < 160").WithOutputFields("id").WithConsistencyLevel(strong))
	ok(t, err, "query")
	if got := int64Col(t, rs, "id"); len(got) != 10 || got[0] != 150 {
		t.Fatalf("ids below 160 after compaction: %v, want 150..159", got)
	}
}

// searchIDs returns the top-10 IDs of each query, concatenated.
func searchIDs(t *testing.T, c *milvusclient.Client, q []entity.Vector) []int64 {
	t.Helper()
	var out []int64
	for _, rs := range search(t, c, milvusclient.NewSearchOption("cmp", 10, q).WithConsistencyLevel(strong).
		WithSearchParam("ef", "200")) {
		out = append(out, idsOf(rs)...)
	}
	return out
}
