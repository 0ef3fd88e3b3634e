package expr

import (
	"math"
	"strconv"
	"strings"
)

// parseUnary parses -x, +x, not x, !x and exists x. A minus directly before
// a number literal is folded into the literal so that -9223372036854775808
// is representable; "-2 ** 2" still means -(2 ** 2).
func (p *parser) parseUnary() (Node, int, error) {
	t := p.peek()
	switch t.kind {
	case tkMinus, tkPlus, tkNot, tkExists, tkBitNot:
	default:
		return p.parsePower()
	}
	if err := p.enter(); err != nil {
		return nil, 0, err
	}
	defer p.leave()
	p.advance()
	if num := p.peek(); t.kind == tkMinus && (num.kind == tkInt || num.kind == tkFloat) && p.peekAt(1).kind != tkPow {
		p.advance()
		n, err := p.number(num, true)
		if n != nil {
			n = withPos(n, t.pos)
		}
		return n, 1, err
	}
	x, d, err := p.parseUnary()
	if err != nil {
		return nil, 0, err
	}
	if t.kind == tkExists {
		return &Exists{P: t.pos, X: x}, d + 1, nil
	}
	return &Unary{P: t.pos, Op: t.kind, X: x}, d + 1, nil
}

func withPos(n Node, pos int) Node {
	switch n := n.(type) {
	case *IntLit:
		n.P = pos
	case *FloatLit:
		n.P = pos
	}
	return n
}

// parsePower parses base ** exponent; ** is right-associative and its
// exponent may carry a sign: 2 ** -1.
func (p *parser) parsePower() (Node, int, error) {
	base, d, err := p.parsePostfix()
	if err != nil || p.peek().kind != tkPow {
		return base, d, err
	}
	op := p.advance()
	if err := p.enter(); err != nil {
		return nil, 0, err
	}
	defer p.leave()
	exp, ed, err := p.parseUnary()
	if err != nil {
		return nil, 0, err
	}
	d, err = p.deeper(max(d, ed) + 1)
	return &Binary{P: base.Pos(), OpPos: op.pos, Op: tkPow, L: base, R: exp}, d, err
}

// parsePostfix parses a primary followed by [key] steps and is [not] null.
func (p *parser) parsePostfix() (Node, int, error) {
	n, d, err := p.parsePrimary()
	if err != nil {
		return nil, 0, err
	}
	_, isIdent := n.(*Ident)
	for isIdent && p.peek().kind == tkLBrack {
		if n, err = p.parseIndex(n); err != nil {
			return nil, 0, err
		}
		if d, err = p.deeper(d + 1); err != nil {
			return nil, 0, err
		}
	}
	if p.peek().kind != tkIs {
		return n, d, nil
	}
	p.advance()
	not := p.peek().kind == tkNot
	if not {
		p.advance()
	}
	if _, err := p.expect(tkNull, `"null"`); err != nil {
		return nil, 0, err
	}
	return &IsNull{P: n.Pos(), X: n, Not: not}, d + 1, nil
}

// parseIndex parses ["key"] or [N] after a field name.
func (p *parser) parseIndex(x Node) (Node, error) {
	p.advance()
	k := p.advance()
	var idx *Index
	switch k.kind {
	case tkString:
		idx = &Index{P: x.Pos(), X: x, Key: k.val}
	case tkInt:
		v, err := parseUint(k.text)
		if err != nil || v > math.MaxInt64 {
			return nil, syntaxErr(p.src, k, "array index %s out of range", k.text)
		}
		idx = &Index{P: x.Pos(), X: x, Key: strconv.FormatUint(v, 10), Num: true}
	case tkMinus: // Milvus's grammar stops before it and calls the rest invalid
		return nil, syntaxErr(p.src, k, "invalid expression: %s (a negative index is not supported)", p.src)
	default:
		return nil, p.unexpected(k, "a quoted key or an integer index")
	}
	if _, err := p.expect(tkRBrack, `"]"`); err != nil {
		return nil, err
	}
	return idx, nil
}

func (p *parser) parsePrimary() (Node, int, error) {
	t := p.peek()
	switch t.kind {
	case tkInt, tkFloat:
		p.advance()
		n, err := p.number(t, false)
		return n, 1, err
	case tkString:
		p.advance()
		return &StringLit{P: t.pos, Value: t.val}, 1, nil
	case tkBool:
		p.advance()
		return &BoolLit{P: t.pos, Value: boolWords[t.text]}, 1, nil
	case tkIdent:
		p.advance()
		if p.peek().kind == tkLParen {
			return p.parseCall(t)
		}
		return &Ident{P: t.pos, Name: t.text}, 1, nil
	case tkLParen:
		return p.parseParen()
	case tkLBrack:
		return p.parseArray()
	case tkLBrace:
		return p.parseTemplate()
	case tkISO, tkInterval:
		return p.parseTszLit()
	}
	return nil, 0, p.unexpected(t, "a field, a literal, \"(\" or \"[\"")
}

// number converts a number token; neg applies a leading minus.
func (p *parser) number(t token, neg bool) (Node, error) {
	if t.kind == tkFloat {
		f, err := strconv.ParseFloat(t.text, 64)
		if err != nil || math.IsInf(f, 0) {
			return nil, syntaxErr(p.src, t, "float literal %s out of range", t.text)
		}
		if neg {
			f = -f
		}
		return &FloatLit{P: t.pos, Value: f}, nil
	}
	u, err := parseUint(t.text)
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	if err != nil || u > limit {
		return nil, syntaxErr(p.src, t, "integer literal %s overflows int64", t.text)
	}
	if neg {
		return &IntLit{P: t.pos, Value: int64(-u)}, nil
	}
	return &IntLit{P: t.pos, Value: int64(u)}, nil
}

func (p *parser) parseParen() (Node, int, error) {
	if err := p.enter(); err != nil {
		return nil, 0, err
	}
	defer p.leave()
	p.advance()
	n, d, err := p.parseOr()
	if err != nil {
		return nil, 0, err
	}
	if _, err := p.expect(tkRParen, `")"`); err != nil {
		return nil, 0, err
	}
	return n, d, nil
}

// parseList parses expr {, expr} [,] up to the closing token, which it consumes.
func (p *parser) parseList(closing tokKind, what string) ([]Node, int, error) {
	if err := p.enter(); err != nil {
		return nil, 0, err
	}
	defer p.leave()
	var out []Node
	d := 0
	for p.peek().kind != closing {
		n, nd, err := p.parseOr()
		if err != nil {
			return nil, 0, err
		}
		out, d = append(out, n), max(d, nd)
		if p.peek().kind != tkComma {
			break
		}
		p.advance()
	}
	if _, err := p.expect(closing, what); err != nil {
		return nil, 0, err
	}
	return out, d, nil
}

func (p *parser) parseArray() (Node, int, error) {
	t := p.advance()
	elems, d, err := p.parseList(tkRBrack, `"," or "]"`)
	if err != nil {
		return nil, 0, err
	}
	return &ArrayLit{P: t.pos, Elems: elems}, d + 1, nil
}

func (p *parser) parseCall(name token) (Node, int, error) {
	p.advance()
	args, d, err := p.parseList(tkRParen, `"," or ")"`)
	if err != nil {
		return nil, 0, err
	}
	return &Call{P: name.pos, Name: strings.ToLower(name.text), Raw: name.text, Args: args}, d + 1, nil
}

func (p *parser) parseTemplate() (Node, int, error) {
	open := p.advance()
	name, err := p.expect(tkIdent, "a template variable name")
	if err != nil {
		return nil, 0, err
	}
	if _, err := p.expect(tkRBrace, `"}"`); err != nil {
		return nil, 0, err
	}
	return &Template{P: open.pos, Name: name.text}, 1, nil
}
