package expr

import (
	"strconv"

	"github.com/kite-db/kite/internal/schema"
)

// checkRef resolves a field reference: name, name["key"]..., name[3].
func (c *checker) checkRef(n Node) (typed, error) {
	name, keys, nums := flattenRef(n)
	f, dynamic, err := c.lookupField(name, n.Pos())
	if err != nil {
		return typed{}, err
	}
	if dynamic {
		keys = append([]string{name}, keys...)
		nums = append([]bool{false}, nums...)
		return typed{op: newJSONOp(f, keys, nums)}, nil
	}
	op, err := operandFor(f, keys, nums, n.Pos())
	return typed{op: op}, err
}

// flattenRef unwinds a chain of Index nodes down to its Ident.
func flattenRef(n Node) (name string, keys []string, nums []bool) {
	for {
		switch x := n.(type) {
		case *Index:
			keys = append([]string{x.Key}, keys...)
			nums = append([]bool{x.Num}, nums...)
			n = x.X
		case *Ident:
			return x.Name, keys, nums
		default:
			panic("BUG: expr: index on a non-identifier")
		}
	}
}

// lookupField finds a schema field by name. A name the schema lacks is a
// key of the dynamic field when the collection has one.
func (c *checker) lookupField(name string, pos int) (*schema.Field, bool, error) {
	if f := c.sch.FieldByName(name); f != nil {
		return f, false, nil
	}
	dyn := c.sch.DynamicField()
	if name == schema.DynamicFieldName && dyn != nil {
		return dyn, false, nil
	}
	if c.sch.EnableDynamicField && dyn != nil && name != schema.DynamicFieldName {
		return dyn, true, nil
	}
	return nil, false, typeErr(pos, "field %s not exist", name)
}

// operandFor builds the operand that reads field f at the given path.
func operandFor(f *schema.Field, keys []string, nums []bool, pos int) (operand, error) {
	switch {
	case f.DataType == schema.JSON:
		return newJSONOp(f, keys, nums), nil
	case f.DataType == schema.Array:
		return arrayOperand(f, keys, nums, pos)
	case len(keys) > 0:
		return nil, typeErr(pos, "%s data type not supported accessed with []", f.DataType)
	}
	k, ok := kindOf(f.DataType)
	if !ok {
		return nil, unsupportedField(f, pos)
	}
	return &fieldOp{f: f, t: optype{k: k, dt: f.DataType, f32: f.DataType == schema.Float}}, nil
}

func unsupportedField(f *schema.Field, pos int) error {
	if f.DataType == schema.Text {
		return typeErr(pos, "filter on text field (%s) is not supported yet", f.Name)
	}
	err := typeErr(pos, "field %s of type %s cannot be used in a filter", f.Name, f.DataType)
	if f.DataType.IsVector() {
		return &vectorRef{err: err, t: f.DataType}
	}
	return err
}

func arrayOperand(f *schema.Field, keys []string, nums []bool, pos int) (operand, error) {
	ek, ok := kindOf(f.ElementType)
	if !ok || ek == kJSON || ek == kArray {
		return nil, typeErr(pos, "array field %s has unsupported element type %s", f.Name, f.ElementType)
	}
	f32 := f.ElementType == schema.Float
	switch {
	case len(keys) == 0:
		return &fieldOp{f: f, t: optype{k: kArray, elem: ek, dt: schema.Array, edt: f.ElementType, f32: f32}}, nil
	case !nums[0]:
		return nil, typeErr(pos, "can only access array field with integer index")
	case len(keys) > 1:
		return nil, typeErr(pos, "array field %s can only be indexed once", f.Name)
	}
	idx, err := strconv.Atoi(keys[0])
	if err != nil {
		return nil, typeErr(pos, "array index %s out of range", keys[0])
	}
	return &elemOp{f: f, idx: idx, t: optype{k: ek, dt: f.ElementType, f32: f32}}, nil
}

// numericOperand reports whether arithmetic applies to values of type t.
func numericOperand(t optype) bool { return t.k == kInt || t.k == kFloat || t.k == kJSON }

// arithType is the type of x op c: integers stay integers, JSON stays
// dynamic, anything with a float is a float.
func arithType(x optype, c value) optype {
	switch {
	case x.k == kJSON:
		return optype{k: kJSON, dt: schema.JSON}
	case x.k == kInt && c.k == kInt:
		return optype{k: kInt, dt: schema.Int64}
	}
	return optype{k: kFloat, dt: schema.Double}
}
