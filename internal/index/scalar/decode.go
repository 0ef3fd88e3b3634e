package scalar

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"

	"github.com/kite-db/kite/internal/bitset"
)

// decode views an index file image; unmap releases it on Close (nil for
// heap images). Every offset is checked here, so lookups cannot run out
// of bounds whatever the file holds.
func decode(data []byte, unmap func() error) (Index, error) {
	h, secs, err := parse(data)
	if err != nil {
		return nil, err
	}
	b := base{typ: h.typ, kind: h.kind, n: h.rows, data: data, unmap: unmap}
	if b.nulls, err = nullSet(secs[secNulls], h.rows); err != nil {
		return nil, err
	}
	if h.typ == Trie {
		return decodeTrie(b, secs)
	}
	keys, err := decodeKeys(h.kind, secs[secKeys], secs[secBlob], h.typ == Sort)
	if err != nil {
		return nil, err
	}
	if h.typ == Bitmap && len(secs[secOffs]) == 0 { // dense: offsets always hold at least one entry
		return decodeBitmaps(b, keys, secs[secBits])
	}
	x := &sortedIndex{base: b, keys: keys, rows: view[uint32](secs[secRows], 4)}
	if h.typ != Sort {
		x.offs = view[uint32](secs[secOffs], 4)
		if !validRuns(x.offs, keys.len(), len(x.rows)) {
			return nil, fmt.Errorf("%w: row offsets", ErrCorrupt)
		}
	} else if len(x.rows) != keys.len() {
		return nil, fmt.Errorf("%w: %d rows for %d keys", ErrCorrupt, len(x.rows), keys.len())
	}
	if !rowsBelow(x.rows, h.rows) {
		return nil, fmt.Errorf("%w: row number out of range", ErrCorrupt)
	}
	return x, nil
}

// parse checks the checksum and header and splits the sections.
func parse(data []byte) (header, [numSections][]byte, error) {
	var secs [numSections][]byte
	if len(data) < headerSize+4 {
		return header{}, secs, fmt.Errorf("%w: %d bytes", ErrCorrupt, len(data))
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return header{}, secs, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	h := header{typ: Type(data[6]), kind: Kind(data[7]), array: data[8]&1 != 0}
	rows := binary.LittleEndian.Uint64(data[16:])
	switch {
	case string(data[:4]) != magic:
		return h, secs, fmt.Errorf("%w: bad magic", ErrCorrupt)
	case binary.LittleEndian.Uint16(data[4:]) != fileVersion:
		return h, secs, fmt.Errorf("%w: unknown version %d", ErrCorrupt, binary.LittleEndian.Uint16(data[4:]))
	case h.typ < Inverted || h.typ > Trie || h.kind < Int || h.kind > String || (h.typ == Trie && h.kind != String):
		return h, secs, fmt.Errorf("%w: type %d kind %d", ErrCorrupt, h.typ, h.kind)
	case rows >= 1<<32 || binary.LittleEndian.Uint32(data[24:]) != numSections:
		return h, secs, fmt.Errorf("%w: header", ErrCorrupt)
	}
	h.rows = int(rows)
	off := headerSize
	for i := range secs {
		if len(body)-off < 8 {
			return h, secs, fmt.Errorf("%w: truncated", ErrCorrupt)
		}
		n := binary.LittleEndian.Uint64(body[off:])
		off += 8
		if n > uint64(len(body)-off) {
			return h, secs, fmt.Errorf("%w: section %d overruns the file", ErrCorrupt, i)
		}
		secs[i] = body[off : off+int(n) : off+int(n)]
		off += (int(n) + 7) &^ 7
	}
	return h, secs, nil
}

// nullSet copies the null words to the heap after checking their length.
func nullSet(b []byte, n int) (*bitset.Bitset, error) {
	if len(b) == 0 {
		return nil, nil
	}
	w, err := bitmapWords(b, n, 1)
	if err != nil {
		return nil, err
	}
	return bitset.FromWords(w, n).Clone(), nil
}

// bitmapWords views k bitmaps of n bits, checking that no bit lies past n.
func bitmapWords(b []byte, n, k int) ([]uint64, error) {
	nw := (n + 63) / 64
	w := view[uint64](b, 8)
	if len(b)%8 != 0 || len(w) != nw*k {
		return nil, fmt.Errorf("%w: bitmap size", ErrCorrupt)
	}
	if r := n % 64; r != 0 {
		for i := nw - 1; i < len(w); i += nw {
			if w[i]>>r != 0 {
				return nil, fmt.Errorf("%w: bit past the last row", ErrCorrupt)
			}
		}
	}
	return w, nil
}

// decodeKeys views the key column and checks that it is sorted (strictly
// unless dup, the STL_SORT layout of one key per row).
func decodeKeys(k Kind, data, blob []byte, dup bool) (keyCol, error) {
	c := keyCol{kind: k}
	if len(data)%8 != 0 {
		return c, fmt.Errorf("%w: key section size", ErrCorrupt)
	}
	ok := true
	switch k {
	case Int:
		c.ints = view[int64](data, 8)
		ok = sortedBy(len(c.ints), dup, func(i int) int { return cmp3(c.ints[i-1], c.ints[i]) })
	case Float:
		c.floats = view[float64](data, 8)
		for _, f := range c.floats {
			ok = ok && f == f
		}
		ok = ok && sortedBy(len(c.floats), dup, func(i int) int { return cmp3(c.floats[i-1], c.floats[i]) })
	default:
		c.offs, c.blob = view[uint64](data, 8), blob
		ok = validStrings(c.offs, len(blob)) &&
			sortedBy(c.len(), dup, func(i int) int { return bytes.Compare(c.bytesAt(i-1), c.bytesAt(i)) })
	}
	if !ok {
		return c, fmt.Errorf("%w: keys out of order", ErrCorrupt)
	}
	return c, nil
}

func cmp3[T int64 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sortedBy reports whether cmpPrev(i), comparing key i-1 with key i, is
// never positive (and never zero unless dup).
func sortedBy(n int, dup bool, cmpPrev func(i int) int) bool {
	for i := 1; i < n; i++ {
		if c := cmpPrev(i); c > 0 || (c == 0 && !dup) {
			return false
		}
	}
	return true
}

func validStrings(offs []uint64, blob int) bool {
	if len(offs) == 0 || offs[0] != 0 || offs[len(offs)-1] != uint64(blob) {
		return false
	}
	for i := 1; i < len(offs); i++ {
		if offs[i] < offs[i-1] {
			return false
		}
	}
	return true
}

// validRuns checks row offsets: keys+1 of them, from 0 to rows, ascending.
func validRuns(offs []uint32, keys, rows int) bool {
	if len(offs) != keys+1 || offs[0] != 0 || int(offs[keys]) != rows {
		return false
	}
	for i := 1; i < len(offs); i++ {
		if offs[i] < offs[i-1] {
			return false
		}
	}
	return true
}

func rowsBelow(rows []uint32, n int) bool {
	for _, r := range rows {
		if int(r) >= n {
			return false
		}
	}
	return true
}
