package expr

import (
	"strings"

	"github.com/kite-db/kite/internal/schema"
)

// checkIn checks x in [list] and x not in [list].
func (c *checker) checkIn(n *Binary) (typed, error) {
	x, list, err := c.checkPair(n.L, n.R)
	if err != nil {
		return typed{}, c.inVectorErr(n, err)
	}
	if x.op == nil {
		return typed{}, typeErr(n.L.Pos(), "'term' can only be used on non-const expression, but got: %s", n.L)
	}
	if list.c == nil || list.c.k != kArray {
		return typed{}, typeErr(n.R.Pos(), "the right-hand side of 'in' must be a list, but got: %s", n.R)
	}
	t := x.op.typ()
	for _, e := range list.c.arr {
		if !constCompatible(t, e) {
			return typed{}, typeErr(n.R.Pos(), "value '%s' in list cannot be casted to %s", e, t.name())
		}
	}
	var p pred = &termPred{x: x.op, vals: list.c.arr, set: newValueSet(list.c.arr, t.f32)}
	if n.Not {
		p = negate(p)
	}
	return typed{p: p}, nil
}

func (c *checker) checkLike(n *Binary) (typed, error) {
	x, pat, err := c.checkPair(n.L, n.R)
	if err != nil {
		return typed{}, err
	}
	if x.op == nil || (x.op.typ().k != kString && x.op.typ().k != kJSON) {
		return typed{}, typeErr(n.OpPos, "like operation on non-string or no-json field is unsupported")
	}
	if tpl, ok := n.R.(*Template); ok && (pat.c == nil || pat.c.k != kString) {
		return typed{}, typeErr(n.R.Pos(), "the value of like expression template variable {%s} is not string", tpl.Name)
	}
	if pat.c == nil || pat.c.k != kString {
		return typed{}, typeErr(n.R.Pos(), "the pattern of like must be a string, but got: %s", n.R)
	}
	return typed{p: &likePred{x: x.op, pat: compileLike(pat.c.s)}}, nil
}

// checkIsNull checks x is [not] null. On a JSON key it means the key is
// absent (present), as Milvus rewrites it to exists.
func (c *checker) checkIsNull(n *IsNull) (typed, error) {
	if id, ok := n.X.(*Ident); ok {
		if f := c.sch.FieldByName(id.Name); f != nil && f.DataType.IsVector() {
			return typed{}, typeErr(n.P, "IsNull/IsNotNull operations are not supported on vector fields")
		}
	}
	if f := c.geoFieldNamed(n.X); f != nil {
		return typed{p: &nullPred{f: f, not: n.Not}}, nil
	}
	x, err := c.checkFieldRef(n.X, "is null")
	if err != nil {
		return typed{}, err
	}
	if j, ok := x.(*jsonOp); ok && len(j.path) > 0 {
		var p pred = &existsPred{x: j}
		if !n.Not {
			p = negate(p)
		}
		return typed{p: p}, nil
	}
	f := fieldOf(x)
	if f == nil {
		return typed{}, typeErr(n.P, "is null is only supported on fields and JSON keys, got: %s", n.X)
	}
	return typed{p: &nullPred{f: f, not: n.Not}}, nil
}

// checkFieldRef checks that n is written as a field reference.
func (c *checker) checkFieldRef(n Node, what string) (operand, error) {
	switch n.(type) {
	case *Ident, *Index:
	default:
		return nil, typeErr(n.Pos(), "%s operations are only supported on single fields now, got: %s", what, n)
	}
	t, err := c.checkRef(n)
	return t.op, err
}

// fieldOf returns the field a whole-field operand reads, or nil.
func fieldOf(x operand) *schema.Field {
	switch x := x.(type) {
	case *fieldOp:
		return x.f
	case *jsonOp:
		return x.f
	}
	return nil
}

func (c *checker) checkExists(n *Exists) (typed, error) {
	x, err := c.checkFieldRef(n.X, "exists")
	if err != nil {
		return typed{}, err
	}
	j, ok := x.(*jsonOp)
	if !ok {
		return typed{}, typeErr(n.P, "exists operations are only supportted on json field, got:%s", x.typ().name())
	}
	if len(j.path) == 0 {
		return typed{}, typeErr(n.P, "exists operations are only supportted on json key")
	}
	return typed{p: &existsPred{x: j}}, nil
}

// funcArity lists the functions and how many arguments they take.
var funcArity = map[string][2]int{
	"json_contains": {2, 2}, "json_contains_all": {2, 2}, "json_contains_any": {2, 2},
	"array_contains": {2, 2}, "array_contains_all": {2, 2}, "array_contains_any": {2, 2},
	"array_length": {1, 1}, "text_match": {2, 2}, "phrase_match": {2, 3},
}

func (c *checker) checkCall(n *Call) (typed, error) {
	if n.Name == sampleName {
		return typed{}, sampleMisplaced(n, "can only be used at the top level of a filter, alone or as the last term of its \"and\"")
	}
	if isGeoFunc(n.Name) {
		return c.checkGeo(n)
	}
	arity, ok := funcArity[n.Name]
	if !ok {
		return typed{}, c.unknownFunc(n)
	}
	if len(n.Args) < arity[0] || len(n.Args) > arity[1] {
		return typed{}, typeErr(n.P, "function %s expects %d arguments, got %d", n.Name, arity[0], len(n.Args))
	}
	switch n.Name {
	case "array_length":
		return c.checkLength(n)
	case "text_match", "phrase_match":
		return c.checkMatch(n)
	}
	return c.checkContains(n)
}

func (c *checker) checkLength(n *Call) (typed, error) {
	x, err := c.checkFieldRef(n.Args[0], "array_length")
	if err != nil {
		return typed{}, err
	}
	if k := x.typ().k; k != kArray && k != kJSON {
		return typed{}, typeErr(n.P, "array_length operation are only supported on json or array fields now, got: %s", n)
	}
	return typed{op: &lenOp{x: x}}, nil
}

// checkMatch rejects text_match and phrase_match: Kite has no full-text
// index yet, so no field has match enabled.
func (c *checker) checkMatch(n *Call) (typed, error) {
	id, ok := n.Args[0].(*Ident)
	if !ok {
		return typed{}, typeErr(n.Args[0].Pos(), "%s needs a field name, got: %s", n.Name, n.Args[0])
	}
	if c.sch.FieldByName(id.Name) == nil {
		return typed{}, typeErr(id.P, "field %s not exist", id.Name)
	}
	return typed{}, typeErr(n.P, "full-text search is not enabled on field %s", id.Name)
}

var containsModes = map[string]containsMode{
	"contains": containsOne, "contains_all": containsAll, "contains_any": containsAny,
}

// checkContains checks json_contains(x, v), array_contains_all(x, [..])
// and the rest of the family; json_ and array_ names are synonyms.
func (c *checker) checkContains(n *Call) (typed, error) {
	op := strings.TrimPrefix(strings.TrimPrefix(n.Name, "json_"), "array_")
	x, v, err := c.checkPair(n.Args[0], n.Args[1])
	if err != nil {
		return typed{}, err
	}
	if x.op == nil || (x.op.typ().k != kJSON && x.op.typ().k != kArray) {
		return typed{}, typeErr(n.P, "%s operation are only supported on json or array fields now, got: %s", op, n.Args[0])
	}
	if v.c == nil {
		return typed{}, typeErr(n.Args[1].Pos(), "%s operation are only supported explicitly specified element, got: %s", op, n.Args[1])
	}
	p := &containsPred{name: n.Name, x: x.op, mode: containsModes[op], vals: []value{*v.c}}
	if p.mode != containsOne {
		if v.c.k != kArray {
			return typed{}, typeErr(n.Args[1].Pos(), "%s operation element must be an array", op)
		}
		p.vals = v.c.arr
	}
	t := x.op.typ()
	p.set = newValueSet(p.vals, t.f32)
	if t.k == kArray {
		for _, w := range p.vals {
			if !constCompatible(optype{k: t.elem}, w) {
				return typed{}, typeErr(n.Args[1].Pos(), "%s operation can't compare between array element type: %s and %s", op, t.edt, w.typeName())
			}
		}
	}
	return typed{p: p}, nil
}
