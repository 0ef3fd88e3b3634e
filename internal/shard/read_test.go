package shard

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A read waiting for a write stamped before it gives up when its context
// is done, and reads again once the write is applied.
func TestSnapshotWaitStopsWithContext(t *testing.T) {
	f := newFixture(t, 0)
	ts := f.oracle.Next()
	f.sh.mu.Lock()
	f.sh.mu.inflight[ts] = struct{}{} // a write between its timestamp and its apply
	f.sh.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	snap, err := f.sh.Snapshot(ctx, ts, nil)
	if !errors.Is(err, context.DeadlineExceeded) || snap != nil {
		t.Fatalf("snapshot %v, err %v; want context.DeadlineExceeded", snap, err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("a snapshot under a 20ms deadline waited %v", took)
	}
	if !f.sh.readers.TryLock() {
		t.Fatal("the failed snapshot kept holding readers")
	}
	f.sh.readers.Unlock()

	f.sh.mu.Lock()
	delete(f.sh.mu.inflight, ts)
	f.sh.mu.applied.Broadcast()
	f.sh.mu.Unlock()
	f.snapshot(ts, nil).Release()
}
