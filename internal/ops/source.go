package ops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/datadir"
)

// BackupPath is the admin endpoint on the metrics port that streams a
// consistent copy of the metadata file.
const BackupPath = "/admin/meta/backup"

// Source says where metadata is read from.
type Source struct {
	Dir    datadir.Dir
	Server string // metrics address of a running server; empty: from kite.server.json
	File   string // read this metadata file instead (a backup or snapshot)
}

// View is an open, read-only copy of the metadata.
type View struct {
	DB   *bolt.DB
	Path string // the file read
	Via  string // "file" or "server <addr>"
	tmp  string // a snapshot fetched from the server, removed by Close
}

// Close closes the file and removes a fetched snapshot.
func (v *View) Close() error {
	err := v.DB.Close()
	if v.tmp != "" {
		os.Remove(v.tmp)
	}
	return err
}

// Catalog loads the catalog of the view.
func (v *View) Catalog() (*catalog.Catalog, error) { return loadCatalog(v.DB) }

// Open opens the metadata read-only: the file itself when no server holds
// it, otherwise a snapshot streamed from the server.
func (s Source) Open(ctx context.Context) (*View, error) {
	path := s.File
	if path == "" {
		path = s.Dir.Meta()
		if s.Server != "" {
			return s.fetch(ctx)
		}
		if err := RequireDir(s.Dir); err != nil {
			return nil, err
		}
		if !s.Dir.MetaExists() {
			return nil, fmt.Errorf("no metadata file at %s", path)
		}
	}
	db, err := openReadOnly(path)
	if errors.Is(err, ErrServing) && s.File == "" {
		return s.fetch(ctx)
	}
	if err != nil {
		return nil, err
	}
	return &View{DB: db, Path: path, Via: "file"}, nil
}

// ServerAddr is the metrics address of the server running on the data dir.
func (s Source) ServerAddr() (string, error) {
	if s.Server != "" {
		return s.Server, nil
	}
	info, err := s.Dir.ReadServer()
	if err != nil {
		return "", fmt.Errorf("%w, and its address is unknown (%v); pass --server with its metrics address", ErrServing, err)
	}
	return datadir.Dialable(info.MetricsAddr), nil
}

func (s Source) fetch(ctx context.Context) (*View, error) {
	addr, err := s.ServerAddr()
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp("", "kite-meta-*.db")
	if err != nil {
		return nil, err
	}
	_, err = FetchBackup(ctx, addr, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		var db *bolt.DB
		if db, err = openReadOnly(f.Name()); err == nil {
			return &View{DB: db, Path: f.Name(), Via: "server " + addr, tmp: f.Name()}, nil
		}
	}
	os.Remove(f.Name())
	return nil, err
}

// FetchBackup streams a consistent metadata snapshot from a running server
// into w and checks it arrived whole.
func FetchBackup(ctx context.Context, addr string, w io.Writer) (int64, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+BackupPath, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, fmt.Errorf("ask the server at %s for a backup: %w", addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return 0, fmt.Errorf("server at %s refused the backup: %s: %s", addr, resp.Status, msg)
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return n, fmt.Errorf("backup from %s cut off after %d bytes: %w", addr, n, err)
	}
	if want, _ := strconv.ParseInt(resp.Header.Get("Content-Length"), 10, 64); want > 0 && n != want {
		return n, fmt.Errorf("backup from %s has %d bytes, the server sent %d", addr, n, want)
	}
	return n, nil
}
