package indexfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"unsafe"
)

// ErrCorrupt reports a file that fails its size, table or checksum checks,
// or lacks a section its reader needs.
var ErrCorrupt = errors.New("indexfile: corrupt index file")

// File is an index file mapped read-only.
type File struct {
	path     string
	data     []byte
	sections map[string]entry
	closer   func() error
}

type entry struct {
	elem         int
	offset, size int // in bytes
}

// Open maps path and checks that it is an intact index file of kind.
func Open(path, kind string) (*File, error) {
	data, closer, err := MapFile(path)
	if err != nil {
		return nil, fmt.Errorf("indexfile: open: %w", err)
	}
	f := &File{path: path, data: data, closer: closer}
	if err := f.parse(kind); err != nil {
		closer()
		return nil, fmt.Errorf("indexfile: open %s: %w", path, err)
	}
	return f, nil
}

func (f *File) parse(kind string) error {
	d := f.data
	if len(d) < headerSize+4 || string(d[:len(magic)]) != magic {
		return ErrCorrupt
	}
	body := d[:len(d)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(d[len(body):]) {
		return ErrCorrupt
	}
	if got := strings.TrimRight(string(d[8:8+kindLen]), "\x00"); got != kind {
		return fmt.Errorf("holds %q, want %q: %w", got, kind, ErrCorrupt)
	}
	v := binary.LittleEndian.Uint32(d[8+kindLen:])
	n := int(binary.LittleEndian.Uint32(d[12+kindLen:]))
	if v != version || n > (len(body)-headerSize)/entrySize {
		return ErrCorrupt
	}
	f.sections = make(map[string]entry, n)
	for i := 0; i < n; i++ {
		e := d[headerSize+i*entrySize:]
		tag := strings.TrimRight(string(e[:8]), "\x00")
		elem := int(binary.LittleEndian.Uint32(e[8:]))
		off, count := binary.LittleEndian.Uint64(e[16:]), binary.LittleEndian.Uint64(e[24:])
		if elem != 1 && elem != 4 && elem != 8 || off%align != 0 || off > uint64(len(body)) ||
			count > (uint64(len(body))-off)/uint64(elem) {
			return ErrCorrupt
		}
		f.sections[tag] = entry{elem: elem, offset: int(off), size: int(count) * elem}
	}
	return nil
}

// Close unmaps the file; views handed out before must not be used after.
func (f *File) Close() error {
	if f.closer == nil {
		return nil
	}
	c := f.closer
	f.closer = nil
	return c()
}

func (f *File) section(tag string, elem int) ([]byte, error) {
	e, ok := f.sections[tag]
	if !ok || e.elem != elem {
		return nil, fmt.Errorf("indexfile: %s: section %q: %w", f.path, tag, ErrCorrupt)
	}
	return f.data[e.offset : e.offset+e.size : e.offset+e.size], nil
}

// Has reports whether the file holds a section tag.
func (f *File) Has(tag string) bool {
	_, ok := f.sections[tag]
	return ok
}

// U8 returns section tag as bytes.
func (f *File) U8(tag string) ([]byte, error) { return f.section(tag, 1) }

// U32 returns section tag as uint32s.
func (f *File) U32(tag string) ([]uint32, error) { return view[uint32](f, tag) }

// I32 returns section tag as int32s.
func (f *File) I32(tag string) ([]int32, error) { return view[int32](f, tag) }

// F32 returns section tag as float32s.
func (f *File) F32(tag string) ([]float32, error) { return view[float32](f, tag) }

func view[T uint32 | int32 | float32](f *File, tag string) ([]T, error) {
	b, err := f.section(tag, 4)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return []T{}, nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), len(b)/4), nil
}
