package server

import (
	"errors"
	"net"
	"strings"
	"sync"
	"time"
)

// http2Preface opens every HTTP/2 connection. Milvus SDKs speak gRPC over
// cleartext HTTP/2 with prior knowledge, so it is the first thing they send;
// REST clients send an HTTP/1.x request line instead.
const http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

// sniffTimeout bounds how long a new connection may take to send enough
// bytes to be told apart.
const sniffTimeout = 10 * time.Second

// connMux splits one listener between gRPC and HTTP by each connection's
// first bytes. Accept never waits on a client: every connection is sniffed
// on its own goroutine under a deadline, and handed to the gRPC or HTTP
// listener with the sniffed bytes put back in front.
type connMux struct {
	ln      net.Listener
	timeout time.Duration
	grpc    *muxListener
	http    *muxListener
	done    chan struct{} // closed by Close
	once    sync.Once
	wg      sync.WaitGroup // the sniffing goroutines

	mu struct {
		sync.Mutex
		pending map[net.Conn]struct{} // connections being sniffed, closed by Close
	}
}

func newConnMux(ln net.Listener, timeout time.Duration) *connMux {
	m := &connMux{ln: ln, timeout: timeout, done: make(chan struct{}),
		grpc: newMuxListener(ln.Addr()), http: newMuxListener(ln.Addr())}
	m.mu.pending = map[net.Conn]struct{}{}
	return m
}

// Serve accepts connections until Close or a listener failure, which it
// returns (nil after Close). Both child listeners then report it.
func (m *connMux) Serve() error {
	var backoff time.Duration
	for {
		c, err := m.ln.Accept()
		if err == nil {
			backoff = 0
			m.wg.Add(1)
			go m.route(c)
			continue
		}
		select {
		case <-m.done:
			return nil
		default:
		}
		if te, ok := err.(interface{ Temporary() bool }); ok && te.Temporary() && !errors.Is(err, net.ErrClosed) {
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			time.Sleep(backoff) // out of file descriptors and the like: wait, as net/http does
			continue
		}
		m.grpc.fail(err)
		m.http.fail(err)
		return err
	}
}

// Close stops accepting, abandons connections still being sniffed and waits
// for their goroutines. Child listeners stay open for their servers to close.
func (m *connMux) Close() error {
	var err error
	m.once.Do(func() {
		close(m.done)
		err = m.ln.Close()
		m.mu.Lock()
		for c := range m.mu.pending {
			c.SetReadDeadline(time.Now())
		}
		m.mu.Unlock()
	})
	m.wg.Wait()
	return err
}

func (m *connMux) route(c net.Conn) {
	defer m.wg.Done()
	if !m.track(c) {
		c.Close()
		return
	}
	isGRPC, head, err := sniff(c, m.timeout)
	m.untrack(c)
	if err != nil {
		c.Close()
		return
	}
	to := m.http
	if isGRPC {
		to = m.grpc
	}
	to.deliver(&prefixConn{Conn: c, head: head}, m.done)
}

func (m *connMux) track(c net.Conn) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	select {
	case <-m.done:
		return false
	default:
	}
	m.mu.pending[c] = struct{}{}
	return true
}

func (m *connMux) untrack(c net.Conn) {
	m.mu.Lock()
	delete(m.mu.pending, c)
	m.mu.Unlock()
}

// sniff reads until the bytes either spell the whole HTTP/2 preface or stop
// being a prefix of it; a client that is silent or stops part-way through
// the preface until the deadline gets an error.
func sniff(c net.Conn, timeout time.Duration) (isGRPC bool, head []byte, err error) {
	if err := c.SetReadDeadline(time.Now().Add(timeout)); err != nil {
		return false, nil, err
	}
	head = make([]byte, 0, len(http2Preface))
	for {
		n, rerr := c.Read(head[len(head):cap(head)])
		head = head[:len(head)+n]
		switch {
		case !strings.HasPrefix(http2Preface, string(head)):
			return false, head, c.SetReadDeadline(time.Time{})
		case len(head) == len(http2Preface):
			return true, head, c.SetReadDeadline(time.Time{})
		case rerr != nil:
			return false, head, rerr
		}
	}
}

// prefixConn replays the sniffed bytes before reading on.
type prefixConn struct {
	net.Conn
	head []byte
}

func (c *prefixConn) Read(p []byte) (int, error) {
	if len(c.head) > 0 {
		n := copy(p, c.head)
		c.head = c.head[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}
