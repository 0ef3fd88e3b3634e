package segment

import (
	"slices"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// A batch without a field the segment holds, and a batch bringing a field
// earlier rows lack (the schema grew in between), both leave every column
// as long as the segment, completed by the filler.
func TestAppendCompletesFields(t *testing.T) {
	fill := func(id int64, like *column.Column, n int) *column.Column {
		return column.Fill(&schema.Field{ID: id, DataType: like.Type, Nullable: true, Default: &schema.Value{Int: id}}, n)
	}
	g := NewGrowing(1, 1, 10)
	g.Append(map[int64]*column.Column{10: {Type: schema.Int64, Ints: []int64{1, 2}}}, 5, fill)
	g.Append(map[int64]*column.Column{10: {Type: schema.Int64, Ints: []int64{3}}, 11: {Type: schema.Int64, Ints: []int64{7}}}, 6, fill)
	g.Append(map[int64]*column.Column{10: {Type: schema.Int64, Ints: []int64{4}}}, 7, fill)
	v := g.Snapshot(10, NewDeleteLog())
	if got := v.Cols[11].Ints; !slices.Equal(got, []int64{11, 11, 7, 11}) {
		t.Fatalf("added field rows %v, want defaults around the one written", got)
	}
	if v.N != 4 || v.Cols[10].Len() != 4 {
		t.Fatalf("rows %d, pk rows %d", v.N, v.Cols[10].Len())
	}
}

func TestAddColumn(t *testing.T) {
	g := NewGrowing(1, 1, 10)
	g.Append(map[int64]*column.Column{10: {Type: schema.Int64, Ints: []int64{1, 2, 3}}}, 5, nil)
	f := &schema.Field{ID: 12, DataType: schema.VarChar, Nullable: true}
	g.AddColumn(12, func(n int) *column.Column { return column.Fill(f, n) })
	g.AddColumn(12, func(n int) *column.Column { t.Fatal("made twice"); return nil })
	c := g.Snapshot(10, NewDeleteLog()).Cols[12]
	if c.Len() != 3 || !c.IsNull(0) || !c.IsNull(2) {
		t.Fatalf("added column %+v, want 3 nulls", c)
	}
}
