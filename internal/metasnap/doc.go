// Package metasnap keeps automatic copies of the metadata file in
// <data-dir>/meta-snapshots/: after every DDL change (coalesced over a short
// delay), periodically, and once at start. Each copy is a consistent bbolt
// file written from a read transaction (the server keeps serving), fsynced
// and renamed into place, so a snapshot on disk is always whole. A copy
// identical to the newest one is not kept, and only the newest Keep copies
// are.
//
// `kite meta restore <snapshot>` puts one back; `kite meta rebuild
// --from-storage` starts from the newest one that verifies.
package metasnap
