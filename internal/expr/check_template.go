package expr

import (
	"strings"

	"github.com/kite-db/kite/internal/schema"
)

// unknownFunc refuses a function the language lacks as Milvus's
// segcore does, by its signature: "function json_contains_aby(json,
// int64_t) not found.".
func (c *checker) unknownFunc(n *Call) error {
	sig := make([]string, 0, len(n.Args))
	for _, a := range n.Args {
		t, err := c.check(a)
		if err != nil {
			return err
		}
		sig = append(sig, segcoreTypeName(t))
	}
	return typeErr(n.P, "function %s(%s) not found.", n.Name, strings.Join(sig, ", "))
}

// segcoreTypeName names an argument's type as Milvus's segcore does.
func segcoreTypeName(t typed) string {
	switch {
	case t.op != nil:
		if dt := t.op.typ().dt; dt != schema.None {
			return segcoreNames[dt]
		}
		return segcoreNames[schema.JSON] // a JSON path
	case t.c != nil:
		switch t.c.k {
		case kBool:
			return "bool"
		case kInt:
			return "int64_t"
		case kFloat:
			return "double"
		case kString:
			return "varChar"
		case kArray:
			return "array"
		}
		return "none"
	}
	return "bool" // a predicate
}

var segcoreNames = map[schema.DataType]string{
	schema.Bool: "bool", schema.Int8: "int8_t", schema.Int16: "int16_t", schema.Int32: "int32_t", schema.Int64: "int64_t",
	schema.Float: "float", schema.Double: "double", schema.Timestamptz: "timestamptz", schema.VarChar: "varChar",
	schema.String: "string", schema.Array: "array", schema.JSON: "json", schema.Geometry: "geometry",
}

// Milvus's planner refuses templates where it cannot tell their use from
// the text alone, with these words; Kite keeps to them.

// templateBetweenConsts refuses a comparison or arithmetic between two
// constants when either is a template: "{f1} > {f2}" binds no field.
func templateBetweenConsts(n *Binary) error {
	_, lt := n.L.(*Template)
	_, rt := n.R.(*Template)
	if !lt && !rt {
		return nil
	}
	return typeErr(n.OpPos, "placeholder was not supported between two constants with operator: %s", opText[n.Op])
}

// missingBound names a range bound whose template has no value, as the
// lower or the upper value.
func (c *checker) missingBound(n *Range) error {
	for _, b := range []struct {
		node Node
		side string
	}{{n.L, "lower"}, {n.R, "upper"}} {
		if t, ok := b.node.(*Template); ok {
			if _, bound := c.templates[t.Name]; !bound {
				return typeErr(t.P, "the %s value of expression template variable name {%s} is not found", b.side, t.Name)
			}
		}
	}
	return nil
}

// templateCast refuses a template value its field's type cannot take, as
// Milvus's planner words it ("cannot cast value to Int64, value: [0 1]").
func templateCast(node Node, t optype, v value) error {
	if _, ok := node.(*Template); !ok || v.k == kNull || constCompatible(t, v) {
		return nil
	}
	return typeErr(node.Pos(), "cannot cast value to %s, value: %s", t.name(), v)
}
