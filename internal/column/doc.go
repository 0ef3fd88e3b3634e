// Package column holds a batch of values of one field: the unit that inserts,
// the write-ahead log, segments, filters and results all pass around.
//
// A Column stores its values in the one slice its type uses. Integer types are
// widened to int64 and Float to float64 (both exact), so filters and statistics
// need one code path per kind rather than per width. Dense vectors are flat:
// FloatVector rows in FloatVecs, the byte-sized kinds in VecBytes.
//
// Columns are append-only while growing: a reader that copied the Column header
// under its owner's lock may read rows [0, n) while the owner appends.
package column
