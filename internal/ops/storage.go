package ops

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"

	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/segment"
)

// segFile is a sealed segment found on disk that opens cleanly.
type segFile struct {
	rel   string
	meta  segment.Meta
	ts    map[uint64]struct{} // distinct row timestamps: one per write that landed here
	maxTs uint64
	bytes int64
}

// openSegment validates a segment directory and reads its timestamps.
func openSegment(d datadir.Dir, collID int64, sd datadir.SegmentDir) (*segFile, error) {
	dir := filepath.Join(d.Objects(), sd.Rel)
	seg, meta, err := segment.OpenSealed(dir)
	if err != nil {
		return nil, err
	}
	seg.Close()
	if meta.CollectionID != collID || meta.PartitionID != sd.PartitionID || meta.SegmentID != sd.SegmentID {
		return nil, fmt.Errorf("meta.json names collection %d partition %d segment %d, not where it lies",
			meta.CollectionID, meta.PartitionID, meta.SegmentID)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "ts.bin"))
	if err != nil {
		return nil, err
	}
	sf := &segFile{rel: sd.Rel, meta: *meta, ts: map[uint64]struct{}{}, bytes: sd.Bytes}
	for i := 0; i+8 <= len(raw); i += 8 {
		t := binary.LittleEndian.Uint64(raw[i:])
		sf.ts[t] = struct{}{}
		sf.maxTs = max(sf.maxTs, t)
	}
	return sf, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// deltaStats reads a delete file (docs/format/segment.md): its timestamps
// and how many deletes it holds.
func deltaStats(path string) (map[uint64]struct{}, int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	if len(b) < 4 || crc32.Checksum(b[4:], castagnoli) != binary.LittleEndian.Uint32(b) {
		return nil, 0, fmt.Errorf("checksum mismatch")
	}
	ts, n := map[uint64]struct{}{}, 0
	for b = b[4:]; len(b) > 0; n++ {
		klen, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < klen+8 {
			return nil, 0, fmt.Errorf("truncated")
		}
		b = b[k+int(klen):]
		ts[binary.LittleEndian.Uint64(b)] = struct{}{}
		_, k2 := binary.Varint(b[8:])
		if k2 <= 0 {
			return nil, 0, fmt.Errorf("truncated")
		}
		b = b[8+k2:]
	}
	return ts, n, nil
}

// sortCandidates orders segments not known to a catalog: biggest first, so
// that a segment an interrupted flush left behind is recognised as a subset
// of the one a later flush wrote with the same rows.
func sortCandidates(c []*segFile) {
	sort.Slice(c, func(i, j int) bool {
		if c[i].meta.Rows != c[j].meta.Rows {
			return c[i].meta.Rows > c[j].meta.Rows
		}
		return c[i].meta.SegmentID > c[j].meta.SegmentID
	})
}

// overlap counts the timestamps of s already in seen.
func overlap(s *segFile, seen map[uint64]struct{}) int {
	n := 0
	for t := range s.ts {
		if _, ok := seen[t]; ok {
			n++
		}
	}
	return n
}
