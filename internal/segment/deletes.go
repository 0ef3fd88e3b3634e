package segment

import (
	"encoding/binary"
	"sync"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// AllPartitions in a delete record means the delete applies to every partition.
const AllPartitions = -1

// PKKey is the map key of row i of a primary-key column.
func PKKey(pk *column.Column, i int) string {
	if pk.Type == schema.Int64 {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], uint64(pk.Ints[i]))
		return string(b[:])
	}
	return pk.Strings[i]
}

// Delete is one delete of a primary key.
type Delete struct {
	Ts          uint64
	PartitionID int64
}

// DeleteLog holds every delete not yet purged by compaction.
type DeleteLog struct {
	mu struct {
		sync.RWMutex
		byKey map[string][]Delete
		count int
	}
}

// NewDeleteLog returns an empty log.
func NewDeleteLog() *DeleteLog {
	d := &DeleteLog{}
	d.mu.byKey = map[string][]Delete{}
	return d
}

// Add records deletes of every key in pks at ts.
func (d *DeleteLog) Add(pks *column.Column, partitionID int64, ts uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i := 0; i < pks.Len(); i++ {
		k := PKKey(pks, i)
		d.mu.byKey[k] = append(d.mu.byKey[k], Delete{Ts: ts, PartitionID: partitionID})
		d.mu.count++
	}
}

// Len is the number of delete records.
func (d *DeleteLog) Len() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.mu.count
}

// hide clears the visible bits of rows deleted at or before ts.
func (d *DeleteLog) hide(partitionID int64, pks map[string][]int32, rowTs []uint64, ts uint64, vis *bitset.Bitset) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	// Walk whichever map is smaller.
	if len(pks) < len(d.mu.byKey) {
		for k, rows := range pks {
			hideRows(d.mu.byKey[k], rows, partitionID, rowTs, ts, vis)
		}
		return
	}
	for k, dels := range d.mu.byKey {
		if rows, ok := pks[k]; ok {
			hideRows(dels, rows, partitionID, rowTs, ts, vis)
		}
	}
}

func hideRows(dels []Delete, rows []int32, partitionID int64, rowTs []uint64, ts uint64, vis *bitset.Bitset) {
	for _, del := range dels {
		if del.Ts > ts || (del.PartitionID != AllPartitions && del.PartitionID != partitionID) {
			continue
		}
		for _, r := range rows {
			if int(r) < vis.Len() && rowTs[r] < del.Ts {
				vis.Clear(int(r))
			}
		}
	}
}

// Entries calls fn for every record, for persisting the log.
func (d *DeleteLog) Entries(fn func(key string, del Delete)) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	for k, dels := range d.mu.byKey {
		for _, del := range dels {
			fn(k, del)
		}
	}
}

// AddKey records one delete by its encoded key (used when loading delta files).
func (d *DeleteLog) AddKey(key string, del Delete) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.mu.byKey[key] = append(d.mu.byKey[key], del)
	d.mu.count++
}
