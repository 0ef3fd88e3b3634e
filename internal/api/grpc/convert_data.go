package grpc

import (
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
)

// columnFromFieldData converts one request column. Nullable columns may be
// compact (values for valid rows only, as pymilvus sends them) or full.
// TIMESTAMPTZ text without an offset is read in zone (nil: UTC).
func columnFromFieldData(fd *schemapb.FieldData, zone *time.Location) (*column.Column, error) {
	t := schema.DataType(fd.GetType())
	c := &column.Column{Type: t}
	if err := fillValues(c, fd, zone); err != nil {
		return nil, err
	}
	if v := fd.GetValidData(); len(v) > 0 {
		if err := expandNulls(c, v); err != nil {
			return nil, apierr.Invalid("field %s: %v", fd.GetFieldName(), err)
		}
	}
	return c, nil
}

func fillValues(c *column.Column, fd *schemapb.FieldData, zone *time.Location) error {
	sc, vc := fd.GetScalars(), fd.GetVectors()
	switch c.Type {
	case schema.Bool:
		c.Bools = sc.GetBoolData().GetData()
	case schema.Int8, schema.Int16, schema.Int32:
		for _, v := range sc.GetIntData().GetData() {
			c.Ints = append(c.Ints, int64(v))
		}
	case schema.Int64:
		c.Ints = sc.GetLongData().GetData()
	case schema.Timestamptz:
		ints, err := timestamptzValues(sc, zone)
		if err != nil {
			return apierr.Invalid("field %s: %v", fd.GetFieldName(), err)
		}
		c.Ints = ints
	case schema.Float:
		for _, v := range sc.GetFloatData().GetData() {
			c.Floats = append(c.Floats, float64(v))
		}
	case schema.Double:
		c.Floats = sc.GetDoubleData().GetData()
	case schema.VarChar, schema.String, schema.Text:
		c.Strings = sc.GetStringData().GetData()
	case schema.Geometry:
		c.Strings = sc.GetGeometryWktData().GetData()
	case schema.JSON:
		c.Bytes = sc.GetJsonData().GetData()
	case schema.Array:
		return fillArrays(c, sc.GetArrayData())
	case schema.FloatVector:
		c.Dim, c.FloatVecs = int(vc.GetDim()), vc.GetFloatVector().GetData()
	case schema.BinaryVector:
		c.Dim, c.VecBytes = int(vc.GetDim()), vc.GetBinaryVector()
	case schema.Float16Vector:
		c.Dim, c.VecBytes = int(vc.GetDim()), vc.GetFloat16Vector()
		return halfFromFloats(c, vc, fd.GetFieldName())
	case schema.BFloat16Vector:
		c.Dim, c.VecBytes = int(vc.GetDim()), vc.GetBfloat16Vector()
		return halfFromFloats(c, vc, fd.GetFieldName())
	case schema.Int8Vector:
		c.Dim, c.VecBytes = int(vc.GetDim()), vc.GetInt8Vector()
	case schema.SparseFloatVector:
		c.Bytes = vc.GetSparseFloatVector().GetContents()
	default:
		return apierr.Invalid("field %s: data type %s is not supported", fd.GetFieldName(), c.Type)
	}
	return checkVectorShape(c, fd.GetFieldName())
}

// halfFromFloats takes fp32 values sent for a Float16/BFloat16 field (as
// pymilvus 2.6.17 sends float lists) and converts them, as Milvus does.
func halfFromFloats(c *column.Column, vc *schemapb.VectorField, name string) error {
	if fv := vc.GetFloatVector().GetData(); len(c.VecBytes) == 0 && len(fv) > 0 {
		b, err := service.HalfVectorBytes(c.Type, fv)
		if err != nil {
			return err
		}
		c.VecBytes = b
	}
	return checkVectorShape(c, name)
}

func checkVectorShape(c *column.Column, name string) error {
	if !c.Type.IsDenseVector() {
		return nil
	}
	rb := c.RowBytes()
	n := len(c.VecBytes)
	if c.Type == schema.FloatVector {
		rb, n = c.Dim, len(c.FloatVecs)
	}
	if c.Dim <= 0 || rb <= 0 || n%rb != 0 {
		return apierr.Invalid("the dim (%d) of field data(%s) does not divide its %d values", c.Dim, name, n)
	}
	return nil
}

func fillArrays(c *column.Column, aa *schemapb.ArrayArray) error {
	et := schema.DataType(aa.GetElementType())
	for _, sf := range aa.GetData() {
		t := et
		if t == schema.None {
			// pymilvus leaves element_type unset; Milvus reads the elements
			// by the schema, so take the type from the data's kind.
			t = elementTypeOf(sf)
		}
		if t == schema.None { // an empty array
			c.Arrays = append(c.Arrays, column.New(schema.None, 0))
			continue
		}
		elem, err := columnFromFieldData(&schemapb.FieldData{Type: schemapb.DataType(t), Field: &schemapb.FieldData_Scalars{Scalars: sf}}, nil)
		if err != nil {
			return err
		}
		c.Arrays = append(c.Arrays, elem)
	}
	return nil
}

// elementTypeOf is the element type an array row's data kind carries;
// int_data (Int8/16/32 elements) reads as Int32.
func elementTypeOf(sf *schemapb.ScalarField) schema.DataType {
	switch sf.GetData().(type) {
	case *schemapb.ScalarField_BoolData:
		return schema.Bool
	case *schemapb.ScalarField_IntData:
		return schema.Int32
	case *schemapb.ScalarField_LongData:
		return schema.Int64
	case *schemapb.ScalarField_FloatData:
		return schema.Float
	case *schemapb.ScalarField_DoubleData:
		return schema.Double
	case *schemapb.ScalarField_StringData:
		return schema.VarChar
	}
	return schema.None
}

// expandNulls turns compact nullable data (values for valid rows only, as
// the SDKs send nullable vectors and pymilvus nullable scalars) into one
// slot per row; a null row's slot holds the zero value (a zero vector).
func expandNulls(c *column.Column, valid []bool) error {
	n := c.Len()
	if n == len(valid) {
		c.Valid = valid
		return nil
	}
	nValid := 0
	for _, v := range valid {
		if v {
			nValid++
		}
	}
	if n != nValid {
		return errNullShape(n, len(valid), nValid)
	}
	full := column.New(c.Type, c.Dim)
	src := 0
	for _, v := range valid {
		if v {
			full.Append(c, []int{src})
			src++
			continue
		}
		full.AppendZero()
	}
	full.Valid = valid
	*c = *full
	return nil
}

type nullShapeError struct{ values, rows, valid int }

func (e nullShapeError) Error() string {
	return "valid_data has " + itoa(e.rows) + " rows (" + itoa(e.valid) + " valid) but " + itoa(e.values) + " values were sent"
}

func errNullShape(values, rows, valid int) error { return nullShapeError{values, rows, valid} }
