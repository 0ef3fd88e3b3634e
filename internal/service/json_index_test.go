package service

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/expr"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

// TestJSONPathIndex creates JSON-path indexes on dynamic keys of a
// flushed collection with Milvus's params, checks Milvus's validation
// errors, DescribeIndex, that queries return what they returned unindexed
// and that the segments hold the indexes, then drops them by name.
func TestJSONPathIndex(t *testing.T) {
	s := openService(t)
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var titles []string
	meta := &column.Column{Type: schema.JSON}
	for i := range 60 {
		ids, titles = append(ids, int64(i)), append(titles, "t")
		doc := fmt.Sprintf(`{"color": %q, "n": %d, "tags": ["x%d", "y"], "o": {"p": %d}}`, []string{"red", "blue", "green"}[i%3], i%10, i%4, i%5)
		if i%7 == 0 {
			doc = `{"color": 3, "n": "5", "tags": "x1"}`
		}
		meta.Bytes = append(meta.Bytes, []byte(doc))
	}
	cols := bookRows(ids, titles)
	cols[schema.DynamicFieldName] = meta
	ctx := context.Background()
	if _, err := s.Insert(ctx, Write{Collection: "books", Columns: cols}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Flush(t.Context(), Flush{Collections: []string{"books"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: "v", Params: map[string]string{"index_type": "FLAT", "metric_type": "L2"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadCollection(t.Context(), LoadCollection{Collection: "books"}); err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		field  string
		params map[string]string
		want   string
	}{
		{"color", map[string]string{"index_type": "INVERTED", "json_path": "color"}, "json index must specify cast type"},
		{"color", map[string]string{"index_type": "INVERTED", "json_cast_type": "varchar"}, "json index must specify json path"},
		{"color", map[string]string{"index_type": "INVERTED", "json_path": "color", "json_cast_type": "INT64"}, "json_cast_type INT64 is not supported"},
		{"color", map[string]string{"index_type": "INVERTED", "json_path": "color", "json_cast_type": "varchar", "json_cast_function": "STRING_TO_DOUBLE"}, "is not supported for json_cast_type"},
		{"color", map[string]string{"index_type": "INVERTED", "json_path": "color[", "json_cast_type": "varchar"}, "json_path color[ is not a path"},
		{"color", map[string]string{"index_type": "STL_SORT", "json_path": "color", "json_cast_type": "varchar"}, "STL_SORT are only supported on numeric, varchar or timestamptz field, got JSON"},
		{"color", map[string]string{"index_type": "12-s", "json_path": "color", "json_cast_type": "varchar"}, "invalid index type: 12-s"},
	}
	for _, b := range bad {
		wantCode(t, s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: b.field, IndexName: "x", Params: b.params}), apierr.CodeParameterInvalid, b.want)
	}
	filters := []string{`color == "red"`, `color != "red"`, `color like "gr%"`, `color in ["blue", "x"]`, `n > 4`, `$meta["n"] <= 2`,
		`n in [1, 3]`, `json_contains(tags, "x1")`, `json_contains_any(tags, ["x2", "x3"])`, `o["p"] == 2`, `2 < o["p"] <= 4`}
	want := queryIDs(t, s, filters)
	idx := []struct{ name, field, path, cast string }{
		{"color_idx", "color", "color", "varchar"}, {"n_idx", "n", `$meta["n"]`, "DOUBLE"},
		{"tags_idx", "tags", "tags", "ARRAY_VARCHAR"}, {"op_idx", "o", `o['p']`, "double"},
		{"s2d", "n2", `n2`, "double"},
	}
	for _, x := range idx {
		p := map[string]string{"index_type": "INVERTED", "json_path": x.path, "json_cast_type": x.cast}
		if x.name == "s2d" {
			p["json_cast_function"] = "string_to_double"
		}
		if err := s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: x.field, IndexName: x.name, Params: p}); err != nil {
			t.Fatalf("%s: %v", x.name, err)
		}
		if err := s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: x.field, IndexName: x.name, Params: p}); err != nil {
			t.Fatalf("%s again: %v", x.name, err)
		}
	}
	err := s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: "color", IndexName: "color_idx",
		Params: map[string]string{"index_type": "INVERTED", "json_path": "color", "json_cast_type": "double"}})
	wantCode(t, err, apierr.CodeIndexDuplicate, "at most one distinct index is allowed per field")
	err = s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: "color", IndexName: "other",
		Params: map[string]string{"index_type": "INVERTED", "json_path": `$meta['color']`, "json_cast_type": "double"}})
	wantCode(t, err, apierr.CodeIndexDuplicate, "creating multiple indexes on same field is not supported")
	waitPathIndexes(t, s, 4)
	infos, err := s.DescribeIndex(t.Context(), DescribeIndex{Collection: "books", IndexName: "op_idx"})
	if err != nil || len(infos) != 1 || infos[0].Params["json_path"] != `o['p']` || infos[0].Params["json_cast_type"] != "double" ||
		infos[0].Type != "INVERTED" || infos[0].FieldName != schema.DynamicFieldName {
		t.Fatalf("DescribeIndex op_idx: %+v, %v", infos, err)
	}
	if got := queryIDs(t, s, filters); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("indexed results %v, unindexed %v", got, want)
	}
	for _, x := range idx {
		if err := s.DropIndex(t.Context(), DropIndex{Collection: "books", IndexName: x.name}); err != nil {
			t.Fatal(err)
		}
	}
	waitPathIndexes(t, s, 0)
	if got := queryIDs(t, s, filters); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("after drop: results %v, unindexed %v", got, want)
	}
}

// waitPathIndexes waits until every sealed segment holds n JSON-path indexes.
func waitPathIndexes(t *testing.T, s *Service, n int) {
	t.Helper()
	_, col, _ := s.collection("", "books")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		sealed, _ := s.shard(col.ID).Segments()
		done := len(sealed) > 0
		for _, seg := range sealed {
			done = done && len(seg.PathIndexIDs()) == n
			if _, ok := any(seg.Snapshot(^uint64(0), segment.NewDeleteLog())).(expr.PathIndexedBatch); !ok {
				t.Fatal("a segment's view does not offer its path indexes to filters")
			}
		}
		if done {
			return
		}
	}
	t.Fatalf("segments never held %d path indexes", n)
}
