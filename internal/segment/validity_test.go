package segment

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// nullableSealed writes and opens a segment whose vector field 11 is null
// at the rows where valid is false.
func nullableSealed(t *testing.T, dir string, typ schema.DataType, dim int, valid []bool) (*Segment, *Meta) {
	t.Helper()
	g := NewGrowing(1, 1, 10)
	pks := make([]int64, len(valid))
	vecs := column.New(typ, dim)
	for i, ok := range valid {
		pks[i] = int64(i)
		vecs.AppendZero()
		if ok && typ == schema.FloatVector {
			vecs.FloatVecs[i*dim] = float32(i + 1)
		} else if ok {
			vecs.VecBytes[i*vecs.RowBytes()] = byte(i + 1)
		}
	}
	vecs.Valid = valid
	g.Append(map[int64]*column.Column{10: {Type: schema.Int64, Ints: pks}, 11: vecs}, 100, nil)
	if err := WriteSealed(dir, g, Meta{SegmentID: 1, CollectionID: 5, PartitionID: 1}); err != nil {
		t.Fatal(err)
	}
	s, meta, err := OpenSealed(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, meta
}

// Null vectors survive a seal: the validity bitmap sits beside the raw
// (mmap'd) vectors, the segment is format 2, and searches see its rows.
func TestSealedKeepsNullVectors(t *testing.T) {
	valid := []bool{true, false, true, true, false, false, true, true, true, false}
	for _, typ := range []schema.DataType{schema.FloatVector, schema.Int8Vector, schema.BinaryVector} {
		dir := filepath.Join(t.TempDir(), typ.String())
		s, meta := nullableSealed(t, dir, typ, 16, valid)
		if meta.Version != 2 {
			t.Fatalf("%s: format version %d, want 2", typ, meta.Version)
		}
		v := s.Snapshot(^uint64(0), NewDeleteLog())
		c := v.Cols[11]
		if !slices.Equal(c.Valid, valid) || c.Len() != len(valid) {
			t.Fatalf("%s: valid %v (len %d), want %v", typ, c.Valid, c.Len(), valid)
		}
		if typ == schema.FloatVector && c.FloatVec(2)[0] != 3 {
			t.Fatalf("row 2 = %v", c.FloatVec(2))
		}
		rows := v.ValidRows(11)
		for i, ok := range valid {
			if rows.Test(i) != ok {
				t.Fatalf("%s: ValidRows bit %d = %v, want %v", typ, i, rows.Test(i), ok)
			}
		}
		if v.ValidRows(10) != nil {
			t.Fatalf("a field without nulls has no ValidRows")
		}
	}
}

// A segment without a null vector keeps format 1, readable by releases
// that predate nullable vectors; a bitmap of the wrong size is refused.
func TestSealedValidityFormat(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	_, meta := nullableSealed(t, dir, schema.FloatVector, 4, []bool{true, true, true})
	if meta.Version != 1 {
		t.Fatalf("format version %d, want 1", meta.Version)
	}
	for _, ff := range meta.Fields {
		if ff.Valid != "" {
			t.Fatalf("field %d has a validity file with no null row", ff.FieldID)
		}
	}
	dir = filepath.Join(t.TempDir(), "b")
	nullableSealed(t, dir, schema.FloatVector, 4, []bool{true, false, true})
	if err := os.WriteFile(filepath.Join(dir, "v11"), []byte{1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := OpenSealed(dir); err == nil {
		t.Fatal("a validity bitmap of the wrong size must not open")
	}
}

func TestPackBits(t *testing.T) {
	for n := 0; n < 20; n++ {
		valid := make([]bool, n)
		for i := range valid {
			valid[i] = i%3 != 1
		}
		got, err := unpackBits(packBits(valid), n)
		if err != nil || !slices.Equal(got, valid) {
			t.Fatalf("n=%d: %v %v", n, got, err)
		}
	}
}

// Compaction keeps null vectors null.
func TestCompactedKeepsNullVectors(t *testing.T) {
	root := t.TempDir()
	valid := []bool{false, true, false, true}
	s, _ := nullableSealed(t, filepath.Join(root, "a"), schema.FloatVector, 4, valid)
	out := filepath.Join(root, "out")
	if err := WriteCompacted(out, []Source{{Seg: s, Rows: []int{0, 1, 3}}}, Meta{SegmentID: 2, CollectionID: 5, PartitionID: 1}); err != nil {
		t.Fatal(err)
	}
	c, _, err := OpenSealed(out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got := c.Snapshot(^uint64(0), NewDeleteLog()).Cols[11].Valid
	if !slices.Equal(got, []bool{false, true, true}) {
		t.Fatalf("valid after compaction %v", got)
	}
}

// A vector field added after a sealed segment's rows were written reads
// as null in every row, backed by zero pages rather than the heap.
func TestAddNullVectors(t *testing.T) {
	s, _ := nullableSealed(t, filepath.Join(t.TempDir(), "a"), schema.FloatVector, 4, []bool{true, true, true})
	if err := s.AddNullVectors(12, schema.Float16Vector, 8); err != nil {
		t.Fatal(err)
	}
	v := s.Snapshot(^uint64(0), NewDeleteLog())
	c := v.Cols[12]
	if c.Len() != 3 || !c.IsNull(0) || !c.IsNull(2) || len(c.VecRow(1)) != 16 {
		t.Fatalf("added column: len %d, valid %v", c.Len(), c.Valid)
	}
	for _, b := range c.VecBytes {
		if b != 0 {
			t.Fatal("null vectors must read as zeros")
		}
	}
	if rows := v.ValidRows(12); rows == nil || rows.Count() != 0 {
		t.Fatalf("ValidRows of an all-null column = %v", rows)
	}
}
