package segment

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

func sealedOf(t *testing.T, dir string, id int64, pks []int64, ts uint64) *Segment {
	t.Helper()
	g := NewGrowing(id, 1, 10)
	vecs := make([]float32, 0, 2*len(pks))
	for _, pk := range pks {
		vecs = append(vecs, float32(pk), -float32(pk))
	}
	g.Append(map[int64]*column.Column{
		10: {Type: schema.Int64, Ints: pks},
		11: {Type: schema.FloatVector, Dim: 2, FloatVecs: vecs},
	}, ts, nil)
	if err := WriteSealed(dir, g, Meta{SegmentID: id, CollectionID: 5, PartitionID: 1}); err != nil {
		t.Fatal(err)
	}
	s, _, err := OpenSealed(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The kept rows of several segments land in one, with their own insert
// timestamps, vectors and keys, and the sources named.
func TestWriteCompactedKeepsRowsAndTimestamps(t *testing.T) {
	root := t.TempDir()
	a := sealedOf(t, filepath.Join(root, "a"), 1, []int64{1, 2, 3}, 100)
	b := sealedOf(t, filepath.Join(root, "b"), 2, []int64{4, 5}, 200)
	out := filepath.Join(root, "out")
	err := WriteCompacted(out, []Source{{Seg: a, Rows: []int{0, 2}}, {Seg: b, Rows: []int{1}}},
		Meta{SegmentID: 9, CollectionID: 5, PartitionID: 1, Fields: []FieldFile{{FieldID: 99}}})
	if err != nil {
		t.Fatal(err)
	}
	s, meta, err := OpenSealed(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !slices.Equal(meta.CompactedFrom, []int64{1, 2}) || meta.Rows != 3 || len(meta.Fields) != 2 {
		t.Fatalf("meta %+v", meta)
	}
	if got := s.RowTs(); !slices.Equal(got, []uint64{100, 100, 200}) {
		t.Fatalf("row timestamps %v", got)
	}
	v := s.Snapshot(150, NewDeleteLog())
	if pks := v.Cols[10].Ints; !slices.Equal(pks, []int64{1, 3, 5}) || v.Visible.Count() != 2 {
		t.Fatalf("pks %v, %d visible at 150", pks, v.Visible.Count())
	}
	if vec := v.Cols[11].FloatVec(2); vec[0] != 5 || vec[1] != -5 {
		t.Fatalf("vector of pk 5: %v", vec)
	}
	dl := NewDeleteLog()
	dl.Add(&column.Column{Type: schema.Int64, Ints: []int64{3}}, AllPartitions, 150)
	if n := s.Snapshot(300, dl).Visible.Count(); n != 2 {
		t.Fatalf("a delete by key hides the compacted copy: %d visible, want 2", n)
	}
}

func TestWriteCompactedRefusesDifferentFields(t *testing.T) {
	root := t.TempDir()
	a := sealedOf(t, filepath.Join(root, "a"), 1, []int64{1}, 100)
	g := NewGrowing(2, 1, 10)
	g.Append(map[int64]*column.Column{10: {Type: schema.Int64, Ints: []int64{2}}}, 100, nil)
	if err := WriteSealed(filepath.Join(root, "b"), g, Meta{SegmentID: 2}); err != nil {
		t.Fatal(err)
	}
	b, _, err := OpenSealed(filepath.Join(root, "b"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := WriteCompacted(filepath.Join(root, "out"), []Source{{Seg: a, Rows: []int{0}}, {Seg: b, Rows: []int{0}}}, Meta{}); err == nil {
		t.Fatal("merged segments with different fields")
	}
}
