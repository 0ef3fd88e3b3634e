package index

import (
	"context"
	"fmt"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index/indexfile"
	"github.com/kite-db/kite/internal/index/kmeans"
	"github.com/kite-db/kite/internal/schema"
)

// binIVFIndex is BIN_IVF_FLAT: binary rows clustered by k-majority under
// the index's metric (HAMMING or JACCARD), each list holding its rows'
// bits contiguously; a search scores the nprobe lists whose centroids are
// nearest the query, by the same rules as the float IVF indexes.
type binIVFIndex struct {
	metric  string
	data    *column.Column
	flat    *Flat
	rb      int      // bytes per row
	cent    []byte   // nlist·rb
	offsets []uint32 // nlist+1, as ivfLists
	rows    []int32  // row at each position
	codes   []byte   // positions·rb: the rows' bits in list order
	dist    func(a, b []byte) float32
	file    *indexfile.File
}

func newBinIVF(spec Spec, data *column.Column) (*binIVFIndex, error) {
	if data.Type != schema.BinaryVector {
		return nil, fmt.Errorf("index: %s over %s: %w", BinIVFFlat, data.Type, ErrUnsupported)
	}
	f, err := NewFlat(spec.Metric, data)
	if err != nil {
		return nil, err
	}
	return &binIVFIndex{metric: spec.Metric, data: data, flat: f.(*Flat), rb: data.RowBytes(), dist: binaryKernel(spec.Metric)}, nil
}

func buildBinIVF(ctx context.Context, spec Spec, data *column.Column) (Index, error) {
	x, err := newBinIVF(spec, data)
	if err != nil {
		return nil, err
	}
	nlist := min(specInt(spec.Params, "nlist", defaultNlist), vectorRows(data))
	cfg := kmeans.Config{K: nlist, Seed: ivfSeed, Workers: buildWorkers()}
	x.cent = kmeans.TrainBinary(withoutNullRows(data.VecBytes, x.rb, data), x.rb, x.dist, cfg)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	labels := noLabels(data.Len()) // no centroids: every row is null
	if len(x.cent) > 0 {
		labels = kmeans.AssignBinary(data.VecBytes, x.rb, x.cent, x.dist, buildWorkers())
		dropNullLabels(labels, data)
	}
	x.offsets, x.rows = groupByLabel(len(x.cent)/max(x.rb, 1), labels)
	x.codes = make([]byte, len(x.rows)*x.rb)
	for p, r := range x.rows {
		copy(x.codes[p*x.rb:(p+1)*x.rb], data.VecRow(int(r)))
	}
	return x, nil
}

// Metric is the metric the index scores with.
func (x *binIVFIndex) Metric() string { return x.metric }

func (x *binIVFIndex) nlist() int { return len(x.offsets) - 1 }

// Search returns, per query row of q, up to p.K hits best first.
func (x *binIVFIndex) Search(ctx context.Context, q *column.Column, p SearchParams) ([][]Hit, error) {
	w, err := checkSearch(x.metric, x.data, q, p)
	if err != nil {
		return nil, err
	}
	sp, err := parseIVFSearch(p.Params, x.nlist(), false)
	if err != nil {
		return nil, err
	}
	n := len(x.rows)
	if n == 0 || p.Filter != nil && p.Filter.Count() <= n*sp.nprobe/x.nlist() {
		return x.flat.Search(ctx, q, p)
	}
	out := make([][]Hit, q.Len())
	centres, scores := make([]float32, x.nlist()), make([]float32, blockRows)
	for qi := range out {
		qv := q.VecRow(qi)
		for c := range centres {
			centres[c] = x.dist(qv, x.cent[c*x.rb:(c+1)*x.rb])
		}
		top := newTopK(p.K, false)
		err := probeLoop(ctx, newProbeOrder(centres, 1), sp, w, top, func(list int, _ float32) int {
			lo, hi, added := int(x.offsets[list]), int(x.offsets[list+1]), 0
			for b := lo; b < hi; b += blockRows {
				out := scores[:min(blockRows, hi-b)]
				for i := range out {
					out[i] = x.dist(qv, x.codes[(b+i)*x.rb:(b+i+1)*x.rb])
				}
				added += offer(top, x.rows[b:], out, p.Filter, w)
			}
			return added
		})
		if err != nil {
			return nil, err
		}
		out[qi] = top.sorted()
	}
	return out, nil
}

// Save writes the index to path (layout in docs/format/index.md).
func (x *binIVFIndex) Save(path string) error {
	m := fileMeta{metric: metricCode(x.metric), dim: uint32(x.data.Dim), rows: uint32(x.data.Len()), extra: []uint32{uint32(x.nlist())}}
	return indexfile.Write(path, BinIVFFlat, []indexfile.Section{
		m.section(),
		indexfile.U8("centroid", x.cent),
		indexfile.U32("offsets", x.offsets),
		indexfile.I32("rows", x.rows),
		indexfile.U8("codes", x.codes),
	})
}

// Close releases the mapping of an index opened by Load.
func (x *binIVFIndex) Close() error {
	if x.file == nil {
		return nil
	}
	return x.file.Close()
}

func loadBinIVF(spec Spec, path string, data *column.Column) (Index, error) {
	x, err := newBinIVF(spec, data)
	if err != nil {
		return nil, err
	}
	f, extra, err := openIndexFile(spec, path, data, 1)
	if err != nil {
		return nil, err
	}
	nlist, n := int(extra[0]), vectorRows(data) // n positions: null rows are in no list
	r := sectionReader{f: f}
	x.cent = r.u8("centroid", nlist*x.rb)
	x.offsets = r.u32("offsets", nlist+1)
	x.rows = r.i32("rows", n)
	x.codes = r.u8("codes", n*x.rb)
	if r.err == nil && !validLists(ivfLists{offsets: x.offsets, rows: x.rows}, n, data.Len()) {
		r.err = indexfile.ErrCorrupt
	}
	if r.err != nil {
		f.Close()
		return nil, fmt.Errorf("index: open %s: %w", path, r.err)
	}
	x.file = f
	return x, nil
}
