package service

import (
	"context"
	"testing"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// tiedRows are books whose vectors take only five values, (id%5, 0), so
// a search from the origin scores every fifth row alike: pages must split
// runs of equal scores without repeating or skipping a row.
func tiedRows(ids []int64) map[string]*column.Column {
	cols := bookRows(ids, make([]string, len(ids)))
	for i, id := range ids {
		cols["v"].FloatVecs[2*i], cols["v"].FloatVecs[2*i+1] = float32(id%5), 0
	}
	return cols
}

func iterService(t *testing.T, index string) *Service {
	t.Helper()
	s := openService(t)
	ctx := t.Context()
	if err := s.CreateCollection(ctx, CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateIndex(ctx, CreateIndex{Collection: "books", Field: "v", Params: map[string]string{"index_type": index, "metric_type": "L2", "M": "8", "efConstruction": "32"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadCollection(ctx, LoadCollection{Collection: "books"}); err != nil {
		t.Fatal(err)
	}
	return s
}

func insertIDs(t *testing.T, s *Service, lo, hi int64) {
	t.Helper()
	var ids []int64
	for id := lo; id < hi; id++ {
		ids = append(ids, id)
	}
	if _, err := s.Insert(context.Background(), Write{Collection: "books", Columns: tiedRows(ids)}); err != nil {
		t.Fatal(err)
	}
}

func flushBooks(t *testing.T, s *Service) {
	t.Helper()
	if _, err := s.Flush(context.Background(), Flush{Collections: []string{"books"}}); err != nil {
		t.Fatal(err)
	}
}

// iterSearch is page one of an iterator over books from the origin.
func iterSearch(batch int, filter string) Search {
	return Search{Collection: "books", Queries: &column.Column{Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{0, 0}},
		Limit: batch, Filter: filter, RoundDecimal: -1, Iterator: true, IterV2: &IterV2{BatchSize: batch}}
}

// nextPage asks for the page after res, as the SDKs do.
func nextPage(req Search, res *SearchResult) Search {
	lb := res.Iter.LastBound
	it := *req.IterV2
	it.Token, it.LastBound = res.Iter.Token, &lb
	req.IterV2 = &it
	return req
}

// drain pages through an iterator, calling between after each page, and
// returns every id and score in order.
func drain(t *testing.T, s *Service, req Search, between func(page int)) ([]int64, []float32) {
	t.Helper()
	var ids []int64
	var scores []float32
	for page := 0; ; page++ {
		res, err := s.Search(t.Context(), req)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if n := len(res.IDs.Ints); n > req.IterV2.BatchSize {
			t.Fatalf("page %d has %d rows, batch %d", page, n, req.IterV2.BatchSize)
		}
		if len(res.IDs.Ints) == 0 {
			return ids, scores
		}
		ids, scores = append(ids, res.IDs.Ints...), append(scores, res.Scores...)
		if between != nil {
			between(page)
		}
		req = nextPage(req, res)
	}
}

func checkOnceInOrder(t *testing.T, ids []int64, scores []float32, want map[int64]bool) {
	t.Helper()
	seen := map[int64]bool{}
	for i, id := range ids {
		if seen[id] || !want[id] {
			t.Fatalf("row %d: id %d repeated or unwanted", i, id)
		}
		seen[id] = true
		if i > 0 && scores[i] < scores[i-1] {
			t.Fatalf("row %d: score %v after %v", i, scores[i], scores[i-1])
		}
	}
	if len(seen) != len(want) {
		t.Fatalf("iterated %d rows, want %d", len(seen), len(want))
	}
}

func idSet(lo, hi int64, keep func(int64) bool) map[int64]bool {
	m := map[int64]bool{}
	for id := lo; id < hi; id++ {
		if keep == nil || keep(id) {
			m[id] = true
		}
	}
	return m
}

// TestSearchIterV2Ties pages through runs of equal scores spread over
// sealed (HNSW) and growing segments, with batch sizes that split them.
func TestSearchIterV2Ties(t *testing.T) {
	s := iterService(t, "HNSW")
	insertIDs(t, s, 0, 130)
	flushBooks(t, s)
	insertIDs(t, s, 130, 200)
	for _, batch := range []int{1, 7, 40, 64, 500} {
		ids, scores := drain(t, s, iterSearch(batch, ""), nil)
		checkOnceInOrder(t, ids, scores, idSet(0, 200, nil))
		ids, scores = drain(t, s, iterSearch(batch, "id % 3 == 1"), nil)
		checkOnceInOrder(t, ids, scores, idSet(0, 200, func(id int64) bool { return id%3 == 1 }))
	}
}

// TestSearchIterV2Snapshot changes the collection between pages: rows
// inserted or deleted after the first page do not change what the
// iterator returns, and a flush moving rows to a sealed segment neither
// repeats nor skips one.
func TestSearchIterV2Snapshot(t *testing.T) {
	s := iterService(t, "HNSW")
	insertIDs(t, s, 0, 100)
	flushBooks(t, s)
	insertIDs(t, s, 100, 180)
	ids, scores := drain(t, s, iterSearch(9, ""), func(page int) {
		switch page {
		case 0:
			insertIDs(t, s, 1000, 1050)
		case 1:
			if _, err := s.Delete(context.Background(), Delete{Collection: "books", Filter: "id < 20"}); err != nil {
				t.Fatal(err)
			}
		case 2:
			flushBooks(t, s)
		}
	})
	checkOnceInOrder(t, ids, scores, idSet(0, 180, nil))
}

// TestSearchIterV2Resume: a page asked again with the bound it was asked
// with answers the same rows; a token the server does not know goes on
// from the client's bound, skipping rows scored exactly that (Milvus).
func TestSearchIterV2Resume(t *testing.T) {
	s := iterService(t, "FLAT")
	ids := make([]int64, 50)
	for i := range ids {
		ids[i] = int64(i) // vectors (id, 1): no two rows score alike
	}
	if _, err := s.Insert(t.Context(), Write{Collection: "books", Columns: bookRows(ids, make([]string, len(ids)))}); err != nil {
		t.Fatal(err)
	}
	req := iterSearch(4, "")
	first, err := s.Search(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	next := nextPage(req, first)
	a, err := s.Search(t.Context(), next)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Search(t.Context(), next) // the answer to a was lost
	if err != nil {
		t.Fatal(err)
	}
	if !equalInts(a.IDs.Ints, b.IDs.Ints) {
		t.Fatalf("retried page %v, first answer %v", b.IDs.Ints, a.IDs.Ints)
	}
	lost := nextPage(req, first)
	lost.IterV2.Token = "0b6a4cf2-8b0b-4bb7-9a6f-3e1f4a9e6c11"
	c, err := s.Search(t.Context(), lost)
	if err != nil {
		t.Fatal(err)
	}
	for i, sc := range c.Scores {
		if sc <= first.Iter.LastBound {
			t.Fatalf("unknown token: row %d scored %v, not past bound %v", i, sc, first.Iter.LastBound)
		}
	}
	if c.Iter.Token != lost.IterV2.Token {
		t.Fatalf("token %q, want the client's", c.Iter.Token)
	}
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSearchIterV2Empty: an iterator over no rows answers a token and the
// bound nearest the query, as Milvus does.
func TestSearchIterV2Empty(t *testing.T) {
	s := iterService(t, "FLAT")
	res, err := s.Search(t.Context(), iterSearch(10, ""))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.IDs.Ints) != 0 || res.Iter == nil || !validToken(res.Iter.Token) || res.Iter.LastBound != -3.4028235e38 {
		t.Fatalf("empty iterator answered %+v %+v", res.IDs.Ints, res.Iter)
	}
}

func TestSearchIterV2Checks(t *testing.T) {
	s := iterService(t, "FLAT")
	insertIDs(t, s, 0, 10)
	for _, tc := range []struct {
		name   string
		mutate func(*Search)
		substr string
	}{
		{"batch too big", func(r *Search) { r.IterV2.BatchSize = MaxTopK + 1 }, "batch size is invalid, it should be in range [1, 16384], but got 16385"},
		{"batch zero", func(r *Search) { r.IterV2.BatchSize = 0 }, "batch size is invalid"},
		{"offset", func(r *Search) { r.Offset = 3 }, "Setting an offset is not permitted when using a search iterator v2"},
		{"bad offset", func(r *Search) { r.Offset = -1 }, "offset [-1] is invalid, it should be in range [1, 16384]"},
		{"group by", func(r *Search) { r.GroupByField = "year" }, "Not allowed to do groupBy when doing iteration"},
		{"no v1 flag", func(r *Search) { r.Iterator = false }, "both iterator and search_iter_v2 must be set"},
		{"bad token", func(r *Search) { r.IterV2.Token = "not-a-uuid" }, "invalid token format"},
		{"two queries", func(r *Search) { r.Queries.FloatVecs = []float32{0, 0, 1, 1} }, "Number of queries is greater than 1"},
		{"collection id", func(r *Search) { r.CollectionID = 42 }, "collection id:42 in the request is not consistent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := iterSearch(5, "")
			tc.mutate(&req)
			_, err := s.Search(t.Context(), req)
			wantCode(t, err, apierr.CodeParameterInvalid, tc.substr)
		})
	}
}

// TestSearchIgnoreGrowing: ignore_growing reads sealed segments only.
func TestSearchIgnoreGrowing(t *testing.T) {
	s := iterService(t, "FLAT")
	insertIDs(t, s, 0, 20)
	flushBooks(t, s)
	insertIDs(t, s, 20, 40)
	req := Search{Collection: "books", Queries: &column.Column{Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{0, 0}},
		Limit: 100, RoundDecimal: -1, IgnoreGrowing: true}
	res, err := s.Search(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.IDs.Ints) != 20 {
		t.Fatalf("ignore_growing found %d rows, want the 20 sealed", len(res.IDs.Ints))
	}
	for _, id := range res.IDs.Ints {
		if id >= 20 {
			t.Fatalf("ignore_growing found growing row %d", id)
		}
	}
	q, err := s.Query(t.Context(), Query{Collection: "books", OutputFields: []string{"count(*)"}, IgnoreGrowing: true})
	if err != nil || q.Count != 20 {
		t.Fatalf("query with ignore_growing counted %v (%v), want 20", q, err)
	}
	h, err := s.HybridSearch(t.Context(), HybridSearch{Collection: "books", Subs: []Search{req, req}, Strategy: "rrf", RankParams: `{"k": 60}`, Limit: 100, RoundDecimal: -1})
	if err != nil || len(h.IDs.Ints) != 20 {
		t.Fatalf("hybrid search with ignore_growing sub-searches: %v %v", h, err)
	}
}
