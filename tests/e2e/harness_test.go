package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// kiteBin is the binary under test: $KITE_BIN, or ../../bin/kite built on
// demand by TestMain.
var kiteBin string

func TestMain(m *testing.M) {
	if err := findBinary(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func findBinary() error {
	kiteBin = os.Getenv("KITE_BIN")
	if kiteBin == "" {
		kiteBin = "../../bin/kite"
	}
	abs, err := filepath.Abs(kiteBin)
	if err != nil {
		return err
	}
	kiteBin = abs
	if _, err := os.Stat(kiteBin); err == nil {
		return nil
	}
	cmd := exec.Command("go", "build", "-o", kiteBin, "./cmd/kite")
	cmd.Dir = "../.."
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build %s: %w", kiteBin, err)
	}
	return nil
}

// lockedBuffer collects a server's stderr across restarts.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Server is one kite process on a data directory that outlives restarts.
type Server struct {
	t       testing.TB
	DataDir string
	Args    []string // extra serve flags

	Addr        string // host:port of the Milvus API
	MetricsAddr string

	// StartupTime is how long the last Start took from exec to a 200 on /healthz.
	StartupTime time.Duration

	cmd    *exec.Cmd
	waited chan struct{}
	exit   error
	stderr *lockedBuffer
	starts int
}

// eachRestart runs test twice on a fresh server: once restarting it with
// SIGTERM, once with kill -9.
func eachRestart(t *testing.T, test func(t *testing.T, s *Server, restart func())) {
	for _, mode := range []string{"clean", "kill"} {
		t.Run(mode, func(t *testing.T) {
			s := StartServer(t)
			restart := s.Restart
			if mode == "kill" {
				restart = s.KillRestart
			}
			test(t, s, restart)
		})
	}
}

// StartServer starts kite on a fresh data directory; the cleanup stops it
// with SIGTERM and fails the test unless it exits 0. Server stderr is
// logged when the test fails.
func StartServer(t testing.TB, args ...string) *Server {
	t.Helper()
	s := &Server{t: t, DataDir: t.TempDir(), Args: args, stderr: &lockedBuffer{}}
	t.Cleanup(func() {
		if s.Running() {
			if err := s.stop(); err != nil {
				t.Errorf("stop kite: %v", err)
			}
		}
		if t.Failed() {
			t.Logf("kite stderr (%d starts):\n%s", s.starts, tail(s.stderr.String(), logLines()))
		}
	})
	s.Start()
	return s
}

// logLines is how much server stderr a failed test logs: $KITE_E2E_LOG_LINES, default 200.
func logLines() int {
	if n, err := strconv.Atoi(os.Getenv("KITE_E2E_LOG_LINES")); err == nil && n > 0 {
		return n
	}
	return 200
}

func tail(s string, lines int) string {
	n := 0
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '\n' {
			n++
			if n > lines {
				return "...\n" + s[i+1:]
			}
		}
	}
	return s
}

// freePorts asks the kernel for two distinct ports nobody listens on; both
// listeners stay open until both ports are known, so they cannot coincide.
func freePorts(t testing.TB) (int, int) {
	t.Helper()
	var ports [2]int
	for i := range ports {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatalf("find free port: %v", err)
		}
		defer ln.Close()
		ports[i] = ln.Addr().(*net.TCPAddr).Port
	}
	return ports[0], ports[1]
}

// Start launches the process on s.DataDir (new ports each time) and waits
// until /healthz answers 200.
func (s *Server) Start() {
	s.t.Helper()
	// Another process may take a free port between our probe and kite's
	// bind; that is the harness's race, not kite's failure, so try anew.
	var err error
	for try := 0; try < 3; try++ {
		before := len(s.stderr.String())
		err = s.tryStart(30 * time.Second)
		if err == nil || !strings.Contains(s.stderr.String()[before:], "cannot listen for") {
			break
		}
	}
	if err != nil {
		s.t.Fatalf("start kite: %v\nstderr:\n%s", err, tail(s.stderr.String(), 100))
	}
}

func (s *Server) tryStart(timeout time.Duration) error {
	port, mport := freePorts(s.t)
	args := append([]string{"serve", "--data-dir", s.DataDir, "--host", "127.0.0.1",
		"--port", strconv.Itoa(port), "--metrics-port", strconv.Itoa(mport)}, s.Args...)
	s.starts++
	fmt.Fprintf(s.stderr, "=== start %d: kite %v\n", s.starts, args)
	cmd := exec.Command(kiteBin, args...)
	cmd.Stdout, cmd.Stderr = s.stderr, s.stderr
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd, s.waited, s.exit = cmd, make(chan struct{}), nil
	go func(done chan struct{}) { s.exit = cmd.Wait(); close(done) }(s.waited)
	s.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	s.MetricsAddr = net.JoinHostPort("127.0.0.1", strconv.Itoa(mport))
	if err := s.waitHealthy(timeout); err != nil {
		return err
	}
	s.StartupTime = time.Since(began)
	return nil
}

func (s *Server) waitHealthy(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	hc := &http.Client{Timeout: time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-s.waited:
			return fmt.Errorf("kite exited during start: %v", s.exit)
		default:
		}
		resp, err := hc.Get("http://" + s.MetricsAddr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	s.cmd.Process.Kill()
	<-s.waited
	return fmt.Errorf("not healthy after %v", timeout)
}

// Running reports whether the process is alive.
func (s *Server) Running() bool {
	if s.cmd == nil {
		return false
	}
	select {
	case <-s.waited:
		return false
	default:
		return true
	}
}

// PID is the current process's id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Stop sends SIGTERM and fails the test unless kite exits 0 within 20 s.
func (s *Server) Stop() {
	s.t.Helper()
	if err := s.stop(); err != nil {
		s.t.Fatalf("stop kite: %v", err)
	}
}

func (s *Server) stop() error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-s.waited:
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-s.waited
		return errors.New("kite did not exit within 20s of SIGTERM")
	}
	if s.exit != nil {
		return fmt.Errorf("kite exited with %v after SIGTERM", s.exit)
	}
	return nil
}

// Kill sends SIGKILL and waits for the process to be gone.
func (s *Server) Kill() {
	s.t.Helper()
	if err := s.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		s.t.Fatalf("kill kite: %v", err)
	}
	<-s.waited
}

// Restart stops kite cleanly and starts it again on the same data dir.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	s.Start()
}

// KillRestart kills kite with SIGKILL and starts it again on the same data dir.
func (s *Server) KillRestart() {
	s.t.Helper()
	s.Kill()
	s.Start()
}

// WaitLog polls the server's log for substr until timeout. The log reaches
// the test through a pipe, so a line written before a reply may arrive
// after it.
func (s *Server) WaitLog(substr string, timeout time.Duration) bool {
	for end := time.Now().Add(timeout); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(s.stderr.String(), substr) {
			return true
		}
	}
	return strings.Contains(s.stderr.String(), substr)
}

// Client connects the Go SDK (which calls Connect); it is closed at cleanup.
func (s *Server) Client(opts ...func(*milvusclient.ClientConfig)) *milvusclient.Client {
	s.t.Helper()
	c, err := s.NewClient(opts...)
	if err != nil {
		s.t.Fatalf("connect to kite at %s: %v", s.Addr, err)
	}
	s.t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// NewClient connects the Go SDK without failing the test.
func (s *Server) NewClient(opts ...func(*milvusclient.ClientConfig)) (*milvusclient.Client, error) {
	cfg := &milvusclient.ClientConfig{Address: s.Addr}
	for _, o := range opts {
		o(cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return milvusclient.New(ctx, cfg)
}

// Raw returns a bare milvus-proto client, for requests the SDK refuses to send.
func (s *Server) Raw() milvuspb.MilvusServiceClient {
	s.t.Helper()
	conn, err := grpc.NewClient(s.Addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(256<<20), grpc.MaxCallSendMsgSize(256<<20)))
	if err != nil {
		s.t.Fatalf("dial %s: %v", s.Addr, err)
	}
	s.t.Cleanup(func() { conn.Close() })
	return milvuspb.NewMilvusServiceClient(conn)
}

// withDB selects a database for a client.
func withDB(name string) func(*milvusclient.ClientConfig) {
	return func(c *milvusclient.ClientConfig) { c.DBName = name }
}

// ctxT returns a context that ends with the test (or after d).
func ctxT(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
