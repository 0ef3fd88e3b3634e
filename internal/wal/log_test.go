package wal

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	big := randPayloads(rng, 3, 1<<20)
	tests := []struct {
		name     string
		payloads [][]byte
		segBytes int64
		from     uint64
	}{
		{name: "empty log"},
		{name: "one empty payload", payloads: [][]byte{{}}},
		{name: "several", payloads: numbered(10)},
		{name: "random binary", payloads: randPayloads(rng, 100, 300)},
		{name: "large payloads", payloads: big},
		{name: "tiny segments", payloads: randPayloads(rng, 50, 100), segBytes: 1},
		{name: "small segments", payloads: randPayloads(rng, 200, 100), segBytes: 512},
		{name: "from the middle", payloads: numbered(20), segBytes: 100, from: 7},
		{name: "from past the end", payloads: numbered(5), from: 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			l := openT(t, dir, Options{NoSync: true, SegmentBytes: tt.segBytes})
			lsns := appendAll(t, l, tt.payloads)
			for i, lsn := range lsns {
				if lsn != uint64(i+1) {
					t.Fatalf("append %d got lsn %d", i, lsn)
				}
			}
			start := max(tt.from, 1)
			want := tt.payloads[min(int(start-1), len(tt.payloads)):]
			checkRecords(t, replayAll(t, l, tt.from), start, want)
			if got, want := l.LastLSN(), uint64(len(tt.payloads)); got != want {
				t.Errorf("LastLSN = %d, want %d", got, want)
			}
			if got, want := l.Size(), dirSize(t, dir); got != want {
				t.Errorf("Size = %d, files hold %d", got, want)
			}
			mustClose(t, l)
			l = openT(t, dir, Options{NoSync: true, SegmentBytes: tt.segBytes})
			checkRecords(t, replayAll(t, l, tt.from), start, want)
			mustClose(t, l)
		})
	}
}

func TestReopenContinuesLSNs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shard", "1") // Open creates it
	payloads := numbered(8)
	l := openT(t, dir, Options{})
	if l.FirstLSN() != 0 || l.LastLSN() != 0 {
		t.Fatalf("new log: FirstLSN %d LastLSN %d, want 0 0", l.FirstLSN(), l.LastLSN())
	}
	appendAll(t, l, payloads[:5])
	mustClose(t, l)

	l = openT(t, dir, Options{NoSync: true})
	defer mustClose(t, l)
	if l.FirstLSN() != 1 || l.LastLSN() != 5 {
		t.Fatalf("reopened: FirstLSN %d LastLSN %d, want 1 5", l.FirstLSN(), l.LastLSN())
	}
	if lsns := appendAll(t, l, payloads[5:]); lsns[0] != 6 {
		t.Fatalf("first append after reopen got lsn %d, want 6", lsns[0])
	}
	checkRecords(t, replayAll(t, l, 0), 1, payloads)
}

func TestReplayStopsOnCallbackError(t *testing.T) {
	l := openT(t, t.TempDir(), Options{NoSync: true})
	defer mustClose(t, l)
	appendAll(t, l, numbered(5))
	stop := errors.New("stop")
	var seen int
	err := l.Replay(1, func(lsn uint64, _ []byte) error {
		seen++
		if lsn == 3 {
			return stop
		}
		return nil
	})
	if err != stop || seen != 3 {
		t.Fatalf("Replay returned %v after %d records, want stop after 3", err, seen)
	}
}

func TestClosed(t *testing.T) {
	l := openT(t, t.TempDir(), Options{NoSync: true})
	appendAll(t, l, numbered(2))
	mustClose(t, l)
	mustClose(t, l) // a second Close is harmless
	if _, err := l.Append(context.Background(), []byte("x")); !errors.Is(err, ErrClosed) {
		t.Errorf("Append after Close: %v", err)
	}
	if err := l.Replay(0, func(uint64, []byte) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("Replay after Close: %v", err)
	}
	if err := l.TruncateBefore(2); !errors.Is(err, ErrClosed) {
		t.Errorf("TruncateBefore after Close: %v", err)
	}
}

func TestAppendTooLarge(t *testing.T) {
	l := openT(t, t.TempDir(), Options{NoSync: true})
	defer mustClose(t, l)
	// A fresh large allocation is untouched zero pages, so this stays cheap.
	if _, err := l.Append(context.Background(), make([]byte, MaxPayload+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
	if l.LastLSN() != 0 {
		t.Fatalf("LastLSN = %d after a rejected append", l.LastLSN())
	}
}

func TestMaxPayload(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 256 MiB")
	}
	dir := t.TempDir()
	l := openT(t, dir, Options{NoSync: true, SegmentBytes: 1 << 20})
	p := make([]byte, MaxPayload)
	p[0], p[len(p)-1] = 1, 2
	appendAll(t, l, [][]byte{[]byte("a"), p, []byte("b")})
	mustClose(t, l)
	l = openT(t, dir, Options{NoSync: true})
	defer mustClose(t, l)
	checkRecords(t, replayAll(t, l, 0), 1, [][]byte{[]byte("a"), p, []byte("b")})
}

func TestOpenBadOptions(t *testing.T) {
	if _, err := Open(t.TempDir(), Options{SegmentBytes: -1}); !errors.Is(err, ErrOptions) {
		t.Fatalf("Open with negative SegmentBytes: %v", err)
	}
}
