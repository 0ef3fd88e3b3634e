package shard

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestWALDiskFullHeals fills a small tmpfs under the WAL until appends fail,
// frees space, and checks writes resume and every acknowledged row survives
// a reopen while each failed batch is wholly there or wholly absent.
func TestWALDiskFullHeals(t *testing.T) {
	f := newFixture(t, 1_000_000)
	walDir := filepath.Join(f.dir, "smallfs")
	if err := os.MkdirAll(walDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("tmpfs", walDir, "tmpfs", 0, "size=2m"); err != nil {
		t.Skipf("cannot mount a tmpfs here (needs root): %v", err)
	}
	t.Cleanup(func() { unix.Unmount(walDir, unix.MNT_DETACH) })
	f.walDir = filepath.Join(walDir, "wal")
	f.reopen() // a fresh WAL on the small disk; the old one was empty
	filler := filepath.Join(walDir, "filler")
	if err := os.WriteFile(filler, make([]byte, 1500<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	acked := map[int64]bool{}
	var failed [][]int64
	next := int64(0)
	batch := func() []int64 {
		pks := make([]int64, 500)
		for i := range pks {
			pks[i] = next
			next++
		}
		return pks
	}
	for i := 0; i < 200 && len(failed) < 3; i++ {
		pks := batch()
		if _, err := f.sh.Insert(ctx, partA, rows(pks, 1)); err != nil {
			failed = append(failed, pks)
			continue
		}
		for _, pk := range pks {
			acked[pk] = true
		}
	}
	if len(failed) == 0 {
		t.Fatal("the WAL never ran out of space")
	}
	os.Remove(filler)
	pks := batch()
	if _, err := f.sh.Insert(ctx, partA, rows(pks, 1)); err != nil {
		t.Fatalf("write after freeing space: %v", err)
	}
	for _, pk := range pks {
		acked[pk] = true
	}
	f.reopen()
	seen := map[int64]bool{}
	for _, r := range f.visible(nil) {
		seen[r[0]] = true
	}
	for pk := range acked {
		if !seen[pk] {
			t.Fatalf("acknowledged row %d lost", pk)
		}
	}
	for _, b := range failed {
		n := 0
		for _, pk := range b {
			if seen[pk] {
				n++
			}
		}
		if n != 0 && n != len(b) {
			t.Fatalf("failed batch half visible: %d of %d rows", n, len(b))
		}
	}
}
