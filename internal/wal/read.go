package wal

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ReadResult is what Read found past the records it handed over.
type ReadResult struct {
	Last uint64 // the last LSN read (0: none)
	// Tail is the damage Read stopped at (a torn last record after a
	// crash, which Open would cut), nil when the files end cleanly.
	Tail *CorruptError
}

// Read calls fn for each record of dir with an LSN of at least from, in
// order, without opening the log: it never writes, cuts or creates a file,
// so it is safe on a data dir a server holds or a crash left. It stops at
// the first damaged record and reports it in the result; an error from fn
// is returned as is. A missing dir holds no records.
func Read(dir string, from uint64, fn func(lsn uint64, payload []byte) error) (ReadResult, error) {
	var res ReadResult
	segs, err := listSegments(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return res, nil
	}
	if err != nil {
		return res, err
	}
	for i, s := range segs {
		if i+1 < len(segs) && segs[i+1].first <= from {
			continue // every record of this file is before from
		}
		if err := readFile(filepath.Join(dir, segmentName(s.first)), s.first, from, fn, &res); err != nil || res.Tail != nil {
			return res, err
		}
	}
	return res, nil
}

// readFile reads one segment file for Read.
func readFile(path string, first, from uint64, fn func(uint64, []byte) error, res *ReadResult) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := newReader(f, path, first)
	var ce *CorruptError
	if errors.As(err, &ce) {
		res.Tail = ce
		return nil
	}
	if err != nil {
		return err
	}
	for {
		lsn := r.lsn
		r.reuse = lsn < from
		payload, err := r.next()
		switch {
		case err == io.EOF:
			return nil
		case errors.As(err, &ce):
			res.Tail = ce
			return nil
		case err != nil:
			return err
		}
		res.Last = lsn
		if lsn >= from {
			if err := fn(lsn, payload); err != nil {
				return err
			}
		}
	}
}
