// Package bitset is a fixed-size set of row offsets, the currency between
// filters (which produce one per segment) and vector indexes (which search
// only the rows set in it).
package bitset

import "math/bits"

// Bitset holds n bits; bit i set means row i passes.
type Bitset struct {
	words []uint64
	n     int
}

// New returns a bitset of n clear bits.
func New(n int) *Bitset { return &Bitset{words: make([]uint64, (n+63)/64), n: n} }

// NewFull returns a bitset of n set bits.
func NewFull(n int) *Bitset {
	b := New(n)
	for i := range b.words {
		b.words[i] = ^uint64(0)
	}
	b.clearTail()
	return b
}

// FromWords returns a bitset of n bits backed by words, which it does not
// copy: bit i is bit i%64 of words[i/64]. words must hold (n+63)/64 words
// with the bits at n and above clear. Index files use it to view bitmaps
// they hold (read-only mappings: such a set is only ever read).
func FromWords(words []uint64, n int) *Bitset {
	if len(words) != (n+63)/64 {
		panic("BUG: bitset.FromWords: word count does not match length")
	}
	return &Bitset{words: words, n: n}
}

func (b *Bitset) clearTail() {
	if r := b.n % 64; r != 0 {
		b.words[len(b.words)-1] &= (1 << r) - 1
	}
}

// Len is the number of bits.
func (b *Bitset) Len() int { return b.n }

// Set sets bit i.
func (b *Bitset) Set(i int) { b.words[i>>6] |= 1 << (i & 63) }

// Clear clears bit i.
func (b *Bitset) Clear(i int) { b.words[i>>6] &^= 1 << (i & 63) }

// Test reports whether bit i is set.
func (b *Bitset) Test(i int) bool { return b.words[i>>6]&(1<<(i&63)) != 0 }

// Count is the number of set bits.
func (b *Bitset) Count() int {
	c := 0
	for _, w := range b.words {
		c += bits.OnesCount64(w)
	}
	return c
}

// And keeps only the bits also set in o (same length).
func (b *Bitset) And(o *Bitset) {
	for i := range b.words {
		b.words[i] &= o.words[i]
	}
}

// Or sets the bits set in o (same length).
func (b *Bitset) Or(o *Bitset) {
	for i := range b.words {
		b.words[i] |= o.words[i]
	}
}

// AndNot clears the bits set in o (same length).
func (b *Bitset) AndNot(o *Bitset) {
	for i := range b.words {
		b.words[i] &^= o.words[i]
	}
}

// Not flips every bit.
func (b *Bitset) Not() {
	for i := range b.words {
		b.words[i] = ^b.words[i]
	}
	b.clearTail()
}

// Clone returns a copy.
func (b *Bitset) Clone() *Bitset {
	return &Bitset{words: append([]uint64(nil), b.words...), n: b.n}
}

// ForEach calls fn for each set bit in increasing order until fn returns false.
func (b *Bitset) ForEach(fn func(i int) bool) {
	for wi, w := range b.words {
		for w != 0 {
			t := bits.TrailingZeros64(w)
			if !fn(wi*64 + t) {
				return
			}
			w &= w - 1
		}
	}
}
