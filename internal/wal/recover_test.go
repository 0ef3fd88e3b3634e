package wal

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// writeLog makes a closed log in a new directory holding payloads.
func writeLog(t *testing.T, segBytes int64, payloads [][]byte) string {
	t.Helper()
	dir := t.TempDir()
	l := openT(t, dir, Options{NoSync: true, SegmentBytes: segBytes})
	appendAll(t, l, payloads)
	mustClose(t, l)
	return dir
}

func TestTornTail(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	tests := []struct {
		name     string
		payloads [][]byte
		segBytes int64
	}{
		{"one file", randPayloads(rng, 6, 40), 0},
		{"empty last payload", [][]byte{[]byte("a"), {}}, 0},
		{"only record", [][]byte{[]byte("lonely")}, 0},
		{"last of many files", randPayloads(rng, 12, 40), 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeLog(t, tt.segBytes, tt.payloads)
			path := lastSegment(t, dir)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			n := len(tt.payloads)
			start := len(data) - int(recordSize(len(tt.payloads[n-1])))
			for cut := start; cut < len(data); cut++ {
				checkTorn(t, dir, path, data[:cut], tt.payloads[:n-1], int64(start))
			}
			// A crash can also leave the file longer, its tail unwritten.
			torn := append(data[:start:start], make([]byte, len(data)-start+100)...)
			checkTorn(t, dir, path, torn, tt.payloads[:n-1], int64(start))
			// A length field over the limit at the tail is torn too, not a
			// reason to allocate 4 GiB.
			huge := append([]byte(nil), data...)
			binary.LittleEndian.PutUint32(huge[start:], 1<<32-1)
			checkTorn(t, dir, path, huge, tt.payloads[:n-1], int64(start))
		})
	}
}

// checkTorn writes data as the last file and checks that Open cuts it back
// to size and keeps exactly want.
func checkTorn(t *testing.T, dir, path string, data []byte, want [][]byte, size int64) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("Open with %d bytes of the last file: %v", len(data), err)
	}
	checkRecords(t, replayAll(t, l, 0), 1, want)
	if got := fileSize(t, path); got != size {
		t.Fatalf("last file is %d bytes after recovery, want %d", got, size)
	}
	if lsn, err := l.Append(t.Context(), []byte("next")); err != nil || lsn != uint64(len(want)+1) {
		t.Fatalf("Append after recovery: lsn %d, %v; want %d", lsn, err, len(want)+1)
	}
	mustClose(t, l)
}

func TestTornHeader(t *testing.T) {
	// Three records a file: the fourth starts file 4, which gets torn.
	dir := writeLog(t, threePerFile, numbered(4))
	if err := os.Truncate(lastSegment(t, dir), 0); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(lastSegment(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	full := fileHeader(4)
	for cut := range fileHeaderSize {
		torn := append(full[:cut:cut], data...)
		checkTorn(t, dir, lastSegment(t, dir), torn, numbered(3), fileHeaderSize)
		// checkTorn appended a record; drop it to start the next cut clean.
		if err := os.Truncate(lastSegment(t, dir), 0); err != nil {
			t.Fatal(err)
		}
	}
}

// recordOffset is where record i (from 0) of a file of numbered payloads starts.
func recordOffset(i int) int64 { return fileHeaderSize + int64(i)*recordSize(len("rec-0000")) }

func TestCorruption(t *testing.T) {
	tests := []struct {
		name     string
		segBytes int64
		file     int   // index of the damaged file
		offset   int64 // where the error must point
		damage   func(t *testing.T, dir string, paths []string)
	}{
		{"payload flip mid file", 0, 0, recordOffset(4), flipAt(0, recordOffset(4)+20)},
		{"crc flip mid file", 0, 0, recordOffset(4), flipAt(0, recordOffset(4)+5)},
		{"lsn flip mid file", 0, 0, recordOffset(4), flipAt(0, recordOffset(4)+9)},
		{"length flip mid file", 0, 0, recordOffset(4), flipAt(0, recordOffset(4))},
		{"length over limit mid file", 0, 0, recordOffset(4), putU32At(0, recordOffset(4), MaxPayload+1)},
		{"flip in first record", 0, 0, recordOffset(0), flipAt(0, recordOffset(0)+17)},
		{"flip at end of sealed file", threePerFile, 1, recordOffset(2), flipAt(1, recordOffset(2)+20)},
		{"sealed file cut short", threePerFile, 1, recordOffset(2), cutFile(1, 1)},
		{"sealed file empty", threePerFile, 1, 0, cutFile(1, threePerFile)},
		{"file missing", threePerFile, 1, recordOffset(3), removeFile(2)},
		{"bad magic", 0, 0, 0, flipAt(0, 1)},
		{"header lsn mismatch", 0, 0, 0, flipAt(0, 8)},
		{"valid record with wrong lsn at tail", 0, 0, recordOffset(10), appendCopyOf(0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeLog(t, tt.segBytes, numbered(10))
			paths := segmentPaths(t, dir)
			tt.damage(t, dir, paths)
			_, err := Open(dir, Options{NoSync: true})
			var ce *CorruptError
			if !errors.Is(err, ErrCorrupt) || !errors.As(err, &ce) {
				t.Fatalf("Open: %v, want a *CorruptError", err)
			}
			if ce.File != paths[tt.file] || ce.Offset != tt.offset {
				t.Fatalf("error at %s:%d, want %s:%d (%v)", ce.File, ce.Offset, paths[tt.file], tt.offset, err)
			}
		})
	}
}

func flipAt(file int, off int64) func(*testing.T, string, []string) {
	return editFile(file, func(b []byte) []byte { b[off] ^= 0x40; return b })
}

func putU32At(file int, off int64, v uint32) func(*testing.T, string, []string) {
	return editFile(file, func(b []byte) []byte { binary.LittleEndian.PutUint32(b[off:], v); return b })
}

func cutFile(file, n int) func(*testing.T, string, []string) {
	return editFile(file, func(b []byte) []byte { return b[:len(b)-n] })
}

// appendCopyOf appends the file's first record again: a valid checksum on an
// LSN that does not belong there.
func appendCopyOf(file int) func(*testing.T, string, []string) {
	return editFile(file, func(b []byte) []byte {
		return append(b, b[recordOffset(0):recordOffset(1)]...)
	})
}

func removeFile(file int) func(*testing.T, string, []string) {
	return func(t *testing.T, _ string, paths []string) {
		if err := os.Remove(paths[file]); err != nil {
			t.Fatal(err)
		}
	}
}

func editFile(file int, edit func([]byte) []byte) func(*testing.T, string, []string) {
	return func(t *testing.T, _ string, paths []string) {
		b, err := os.ReadFile(paths[file])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(paths[file], edit(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenIgnoresOtherFiles(t *testing.T) {
	dir := writeLog(t, 0, numbered(3))
	for _, name := range []string{"README", "0000000000000001.wal.tmp", "00000000000000AB.wal", "1.wal"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("junk"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := openT(t, dir, Options{NoSync: true})
	defer mustClose(t, l)
	checkRecords(t, replayAll(t, l, 0), 1, numbered(3))
}
