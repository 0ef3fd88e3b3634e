package index

import "github.com/kite-db/kite/internal/distance"

// floatKind is a float32 graph distance's metric, resolved once per index
// so scoring a neighbour list switches on a small int, not a string.
type floatKind uint8

const (
	kindL2 floatKind = iota
	kindIP
	kindCosine
)

func floatKindOf(metric string) floatKind {
	switch metric {
	case L2:
		return kindL2
	case IP:
		return kindIP
	}
	return kindCosine
}

// floatRows is float32 rows (the column's own, or half types decoded for
// a build) under one metric, scored as graph distances: smaller is closer.
type floatRows struct {
	data  []float32
	dim   int
	kind  floatKind
	norms []float32 // row lengths, COSINE only
}

func (f *floatRows) row(i int) []float32 { return f.data[i*f.dim : (i+1)*f.dim : (i+1)*f.dim] }

// norm is row i's length where the metric needs it.
func (f *floatRows) norm(i int) float32 {
	if f.kind == kindCosine {
		return f.norms[i]
	}
	return 0
}

// dist is the graph distance from q (length qn, COSINE only) to row r.
func (f *floatRows) dist(q []float32, qn float32, r int) float32 {
	switch f.kind {
	case kindL2:
		return distance.L2Sq(q, f.row(r))
	case kindIP:
		return -distance.Dot(q, f.row(r))
	}
	return -distance.CosineFromDot(distance.Dot(q, f.row(r)), qn, f.norms[r])
}

// scores writes the graph distances from q to rows into out. Every row is
// prefetched first so their cache misses overlap.
func (f *floatRows) scores(q []float32, qn float32, rows []uint32, out []float32) {
	out = out[:len(rows)]
	for _, r := range rows {
		distance.Prefetch(f.row(int(r)))
	}
	switch f.kind {
	case kindL2:
		for i, r := range rows {
			out[i] = distance.L2Sq(q, f.row(int(r)))
		}
	case kindIP:
		for i, r := range rows {
			out[i] = -distance.Dot(q, f.row(int(r)))
		}
	default:
		for i, r := range rows {
			out[i] = -distance.CosineFromDot(distance.Dot(q, f.row(int(r))), qn, f.norms[r])
		}
	}
}

// floatQuery is one float32 query against floatRows (hnsw.BatchQuery).
type floatQuery struct {
	rows *floatRows
	q    []float32
	qn   float32
}

func (f *floatQuery) Distance(r int) float32 { return f.rows.dist(f.q, f.qn, r) }

func (f *floatQuery) Distances(rows []uint32, out []float32) { f.rows.scores(f.q, f.qn, rows, out) }
