package wal

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// Replay calls fn for every record with an LSN of at least from, in LSN
// order, up to the LastLSN at the time of the call. An error from fn stops
// the replay and is returned as is. fn owns the payload it is given.
//
// Appends may run during Replay; TruncateBefore waits for it to finish, so
// fn must not call TruncateBefore.
func (l *Log) Replay(from uint64, fn func(lsn uint64, payload []byte) error) error {
	l.truncMu.RLock()
	defer l.truncMu.RUnlock()
	if l.isClosed() {
		return ErrClosed
	}
	// Load lastLSN before the file list: the writer lists a file before it
	// makes any record in it durable, so every LSN up to last has its file.
	last := l.lastLSN.Load()
	l.segs.Lock()
	segs := slices.Clone(l.segs.list)
	l.segs.Unlock()
	for i, s := range segs {
		end := last
		if i+1 < len(segs) {
			end = min(end, segs[i+1].first-1)
		}
		if end < max(from, s.first) {
			continue
		}
		if err := l.replayFile(s.first, from, end, fn); err != nil {
			return err
		}
	}
	return nil
}

// replayFile replays the records from..end of the file that starts at first.
func (l *Log) replayFile(first, from, end uint64, fn func(uint64, []byte) error) error {
	path := filepath.Join(l.dir, segmentName(first))
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("wal: replay: %w", err)
	}
	defer f.Close()
	r, err := newReader(f, path, first)
	if err != nil {
		return err
	}
	for r.lsn <= end {
		lsn := r.lsn
		r.reuse = lsn < from // skipped payloads need no allocation of their own
		payload, err := r.next()
		if err == io.EOF {
			return &CorruptError{File: path, Offset: r.off, Reason: fmt.Sprintf("file ends before lsn %d", lsn)}
		}
		if err != nil {
			return err
		}
		if lsn >= from {
			if err := fn(lsn, payload); err != nil {
				return err
			}
		}
	}
	return nil
}
