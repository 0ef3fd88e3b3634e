package grpc

import (
	"slices"
	"testing"

	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"
	"google.golang.org/protobuf/proto"

	"github.com/kite-db/kite/internal/schema"
)

// The SDKs send nullable vectors compact (values of the valid rows only);
// Kite stores one slot a row, a zero vector for a null, and answers
// compact again, as Milvus does and both SDKs read.
func TestNullableVectorRoundTrip(t *testing.T) {
	valid := []bool{false, true, false, true, true}
	in := &schemapb.FieldData{Type: schemapb.DataType_FloatVector, FieldName: "v", ValidData: valid,
		Field: &schemapb.FieldData_Vectors{Vectors: &schemapb.VectorField{Dim: 2,
			Data: &schemapb.VectorField_FloatVector{FloatVector: &schemapb.FloatArray{Data: []float32{1, 1, 2, 2, 3, 3}}}}}}
	c, err := columnFromFieldData(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 5 || !slices.Equal(c.FloatVecs, []float32{0, 0, 1, 1, 0, 0, 2, 2, 3, 3}) || !slices.Equal(c.Valid, valid) {
		t.Fatalf("expanded: len %d vecs %v valid %v", c.Len(), c.FloatVecs, c.Valid)
	}
	out := fieldDataFromColumn(&schema.Field{Name: "v", DataType: schema.FloatVector, Dim: 2, Nullable: true}, c)
	if !slices.Equal(out.GetValidData(), valid) || !slices.Equal(out.GetVectors().GetFloatVector().GetData(), []float32{1, 1, 2, 2, 3, 3}) {
		t.Fatalf("answered: valid %v data %v", out.GetValidData(), out.GetVectors().GetFloatVector().GetData())
	}
}

// Every row null: no values at all, and the answer still names the
// vector kind (the Go SDK refuses a binary vector field without bytes).
func TestAllNullVectors(t *testing.T) {
	for _, typ := range []schemapb.DataType{schemapb.DataType_BinaryVector, schemapb.DataType_Float16Vector, schemapb.DataType_Int8Vector, schemapb.DataType_SparseFloatVector} {
		in := &schemapb.FieldData{Type: typ, FieldName: "v", ValidData: []bool{false, false},
			Field: &schemapb.FieldData_Vectors{Vectors: &schemapb.VectorField{Dim: 16}}}
		c, err := columnFromFieldData(in, nil)
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		if c.Len() != 2 || !c.IsNull(0) || !c.IsNull(1) {
			t.Fatalf("%s: len %d valid %v", typ, c.Len(), c.Valid)
		}
		f := &schema.Field{Name: "v", DataType: schema.DataType(typ), Dim: 16, Nullable: true}
		if typ == schemapb.DataType_SparseFloatVector {
			f.Dim = 0
		}
		raw, err := proto.Marshal(fieldDataFromColumn(f, c))
		if err != nil {
			t.Fatal(err)
		}
		var back schemapb.FieldData
		if err := proto.Unmarshal(raw, &back); err != nil {
			t.Fatal(err)
		}
		if back.GetVectors().GetData() == nil || !slices.Equal(back.GetValidData(), []bool{false, false}) {
			t.Fatalf("%s: answered %v", typ, &back)
		}
		if typ == schemapb.DataType_BinaryVector && back.GetVectors().GetBinaryVector() == nil {
			t.Fatalf("binary vector bytes must be present, if empty")
		}
	}
}

// A compact column whose values do not match valid_data is refused.
func TestNullableVectorShape(t *testing.T) {
	in := &schemapb.FieldData{Type: schemapb.DataType_FloatVector, FieldName: "v", ValidData: []bool{true, false, true},
		Field: &schemapb.FieldData_Vectors{Vectors: &schemapb.VectorField{Dim: 2,
			Data: &schemapb.VectorField_FloatVector{FloatVector: &schemapb.FloatArray{Data: []float32{1, 1}}}}}}
	if _, err := columnFromFieldData(in, nil); err == nil {
		t.Fatal("1 vector for 2 valid rows must be refused")
	}
}
