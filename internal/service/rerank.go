package service

import (
	"context"
	"errors"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/rerank"
	"github.com/kite-db/kite/internal/schema"
)

// searchRanker is a search's function-score reranker; nil without one
// (or when its functions are only boosts).
func (s *Service) searchRanker(col *catalog.Collection, fs *rerank.FunctionScore) (*rerank.Ranker, error) {
	if fs == nil {
		return nil, nil
	}
	r, err := rerank.New(&col.Schema, fs)
	return r, s.rerankError(err)
}

// hybridRanker is the hybrid search's reranker: its function score's, else
// the one its rank params name (RRF by default), as Milvus chooses.
func (s *Service) hybridRanker(col *catalog.Collection, req HybridSearch) (*rerank.Ranker, error) {
	if r, err := s.searchRanker(col, req.FunctionScore); r != nil || err != nil {
		return r, err
	}
	f, err := rerank.Legacy(req.Strategy, req.RankParams)
	if err != nil {
		return nil, s.rerankError(err)
	}
	return s.searchRanker(col, &rerank.FunctionScore{Functions: []rerank.Function{f}})
}

// rerankError words a reranker's failure as Milvus answers it: invalid
// parameters with code 1100, its other (unwrapped) errors as unexpected.
func (s *Service) rerankError(err error) error {
	var ae *apierr.Error
	switch {
	case err == nil, errors.As(err, &ae), apierr.Stopped(err):
		return err
	case errors.Is(err, rerank.ErrInvalidParameter):
		return &apierr.Error{Code: apierr.CodeParameterInvalid, Reason: err.Error(), Input: true}
	case errors.Is(err, rerank.ErrUnsupported):
		return apierr.Unimplemented(err.Error(), s.cfg.Version)
	}
	return apierr.Unexpected(err.Error())
}

// rerankHits ranks lists (search → query → hits) and returns each query's
// window of hits with their new scores.
func (s *Service) rerankHits(ctx context.Context, r *rerank.Ranker, col *catalog.Collection, lists [][][]query.Hit, metrics []string, w rerank.Window, group *schema.Field) ([][]query.Hit, error) {
	in, rows := rerankInput(col.Schema.PrimaryKey(), r.Inputs(), group, lists)
	in.Metrics = metrics
	ranked, err := r.Rank(ctx, in, w)
	if err != nil {
		return nil, s.rerankError(err)
	}
	out := make([][]query.Hit, len(ranked))
	for q, rs := range ranked {
		out[q] = make([]query.Hit, len(rs))
		for i, x := range rs {
			out[q][i] = rows[x.Ref]
			out[q][i].Score = x.Score
		}
	}
	return out, nil
}

// rerankInput lays lists out per query for the reranker, each hit with its
// primary key, input field values and group value; a Candidate's Ref
// indexes rows.
func rerankInput(pk *schema.Field, inputs []*schema.Field, group *schema.Field, lists [][][]query.Hit) (rerank.Input, []query.Hit) {
	nq := 0
	if len(lists) > 0 {
		nq = len(lists[0])
	}
	var rows []query.Hit
	in := rerank.Input{Hits: make([][][]rerank.Candidate, nq)}
	for q := range in.Hits {
		in.Hits[q] = make([][]rerank.Candidate, len(lists))
		for i, hits := range lists {
			cands := make([]rerank.Candidate, len(hits[q]))
			for j, h := range hits[q] {
				cands[j] = candidate(h, pk, inputs, group, len(rows))
				rows = append(rows, h)
			}
			in.Hits[q][i] = cands
		}
	}
	return in, rows
}

func candidate(h query.Hit, pk *schema.Field, inputs []*schema.Field, group *schema.Field, ref int) rerank.Candidate {
	c := rerank.Candidate{ID: h.View.Cols[pk.ID].Value(h.Row), Score: h.Score, Ref: ref}
	if len(inputs) > 0 {
		c.Inputs = make([]any, len(inputs))
		for k, f := range inputs {
			c.Inputs[k] = h.View.Cols[f.ID].Value(h.Row)
		}
	}
	if group != nil {
		c.Group = h.View.Cols[group.ID].Value(h.Row)
	}
	return c
}
