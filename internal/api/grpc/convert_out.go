package grpc

import (
	"strconv"

	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

func itoa(n int) string { return strconv.Itoa(n) }

// fieldDataFromColumn converts a result column with valid_data for a
// nullable field, as Milvus returns them: scalars full length (a null row
// holds the zero value), vectors compact (values of the valid rows only;
// both SDKs read them so).
func fieldDataFromColumn(f *schema.Field, c *column.Column) *schemapb.FieldData {
	fd := &schemapb.FieldData{Type: schemapb.DataType(f.DataType), FieldName: f.Name, FieldId: f.ID, IsDynamic: f.IsDynamic}
	if f.Nullable {
		fd.ValidData = make([]bool, c.Len())
		for i := range fd.ValidData {
			fd.ValidData[i] = !c.IsNull(i)
		}
	}
	if f.DataType.IsVector() {
		fd.Field = &schemapb.FieldData_Vectors{Vectors: vectorField(compactNulls(c), f.Dim)}
	} else {
		fd.Field = &schemapb.FieldData_Scalars{Scalars: scalarField(c, f.ElementType)}
	}
	return fd
}

func scalarField(c *column.Column, elem schema.DataType) *schemapb.ScalarField {
	switch c.Type {
	case schema.Bool:
		return &schemapb.ScalarField{Data: &schemapb.ScalarField_BoolData{BoolData: &schemapb.BoolArray{Data: c.Bools}}}
	case schema.Int8, schema.Int16, schema.Int32:
		v := make([]int32, len(c.Ints))
		for i, x := range c.Ints {
			v[i] = int32(x)
		}
		return &schemapb.ScalarField{Data: &schemapb.ScalarField_IntData{IntData: &schemapb.IntArray{Data: v}}}
	case schema.Int64:
		return &schemapb.ScalarField{Data: &schemapb.ScalarField_LongData{LongData: &schemapb.LongArray{Data: c.Ints}}}
	case schema.Timestamptz:
		return &schemapb.ScalarField{Data: &schemapb.ScalarField_StringData{StringData: &schemapb.StringArray{Data: timestamptzStrings(c.Ints)}}}
	case schema.Float:
		v := make([]float32, len(c.Floats))
		for i, x := range c.Floats {
			v[i] = float32(x)
		}
		return &schemapb.ScalarField{Data: &schemapb.ScalarField_FloatData{FloatData: &schemapb.FloatArray{Data: v}}}
	case schema.Double:
		return &schemapb.ScalarField{Data: &schemapb.ScalarField_DoubleData{DoubleData: &schemapb.DoubleArray{Data: c.Floats}}}
	case schema.Geometry:
		return &schemapb.ScalarField{Data: &schemapb.ScalarField_GeometryWktData{GeometryWktData: &schemapb.GeometryWktArray{Data: c.Strings}}}
	case schema.JSON:
		return &schemapb.ScalarField{Data: &schemapb.ScalarField_JsonData{JsonData: &schemapb.JSONArray{Data: nonNilBytes(c.Bytes)}}}
	case schema.Array:
		aa := &schemapb.ArrayArray{ElementType: schemapb.DataType(elem)}
		for _, a := range c.Arrays {
			if a == nil {
				a = column.New(elem, 0)
			}
			aa.Data = append(aa.Data, scalarField(a, schema.None))
		}
		return &schemapb.ScalarField{Data: &schemapb.ScalarField_ArrayData{ArrayData: aa}}
	}
	return &schemapb.ScalarField{Data: &schemapb.ScalarField_StringData{StringData: &schemapb.StringArray{Data: c.Strings}}}
}

func nonNilBytes(rows [][]byte) [][]byte {
	out := make([][]byte, len(rows))
	for i, b := range rows {
		if b == nil {
			b = []byte("{}")
		}
		out[i] = b
	}
	return out
}

func vectorField(c *column.Column, dim int) *schemapb.VectorField {
	v := &schemapb.VectorField{Dim: int64(dim)}
	switch c.Type {
	case schema.FloatVector:
		v.Data = &schemapb.VectorField_FloatVector{FloatVector: &schemapb.FloatArray{Data: c.FloatVecs}}
	case schema.BinaryVector:
		v.Data = &schemapb.VectorField_BinaryVector{BinaryVector: c.VecBytes}
	case schema.Float16Vector:
		v.Data = &schemapb.VectorField_Float16Vector{Float16Vector: c.VecBytes}
	case schema.BFloat16Vector:
		v.Data = &schemapb.VectorField_Bfloat16Vector{Bfloat16Vector: c.VecBytes}
	case schema.Int8Vector:
		v.Data = &schemapb.VectorField_Int8Vector{Int8Vector: c.VecBytes}
	case schema.SparseFloatVector:
		v.Data = &schemapb.VectorField_SparseFloatVector{SparseFloatVector: &schemapb.SparseFloatArray{Contents: c.Bytes, Dim: sparseDim(c.Bytes)}}
	}
	return v
}

// sparseDim is one past the largest index in any row.
func sparseDim(rows [][]byte) int64 {
	var d int64
	for _, r := range rows {
		for i := 0; i+8 <= len(r); i += 8 {
			idx := int64(uint32(r[i]) | uint32(r[i+1])<<8 | uint32(r[i+2])<<16 | uint32(r[i+3])<<24)
			d = max(d, idx+1)
		}
	}
	return d
}

// idsFromColumn fills schemapb.IDs from a primary-key column.
func idsFromColumn(c *column.Column) *schemapb.IDs {
	if c == nil {
		return &schemapb.IDs{}
	}
	if c.Type == schema.VarChar {
		return &schemapb.IDs{IdField: &schemapb.IDs_StrId{StrId: &schemapb.StringArray{Data: c.Strings}}}
	}
	return &schemapb.IDs{IdField: &schemapb.IDs_IntId{IntId: &schemapb.LongArray{Data: c.Ints}}}
}

// compactNulls returns c without its null rows (c itself when it has none).
func compactNulls(c *column.Column) *column.Column {
	if c.Valid == nil {
		return c
	}
	keep := make([]int, 0, c.Len())
	for i, ok := range c.Valid {
		if ok {
			keep = append(keep, i)
		}
	}
	if len(keep) == c.Len() {
		return c
	}
	return c.Take(keep)
}
