package service

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/apierr"
)

// TestScalarIndexProgressAndResults creates each scalar index type on a
// flushed collection, waits for DescribeIndex to report it finished and
// checks that queries return what they returned unindexed.
func TestScalarIndexProgressAndResults(t *testing.T) {
	s := openService(t)
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var ids []int64
	var titles []string
	for i := 0; i < 60; i++ {
		ids = append(ids, int64(i))
		titles = append(titles, fmt.Sprintf("%c%d", 'a'+i%5, i%7))
	}
	if _, err := s.Insert(ctx, Write{Collection: "books", Columns: bookRows(ids, titles)}); err != nil {
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
	filters := []string{`title like "b%"`, `title == "c2"`, `title in ["a0", "e4"]`, `"b" < title <= "d"`, "id > 40", "10 <= id < 13"}
	want := queryIDs(t, s, filters)
	err := s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: "id", Params: map[string]string{"index_type": "BITMAP"}})
	wantCode(t, err, apierr.CodeParameterInvalid, "create bitmap index on primary key not supported")
	for _, typ := range []string{"Trie", "INVERTED", "BITMAP", "STL_SORT", "AUTOINDEX"} {
		for _, field := range []string{"title", "id"} {
			if typ == "Trie" && field == "id" || typ == "BITMAP" && field == "id" {
				continue
			}
			if err := s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: field, Params: map[string]string{"index_type": typ}}); err != nil {
				t.Fatalf("%s on %s: %v", typ, field, err)
			}
			waitIndexed(t, s, field)
		}
		if got := queryIDs(t, s, filters); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("%s: indexed results %v, unindexed %v", typ, got, want)
		}
		for _, field := range []string{"title", "id"} {
			if err := s.DropIndex(t.Context(), DropIndex{Collection: "books", Field: field}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func queryIDs(t *testing.T, s *Service, filters []string) [][]int64 {
	t.Helper()
	var out [][]int64
	for _, f := range filters {
		q, err := s.Query(t.Context(), Query{Collection: "books", Filter: f})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, append([]int64{}, q.Fields[0].Col.Ints...))
	}
	return out
}

// waitIndexed waits until DescribeIndex reports the field's index done.
func waitIndexed(t *testing.T, s *Service, field string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		infos, err := s.DescribeIndex(t.Context(), DescribeIndex{Collection: "books", Field: field})
		if err != nil {
			t.Fatal(err)
		}
		if infos[0].State == IndexStateFinished && infos[0].PendingRows == 0 && infos[0].IndexedRows == 60 {
			_, col, _ := s.collection("", "books")
			sealed, _ := s.shard(col.ID).Segments()
			for _, seg := range sealed {
				if !seg.HasScalarIndex(col.Schema.FieldByName(field).ID) {
					t.Fatalf("DescribeIndex says done but segment %d has no index on %s", seg.ID, field)
				}
			}
			return
		}
	}
	t.Fatalf("index on %s not finished", field)
}
