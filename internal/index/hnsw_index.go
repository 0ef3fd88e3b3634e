package index

import (
	"fmt"
	"strconv"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/index/hnsw"
	"github.com/kite-db/kite/internal/schema"
)

// HNSW defaults when the spec omits them (Milvus's documented defaults), the
// search ef floor when a request names none, and the fixed level seed that
// makes builds reproducible.
const (
	defaultM         = 30
	defaultEfC       = 360
	defaultEf        = 64
	hnswSeed         = 0x6b697465
	exactFilterRatio = 16 // filters passing < 1/16 of rows are searched exactly
)

// hnswIndex answers searches from an HNSW graph over vectors the segment
// owns, falling back to an exact scan where the graph would do worse:
// range searches and filters that pass few rows.
type hnswIndex struct {
	flat  Flat
	g     *hnsw.Graph
	norms []float32 // row lengths, COSINE only
}

func buildHNSW(spec Spec, data *column.Column) (Index, error) {
	h, err := newHNSWIndex(spec.Metric, data)
	if err != nil {
		return nil, err
	}
	cfg := hnsw.Config{
		M:              specInt(spec.Params, "M", defaultM),
		EfConstruction: specInt(spec.Params, "efConstruction", defaultEfC),
		Seed:           hnswSeed,
	}
	n := data.Len()
	h.g = hnsw.New(cfg, n)
	space := newPairSpace(spec.Metric, data, h.norms)
	for i := 0; i < n; i++ {
		h.g.Add(space)
	}
	return h, nil
}

func newHNSWIndex(metric string, data *column.Column) (*hnswIndex, error) {
	f, err := NewFlat(metric, data)
	if err != nil {
		return nil, err
	}
	if data.Type == schema.SparseFloatVector {
		return nil, fmt.Errorf("index: HNSW on sparse vectors: %w", ErrUnsupported)
	}
	return &hnswIndex{flat: *f.(*Flat), norms: rowNorms(metric, data)}, nil
}

// specInt reads a build param ValidateSpec has already range-checked.
func specInt(p map[string]string, key string, def int) int {
	if v, err := strconv.Atoi(p[key]); err == nil {
		return v
	}
	return def
}

// Save writes the graph to path; the vectors stay in the segment's files.
func (h *hnswIndex) Save(path string) error { return h.g.WriteFile(path) }

// Close releases a graph opened by Load.
func (h *hnswIndex) Close() error { return h.g.Close() }

func loadHNSW(spec Spec, path string, data *column.Column) (Index, error) {
	h, err := newHNSWIndex(spec.Metric, data)
	if err != nil {
		return nil, err
	}
	if h.g, err = hnsw.Open(path); err != nil {
		return nil, err
	}
	if h.g.Len() != data.Len() {
		h.g.Close()
		return nil, fmt.Errorf("index: graph %s has %d rows, vectors %d: %w", path, h.g.Len(), data.Len(), hnsw.ErrCorrupt)
	}
	return h, nil
}

// queryDist returns the graph distance from query row qi of q to a row.
// Dense float32 rows use the precomputed norms for COSINE; other types
// reuse FLAT's scorers.
func (h *hnswIndex) queryDist(q *column.Column, qi int) func(int) float32 {
	m, data := h.flat.metric, h.flat.data
	if data.Type == schema.FloatVector {
		qv, qn := q.FloatVec(qi), distance.Norm(q.FloatVec(qi))
		if m == Cosine {
			return func(r int) float32 {
				return -distance.CosineFromDot(distance.Dot(qv, data.FloatVec(r)), qn, h.norms[r])
			}
		}
		return func(r int) float32 { return floatDist(m, qv, data.FloatVec(r), nil, 0, r) }
	}
	s := newScorer(m, data, q, qi)
	return func(r int) float32 { return toDist(m, s.one(r)) }
}
