package rerank

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/kite-db/kite/internal/schema"
)

const keyWeights = "weights"

// weighted sums each search's score times its weight. Scores are
// normalized into [0, 1] with norm_score; without it they are summed raw
// (distances turned into similarities only when metrics are mixed).
type weighted struct {
	weights []float32
	norm    bool
}

func newWeighted(in []*schema.Field, ps []Param) (scorer, error) {
	if err := noInputs(nameWeighted, in); err != nil {
		return nil, err
	}
	w := &weighted{}
	for _, p := range ps {
		switch strings.ToLower(p.Key) {
		case keyWeights:
			if err := json.Unmarshal([]byte(p.Value), &w.weights); err != nil {
				return nil, fmt.Errorf("parse weights param failed, weight should be []float, but got: %s", p.Value)
			}
			for _, x := range w.weights {
				if x < 0 || x > 1 {
					return nil, fmt.Errorf("rank param weight should be in range [0, 1]")
				}
			}
		case keyNormScore:
			var err error
			if w.norm, err = strconv.ParseBool(p.Value); err != nil {
				return nil, fmt.Errorf("norm_score params must be true/false, but got %s", p.Value)
			}
		}
	}
	if len(w.weights) == 0 {
		return nil, fmt.Errorf("weights not found")
	}
	return w, nil
}

func (w *weighted) check(searches, _ int) error {
	if searches != len(w.weights) {
		return invalidExpected(searches, len(w.weights), "the length of weights param mismatch with ann search requests")
	}
	return nil
}

func (w *weighted) score(_ context.Context, q query) (map[any]float32, bool, error) {
	if err := w.check(len(q.lists), 0); err != nil {
		return nil, false, err
	}
	mixed, higher := metricOrder(q.metrics)
	s := map[any]float32{}
	for i, hits := range q.lists {
		norm := normalizeFor(w.norm, q.metrics[i], mixed)
		for _, h := range hits {
			s[h.ID] += w.weights[i] * norm(h.Score)
		}
	}
	return s, w.norm || higher, nil
}
