package expr

// checkCompare checks a == b, a < b and friends: between two constants
// (folded), an operand and a constant, or two fields.
func (c *checker) checkCompare(n *Binary) (typed, error) {
	l, r, err := c.checkPair(n.L, n.R)
	if err != nil {
		return typed{}, c.compareVectorErr(n, err)
	}
	switch {
	case l.c != nil && r.c != nil:
		if err := templateBetweenConsts(n); err != nil {
			return typed{}, err
		}
		res, ok := foldCompare(n.Op, *l.c, *r.c)
		if !ok {
			return typed{}, typeErr(n.OpPos, "comparison operations cannot be applied to two incompatible operands: %s", n)
		}
		return constOf(boolVal(res)), nil
	case l.p != nil || r.p != nil:
		return typed{}, typeErr(n.OpPos, "comparison operands must be fields or constants, not boolean expressions: %s", n)
	case l.c != nil:
		if err := templateCast(n.L, r.op.typ(), *l.c); err != nil {
			return typed{}, err
		}
		return compareConst(flipCmp(n.Op), r.op, *l.c, n)
	case r.c != nil:
		if err := templateCast(n.R, l.op.typ(), *r.c); err != nil {
			return typed{}, err
		}
		return compareConst(n.Op, l.op, *r.c, n)
	}
	return compareFields(n.Op, l.op, r.op, n)
}

func (c *checker) checkPair(a, b Node) (typed, typed, error) {
	l, err := c.check(a)
	if err != nil {
		return typed{}, typed{}, err
	}
	r, err := c.check(b)
	return l, r, err
}

func isEquality(op tokKind) bool { return op == tkEq || op == tkNe }

// compareConst checks x op v, with the constant already moved right.
func compareConst(op tokKind, x operand, v value, n *Binary) (typed, error) {
	t := x.typ()
	switch {
	case v.k == kNull:
		return typed{}, typeErr(n.OpPos, "comparison with null is not supported, use is null: %s", n)
	case t.k == kArray && !isEquality(op):
		return typed{}, typeErr(n.OpPos, "can not comparisons array fields directly")
	case (v.k == kArray || v.k == kObject) && !isEquality(op), !constCompatible(t, v):
		return typed{}, typeErr(n.OpPos, "comparisons between %s and %s are not supported", t.name(), v.typeName())
	}
	return typed{p: &cmpPred{x: x, op: op, c: v}}, nil
}

// constCompatible reports whether a constant can be compared with, or
// looked up among, values of type t.
func constCompatible(t optype, v value) bool {
	switch t.k {
	case kInt, kFloat:
		return v.isNum()
	case kString:
		return v.k == kString
	case kBool:
		return v.k == kBool
	case kJSON:
		return true
	case kArray:
		if v.k != kArray {
			return false
		}
		elem := optype{k: t.elem}
		for _, e := range v.arr {
			if !constCompatible(elem, e) {
				return false
			}
		}
		return true
	}
	return false
}

// compareFields checks a op b between two operands.
func compareFields(op tokKind, a, b operand, n *Binary) (typed, error) {
	ta, tb := a.typ(), b.typ()
	switch {
	case ta.k == kJSON || tb.k == kJSON:
		return typed{}, typeErr(n.OpPos, "two column comparison with JSON type is not supported")
	case ta.k == kArray || tb.k == kArray:
		return typed{}, typeErr(n.OpPos, "can not comparisons array fields directly")
	case !(numericOperand(ta) && numericOperand(tb)) && ta.k != tb.k:
		return typed{}, typeErr(n.OpPos, "comparisons between %s and %s are not supported", ta.name(), tb.name())
	}
	return typed{p: &fieldsPred{l: a, r: b, op: op}}, nil
}

// checkRange checks lo < x < hi (either way round, bounds inclusive or not).
func (c *checker) checkRange(n *Range) (typed, error) {
	x, err := c.check(n.X)
	if err != nil {
		return typed{}, err
	}
	if x.op == nil {
		return typed{}, typeErr(n.X.Pos(), "range operations are only supported on single fields now, got: %s", n.X)
	}
	if err := c.missingBound(n); err != nil {
		return typed{}, err
	}
	l, r, err := c.checkPair(n.L, n.R)
	if err != nil {
		return typed{}, err
	}
	if l.c == nil {
		return typed{}, typeErr(n.L.Pos(), "lowerbound cannot be a non-const expression: %s", n.L)
	}
	if r.c == nil {
		return typed{}, typeErr(n.R.Pos(), "upperbound cannot be a non-const expression: %s", n.R)
	}
	p := &rangePred{x: x.op, lo: *l.c, hi: *r.c, loIncl: n.Op1 == tkLe, hiIncl: n.Op2 == tkLe}
	if !lessOp(n.Op1) {
		p.lo, p.hi, p.loIncl, p.hiIncl = *r.c, *l.c, n.Op2 == tkGe, n.Op1 == tkGe
	}
	if err := checkBounds(p, x.op.typ(), n); err != nil {
		return typed{}, err
	}
	return typed{p: p}, nil
}

func checkBounds(p *rangePred, t optype, n *Range) error {
	switch {
	case t.k == kArray:
		return typeErr(n.P, "can not comparisons array fields directly")
	case t.k == kBool:
		return typeErr(n.P, "range operations are not supported on Bool")
	}
	for _, b := range []value{p.lo, p.hi} {
		if !constCompatible(t, b) || b.k == kBool || b.k == kNull || b.k == kArray || b.k == kObject {
			return typeErr(n.P, "comparisons between %s and %s are not supported", t.name(), b.typeName())
		}
	}
	if p.lo.isNum() != p.hi.isNum() {
		return typeErr(n.P, "range bounds must both be numbers or both be strings: %s", n)
	}
	bad, _ := foldCompare(tkGt, p.lo, p.hi)
	if !(p.loIncl && p.hiIncl) {
		bad, _ = foldCompare(tkGe, p.lo, p.hi)
	}
	if bad {
		return typeErr(n.P, "invalid range: lowerbound is greater than upperbound")
	}
	return nil
}

// checkArith checks arithmetic: folded between constants, otherwise one
// operand and one constant.
func (c *checker) checkArith(n *Binary) (typed, error) {
	l, r, err := c.checkPair(n.L, n.R)
	if err != nil {
		return typed{}, err
	}
	switch {
	case l.c != nil && r.c != nil:
		if err := templateBetweenConsts(n); err != nil {
			return typed{}, err
		}
		v, err := foldArith(n.Op, *l.c, *r.c)
		if err != nil {
			return typed{}, typeErr(n.OpPos, "%v: %s", err, n)
		}
		return constOf(v), nil
	case n.Op == tkPow:
		return typed{}, typeErr(n.OpPos, "power can only apply on constants: %s", n)
	case l.p != nil || r.p != nil:
		return typed{}, typeErr(n.OpPos, "arithmetic on boolean expressions is not supported: %s", n)
	case l.op != nil && r.op != nil:
		return typed{}, typeErr(n.OpPos, "not supported to do arithmetic operations between multiple fields")
	}
	x, v, constLeft := r.op, l.c, true
	if r.c != nil {
		x, v, constLeft = l.op, r.c, false
	}
	if err := checkArithTypes(n, x.typ(), *v, constLeft); err != nil {
		return typed{}, err
	}
	return typed{op: &arithOp{op: n.Op, x: x, c: *v, constLeft: constLeft, t: arithType(x.typ(), *v)}}, nil
}

func checkArithTypes(n *Binary, t optype, v value, constLeft bool) error {
	switch {
	case !numericOperand(t):
		return typeErr(n.OpPos, "arithmetic operator %s is not supported on %s", opText[n.Op], t.name())
	case !v.isNum():
		return typeErr(n.OpPos, "arithmetic operator %s is not supported on %s", opText[n.Op], v.typeName())
	case n.Op == tkPercent && (t.k == kFloat || v.k == kFloat):
		return typeErr(n.OpPos, "%v", errModFloat)
	case !constLeft && (n.Op == tkSlash || n.Op == tkPercent) && v.asFloat() == 0:
		return typeErr(n.OpPos, "%v", errDivZero)
	}
	return nil
}
