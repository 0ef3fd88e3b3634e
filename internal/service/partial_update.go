package service

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

// FieldOp says how an upsert's value of a field meets the existing row's.
type FieldOp int

// Partial-update ops (Milvus's FieldPartialUpdateOp).
const (
	OpReplace     FieldOp = iota // the new value replaces the old
	OpArrayAppend                // the new array's elements are appended
	OpArrayRemove                // every occurrence of the new array's elements is removed
)

// partialRows turns a partial upsert into a whole one: each row whose
// primary key exists keeps the fields the request leaves out (and merges
// $meta keys, and applies array ops); a new key takes what was sent, with
// defaults or nulls for the rest. The existing rows are read at a fresh
// snapshot, as Milvus's proxy reads them.
func (s *Service) partialRows(ctx context.Context, col *catalog.Collection, req Write) (Write, error) {
	pk := col.Schema.PrimaryKey()
	keys := req.Columns[pk.Name]
	if keys == nil {
		return req, apierr.Invalid("must assign pk when upsert, primary field: %s", pk.Name)
	}
	if err := checkFieldOps(&col.Schema, req); err != nil {
		return req, err
	}
	for name, c := range req.Columns { // merging needs the right types; the insert path checks the rest
		if f := col.Schema.FieldByName(name); f != nil && !f.IsDynamic {
			if err := checkColumn(f, c); err != nil {
				return req, err
			}
		}
	}
	old, err := s.currentRows(ctx, req, pk, keys)
	if err != nil {
		return req, err
	}
	out := req
	out.Columns = map[string]*column.Column{pk.Name: keys}
	out.Partial, out.Ops = false, nil
	for i := range col.Schema.Fields {
		f := &col.Schema.Fields[i]
		if f.IsPrimaryKey {
			continue
		}
		c, err := mergeField(f, req.Columns[f.Name], req.Ops[f.Name], keys, old)
		if err != nil {
			return req, err
		}
		if c != nil {
			out.Columns[f.Name] = c
		}
	}
	return out, nil
}

// checkFieldOps applies Milvus's rules for partial-update ops.
func checkFieldOps(sch *schema.Collection, req Write) error {
	for name, op := range req.Ops {
		f := sch.FieldByName(name)
		switch {
		case f == nil:
			return apierr.Invalid("field %q not found in collection schema", name)
		case f.IsPrimaryKey:
			return apierr.Invalid("field %q is the primary key and cannot carry a partial-update op", name)
		case op != OpReplace && f.DataType != schema.Array:
			return apierr.Invalid("op %s requires Array field, but field %q is %s", opName(op), name, f.DataType)
		case req.Columns[name] == nil:
			return apierr.Invalid("partial-update op targets field %q not present in fields_data", name)
		}
		if op != OpArrayAppend || f.MaxCapacity <= 0 {
			continue
		}
		for row, a := range req.Columns[name].Arrays {
			if a != nil && a.Len() > f.MaxCapacity {
				return apierr.Invalid("ARRAY_APPEND payload for field %q row %d has length %d exceeding max_capacity %d", name, row, a.Len(), f.MaxCapacity)
			}
		}
	}
	return nil
}

func opName(op FieldOp) string {
	return [...]string{"REPLACE", "ARRAY_APPEND", "ARRAY_REMOVE"}[op]
}

// existing is the current content of the rows a partial upsert names.
type existing struct {
	row  map[string]int            // primary key → row in cols
	cols map[string]*column.Column // by field name
}

func (s *Service) currentRows(ctx context.Context, req Write, pk *schema.Field, keys *column.Column) (existing, error) {
	vals := make([]any, keys.Len())
	for i := range vals {
		vals[i] = keys.Value(i)
	}
	res, err := s.Query(ctx, Query{DB: req.DB, Collection: req.Collection, Filter: pk.Name + " in {__kite_pks}",
		Templates: map[string]any{"__kite_pks": vals}, OutputFields: []string{"*"}})
	if err != nil {
		return existing{}, err
	}
	old := existing{row: map[string]int{}, cols: map[string]*column.Column{}}
	for _, oc := range res.Fields {
		old.cols[oc.Field.Name] = oc.Col
	}
	if ids := old.cols[pk.Name]; ids != nil {
		for i := 0; i < ids.Len(); i++ {
			old.row[segment.PKKey(ids, i)] = i
		}
	}
	return old, nil
}

// mergeField builds field f's column for every row of the request. It
// returns nil when no row has a value to give (all keys are new and the
// request leaves f out): the insert path then fills defaults or refuses.
func mergeField(f *schema.Field, sent *column.Column, op FieldOp, keys *column.Column, old existing) (*column.Column, error) {
	prev := old.cols[f.Name]
	if sent != nil && op == OpReplace && !f.IsDynamic {
		return sent, nil
	}
	if sent == nil && (prev == nil || len(old.row) == 0) {
		return nil, nil
	}
	out := column.New(f.DataType, f.Dim)
	for i := 0; i < keys.Len(); i++ {
		j, exists := old.row[segment.PKKey(keys, i)]
		var err error
		switch {
		case !exists && sent != nil:
			out.Append(sent, []int{i})
		case !exists:
			if !f.Nullable && f.Default == nil && !f.IsDynamic {
				return nil, apierr.Invalid("Insert missed an field `%s` to collection without set nullable==true or set default_value", f.Name)
			}
			out.Append(fillFor(f), nil)
		case sent == nil:
			out.Append(prev, []int{j})
		case f.IsDynamic:
			err = appendMergedJSON(out, prev.Bytes[j], sent.Bytes[i])
		default:
			err = appendArrayOp(out, f, op, prev, j, sent, i)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func fillFor(f *schema.Field) *column.Column {
	if f.IsDynamic {
		return &column.Column{Type: schema.JSON, Bytes: [][]byte{[]byte("{}")}}
	}
	return column.Fill(f, 1)
}

// appendMergedJSON appends the old $meta object with the new one's keys
// laid over it.
func appendMergedJSON(out *column.Column, prev, sent []byte) error {
	merged := map[string]json.RawMessage{}
	for _, b := range [][]byte{prev, sent} {
		var obj map[string]json.RawMessage
		if len(b) == 0 {
			continue
		}
		if err := json.Unmarshal(b, &obj); err != nil {
			return apierr.Invalid("dynamic field data is not a JSON object: %v", err)
		}
		for k, v := range obj {
			merged[k] = v
		}
	}
	raw, err := json.Marshal(merged)
	if err != nil {
		return fmt.Errorf("merge dynamic fields: %w", err)
	}
	out.Append(&column.Column{Type: schema.JSON, Bytes: [][]byte{raw}}, nil)
	return nil
}

// appendArrayOp appends row j of prev combined with row i of sent by op.
func appendArrayOp(out *column.Column, f *schema.Field, op FieldOp, prev *column.Column, j int, sent *column.Column, i int) error {
	base, add := prev.Arrays[j], sent.Arrays[i]
	if prev.IsNull(j) || base == nil {
		base = column.New(f.ElementType, 0)
	}
	if add == nil {
		add = column.New(f.ElementType, 0)
	}
	res := column.New(f.ElementType, 0)
	switch op {
	case OpArrayAppend:
		res.Append(base, nil)
		res.Append(add, nil)
		if f.MaxCapacity > 0 && res.Len() > f.MaxCapacity {
			return apierr.Invalid("ARRAY_APPEND result for field %q has length %d exceeding max_capacity %d", f.Name, res.Len(), f.MaxCapacity)
		}
	case OpArrayRemove:
		drop := make([]any, add.Len())
		for k := range drop {
			drop[k] = add.Value(k)
		}
		for k := 0; k < base.Len(); k++ {
			if !slices.Contains(drop, base.Value(k)) {
				res.Append(base, []int{k})
			}
		}
	}
	out.Append(&column.Column{Type: schema.Array, Arrays: []*column.Column{res}}, nil)
	return nil
}
