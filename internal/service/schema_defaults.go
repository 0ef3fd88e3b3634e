package service

import (
	"fmt"
	"math"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
)

// defaultKindNames are Milvus's names of the ValueField kinds in its
// messages (bytes_data is misspelt there too).
var defaultKindNames = map[schema.DataType]string{
	schema.Bool: "DataType_Bool", schema.Int32: "DataType_Int", schema.Int64: "DataType_Int64",
	schema.Float: "DataType_Float", schema.Double: "DataType_Double", schema.VarChar: "DataType_VarChar",
	schema.Timestamptz: "DataType_Timestamptz", schema.JSON: "DataType_SJON",
}

// defaultKindFits says which field types take a default of each kind.
func defaultKindFits(kind, t schema.DataType) bool {
	switch kind {
	case schema.Int32:
		return t == schema.Int8 || t == schema.Int16 || t == schema.Int32
	case schema.VarChar:
		return t == schema.VarChar || t == schema.Timestamptz || t == schema.Geometry
	}
	return kind == t
}

// checkDefaultType refuses, before the field's own checks as Milvus's
// root coordinator does, a default value on a type that takes none
// (vectors, arrays, JSON) or of a kind other than the field's type.
// Primary keys are refused by checkPrimaryKey.
func checkDefaultType(f *schema.Field) error {
	d := f.Default
	switch {
	case d == nil || f.IsPrimaryKey:
		return nil
	case f.DataType.IsVector() || f.DataType == schema.Array || f.DataType == schema.JSON:
		return apierr.Invalid("type not support default_value, type:%s, name:%s", f.DataType, f.Name)
	case d.Kind != schema.None && !defaultKindFits(d.Kind, f.DataType):
		return apierr.Invalid("type (%s) of field (%s) is not equal to the type(%s) of default_value", f.DataType, f.Name, defaultKindNames[d.Kind])
	}
	return nil
}

// checkDefaultValue refuses, once the field's type params are read, a
// default its field cannot hold: an integer out of range, a string longer
// than max_length. The kind a request sent is then forgotten: the value
// is stored as the field's type.
func checkDefaultValue(f *schema.Field) error {
	d := f.Default
	if d == nil {
		return nil
	}
	d.Kind = schema.None
	if lo, hi, ok := intRange(f.DataType); ok && (d.Int < lo || d.Int > hi) {
		return apierr.InvalidRange(lo, hi, d.Int, "default value out of range")
	}
	if f.DataType == schema.VarChar && len(d.String) > f.MaxLength {
		return apierr.InvalidExpected("valid length string", "string length exceeds max length",
			fmt.Sprintf("the length (%d) of string exceeds max length (%d)", len(d.String), f.MaxLength))
	}
	return nil
}

// intRange is the range of the narrow integer types.
func intRange(t schema.DataType) (lo, hi int64, ok bool) {
	switch t {
	case schema.Int8:
		return math.MinInt8, math.MaxInt8, true
	case schema.Int16:
		return math.MinInt16, math.MaxInt16, true
	case schema.Int32:
		return math.MinInt32, math.MaxInt32, true
	}
	return 0, 0, false
}
