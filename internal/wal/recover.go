package wal

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
)

// recoverSegments verifies every file in segs, fills in their sizes and cuts
// a torn tail off the last one. It returns the next LSN to assign.
// Verifying sealed files at Open costs a read of the log, which truncation
// keeps short, and is the only way to refuse damage before acknowledging
// anything on top of it.
func recoverSegments(dir string, segs []segment, noSync bool) (uint64, error) {
	var next uint64
	for i := range segs {
		path := filepath.Join(dir, segmentName(segs[i].first))
		if segs[i].first == 0 {
			return 0, &CorruptError{File: path, Reason: "lsn 0 in file name"}
		}
		last := i == len(segs)-1
		n, size, err := scanSegment(path, segs[i].first, last, noSync)
		if err != nil {
			return 0, err
		}
		segs[i].size = size
		next = segs[i].first + n
		if !last && next != segs[i+1].first {
			return 0, &CorruptError{File: path, Offset: size,
				Reason: fmt.Sprintf("ends before lsn %d but the next file starts at %d", next, segs[i+1].first)}
		}
	}
	return next, nil
}

// scanSegment reads every record of one file and returns how many it holds
// and its size. Only the last file may be repaired: damage anywhere else hides
// records that were acknowledged.
func scanSegment(path string, first uint64, last, noSync bool) (uint64, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, fmt.Errorf("wal: open %s: %w", path, err)
	}
	defer f.Close()
	r, err := newReader(f, path, first)
	if err == nil {
		r.reuse = true
		for err == nil {
			_, err = r.next()
		}
		if err == io.EOF {
			return r.lsn - first, r.off, nil
		}
	}
	var ce *CorruptError
	if !last || !errors.As(err, &ce) || !ce.torn {
		return 0, 0, err
	}
	lsn := first
	if r != nil {
		lsn = r.lsn
	}
	if at, ok := findRecordAfter(f, ce.Offset, lsn); ok {
		ce.Reason += fmt.Sprintf("; a valid record follows at offset %d", at)
		return 0, 0, ce
	}
	size, err := cutTail(path, ce.Offset, first, noSync)
	return lsn - first, size, err
}

// cutTail truncates the file at off, the start of a torn record, rewriting
// the header when that was torn too. It returns the new size.
func cutTail(path string, off int64, first uint64, noSync bool) (int64, error) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return 0, fmt.Errorf("wal: repair %s: %w", path, err)
	}
	defer f.Close()
	if err := f.Truncate(off); err != nil {
		return 0, fmt.Errorf("wal: repair %s: %w", path, err)
	}
	if off == 0 {
		if err := writeHeader(f, first, noSync); err != nil {
			return 0, fmt.Errorf("wal: repair %s: %w", path, err)
		}
		return fileHeaderSize, nil
	}
	if !noSync {
		if err := f.Sync(); err != nil {
			return 0, fmt.Errorf("wal: repair %s: %w", path, err)
		}
	}
	return off, nil
}

// scanChunk bounds the memory findRecordAfter uses on a large file.
const scanChunk = 1 << 20

// findRecordAfter looks past a damaged record at off, which should have held
// lsn, for any valid record of this or a later LSN. Finding one means the
// damage is not a torn tail but a hole in acknowledged data. Candidates are
// picked by their LSN field first, so the scan is one pass in practice.
func findRecordAfter(f *os.File, off int64, lsn uint64) (int64, bool) {
	fi, err := f.Stat()
	if err != nil {
		return 0, false
	}
	size := fi.Size()
	maxLSN := lsn + uint64(size-off)/recordHeaderSize
	chunk := int(min(scanChunk, size-off))
	buf := make([]byte, chunk+recordHeaderSize-1)
	for start := off + 1; start+recordHeaderSize <= size; start += int64(chunk) {
		n, _ := f.ReadAt(buf[:min(int64(len(buf)), size-start)], start)
		for i := 0; i < chunk && i+recordHeaderSize <= n; i++ {
			cand := binary.LittleEndian.Uint64(buf[i+8:])
			if cand >= lsn && cand <= maxLSN && validAt(f, start+int64(i), size) {
				return start + int64(i), true
			}
		}
	}
	return 0, false
}

// validAt reports whether a record with a correct checksum starts at off.
func validAt(f *os.File, off, size int64) bool {
	var h [recordHeaderSize]byte
	if _, err := f.ReadAt(h[:], off); err != nil {
		return false
	}
	n := int64(binary.LittleEndian.Uint32(h[0:]))
	if n > MaxPayload || off+recordSize(int(n)) > size {
		return false
	}
	crc := crc32.New(castagnoli)
	crc.Write(h[8:])
	if _, err := io.Copy(crc, io.NewSectionReader(f, off+recordHeaderSize, n)); err != nil {
		return false
	}
	return crc.Sum32() == binary.LittleEndian.Uint32(h[4:])
}
