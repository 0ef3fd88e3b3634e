package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is one kite process on a temporary data directory.
type server struct {
	cmd  *exec.Cmd
	dir  string
	addr string
	log  *lockedBuffer
	done chan struct{}
}

// startServer runs `kite serve` with seal-rows above n, so the loaded rows
// stay one growing segment until the flush seals them into one segment,
// as the in-process benchmark indexes them.
func startServer(ctx context.Context, bin string, n int) (*server, error) {
	dir, err := os.MkdirTemp("", "kitebench-e2e-")
	if err != nil {
		return nil, err
	}
	port, mport := freePort(), freePort()
	for mport == port {
		mport = freePort()
	}
	if port == 0 || mport == 0 {
		return nil, fmt.Errorf("no free port")
	}
	s := &server{dir: dir, addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), log: &lockedBuffer{}, done: make(chan struct{})}
	args := []string{"serve", "--data-dir", dir, "--host", "127.0.0.1", "--port", strconv.Itoa(port),
		"--metrics-port", strconv.Itoa(mport), "--seal-rows", strconv.Itoa(n + 1), "--log-level", "warn"}
	// KITEBENCH_SERVE_ARGS adds flags, e.g. --pprof to profile the server
	// at the metrics address printed below while the sweep runs.
	args = append(args, strings.Fields(os.Getenv("KITEBENCH_SERVE_ARGS"))...)
	s.cmd = exec.Command(bin, args...)
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	go func() { s.cmd.Wait(); close(s.done) }()
	if err := s.waitHealthy(ctx, net.JoinHostPort("127.0.0.1", strconv.Itoa(mport))); err != nil {
		s.stop()
		return nil, err
	}
	fmt.Printf("e2e: kite pid %d serving on %s, metrics on 127.0.0.1:%d\n", s.cmd.Process.Pid, s.addr, mport)
	return s, nil
}

func (s *server) waitHealthy(ctx context.Context, metrics string) error {
	hc := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		select {
		case <-s.done:
			return fmt.Errorf("kite exited during start: %s", s.logTail())
		default:
		}
		if resp, err := hc.Get("http://" + metrics + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("kite not healthy: %s", s.logTail())
}

// stop sends SIGTERM, waits (SIGKILL after 30 s) and removes the data.
func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	os.RemoveAll(s.dir)
}

func (s *server) logTail() string {
	b := s.log.Bytes()
	return string(b[max(0, len(b)-2000):])
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// lockedBuffer collects the server's output.
type lockedBuffer struct {
	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}
