package index

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index/kmeans"
	"github.com/kite-db/kite/internal/schema"
)

// buildIVF trains the coarse quantizer, groups the rows into lists and
// encodes them with the codec of spec.Type, looking at ctx between steps.
func buildIVF(ctx context.Context, spec Spec, data *column.Column) (Index, error) {
	x, err := newIVFIndex(spec, data)
	if err != nil {
		return nil, err
	}
	vecs := ivfFloats(spec.Metric, data)
	dim := data.Dim
	nlist := min(specInt(spec.Params, "nlist", defaultNlist), vectorRows(data))
	train := withoutNullRows(vecs, dim, data)
	cent := kmeans.Train(train, dim, kmeans.Config{K: nlist, Seed: ivfSeed, Workers: buildWorkers()})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	labels := assignRows(vecs, dim, cent, data)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	x.lists = groupLists(dim, cent, labels)
	x.lists.prepare()
	switch spec.Type {
	case IVFFlat:
		x.codec = buildFlatCodec(&x.lists, vecs, spec.Metric)
	case IVFSQ8:
		x.codec = buildSQ8Codec(&x.lists, vecs, spec.Metric)
	case IVFPQ:
		x.codec, err = buildPQCodec(&x.lists, vecs, spec)
	}
	if err != nil {
		return nil, err
	}
	return x, nil
}

func newIVFIndex(spec Spec, data *column.Column) (*ivfIndex, error) {
	if data.Type != schema.FloatVector && data.Type != schema.Float16Vector && data.Type != schema.BFloat16Vector {
		return nil, fmt.Errorf("index: %s over %s: %w", spec.Type, data.Type, ErrUnsupported)
	}
	f, err := NewFlat(spec.Metric, data)
	if err != nil {
		return nil, err
	}
	return &ivfIndex{
		typ: spec.Type, metric: spec.Metric, data: data, flat: f.(*Flat),
		refine: spec.Params["refine"] == "true",
	}, nil
}

// assignRows labels each row with its nearest centroid; null rows (and
// every row when there are no centroids: all rows are null) get -1.
func assignRows(vecs []float32, dim int, cent []float32, data *column.Column) []int32 {
	if len(cent) == 0 {
		return noLabels(data.Len())
	}
	labels, _ := kmeans.Assign(vecs, dim, cent, buildWorkers())
	dropNullLabels(labels, data)
	return labels
}

// groupLists orders the rows by list.
func groupLists(dim int, cent []float32, labels []int32) ivfLists {
	offsets, rows := groupByLabel(len(cent)/max(dim, 1), labels)
	return ivfLists{dim: dim, centroids: cent, offsets: offsets, rows: rows}
}

// groupByLabel is a counting sort of rows by label (rows ascending within
// a label): rows[offsets[l]:offsets[l+1]] are the rows labelled l. Rows
// labelled -1 (null vectors) are left out.
func groupByLabel(nlist int, labels []int32) (offsets []uint32, rows []int32) {
	offsets = make([]uint32, nlist+1)
	for _, lb := range labels {
		offsets[lb+1]++ // -1 counts in offsets[0], reset below
	}
	offsets[0] = 0
	for i := 1; i <= nlist; i++ {
		offsets[i] += offsets[i-1]
	}
	rows = make([]int32, offsets[nlist])
	next := append([]uint32(nil), offsets[:nlist]...)
	for r, lb := range labels {
		if lb < 0 {
			continue
		}
		rows[next[lb]] = int32(r)
		next[lb]++
	}
	return offsets, rows
}

// positionLabels returns the list of every position.
func (l *ivfLists) positionLabels() []int32 {
	out := make([]int32, len(l.rows))
	for list := 0; list < l.nlist(); list++ {
		lo, hi := l.bounds(list)
		for p := lo; p < hi; p++ {
			out[p] = int32(list)
		}
	}
	return out
}

// residual writes row - centroid(list) into dst.
func (l *ivfLists) residual(dst, row []float32, list int) []float32 {
	c := l.centroid(list)
	for j := range dst {
		dst[j] = row[j] - c[j]
	}
	return dst
}

// buildWorkers is how many goroutines an index build uses.
func buildWorkers() int { return runtime.GOMAXPROCS(0) }

// parallelRange runs fn over [0, n) split into contiguous ranges, one per
// build worker, and returns when all are done.
func parallelRange(n int, fn func(lo, hi int)) {
	w := max(1, min(buildWorkers(), n/1024))
	var wg sync.WaitGroup
	for i := range w {
		lo, hi := i*n/w, (i+1)*n/w
		wg.Go(func() { fn(lo, hi) })
	}
	wg.Wait()
}
