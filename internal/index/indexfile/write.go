package indexfile

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"unsafe"
)

const (
	magic      = "KITEINDX"
	kindLen    = 24
	version    = 1
	headerSize = len(magic) + kindLen + 8
	entrySize  = 32
	align      = 64
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Section is one named array of a file. Build it with U8, U32, I32 or F32.
type Section struct {
	Tag  string // at most 8 bytes, unique within a file
	elem int
	data []byte
}

// U8 is a section of bytes.
func U8(tag string, b []byte) Section { return Section{Tag: tag, elem: 1, data: b} }

// U32 is a section of uint32s.
func U32(tag string, v []uint32) Section { return Section{Tag: tag, elem: 4, data: asBytes(v)} }

// I32 is a section of int32s.
func I32(tag string, v []int32) Section { return Section{Tag: tag, elem: 4, data: asBytes(v)} }

// F32 is a section of float32s.
func F32(tag string, v []float32) Section { return Section{Tag: tag, elem: 4, data: asBytes(v)} }

func asBytes[T uint32 | int32 | float32](v []T) []byte {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 4*len(v))
}

// Write writes sections to path as an index file of kind and syncs it.
func Write(path, kind string, sections []Section) error {
	if len(kind) > kindLen {
		panic("BUG: index kind too long: " + kind)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("indexfile: %w", err)
	}
	if err := write(f, kind, sections); err != nil {
		f.Close()
		return fmt.Errorf("indexfile: write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("indexfile: sync %s: %w", path, err)
	}
	return f.Close()
}

func write(w io.Writer, kind string, sections []Section) error {
	crc := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(io.MultiWriter(w, crc), 1<<20)
	hdr := make([]byte, 0, headerSize+entrySize*len(sections))
	hdr = append(hdr, magic...)
	hdr = append(hdr, kind...)
	hdr = append(hdr, make([]byte, kindLen-len(kind))...)
	hdr = binary.LittleEndian.AppendUint32(hdr, version)
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(sections)))
	off := padTo(headerSize + entrySize*len(sections))
	for _, s := range sections {
		if len(s.Tag) > 8 {
			panic("BUG: section tag too long: " + s.Tag)
		}
		var tag [8]byte
		copy(tag[:], s.Tag)
		hdr = append(hdr, tag[:]...)
		hdr = binary.LittleEndian.AppendUint32(hdr, uint32(s.elem))
		hdr = binary.LittleEndian.AppendUint32(hdr, 0)
		hdr = binary.LittleEndian.AppendUint64(hdr, uint64(off))
		hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(s.data)/s.elem))
		off = padTo(off + len(s.data))
	}
	bw.Write(hdr)
	pos := len(hdr)
	for _, s := range sections {
		bw.Write(make([]byte, padTo(pos)-pos))
		bw.Write(s.data)
		pos = padTo(pos) + len(s.data)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return binary.Write(w, binary.LittleEndian, crc.Sum32())
}

func padTo(n int) int { return (n + align - 1) / align * align }
