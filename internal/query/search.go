package query

import (
	"sort"
	"sync"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/segment"
)

// Search describes one vector search over a snapshot.
type Search struct {
	FieldID int64
	Metric  string
	Queries *column.Column // nq query vectors
	K       int            // offset + limit: the caller drops the offset
	Params  map[string]any
	Filter  Filter
}

// Hit is one result row.
type Hit struct {
	View  *segment.View
	Row   int
	Score float32
}

// Run searches every view and returns, per query, up to K hits best first.
// Segments are searched in parallel.
func (s *Search) Run(views []*segment.View) ([][]Hit, error) {
	nq := s.Queries.Len()
	per := make([][][]index.Hit, len(views))
	errs := make([]error, len(views))
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallelism())
	for i, v := range views {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			per[i], errs[i] = s.searchView(v)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	higher := index.HigherIsBetter(s.Metric)
	out := make([][]Hit, nq)
	for q := 0; q < nq; q++ {
		var all []Hit
		for i, v := range views {
			if per[i] == nil {
				continue
			}
			for _, h := range per[i][q] {
				all = append(all, Hit{View: v, Row: int(h.Row), Score: h.Score})
			}
		}
		sort.SliceStable(all, func(a, b int) bool {
			if higher {
				return all[a].Score > all[b].Score
			}
			return all[a].Score < all[b].Score
		})
		if len(all) > s.K {
			all = all[:s.K]
		}
		out[q] = all
	}
	return out, nil
}

func (s *Search) searchView(v *segment.View) ([][]index.Hit, error) {
	if v.N == 0 {
		return nil, nil
	}
	bs, err := candidates(v, s.Filter)
	if err != nil || bs.Count() == 0 {
		return nil, err
	}
	ix := v.Indexes[s.FieldID]
	if ix == nil {
		vecs := v.Cols[s.FieldID]
		if vecs == nil {
			return nil, nil
		}
		if ix, err = index.NewFlat(s.Metric, vecs); err != nil {
			return nil, err
		}
	}
	return ix.Search(s.Queries, index.SearchParams{K: s.K, Filter: bs, Params: s.Params})
}
