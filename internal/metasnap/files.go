package metasnap

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

const (
	prefix     = "meta-"
	ext        = ".db"
	timeLayout = "20060102T150405.000000Z"
)

// Snapshot is one snapshot file.
type Snapshot struct {
	Path  string    `json:"path"`
	Time  time.Time `json:"time"`
	Bytes int64     `json:"bytes"`
}

// List returns the snapshots in dir, newest first. A missing dir has none.
func List(dir string) ([]Snapshot, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Snapshot
	for _, e := range ents {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ext) {
			continue
		}
		stamp := strings.TrimSuffix(strings.TrimPrefix(name, prefix), ext)
		t, err := time.Parse(timeLayout, stamp)
		if err != nil {
			continue
		}
		s := Snapshot{Path: filepath.Join(dir, name), Time: t}
		if info, err := e.Info(); err == nil {
			s.Bytes = info.Size()
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Time.After(out[j].Time) })
	return out, nil
}

// Write copies db consistently to path: a read transaction streams its view
// to a temporary file, which is fsynced and renamed. It returns the copy's
// SHA-256.
func Write(db *bolt.DB, path string) ([32]byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return [32]byte{}, fmt.Errorf("metasnap: %w", err)
	}
	tmp := path + ".tmp"
	defer os.Remove(tmp)
	sum, err := writeTmp(db, tmp)
	if err != nil {
		return sum, err
	}
	return sum, commit(tmp, path)
}

// writeTmp streams a read transaction's view of db to a new file and fsyncs it.
func writeTmp(db *bolt.DB, tmp string) ([32]byte, error) {
	var sum [32]byte
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return sum, fmt.Errorf("metasnap: %w", err)
	}
	h := sha256.New()
	err = db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(io.MultiWriter(f, h))
		return err
	})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return sum, fmt.Errorf("metasnap: write %s: %w", tmp, err)
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

func commit(tmp, path string) error {
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("metasnap: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

func fileSum(path string) ([32]byte, error) {
	var sum [32]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// Prune removes all but the newest keep snapshots.
func Prune(dir string, keep int) error {
	snaps, err := List(dir)
	if err != nil {
		return err
	}
	for i := max(keep, 1); i < len(snaps); i++ {
		if err := os.Remove(snaps[i].Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
