package column

import (
	"reflect"
	"testing"

	"github.com/kite-db/kite/internal/schema"
)

func sampleColumns() []*Column {
	arr := &Column{Type: schema.Int64, Ints: []int64{1, 2, 3}}
	return []*Column{
		{Type: schema.Bool, Bools: []bool{true, false}},
		{Type: schema.Int32, Ints: []int64{-5, 7, 1 << 30}, Valid: []bool{true, false, true}},
		{Type: schema.Double, Floats: []float64{1.5, -2.25}},
		{Type: schema.VarChar, Strings: []string{"a", "", "héllo"}},
		{Type: schema.JSON, Bytes: [][]byte{[]byte(`{"a":1}`), []byte(`[]`)}},
		{Type: schema.Array, Arrays: []*Column{arr, {Type: schema.Int64, Ints: []int64{}}}},
		{Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{1, 2, 3, 4}},
		{Type: schema.BinaryVector, Dim: 16, VecBytes: []byte{1, 2, 3, 4}},
		{Type: schema.Float16Vector, Dim: 2, VecBytes: []byte{1, 2, 3, 4}},
	}
}

func TestCodecRoundTrip(t *testing.T) {
	for _, c := range sampleColumns() {
		b := Encode(nil, c)
		b = append(b, 0xAA)
		got, rest, err := Decode(b)
		if err != nil {
			t.Fatalf("%s: %v", c.Type, err)
		}
		if len(rest) != 1 || rest[0] != 0xAA {
			t.Fatalf("%s: rest %v", c.Type, rest)
		}
		if got.Len() != c.Len() {
			t.Fatalf("%s: len %d want %d", c.Type, got.Len(), c.Len())
		}
		for i := 0; i < c.Len(); i++ {
			if !reflect.DeepEqual(normalize(got.Value(i)), normalize(c.Value(i))) {
				t.Fatalf("%s row %d: %v want %v", c.Type, i, got.Value(i), c.Value(i))
			}
		}
	}
}

func normalize(v any) any {
	if c, ok := v.(*Column); ok {
		out := []any{}
		for i := 0; i < c.Len(); i++ {
			out = append(out, c.Value(i))
		}
		return out
	}
	return v
}

func TestTakeAndHead(t *testing.T) {
	c := &Column{Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{1, 2, 3, 4, 5, 6}}
	got := c.Take([]int{2, 0})
	if !reflect.DeepEqual(got.FloatVecs, []float32{5, 6, 1, 2}) {
		t.Fatalf("take: %v", got.FloatVecs)
	}
	if h := c.Head(1); h.Len() != 1 {
		t.Fatalf("head len %d", h.Len())
	}
	n := &Column{Type: schema.Int64, Ints: []int64{1}}
	n.Append(&Column{Type: schema.Int64, Ints: []int64{2}, Valid: []bool{false}}, nil)
	if !reflect.DeepEqual(n.Valid, []bool{true, false}) || !n.IsNull(1) {
		t.Fatalf("valid: %v", n.Valid)
	}
}

func FuzzDecode(f *testing.F) {
	for _, c := range sampleColumns() {
		f.Add(Encode(nil, c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, _, err := Decode(b)
		if err != nil {
			return
		}
		again, _, err := Decode(Encode(nil, c))
		if err != nil || again.Len() != c.Len() {
			t.Fatalf("re-decode: %v", err)
		}
	})
}
