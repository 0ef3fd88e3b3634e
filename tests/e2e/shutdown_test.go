package e2e

import (
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// A sealed 100k×128 collection whose HNSW build (M 16, efConstruction 200)
// takes well over a minute on a shared 2-core machine; the tests below stop
// or drop it a second into the build.
const (
	longBuildRows = 100_000
	longBuildDim  = 128
)

// startLongBuild fills coll, flushes it and starts its HNSW build without
// waiting; it returns once the build has run for a moment and is pending.
func startLongBuild(t *testing.T, c *milvusclient.Client, coll string) {
	t.Helper()
	createCollection(t, c, floatSchema(coll, longBuildDim))
	r := newRand(12)
	for from := 0; from < longBuildRows; from += 10_000 {
		insert(t, c, milvusclient.NewColumnBasedInsertOption(coll).
			WithInt64Column("id", seqIDs(from, 10_000)).
			WithFloatVectorColumn("vec", longBuildDim, randVecs(r, 10_000, longBuildDim)))
	}
	flush(t, c, coll)
	ctx := ctxT(t, 30*time.Second)
	_, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption(coll, "vec", index.NewHNSWIndex(entity.L2, 16, 200)))
	ok(t, err, "create index on %s", coll)
	time.Sleep(time.Second)
	d, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption(coll, "vec"))
	ok(t, err, "describe index")
	if d.PendingIndexRows == 0 {
		t.Fatalf("the build of %d rows finished within a second: the test needs a longer one", longBuildRows)
	}
}

// sigterm stops s with SIGTERM and returns how long it took to exit and
// its exit error (nil: status 0).
func sigterm(t *testing.T, s *Server, limit time.Duration) (time.Duration, error) {
	t.Helper()
	began := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("signal kite: %v", err)
	}
	select {
	case <-s.waited:
	case <-time.After(limit):
		s.cmd.Process.Signal(os.Kill)
		<-s.waited
		t.Fatalf("kite did not exit within %v of SIGTERM", limit)
	}
	return time.Since(began), s.exit
}

// TestStopCancelsIndexBuild: SIGTERM during a long HNSW build cancels it,
// exits 0 well within --stop-timeout, and the restart has every row (the
// build starts over).
func TestStopCancelsIndexBuild(t *testing.T) {
	s := StartServer(t, "--stop-timeout", "40s")
	c := s.Client()
	startLongBuild(t, c, "big")
	took, err := sigterm(t, s, 60*time.Second)
	if err != nil {
		t.Fatalf("kite exited with %v after SIGTERM", err)
	}
	if took > 20*time.Second {
		t.Fatalf("stop took %v: more than half the 40s stop timeout", took)
	}
	if log := s.stderr.String(); !strings.Contains(log, `cancelling="collection`) || !strings.Contains(log, "index build") {
		t.Errorf("the shutdown line does not name the build it cancels:\n%s", tail(log, 20))
	}
	t.Logf("stopped during the build in %v", took)
	s.Start()
	c = s.Client()
	load(t, c, "big")
	if n := count(t, c, "big", ""); n != longBuildRows {
		t.Fatalf("after restart: %d rows, want %d", n, longBuildRows)
	}
}

// TestDropDuringIndexBuild: dropping a collection whose HNSW build runs
// cancels the build and returns in seconds, not the build's minutes, and
// another collection's create does not wait for it.
func TestDropDuringIndexBuild(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	startLongBuild(t, c, "big")
	ctx := ctxT(t, 120*time.Second)
	var wg sync.WaitGroup
	var dropTook time.Duration
	var dropErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		began := time.Now()
		dropErr = c.DropCollection(ctx, milvusclient.NewDropCollectionOption("big"))
		dropTook = time.Since(began)
	}()
	time.Sleep(20 * time.Millisecond)
	began := time.Now()
	createCollection(t, c, floatSchema("other", 4))
	createTook := time.Since(began)
	wg.Wait()
	ok(t, dropErr, "drop big")
	// Loose bounds: the build alone takes over a minute here.
	if dropTook > 10*time.Second || createTook > 10*time.Second {
		t.Fatalf("drop took %v and create of another collection %v during a long build", dropTook, createTook)
	}
	t.Logf("drop %v, create %v", dropTook, createTook)
	has, err := c.HasCollection(ctx, milvusclient.NewHasCollectionOption("big"))
	ok(t, err, "has big")
	if has {
		t.Fatal("big still exists after the drop")
	}
	s.Restart()
	c = s.Client()
	for name, want := range map[string]bool{"big": false, "other": true} {
		has, err := c.HasCollection(ctx, milvusclient.NewHasCollectionOption(name))
		ok(t, err, "has %s after restart", name)
		if has != want {
			t.Fatalf("after restart: has %s = %v, want %v", name, has, want)
		}
	}
}
