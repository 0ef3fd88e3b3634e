package expr

import (
	"fmt"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// evalCtx holds what one Eval call shares between the nodes of the plan:
// validated columns, null bitsets and decoded JSON paths, each computed
// at most once however many predicates use them.
type evalCtx struct {
	b     Batch
	n     int
	cols  map[int64]*column.Column
	nulls map[int64]*bitset.Bitset
	json  map[string]*jsonEntry
	seed  uint64 // RANDOM_SAMPLE's seed
}

func newEvalCtx(b Batch) *evalCtx {
	return &evalCtx{
		b:     b,
		n:     b.Len(),
		cols:  map[int64]*column.Column{},
		nulls: map[int64]*bitset.Bitset{},
		json:  map[string]*jsonEntry{},
	}
}

// column returns f's column after checking that it holds n rows in the
// slice f's type uses, so the kernels can index it without panicking.
func (c *evalCtx) column(f *schema.Field) (*column.Column, error) {
	if col, ok := c.cols[f.ID]; ok {
		return col, nil
	}
	col := c.b.Column(f.ID)
	if col == nil {
		return nil, fmt.Errorf("expr: batch has no column for field %s (id %d)", f.Name, f.ID)
	}
	if have := rowsOf(col, f.DataType); have < c.n || (col.Valid != nil && len(col.Valid) < c.n) {
		return nil, fmt.Errorf("expr: column of field %s holds %d rows, batch has %d", f.Name, have, c.n)
	}
	c.cols[f.ID] = col
	return col, nil
}

// rowsOf counts the values in the slice that type t stores its rows in.
func rowsOf(col *column.Column, t schema.DataType) int {
	if t == schema.Geometry { // WKT text, read by the spatial functions only
		return len(col.Strings)
	}
	switch k, _ := kindOf(t); k {
	case kBool:
		return len(col.Bools)
	case kInt:
		return len(col.Ints)
	case kFloat:
		return len(col.Floats)
	case kString:
		return len(col.Strings)
	case kJSON:
		return len(col.Bytes)
	case kArray:
		return len(col.Arrays)
	}
	return 0
}

// nullsOf returns the null rows of f's column, nil when there are none.
func (c *evalCtx) nullsOf(f *schema.Field, col *column.Column) *bitset.Bitset {
	if b, ok := c.nulls[f.ID]; ok {
		return b
	}
	var b *bitset.Bitset
	for i, ok := range col.Valid[:min(len(col.Valid), c.n)] {
		if !ok {
			if b == nil {
				b = bitset.New(c.n)
			}
			b.Set(i)
		}
	}
	c.nulls[f.ID] = b
	return b
}

// optype is the static type of an operand.
type optype struct {
	k    kind            // kBool, kInt, kFloat, kString, kJSON or kArray
	elem kind            // element kind of kArray
	dt   schema.DataType // declared type, for messages; None when computed
	edt  schema.DataType // declared element type of kArray
	f32  bool            // values are float32: constants are rounded to match
}

// name names the type in messages, as Milvus does: Int64, Array[VarChar].
func (t optype) name() string {
	if t.k == kArray {
		return fmt.Sprintf("Array[%s]", t.edt)
	}
	if t.dt != schema.None {
		return t.dt.String()
	}
	return value{k: t.k}.typeName()
}

// kindOf maps a schema type to the kind its values are evaluated as.
func kindOf(t schema.DataType) (kind, bool) {
	switch {
	case t == schema.Bool:
		return kBool, true
	case t.IsInteger() || t == schema.Timestamptz:
		return kInt, true
	case t.IsFloat():
		return kFloat, true
	case t == schema.VarChar || t == schema.String:
		return kString, true
	case t == schema.JSON:
		return kJSON, true
	case t == schema.Array:
		return kArray, true
	}
	return kNull, false
}
