package rest

import (
	"encoding/json"
	"testing"

	"github.com/kite-db/kite/internal/schema"
)

// fuzzSchema has one field of every kind the row decoder handles.
func fuzzSchema() *schema.Collection {
	return &schema.Collection{Name: "f", EnableDynamicField: true, Fields: []schema.Field{
		{Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{Name: "b", DataType: schema.Bool, Nullable: true},
		{Name: "n", DataType: schema.Int32, Default: &schema.Value{Int: 7}},
		{Name: "x", DataType: schema.Double, Nullable: true},
		{Name: "s", DataType: schema.VarChar, Nullable: true, MaxLength: 8},
		{Name: "t", DataType: schema.Timestamptz, Nullable: true},
		{Name: "j", DataType: schema.JSON, Nullable: true},
		{Name: "a", DataType: schema.Array, ElementType: schema.Int64, Nullable: true, MaxCapacity: 4},
		{Name: "v", DataType: schema.FloatVector, Dim: 2},
		{Name: "h", DataType: schema.Float16Vector, Dim: 2},
		{Name: "sp", DataType: schema.SparseFloatVector},
		{Name: "$meta", DataType: schema.JSON, IsDynamic: true},
	}}
}

// FuzzRowsToColumns feeds arbitrary "data" to the insert decoder: it must
// never panic, and what it accepts must be rectangular.
func FuzzRowsToColumns(f *testing.F) {
	for _, seed := range []string{
		`[{"id":1,"v":[1,2],"h":[1,2],"sp":{"1":0.5},"b":true,"n":3,"x":1.5,"s":"a","t":"2024-01-02T03:04:05Z","j":{"k":1},"a":[1,2],"extra":"e"}]`,
		`{"id":"2","v":[0,0],"h":"ADwAQA==","sp":{"indices":[1,2],"values":[0.1,0.2]},"j":"{\"a\":1}","n":null}`,
		`[{"id":1,"v":[1],"h":[1,2],"sp":{}}]`, `[]`, `null`, `[1]`, `{"$meta":{}}`,
		`[{"id":1.5,"v":[1,2],"h":[1,2],"sp":{"x":1}}]`, `[{"id":1,"v":[1,2],"h":[1,2],"sp":{"1":1,"1":2}}]`,
	} {
		f.Add(seed, true)
		f.Add(seed, false)
	}
	sch := fuzzSchema()
	f.Fuzz(func(t *testing.T, data string, insert bool) {
		if !json.Valid([]byte(data)) {
			return // the body decoder rejects it first
		}
		cols, n, err := rowsToColumns(sch, json.RawMessage(data), insert)
		if err != nil {
			return
		}
		for name, c := range cols {
			if c.Len() != n || (c.Valid != nil && len(c.Valid) != n) {
				t.Fatalf("column %s has %d rows (valid %d), want %d", name, c.Len(), len(c.Valid), n)
			}
		}
	})
}
