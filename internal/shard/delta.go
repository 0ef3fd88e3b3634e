package shard

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"

	"github.com/kite-db/kite/internal/segment"
)

// A delta file holds deletes: a CRC-32C of the rest, then per delete the key
// length (uvarint), key bytes, timestamp (8 bytes) and partition (varint).

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func writeDelta(path string, dels []deltaEntry) error {
	body := []byte{}
	for _, d := range dels {
		body = binary.AppendUvarint(body, uint64(len(d.key)))
		body = append(body, d.key...)
		body = binary.LittleEndian.AppendUint64(body, d.del.Ts)
		body = binary.AppendVarint(body, d.del.PartitionID)
	}
	out := binary.LittleEndian.AppendUint32(nil, crc32.Checksum(body, castagnoli))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(out, body...)); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func readDelta(path string, dl *segment.DeleteLog) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read delete file: %w", err)
	}
	if len(b) < 4 || crc32.Checksum(b[4:], castagnoli) != binary.LittleEndian.Uint32(b) {
		return fmt.Errorf("delete file %s: checksum mismatch", path)
	}
	b = b[4:]
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n+8 {
			return fmt.Errorf("delete file %s: truncated", path)
		}
		key := string(b[k : k+int(n)])
		b = b[k+int(n):]
		ts := binary.LittleEndian.Uint64(b)
		part, k2 := binary.Varint(b[8:])
		if k2 <= 0 {
			return fmt.Errorf("delete file %s: truncated", path)
		}
		b = b[8+k2:]
		dl.AddKey(key, segment.Delete{Ts: ts, PartitionID: part})
	}
	return nil
}
