package expr

import (
	"sort"
	"time"

	"github.com/kite-db/kite/internal/schema"
)

// checker turns a syntax tree into a plan: it resolves names against the
// schema, binds templates, folds constants and rejects what Milvus rejects,
// with Milvus's wording.
type checker struct {
	sch       *schema.Collection
	templates map[string]any
	zone      *time.Location // reads ISO literals without an offset; nil is UTC
}

// typed is the result of checking a node: exactly one of c (a constant),
// op (a value per row) or p (a predicate) is set.
type typed struct {
	c  *value
	op operand
	p  pred
}

func constOf(v value) typed { return typed{c: &v} }

func (c *checker) checkRoot(n Node) (pred, error) {
	if producesSample(n) {
		return c.checkSampleRoot(n)
	}
	t, err := c.check(n)
	if err != nil {
		return nil, err
	}
	p, ok := asPred(t)
	if !ok {
		return nil, typeErr(n.Pos(), "predicate is not a boolean expression: %s, data type: %s", n, typedName(t))
	}
	if cp, ok := p.(*constPred); ok && cp.b {
		return nil, nil // "true" matches everything, like an empty filter
	}
	return p, nil
}

// asPred views a checked node as a predicate: a boolean constant or a
// boolean field reads as itself.
func asPred(t typed) (pred, bool) {
	switch {
	case t.p != nil:
		return t.p, true
	case t.c != nil && t.c.k == kBool:
		return &constPred{b: t.c.b}, true
	case t.op != nil && t.op.typ().k == kBool:
		return &cmpPred{x: t.op, op: tkEq, c: boolVal(true)}, true
	}
	return nil, false
}

func typedName(t typed) string {
	switch {
	case t.c != nil:
		return t.c.typeName()
	case t.op != nil:
		return t.op.typ().name()
	}
	return "Bool"
}

func (c *checker) check(n Node) (typed, error) {
	switch n := n.(type) {
	case *IntLit:
		return constOf(intVal(n.Value)), nil
	case *FloatLit:
		return constOf(floatVal(n.Value)), nil
	case *StringLit:
		return constOf(strVal(n.Value)), nil
	case *BoolLit:
		return constOf(boolVal(n.Value)), nil
	case *ArrayLit:
		return c.checkArray(n)
	case *Template:
		return c.checkTemplate(n)
	case *Ident, *Index:
		return c.checkRef(n)
	case *Unary:
		return c.checkUnary(n)
	case *Binary:
		return c.checkBinary(n)
	case *Range:
		return c.checkRange(n)
	case *Logical:
		return c.checkLogical(n)
	case *IsNull:
		return c.checkIsNull(n)
	case *Exists:
		return c.checkExists(n)
	case *Call:
		return c.checkCall(n)
	case *BitOp:
		return c.checkBitOp(n)
	case *IsoLit, *IntervalLit:
		return typed{}, typeErr(n.Pos(), "ISO and INTERVAL literals are only supported as tsz [+|- INTERVAL '..'] op ISO '..', got: %s", n)
	}
	return typed{}, typeErr(n.Pos(), "unsupported expression %s", n)
}

func (c *checker) checkArray(n *ArrayLit) (typed, error) {
	arr := value{k: kArray, arr: make([]value, len(n.Elems))}
	for i, e := range n.Elems {
		t, err := c.check(e)
		if err != nil {
			return typed{}, err
		}
		if t.c == nil {
			return typed{}, typeErr(e.Pos(), "array element type must be generic value, but got: %s", e)
		}
		arr.arr[i] = *t.c
	}
	return constOf(arr), nil
}

func (c *checker) checkTemplate(n *Template) (typed, error) {
	x, ok := c.templates[n.Name]
	if !ok {
		return typed{}, typeErr(n.P, "the value of expression template variable name {%s} is not found", n.Name)
	}
	v, err := fromGo(x)
	if err != nil {
		return typed{}, typeErr(n.P, "template variable {%s}: %v", n.Name, err)
	}
	return constOf(v), nil
}

func (c *checker) checkBinary(n *Binary) (typed, error) {
	if t, ok, err := c.checkTszCompare(n); ok {
		return t, err
	}
	switch n.Op {
	case tkPlus, tkMinus, tkStar, tkSlash, tkPercent, tkPow:
		return c.checkArith(n)
	case tkIn:
		return c.checkIn(n)
	case tkLike:
		return c.checkLike(n)
	}
	return c.checkCompare(n)
}

func (c *checker) checkUnary(n *Unary) (typed, error) {
	if n.Op == tkBitNot {
		return c.checkBitNot(n)
	}
	if n.Op == tkNot && producesSample(n.X) {
		return typed{}, sampleMisplaced(n.X, "cannot be used in unary expression")
	}
	x, err := c.check(n.X)
	if err != nil {
		return typed{}, err
	}
	if n.Op == tkNot {
		p, ok := asPred(x)
		if !ok {
			return typed{}, typeErr(n.P, "not op can only be applied on boolean expression")
		}
		return typed{p: negate(p)}, nil
	}
	if x.c != nil {
		if n.Op == tkPlus && x.c.isNum() {
			return x, nil
		}
		v, err := foldNeg(*x.c)
		if err != nil {
			return typed{}, typeErr(n.P, "%v: %s", err, n)
		}
		return constOf(v), nil
	}
	if x.op == nil || !numericOperand(x.op.typ()) {
		return typed{}, typeErr(n.P, "unary %s is not supported on %s", opText[n.Op], typedName(x))
	}
	if n.Op == tkPlus {
		return x, nil
	}
	return typed{op: &arithOp{op: tkMinus, x: x.op, c: intVal(0), constLeft: true, t: arithType(x.op.typ(), intVal(0))}}, nil
}

// negate builds not p, folding constants and double negation (which
// three-valued logic allows: not not unknown is unknown).
func negate(p pred) pred {
	switch p := p.(type) {
	case *constPred:
		return &constPred{b: !p.b}
	case *notPred:
		return p.x
	}
	return &notPred{x: p}
}

// checkLogical checks and/or chains, folds constant terms and orders the
// rest cheapest first so the evaluator can skip rows early.
func (c *checker) checkLogical(n *Logical) (typed, error) {
	isAnd := n.Op == tkAnd
	if err := checkSamplePlacement(n); err != nil {
		return typed{}, err
	}
	var terms []pred
	decided := false
	for _, tn := range n.Terms {
		t, err := c.check(tn)
		if err != nil {
			return typed{}, err
		}
		p, ok := asPred(t)
		if !ok {
			return typed{}, typeErr(tn.Pos(), "'%s' can only be used between boolean expressions", opText[n.Op])
		}
		if cp, ok := p.(*constPred); ok {
			decided = decided || cp.b != isAnd
			continue
		}
		terms = append(terms, p)
	}
	switch {
	case decided:
		return typed{p: &constPred{b: !isAnd}}, nil
	case len(terms) == 0:
		return typed{p: &constPred{b: isAnd}}, nil
	case len(terms) == 1:
		return typed{p: terms[0]}, nil
	}
	sort.SliceStable(terms, func(i, j int) bool { return terms[i].cost() < terms[j].cost() })
	if isAnd {
		return typed{p: &andPred{terms: terms}}, nil
	}
	return typed{p: &orPred{terms: terms}}, nil
}
