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

// FuzzPlaceholderGroup holds the hand decoder to proto.Unmarshal: the same
// inputs accepted, and the same placeholders read from them.
func FuzzPlaceholderGroup(f *testing.F) {
	valid, _ := proto.Marshal(&commonpb.PlaceholderGroup{Placeholders: []*commonpb.PlaceholderValue{
		{Tag: "$0", Type: commonpb.PlaceholderType_FloatVector, Values: [][]byte{floatBytes(1, 2), floatBytes(3, 4)}, ElementLevel: true},
		{Tag: "é", Type: commonpb.PlaceholderType_SparseFloatVector, Values: [][]byte{{}, {1, 2, 3}}}}})
	f.Add(valid)
	f.Add(valid[:len(valid)-3])
	f.Add([]byte{})
	f.Add([]byte{0x0a, 0x04, 0x0a, 0x02, 0xff, 0xfe})             // tag not UTF-8
	f.Add([]byte{0x0a, 0x03, 0x10, 0x65, 0x18, 0x01, 0x12, 0x00}) // value field 3 as a varint, group field 2
	f.Add([]byte{0x08, 0x01, 0x0a, 0x02, 0x10, 0x01})             // group field 1 as a varint
	f.Add([]byte{0x0b, 0x0c})                                     // an empty group
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want commonpb.PlaceholderGroup
		werr := proto.Unmarshal(raw, &want)
		got, err := decodePlaceholderGroup(raw)
		if (err == nil) != (werr == nil) {
			t.Fatalf("decoder error %v, proto.Unmarshal error %v", err, werr)
		}
		if err != nil {
			return
		}
		if len(got) != len(want.GetPlaceholders()) {
			t.Fatalf("%d placeholders, proto.Unmarshal read %d", len(got), len(want.GetPlaceholders()))
		}
		for i, w := range want.GetPlaceholders() {
			if got[i].typ != w.GetType() || len(got[i].values) != len(w.GetValues()) {
				t.Fatalf("placeholder %d: type %v with %d values, want %v with %d", i, got[i].typ, len(got[i].values), w.GetType(), len(w.GetValues()))
			}
			for j, v := range w.GetValues() {
				if string(got[i].values[j]) != string(v) {
					t.Fatalf("placeholder %d value %d: %x, want %x", i, j, got[i].values[j], v)
				}
			}
		}
	})
}
