// Package scalar holds Kite's scalar indexes, the ones CreateIndex builds
// on non-vector fields under Milvus's names:
//
//	INVERTED  distinct key → sorted list of rows; Bool, integers, floats,
//	          VarChar and the elements of arrays of those
//	STL_SORT  (value, row) pairs sorted by value; numbers and VarChar
//	BITMAP    one bitmap of rows per distinct key; Bool, integers, VarChar
//	          and arrays of those. Above BitmapDenseLimit (500, Milvus's
//	          bound) distinct keys the bitmaps become row lists.
//	Trie      a radix tree over VarChar values: equality and prefixes
//
// AUTOINDEX on a scalar field is resolved per segment by Choose, as
// Milvus 2.6 resolves it (BITMAP for low cardinality, STL_SORT or
// INVERTED otherwise).
//
// A JSON-path index (PathIndex, BuildPath) indexes the values at one path
// inside a JSON field that cast to its json_cast_type; it is stored as an
// array field's INVERTED index, one entry per castable value, so rows
// whose value is missing or of another type match no key yet are not
// null. The filter evaluator reads the values (expr.PathEntriesOf).
//
// # Use
//
// An index covers one field of one sealed segment, built from the
// segment's column once, saved beside the segment and mapped back at boot:
//
//	ix, err := scalar.Build(scalar.Inverted, scalar.FieldOf(f), col)
//	err = scalar.WriteFile(tmp, ix)   // then rename tmp into place
//	ix, err = scalar.Open(path)       // mmap; nothing is rebuilt
//	rows := ix.Terms([]scalar.Key{{Int: 7}})
//
// Every index answers Terms (equality and in-lists); all but Trie answer
// Range (Ranger) and the string ones answer Prefix (Prefixer). The filter
// evaluator (internal/expr) turns predicates into these lookups.
//
// # Invariants
//
// Keys are Int (integers and Timestamptz, Bool as 0 and 1), Float or
// String, compared as the filter language compares them. Null rows and
// NaN values are never indexed, so no lookup returns them; Nulls lists
// the null rows. An array row matches a key when one of its elements
// equals it. Indexes are immutable and safe for concurrent use; results
// are fresh bitsets. A file is checked (checksum, then every offset,
// order and row number) when decoded, so a damaged file is an error and
// never a panic or a read out of bounds. Format: docs/format/scalar-index.md.
package scalar
