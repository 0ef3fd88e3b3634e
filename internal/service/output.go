package service

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/schema"
)

// OutputColumn is one field of a read's result.
type OutputColumn struct {
	Field *schema.Field
	Col   *column.Column
}

// outputPlan says which fields a read returns; dynamic keys are returned
// inside $meta, trimmed to the keys asked for.
type outputPlan struct {
	fields      []*schema.Field
	dynamicKeys []string // nil with the whole $meta
	wholeMeta   bool
	count       bool     // count(*)
	names       []string // output_fields as clients read them: "*" expanded
}

// planOutput resolves output field names. withPK is set for queries: they
// always return the primary key and may count(*); searches may not.
func planOutput(col *catalog.Collection, names []string, withPK bool) (*outputPlan, error) {
	p := &outputPlan{}
	add := map[int64]bool{}
	addField := func(f *schema.Field) {
		if !add[f.ID] {
			add[f.ID] = true
			p.fields = append(p.fields, f)
		}
	}
	if withPK {
		addField(col.Schema.PrimaryKey())
	}
	dyn := col.Schema.DynamicField()
	for _, name := range names {
		switch f := col.Schema.FieldByName(name); {
		case isCount(name) && !withPK:
			return nil, countInSearch(dyn != nil)
		case isCount(name):
			p.count = true
			p.names = append(p.names, "count(*)")
		case name == "*":
			for i := range col.Schema.Fields {
				addField(&col.Schema.Fields[i])
				p.names = append(p.names, col.Schema.Fields[i].Name)
			}
			p.wholeMeta = true
		case f != nil:
			addField(f)
			p.wholeMeta = p.wholeMeta || f.IsDynamic
			p.names = append(p.names, name)
		case dyn != nil && name == "": // Milvus parses a dynamic key as an expression
			return nil, apierr.Invalid("parse output field name failed: %s", name)
		case dyn != nil:
			addField(dyn)
			p.dynamicKeys = append(p.dynamicKeys, name)
			p.names = append(p.names, name)
		default:
			return nil, apierr.Invalid("field %s not exist", name)
		}
	}
	if p.count && len(names) > 1 {
		return nil, apierr.Invalid("count entities with pagination is not allowed")
	}
	sort.SliceStable(p.fields, func(i, j int) bool { return p.fields[i].ID < p.fields[j].ID })
	return p, nil
}

// countInSearch is Milvus's answer to count(*) among a search's output
// fields: not a field, and not a dynamic key either.
func countInSearch(dynamic bool) error {
	if dynamic {
		return apierr.Invalid("parse output field name failed: count(*)")
	}
	return apierr.Invalid("field count(*) not exist")
}

// gather builds the output columns for the referenced rows.
func (p *outputPlan) gather(refs []query.Ref) []OutputColumn {
	out := make([]OutputColumn, 0, len(p.fields))
	for _, f := range p.fields {
		c := query.Gather(refs, f.ID, column.New(f.DataType, f.Dim))
		if f.IsDynamic && !p.wholeMeta {
			c = trimJSON(c, p.dynamicKeys)
		}
		out = append(out, OutputColumn{Field: f, Col: c})
	}
	return out
}

// trimJSON keeps only keys in every row's object.
func trimJSON(c *column.Column, keys []string) *column.Column {
	out := &column.Column{Type: schema.JSON, Bytes: make([][]byte, len(c.Bytes))}
	for i, b := range c.Bytes {
		var obj map[string]json.RawMessage
		kept := map[string]json.RawMessage{}
		if json.Unmarshal(b, &obj) == nil {
			for _, k := range keys {
				if v, ok := obj[k]; ok {
					kept[k] = v
				}
			}
		}
		out.Bytes[i], _ = json.Marshal(kept)
	}
	return out
}

// isCount matches count(*) in any case, as Milvus does.
func isCount(name string) bool { return strings.EqualFold(strings.TrimSpace(name), "count(*)") }
