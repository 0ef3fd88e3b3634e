package shard

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	"github.com/kite-db/kite/internal/column"
)

// Record kinds in the WAL.
const (
	kindInsert byte = 1
	kindDelete byte = 2
	kindUpsert byte = 3 // delete of the rows' keys everywhere, then insert, at one timestamp
)

var errBadRecord = errors.New("shard: bad wal record")

// record is one logged write (layout in docs/format/wal.md).
type record struct {
	kind        byte
	ts          uint64
	partitionID int64
	cols        map[int64]*column.Column // insert and upsert
	pks         *column.Column           // delete
}

func (r *record) encode() []byte {
	b := []byte{r.kind}
	b = binary.LittleEndian.AppendUint64(b, r.ts)
	b = binary.AppendVarint(b, r.partitionID)
	if r.kind == kindDelete {
		return column.Encode(b, r.pks)
	}
	ids := make([]int64, 0, len(r.cols))
	for id := range r.cols {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	b = binary.AppendUvarint(b, uint64(len(ids)))
	for _, id := range ids {
		b = binary.AppendVarint(b, id)
		b = column.Encode(b, r.cols[id])
	}
	return b
}

func decodeRecord(b []byte) (*record, error) {
	if len(b) < 9 {
		return nil, errBadRecord
	}
	r := &record{kind: b[0], ts: binary.LittleEndian.Uint64(b[1:])}
	b = b[9:]
	var k int
	r.partitionID, k = binary.Varint(b)
	if k <= 0 {
		return nil, errBadRecord
	}
	b = b[k:]
	var err error
	switch r.kind {
	case kindDelete:
		r.pks, _, err = column.Decode(b)
		return r, err
	case kindInsert, kindUpsert:
		return r, r.decodeCols(b)
	}
	return nil, fmt.Errorf("%w: kind %d", errBadRecord, r.kind)
}

func (r *record) decodeCols(b []byte) error {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > 1<<16 {
		return errBadRecord
	}
	b = b[k:]
	r.cols = make(map[int64]*column.Column, n)
	for i := uint64(0); i < n; i++ {
		id, k := binary.Varint(b)
		if k <= 0 {
			return errBadRecord
		}
		c, rest, err := column.Decode(b[k:])
		if err != nil {
			return err
		}
		r.cols[id], b = c, rest
	}
	return nil
}
