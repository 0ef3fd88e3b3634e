package index

import (
	"context"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
)

// Metric names as Milvus spells them.
const (
	L2      = "L2"
	IP      = "IP"
	Cosine  = "COSINE"
	Hamming = "HAMMING"
	Jaccard = "JACCARD"
	BM25    = "BM25"
)

// Spec is what CreateIndex asked for, after AUTOINDEX is resolved.
type Spec struct {
	Type   string            // "FLAT", "HNSW", "IVF_FLAT", ...
	Metric string            // L2, IP, COSINE, HAMMING, JACCARD
	Params map[string]string // build params as the client sent them (M, efConstruction, nlist, ...)
}

// Hit is one search result: a row offset within the indexed vectors and its
// score as Milvus reports it (L2: squared distance, ascending; IP and COSINE:
// similarity, descending; HAMMING: differing bits; JACCARD: distance).
type Hit struct {
	Row   int32
	Score float32
}

// SearchParams are the per-request search settings.
type SearchParams struct {
	K      int
	Filter *bitset.Bitset // nil: every row passes; else only rows whose bit is set
	Params map[string]any // "ef", "nprobe", "radius", "range_filter", ... decoded from the request's JSON params
	Metric string         // metric the request named; "" means the index's own
}

// Index searches one segment's vectors.
type Index interface {
	// Search returns, per query row of q, up to K hits best first. It
	// looks at ctx every so much work (never per row) and, once ctx is
	// done, stops and returns ctx.Err() with no hits.
	Search(ctx context.Context, q *column.Column, p SearchParams) ([][]Hit, error)
}

// Saver is implemented by indexes that keep state beyond the vectors (HNSW
// graphs); Load reopens it. FLAT has none, so it does not implement Saver.
type Saver interface {
	Save(path string) error
}
