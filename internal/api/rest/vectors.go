package rest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/schema"
)

// appendVector appends one vector of field f to c. Float vectors are JSON
// number arrays. Binary, float16, bfloat16 and int8 vectors are base64
// strings of their bytes or arrays: of bytes (binary), of floats converted
// to half precision (float16, bfloat16), of -128..127 (int8). Sparse
// vectors are {"index": value} objects or {"indices": [...], "values": [...]}.
func appendVector(c *column.Column, f *schema.Field, v json.RawMessage) error {
	if f.DataType == schema.SparseFloatVector {
		row, err := sparseRow(v)
		c.Bytes = append(c.Bytes, row)
		return err
	}
	if f.DataType == schema.FloatVector {
		var vec []float32
		if err := json.Unmarshal(v, &vec); err != nil {
			return fmt.Errorf("expected an array of numbers, got %s", shorten(v))
		}
		if len(vec) != f.Dim {
			return fmt.Errorf("[]float32 size %d doesn't equal to vector dimension %d of %s", len(vec), f.Dim, f.DataType)
		}
		c.FloatVecs = append(c.FloatVecs, vec...)
		return nil
	}
	row, err := vectorBytes(f.DataType, f.Dim, v)
	if err != nil {
		return err
	}
	if want := schema.VectorRowBytes(f.DataType, f.Dim); len(row) != want {
		return fmt.Errorf("[]byte size %d doesn't equal to vector dimension %d of %s (%d bytes)", len(row), f.Dim, f.DataType, want)
	}
	c.VecBytes = append(c.VecBytes, row...)
	return nil
}

// vectorBytes decodes a byte-backed dense vector.
func vectorBytes(t schema.DataType, dim int, v json.RawMessage) ([]byte, error) {
	v = bytes.TrimSpace(v)
	isArray := len(v) > 0 && v[0] == '['
	switch {
	case isArray && (t == schema.Float16Vector || t == schema.BFloat16Vector):
		var vec []float32
		if err := json.Unmarshal(v, &vec); err != nil {
			return nil, fmt.Errorf("expected an array of numbers or a base64 string, got %s", shorten(v))
		}
		if len(vec) != dim {
			return nil, fmt.Errorf("[]float32 size %d doesn't equal to vector dimension %d of %s", len(vec), dim, t)
		}
		return halfBytes(t, vec), nil
	case isArray && t == schema.Int8Vector:
		var vec []int8
		if err := json.Unmarshal(v, &vec); err != nil {
			return nil, fmt.Errorf("expected an array of integers in [-128, 127] or a base64 string, got %s", shorten(v))
		}
		out := make([]byte, len(vec))
		for i, x := range vec {
			out[i] = byte(x)
		}
		return out, nil
	}
	// encoding/json reads a base64 string or an array of bytes into []byte.
	var b []byte
	if err := json.Unmarshal(v, &b); err != nil {
		return nil, fmt.Errorf("expected a base64 string or an array of bytes, got %s", shorten(v))
	}
	return b, nil
}

func halfBytes(t schema.DataType, vec []float32) []byte {
	out := make([]byte, 0, 2*len(vec))
	for _, x := range vec {
		h := distance.F32ToF16(x)
		if t == schema.BFloat16Vector {
			h = distance.F32ToBF16(x)
		}
		out = binary.LittleEndian.AppendUint16(out, h)
	}
	return out
}

// sparseRow encodes a sparse vector as (index, value) pairs sorted by
// index, as Milvus's REST layer sorts them.
func sparseRow(v json.RawMessage) ([]byte, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(v, &obj); err != nil {
		return nil, fmt.Errorf("expected a sparse vector object, got %s", shorten(v))
	}
	type pair struct {
		idx uint32
		val float32
	}
	var pairs []pair
	if raw, ok := obj["indices"]; ok && len(obj) == 2 {
		var idx []uint32
		var vals []float32
		if json.Unmarshal(raw, &idx) != nil || json.Unmarshal(obj["values"], &vals) != nil || len(idx) != len(vals) {
			return nil, fmt.Errorf("invalid sparse vector %s: indices and values must be arrays of equal length", shorten(v))
		}
		for i := range idx {
			pairs = append(pairs, pair{idx[i], vals[i]})
		}
	} else {
		for k, raw := range obj {
			idx, err := strconv.ParseUint(k, 10, 32)
			var val float32
			if err != nil || json.Unmarshal(raw, &val) != nil {
				return nil, fmt.Errorf("invalid sparse vector entry %q: %s", k, shorten(raw))
			}
			pairs = append(pairs, pair{uint32(idx), val})
		}
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].idx < pairs[j].idx })
	row := make([]byte, 0, len(pairs)*distance.SparsePairBytes)
	for _, p := range pairs {
		row = distance.AppendSparse(row, p.idx, p.val)
	}
	return row, nil // the service refuses repeated indexes and bad values, as for gRPC
}
