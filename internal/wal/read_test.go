package wal

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestReadLeavesFilesAlone(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir, Options{NoSync: true, SegmentBytes: 64})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		if _, err := l.Append(context.Background(), []byte{byte(i), 1, 2, 3}); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	// A torn last record, as a crash mid-append leaves it.
	segs, _ := listSegments(dir)
	last := filepath.Join(dir, segmentName(segs[len(segs)-1].first))
	f, _ := os.OpenFile(last, os.O_APPEND|os.O_WRONLY, 0)
	f.Write([]byte{9, 0, 0, 0, 1})
	f.Close()
	before, _ := os.Stat(last)

	var got []uint64
	res, err := Read(dir, 4, func(lsn uint64, p []byte) error {
		if int(p[0]) != int(lsn-1) {
			t.Errorf("lsn %d has payload %v", lsn, p)
		}
		got = append(got, lsn)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 7 || got[0] != 4 || res.Last != 10 || res.Tail == nil {
		t.Fatalf("read %v, result %+v; want lsns 4..10 and a torn tail", got, res)
	}
	if after, _ := os.Stat(last); after.Size() != before.Size() {
		t.Fatalf("Read changed %s: %d → %d bytes", last, before.Size(), after.Size())
	}
	if res, err := Read(filepath.Join(dir, "missing"), 1, nil); err != nil || res.Last != 0 {
		t.Fatalf("missing dir: %+v, %v", res, err)
	}
}
