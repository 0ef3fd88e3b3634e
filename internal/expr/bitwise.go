package expr

import "strings"

// Milvus 2.6's grammar has the bitwise operators & | ^ << >> and unary ~,
// with C's precedence: << and >> bind tighter than "in" and below + -;
// & then ^ then | sit between == != and "and". Its planner then refuses
// every one of them. Kite parses them at the same places, so that a filter
// fails with the same message Milvus gives, which quotes the operator's
// whole expression as written, without spaces.

var bitOpNames = map[tokKind]string{
	tkBitAnd: "BitAnd", tkBitOr: "BitOr", tkBitXor: "BitXor", tkShl: "shift", tkShr: "shift",
}

// BitOp is L op R for one of & | ^ << >>.
type BitOp struct {
	P    int
	Op   tokKind
	L, R Node
	Text string // the tokens of the whole expression, joined without spaces
}

func (n *BitOp) Pos() int { return n.P }
func (n *BitOp) String() string {
	return "(" + n.L.String() + " " + opText[n.Op] + " " + n.R.String() + ")"
}

func (p *parser) parseBitOr() (Node, int, error)  { return p.parseBitChain(p.parseBitXor, tkBitOr) }
func (p *parser) parseBitXor() (Node, int, error) { return p.parseBitChain(p.parseBitAnd, tkBitXor) }
func (p *parser) parseBitAnd() (Node, int, error) { return p.parseBitChain(p.parseEquality, tkBitAnd) }
func (p *parser) parseShift() (Node, int, error) {
	return p.parseBitChain(p.parseAdditive, tkShl, tkShr)
}

// parseBitChain parses a left-associative chain of ops over sub.
func (p *parser) parseBitChain(sub func() (Node, int, error), ops ...tokKind) (Node, int, error) {
	first := p.i
	l, d, err := sub()
	for err == nil && containsKind(ops, p.peek().kind) {
		op := p.advance()
		var r Node
		var rd int
		if r, rd, err = sub(); err != nil {
			break
		}
		l = &BitOp{P: l.Pos(), Op: op.kind, L: l, R: r, Text: p.textSince(first)}
		d, err = p.deeper(max(d, rd) + 1)
	}
	return l, d, err
}

// textSince joins the texts of the tokens from index first to the current
// one, as ANTLR's GetText does.
func (p *parser) textSince(first int) string {
	var b strings.Builder
	for _, t := range p.toks[first:p.i] {
		b.WriteString(t.text)
	}
	return b.String()
}

// checkBitOp refuses a bitwise operator with Milvus's message, before
// looking at its operands, as Milvus does.
func (c *checker) checkBitOp(n *BitOp) (typed, error) {
	return typed{}, typeErr(n.P, "%s is not supported: %s", bitOpNames[n.Op], n.Text)
}

// checkBitNot refuses ~x once x has checked, as Milvus does.
func (c *checker) checkBitNot(n *Unary) (typed, error) {
	if _, err := c.check(n.X); err != nil {
		return typed{}, err
	}
	return typed{}, typeErr(n.P, "unexpected op: ~")
}
