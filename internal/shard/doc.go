// Package shard runs one collection's write path and holds its data: the
// write-ahead log, a growing segment per partition, the sealed segments and
// the delete log. Writes are acknowledged only after the WAL has them on disk,
// then applied in LSN order, so a checkpoint LSN always means "every record up
// to here is in sealed files". Recovery opens the sealed segments and delta
// files named by the catalog and replays the WAL after the checkpoint.
//
// Compaction (compact*.go) rewrites sealed segments without rows no read
// can see any more and merges small ones; a row is dropped only when its
// delete is at or before the horizon (compact_horizon.go), and a catalog
// garbage list makes the swap crash safe (compact_garbage.go).
package shard
