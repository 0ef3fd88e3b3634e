package server

import (
	"net"
	"sync"
)

// muxListener is the net.Listener a server sees on its side of a connMux.
type muxListener struct {
	addr  net.Addr
	conns chan net.Conn // unbuffered: a connection is handed over only to a waiting Accept
	done  chan struct{} // closed by Close or fail
	once  sync.Once
	err   error // what Accept returns once done; written before done closes
}

func newMuxListener(addr net.Addr) *muxListener {
	return &muxListener{addr: addr, conns: make(chan net.Conn), done: make(chan struct{})}
}

// Accept waits for the next connection routed to this listener.
func (l *muxListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, l.err
	}
}

// Close stops Accept; connections routed here afterwards are closed.
func (l *muxListener) Close() error {
	l.fail(net.ErrClosed)
	return nil
}

func (l *muxListener) Addr() net.Addr { return l.addr }

// fail ends Accept with err.
func (l *muxListener) fail(err error) {
	l.once.Do(func() {
		l.err = err
		close(l.done)
	})
}

// deliver hands c to Accept, or closes it if this listener or the mux
// (muxDone) closes first.
func (l *muxListener) deliver(c net.Conn, muxDone <-chan struct{}) {
	select {
	case l.conns <- c:
	case <-l.done:
		c.Close()
	case <-muxDone:
		c.Close()
	}
}
