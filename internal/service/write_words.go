package service

import (
	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
)

// Milvus's insert validation words, kept here so that rows.go reads as
// checks: which data a column of each type must hold ("need long int
// array"), and how array elements are named.

// emptyColumnNames are Milvus's names of the data a field needs, and of
// the field, when a column arrives with no rows in a batch that has some.
var emptyColumnNames = map[schema.DataType][2]string{
	schema.Int8: {"need int array", "field"}, schema.Int16: {"need int array", "field"},
	schema.Int32: {"need int array", "field"}, schema.Int64: {"need long int array", "field"},
	schema.Float: {"need float32 array", "field"}, schema.Double: {"need float64(double) array", "field"},
	schema.VarChar: {"need string array", "varchar field"}, schema.JSON: {"need json array", "json field"},
	schema.Geometry: {"need geometry array", "geometry field"}, schema.Array: {"need array array", "array field"},
	schema.FloatVector: {"need float vector", "float vector field"}, schema.Float16Vector: {"need float16 vector", "float16 vector field"},
	schema.BFloat16Vector: {"need bfloat16 vector", "bfloat16 vector field"}, schema.BinaryVector: {"need binary vector", "binary vector field"},
	schema.SparseFloatVector: {"need sparse float vector", "sparse float vector field"}, schema.Int8Vector: {"need int8 vector", "int8 vector field"},
}

// emptyColumn is a column with no rows in a batch of n > 0, as Milvus
// words it: "field 'int64' is illegal, array type mismatch: invalid
// parameter[expected=need long int array][actual=got nil]".
func emptyColumn(name string, t schema.DataType, n int) error {
	w, ok := emptyColumnNames[t]
	if !ok {
		return apierr.Invalid("the num_rows (0) of field (%s) is not equal to passed num_rows (%d)", name, n)
	}
	return apierr.InvalidExpected(w[0], "got nil", w[1]+" '"+apierr.Echo(name)+"' is illegal, array type mismatch")
}

// noRows is a write of no rows.
func noRows() error {
	return apierr.InvalidExpected("invalid num_rows", 0, "num_rows should be greater than 0")
}

// arrayElementName is how Milvus names the element data of an array field
// in "insert data does not match: invalid parameter[expected=bool array]".
func arrayElementName(t schema.DataType) string {
	switch t {
	case schema.Bool:
		return "bool array"
	case schema.Int8, schema.Int16, schema.Int32:
		return "int array"
	case schema.Int64:
		return "int64 array"
	case schema.Float:
		return "float array"
	case schema.Double:
		return "double array"
	case schema.VarChar, schema.String:
		return "string array"
	}
	return t.String() + " array"
}
