package scalar

import (
	"cmp"
	"encoding/binary"
	"hash/crc32"
	"unsafe"
)

// File layout (docs/format/scalar-index.md): a 32-byte header, eight
// length-prefixed sections each padded to 8 bytes, and a CRC-32C of
// everything before it.

const (
	magic       = "KSIX"
	fileVersion = 1
	headerSize  = 32
	numSections = 8
)

// Section numbers.
const (
	secNulls  = iota // u64 words: bit i set = row i is null; empty when none
	secKeys          // int64 or float64 keys; for strings u64 offsets (n+1)
	secBlob          // string keys' bytes
	secOffs          // u32 (keys+1): key i owns rows[offs[i]:offs[i+1]]
	secRows          // u32 row numbers
	secBits          // dense BITMAP: keys × words u64
	secNodes         // Trie: nodeWords u32 per node
	secLabels        // Trie: edge label bytes
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type header struct {
	typ   Type
	kind  Kind
	array bool
	rows  int
}

func (h header) encode() []byte {
	b := make([]byte, headerSize)
	copy(b, magic)
	binary.LittleEndian.PutUint16(b[4:], fileVersion)
	b[6], b[7] = byte(h.typ), byte(h.kind)
	if h.array {
		b[8] = 1
	}
	binary.LittleEndian.PutUint64(b[16:], uint64(h.rows))
	binary.LittleEndian.PutUint32(b[24:], numSections)
	return b
}

// encodePairs lays out sorted entries as index type h.typ wants them.
func encodePairs[K cmp.Ordered](h header, nulls []uint64, ps []pair[K]) ([]byte, error) {
	var secs [numSections][]byte
	secs[secNulls] = u64Bytes(nulls)
	if h.typ == Sort {
		keys := make([]K, len(ps))
		rows := make([]uint32, len(ps))
		for i, p := range ps {
			keys[i], rows[i] = p.k, p.r
		}
		secs[secKeys], secs[secBlob] = keyBytes(keys)
		secs[secRows] = u32Bytes(rows)
		return assemble(h, secs), nil
	}
	keys, offs, rows, err := group(ps)
	if err != nil {
		return nil, err
	}
	switch {
	case h.typ == Bitmap && len(keys) <= BitmapDenseLimit:
		secs[secBits] = u64Bytes(denseBitmaps(h.rows, offs, rows))
	case h.typ == Trie:
		nodes, labels, err := buildTrie(any(keys).([]string))
		if err != nil {
			return nil, err
		}
		secs[secNodes], secs[secLabels] = u32Bytes(nodes), labels
		secs[secOffs], secs[secRows] = u32Bytes(offs), u32Bytes(rows)
		return assemble(h, secs), nil
	default:
		secs[secOffs], secs[secRows] = u32Bytes(offs), u32Bytes(rows)
	}
	secs[secKeys], secs[secBlob] = keyBytes(keys)
	return assemble(h, secs), nil
}

// denseBitmaps turns row runs into one bitmap per key.
func denseBitmaps(n int, offs, rows []uint32) []uint64 {
	nw := (n + 63) / 64
	w := make([]uint64, (len(offs)-1)*nw)
	for k := 0; k+1 < len(offs); k++ {
		for _, r := range rows[offs[k]:offs[k+1]] {
			w[k*nw+int(r>>6)] |= 1 << (r & 63)
		}
	}
	return w
}

// keyBytes encodes sorted keys: numbers raw; strings as offsets and blob.
func keyBytes[K cmp.Ordered](keys []K) (data, blob []byte) {
	switch ks := any(keys).(type) {
	case []int64:
		return i64Bytes(ks), nil
	case []float64:
		return f64Bytes(ks), nil
	case []string:
		offs := make([]uint64, 0, len(ks)+1)
		offs = append(offs, 0)
		for _, s := range ks {
			blob = append(blob, s...)
			offs = append(offs, uint64(len(blob)))
		}
		return u64Bytes(offs), blob
	}
	panic("BUG: scalar: unknown key type")
}

func assemble(h header, secs [numSections][]byte) []byte {
	out := h.encode()
	for _, s := range secs {
		out = binary.LittleEndian.AppendUint64(out, uint64(len(s)))
		out = append(out, s...)
		for len(out)%8 != 0 {
			out = append(out, 0)
		}
	}
	return binary.LittleEndian.AppendUint32(out, crc32.Checksum(out, castagnoli))
}

// The casts below view little-endian bytes as numbers in place. Kite runs
// on little-endian machines only (internal/segment checks at init).

func u64Bytes(v []uint64) []byte  { return asBytes(v, 8) }
func i64Bytes(v []int64) []byte   { return asBytes(v, 8) }
func f64Bytes(v []float64) []byte { return asBytes(v, 8) }
func u32Bytes(v []uint32) []byte  { return asBytes(v, 4) }

func asBytes[T any](v []T, size int) []byte {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*size)
}

// view reinterprets b, which must be aligned for T, as a []T.
func view[T any](b []byte, size int) []T {
	if len(b) < size {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), len(b)/size)
}
