package service

import (
	"context"
	"math"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/schema"
)

// IterV2 asks for one page of a search iterator v2 (Milvus 2.6; the SDKs
// send search_iter_v2 with the iterator flag).
//
// Pages are exact. Every page of an iterator reads the snapshot its first
// page read, scores every candidate row exactly (index.ScanFrom: built
// indexes are passed over, so a row scores the same on every page wherever
// a flush or compaction has moved it) and returns the next BatchSize rows
// in score order after the previous page: after its last score, and after
// the rows with that very score it already returned, whose keys the
// server's cursor keeps. No row comes twice and none is skipped. The price
// is a scan of the filtered rows per page, where Milvus walks an index.
type IterV2 struct {
	Token     string   // from the first page's answer; "" starts an iterator
	BatchSize int      // rows per page
	LastBound *float32 // the last_bound of the previous page's answer; nil on the first
}

// IterV2Result is what the client sends back for its next page.
type IterV2Result struct {
	Token     string
	LastBound float32 // the last row's score; with no row, the bound the page started from
}

const iterV2Failed = "parse iterator v2 info failed: "

// checkIterator applies Milvus's rules for iterator pages, in its order: a
// top-k out of range taken as the largest, offset checked, no grouping,
// and for iterator v2 no offset,
// a valid token and a batch size within top-k's range, which becomes the
// page's limit.
func checkIterator(col *catalog.Collection, req *Search) error {
	if !req.Iterator {
		if req.IterV2 != nil {
			return apierr.Invalid(iterV2Failed + "both iterator and search_iter_v2 must be set in the SDK")
		}
		return nil
	}
	if req.Limit <= 0 || req.Limit > MaxTopK {
		req.Limit = MaxTopK
	}
	if err := checkTopK(req.Limit, req.Offset); err != nil {
		return err
	}
	if req.GroupByField != "" && col.Schema.FieldByName(req.GroupByField) != nil {
		return apierr.InvalidExpected("", "", "Not allowed to do groupBy when doing iteration")
	}
	it := req.IterV2
	switch {
	case it == nil:
		return nil
	case req.Offset > 0:
		return apierr.InvalidExpected("", "", iterV2Failed+"Setting an offset is not permitted when using a search iterator v2")
	case it.Token != "" && !validToken(it.Token):
		return apierr.Invalid(iterV2Failed + "invalid token format")
	case it.BatchSize <= 0 || it.BatchSize > MaxTopK:
		return apierr.Invalid(iterV2Failed+"batch size is invalid, it should be in range [1, %d], but got %d", MaxTopK, it.BatchSize)
	}
	req.Limit = it.BatchSize
	return nil
}

// iterPage answers one page of a search iterator v2: the search sp plans,
// bounded by the iterator's cursor and run exactly.
func (s *Service) iterPage(ctx context.Context, sp *searchPlan, req Search) (*SearchResult, error) {
	col, run := sp.col, sp.run
	if req.Queries.Len() != 1 {
		return nil, apierr.Invalid("Number of queries is greater than 1, cannot initialize iterator")
	}
	token, cur := s.iterCursor(col, req)
	cur.mu.Lock()
	defer cur.mu.Unlock()
	pos := cur.resume(req.IterV2.LastBound)
	snap, ts, err := s.snapshot(ctx, col, sp.parts, cur.readTs, true)
	if err != nil {
		return nil, err
	}
	defer snap.Release()
	higher := index.HigherIsBetter(run.Metric)
	run.Exact, run.From, run.K = true, pos.from(higher), req.Limit+len(pos.ties)
	hits, err := run.Run(ctx, searchedViews(snap.Views, req.IgnoreGrowing))
	if err != nil {
		return nil, readError("search collection "+col.Name, err)
	}
	pk := col.Schema.PrimaryKey()
	page := pos.unseen(hits[0], req.Limit, pk)
	res := buildSearchResult(col, sp.out, [][]query.Hit{page}, req)
	res.ReadTs = ts
	cur.prev, cur.cur = pos, pos.after(page, res.Scores, pk, higher)
	res.Iter = &IterV2Result{Token: token, LastBound: cur.cur.reported}
	return res, nil
}

// iterCursor finds the request's iterator, or opens one: for a new
// iterator, and for a token the server does not know (forgotten, or
// handed out before a restart), which goes on from the bound the client
// sends, at the snapshot the client pins or else a fresh one.
func (s *Service) iterCursor(col *catalog.Collection, req Search) (string, *iterCursor) {
	token := req.IterV2.Token
	if token != "" {
		if cur := s.iters.get(token); cur != nil && cur.collID == col.ID {
			return token, cur
		}
	} else {
		token = newToken()
	}
	cur := &iterCursor{collID: col.ID, readTs: s.readTs(req.ReadTs)}
	if lb := req.IterV2.LastBound; lb != nil {
		// Which rows scored exactly the bound came already is lost:
		// skip them all, as Milvus does.
		cur.cur = iterPos{started: true, bound: *lb, reported: *lb, strict: true}
	}
	s.iters.add(token, cur)
	return token, cur
}

// resume is where the page asked for starts: after the last page, or
// before it when the client sends that page's starting bound again (it
// retries a page whose answer it did not get; when the last page ended
// on the score it started from, the two look alike and the iterator goes
// on). Any other bound is taken as it comes.
func (c *iterCursor) resume(last *float32) iterPos {
	switch {
	case last == nil || *last == c.cur.reported:
		return c.cur
	case c.prev.started && *last == c.prev.reported:
		return c.prev
	}
	return iterPos{started: true, bound: *last, reported: *last, strict: true}
}

// from is the score a page's rows must be at or past.
func (p iterPos) from(higher bool) *float32 {
	if !p.started {
		return nil
	}
	b := p.bound
	if p.strict {
		b = math.Nextafter32(b, float32(math.Inf(1))*sign(higher))
	}
	return &b
}

// unseen is the first batch hits that are not ties already returned.
func (p iterPos) unseen(hits []query.Hit, batch int, pk *schema.Field) []query.Hit {
	out := make([]query.Hit, 0, min(batch, len(hits)))
	for _, h := range hits {
		if len(out) == batch {
			break
		}
		if !p.ties[pkKey(h.View.Cols[pk.ID], h.Row)] {
			out = append(out, h)
		}
	}
	return out
}

// after is the position past page; reported are the page's scores as
// answered (rounded when the request asked).
func (p iterPos) after(page []query.Hit, reported []float32, pk *schema.Field, higher bool) iterPos {
	if len(page) == 0 {
		if !p.started {
			// Milvus answers the bound nearest the query before any row.
			p.reported = -worstScore(higher)
		}
		return p
	}
	last := page[len(page)-1].Score
	next := iterPos{started: true, bound: last, reported: reported[len(reported)-1], ties: map[any]bool{}}
	if p.started && p.bound == last {
		for k := range p.ties {
			next.ties[k] = true
		}
	}
	for i := len(page) - 1; i >= 0 && page[i].Score == last; i-- {
		next.ties[pkKey(page[i].View.Cols[pk.ID], page[i].Row)] = true
	}
	return next
}

// sign is -1 for similarities, where worse is lower, and 1 for distances.
func sign(higher bool) float32 {
	if higher {
		return -1
	}
	return 1
}

// worstScore is the far end of a metric's scores: +MaxFloat32 for
// distances, -MaxFloat32 for similarities.
func worstScore(higher bool) float32 {
	if higher {
		return -math.MaxFloat32
	}
	return math.MaxFloat32
}
