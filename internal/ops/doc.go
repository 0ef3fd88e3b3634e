// Package ops implements Kite's operations on a data directory: metadata
// backup, restore, inspection, verification and rebuild from storage, and the
// checks behind `kite doctor`. cmd/kite only parses flags and calls it.
//
// Everything that only reads works while a server runs: the server holds an
// exclusive lock on meta.db, so reads then go through a consistent snapshot
// streamed from the server's admin endpoint (POST /admin/meta/backup on the
// metrics port). Everything that writes metadata (restore, rebuild) refuses
// to run while a server holds the data directory, and never deletes the file
// it replaces: the old one is kept as meta.db.bak-<time>.
package ops
