// Package catalog owns Kite's metadata: databases, collections with their
// partitions, indexes and aliases, sealed segments and WAL checkpoints. Every
// change is one metastore transaction under by-dev/meta/; reads come from an
// in-memory copy loaded at boot, so reads never touch the store and booting
// never writes to it.
//
// Values are JSON so `kite meta get` can show them as they are.
package catalog
