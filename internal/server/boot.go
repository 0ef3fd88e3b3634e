package server

import (
	"errors"
	"fmt"
	"io/fs"
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
	created, err := prepareDataDir(s.cfg.DataDir)
	s.created = created
	if err != nil {
		return nil, nil, err
	}
	if err := s.checkDisk(); err != nil {
		return nil, nil, err
	}
	return s.openMeta()
}

// prepareDataDir creates dir if needed and checks it is writable. It
// returns the topmost directory it created, "" when dir existed.
func prepareDataDir(dir string) (string, error) {
	created := missingRoot(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", &BootError{Cause: fmt.Sprintf("cannot create data dir %s: %v", dir, err),
			Fix: "pass --data-dir pointing at a writable directory", Err: err}
	}
	probe := filepath.Join(dir, ".write-test")
	if err := os.WriteFile(probe, []byte("ok"), 0o600); err != nil {
		os.Remove(probe)
		if isDiskFull(err) {
			return created, diskFullError(dir, err)
		}
		return created, &BootError{Cause: fmt.Sprintf("data dir %s is not writable: %v", dir, err),
			Fix: "fix its permissions or pass --data-dir pointing at a writable directory", Err: err}
	}
	return created, os.Remove(probe)
}

// missingRoot returns the topmost of dir and its parents that does not
// exist: what MkdirAll(dir) would create first. "" when dir exists.
func missingRoot(dir string) string {
	p, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	root := ""
	for {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			return root
		}
		root = p
		parent := filepath.Dir(p)
		if parent == p {
			return root
		}
		p = parent
	}
}

// undoCreate removes the data dir this start created when the start
// failed before serving, so a failed first start leaves nothing behind.
func (s *Server) undoCreate(err *error) {
	select {
	case <-s.started:
		return
	default:
	}
	if *err == nil || s.created == "" {
		return
	}
	if rerr := os.RemoveAll(s.created); rerr != nil {
		s.log.Warn("cannot remove the data dir this failed start created", "dir", s.created, "err", rerr)
	}
}
