package server

import (
	"bufio"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// startMux serves a connMux on a loopback port; each child listener's
// connections are handed to the returned channels.
func startMux(t *testing.T, timeout time.Duration) (addr string, m *connMux, grpcConns, httpConns chan net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m = newConnMux(ln, timeout)
	served := make(chan error, 1)
	go func() { served <- m.Serve() }()
	grpcConns, httpConns = make(chan net.Conn, 8), make(chan net.Conn, 8)
	for _, p := range []struct {
		l  net.Listener
		ch chan net.Conn
	}{{m.grpc, grpcConns}, {m.http, httpConns}} {
		go func() {
			for {
				c, err := p.l.Accept()
				if err != nil {
					return
				}
				p.ch <- c
			}
		}()
	}
	t.Cleanup(func() {
		m.Close()
		m.grpc.Close()
		m.http.Close()
		if err := <-served; err != nil {
			t.Errorf("Serve after Close: %v", err)
		}
	})
	return ln.Addr().String(), m, grpcConns, httpConns
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func receive(t *testing.T, ch chan net.Conn, what string) net.Conn {
	t.Helper()
	select {
	case c := <-ch:
		t.Cleanup(func() { c.Close() })
		return c
	case <-time.After(5 * time.Second):
		t.Fatalf("no %s connection", what)
		return nil
	}
}

// readN reads exactly n bytes the client sent, sniffed bytes included.
func readN(t *testing.T, c net.Conn, n int) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, n)
	if _, err := io.ReadFull(c, buf); err != nil {
		t.Fatal(err)
	}
	return string(buf)
}

func TestMuxRoutesByFirstBytes(t *testing.T) {
	addr, _, grpcConns, httpConns := startMux(t, time.Second)
	cases := []struct {
		name   string
		writes []string
		toGRPC bool
	}{
		{"http/2 preface", []string{http2Preface + "\x00\x00\x00\x04"}, true},
		{"preface byte by byte", strings.Split(http2Preface+"tail", ""), true},
		{"http/1.1 request", []string{"POST /v2/vectordb/collections/list HTTP/1.1\r\nHost: x\r\n\r\n{}"}, false},
		{"short http/1.0 request", []string{"GET / HTTP/1.0\r\n\r\n"}, false},
		{"diverges mid-preface", []string{"PRI * HTTP/1.1\r\n\r\n"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := dial(t, addr)
			for _, w := range tc.writes {
				if _, err := c.Write([]byte(w)); err != nil {
					t.Fatal(err)
				}
			}
			sent := strings.Join(tc.writes, "")
			ch, what := httpConns, "HTTP"
			if tc.toGRPC {
				ch, what = grpcConns, "gRPC"
			}
			got := receive(t, ch, what)
			if s := readN(t, got, len(sent)); s != sent {
				t.Fatalf("server read %q, client sent %q", s, sent)
			}
			// The server answers on the same connection.
			got.Write([]byte("ok"))
			if s := readN(t, c, 2); s != "ok" {
				t.Fatalf("client read %q", s)
			}
		})
	}
}

// A client that connects and says nothing must not hold up anyone else,
// and is dropped once the sniff deadline passes.
func TestMuxSilentClientDoesNotBlockAccept(t *testing.T) {
	addr, _, _, httpConns := startMux(t, 300*time.Millisecond)
	silent := dial(t, addr)
	partial := dial(t, addr)
	partial.Write([]byte("PRI * HTTP/2.0")) // then stalls
	start := time.Now()
	c := dial(t, addr)
	c.Write([]byte("GET / HTTP/1.1\r\n\r\n"))
	receive(t, httpConns, "HTTP")
	if d := time.Since(start); d > 200*time.Millisecond {
		t.Fatalf("second client waited %v behind a silent one", d)
	}
	for _, stalled := range []net.Conn{silent, partial} {
		stalled.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := stalled.Read(make([]byte, 1)); !errors.Is(err, io.EOF) && !isReset(err) {
			t.Fatalf("stalled client: read %v, want the connection closed", err)
		}
	}
}

func isReset(err error) bool {
	return err != nil && strings.Contains(err.Error(), "reset by peer")
}

func TestMuxCloseAbandonsPendingConnections(t *testing.T) {
	addr, m, _, _ := startMux(t, time.Minute)
	silent := dial(t, addr)
	time.Sleep(50 * time.Millisecond) // let the mux start sniffing it
	done := make(chan struct{})
	go func() { m.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close waited for a silent client's sniff deadline")
	}
	silent.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := silent.Read(make([]byte, 1)); !errors.Is(err, io.EOF) && !isReset(err) {
		t.Fatalf("pending connection not closed: %v", err)
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Fatal("listener still accepts after Close")
	}
}

func TestMuxListenerFailureReachesChildren(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := newConnMux(ln, time.Second)
	served := make(chan error, 1)
	go func() { served <- m.Serve() }()
	ln.Close() // not through m.Close: a failure, not a stop
	if err := <-served; err == nil {
		t.Fatal("Serve returned nil after its listener failed")
	}
	for _, l := range []net.Listener{m.grpc, m.http} {
		if _, err := l.Accept(); err == nil {
			t.Fatal("child Accept succeeded after the listener failed")
		}
	}
	m.Close()
}

func TestPrefixConnReplaysHead(t *testing.T) {
	a, b := net.Pipe()
	defer a.Close()
	go func() { b.Write([]byte(" world")); b.Close() }()
	pc := &prefixConn{Conn: a, head: []byte("hello")}
	line, _ := bufio.NewReader(pc).ReadString('\n')
	if line != "hello world" {
		t.Fatalf("read %q", line)
	}
}
