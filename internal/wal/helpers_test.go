package wal

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestMain fails the run if a test left a Log's writer goroutine running:
// every Log a test opens must be closed.
func TestMain(m *testing.M) {
	code := m.Run()
	buf := make([]byte, 1<<20)
	if code == 0 && bytes.Contains(buf[:runtime.Stack(buf, true)], []byte("wal.(*Log).run")) {
		fmt.Fprintln(os.Stderr, "leaked a Log writer goroutine")
		code = 1
	}
	os.Exit(code)
}

// rec is a replayed record.
type rec struct {
	lsn     uint64
	payload []byte
}

func openT(t testing.TB, dir string, opts Options) *Log {
	t.Helper()
	l, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return l
}

func appendAll(t testing.TB, l *Log, payloads [][]byte) []uint64 {
	t.Helper()
	lsns := make([]uint64, len(payloads))
	for i, p := range payloads {
		lsn, err := l.Append(context.Background(), p)
		if err != nil {
			t.Fatalf("Append %d: %v", i, err)
		}
		lsns[i] = lsn
	}
	return lsns
}

func replayAll(t testing.TB, l *Log, from uint64) []rec {
	t.Helper()
	var got []rec
	err := l.Replay(from, func(lsn uint64, p []byte) error {
		got = append(got, rec{lsn, p})
		return nil
	})
	if err != nil {
		t.Fatalf("Replay(%d): %v", from, err)
	}
	return got
}

// checkRecords fails unless got holds payloads[i] at LSN first+i, exactly.
func checkRecords(t testing.TB, got []rec, first uint64, payloads [][]byte) {
	t.Helper()
	if len(got) != len(payloads) {
		t.Fatalf("replayed %d records, want %d", len(got), len(payloads))
	}
	for i, r := range got {
		if r.lsn != first+uint64(i) || !bytes.Equal(r.payload, payloads[i]) {
			t.Fatalf("record %d: lsn %d payload %q, want lsn %d payload %q",
				i, r.lsn, r.payload, first+uint64(i), payloads[i])
		}
	}
}

// randPayloads returns n payloads of 0..maxLen random bytes.
func randPayloads(rng *rand.Rand, n, maxLen int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = make([]byte, rng.IntN(maxLen+1))
		for j := range out[i] {
			out[i][j] = byte(rng.Uint32())
		}
	}
	return out
}

// numbered returns n payloads of 8 bytes each, so a file of them has
// predictable offsets (recordOffset).
func numbered(n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = fmt.Appendf(nil, "rec-%04d", i)
	}
	return out
}

// segmentPaths lists the segment files in dir in LSN order.
func segmentPaths(t testing.TB, dir string) []string {
	t.Helper()
	segs, err := listSegments(dir)
	if err != nil {
		t.Fatal(err)
	}
	paths := make([]string, len(segs))
	for i, s := range segs {
		paths[i] = filepath.Join(dir, segmentName(s.first))
	}
	return paths
}

func lastSegment(t testing.TB, dir string) string {
	t.Helper()
	paths := segmentPaths(t, dir)
	if len(paths) == 0 {
		t.Fatal("no segment files")
	}
	return paths[len(paths)-1]
}

func fileSize(t testing.TB, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// dirSize sums the sizes of the segment files in dir.
func dirSize(t testing.TB, dir string) int64 {
	var n int64
	for _, p := range segmentPaths(t, dir) {
		n += fileSize(t, p)
	}
	return n
}

func mustClose(t testing.TB, l *Log) {
	t.Helper()
	if err := l.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}
