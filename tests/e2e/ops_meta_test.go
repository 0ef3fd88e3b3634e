package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// Metadata file damaged (a power cut, a bad disk): boot refuses with one line
// naming the file and the fix, the fix works, and every row comes back.
func TestOpsDamagedMetadataRestore(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	opsCreate(t, c, "docs", "p1")
	opsInsert(t, c, "docs", "", 0, 200)
	opsInsert(t, c, "docs", "p1", 200, 100)
	opsFlush(t, c, "docs")
	opsInsert(t, c, "docs", "", 300, 50) // in the WAL only
	want := opsRows(t, c, "docs")
	s.Stop()

	damage(t, metaPath(s))
	line := startFails(t, s)
	if !strings.Contains(line, metaPath(s)) || !strings.Contains(line, "damaged") {
		t.Fatalf("boot error does not name the damaged file: %s", line)
	}
	if out, code := kiteRun(t, "meta", "verify", "--data-dir", s.DataDir); code == 0 {
		t.Fatalf("verify passed a damaged file:\n%s", out)
	}
	// The fix names the newest automatic snapshot; follow it to the letter.
	m := regexp.MustCompile("`(kite meta restore [^`]+)`").FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("boot error names no restore command: %s", line)
	}
	args := append(strings.Fields(m[1])[1:], "--data-dir", s.DataDir)
	out := kiteOK(t, args...)
	if !strings.Contains(out, "kept as") {
		t.Fatalf("restore did not keep the damaged file:\n%s", out)
	}
	kiteOK(t, "meta", "verify", "--data-dir", s.DataDir)

	s.Start()
	c = s.Client()
	if got := opsRows(t, c, "docs"); got != want {
		t.Fatalf("after restore: %d rows, want %d", got, want)
	}
	opsInsert(t, c, "docs", "p1", 1000, 10) // and it takes writes
}

// Metadata deleted while the data stays: the server refuses to start fresh
// (Milvus silently re-initialises and the collections vanish), and
// `kite meta rebuild --from-storage` brings the collections back with their rows.
func TestOpsDeletedMetadataRebuild(t *testing.T) {
	s := StartServer(t, "--seal-rows", "150")
	c := s.Client()
	opsCreate(t, c, "alpha")
	opsCreate(t, c, "beta")
	opsInsert(t, c, "alpha", "", 0, 100)
	opsInsert(t, c, "alpha", "", 100, 100) // passes --seal-rows: sealed in the background
	opsInsert(t, c, "beta", "", 0, 40)
	opsFlush(t, c, "beta")
	opsInsert(t, c, "beta", "", 40, 5)
	opsFlush(t, c, "alpha")
	opsInsert(t, c, "alpha", "", 200, 7)
	want := map[string]int{"alpha": opsRows(t, c, "alpha"), "beta": opsRows(t, c, "beta")}
	s.Stop()

	os.Remove(metaPath(s))
	os.RemoveAll(filepath.Join(s.DataDir, "meta-snapshots")) // nothing left but the data
	line := startFails(t, s)
	for _, w := range []string{"is missing", "kite meta rebuild --from-storage", "--force-new"} {
		if !strings.Contains(line, w) {
			t.Fatalf("boot error lacks %q: %s", w, line)
		}
	}
	if _, err := os.Stat(metaPath(s)); err == nil {
		t.Fatal("the refused start created a new meta.db")
	}
	out := kiteOK(t, "meta", "rebuild", "--from-storage", "--data-dir", s.DataDir)
	t.Logf("rebuild:\n%s", out)
	keys := kiteOK(t, "meta", "ls", "by-dev/meta/collection/", "--data-dir", s.DataDir)
	if n := strings.Count(keys, "by-dev/meta/collection/"); n != 2 {
		t.Fatalf("%d collections after rebuild:\n%s", n, keys)
	}

	s.Start()
	c = s.Client()
	for coll, n := range want {
		if got := opsRows(t, c, coll); got != n {
			t.Fatalf("%s after rebuild: %d rows, want %d", coll, got, n)
		}
	}
}

// A hot backup taken while clients write and the server seals segments,
// restored later: the restored server has every acknowledged row, once.
func TestOpsBackupDuringWrites(t *testing.T) {
	s := StartServer(t, "--seal-rows", "120")
	c := s.Client()
	opsCreate(t, c, "events")
	backups := t.TempDir()

	var (
		mu    sync.Mutex
		acked int
	)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		for next := 0; ctx.Err() == nil; next += 30 {
			if err := opsWrite(context.Background(), c, "events", "", next, 30); err != nil {
				done <- err
				return
			}
			mu.Lock()
			acked += 30
			mu.Unlock()
		}
		done <- nil
	}()
	var files []string
	for i := 0; i < 3; i++ {
		time.Sleep(150 * time.Millisecond)
		f := filepath.Join(backups, "b"+string(rune('0'+i))+".db")
		out := kiteOK(t, "meta", "backup", f, "--data-dir", s.DataDir)
		if !strings.Contains(out, "read from server") {
			t.Fatalf("backup did not go through the server:\n%s", out)
		}
		files = append(files, f)
	}
	stop()
	ok(t, <-done, "writer")
	if got := opsRows(t, c, "events"); got != acked {
		t.Fatalf("%d rows before restore, %d acknowledged", got, acked)
	}
	out, code := kiteRun(t, "meta", "restore", files[0], "--data-dir", s.DataDir)
	if code == 0 || !strings.Contains(out, "running Kite server") {
		t.Fatalf("restore while serving was not refused (exit %d):\n%s", code, out)
	}
	doctor := kiteOK(t, "doctor", "--data-dir", s.DataDir, "--json")
	var rep struct {
		Server      struct{ Healthy bool }
		Collections []struct {
			Name     string
			Segments int
		}
	}
	ok(t, json.Unmarshal([]byte(doctor), &rep), "doctor --json")
	if !rep.Server.Healthy || len(rep.Collections) != 1 || rep.Collections[0].Segments == 0 {
		t.Fatalf("doctor while serving:\n%s", doctor)
	}
	s.Stop()

	// The oldest backup knows the fewest segments; restore reconciles it
	// with everything sealed and logged after it.
	out = kiteOK(t, "meta", "restore", files[0], "--data-dir", s.DataDir)
	t.Logf("%d rows acknowledged; restore of the first backup:\n%s", acked, out)
	kiteOK(t, "meta", "verify", "--data-dir", s.DataDir)
	s.Start()
	c = s.Client()
	if got := opsRows(t, c, "events"); got != acked {
		t.Fatalf("after restoring the first backup: %d rows, %d acknowledged", got, acked)
	}
}
