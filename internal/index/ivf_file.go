package index

import (
	"fmt"
	"slices"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index/indexfile"
	"github.com/kite-db/kite/internal/index/quant"
)

// metricCodes number the metrics in index files; the order is fixed.
var metricCodes = []string{"", L2, IP, Cosine, Hamming, Jaccard, BM25}

func metricCode(m string) uint32 { return uint32(max(0, slices.Index(metricCodes, m))) }

// fileMeta is the "meta" section every index file starts with: what it
// was built from, checked against the spec and vectors it is opened over.
type fileMeta struct {
	metric uint32
	dim    uint32
	rows   uint32
	extra  []uint32 // per index type
}

func (m fileMeta) section() indexfile.Section {
	return indexfile.U32("meta", append([]uint32{m.metric, m.dim, m.rows}, m.extra...))
}

// openIndexFile maps path, checks its kind and meta against spec and data,
// and returns the type-specific meta words.
func openIndexFile(spec Spec, path string, data *column.Column, nExtra int) (*indexfile.File, []uint32, error) {
	f, err := indexfile.Open(path, spec.Type)
	if err != nil {
		return nil, nil, err
	}
	meta, err := f.U32("meta")
	want := []uint32{metricCode(spec.Metric), uint32(data.Dim), uint32(data.Len())}
	if err == nil && (len(meta) != 3+nExtra || !slices.Equal(meta[:3], want)) {
		err = fmt.Errorf("index: %s was built for metric/dim/rows %v, opened over %v: %w", path, meta, want, indexfile.ErrCorrupt)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, meta[3:], nil
}

// Save writes the index to path (layout in docs/format/index.md).
func (x *ivfIndex) Save(path string) error {
	m := fileMeta{metric: metricCode(x.metric), dim: uint32(x.lists.dim), rows: uint32(x.data.Len())}
	var refine uint32
	if x.refine {
		refine = 1
	}
	m.extra = []uint32{uint32(x.lists.nlist()), refine, 0, 0}
	if pq, ok := x.codec.(*pqCodec); ok {
		m.extra[2], m.extra[3] = uint32(pq.pq.M), uint32(pq.pq.Nbits)
	}
	s := []indexfile.Section{
		m.section(),
		indexfile.F32("centroid", x.lists.centroids),
		indexfile.U32("offsets", x.lists.offsets),
		indexfile.I32("rows", x.lists.rows),
	}
	return indexfile.Write(path, x.typ, append(s, x.codec.sections()...))
}

func loadIVF(spec Spec, path string, data *column.Column) (Index, error) {
	x, err := newIVFIndex(spec, data)
	if err != nil {
		return nil, err
	}
	f, extra, err := openIndexFile(spec, path, data, 4)
	if err != nil {
		return nil, err
	}
	x.file, x.refine = f, extra[1] == 1
	if err := x.loadSections(f, int(extra[0]), int(extra[2]), int(extra[3])); err != nil {
		f.Close()
		return nil, fmt.Errorf("index: open %s: %w", path, err)
	}
	return x, nil
}

func (x *ivfIndex) loadSections(f *indexfile.File, nlist, m, nbits int) error {
	r := sectionReader{f: f}
	// n positions: the rows holding a vector (null rows are in no list).
	dim, n, rows := x.data.Dim, vectorRows(x.data), x.data.Len()
	l := ivfLists{dim: dim}
	l.centroids = r.f32("centroid", nlist*dim)
	l.offsets = r.u32("offsets", nlist+1)
	l.rows = r.i32("rows", n)
	if r.err == nil {
		l.prepare()
	}
	x.lists = l
	switch x.typ {
	case IVFFlat:
		if r.err != nil {
			return r.err
		}
		if !validLists(l, n, rows) {
			return indexfile.ErrCorrupt
		}
		c := &flatCodec{dim: dim, l2: innerL2(x.metric), offs: l.offsets, start: panelStarts(&l)}
		c.panels = r.f32("vectors", c.start[nlist]*dim)
		if c.l2 {
			c.norms = r.f32("norms", n)
		}
		x.codec = c
	case IVFSQ8:
		c := &sq8Codec{dim: dim, l2: innerL2(x.metric), codes: r.u8("codes", n*dim)}
		c.sq = quant.SQ8{Min: r.f32("sqmin", dim), Step: r.f32("sqstep", dim)}
		if c.l2 {
			c.rowTerm = r.f32("rowterm", n)
		}
		x.codec = c
	case IVFPQ:
		if m <= 0 || m > dim || dim%m != 0 || nbits < 1 || nbits > 16 {
			return indexfile.ErrCorrupt
		}
		c := &pqCodec{l2: innerL2(x.metric), pq: quant.NewPQ(dim, m, nbits)}
		c.pq.Codebooks = r.f32("codebook", m*c.pq.Ksub*c.pq.Dsub)
		if r.err == nil {
			c.pq.Prepare()
		}
		c.codes = r.u8("codes", n*c.pq.CodeBytes())
		if r.err == nil && !validCodes(c.pq, c.codes) {
			return indexfile.ErrCorrupt
		}
		if c.l2 {
			c.rowTerm = r.f32("rowterm", n)
		}
		x.codec = c
	}
	if r.err == nil && !validLists(l, n, rows) {
		r.err = indexfile.ErrCorrupt
	}
	return r.err
}

// validCodes checks every code indexes its codebook (always true for
// 8-bit codes).
func validCodes(p quant.PQ, codes []byte) bool {
	if p.Nbits == 8 {
		return true
	}
	cb := p.CodeBytes()
	for i := 0; i+cb <= len(codes); i += cb {
		for s := 0; s < p.M; s++ {
			if p.At(codes[i:], s) >= p.Ksub {
				return false
			}
		}
	}
	return true
}

// validLists checks what search indexes with: offsets ascending from 0 to
// positions (the rows holding a vector) and every row inside the segment.
func validLists(l ivfLists, positions, rows int) bool {
	if len(l.offsets) == 0 || l.offsets[0] != 0 || int(l.offsets[len(l.offsets)-1]) != positions {
		return false
	}
	for i := 1; i < len(l.offsets); i++ {
		if l.offsets[i] < l.offsets[i-1] {
			return false
		}
	}
	for _, r := range l.rows {
		if r < 0 || int(r) >= rows {
			return false
		}
	}
	return true
}

// sectionReader reads sections of known length, keeping the first error.
type sectionReader struct {
	f   *indexfile.File
	err error
}

func check[T any](r *sectionReader, v []T, err error, tag string, n int) []T {
	if r.err != nil {
		return nil
	}
	if err == nil && len(v) != n {
		err = fmt.Errorf("section %s holds %d values, want %d: %w", tag, len(v), n, indexfile.ErrCorrupt)
	}
	r.err = err
	return v
}

func (r *sectionReader) f32(tag string, n int) []float32 {
	v, err := r.f.F32(tag)
	return check(r, v, err, tag, n)
}

func (r *sectionReader) u32(tag string, n int) []uint32 {
	v, err := r.f.U32(tag)
	return check(r, v, err, tag, n)
}

func (r *sectionReader) i32(tag string, n int) []int32 {
	v, err := r.f.I32(tag)
	return check(r, v, err, tag, n)
}

func (r *sectionReader) u8(tag string, n int) []byte {
	v, err := r.f.U8(tag)
	return check(r, v, err, tag, n)
}
