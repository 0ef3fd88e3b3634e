package wal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen writes arbitrary bytes as the only segment file and checks that
// Open either refuses them as corrupt or yields a log that replays a gap-free
// run of records, takes an append and reopens to the same records.
func FuzzOpen(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	// One directory for all runs: a fresh one each time makes the file
	// system, not the code under test, the bottleneck.
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		clearDir(t, dir)
		if err := os.WriteFile(filepath.Join(dir, segmentName(1)), data, 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := Open(dir, Options{NoSync: true})
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open: %v, want ErrCorrupt or success", err)
			}
			return
		}
		got := replayAll(t, l, 0)
		if uint64(len(got)) != l.LastLSN() {
			t.Fatalf("replayed %d records, LastLSN %d", len(got), l.LastLSN())
		}
		for i, r := range got {
			if r.lsn != uint64(i+1) {
				t.Fatalf("record %d has lsn %d", i, r.lsn)
			}
		}
		if lsn, err := l.Append(t.Context(), []byte("more")); err != nil || lsn != uint64(len(got)+1) {
			t.Fatalf("Append: lsn %d, %v; want %d", lsn, err, len(got)+1)
		}
		mustClose(t, l)
		l = openT(t, dir, Options{NoSync: true})
		defer mustClose(t, l)
		again := replayAll(t, l, 0)
		if len(again) != len(got)+1 || !bytes.Equal(again[len(got)].payload, []byte("more")) {
			t.Fatalf("reopened log has %d records, want %d", len(again), len(got)+1)
		}
		for i := range got {
			if !bytes.Equal(got[i].payload, again[i].payload) {
				t.Fatalf("record %d changed across reopen", i+1)
			}
		}
	})
}

func clearDir(t *testing.T, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}

// fuzzSeeds are valid segment files and damaged copies of them, like the
// unit tests use.
func fuzzSeeds(f *testing.F) [][]byte {
	dir := f.TempDir()
	l, err := Open(dir, Options{NoSync: true})
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range [][]byte{[]byte("a"), {}, bytes.Repeat([]byte("xyz"), 50), []byte("last")} {
		if _, err := l.Append(f.Context(), p); err != nil {
			f.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		f.Fatal(err)
	}
	valid, err := os.ReadFile(filepath.Join(dir, segmentName(1)))
	if err != nil {
		f.Fatal(err)
	}
	flipped := bytes.Clone(valid)
	flipped[fileHeaderSize+recordHeaderSize+3] ^= 1
	return [][]byte{
		valid,
		valid[:len(valid)-2],
		flipped,
		append(bytes.Clone(valid), 0, 0, 0, 0),
		fileHeader(1),
		fileHeader(1)[:7],
		nil,
	}
}
