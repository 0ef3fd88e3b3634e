package scalar

import (
	"errors"

	"github.com/kite-db/kite/internal/bitset"
)

// Errors, prefixed as the package's own.
var (
	ErrUnsupported = errors.New("scalar: index type not supported on this field")
	ErrCorrupt     = errors.New("scalar: corrupt index file")
	ErrTooLarge    = errors.New("scalar: too many entries for one index")
)

// Type is an index structure, as Milvus names it.
type Type uint8

const (
	Inverted Type = iota + 1 // INVERTED: distinct key → sorted row list
	Sort                     // STL_SORT: (value, row) pairs sorted by value
	Bitmap                   // BITMAP: distinct key → bitmap of rows
	Trie                     // Trie: string keys in a radix tree → row list
)

var typeNames = map[Type]string{Inverted: "INVERTED", Sort: "STL_SORT", Bitmap: "BITMAP", Trie: "Trie"}

func (t Type) String() string {
	if s, ok := typeNames[t]; ok {
		return s
	}
	return "UNKNOWN"
}

// Kind is the kind of key an index holds.
type Kind uint8

const (
	Int    Kind = iota + 1 // Int8..Int64, Timestamptz; Bool as 0 and 1
	Float                  // Float, Double; NaN values are not indexed
	String                 // VarChar
)

// Key is one lookup key; only the member its index's Kind names is read.
type Key struct {
	Int   int64
	Float float64
	Str   string
}

// Range is an interval of keys; a side without a bound is open.
type Range struct {
	Lo, Hi         Key
	HasLo, HasHi   bool
	LoIncl, HiIncl bool
}

// Index answers lookups on one field of one sealed segment. Results are
// fresh bitsets the caller owns, one bit per row; null rows never match.
// For an array field the keys are the elements: a row matches a key when
// one of its elements equals it.
type Index interface {
	Type() Type
	Kind() Kind
	Len() int // rows covered
	// Nulls returns the null rows, nil when there are none. The caller
	// must not modify it.
	Nulls() *bitset.Bitset
	// Terms returns the rows holding one of keys.
	Terms(keys []Key) *bitset.Bitset
	Close() error
}

// Ranger is an index that answers key intervals. Every type but Trie is.
type Ranger interface {
	Range(r Range) *bitset.Bitset
}

// Prefixer is an index over strings that answers "starts with p".
type Prefixer interface {
	Prefix(p string) *bitset.Bitset
}
