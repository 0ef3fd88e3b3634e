package expr

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
