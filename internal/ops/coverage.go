package ops

import (
	"encoding/binary"
	"fmt"

	"github.com/kite-db/kite/internal/wal"
)

// walState is what a collection's WAL holds relative to its sealed data.
type walState struct {
	First, Last uint64 // LSNs on disk (First 0: no records)
	Checkpoint  uint64 // records up to here are in segments or delete files
	Replay      int    // records after the checkpoint: replayed at boot
	Gaps        int    // records before the checkpoint found in no segment
	Partitions  map[int64]bool
}

// walCoverage finds the checkpoint of a collection from its files alone.
//
// Every write gets a unique timestamp, and one write lands whole in one
// segment (inserts, upserts) or one delete file (deletes), so a WAL record
// is covered exactly when its timestamp is in covered. A flush covers a
// prefix of the log, so the checkpoint is the last covered LSN; a log the
// flush truncated to nothing is covered up to its last LSN.
func walCoverage(dir string, covered map[uint64]struct{}) (*walState, error) {
	l, err := wal.Open(dir, wal.Options{})
	if err != nil {
		return nil, err
	}
	defer l.Close()
	st := &walState{First: l.FirstLSN(), Last: l.LastLSN(), Partitions: map[int64]bool{}}
	if st.First == 0 {
		st.Checkpoint = st.Last
		return st, nil
	}
	st.Checkpoint = st.First - 1
	uncovered := 0
	err = l.Replay(st.First, func(lsn uint64, p []byte) error {
		if len(p) < 9 {
			return fmt.Errorf("wal record %d: %d bytes, too short for a write record", lsn, len(p))
		}
		ts := binary.LittleEndian.Uint64(p[1:9])
		if part, k := binary.Varint(p[9:]); k > 0 && part >= 0 {
			st.Partitions[part] = true
		}
		if _, ok := covered[ts]; ok {
			st.Checkpoint, st.Gaps = lsn, st.Gaps+uncovered
			uncovered = 0
			return nil
		}
		uncovered++
		return nil
	})
	if err != nil {
		return nil, err
	}
	st.Replay = int(st.Last - st.Checkpoint)
	return st, nil
}
