package index

import (
	"fmt"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index/indexfile"
)

// Save writes the posting lists to path (layout in docs/format/index.md).
func (x *sparseIndex) Save(path string) error {
	m := fileMeta{metric: metricCode(IP), dim: uint32(x.data.Dim), rows: uint32(x.data.Len()), extra: []uint32{uint32(len(x.dims))}}
	return indexfile.Write(path, x.typ, []indexfile.Section{
		m.section(),
		indexfile.U32("dims", x.dims),
		indexfile.U32("starts", x.starts),
		indexfile.I32("rows", x.rows),
		indexfile.F32("vals", x.vals),
		indexfile.F32("maxabs", x.maxAbs),
	})
}

func loadSparse(spec Spec, path string, data *column.Column) (Index, error) {
	x, err := newSparseIndex(spec, data)
	if err != nil {
		return nil, err
	}
	f, extra, err := openIndexFile(spec, path, data, 1)
	if err != nil {
		return nil, err
	}
	nd := int(extra[0])
	r := sectionReader{f: f}
	x.dims = r.u32("dims", nd)
	x.starts = r.u32("starts", nd+1)
	if r.err == nil {
		total := int(x.starts[nd])
		x.rows, x.vals = r.i32("rows", total), r.f32("vals", total)
		x.maxAbs = r.f32("maxabs", nd)
	}
	if r.err == nil && !x.valid() {
		r.err = indexfile.ErrCorrupt
	}
	if r.err != nil {
		f.Close()
		return nil, fmt.Errorf("index: open %s: %w", path, r.err)
	}
	x.file = f
	return x, nil
}

// valid checks what search relies on: ascending dims and starts, rows in
// the segment and ascending within each list.
func (x *sparseIndex) valid() bool {
	n := int32(x.data.Len())
	if x.starts[0] != 0 {
		return false
	}
	for i := range x.dims {
		if i > 0 && x.dims[i] <= x.dims[i-1] || x.starts[i+1] < x.starts[i] {
			return false
		}
		rows, _ := x.list(i)
		for j, r := range rows {
			if r < 0 || r >= n || j > 0 && r <= rows[j-1] {
				return false
			}
		}
	}
	return true
}
