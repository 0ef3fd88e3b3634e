// Package segment stores a collection's rows: growing segments in memory that
// take appends, sealed segments in immutable files whose vectors and
// timestamps are mmap'd, and the delete log that hides rows by primary key.
//
// Visibility is MVCC: at read timestamp T a row inserted at ts is visible when
// ts <= T and no delete of its primary key in its partition has a timestamp d
// with ts < d <= T. Upsert writes a delete and an insert at the same
// timestamp, so the strict ts < d keeps the new row and hides the old.
package segment
