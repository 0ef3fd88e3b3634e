package wal

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// threePerFile is a SegmentBytes that holds three numbered records a file.
const threePerFile = 88

func segmentFirsts(t *testing.T, dir string) []uint64 {
	t.Helper()
	segs, err := listSegments(dir)
	if err != nil {
		t.Fatal(err)
	}
	var firsts []uint64
	for _, s := range segs {
		firsts = append(firsts, s.first)
	}
	return firsts
}

func TestRollover(t *testing.T) {
	dir := t.TempDir()
	l := openT(t, dir, Options{NoSync: true, SegmentBytes: threePerFile})
	payloads := numbered(7)
	payloads = append(payloads, make([]byte, 500)) // larger than a file: goes alone
	payloads = append(payloads, numbered(2)...)
	appendAll(t, l, payloads)
	want := []uint64{1, 4, 7, 8, 9}
	if got := segmentFirsts(t, dir); !slices.Equal(got, want) {
		t.Fatalf("files start at %v, want %v", got, want)
	}
	for _, p := range segmentPaths(t, dir) {
		if size := fileSize(t, p); size > threePerFile && size != fileHeaderSize+recordSize(500) {
			t.Errorf("%s is %d bytes, over SegmentBytes", filepath.Base(p), size)
		}
	}
	checkRecords(t, replayAll(t, l, 0), 1, payloads)
	mustClose(t, l)
}

func TestTruncateBefore(t *testing.T) {
	tests := []struct {
		lsn        uint64
		firsts     []uint64 // files left
		firstLSN   uint64
		emptyAfter bool // every record gone
	}{
		{lsn: 0, firsts: []uint64{1, 4, 7, 10}, firstLSN: 1},
		{lsn: 3, firsts: []uint64{1, 4, 7, 10}, firstLSN: 1},
		{lsn: 4, firsts: []uint64{4, 7, 10}, firstLSN: 4},
		{lsn: 8, firsts: []uint64{7, 10}, firstLSN: 7},
		{lsn: 12, firsts: []uint64{10}, firstLSN: 10},
		{lsn: 13, firsts: []uint64{13}, emptyAfter: true},
		{lsn: 1000, firsts: []uint64{13}, emptyAfter: true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.lsn), func(t *testing.T) {
			payloads := numbered(12)
			dir := writeLog(t, threePerFile, payloads)
			l := openT(t, dir, Options{NoSync: true, SegmentBytes: threePerFile})
			if err := l.TruncateBefore(tt.lsn); err != nil {
				t.Fatal(err)
			}
			checkTruncated(t, l, dir, tt.firsts, tt.firstLSN, payloads)
			mustClose(t, l)
			l = openT(t, dir, Options{NoSync: true, SegmentBytes: threePerFile})
			checkTruncated(t, l, dir, tt.firsts, tt.firstLSN, payloads)
			if lsn, err := l.Append(context.Background(), []byte("next")); err != nil || lsn != 13 {
				t.Fatalf("Append after truncation: lsn %d, %v; want 13", lsn, err)
			}
			mustClose(t, l)
		})
	}
}

func checkTruncated(t *testing.T, l *Log, dir string, firsts []uint64, firstLSN uint64, payloads [][]byte) {
	t.Helper()
	if got := segmentFirsts(t, dir); !slices.Equal(got, firsts) {
		t.Fatalf("files start at %v, want %v", got, firsts)
	}
	if l.FirstLSN() != firstLSN || l.LastLSN() != uint64(len(payloads)) {
		t.Fatalf("FirstLSN %d LastLSN %d, want %d %d", l.FirstLSN(), l.LastLSN(), firstLSN, len(payloads))
	}
	if l.Size() != dirSize(t, dir) {
		t.Fatalf("Size = %d, files hold %d", l.Size(), dirSize(t, dir))
	}
	var want [][]byte
	if firstLSN > 0 {
		want = payloads[firstLSN-1:]
	}
	checkRecords(t, replayAll(t, l, 0), firstLSN, want)
}

func TestTruncateEverythingKeepsLSNs(t *testing.T) {
	dir := t.TempDir()
	next := uint64(1)
	for round := range 3 {
		l := openT(t, dir, Options{NoSync: true})
		if l.LastLSN() != next-1 || l.FirstLSN() != 0 && round > 0 {
			t.Fatalf("round %d: LastLSN %d FirstLSN %d, want %d 0", round, l.LastLSN(), l.FirstLSN(), next-1)
		}
		lsns := appendAll(t, l, numbered(5))
		if lsns[0] != next {
			t.Fatalf("round %d: first lsn %d, want %d", round, lsns[0], next)
		}
		next += 5
		for range 2 { // a second call on an empty log changes nothing
			if err := l.TruncateBefore(next); err != nil {
				t.Fatal(err)
			}
		}
		if got := segmentFirsts(t, dir); !slices.Equal(got, []uint64{next}) {
			t.Fatalf("round %d: files %v, want only %d", round, got, next)
		}
		mustClose(t, l)
	}
}

var errCrash = errors.New("simulated crash")

// TestTruncateCrash stops TruncateBefore before each removal in turn, as a
// crash would, and checks the log reopens whole and can finish the job.
func TestTruncateCrash(t *testing.T) {
	payloads := numbered(12)
	for k := range 5 { // 4 sealed files after the roll; k removals happen
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			dir := writeLog(t, threePerFile, payloads)
			removed := 0
			h := hooks{beforeRemove: func(string) error {
				if removed == k {
					return errCrash
				}
				removed++
				return nil
			}}
			l, err := open(dir, Options{NoSync: true, SegmentBytes: threePerFile}, h)
			if err != nil {
				t.Fatal(err)
			}
			if err := l.TruncateBefore(13); (err != nil) != (k < 4) {
				t.Fatalf("TruncateBefore: %v", err)
			}
			mustClose(t, l)

			l = openT(t, dir, Options{NoSync: true, SegmentBytes: threePerFile})
			defer mustClose(t, l)
			first := l.FirstLSN()
			if k < 4 && first != uint64(1+3*k) {
				t.Fatalf("FirstLSN %d after %d removals", first, k)
			}
			if first > 0 {
				checkRecords(t, replayAll(t, l, 0), first, payloads[first-1:])
			}
			if err := l.TruncateBefore(13); err != nil {
				t.Fatal(err)
			}
			if lsn, err := l.Append(context.Background(), nil); err != nil || lsn != 13 {
				t.Fatalf("Append: lsn %d, %v; want 13", lsn, err)
			}
		})
	}
}

func TestTruncateWhileAppending(t *testing.T) {
	l := openT(t, t.TempDir(), Options{NoSync: true, SegmentBytes: 256})
	defer mustClose(t, l)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { appendAll(t, l, numbered(200)) })
	}
	wg.Go(func() {
		for range 50 {
			if err := l.TruncateBefore(l.LastLSN() + 1); err != nil {
				t.Error(err)
				return
			}
			first := l.FirstLSN()
			err := l.Replay(0, func(lsn uint64, _ []byte) error {
				if first != 0 && lsn != first {
					return fmt.Errorf("replay saw lsn %d, want %d", lsn, first)
				}
				first = lsn + 1
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}
	})
	wg.Wait()
	if l.LastLSN() != 800 {
		t.Fatalf("LastLSN = %d, want 800", l.LastLSN())
	}
}
