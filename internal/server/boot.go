package server

import (
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/kite-db/kite/internal/catalog"
)

// BootError is a start-up failure: what went wrong and how to fix it,
// printed as one line.
type BootError struct {
	Cause string
	Fix   string
	Err   error
}

func (e *BootError) Error() string { return e.Cause + "; fix: " + e.Fix }

// Unwrap returns the underlying error.
func (e *BootError) Unwrap() error { return e.Err }

// boot runs the checks that come before serving, in order: the data dir
// exists and is writable, the disk has room and a sane fsync, and the
// metadata opens, is intact, and matches the data beside it. Every failure
// is a *BootError. Nothing here writes metadata unless the store is new.
func (s *Server) boot() (*metaHandle, *catalog.Catalog, error) {
	if err := prepareDataDir(s.cfg.DataDir); err != nil {
		return nil, nil, err
	}
	if err := s.checkDisk(); err != nil {
		return nil, nil, err
	}
	return s.openMeta()
}

func prepareDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &BootError{Cause: fmt.Sprintf("cannot create data dir %s: %v", dir, err),
			Fix: "pass --data-dir pointing at a writable directory", Err: err}
	}
	probe := filepath.Join(dir, ".write-test")
	if err := os.WriteFile(probe, []byte("ok"), 0o600); err != nil {
		return &BootError{Cause: fmt.Sprintf("data dir %s is not writable: %v", dir, err),
			Fix: "fix its permissions or pass --data-dir pointing at a writable directory", Err: err}
	}
	return os.Remove(probe)
}

func listen(host string, port int, what, flag string) (net.Listener, error) {
	addr := net.JoinHostPort(host, fmt.Sprint(port))
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, &BootError{Cause: fmt.Sprintf("cannot listen for %s on %s: %v", what, addr, err),
			Fix: fmt.Sprintf("stop the process using port %d, or pass %s with a free port", port, flag), Err: err}
	}
	return l, nil
}
