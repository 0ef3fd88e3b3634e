package wal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestConcurrentAppends(t *testing.T) {
	const writers, each = 32, 50
	dir := t.TempDir()
	l := openT(t, dir, Options{NoSync: true, SegmentBytes: 4 << 10})
	var mu sync.Mutex
	byLSN := map[uint64][]byte{}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				p := fmt.Appendf(nil, "writer %d record %d", w, i)
				lsn, err := l.Append(context.Background(), p)
				if err != nil {
					t.Errorf("Append: %v", err)
					return
				}
				mu.Lock()
				if _, dup := byLSN[lsn]; dup {
					t.Errorf("lsn %d handed out twice", lsn)
				}
				byLSN[lsn] = p
				mu.Unlock()
			}
		})
	}
	// Replays running alongside must always see a gap-free prefix.
	wg.Go(func() {
		for range 20 {
			next := uint64(1)
			err := l.Replay(0, func(lsn uint64, _ []byte) error {
				if lsn != next {
					return fmt.Errorf("replay saw lsn %d, want %d", lsn, next)
				}
				next++
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}
	})
	wg.Wait()
	mustClose(t, l)

	l = openT(t, dir, Options{NoSync: true})
	defer mustClose(t, l)
	got := replayAll(t, l, 0)
	if len(got) != writers*each || len(byLSN) != writers*each {
		t.Fatalf("replayed %d records, acknowledged %d, want %d", len(got), len(byLSN), writers*each)
	}
	for i, r := range got {
		if r.lsn != uint64(i+1) || !bytes.Equal(r.payload, byLSN[r.lsn]) {
			t.Fatalf("record %d: lsn %d payload %q, acknowledged %q", i, r.lsn, r.payload, byLSN[r.lsn])
		}
	}
}

// blockFirstSync returns hooks that hold the writer inside its first fsync
// until release is closed; entered is closed once it is there.
func blockFirstSync() (h hooks, entered, release chan struct{}) {
	entered, release = make(chan struct{}), make(chan struct{})
	var once sync.Once
	h.beforeSync = func() {
		once.Do(func() {
			close(entered)
			<-release
		})
	}
	return h, entered, release
}

// waitQueued waits until n requests wait in l's queue.
func waitQueued(t *testing.T, l *Log, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		l.q.Lock()
		got := len(l.q.pending)
		l.q.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("queue never reached %d requests", n)
}

func TestGroupCommit(t *testing.T) {
	const n = 100
	h, entered, release := blockFirstSync()
	l, err := open(t.TempDir(), Options{NoSync: true}, h)
	if err != nil {
		t.Fatal(err)
	}
	defer mustClose(t, l)
	var wg sync.WaitGroup
	appendOne := func() {
		if _, err := l.Append(context.Background(), []byte("x")); err != nil {
			t.Error(err)
		}
	}
	wg.Go(appendOne)
	<-entered // the writer is in its first fsync; everything else must queue
	for range n - 1 {
		wg.Go(appendOne)
	}
	waitQueued(t, l, n-1)
	close(release)
	wg.Wait()
	if got := l.syncs.Load(); got != 2 {
		t.Fatalf("%d appends took %d fsyncs, want 2 (one lone, one batch)", n, got)
	}
	if l.LastLSN() != n {
		t.Fatalf("LastLSN = %d, want %d", l.LastLSN(), n)
	}
}

func TestAppendContext(t *testing.T) {
	h, entered, release := blockFirstSync()
	l, err := open(t.TempDir(), Options{NoSync: true}, h)
	if err != nil {
		t.Fatal(err)
	}
	defer mustClose(t, l)

	done, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.Append(done, []byte("never")); !errors.Is(err, context.Canceled) {
		t.Fatalf("Append with a done ctx: %v", err)
	}

	inFlight, cancelInFlight := context.WithCancel(context.Background())
	var first atomic.Uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		lsn, err := l.Append(inFlight, []byte("in flight"))
		if err != nil {
			t.Errorf("a record the writer took must be waited for, got %v", err)
		}
		first.Store(lsn)
	})
	<-entered
	cancelInFlight() // too late: the writer has the record

	queued, cancelQueued := context.WithCancel(context.Background())
	wg.Go(func() {
		if _, err := l.Append(queued, []byte("withdrawn")); !errors.Is(err, context.Canceled) {
			t.Errorf("a queued record must be withdrawn, got %v", err)
		}
	})
	waitQueued(t, l, 1)
	cancelQueued()
	waitQueued(t, l, 0)
	close(release)
	wg.Wait()
	if first.Load() != 1 {
		t.Fatalf("in-flight record got lsn %d, want 1", first.Load())
	}
	checkRecords(t, replayAll(t, l, 0), 1, [][]byte{[]byte("in flight")})
}
