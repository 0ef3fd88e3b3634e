package index

import (
	"sync"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/index/indexfile"
	"github.com/kite-db/kite/internal/schema"
)

// IVF defaults (Milvus's): nlist when the spec omits it, nprobe when a
// search names none; the seed that makes builds reproducible.
const (
	defaultNlist  = 128
	defaultNprobe = 8
	ivfSeed       = 0x6b697465_697666
)

// ivfIndex is IVF_FLAT, IVF_SQ8 or IVF_PQ over float, float16 or bfloat16
// vectors: a coarse quantizer (k-means centroids) splits the rows into
// lists, each list stores its rows' vectors in one of the codecs, and a
// search scores only the lists whose centroids are nearest the query.
//
// COSINE normalizes rows at build and queries at search and scores by
// inner product, so it shares every code path with IP.
type ivfIndex struct {
	typ    string
	metric string
	data   *column.Column // the segment's vectors: exact fallbacks and refining
	flat   *Flat
	lists  ivfLists
	codec  ivfCodec
	refine bool // built with refine=true: re-rank by exact score by default
	file   *indexfile.File

	// scratch holds *ivfSearch buffers between searches, so a query
	// allocates no per-query tables (a PQ table is 32 KiB at m=32).
	scratch sync.Pool
}

// ivfLists is the coarse quantizer and the list layout. Rows are stored
// grouped by list at "positions": list l holds positions
// offsets[l]..offsets[l+1], and rows[p] is the segment row at position p.
type ivfLists struct {
	dim       int
	centroids []float32 // nlist·dim
	offsets   []uint32  // nlist+1
	rows      []int32

	// Derived from centroids by prepare, for probing: the centroids in
	// panels (distance.Panels) and their squared lengths.
	panels []float32
	norms  []float32
}

// prepare derives the probing layout from the centroids.
func (l *ivfLists) prepare() {
	l.panels = distance.Panels(l.centroids, l.dim)
	l.norms = make([]float32, l.nlist())
	for i := range l.norms {
		c := l.centroid(i)
		l.norms[i] = distance.Dot(c, c)
	}
}

func (l *ivfLists) nlist() int { return len(l.offsets) - 1 }

func (l *ivfLists) bounds(list int) (lo, hi int) {
	return int(l.offsets[list]), int(l.offsets[list+1])
}

func (l *ivfLists) centroid(list int) []float32 {
	return l.centroids[list*l.dim : (list+1)*l.dim]
}

// ivfCodec stores the vectors at every position in some encoding.
type ivfCodec interface {
	// query prepares per-query state for query vector q; the result is
	// used by one goroutine. Its tables and weights live in table
	// (tableLen floats), which the caller reuses for its next query.
	query(q, table []float32) ivfQuery
	tableLen() int
	// sections are what Save writes besides the lists.
	sections() []indexfile.Section
}

// ivfQuery scores one query against stored positions.
type ivfQuery interface {
	// scan writes the scores of positions lo, lo+1, ... of list into out,
	// in Milvus's convention (L2 distance; IP similarity). lo is the list's
	// first position or a multiple of blockRows past it; out's capacity
	// covers len(out) rounded up to whole panels. coarse is the query's
	// score against the list's centroid: ||q-c||² for L2, q·c for IP,
	// which codecs storing residuals add back.
	scan(list, lo int, coarse float32, out []float32)
}

// innerL2 reports whether an IVF index scores by L2 (else by inner
// product: IP, and COSINE on normalized vectors).
func innerL2(metric string) bool { return metric == L2 }

// Metric is the metric the index scores with.
func (x *ivfIndex) Metric() string { return x.metric }

// Close releases the mapping of an index opened by Load.
func (x *ivfIndex) Close() error {
	if x.file == nil {
		return nil
	}
	return x.file.Close()
}

// ivfFloats returns the rows of data as float32, decoding half types and
// normalizing for COSINE. FloatVector rows are shared, not copied, when
// no normalization is needed.
func ivfFloats(metric string, data *column.Column) []float32 {
	var out []float32
	switch data.Type {
	case schema.FloatVector:
		if metric != Cosine {
			return data.FloatVecs
		}
		out = append([]float32(nil), data.FloatVecs...)
	default:
		out = decodeAll(data)
	}
	if metric == Cosine {
		for i := 0; i+data.Dim <= len(out); i += data.Dim {
			normalize(out[i : i+data.Dim])
		}
	}
	return out
}

// queryFloats returns query row qi as float32 in buf, normalized for COSINE.
func queryFloats(metric string, q *column.Column, qi int, buf []float32) []float32 {
	switch q.Type {
	case schema.FloatVector:
		copy(buf, q.FloatVec(qi))
	default:
		decodeRow(q, qi, buf)
	}
	if metric == Cosine {
		normalize(buf)
	}
	return buf
}

// normalize scales v to unit length; a zero vector stays zero, so its
// cosine with anything is 0, as FLAT reports.
func normalize(v []float32) {
	n := distance.Norm(v)
	if n == 0 {
		return
	}
	inv := 1 / n
	for i := range v {
		v[i] *= inv
	}
}
