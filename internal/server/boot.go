package server

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/metastore"
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

func openMeta(dir string) (*metastore.Bolt, *catalog.Catalog, error) {
	path := filepath.Join(dir, "meta.db")
	kv, err := metastore.OpenBolt(path)
	if errors.Is(err, metastore.ErrLocked) {
		return nil, nil, &BootError{Cause: fmt.Sprintf("data dir %s is in use by another Kite process", dir),
			Fix: "stop that process, or pass a different --data-dir", Err: err}
	}
	if err != nil {
		return nil, nil, &BootError{Cause: fmt.Sprintf("metadata file %s cannot be opened: %v", path, err),
			Fix: "restore it from a backup with `kite meta restore`", Err: err}
	}
	cat, err := catalog.Open(kv)
	if errors.Is(err, catalog.ErrUnknownFormat) {
		kv.Close()
		return nil, nil, &BootError{Cause: fmt.Sprintf("data dir %s was written by another Kite version: %v", dir, err),
			Fix: "run the Kite version that wrote it, or point --data-dir elsewhere", Err: err}
	}
	if err != nil {
		kv.Close()
		return nil, nil, &BootError{Cause: fmt.Sprintf("metadata in %s is corrupt: %v", path, err),
			Fix: "restore it from a backup with `kite meta restore`", Err: err}
	}
	return kv, cat, nil
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
