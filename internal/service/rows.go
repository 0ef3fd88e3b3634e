package service

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// prepareRows checks the request's columns against the schema and returns
// one column per field by ID, with auto IDs, defaults and nulls filled.
func (s *Service) prepareRows(col *catalog.Collection, req Write, upsert bool) (map[int64]*column.Column, int, error) {
	n, err := rowCount(req)
	if err != nil {
		return nil, 0, err
	}
	for name := range req.Columns {
		if f := col.Schema.FieldByName(name); f == nil {
			if col.Schema.EnableDynamicField {
				return nil, 0, apierr.Invalid("field %s is not in the schema: put dynamic keys in the $meta field", name)
			}
			return nil, 0, apierr.Invalid("Attempt to insert an unexpected field `%s` to collection without enabling dynamic field", name)
		}
	}
	if pk := col.Schema.PrimaryKey(); pk.AutoID && !upsert && req.Columns[pk.Name] != nil && col.Properties[PropAllowInsertAutoID] != "true" {
		// Milvus counts the key it would generate as one more field
		return nil, 0, apierr.InvalidExpected(len(col.Schema.Fields), len(col.Schema.Fields)+1, "more fieldData has pass in")
	}
	out := make(map[int64]*column.Column, len(col.Schema.Fields))
	for i := range col.Schema.Fields {
		f := &col.Schema.Fields[i]
		c, err := s.fieldColumn(f, req.Columns[f.Name], n, upsert)
		if err != nil {
			return nil, 0, err
		}
		out[f.ID] = c
	}
	return out, n, nil
}

func rowCount(req Write) (int, error) {
	n := req.NumRows
	for _, c := range req.Columns {
		if req.NumRows == 0 { // the longest column, so an empty one is named whatever the map's order
			n = max(n, c.Len())
		}
	}
	for name, c := range req.Columns {
		if c.Len() == 0 && n > 0 {
			return 0, emptyColumn(name, c.Type, n)
		}
		if c.Len() != n {
			return 0, apierr.Invalid("the num_rows (%d) of field (%s) is not equal to passed num_rows (%d)", c.Len(), name, n)
		}
	}
	if n == 0 {
		return 0, noRows()
	}
	return n, nil
}

func (s *Service) fieldColumn(f *schema.Field, c *column.Column, n int, upsert bool) (*column.Column, error) {
	switch {
	case f.IsPrimaryKey && f.AutoID && c == nil && upsert:
		return nil, apierr.Invalid("must assign pk when checking duplicates, primary field: %s", f.Name)
	case f.IsPrimaryKey && f.AutoID && c == nil:
		first := int64(s.oracle.NextN(n))
		if f.DataType == schema.VarChar { // Milvus generates the decimal string of an ID
			ids := &column.Column{Type: schema.VarChar, Strings: make([]string, n)}
			for i := range ids.Strings {
				ids.Strings[i] = strconv.FormatInt(first+int64(i), 10)
			}
			return ids, nil
		}
		ids := &column.Column{Type: schema.Int64, Ints: make([]int64, n)}
		for i := range ids.Ints {
			ids.Ints[i] = first + int64(i)
		}
		return ids, nil
	case f.IsDynamic:
		return dynamicColumn(c, n)
	case c == nil:
		return missingColumn(f, n)
	}
	if err := checkColumn(f, c); err != nil {
		return nil, err
	}
	return column.FillDefaults(f, c), nil
}

// missingColumn fills a field the request left out: nulls or its default.
func missingColumn(f *schema.Field, n int) (*column.Column, error) {
	if !f.Nullable && f.Default == nil {
		return nil, apierr.Invalid("fieldSchema(%s) has no corresponding fieldData pass in", f.Name)
	}
	return column.Fill(f, n), nil
}

func dynamicColumn(c *column.Column, n int) (*column.Column, error) {
	if c == nil {
		out := &column.Column{Type: schema.JSON, Bytes: make([][]byte, n)}
		for i := range out.Bytes {
			out.Bytes[i] = []byte("{}")
		}
		return out, nil
	}
	if c.Type != schema.JSON {
		return nil, apierr.Invalid("the dynamic field $meta must hold JSON, got %s", c.Type)
	}
	for i, b := range c.Bytes {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(b, &obj); err != nil {
			return nil, apierr.Invalid("dynamic field data of row %d is not a JSON object: %s", i, apierr.Echo(string(b)))
		}
	}
	return c, nil
}

// checkColumn applies Milvus's per-field insert checks.
func checkColumn(f *schema.Field, c *column.Column) error {
	if c.Type != f.DataType {
		return apierr.Invalid("The data type of field %s doesn't match, expected: %s, got %s", f.Name, f.DataType, c.Type)
	}
	if c.Valid != nil && !f.Nullable && f.Default == nil {
		for _, ok := range c.Valid {
			if !ok {
				return apierr.Invalid("the field (%s) is not nullable, but got null values", f.Name)
			}
		}
		c.Valid = nil
	}
	switch {
	case f.DataType.IsDenseVector():
		if c.Dim != f.Dim {
			return apierr.Invalid("the dim (%d) of field data(%s) is not equal to schema dim (%d)", c.Dim, f.Name, f.Dim)
		}
		return checkVectorValues(c)
	case f.DataType == schema.SparseFloatVector:
		return checkVectorValues(c)
	case f.DataType.IsFloat():
		return checkFloatValues(c.Floats)
	case f.DataType == schema.VarChar:
		if i := tooLong(c.Strings, f.MaxLength); i >= 0 {
			return apierr.Invalid("length of varchar field %s exceeds max length, row number: %d, length: %d, max length: %d", f.Name, i, len(c.Strings[i]), f.MaxLength)
		}
		return checkUTF8(f, c.Strings)
	case f.DataType.IsInteger():
		return checkIntRange(f, c.Ints)
	case f.DataType == schema.JSON:
		return checkJSON(f, c)
	case f.DataType == schema.Array:
		return checkArrays(f, c)
	case f.DataType == schema.Geometry:
		return checkGeometry(f, c)
	}
	return nil
}

func checkUTF8(f *schema.Field, vals []string) error {
	for i, v := range vals {
		if !utf8.ValidString(v) {
			return apierr.Invalid("string field %s has invalid UTF-8 data at row %d", f.Name, i)
		}
	}
	return nil
}

// tooLong is the first value longer than maxLen bytes (Milvus measures
// max_length in bytes of UTF-8), or -1.
func tooLong(vals []string, maxLen int) int {
	for i, v := range vals {
		if len(v) > maxLen {
			return i
		}
	}
	return -1
}

func checkIntRange(f *schema.Field, vals []int64) error {
	lo, hi := int64(-1<<63), int64(1<<63-1)
	switch f.DataType {
	case schema.Int8:
		lo, hi = -128, 127
	case schema.Int16:
		lo, hi = -32768, 32767
	case schema.Int32:
		lo, hi = -1<<31, 1<<31-1
	}
	for i, v := range vals {
		if v < lo || v > hi {
			return apierr.Invalid("the %dth element (%d) out of range: [%d, %d] of field %s", i, v, lo, hi, f.Name)
		}
	}
	return nil
}

func checkJSON(f *schema.Field, c *column.Column) error {
	for i, b := range c.Bytes {
		if c.IsNull(i) {
			continue
		}
		if !json.Valid(b) {
			return apierr.Invalid("invalid JSON data in field %s at row %d: %s", f.Name, i, apierr.Echo(string(b)))
		}
		if len(b) > 65536*1024 {
			return apierr.Invalid("json field %s row %d exceeds max size", f.Name, i)
		}
	}
	return nil
}

func checkArrays(f *schema.Field, c *column.Column) error {
	for i, a := range c.Arrays {
		if a == nil || c.IsNull(i) {
			continue
		}
		if a.Type == schema.Int32 && (f.ElementType == schema.Int8 || f.ElementType == schema.Int16) {
			a.Type = f.ElementType // int_data carries Int8/Int16 elements
			if err := checkIntRange(&schema.Field{Name: f.Name, DataType: f.ElementType}, a.Ints); err != nil {
				return err
			}
		}
		if a.Type != f.ElementType && a.Len() > 0 {
			return apierr.InvalidExpected(arrayElementName(f.ElementType), arrayElementName(a.Type), "insert data does not match")
		}
		if a.Len() > f.MaxCapacity {
			return apierr.InvalidExpected("valid length array", "array length exceeds max capacity",
				fmt.Sprintf("the length (%d) of %dth array exceeds max capacity (%d)", a.Len(), i, f.MaxCapacity))
		}
		if j := tooLong(a.Strings, f.MaxLength); f.ElementType == schema.VarChar && j >= 0 {
			return apierr.Invalid("length of %s array field \"%s\" exceeds max length, row number: %d, array index: %d, length: %d, max length: %d",
				f.DataType, f.Name, i, j, len(a.Strings[j]), f.MaxLength)
		}
		if err := checkUTF8(f, a.Strings); err != nil {
			return err
		}
		a.Type = f.ElementType
	}
	return nil
}

func newColumn(f *schema.Field) *column.Column { return column.New(f.DataType, f.Dim) }
