package scalar

import (
	"fmt"

	"github.com/kite-db/kite/internal/bitset"
)

// base is what every index type shares: its header, null rows and image.
type base struct {
	typ   Type
	kind  Kind
	n     int
	nulls *bitset.Bitset
	data  []byte       // the file image, heap or mapped
	unmap func() error // releases a mapping; nil for heap images
}

func (b *base) Type() Type            { return b.typ }
func (b *base) Kind() Kind            { return b.kind }
func (b *base) Len() int              { return b.n }
func (b *base) Nulls() *bitset.Bitset { return b.nulls }
func (b *base) image() []byte         { return b.data }
func (b *base) String() string        { return fmt.Sprintf("%s index over %d rows", b.typ, b.n) }
func (b *base) setRun(out *bitset.Bitset, rows []uint32) {
	for _, r := range rows {
		out.Set(int(r))
	}
}

// Close releases the mapping of an opened index. Lookups after Close are
// a bug; the segment closes its indexes only when no read holds them.
func (b *base) Close() error {
	if b.unmap == nil {
		return nil
	}
	err := b.unmap()
	b.unmap = nil
	return err
}

// sortedIndex serves STL_SORT (one key per row, rows in key order),
// INVERTED and BITMAP above BitmapDenseLimit (distinct keys, each with a
// sorted run of rows). Any interval of keys is one run of rows.
type sortedIndex struct {
	base
	keys keyCol
	offs []uint32 // nil for STL_SORT: key i is row rows[i]
	rows []uint32
}

// run returns the rows of the keys at positions [a, b).
func (x *sortedIndex) run(a, b int) []uint32 {
	if x.offs == nil {
		return x.rows[a:b]
	}
	return x.rows[x.offs[a]:x.offs[b]]
}

func (x *sortedIndex) Terms(keys []Key) *bitset.Bitset {
	out := bitset.New(x.n)
	for _, k := range keys {
		a, b := x.keys.equal(k)
		x.setRun(out, x.run(a, b))
	}
	return out
}

func (x *sortedIndex) Range(r Range) *bitset.Bitset {
	out := bitset.New(x.n)
	a, b := x.keys.interval(r)
	x.setRun(out, x.run(a, b))
	return out
}

func (x *sortedIndex) Prefix(p string) *bitset.Bitset {
	out := bitset.New(x.n)
	if x.kind == String {
		a, b := x.keys.prefix(p)
		x.setRun(out, x.run(a, b))
	}
	return out
}

// bitmapIndex is BITMAP with at most BitmapDenseLimit keys: one bitmap
// of every row per distinct key.
type bitmapIndex struct {
	base
	keys keyCol
	bits []uint64 // key i's bitmap is bits[i*nw : (i+1)*nw]
	nw   int
}

func decodeBitmaps(b base, keys keyCol, data []byte) (Index, error) {
	if keys.len() > BitmapDenseLimit {
		return nil, fmt.Errorf("%w: %d bitmaps", ErrCorrupt, keys.len())
	}
	w, err := bitmapWords(data, b.n, keys.len())
	if err != nil {
		return nil, err
	}
	return &bitmapIndex{base: b, keys: keys, bits: w, nw: (b.n + 63) / 64}, nil
}

// or adds the bitmaps of keys [a, b) to out.
func (x *bitmapIndex) or(out *bitset.Bitset, a, b int) {
	for i := a; i < b; i++ {
		out.Or(bitset.FromWords(x.bits[i*x.nw:(i+1)*x.nw], x.n))
	}
}

func (x *bitmapIndex) Terms(keys []Key) *bitset.Bitset {
	out := bitset.New(x.n)
	for _, k := range keys {
		a, b := x.keys.equal(k)
		x.or(out, a, b)
	}
	return out
}

func (x *bitmapIndex) Range(r Range) *bitset.Bitset {
	out := bitset.New(x.n)
	a, b := x.keys.interval(r)
	x.or(out, a, b)
	return out
}

func (x *bitmapIndex) Prefix(p string) *bitset.Bitset {
	out := bitset.New(x.n)
	if x.kind == String {
		a, b := x.keys.prefix(p)
		x.or(out, a, b)
	}
	return out
}

// trieIndex is Trie: a radix tree over the distinct strings, each key
// with a run of rows.
type trieIndex struct {
	base
	tree       radix
	offs, rows []uint32
}

func decodeTrie(b base, secs [numSections][]byte) (Index, error) {
	x := &trieIndex{base: b, tree: radix{nodes: view[uint32](secs[secNodes], 4), labels: secs[secLabels]},
		offs: view[uint32](secs[secOffs], 4), rows: view[uint32](secs[secRows], 4)}
	keys := len(x.offs) - 1
	if keys < 0 || !validRuns(x.offs, keys, len(x.rows)) || !x.tree.validate(keys) || !rowsBelow(x.rows, b.n) {
		return nil, fmt.Errorf("%w: trie", ErrCorrupt)
	}
	return x, nil
}

func (x *trieIndex) Terms(keys []Key) *bitset.Bitset {
	out := bitset.New(x.n)
	for _, k := range keys {
		if node, exact, ok := x.tree.find(k.Str); ok && exact {
			if t := x.tree.field(node, nTerm); t > 0 {
				x.setRun(out, x.rows[x.offs[t-1]:x.offs[t]])
			}
		}
	}
	return out
}

func (x *trieIndex) Prefix(p string) *bitset.Bitset {
	out := bitset.New(x.n)
	if node, _, ok := x.tree.find(p); ok {
		x.setRun(out, x.rows[x.offs[x.tree.field(node, nLo)]:x.offs[x.tree.field(node, nHi)]])
	}
	return out
}
