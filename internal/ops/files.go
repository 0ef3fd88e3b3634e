package ops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/kite-db/kite/internal/datadir"
)

// ErrNoDataDir: nothing exists at the data dir's path.
var ErrNoDataDir = errors.New("no data dir")

// RequireDir fails with ErrNoDataDir, naming the path and the fix, when d
// does not exist: commands on a mistyped --data-dir say so first.
func RequireDir(d datadir.Dir) error {
	if _, err := os.Stat(string(d)); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w at %s: pass --data-dir naming Kite's data directory (`kite serve --data-dir %s` creates one)", ErrNoDataDir, d, d)
	}
	return nil
}

// CheckOffline fails when a server runs on the data directory: restore and
// rebuild must never change metadata under a running server.
func CheckOffline(d datadir.Dir) error {
	if err := RequireDir(d); err != nil {
		return err
	}
	if info, err := d.ReadServer(); err == nil && serverAlive(info) {
		return fmt.Errorf("%w (pid %d, metrics %s): stop it first", ErrServing, info.PID, info.MetricsAddr)
	}
	if !d.MetaExists() {
		return nil
	}
	db, err := openReadOnly(d.Meta())
	if errors.Is(err, ErrServing) {
		return fmt.Errorf("%w: stop it first", ErrServing)
	}
	if err == nil {
		db.Close()
	}
	return nil // a damaged file is what restore and rebuild are for
}

// serverAlive reports whether the process a server file names still runs
// and answers on its metrics port.
func serverAlive(info datadir.ServerInfo) bool {
	if info.PID <= 0 || info.PID == os.Getpid() || syscall.Kill(info.PID, 0) != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+datadir.Dialable(info.MetricsAddr)+"/livez", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}

// copyFile copies src to dst and fsyncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// BakSuffix is how replaced metadata files are named: meta.db.bak-<time>.
const BakSuffix = ".bak-"

// install puts newFile in place of the data dir's meta.db, keeping the old
// one as meta.db.bak-<time>. It returns the name of the kept file, if any.
func install(d datadir.Dir, newFile string) (string, error) {
	var bak string
	if _, err := os.Stat(d.Meta()); err == nil {
		bak = d.Meta() + BakSuffix + time.Now().UTC().Format("20060102T150405.000Z")
		if err := os.Rename(d.Meta(), bak); err != nil {
			return "", fmt.Errorf("keep the old metadata file: %w", err)
		}
	}
	if err := os.Rename(newFile, d.Meta()); err != nil {
		if bak != "" {
			os.Rename(bak, d.Meta())
		}
		return "", fmt.Errorf("install the new metadata file: %w", err)
	}
	return bak, syncDir(filepath.Dir(d.Meta()))
}
