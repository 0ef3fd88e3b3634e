package e2e

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// TestSearchDeadline sends a FLAT search that takes seconds with a 100ms
// deadline. The client gets a deadline error; the server stops the search
// (it reports the RPC with Milvus's canceled or timeout code long before
// the whole search could have run) and answers the next search.
func TestSearchDeadline(t *testing.T) {
	const n, dim, nq = 120_000, 128, 8192
	s := StartServer(t)
	c := s.Client()
	createCollection(t, c, floatSchema("slow", dim))
	r := newRand(31)
	for lo := 0; lo < n; lo += 5000 {
		insert(t, c, milvusclient.NewColumnBasedInsertOption("slow").WithInt64Column("id", seqIDs(lo, 5000)).
			WithFloatVectorColumn("vec", dim, randVecs(r, 5000, dim)))
	}
	flush(t, c, "slow")
	indexAndLoad(t, c, "slow", "vec", index.NewFlatIndex(entity.L2))
	queries := make([]entity.Vector, nq)
	for i, v := range randVecs(r, nq, dim) {
		queries[i] = entity.FloatVector(v)
	}
	opt := func(q []entity.Vector) milvusclient.SearchOption { return milvusclient.NewSearchOption("slow", 10, q) }

	// A FLAT search costs the same per query: a sixteenth of the queries
	// tells how long the whole batch would take.
	start := time.Now()
	search(t, c, opt(queries[:nq/16]))
	whole := 16 * time.Since(start)

	ctx, cancel := context.WithTimeout(bg(), 100*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err := c.Search(ctx, opt(queries))
	if !isDeadline(err) {
		t.Fatalf("search under a 100ms deadline: %v, want a deadline error", err)
	}
	if !s.WaitLog("method=Search code=1000", whole) { // 10000 canceled or 10001 timeout
		t.Fatalf("the server never reported the search stopped (whole search ~%v)", whole)
	}
	if took := time.Since(start); took > whole/2 {
		t.Errorf("the server answered the stopped search after %v; the whole search takes ~%v", took, whole)
	}
	t.Logf("whole search ~%v; stopped search reported after %v", whole, time.Since(start))

	rs := search(t, c, opt(queries[:2]))
	if rs[0].ResultCount != 10 || rs[1].ResultCount != 10 {
		t.Fatalf("next search: %d and %d hits, want 10 each", rs[0].ResultCount, rs[1].ResultCount)
	}
}

// isDeadline reports whether err is a passed deadline, as the SDK or gRPC
// reports it.
func isDeadline(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || status.Code(err) == codes.DeadlineExceeded
}
