package server

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"syscall"

	"github.com/kite-db/kite/internal/datadir"
)

// listen binds the API and metrics ports. It runs before anything touches
// the data dir, so a busy port fails the start with nothing created.
func (s *Server) listen() (api, metrics net.Listener, err error) {
	d := datadir.Dir(s.cfg.DataDir)
	api, err = listen(d, s.cfg.Host, s.cfg.Port, "the Milvus API", "--port")
	if err != nil {
		return nil, nil, err
	}
	metrics, err = listen(d, s.cfg.Host, s.cfg.MetricsPort, "metrics", "--metrics-port")
	if err != nil {
		api.Close()
		return nil, nil, err
	}
	s.warnIfExposed(api.Addr())
	return api, metrics, nil
}

func listen(d datadir.Dir, host string, port int, what, flag string) (net.Listener, error) {
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	l, err := net.Listen("tcp", addr)
	if err == nil {
		return l, nil
	}
	reason := err.Error() // "listen tcp H:P: bind: address already in use"
	var se *os.SyscallError
	if errors.As(err, &se) {
		reason = se.Err.Error() // the address is in the message already
	}
	be := &BootError{Cause: fmt.Sprintf("cannot listen for %s on %s: %s", what, addr, reason), Err: err}
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		be.Cause += announcedBy(d, port)
		be.Fix = fmt.Sprintf("stop the process using port %d, or pass %s with a free port", port, flag)
	case errors.Is(err, syscall.EACCES):
		be.Fix = fmt.Sprintf("pass %s with a port above 1023, or run with the privilege to bind port %d", flag, port)
	default:
		be.Fix = "pass --host with an address of this machine: 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)"
	}
	return nil, be
}

// announcedBy names the Kite process that says, in the data dir, that it
// serves on port: the usual reason for a busy port is a second start.
func announcedBy(d datadir.Dir, port int) string {
	info, err := d.ReadServer()
	if err != nil {
		return ""
	}
	for _, a := range []string{info.Addr, info.MetricsAddr} {
		if _, p, err := net.SplitHostPort(a); err == nil && p == strconv.Itoa(port) {
			return fmt.Sprintf(" (Kite pid %d, serving this data dir, announced %s in %s)", info.PID, a, d.Server())
		}
	}
	return ""
}

// warnIfExposed says loudly that a server listening beyond loopback
// answers anyone who can reach it: Kite does not authenticate clients yet.
func (s *Server) warnIfExposed(api net.Addr) {
	host := s.cfg.Host
	if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return
	}
	s.log.Warn("listening beyond this machine without authentication: anyone who can reach the port can read, change and drop every collection",
		"addr", api.String(), "fix", "keep the default --host 127.0.0.1, or let only trusted networks reach the port (firewall)")
}
