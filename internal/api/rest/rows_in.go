package rest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// rowsToColumns converts the "data" of insert and upsert — an array of row
// objects, or one object — into a column per field name, plus "$meta" with
// the keys the schema lacks when the dynamic field is on. Checks that need
// the whole column (lengths, ranges, max_length) are the service's.
func rowsToColumns(sch *schema.Collection, data json.RawMessage, insert bool) (map[string]*column.Column, int, error) {
	return rowsToColumnsIn(sch, time.UTC, data, insert, false)
}

// rowsToColumnsIn reads TIMESTAMPTZ text without an offset in zone.
// A partial upsert's rows may leave out fields (the server keeps those of
// existing rows), so fields no row names are skipped.
func rowsToColumnsIn(sch *schema.Collection, zone *time.Location, data json.RawMessage, insert, partial bool) (map[string]*column.Column, int, error) {
	rows, err := parseRows(data)
	if err != nil {
		return nil, 0, err
	}
	cols := make(map[string]*column.Column, len(sch.Fields))
	for i := range sch.Fields {
		f := &sch.Fields[i]
		if f.IsDynamic || (f.IsPrimaryKey && f.AutoID && insert && !anyHas(rows, f.Name)) || (partial && !anyHas(rows, f.Name)) {
			continue
		}
		if f.IsPrimaryKey && f.AutoID && insert {
			return nil, 0, fmt.Errorf("no need to pass pk field(%s) when autoid==true in insert", f.Name)
		}
		c, err := fieldColumn(f, rows, zone)
		if err != nil {
			return nil, 0, err
		}
		cols[f.Name] = c
	}
	meta, err := dynamicColumn(sch, rows)
	if err != nil {
		return nil, 0, err
	}
	if meta != nil {
		cols[schema.DynamicFieldName] = meta
	}
	return cols, len(rows), nil
}

// parseRows splits "data" into row objects.
func parseRows(data json.RawMessage) ([]map[string]json.RawMessage, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return nil, errMissing("data")
	}
	var raw []json.RawMessage
	if data[0] == '[' {
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, err
		}
	} else {
		raw = []json.RawMessage{data}
	}
	if len(raw) == 0 {
		return nil, errMissing("data")
	}
	rows := make([]map[string]json.RawMessage, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal(r, &rows[i]); err != nil || rows[i] == nil {
			return nil, fmt.Errorf("row %d is not a JSON object: %s", i, shorten(r))
		}
	}
	return rows, nil
}

func anyHas(rows []map[string]json.RawMessage, name string) bool {
	for _, r := range rows {
		if v, ok := r[name]; ok && !isNull(v) {
			return true
		}
	}
	return false
}

func isNull(v json.RawMessage) bool { return string(bytes.TrimSpace(v)) == "null" }

// fieldColumn reads one field from every row. Absent or null values are
// nulls for nullable fields and fields with a default (the service fills
// the default), and errors otherwise.
func fieldColumn(f *schema.Field, rows []map[string]json.RawMessage, zone *time.Location) (*column.Column, error) {
	c := column.New(f.DataType, f.Dim)
	valid := make([]bool, 0, len(rows))
	nulls := false
	for i, row := range rows {
		v, present := row[f.Name]
		if !present || isNull(v) {
			if !f.Nullable && f.Default == nil {
				if !present {
					return nil, fmt.Errorf("row %d does not has field %s", i, f.Name)
				}
				return nil, fmt.Errorf("field %s of row %d is null, but the field is not nullable", f.Name, i)
			}
			c.AppendZero()
			valid, nulls = append(valid, false), true
			continue
		}
		if f.DataType == schema.Timestamptz {
			n, err := parseTimestamp(v, zone)
			if err != nil {
				return nil, fmt.Errorf("field %s of row %d: %w", f.Name, i, err)
			}
			c.Ints, valid = append(c.Ints, n), append(valid, true)
			continue
		}
		if err := appendValue(c, f, v); err != nil {
			return nil, fmt.Errorf("field %s of row %d: %w", f.Name, i, err)
		}
		valid = append(valid, true)
	}
	if nulls {
		c.Valid = valid
	}
	return c, nil
}

// dynamicColumn gathers each row's keys outside the schema into one JSON
// object per row; null values are dropped, as Milvus does.
func dynamicColumn(sch *schema.Collection, rows []map[string]json.RawMessage) (*column.Column, error) {
	dynamic := sch.EnableDynamicField
	var out *column.Column
	if dynamic {
		out = &column.Column{Type: schema.JSON, Bytes: make([][]byte, 0, len(rows))}
	}
	for _, row := range rows {
		extra := map[string]json.RawMessage{}
		for k, v := range row {
			if f := sch.FieldByName(k); f != nil && !f.IsDynamic {
				continue
			}
			switch {
			case !dynamic:
				return nil, fmt.Errorf("has pass more field without dynamic schema, please check it: field %s is not in the schema", k)
			case k == schema.DynamicFieldName:
				return nil, fmt.Errorf("use the invalid field name(%s) when enable dynamicField", k)
			case !isNull(v):
				extra[k] = v
			}
		}
		if dynamic {
			b, err := json.Marshal(extra)
			if err != nil {
				return nil, err
			}
			out.Bytes = append(out.Bytes, b)
		}
	}
	return out, nil
}

// shorten is raw JSON as an error message may repeat it.
func shorten(b []byte) string { return apierr.Echo(string(b)) }
