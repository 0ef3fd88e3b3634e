package grpc

import (
	"encoding/binary"
	"math"
	"reflect"
	"testing"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"google.golang.org/protobuf/proto"
)

func floatBytes(v ...float32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

func placeholderGroup(t *testing.T, typ commonpb.PlaceholderType, vals ...[]byte) []byte {
	t.Helper()
	raw, err := proto.Marshal(&commonpb.PlaceholderGroup{Placeholders: []*commonpb.PlaceholderValue{{Tag: "$0", Type: typ, Values: vals}}})
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestPlaceholdersDecodeFloatVectors(t *testing.T) {
	raw := placeholderGroup(t, commonpb.PlaceholderType_FloatVector,
		floatBytes(1, -2, 3.5), floatBytes(0, float32(math.Inf(1)), -0.25))
	c, err := placeholders(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := []float32{1, -2, 3.5, 0, float32(math.Inf(1)), -0.25}
	if c.Dim != 3 || c.Len() != 2 || !reflect.DeepEqual(c.FloatVecs, want) {
		t.Fatalf("dim %d, %d rows, %v; want dim 3, 2 rows, %v", c.Dim, c.Len(), c.FloatVecs, want)
	}
	for _, bad := range [][][]byte{
		{floatBytes(1, 2), floatBytes(1, 2, 3)}, // dimensions differ
		{floatBytes(1, 2, 3), {1, 2, 3}},        // not whole floats
		{{}},                                    // empty vector
	} {
		if _, err := placeholders(placeholderGroup(t, commonpb.PlaceholderType_FloatVector, bad...)); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, err := placeholders([]byte{0xff}); err == nil {
		t.Error("a corrupt placeholder group was accepted")
	}
}
