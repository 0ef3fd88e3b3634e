package schema

// DataType numbers match milvus-proto's schemapb.DataType.
type DataType int32

const (
	None              DataType = 0
	Bool              DataType = 1
	Int8              DataType = 2
	Int16             DataType = 3
	Int32             DataType = 4
	Int64             DataType = 5
	Float             DataType = 10
	Double            DataType = 11
	String            DataType = 20
	VarChar           DataType = 21
	Array             DataType = 22
	JSON              DataType = 23
	Geometry          DataType = 24
	Text              DataType = 25
	Timestamptz       DataType = 26
	BinaryVector      DataType = 100
	FloatVector       DataType = 101
	Float16Vector     DataType = 102
	BFloat16Vector    DataType = 103
	SparseFloatVector DataType = 104
	Int8Vector        DataType = 105
)

var typeNames = map[DataType]string{
	None: "None", Bool: "Bool", Int8: "Int8", Int16: "Int16", Int32: "Int32", Int64: "Int64",
	Float: "Float", Double: "Double", String: "String", VarChar: "VarChar", Array: "Array",
	JSON: "JSON", Geometry: "Geometry", Text: "Text", Timestamptz: "Timestamptz",
	BinaryVector: "BinaryVector", FloatVector: "FloatVector", Float16Vector: "Float16Vector",
	BFloat16Vector: "BFloat16Vector", SparseFloatVector: "SparseFloatVector", Int8Vector: "Int8Vector",
}

func (t DataType) String() string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return "Unknown"
}

// Known reports whether t is a type Kite stores.
func (t DataType) Known() bool { _, ok := typeNames[t]; return ok && t != None }

// IsVector reports whether t is one of the vector types.
func (t DataType) IsVector() bool { return t >= BinaryVector && t <= Int8Vector }

// IsDenseVector reports whether t is a fixed-dimension vector type.
func (t DataType) IsDenseVector() bool { return t.IsVector() && t != SparseFloatVector }

// IsInteger reports whether t is one of the signed integer types.
func (t DataType) IsInteger() bool { return t >= Int8 && t <= Int64 }

// IsFloat reports whether t is Float or Double.
func (t DataType) IsFloat() bool { return t == Float || t == Double }

// IsNumeric reports whether t is an integer or floating type.
func (t DataType) IsNumeric() bool { return t.IsInteger() || t.IsFloat() }

// IsString reports whether t holds text.
func (t DataType) IsString() bool { return t == VarChar || t == String || t == Text }

// VectorRowBytes is the byte width of one row of a dense vector type with the
// given dimension; FloatVector rows are float32s and reported as 4*dim.
func VectorRowBytes(t DataType, dim int) int {
	switch t {
	case BinaryVector:
		return dim / 8
	case Float16Vector, BFloat16Vector:
		return dim * 2
	case Int8Vector:
		return dim
	case FloatVector:
		return dim * 4
	}
	return 0
}
