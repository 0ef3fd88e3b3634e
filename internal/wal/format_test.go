package wal

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestFormatGolden pins the bytes documented in docs/format/wal.md: a change
// here is a format change and needs a new file version.
func TestFormatGolden(t *testing.T) {
	dir := t.TempDir()
	l := openT(t, dir, Options{NoSync: true})
	appendAll(t, l, [][]byte{[]byte("hi"), {}})
	mustClose(t, l)
	got, err := os.ReadFile(filepath.Join(dir, "0000000000000001.wal"))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "two_records.wal")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("segment bytes changed:\n got %x\nwant %x", got, want)
	}
}
