package rerank

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/kite-db/kite/internal/schema"
)

const (
	keyK     = "k"
	defaultK = 60
	maxK     = 16384
)

// rrf is reciprocal rank fusion: a row scores 1/(k+rank) in each search
// that found it (rank from 1), summed.
type rrf struct{ k float32 }

func newRRF(in []*schema.Field, ps []Param) (scorer, error) {
	if err := noInputs(nameRRF, in); err != nil {
		return nil, err
	}
	k := float64(defaultK)
	for _, p := range ps {
		if strings.ToLower(p.Key) != keyK {
			continue
		}
		var err error
		if k, err = strconv.ParseFloat(p.Value, 64); err != nil {
			return nil, fmt.Errorf("param k:%s is not a number", p.Value)
		}
	}
	if k <= 0 || k >= maxK {
		return nil, fmt.Errorf("the rank params k should be in range (0, %d)", maxK)
	}
	return &rrf{k: float32(k)}, nil
}

func (r *rrf) score(_ context.Context, q query) (map[any]float32, bool, error) {
	s := map[any]float32{}
	for _, hits := range q.lists {
		for rank, h := range hits {
			s[h.ID] += 1 / (r.k + float32(rank+1))
		}
	}
	return s, true, nil
}
