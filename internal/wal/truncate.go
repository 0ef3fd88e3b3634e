package wal

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// TruncateBefore removes every file all of whose records have LSNs below lsn;
// the caller has made those records durable elsewhere. Only whole files go,
// so FirstLSN may stay below lsn. When every record is below lsn the active
// file is sealed first and an empty one named for the next LSN takes over, so
// LSNs keep rising after a reopen even with no records left.
//
// Files go oldest first, each removal made durable before the next, so a crash
// at any point leaves a gap-free run of files ending at the newest.
func (l *Log) TruncateBefore(lsn uint64) error {
	if l.isClosed() {
		return ErrClosed
	}
	if lsn > l.lastLSN.Load() {
		if err := l.requestRoll(); err != nil {
			return fmt.Errorf("wal: truncate: %w", err)
		}
	}
	l.truncMu.Lock()
	defer l.truncMu.Unlock()
	for {
		s, ok := l.removable(lsn)
		if !ok {
			return nil
		}
		if err := l.remove(s); err != nil {
			return err
		}
	}
}

// requestRoll has the writer seal the active file, in order with appends.
func (l *Log) requestRoll() error {
	req := &request{roll: true, done: make(chan struct{})}
	if err := l.enqueue(req); err != nil {
		return err
	}
	<-req.done
	return req.err
}

// removable returns the oldest file if all its records are below lsn. The
// active file never is: its end is not known yet.
func (l *Log) removable(lsn uint64) (segment, bool) {
	l.segs.Lock()
	defer l.segs.Unlock()
	if len(l.segs.list) < 2 || l.segs.list[1].first > lsn {
		return segment{}, false
	}
	return l.segs.list[0], true
}

// remove deletes the oldest file s. The directory is fsynced after each file
// rather than once at the end: otherwise a crash could bring back an older
// file without a newer one and leave a gap that Open must refuse.
func (l *Log) remove(s segment) error {
	path := filepath.Join(l.dir, segmentName(s.first))
	if l.hooks.beforeRemove != nil {
		if err := l.hooks.beforeRemove(path); err != nil {
			return err
		}
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("wal: truncate: %w", err)
	}
	if err := syncDir(l.dir, l.opts.NoSync); err != nil {
		return err
	}
	l.segs.Lock()
	l.segs.list = slices.Delete(l.segs.list, 0, 1)
	l.oldest.Store(l.segs.list[0].first)
	l.segs.Unlock()
	l.size.Add(-s.size)
	return nil
}
