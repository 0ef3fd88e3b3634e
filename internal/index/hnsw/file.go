package hnsw

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"unsafe"

	"github.com/kite-db/kite/internal/index/indexfile"
)

const (
	magic      = "KITEHNSW"
	version    = 1
	headerSize = 8 + 6*4
)

// ErrCorrupt reports a graph file that fails its size or checksum checks.
var ErrCorrupt = errors.New("hnsw: corrupt graph file")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// WriteFile writes the graph to path (layout in doc.go) and syncs it, so a
// catalog entry written afterwards never points at a torn file.
func (g *Graph) WriteFile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("hnsw: write graph: %w", err)
	}
	if err := g.write(f); err != nil {
		f.Close()
		return fmt.Errorf("hnsw: write graph %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("hnsw: sync graph %s: %w", path, err)
	}
	return f.Close()
}

func (g *Graph) write(w io.Writer) error {
	crc := crc32.New(castagnoli)
	bw := bufio.NewWriter(io.MultiWriter(w, crc))
	hdr := []byte(magic)
	for _, v := range []uint32{version, uint32(g.Len()), uint32(g.m), uint32(g.maxLevel), uint32(g.entry), uint32(len(g.upper))} {
		hdr = binary.LittleEndian.AppendUint32(hdr, v)
	}
	bw.Write(hdr)
	bw.Write(g.levels)
	bw.Write(make([]byte, pad4(len(g.levels))))
	for _, a := range [][]uint32{g.upperOff, g.level0, g.upper} {
		writeWords(bw, a)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return binary.Write(w, binary.LittleEndian, crc.Sum32())
}

func writeWords(w *bufio.Writer, a []uint32) {
	var b [4]byte
	for _, x := range a {
		binary.LittleEndian.PutUint32(b[:], x)
		w.Write(b[:])
	}
}

func pad4(n int) int { return (4 - n%4) % 4 }

// Open maps the graph file at path read-only. The graph reads the mapping
// directly (no copy), so it must be closed after its last search.
func Open(path string) (*Graph, error) {
	data, closer, err := indexfile.MapFile(path)
	if err != nil {
		return nil, fmt.Errorf("hnsw: open graph: %w", err)
	}
	g, err := decode(data)
	if err != nil {
		closer()
		return nil, fmt.Errorf("hnsw: open graph %s: %w", path, err)
	}
	g.closer = closer
	return g, nil
}

// Close releases a graph opened from a file; it is a no-op for built ones.
func (g *Graph) Close() error {
	if g.closer == nil {
		return nil
	}
	c := g.closer
	g.closer = nil
	return c()
}

// decode checks data and points the graph's arrays into it.
func decode(data []byte) (*Graph, error) {
	if len(data) < headerSize+4 || string(data[:8]) != magic || !littleEndian() {
		return nil, ErrCorrupt
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return nil, ErrCorrupt
	}
	h := func(i int) uint32 { return binary.LittleEndian.Uint32(data[8+4*i:]) }
	if h(0) != version || h(2) < 2 {
		return nil, ErrCorrupt
	}
	n, m, upperLen := int(h(1)), int(h(2)), int(h(5))
	g := New(Config{M: m}, 0)
	g.maxLevel, g.entry = int32(h(3)), int32(h(4))
	off := headerSize
	g.levels = body[off : off+n : off+n]
	off += n + pad4(n)
	var ok bool
	if g.upperOff, off, ok = words(body, off, n); !ok {
		return nil, ErrCorrupt
	}
	if g.level0, off, ok = words(body, off, n*(g.m0+1)); !ok {
		return nil, ErrCorrupt
	}
	if g.upper, off, ok = words(body, off, upperLen); !ok || off != len(body) {
		return nil, ErrCorrupt
	}
	return g, nil
}

// words views count little-endian uint32s of b at off without copying.
func words(b []byte, off, count int) ([]uint32, int, bool) {
	end := off + 4*count
	if off < 0 || end > len(b) || off%4 != 0 {
		return nil, off, false
	}
	if count == 0 {
		return []uint32{}, end, true
	}
	return unsafe.Slice((*uint32)(unsafe.Pointer(&b[off])), count), end, true
}

func littleEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}
