package shard

import (
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

// Fields added to a collection after rows were written (AddCollectionField)
// read as their default value, or null, in those rows. Segments written
// before keep their files; the missing column is made in memory when the
// shard opens, when the field is added and before a read or a build, and a
// WAL record written before the field existed is completed as it is applied.

// AddField gives every segment the schema's new fields. The catalog must
// already hold them.
func (s *Shard) AddField() {
	sealed, growing := s.Segments()
	s.completeColumns(append(sealed, growing...))
}

// completeColumns gives each segment a column for every field of the
// schema it lacks.
func (s *Shard) completeColumns(segs []*segment.Segment) {
	col, ok := s.cat.CollectionByID(s.collID)
	if !ok || col.SchemaVersion == 0 { // schema never changed: every write held every field
		return
	}
	for i := range col.Schema.Fields {
		f := &col.Schema.Fields[i]
		for _, seg := range segs {
			if seg.HasColumn(f.ID) {
				continue
			}
			// A sealed segment's null vectors need no memory of their
			// own; should mapping them fail, they are made as any column.
			if seg.Sealed && f.DataType.IsDenseVector() && seg.AddNullVectors(f.ID, f.DataType, f.Dim) == nil {
				continue
			}
			seg.AddColumn(f.ID, func(n int) *column.Column { return column.Fill(f, n) })
		}
	}
}

// fill is the segments' Filler: n rows of field id holding its default or
// nulls. A field the catalog no longer knows (its collection is being
// dropped) reads as nulls of like's type.
func (s *Shard) fill(id int64, like *column.Column, n int) *column.Column {
	if col, ok := s.cat.CollectionByID(s.collID); ok {
		if f := col.Schema.FieldByID(id); f != nil {
			return column.Fill(f, n)
		}
	}
	return column.Fill(&schema.Field{DataType: like.Type, Dim: like.Dim, Nullable: true}, n)
}
