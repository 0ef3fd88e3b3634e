package service

import (
	"strconv"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
)

// firstFieldID is where Milvus starts user field IDs (0 and 1 are its row ID
// and timestamp system fields).
const firstFieldID = 100

// checkSchema validates a new collection's schema with Milvus's messages and
// fills what Milvus fills: field IDs, type params, the $meta field.
func checkSchema(sch *schema.Collection) error {
	if len(sch.Fields) > MaxFields {
		return apierr.Invalid("maximum field's number should be limited to %d", MaxFields)
	}
	seen := map[string]bool{}
	var pks, vectors, partKeys int
	for i := range sch.Fields {
		f := &sch.Fields[i]
		if f.IsDynamic {
			return apierr.Invalid("cannot explicitly set a field as a dynamic field")
		}
		if err := validFieldName(f.Name); err != nil {
			return err
		}
		if seen[f.Name] {
			return apierr.Invalid("duplicated field name %s found", f.Name)
		}
		seen[f.Name] = true
		f.ID = int64(firstFieldID + i)
		if err := checkDefaultType(f); err != nil {
			return err
		}
		if err := checkField(sch.Name, f); err != nil {
			return err
		}
		if err := checkDefaultValue(f); err != nil {
			return err
		}
		if f.IsPrimaryKey {
			pks++
		}
		if f.DataType.IsVector() {
			vectors++
		}
		if f.IsPartitionKey {
			partKeys++
		}
	}
	switch {
	case pks == 0:
		return apierr.IllegalSchema(sch.Name, "primary key is not specified")
	case pks > 1:
		return apierr.IllegalSchema(sch.Name, "there are more than one primary key, field names = %v", pkNames(sch))
	case vectors == 0:
		return apierr.IllegalSchema(sch.Name, "schema does not contain vector field")
	case vectors > MaxVectorFields:
		return apierr.Invalid("maximum vector field's number should be limited to %d", MaxVectorFields)
	case partKeys > 1:
		return apierr.Invalid("there are more than one partition key, field name = %v", partKeyNames(sch))
	}
	if sch.EnableDynamicField {
		sch.Fields = append(sch.Fields, schema.Field{ID: int64(firstFieldID + len(sch.Fields)), Name: schema.DynamicFieldName,
			DataType: schema.JSON, IsDynamic: true, Description: "dynamic schema"})
	}
	return nil
}

func pkNames(sch *schema.Collection) []string {
	var out []string
	for _, f := range sch.Fields {
		if f.IsPrimaryKey {
			out = append(out, f.Name)
		}
	}
	return out
}

func partKeyNames(sch *schema.Collection) []string {
	var out []string
	for _, f := range sch.Fields {
		if f.IsPartitionKey {
			out = append(out, f.Name)
		}
	}
	return out
}

func checkField(coll string, f *schema.Field) error {
	if !f.DataType.Known() || f.DataType == schema.String || f.DataType == schema.Text {
		return apierr.Invalid("data type %s (%d) of field %s is not supported", f.DataType, int32(f.DataType), f.Name)
	}
	if f.IsPrimaryKey {
		if err := checkPrimaryKey(f); err != nil {
			return err
		}
	} else if f.AutoID {
		return apierr.Invalid("only primary field can speficy AutoID with true, field name = %s", f.Name)
	}
	if f.IsPartitionKey {
		if f.DataType != schema.Int64 && f.DataType != schema.VarChar {
			return apierr.Invalid("the data type of partition key should be Int64 or VarChar")
		}
		if f.IsPrimaryKey {
			return apierr.Invalid("the partition key field must not be primary field")
		}
		if f.Nullable {
			return apierr.Invalid("partition key field not support nullable")
		}
	}
	// Vector fields may be nullable (Milvus 2.6); no vector, array or JSON
	// field takes a default value.
	if f.Default != nil && (f.DataType.IsVector() || f.DataType == schema.JSON || f.DataType == schema.Array) {
		return apierr.Invalid("type not support default_value, type:%s, name:%s", f.DataType, f.Name)
	}
	return checkTypeParams(f)
}

func checkPrimaryKey(f *schema.Field) error {
	switch {
	case f.DataType != schema.Int64 && f.DataType != schema.VarChar:
		return apierr.Invalid("the data type of primary key should be Int64 or VarChar")
	case f.Nullable:
		return apierr.Invalid("primary field not support null")
	case f.Default != nil:
		return apierr.Invalid("primary field not support default_value, type:%s, name:%s", f.DataType, f.Name)
	}
	return nil
}

func checkTypeParams(f *schema.Field) error {
	switch {
	case f.DataType.IsDenseVector():
		return checkDim(f)
	case f.DataType == schema.SparseFloatVector && f.TypeParams["dim"] != "":
		return apierr.Invalid("dim should not be specified for sparse vector field %s", f.Name)
	case f.DataType == schema.VarChar:
		return checkMaxLength(f)
	case f.DataType == schema.Array:
		return checkArray(f)
	case f.DataType == schema.Geometry:
		return checkGeometryDefault(f)
	}
	return nil
}

func checkDim(f *schema.Field) error {
	raw, ok := f.TypeParams["dim"]
	if !ok {
		return apierr.Invalid("dimension is not defined in field type params of field %s, check type param `dim` for vector field", f.Name)
	}
	dim, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return apierr.Invalid("invalid dimension of field %s: %v", f.Name, err)
	}
	binary := f.DataType == schema.BinaryVector
	switch {
	case dim <= 1:
		return apierr.Invalid("invalid dimension: %d. should be in range 2 ~ %d", dim, MaxDim)
	case binary && dim%8 != 0:
		return apierr.Invalid("invalid dimension: %d of field %s. binary vector dimension should be multiple of 8.", dim, f.Name)
	case binary && dim > MaxDim*8:
		return apierr.Invalid("invalid dimension: %d of field %s. binary vector dimension should be in range 2 ~ %d", dim, f.Name, MaxDim*8)
	case !binary && dim > MaxDim:
		return apierr.Invalid("invalid dimension: %d of field %s. float vector dimension should be in range 2 ~ %d", dim, f.Name, MaxDim)
	}
	f.Dim = int(dim)
	return nil
}

func checkMaxLength(f *schema.Field) error {
	raw, ok := f.TypeParams["max_length"]
	if !ok {
		return apierr.Invalid("type param(max_length) should be specified for the field(%s) of collection", f.Name)
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n <= 0 || n > MaxVarCharLength {
		return apierr.Invalid("the maximum length specified for the field(%s) should be in (0, %d], but got %s instead", f.Name, MaxVarCharLength, raw)
	}
	f.MaxLength = n
	return nil
}

func checkArray(f *schema.Field) error {
	switch et := f.ElementType; {
	case et == schema.Array || et == schema.JSON || et.IsVector() || !et.Known() || et == schema.String || et == schema.Text:
		return apierr.Invalid("element type %s is not supported", et)
	case et == schema.VarChar:
		if err := checkMaxLength(f); err != nil {
			return err
		}
	}
	raw, ok := f.TypeParams["max_capacity"]
	if !ok {
		return apierr.Invalid("type param(max_capacity) should be specified for array field %s", f.Name)
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n <= 0 || n > MaxArrayCapacity {
		return apierr.Invalid("the maximum capacity specified for a Array should be in (0, %d], but got %s", MaxArrayCapacity, raw)
	}
	f.MaxCapacity = n
	return nil
}
