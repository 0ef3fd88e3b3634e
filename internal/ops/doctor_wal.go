package ops

import (
	"github.com/kite-db/kite/internal/shard"
	"github.com/kite-db/kite/internal/wal"
)

// walRows counts the rows and deletes the collection's WAL holds past its
// checkpoint: writes acknowledged but not yet sealed into segments (the
// growing data of a running server, replayed by the next start). It reads
// the files without opening the log, so it changes nothing, and a running
// server's appends go on meanwhile.
func (d *doctor) walRows(subject string, cr *CollectionReport) {
	if cr.WALBytes == 0 {
		return
	}
	res, err := wal.Read(d.opts.Dir.CollectionWAL(cr.ID), cr.Checkpoint+1, func(_ uint64, p []byte) error {
		rows, dels, err := shard.RecordRows(p)
		cr.WALRows += int64(rows)
		cr.WALDeletes += int64(dels)
		return err
	})
	switch {
	case err != nil:
		d.add("wal", Warn, subject, "run `kite meta verify`; the server replays the WAL at start and says where it fails",
			"cannot count the rows in the WAL: %v", err)
	case res.Tail != nil && d.r.Server == nil:
		// A running server may be mid-append; a stopped one left this.
		d.add("wal", Info, subject, "nothing: the next start cuts it; that write was never acknowledged",
			"the WAL ends in a torn record after lsn %d (a crash during a write)", res.Last)
	}
}
