package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/diskprobe"
	"github.com/kite-db/kite/internal/metastore"
	"github.com/kite-db/kite/internal/ops"
)

func testServer(t *testing.T, dir string, edit func(*Config)) *Server {
	cfg := Default()
	cfg.DataDir, cfg.Host, cfg.Port, cfg.MetricsPort, cfg.NoSync = dir, "127.0.0.1", 0, 0, true
	cfg.MinFreeMB = 0
	if edit != nil {
		edit(&cfg)
	}
	return New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// bootErr runs boot and returns its *BootError (nil on success).
func bootErr(t *testing.T, s *Server) *BootError {
	t.Helper()
	m, _, err := s.boot()
	if err == nil {
		m.Close()
		return nil
	}
	var be *BootError
	if !errors.As(err, &be) {
		t.Fatalf("boot failed without a BootError: %v", err)
	}
	if strings.Contains(be.Error(), "\n") || strings.Contains(be.Error(), "goroutine") {
		t.Fatalf("boot error is not one line: %q", be.Error())
	}
	return be
}

func leaveWAL(t *testing.T, dir string) {
	t.Helper()
	p := filepath.Join(dir, "wal", "449", "0000000000000001.wal")
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte("KWAL"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBootRefusesFreshStartOverData(t *testing.T) {
	dir := t.TempDir()
	leaveWAL(t, dir)
	be := bootErr(t, testServer(t, dir, nil))
	if be == nil || !strings.Contains(be.Cause, "is missing") || !strings.Contains(be.Fix, "kite meta rebuild --from-storage") ||
		!strings.Contains(be.Fix, "--force-new") {
		t.Fatalf("missing metadata beside data: %v", be)
	}
	if _, err := os.Stat(filepath.Join(dir, "meta.db")); err == nil {
		t.Fatal("a refused boot created meta.db")
	}
	// An initialised but empty catalog is refused the same way.
	kv, _ := metastore.OpenBolt(filepath.Join(dir, "meta.db"))
	catalog.Open(kv)
	kv.Close()
	if be := bootErr(t, testServer(t, dir, nil)); be == nil || !strings.Contains(be.Cause, "holds no collections") {
		t.Fatalf("empty metadata beside data: %v", be)
	}
	if be := bootErr(t, testServer(t, dir, func(c *Config) { c.ForceNew = true })); be != nil {
		t.Fatalf("--force-new: %v", be)
	}
}

func TestBootNamesDamagedMetadata(t *testing.T) {
	dir := t.TempDir()
	if be := bootErr(t, testServer(t, dir, nil)); be != nil {
		t.Fatal(be)
	}
	snaps, _ := filepath.Glob(filepath.Join(dir, "meta-snapshots", "meta-*.db"))
	if len(snaps) != 1 {
		t.Fatalf("snapshots %v", snaps)
	}
	meta := filepath.Join(dir, "meta.db")
	f, _ := os.OpenFile(meta, os.O_WRONLY, 0)
	f.WriteAt([]byte(strings.Repeat("\xff", 8192)), 0) // both bbolt meta pages
	f.Close()
	be := bootErr(t, testServer(t, dir, nil))
	if be == nil || !strings.Contains(be.Cause, "is damaged") || !strings.Contains(be.Fix, "kite meta restore "+snaps[0]) {
		t.Fatalf("damaged metadata: %v", be)
	}
}

func TestBootRefusesUnknownFormatAndLockedDir(t *testing.T) {
	dir := t.TempDir()
	kv, _ := metastore.OpenBolt(filepath.Join(dir, "meta.db"))
	kv.Update(func(tx metastore.Tx) error { return tx.Put(catalog.Root+"format", []byte(`{"version":99}`)) })
	if be := bootErr(t, testServer(t, dir, nil)); be == nil || !strings.Contains(be.Cause, "in use by another Kite process") {
		t.Fatalf("locked: %v", be)
	}
	kv.Close()
	if be := bootErr(t, testServer(t, dir, nil)); be == nil || !strings.Contains(be.Cause, "another Kite version") {
		t.Fatalf("unknown format: %v", be)
	}
}

func TestBootDiskChecks(t *testing.T) {
	dir := t.TempDir()
	if be := bootErr(t, testServer(t, dir, func(c *Config) { c.MinFreeMB = 1 << 40 })); be == nil || !strings.Contains(be.Fix, "--min-free-mb 0") {
		t.Fatalf("low disk: %v", be)
	}
	s := testServer(t, dir, func(c *Config) { c.NoSync = false })
	if be := bootErr(t, s); be != nil {
		t.Fatalf("real fsync probe: %v", be)
	}
	if err := checkFsync(s, dir, diskprobe.Latency{Median: time.Second}); err != nil {
		t.Fatalf("slow fsync must only warn: %v", err)
	}
	if err := checkFsync(s, dir, diskprobe.Latency{Median: 3 * time.Second}); err == nil || !strings.Contains(err.Error(), "hung") {
		t.Fatalf("absurd fsync: %v", err)
	}
}

func TestRunAnnouncesItselfAndServesBackups(t *testing.T) {
	dir := t.TempDir()
	s := testServer(t, dir, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	select {
	case <-s.Started():
	case err := <-done:
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "kite.server.json")); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	addr := s.MetricsAddr.Load().(string)
	if n, err := ops.FetchBackup(ctx, addr, &buf); err != nil || n < 4096 || n != int64(buf.Len()) {
		t.Fatalf("backup over HTTP: %d bytes, %v", n, err)
	}
	resp, err := http.Get("http://" + addr + ops.BackupPath)
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET backup: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "kite.server.json")); err == nil {
		t.Fatal("kite.server.json left behind after a clean stop")
	}
}
