package rest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// appendValue appends one JSON value of field f to c.
func appendValue(c *column.Column, f *schema.Field, v json.RawMessage) error {
	switch t := f.DataType; {
	case t.IsVector():
		return appendVector(c, f, v)
	case t == schema.JSON:
		b, err := jsonDocument(v)
		c.Bytes = append(c.Bytes, b)
		return err
	case t == schema.Array:
		a, err := arrayColumn(f.ElementType, v)
		c.Arrays = append(c.Arrays, a)
		return err
	}
	return appendScalar(c, v)
}

// appendScalar appends a bool, number or string value to c (of c.Type).
func appendScalar(c *column.Column, v json.RawMessage) error {
	var err error
	switch t := c.Type; {
	case t == schema.Bool:
		var b bool
		b, err = parseBool(v)
		c.Bools = append(c.Bools, b)
	case t == schema.Timestamptz:
		var n int64
		n, err = parseTimestamp(v, time.UTC)
		c.Ints = append(c.Ints, n)
	case t.IsInteger():
		var n int64
		n, err = parseInt(v)
		c.Ints = append(c.Ints, n)
	case t.IsFloat():
		var f float64
		f, err = parseFloat(v)
		c.Floats = append(c.Floats, f)
	case t.IsString() || t == schema.Geometry:
		var s string
		if err = json.Unmarshal(v, &s); err != nil {
			err = fmt.Errorf("expected a string, got %s", shorten(v))
		}
		c.Strings = append(c.Strings, s)
	default:
		err = fmt.Errorf("data type %s is not supported", t)
	}
	return err
}

// unquote returns a JSON string's content, or the raw text of anything else.
func unquote(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	var s string
	if len(v) > 0 && v[0] == '"' && json.Unmarshal(v, &s) == nil {
		return s
	}
	return string(v)
}

func parseBool(v json.RawMessage) (bool, error) {
	b, err := strconv.ParseBool(unquote(v))
	if err != nil {
		return false, fmt.Errorf("expected a bool, got %s", shorten(v))
	}
	return b, nil
}

// parseInt accepts integers, integral numbers such as 3.0, and either as
// strings (Milvus's casting accepts all three).
func parseInt(v json.RawMessage) (int64, error) {
	s := unquote(v)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, fmt.Errorf("expected an integer, got %s", shorten(v))
	}
	return int64(f), nil
}

func parseFloat(v json.RawMessage) (float64, error) {
	f, err := strconv.ParseFloat(unquote(v), 64)
	if err != nil {
		return 0, fmt.Errorf("expected a number, got %s", shorten(v))
	}
	return f, nil
}

// jsonDocument is the document a JSON field stores: objects, arrays,
// numbers and bools as sent; a string holding a JSON object or array as
// that document (how clients of Milvus 2.x send JSON fields); any other
// string as the JSON string it is.
func jsonDocument(v json.RawMessage) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, v); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if b[0] != '"' {
		return b, nil
	}
	s := unquote(b)
	if len(s) > 0 && (s[0] == '{' || s[0] == '[') && json.Valid([]byte(s)) {
		buf.Reset()
		json.Compact(&buf, []byte(s))
		return buf.Bytes(), nil
	}
	return b, nil
}

var errNestedArray = errors.New("array elements must be scalars")

// arrayColumn reads an Array field's value: a JSON array of elem values.
func arrayColumn(elem schema.DataType, v json.RawMessage) (*column.Column, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(v, &items); err != nil {
		return nil, fmt.Errorf("expected an array of %s, got %s", elem, shorten(v))
	}
	a := column.New(elem, 0)
	for i, it := range items {
		if isNull(it) {
			return nil, fmt.Errorf("element %d is null", i)
		}
		if t := bytes.TrimSpace(it); len(t) > 0 && (t[0] == '[' || t[0] == '{') {
			return nil, errNestedArray
		}
		if err := appendScalar(a, it); err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
	}
	return a, nil
}
