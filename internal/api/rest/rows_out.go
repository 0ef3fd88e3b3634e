package rest

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
)

// outputRows turns a read's columns into JSON rows: one object per row,
// fields by name, dynamic keys flattened into the row as Milvus does.
func outputRows(cols []service.OutputColumn, n int, intNums bool) []map[string]any {
	rows := make([]map[string]any, n)
	for i := range rows {
		row := make(map[string]any, len(cols))
		for _, oc := range cols {
			if oc.Field.IsDynamic {
				mergeDynamic(row, oc.Col, i)
				continue
			}
			row[oc.Field.Name] = cell(oc.Col, i, intNums)
		}
		rows[i] = row
	}
	return rows
}

func mergeDynamic(row map[string]any, c *column.Column, i int) {
	if c.IsNull(i) {
		return
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(c.Bytes[i], &obj) != nil {
		return
	}
	for k, v := range obj {
		if _, taken := row[k]; !taken {
			row[k] = v
		}
	}
}

// cell is row i of c as a JSON-ready value.
func cell(c *column.Column, i int, intNums bool) any {
	if c.IsNull(i) {
		return nil
	}
	switch t := c.Type; {
	case t == schema.Bool:
		return c.Bools[i]
	case t == schema.Int64 || t == schema.Timestamptz:
		return int64Value(c.Ints[i], intNums)
	case t.IsInteger():
		return c.Ints[i]
	case t == schema.Float:
		return finite(float64(float32(c.Floats[i])), true)
	case t == schema.Double:
		return finite(c.Floats[i], false)
	case t.IsString() || t == schema.Geometry:
		return c.Strings[i]
	case t == schema.JSON:
		return jsonCell(c.Bytes[i])
	case t == schema.Array:
		return arrayCell(c.Arrays[i], intNums)
	case t == schema.FloatVector:
		return c.FloatVec(i)
	case t == schema.SparseFloatVector:
		return sparseCell(c.Bytes[i])
	case t == schema.Int8Vector:
		row := c.VecRow(i)
		out := make([]int8, len(row))
		for k, b := range row {
			out[k] = int8(b)
		}
		return out
	}
	return c.VecRow(i) // binary, float16, bfloat16: base64, as Milvus returns them
}

// int64Value is an Int64 as a JSON number, or as a string for clients that
// cannot hold 64-bit integers (Accept-Type-Allow-Int64: false).
func int64Value(v int64, intNums bool) any {
	if intNums {
		return v
	}
	return strconv.FormatInt(v, 10)
}

// finite keeps NaN and infinities, which JSON cannot carry, as strings.
func finite(f float64, single bool) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	if single {
		return float32(f)
	}
	return f
}

func jsonCell(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	if !json.Valid(b) {
		return string(b)
	}
	return json.RawMessage(b)
}

func arrayCell(a *column.Column, intNums bool) any {
	if a == nil {
		return []any{}
	}
	out := make([]any, a.Len())
	for k := range out {
		out[k] = cell(a, k, intNums)
	}
	return out
}

func sparseCell(row []byte) map[string]float32 {
	out := make(map[string]float32, distance.SparseLen(row))
	for k := 0; k < distance.SparseLen(row); k++ {
		idx, v := distance.SparseAt(row, k)
		out[strconv.FormatUint(uint64(idx), 10)] = v
	}
	return out
}

// idList renders primary keys written or found.
func idList(c *column.Column, intNums bool) any {
	if c == nil {
		return []any{}
	}
	if c.Type != schema.Int64 {
		if c.Strings == nil {
			return []string{}
		}
		return c.Strings
	}
	if intNums {
		if c.Ints == nil {
			return []int64{}
		}
		return c.Ints
	}
	out := make([]string, len(c.Ints))
	for i, v := range c.Ints {
		out[i] = strconv.FormatInt(v, 10)
	}
	return out
}
