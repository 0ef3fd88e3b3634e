// Package wal is Kite's local write-ahead log: one directory of segment
// files per collection shard, each record framed with its length, a CRC32-C
// and its LSN. The byte layout is in docs/format/wal.md.
//
// # Invariants
//
//   - A record is acknowledged (Append returns nil) only after it is fsynced.
//     Concurrent appends are group-committed: one writer goroutine takes
//     everything queued, writes it, fsyncs once and releases every caller.
//   - LSNs start at 1 and rise by one per record with no gaps, across
//     restarts and truncation. Each file is named for the first LSN it holds
//     (0000000000000001.wal), so an empty file still records the next LSN.
//   - Files on disk always form a gap-free run. Creating a file fsyncs it and
//     the directory before any record goes in; truncation removes files oldest
//     first and fsyncs the directory after each.
//   - Open refuses damage that could hide acknowledged records and returns a
//     *CorruptError (errors.Is(err, ErrCorrupt)). The one thing it repairs is
//     a torn record at the end of the last file with no valid record after it:
//     the trace of a crash in the middle of a write that was never
//     acknowledged.
//   - A failed write or fsync makes the log failed for good: later appends
//     return an error wrapping ErrFailed instead of writing past a possible
//     hole. Records whose Append failed may still turn up after a reopen, as
//     the page cache may have reached the disk anyway; reopen to find out.
//
// # Usage
//
//	l, err := wal.Open(dir, wal.Options{})
//	...
//	err = l.Replay(checkpoint+1, func(lsn uint64, payload []byte) error {
//		return apply(lsn, payload) // rebuild in-memory state
//	})
//	lsn, err := l.Append(ctx, encode(rec)) // durable once err == nil
//	...
//	err = l.TruncateBefore(checkpoint + 1) // after records <= checkpoint are sealed elsewhere
//	err = l.Close()
//
// A Log does not lock its directory against a second opener; the owner of
// the data directory must make sure only one Log uses it. Payloads are opaque
// and at most MaxPayload bytes; the package does not log, it returns errors.
package wal
