package wal

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
)

// MaxPayload is the largest payload Append accepts. A length field above it
// can only be damage, so readers reject it before allocating anything.
const MaxPayload = 256 << 20

// recordHeaderSize is the framing before each payload:
// length uint32 | crc32c uint32 | lsn uint64, little-endian.
const recordHeaderSize = 16

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// recordSize is the on-disk size of a record holding n payload bytes.
func recordSize(n int) int64 { return recordHeaderSize + int64(n) }

// appendHeader appends the framing for payload at lsn. The CRC covers the LSN
// too, so a record copied to the wrong position cannot pass as valid.
func appendHeader(dst []byte, lsn uint64, payload []byte) []byte {
	var lsnb [8]byte
	binary.LittleEndian.PutUint64(lsnb[:], lsn)
	crc := crc32.Update(crc32.Update(0, castagnoli, lsnb[:]), castagnoli, payload)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(payload)))
	dst = binary.LittleEndian.AppendUint32(dst, crc)
	return append(dst, lsnb[:]...)
}

// reader decodes the records of one segment file in order, checking the
// framing, the CRC and that LSNs run on from the file's first LSN.
type reader struct {
	path string
	br   *bufio.Reader
	off  int64  // offset of the next record
	size int64  // file size when opened
	lsn  uint64 // LSN the next record must carry
	buf  []byte // reused payload buffer when reuse is set
	// reuse lets recovery scans, which drop payloads, avoid an allocation per
	// record; Replay hands payloads to callers and so needs fresh ones.
	reuse bool
}

// newReader checks the file header of f and positions r at the first record.
func newReader(f *os.File, path string, first uint64) (*reader, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	// Small files get small buffers: replaying many short files is common
	// after a reopen with tiny segments, and a 64 KiB buffer each adds up.
	bufSize := int(min(fi.Size(), 64<<10))
	r := &reader{path: path, br: bufio.NewReaderSize(f, bufSize), size: fi.Size(), lsn: first}
	var h [fileHeaderSize]byte
	if _, err := io.ReadFull(r.br, h[:]); err != nil {
		return nil, r.readErr(err, "short file header")
	}
	if reason := checkFileHeader(h[:], first); reason != "" {
		// A file no longer than its header was never given records (they are
		// written only after the header is fsynced), so a bad one is torn.
		return nil, &CorruptError{File: path, Reason: reason, torn: r.size <= fileHeaderSize}
	}
	r.off = fileHeaderSize
	return r, nil
}

// next returns the next payload, io.EOF at a clean end of file, or a
// *CorruptError at the record's offset.
func (r *reader) next() ([]byte, error) {
	var h [recordHeaderSize]byte
	if _, err := io.ReadFull(r.br, h[:]); err != nil {
		if err == io.EOF {
			return nil, io.EOF
		}
		return nil, r.readErr(err, "short record header")
	}
	n := binary.LittleEndian.Uint32(h[0:])
	if n > MaxPayload {
		return nil, r.corrupt(fmt.Sprintf("length %d over limit", n), true)
	}
	if int64(n) > r.size-r.off-recordHeaderSize {
		return nil, r.corrupt(fmt.Sprintf("length %d past end of file", n), true)
	}
	payload, err := r.payload(int(n))
	if err != nil {
		return nil, err
	}
	crc := crc32.Update(crc32.Update(0, castagnoli, h[8:]), castagnoli, payload)
	if crc != binary.LittleEndian.Uint32(h[4:]) {
		return nil, r.corrupt("checksum mismatch", true)
	}
	if lsn := binary.LittleEndian.Uint64(h[8:]); lsn != r.lsn {
		// A valid checksum on the wrong LSN is not a torn write but a bug or
		// a misplaced file; never cut it off silently.
		return nil, r.corrupt(fmt.Sprintf("lsn %d, want %d", lsn, r.lsn), false)
	}
	r.off += recordSize(int(n))
	r.lsn++
	return payload, nil
}

func (r *reader) payload(n int) ([]byte, error) {
	var p []byte
	if r.reuse && cap(r.buf) >= n {
		p = r.buf[:n]
	} else {
		p = make([]byte, n)
		if r.reuse {
			r.buf = p
		}
	}
	if _, err := io.ReadFull(r.br, p); err != nil {
		return nil, r.readErr(err, "short payload")
	}
	return p, nil
}

// readErr turns running out of bytes into a torn record; other read errors
// are I/O failures, not damage, and pass through.
func (r *reader) readErr(err error, reason string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return r.corrupt(reason, true)
	}
	return fmt.Errorf("wal: read %s: %w", r.path, err)
}

func (r *reader) corrupt(reason string, torn bool) *CorruptError {
	return &CorruptError{File: r.path, Offset: r.off, Reason: reason, torn: torn}
}
