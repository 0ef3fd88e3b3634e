package expr

import (
	"errors"

	"github.com/kite-db/kite/internal/schema"
)

// A vector field has no place in a filter. Milvus refuses it where it
// meets the other side of the expression, naming both: "comparisons
// between Int64 and FloatVector are not supported", "value '0' in list
// cannot be casted to FloatVector"; Kite words it the same way, and as
// "field v of type FloatVector cannot be used in a filter" elsewhere.

// vectorRef is the refusal of a vector field met on its own; comparisons
// and 'in' reword it once they know the other side.
type vectorRef struct {
	err *Error
	t   schema.DataType
}

func (e *vectorRef) Error() string { return e.err.Error() }

// Unwrap keeps the *Error (and through it ErrType) reachable.
func (e *vectorRef) Unwrap() error { return e.err }

// asVectorRef reports whether err is a vector field's refusal.
func asVectorRef(err error) (*vectorRef, bool) {
	var v *vectorRef
	return v, errors.As(err, &v)
}

// sideName names one checked side of a comparison for a message.
func sideName(t typed) string {
	switch {
	case t.op != nil:
		return t.op.typ().name()
	case t.c != nil:
		return t.c.typeName()
	}
	return "Bool"
}

// compareVectorErr rewords a comparison with a vector field.
func (c *checker) compareVectorErr(n *Binary, err error) error {
	v, ok := asVectorRef(err)
	if !ok {
		return err
	}
	left, right := v.t.String(), v.t.String()
	if l, lerr := c.check(n.L); lerr == nil {
		left = sideName(l)
	} else if r, rerr := c.check(n.R); rerr == nil {
		right = sideName(r)
	}
	return typeErr(n.OpPos, "comparisons between %s and %s are not supported", left, right)
}

// inVectorErr rewords 'in' on a vector field.
func (c *checker) inVectorErr(n *Binary, err error) error {
	v, ok := asVectorRef(err)
	if !ok {
		return err
	}
	list, lerr := c.check(n.R)
	if lerr != nil || list.c == nil || list.c.k != kArray || len(list.c.arr) == 0 {
		return err
	}
	return typeErr(n.R.Pos(), "value '%s' in list cannot be casted to %s", list.c.arr[0], v.t)
}
