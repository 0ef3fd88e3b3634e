package segment

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"unsafe"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// FileFormatVersion is the newest sealed segment layout this build reads
// and writes. Version 2 adds validity files for dense vector columns; a
// segment without null vectors is still written as version 1, so builds
// that predate nullable vectors keep reading it.
const FileFormatVersion = 2

// formatNoValidity is the layout of a segment without validity files.
const formatNoValidity = 1

// Meta describes a sealed segment on disk, so a catalog can be rebuilt from
// the files alone (docs/format/segment.md).
type Meta struct {
	Version       int   `json:"version"`
	SegmentID     int64 `json:"segment_id"`
	CollectionID  int64 `json:"collection_id"`
	PartitionID   int64 `json:"partition_id"`
	SchemaVersion int32 `json:"schema_version"`
	// Names, so a catalog rebuilt from files alone keeps them.
	DBID          int64             `json:"db_id,omitempty"`
	DBName        string            `json:"db_name,omitempty"`
	PartitionName string            `json:"partition_name,omitempty"`
	Schema        schema.Collection `json:"schema"`
	Rows          int               `json:"rows"`
	PKField       int64             `json:"pk_field"`
	Fields        []FieldFile       `json:"fields"`
	// CompactedFrom lists the segments a compaction rewrote into this one;
	// a catalog rebuilt from files prefers it over them.
	CompactedFrom []int64 `json:"compacted_from,omitempty"`
}

// FieldFile names a field's file and how it is stored.
type FieldFile struct {
	FieldID int64           `json:"field_id"`
	Type    schema.DataType `json:"type"`
	Dim     int             `json:"dim,omitempty"`
	File    string          `json:"file"`
	Raw     bool            `json:"raw,omitempty"` // dense vector bytes, mmap'd
	// Valid names the validity bitmap of a raw column holding null rows
	// (format version 2); absent, every row holds a vector.
	Valid string `json:"valid,omitempty"`
}

// WriteSealed writes s's rows into dir as immutable files and fsyncs them.
func WriteSealed(dir string, s *Segment, meta Meta) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	v := s.Snapshot(^uint64(0), NewDeleteLog())
	s.mu.RLock()
	ts := s.mu.ts[:v.N]
	s.mu.RUnlock()
	meta.PKField = s.PKField
	return writeSealedFiles(dir, ts, v.Cols, meta)
}

// writeSealedFiles writes rows (their timestamps and columns) as a sealed
// segment into dir, meta.json last, and fsyncs every file and the directory.
func writeSealedFiles(dir string, ts []uint64, cols map[int64]*column.Column, meta Meta) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	meta.Version, meta.Rows, meta.Fields = formatNoValidity, len(ts), nil
	if err := writeFile(filepath.Join(dir, "ts.bin"), u64Bytes(ts)); err != nil {
		return err
	}
	for id, c := range cols {
		ff, err := writeField(dir, id, c)
		if err != nil {
			return err
		}
		if ff.Valid != "" {
			meta.Version = FileFormatVersion
		}
		meta.Fields = append(meta.Fields, ff)
	}
	raw, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "meta.json"), raw); err != nil {
		return err
	}
	return syncDir(dir)
}

// writeField writes column c of field id: dense vectors raw (with a
// validity bitmap when some row is null), anything else encoded.
func writeField(dir string, id int64, c *column.Column) (FieldFile, error) {
	ff := FieldFile{FieldID: id, Type: c.Type, Dim: c.Dim, File: "f" + strconv.FormatInt(id, 10)}
	var data []byte
	switch {
	case c.Type == schema.FloatVector:
		ff.Raw, data = true, f32Bytes(c.FloatVecs)
	case c.Type.IsDenseVector():
		ff.Raw, data = true, c.VecBytes
	default:
		data = column.Encode(nil, c)
	}
	if err := writeFile(filepath.Join(dir, ff.File), data); err != nil {
		return ff, err
	}
	if !ff.Raw || !hasNull(c.Valid) {
		return ff, nil
	}
	ff.Valid = "v" + strconv.FormatInt(id, 10)
	return ff, writeFile(filepath.Join(dir, ff.Valid), packBits(c.Valid))
}

// OpenSealed opens a sealed segment; raw columns and timestamps are mmap'd.
func OpenSealed(dir string) (*Segment, *Meta, error) {
	mp, err := ReadMeta(dir)
	if err != nil {
		return nil, nil, err
	}
	meta := *mp
	s := NewGrowing(meta.SegmentID, meta.PartitionID, meta.PKField)
	s.Sealed, s.Dir = true, dir
	var maps mappings
	ok := false
	defer func() {
		if !ok {
			maps.close()
		}
	}()
	tsb, err := maps.mmap(filepath.Join(dir, "ts.bin"))
	if err != nil {
		return nil, nil, err
	}
	if len(tsb) != meta.Rows*8 {
		return nil, nil, fmt.Errorf("segment %s: ts.bin has %d bytes for %d rows", dir, len(tsb), meta.Rows)
	}
	s.mu.ts = bytesU64(tsb)
	s.mu.n = meta.Rows
	for _, t := range s.mu.ts {
		s.mu.maxTs = max(s.mu.maxTs, t)
	}
	for _, ff := range meta.Fields {
		c, err := openField(dir, ff, meta.Rows, &maps)
		if err != nil {
			return nil, nil, err
		}
		s.mu.cols[ff.FieldID] = c
	}
	pk := s.mu.cols[meta.PKField]
	if pk == nil {
		return nil, nil, fmt.Errorf("segment %s: no primary key column", dir)
	}
	for i := 0; i < meta.Rows; i++ {
		k := PKKey(pk, i)
		s.mu.pks[k] = append(s.mu.pks[k], int32(i))
	}
	s.mu.closer = maps.close
	ok = true
	return s, &meta, nil
}

func openField(dir string, ff FieldFile, rows int, maps *mappings) (*column.Column, error) {
	path := filepath.Join(dir, ff.File)
	c := &column.Column{Type: ff.Type, Dim: ff.Dim}
	if ff.Raw {
		b, err := maps.mmap(path)
		if err != nil {
			return nil, err
		}
		if ff.Type == schema.FloatVector {
			c.FloatVecs = bytesF32(b)
		} else {
			c.VecBytes = b
		}
	} else {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if c, _, err = column.Decode(b); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	if c.Len() != rows {
		return nil, fmt.Errorf("segment %s: field %d has %d rows, want %d", dir, ff.FieldID, c.Len(), rows)
	}
	if ff.Raw && ff.Valid != "" {
		b, err := os.ReadFile(filepath.Join(dir, ff.Valid))
		if err != nil {
			return nil, err
		}
		if c.Valid, err = unpackBits(b, rows); err != nil {
			return nil, fmt.Errorf("segment %s: field %d: %w", dir, ff.FieldID, err)
		}
	}
	return c, nil
}

func writeFile(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// The casts below reinterpret little-endian bytes in place; Kite runs on
// little-endian machines only (checked in init).
func init() {
	x := uint16(1)
	if *(*byte)(unsafe.Pointer(&x)) != 1 {
		panic("BUG: kite requires a little-endian machine")
	}
	_ = binary.LittleEndian
}

func u64Bytes(v []uint64) []byte {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*8)
}

func bytesU64(b []byte) []uint64 {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), len(b)/8)
}

func f32Bytes(v []float32) []byte {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*4)
}

func bytesF32(b []byte) []float32 {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Slice((*float32)(unsafe.Pointer(&b[0])), len(b)/4)
}
