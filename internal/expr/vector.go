package expr

import (
	"strconv"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// vector is an operand's values for every row of a batch, in the one
// slice its kind uses. Plain fields alias their column's storage, so
// comparing a field with a constant copies nothing.
type vector struct {
	k      kind
	bools  []bool
	ints   []int64
	floats []float64
	strs   []string
	js     []jval
	arrs   []*column.Column
	elem   kind           // element kind of kArray
	null   *bitset.Bitset // rows whose value is null; nil when none
	miss   *bitset.Bitset // rows without a value (index out of range); nil when none
	f32    bool           // floats hold float32 values
}

// finish turns t, the rows where a comparison held, into a res: rows
// without a value are false and null rows are unknown.
func (v *vector) finish(t *bitset.Bitset) res {
	if v.miss != nil {
		t.AndNot(v.miss)
	}
	if v.null != nil {
		t.AndNot(v.null)
	}
	return res{t: t, unk: v.null}
}

// forRows calls fn for every row in mask, or for rows [0, n) without one.
func forRows(n int, mask *bitset.Bitset, fn func(i int)) {
	if mask == nil {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	mask.ForEach(func(i int) bool { fn(i); return true })
}

// fieldOp reads a scalar or array field as it is stored.
type fieldOp struct {
	f *schema.Field
	t optype
}

func (o *fieldOp) typ() optype            { return o.t }
func (o *fieldOp) fields(add func(int64)) { add(o.f.ID) }
func (o *fieldOp) String() string         { return o.f.Name }

func (o *fieldOp) cost() int {
	switch o.t.k {
	case kString:
		return 2
	case kArray:
		return 10
	}
	return 1
}

func (o *fieldOp) eval(c *evalCtx, _ *bitset.Bitset) (*vector, error) {
	col, err := c.column(o.f)
	if err != nil {
		return nil, err
	}
	n := c.n
	v := &vector{k: o.t.k, elem: o.t.elem, f32: o.t.f32, null: c.nullsOf(o.f, col)}
	switch o.t.k {
	case kBool:
		v.bools = col.Bools[:n]
	case kInt:
		v.ints = col.Ints[:n]
	case kFloat:
		v.floats = col.Floats[:n]
	case kString:
		v.strs = col.Strings[:n]
	case kArray:
		v.arrs = col.Arrays[:n]
	}
	return v, nil
}

// elemOp reads element idx of an array field; rows whose array is
// shorter have no value.
type elemOp struct {
	f   *schema.Field
	idx int
	t   optype
}

func (o *elemOp) typ() optype            { return o.t }
func (o *elemOp) fields(add func(int64)) { add(o.f.ID) }
func (o *elemOp) cost() int              { return 10 }
func (o *elemOp) String() string         { return o.f.Name + "[" + strconv.Itoa(o.idx) + "]" }

func (o *elemOp) eval(c *evalCtx, mask *bitset.Bitset) (*vector, error) {
	col, err := c.column(o.f)
	if err != nil {
		return nil, err
	}
	n := c.n
	v := &vector{k: o.t.k, f32: o.t.f32, null: c.nullsOf(o.f, col), miss: bitset.New(n)}
	switch o.t.k {
	case kBool:
		v.bools = make([]bool, n)
	case kInt:
		v.ints = make([]int64, n)
	case kFloat:
		v.floats = make([]float64, n)
	case kString:
		v.strs = make([]string, n)
	}
	arrs := col.Arrays[:n]
	forRows(n, mask, func(i int) {
		if !copyElem(v, i, arrs[i], o.idx) {
			v.miss.Set(i)
		}
	})
	return v, nil
}

// copyElem stores element idx of a into row i of v.
func copyElem(v *vector, i int, a *column.Column, idx int) bool {
	if a == nil || idx >= elemCount(a, v.k) {
		return false
	}
	switch v.k {
	case kBool:
		v.bools[i] = a.Bools[idx]
	case kInt:
		v.ints[i] = a.Ints[idx]
	case kFloat:
		v.floats[i] = a.Floats[idx]
	case kString:
		v.strs[i] = a.Strings[idx]
	}
	return true
}

// elemCount is the length of an array value, counted in the slice its
// element kind uses so that a mistyped column cannot cause a panic.
func elemCount(a *column.Column, k kind) int {
	if a == nil {
		return 0
	}
	switch k {
	case kBool:
		return len(a.Bools)
	case kInt:
		return len(a.Ints)
	case kFloat:
		return len(a.Floats)
	case kString:
		return len(a.Strings)
	}
	return 0
}
