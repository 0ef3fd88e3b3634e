package expr

import "strings"

// pred evaluates a predicate for the current row in three-valued logic.
func (r *refEval) pred(n Node) tri {
	switch n := n.(type) {
	case *BoolLit:
		return triOf(n.Value)
	case *Logical:
		acc := r.pred(n.Terms[0])
		for _, t := range n.Terms[1:] {
			if n.Op == tkAnd {
				acc = triAnd(acc, r.pred(t))
			} else {
				acc = triOr(acc, r.pred(t))
			}
		}
		return acc
	case *Unary:
		return triNot(r.pred(n.X))
	case *Binary:
		return r.binaryPred(n)
	case *Range:
		return r.rangePred(n)
	case *IsNull:
		return r.isNull(n)
	case *Exists:
		return r.exists(n.X)
	case *Call:
		return r.contains(n)
	}
	switch v := r.val(n).(type) { // a Bool field
	case bool:
		return triOf(v)
	case sqlNull:
		return triU
	}
	return triF
}

// operands evaluates both sides of a comparison, rounding a constant side
// to float32 when the other side is a Float field.
func (r *refEval) operands(l, rn Node) (any, any) {
	a, b := r.val(l), r.val(rn)
	if _, ok := a.(float32); ok && isConstNode(rn) {
		b = round32(b)
	}
	if _, ok := b.(float32); ok && isConstNode(l) {
		a = round32(a)
	}
	return a, b
}

func (r *refEval) binaryPred(n *Binary) tri {
	switch n.Op {
	case tkIn:
		t := r.in(n)
		if n.Not {
			return triNot(t)
		}
		return t
	case tkLike:
		switch x := r.val(n.L).(type) {
		case sqlNull:
			return triU
		case string:
			return triOf(likeRegexp(r.val(n.R).(string)).MatchString(x))
		}
		return triF
	}
	a, b := r.operands(n.L, n.R)
	return compareRef(n.Op, a, b)
}

func compareRef(op tokKind, a, b any) tri {
	for _, v := range []any{a, b} {
		if _, null := v.(sqlNull); null {
			return triU // null wins over a missing value on the other side
		}
	}
	for _, v := range []any{a, b} {
		if m, ok := v.(missing); ok {
			return triOf(m.json && op == tkNe)
		}
	}
	c, ok := order(a, b)
	if !ok {
		return triOf(op == tkNe)
	}
	return triOf(applyCmp(op, c))
}

func (r *refEval) in(n *Binary) tri {
	x, list := r.operands(n.L, n.R)
	switch x.(type) {
	case sqlNull:
		return triU
	case missing:
		return triF
	}
	for _, e := range list.([]any) {
		if equalAny(x, e) {
			return triT
		}
	}
	return triF
}

func (r *refEval) rangePred(n *Range) tri {
	lo, hi, loOp, hiOp := n.L, n.R, n.Op1, n.Op2
	if !lessOp(n.Op1) {
		lo, hi, loOp, hiOp = n.R, n.L, flipCmp(n.Op2), flipCmp(n.Op1)
	}
	x, lv := r.operands(n.X, lo)
	_, hv := r.operands(n.X, hi)
	switch x.(type) {
	case sqlNull:
		return triU
	case missing:
		return triF
	}
	c1, ok1 := order(lv, x)
	c2, ok2 := order(x, hv)
	return triOf(ok1 && ok2 && applyCmp(loOp, c1) && applyCmp(hiOp, c2))
}

func (r *refEval) isNull(n *IsNull) tri {
	if r.isJSONPath(n.X) {
		t := r.exists(n.X)
		if n.Not {
			return t
		}
		return triNot(t)
	}
	_, null := r.ref(n.X).(sqlNull)
	return triOf(null != n.Not)
}

func (r *refEval) exists(n Node) tri {
	switch r.ref(n).(type) {
	case sqlNull:
		return triU
	case missing:
		return triF
	}
	return triT
}

func (r *refEval) contains(n *Call) tri {
	var elems []any
	switch x := r.val(n.Args[0]).(type) {
	case sqlNull:
		return triU
	case []any:
		elems = x
	default:
		return triF
	}
	has := func(w any) bool {
		for _, e := range elems {
			if equalAny(e, w) {
				return true
			}
		}
		return false
	}
	arg := r.val(n.Args[1])
	switch {
	case strings.HasSuffix(n.Name, "_all"):
		for _, w := range arg.([]any) {
			if !has(w) {
				return triF
			}
		}
		return triT
	case strings.HasSuffix(n.Name, "_any"):
		for _, w := range arg.([]any) {
			if has(w) {
				return triT
			}
		}
		return triF
	}
	return triOf(has(arg))
}
