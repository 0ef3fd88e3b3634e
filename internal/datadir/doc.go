// Package datadir knows the layout of a Kite data directory and nothing else:
// where the metadata, WAL, segment and snapshot files live, how to list the
// collections the storage holds, and the small file through which a serving
// process tells the command-line tools where to reach it.
//
//	<data-dir>/meta.db                         metadata (bbolt, bucket "key")
//	<data-dir>/meta-snapshots/meta-*.db        automatic metadata snapshots
//	<data-dir>/wal/<collection>/*.wal          write-ahead log per collection
//	<data-dir>/objects/<coll>/<part>/<seg>/    sealed segments (meta.json inside)
//	<data-dir>/objects/<coll>/delta/<lsn>.del  delete files
//	<data-dir>/kite.server.json                written by `kite serve` while it runs
//
// Scanning reads directory entries and file sizes only, so it is safe while a
// server runs.
package datadir
