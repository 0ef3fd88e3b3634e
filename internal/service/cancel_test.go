package service

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// loadedBooks is a loaded books collection holding rows 1..n.
func loadedBooks(t *testing.T, n int) *Service {
	t.Helper()
	s := openService(t)
	ctx := t.Context()
	if err := s.CreateCollection(ctx, CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	ids, titles := make([]int64, n), make([]string, n)
	for i := range ids {
		ids[i], titles[i] = int64(i+1), "t"
	}
	if _, err := s.Insert(ctx, Write{Collection: "books", Columns: bookRows(ids, titles)}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateIndex(ctx, CreateIndex{Collection: "books", Field: "v", Params: map[string]string{"index_type": "FLAT", "metric_type": "L2"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadCollection(ctx, LoadCollection{Collection: "books"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// Reads under a done context fail with Milvus's canceled or timeout code
// naming the collection, return no result, and leave the service serving.
func TestReadsStopWithTheirContext(t *testing.T) {
	s := loadedBooks(t, 3000)
	queries := &column.Column{Type: schema.FloatVector, Dim: 2, FloatVecs: make([]float32, 2*500)}
	search := Search{Collection: "books", Queries: queries, Limit: 5, RoundDecimal: -1}
	hybrid := HybridSearch{Collection: "books", Subs: []Search{search, search}, Limit: 5, RoundDecimal: -1}
	reads := map[string]func(ctx context.Context) (any, error){
		"search":        func(ctx context.Context) (any, error) { return s.Search(ctx, search) },
		"hybrid search": func(ctx context.Context) (any, error) { return s.HybridSearch(ctx, hybrid) },
		"query": func(ctx context.Context) (any, error) {
			return s.Query(ctx, Query{Collection: "books", Filter: "id > 0"})
		},
		"count": func(ctx context.Context) (any, error) {
			return s.Query(ctx, Query{Collection: "books", OutputFields: []string{"count(*)"}})
		},
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	for name, read := range reads {
		for _, tc := range []struct {
			ctx  context.Context
			code int32
		}{{cancelled, apierr.CodeCanceled}, {expired, apierr.CodeTimeout}} {
			res, err := read(tc.ctx)
			if apierr.Code(err) != tc.code || !strings.Contains(err.Error(), "collection books") {
				t.Errorf("%s: err %v (code %d), want code %d naming the collection", name, err, apierr.Code(err), tc.code)
			}
			if err != nil && !isNilResult(res) {
				t.Errorf("%s: a result beside the error: %v", name, res)
			}
		}
		if _, err := read(t.Context()); err != nil {
			t.Errorf("%s after the stopped ones: %v", name, err)
		}
	}
}

func isNilResult(v any) bool {
	switch r := v.(type) {
	case *SearchResult:
		return r == nil
	case *QueryResult:
		return r == nil
	}
	return v == nil
}
