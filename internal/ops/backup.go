package ops

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// BackupResult describes a backup written.
type BackupResult struct {
	*FileReport
	Via string `json:"via"` // "file" or "server <addr>"
}

// Backup writes a consistent copy of the metadata to dest: read from the file
// when no server holds it, streamed from the server otherwise. The copy is
// verified, fsynced and renamed into place; an existing dest is replaced only
// with force.
func Backup(ctx context.Context, src Source, dest string, force bool) (*BackupResult, error) {
	if _, err := os.Stat(dest); err == nil && !force {
		return nil, fmt.Errorf("%s exists; pass --force to replace it", dest)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	tmp := dest + ".tmp"
	defer os.Remove(tmp)
	via, err := writeBackup(ctx, src, tmp)
	if err != nil {
		return nil, err
	}
	rep, err := CheckFile(tmp)
	if err != nil {
		return nil, fmt.Errorf("the copy does not verify, not kept: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return nil, err
	}
	rep.Path = dest
	return &BackupResult{FileReport: rep, Via: via}, syncDir(filepath.Dir(dest))
}

func writeBackup(ctx context.Context, src Source, tmp string) (string, error) {
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return "", err
	}
	defer f.Close()
	via, err := copyMeta(ctx, src, f)
	if err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	return via, f.Close()
}

// copyMeta writes the metadata into f from a read transaction on the file,
// or from the server that holds it.
func copyMeta(ctx context.Context, src Source, f *os.File) (string, error) {
	if src.Server == "" {
		if err := RequireDir(src.Dir); err != nil {
			return "", err
		}
		if !src.Dir.MetaExists() {
			return "", fmt.Errorf("no metadata file at %s", src.Dir.Meta())
		}
		db, err := openReadOnly(src.Dir.Meta())
		if err == nil {
			defer db.Close()
			return "file", db.View(func(tx *bolt.Tx) error { _, err := tx.WriteTo(f); return err })
		}
		if !errors.Is(err, ErrServing) {
			return "", err
		}
	}
	addr, err := src.ServerAddr()
	if err != nil {
		return "", err
	}
	_, err = FetchBackup(ctx, addr, f)
	return "server " + addr, err
}
