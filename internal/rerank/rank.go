package rerank

import (
	"context"
	"fmt"
	"sort"
)

// Candidate is one hit of one search for one query vector.
type Candidate struct {
	ID     any     // primary key, int64 or string: one row, however many searches found it
	Score  float32 // the search's score, in its metric's sense
	Inputs []any   // the values of Ranker.Inputs for this row
	Group  any     // the group-by field's value, when grouping
	Ref    int     // the caller's handle on the row, returned in Ranked
}

// Input is what a Ranker ranks: per query vector, the hit lists of every
// search, best first.
type Input struct {
	Hits    [][][]Candidate // query → search → hits
	Metrics []string        // per search
}

// Window is the part of the ranking a request wants.
type Window struct {
	Limit, Offset int
	// GroupSize > 0 groups candidates by Candidate.Group, keeping at most
	// GroupSize of each; Limit and Offset then count groups.
	GroupSize int
	// GroupScorer ranks groups by their members' "max" (the default), "sum"
	// or "avg" score.
	GroupScorer string
}

// Ranked is one hit of the answer.
type Ranked struct {
	Ref   int // Candidate.Ref of the row's first appearance
	Score float32
}

// query is one query vector's share of an Input.
type query struct {
	index   int
	lists   [][]Candidate
	metrics []string
}

// Check refuses, before anything is searched, a request the reranker
// cannot rank: searches is the number of searches fused, nq the number of
// query vectors.
func (r *Ranker) Check(searches, nq int, w Window) error {
	if w.GroupSize > 0 {
		if _, err := groupScorer(w.GroupScorer); err != nil {
			return err
		}
	}
	if c, ok := r.s.(checker); ok {
		return c.check(searches, nq)
	}
	return nil
}

// Rank re-scores every query's candidates and returns, per query, the
// window's hits in their new order.
func (r *Ranker) Rank(ctx context.Context, in Input, w Window) ([][]Ranked, error) {
	if len(in.Hits) > 0 {
		if err := r.Check(len(in.Hits[0]), len(in.Hits), w); err != nil {
			return nil, err
		}
	}
	out := make([][]Ranked, len(in.Hits))
	for qi, lists := range in.Hits {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		scores, higher, err := r.s.score(ctx, query{index: qi, lists: lists, metrics: in.Metrics})
		if err != nil {
			return nil, err
		}
		first := firstSeen(lists)
		if w.GroupSize > 0 {
			out[qi], err = groupOrder(scores, first, w)
		} else {
			out[qi] = topOrder(scores, first, higher, w)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// firstSeen maps each ID to its first appearance, search by search.
func firstSeen(lists [][]Candidate) map[any]*Candidate {
	m := map[any]*Candidate{}
	for _, hits := range lists {
		for i := range hits {
			if _, ok := m[hits[i].ID]; !ok {
				m[hits[i].ID] = &hits[i]
			}
		}
	}
	return m
}

// sortedIDs orders the scored IDs best first; equal scores put the smaller
// primary key first, as Milvus does.
func sortedIDs(scores map[any]float32, higher bool) []any {
	ids := make([]any, 0, len(scores))
	for id := range scores {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := scores[ids[i]], scores[ids[j]]
		if a == b {
			return lessID(ids[i], ids[j])
		}
		if higher {
			return a > b
		}
		return a < b
	})
	return ids
}

func lessID(a, b any) bool {
	switch x := a.(type) {
	case int64:
		return x < b.(int64)
	case string:
		return x < b.(string)
	}
	panic(fmt.Sprintf("BUG: rerank: primary key of type %T", a))
}

func topOrder(scores map[any]float32, first map[any]*Candidate, higher bool, w Window) []Ranked {
	ids := sortedIDs(scores, higher)
	if n := w.Offset + w.Limit; len(ids) > n {
		ids = ids[:n]
	}
	if w.Offset >= len(ids) {
		return nil
	}
	out := make([]Ranked, 0, len(ids)-w.Offset)
	for _, id := range ids[w.Offset:] {
		out = append(out, Ranked{Ref: first[id].Ref, Score: scores[id]})
	}
	return out
}
