package ops

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A backup taken before more flushes, deletes and a truncated WAL restores to
// every acknowledged row: restore adopts the later segments and delete files
// and moves the checkpoint past the records they hold.
func TestRestoreOlderBackupKeepsLaterWrites(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	n.create("", "books", "p1")
	n.insert("", "books", "", 0, 100)
	n.flush("", "books")
	n.insert("", "books", "p1", 100, 50) // WAL only at backup time
	n.stop()
	backup := filepath.Join(t.TempDir(), "meta.backup")
	if _, err := Backup(context.Background(), Source{Dir: dir}, backup, false); err != nil {
		t.Fatal(err)
	}
	if _, err := Backup(context.Background(), Source{Dir: dir}, backup, false); err == nil {
		t.Fatal("backup replaced an existing file without --force")
	}

	n = start(t, dir)
	n.insert("", "books", "", 150, 100)
	n.flush("", "books")                                          // truncates the WAL past what the backup's checkpoint says
	n.delete("", "books", "id in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]") // keys only: no load needed
	n.flush("", "books")
	id := n.collID("", "books")
	n.stop()
	truncateWAL(t, dir, id) // as a flush does once the WAL files roll over
	n = start(t, dir)
	n.insert("", "books", "p1", 250, 5)
	want := n.count("", "books")
	n.stop()
	if want != 245 {
		t.Fatalf("count before restore %d, want 245", want)
	}
	if fs := verify(t, dir); fs.Worst() != OK {
		t.Fatalf("verify before restore:\n%s", dump(fs))
	}

	res, err := Restore(dir, backup)
	if err != nil {
		t.Fatal(err)
	}
	noErrors(t, res.Findings)
	t.Logf("restore:\n%s", dump(res.Findings))
	if !strings.Contains(res.Kept, ".bak-") {
		t.Fatalf("old metadata not kept: %q", res.Kept)
	}
	if _, err := os.Stat(res.Kept); err != nil {
		t.Fatal(err)
	}
	if fs := verify(t, dir); fs.Worst() != OK {
		t.Fatalf("verify after restore:\n%s", dump(fs))
	}
	n = start(t, dir)
	if got := n.count("", "books"); got != want {
		t.Fatalf("after restore: %d rows, want %d\n%s", got, want, dump(res.Findings))
	}
	if got := n.count("", "books", "p1"); got != 55 {
		t.Fatalf("partition p1: %d rows, want 55", got)
	}
	n.insert("", "books", "", 1000, 1) // the WAL takes writes again
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	n.create("", "books")
	n.stop()
	before, _ := os.ReadFile(dir.Meta())
	garbage := filepath.Join(t.TempDir(), "garbage.db")
	writeFile(t, garbage, []byte(strings.Repeat("not a bbolt file ", 1000)))
	empty := filepath.Join(t.TempDir(), "empty.db")
	writeFile(t, empty, nil)
	for _, f := range []string{garbage, empty, filepath.Join(t.TempDir(), "missing.db")} {
		if _, err := Restore(dir, f); err == nil {
			t.Fatalf("restore of %s succeeded", f)
		}
	}
	after, _ := os.ReadFile(dir.Meta())
	if string(before) != string(after) {
		t.Fatal("a refused restore changed meta.db")
	}
	if _, err := Restore(dir, dir.Meta()); err != nil { // repair: restore onto itself
		t.Fatal(err)
	}
}

func TestRestoreRefusesWhileServing(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	n.create("", "books")
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := Restore(dir, dir.Meta()); !errors.Is(err, ErrServing) {
		t.Fatalf("restore while serving: %v", err)
	}
	if _, err := Rebuild(dir, RebuildOptions{Force: true}); !errors.Is(err, ErrServing) {
		t.Fatalf("rebuild while serving: %v", err)
	}
	// Without a server address a backup cannot reach the locked file.
	if _, err := Backup(context.Background(), Source{Dir: dir}, backup, false); !errors.Is(err, ErrServing) {
		t.Fatalf("backup of a locked file without a server: %v", err)
	}
}
