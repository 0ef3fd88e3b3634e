package wal

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// fileHeaderSize is the header at the start of every segment file:
// magic "KWAL" | version uint32 | first LSN uint64, little-endian.
const fileHeaderSize = 16

const (
	fileMagic   = "KWAL"
	fileVersion = 1
	fileExt     = ".wal"
)

// file is the part of *os.File the writer uses; tests wrap it to inject faults.
type file interface {
	io.Writer
	Sync() error
	Close() error
}

// segment is one file of the log as the Log tracks it.
type segment struct {
	first uint64 // first LSN the file holds (or would hold, while empty)
	size  int64  // bytes on disk; kept current for sealed files only
}

// segmentName encodes the first LSN in the name, so ordering, FirstLSN and
// truncation need no index, and an empty file still records the next LSN.
func segmentName(first uint64) string { return fmt.Sprintf("%016x%s", first, fileExt) }

func parseSegmentName(name string) (uint64, bool) {
	hex, ok := strings.CutSuffix(name, fileExt)
	if !ok || len(hex) != 16 || strings.ToLower(hex) != hex {
		return 0, false
	}
	first, err := strconv.ParseUint(hex, 16, 64)
	return first, err == nil
}

// listSegments returns the segment files in dir in LSN order, sizes unset.
// Other files are left alone: the directory is the caller's.
func listSegments(dir string) ([]segment, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("wal: list %s: %w", dir, err)
	}
	var segs []segment
	for _, e := range entries {
		if first, ok := parseSegmentName(e.Name()); ok && e.Type().IsRegular() {
			segs = append(segs, segment{first: first})
		}
	}
	slices.SortFunc(segs, func(a, b segment) int { return cmp.Compare(a.first, b.first) })
	return segs, nil
}

func fileHeader(first uint64) []byte {
	h := make([]byte, 0, fileHeaderSize)
	h = append(h, fileMagic...)
	h = binary.LittleEndian.AppendUint32(h, fileVersion)
	return binary.LittleEndian.AppendUint64(h, first)
}

// checkFileHeader returns why h is not a valid header for first, or "".
func checkFileHeader(h []byte, first uint64) string {
	switch {
	case string(h[:4]) != fileMagic:
		return "bad file magic"
	case binary.LittleEndian.Uint32(h[4:]) != fileVersion:
		return fmt.Sprintf("unknown file version %d", binary.LittleEndian.Uint32(h[4:]))
	case binary.LittleEndian.Uint64(h[8:]) != first:
		return fmt.Sprintf("header says first lsn %d, name says %d", binary.LittleEndian.Uint64(h[8:]), first)
	}
	return ""
}

// createSegment makes the file for first and makes it and its directory entry
// durable before any record goes in, so a crash leaves either no file or one
// whose name still tells the next LSN.
func createSegment(dir string, first uint64, noSync bool) (*os.File, error) {
	path := filepath.Join(dir, segmentName(first))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("wal: create segment: %w", err)
	}
	if err := writeHeader(f, first, noSync); err != nil {
		f.Close()
		return nil, fmt.Errorf("wal: create segment %s: %w", path, err)
	}
	if err := syncDir(dir, noSync); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func writeHeader(f *os.File, first uint64, noSync bool) error {
	if _, err := f.Write(fileHeader(first)); err != nil {
		return err
	}
	if noSync {
		return nil
	}
	return f.Sync()
}

// syncDir makes file creations and removals in dir durable.
func syncDir(dir string, noSync bool) error {
	if noSync {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("wal: sync dir: %w", err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("wal: sync dir %s: %w", dir, err)
	}
	return nil
}
