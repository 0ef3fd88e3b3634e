package server

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/datadir"
)

// busyPort holds a loopback port for the test's lifetime.
func busyPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().(*net.TCPAddr).Port
}

// runErr runs a server that must fail to start and returns its BootError.
func runErr(t *testing.T, s *Server) *BootError {
	t.Helper()
	err := s.Run(context.Background())
	var be *BootError
	if !errors.As(err, &be) {
		t.Fatalf("start did not fail with a BootError: %v", err)
	}
	return be
}

func TestBusyPortFailsBeforeTouchingTheDisk(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(*Config, int)
		flag string
	}{
		{"api", func(c *Config, p int) { c.Port = p }, "--port"},
		{"metrics", func(c *Config, p int) { c.MetricsPort = p }, "--metrics-port"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "new", "kite-data")
			port := busyPort(t)
			be := runErr(t, testServer(t, dir, func(c *Config) { tc.set(c, port) }))
			p := strconv.Itoa(port)
			if !strings.Contains(be.Cause, "127.0.0.1:"+p) || !strings.Contains(be.Fix, "port "+p) || !strings.Contains(be.Fix, tc.flag) {
				t.Fatalf("busy port: %v", be)
			}
			if _, err := os.Stat(filepath.Join(parent, "new")); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("a start on a busy port created %s (%v)", filepath.Join(parent, "new"), err)
			}
		})
	}
}

func TestBusyPortNamesTheKiteServingTheDataDir(t *testing.T) {
	dir := t.TempDir()
	port := busyPort(t)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	if err := datadir.Dir(dir).WriteServer(datadir.ServerInfo{PID: 4242, Addr: addr, MetricsAddr: "127.0.0.1:1"}); err != nil {
		t.Fatal(err)
	}
	be := runErr(t, testServer(t, dir, func(c *Config) { c.Port = port }))
	if !strings.Contains(be.Cause, "Kite pid 4242") || !strings.Contains(be.Cause, datadir.ServerFile) {
		t.Fatalf("busy port with an announcing server: %v", be)
	}
}

func TestBadHostNamesTheFlag(t *testing.T) {
	be := runErr(t, testServer(t, t.TempDir(), func(c *Config) { c.Host = "192.0.2.1" })) // TEST-NET-1: not ours
	if !strings.Contains(be.Fix, "--host") {
		t.Fatalf("unassignable host: %v", be)
	}
}

func TestFailedStartRemovesOnlyWhatItCreated(t *testing.T) {
	tooMuch := func(c *Config) { c.MinFreeMB = 1 << 40 } // refused after the data dir is created
	parent := t.TempDir()
	runErr(t, testServer(t, filepath.Join(parent, "a", "b"), tooMuch))
	if _, err := os.Stat(filepath.Join(parent, "a")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a failed first start left %s behind (%v)", filepath.Join(parent, "a"), err)
	}
	if _, err := os.Stat(parent); err != nil {
		t.Fatalf("a failed start removed a directory it did not create: %v", err)
	}
	existing := t.TempDir()
	runErr(t, testServer(t, existing, tooMuch))
	if _, err := os.Stat(existing); err != nil {
		t.Fatalf("a failed start removed an existing data dir: %v", err)
	}
}

func TestSuccessfulStartKeepsTheDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fresh")
	s := testServer(t, dir, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	select {
	case <-s.Started():
	case err := <-done:
		t.Fatal(err)
	case <-time.After(30 * time.Second):
		t.Fatal("no start in 30s")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "meta.db")); err != nil {
		t.Fatalf("a served data dir is gone after a clean stop: %v", err)
	}
}

func TestWarnIfExposed(t *testing.T) {
	for _, tc := range []struct {
		host string
		warn bool
	}{{"127.0.0.1", false}, {"localhost", false}, {"::1", false}, {"0.0.0.0", true}, {"", true}, {"10.1.2.3", true}} {
		var buf bytes.Buffer
		s := New(Config{Host: tc.host}, slog.New(slog.NewTextHandler(&buf, nil)))
		s.warnIfExposed(&net.TCPAddr{IP: net.IPv4zero, Port: 19530})
		if got := strings.Contains(buf.String(), "without authentication"); got != tc.warn {
			t.Errorf("host %q: warned %v, want %v: %s", tc.host, got, tc.warn, buf.String())
		}
	}
}
