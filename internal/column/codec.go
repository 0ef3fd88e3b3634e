package column

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/kite-db/kite/internal/schema"
)

// ErrCorrupt is returned when encoded column bytes cannot be decoded.
var ErrCorrupt = errors.New("column: corrupt encoding")

// Encode appends c's binary form to dst (layout in docs/format/column.md).
func Encode(dst []byte, c *Column) []byte {
	n := c.Len()
	dst = binary.AppendUvarint(dst, uint64(c.Type))
	dst = binary.AppendUvarint(dst, uint64(c.Dim))
	dst = binary.AppendUvarint(dst, uint64(n))
	if c.Valid == nil {
		dst = append(dst, 0)
	} else {
		dst = append(dst, 1)
		for _, v := range c.Valid {
			dst = append(dst, b2u(v))
		}
	}
	switch c.Type {
	case schema.Bool:
		for _, v := range c.Bools {
			dst = append(dst, b2u(v))
		}
	case schema.Int8, schema.Int16, schema.Int32, schema.Int64, schema.Timestamptz:
		for _, v := range c.Ints {
			dst = binary.AppendVarint(dst, v)
		}
	case schema.Float, schema.Double:
		for _, v := range c.Floats {
			dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v))
		}
	case schema.VarChar, schema.String, schema.Text, schema.Geometry:
		for _, s := range c.Strings {
			dst = binary.AppendUvarint(dst, uint64(len(s)))
			dst = append(dst, s...)
		}
	case schema.JSON, schema.SparseFloatVector:
		for _, b := range c.Bytes {
			dst = binary.AppendUvarint(dst, uint64(len(b)))
			dst = append(dst, b...)
		}
	case schema.Array:
		for _, a := range c.Arrays {
			if a == nil {
				a = &Column{}
			}
			dst = Encode(dst, a)
		}
	case schema.FloatVector:
		for _, v := range c.FloatVecs {
			dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(v))
		}
	default:
		dst = append(dst, c.VecBytes...)
	}
	return dst
}

func b2u(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// Decode reads one column from b and returns it with the bytes that follow.
func Decode(b []byte) (*Column, []byte, error) {
	d := decoder{b: b}
	c := d.column(0)
	if d.err != nil {
		return nil, nil, d.err
	}
	return c, d.b, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, args...)...)
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.fail("bad uvarint")
		return 0
	}
	d.b = d.b[k:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Varint(d.b)
	if k <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[k:]
	return v
}

func (d *decoder) bytes(n uint64) []byte {
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.fail("need %d bytes, have %d", n, len(d.b))
		return nil
	}
	out := d.b[:n:n]
	d.b = d.b[n:]
	return out
}

// count reads a row count and rejects ones the remaining input cannot hold,
// so a corrupt length cannot make us allocate gigabytes.
func (d *decoder) count(minBytesPerRow uint64) int {
	n := d.uvarint()
	if d.err == nil && n*max(minBytesPerRow, 1) > uint64(len(d.b))+1 && n > 0 && minBytesPerRow > 0 {
		d.fail("row count %d exceeds input", n)
		return 0
	}
	if n > math.MaxInt32 {
		d.fail("row count %d too large", n)
		return 0
	}
	return int(n)
}

func (d *decoder) bools(n int) []bool {
	raw := d.bytes(uint64(n))
	out := make([]bool, len(raw))
	for i, v := range raw {
		out[i] = v != 0
	}
	return out
}

func (d *decoder) column(depth int) *Column {
	if depth > 2 {
		d.fail("arrays nested too deep")
		return nil
	}
	t := schema.DataType(d.uvarint())
	dim := d.uvarint()
	if d.err == nil && (!t.Known() && t != schema.None || dim > 1<<20) {
		d.fail("type %d dim %d", t, dim)
	}
	c := &Column{Type: t, Dim: int(dim)}
	n := d.count(0)
	if n > len(d.b) { // every row needs at least one byte in any encoding but empty arrays
		if t != schema.Array {
			d.fail("row count %d exceeds input", n)
		}
	}
	switch flag := d.bytes(1); {
	case d.err != nil:
	case flag[0] == 1:
		c.Valid = d.bools(n)
	case flag[0] != 0:
		d.fail("bad validity flag %d", flag[0])
	}
	if d.err != nil {
		return nil
	}
	d.values(c, n, depth)
	if d.err != nil {
		return nil
	}
	return c
}

func (d *decoder) values(c *Column, n, depth int) {
	switch c.Type {
	case schema.None:
		if n != 0 {
			d.fail("untyped column with %d rows", n)
		}
	case schema.Bool:
		c.Bools = d.bools(n)
	case schema.Int8, schema.Int16, schema.Int32, schema.Int64, schema.Timestamptz:
		c.Ints = make([]int64, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			c.Ints = append(c.Ints, d.varint())
		}
	case schema.Float, schema.Double:
		raw := d.bytes(uint64(n) * 8)
		c.Floats = make([]float64, len(raw)/8)
		for i := range c.Floats {
			c.Floats[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[i*8:]))
		}
	case schema.VarChar, schema.String, schema.Text, schema.Geometry:
		c.Strings = make([]string, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			c.Strings = append(c.Strings, string(d.bytes(d.uvarint())))
		}
	case schema.JSON, schema.SparseFloatVector:
		c.Bytes = make([][]byte, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			c.Bytes = append(c.Bytes, d.bytes(d.uvarint()))
		}
	case schema.Array:
		if uint64(n) > uint64(len(d.b)) {
			d.fail("array count %d exceeds input", n)
			return
		}
		c.Arrays = make([]*Column, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			c.Arrays = append(c.Arrays, d.column(depth+1))
		}
	case schema.FloatVector:
		if c.Dim == 0 && n > 0 {
			d.fail("float vector without dim")
			return
		}
		raw := d.bytes(uint64(n) * uint64(c.Dim) * 4)
		c.FloatVecs = make([]float32, len(raw)/4)
		for i := range c.FloatVecs {
			c.FloatVecs[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[i*4:]))
		}
	default:
		rb := c.RowBytes()
		if rb == 0 && n > 0 {
			d.fail("%s vector with dim %d", c.Type, c.Dim)
			return
		}
		c.VecBytes = append([]byte(nil), d.bytes(uint64(n)*uint64(rb))...)
	}
	if d.err == nil && c.Valid != nil && len(c.Valid) != c.Len() {
		d.fail("validity has %d rows, values %d", len(c.Valid), c.Len())
	}
}
