package expr

import "strings"

// parser is a recursive-descent parser with one function per precedence
// level, lowest first: or, and, == !=, < <= > >= and ranges, in/like,
// + -, * / %, unary, **, postfix, primary. Every function returns the depth
// of the tree it built so that MaxDepth bounds later recursive passes too.
type parser struct {
	src  string
	toks []token
	i    int
	nest int // recursion depth through parentheses, brackets and unary operators
}

// Parse parses a filter into a syntax tree. An empty or blank filter
// returns a nil Node and no error.
func Parse(src string) (Node, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	n, _, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tkEOF {
		return nil, p.unexpected(t, "an operator or end of expression")
	}
	return n, nil
}

func (p *parser) peek() token { return p.toks[p.i] }

// peekAt looks k tokens ahead, stopping at EOF.
func (p *parser) peekAt(k int) token {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) advance() token {
	t := p.toks[p.i]
	if t.kind != tkEOF {
		p.i++
	}
	return t
}

func (p *parser) expect(k tokKind, what string) (token, error) {
	t := p.peek()
	if t.kind != k {
		return t, p.unexpected(t, what)
	}
	return p.advance(), nil
}

func (p *parser) unexpected(t token, expected string) error {
	if t.kind == tkEOF {
		return syntaxErr(p.src, t, "unexpected end of expression, expected %s", expected)
	}
	return syntaxErr(p.src, t, "unexpected token %s, expected %s", quoteTok(t.text), expected)
}

// deeper checks a new node's depth against MaxDepth.
func (p *parser) deeper(d int) (int, error) {
	if d > MaxDepth {
		e := syntaxErr(p.src, p.peek(), "expression nested too deeply (more than %d levels)", MaxDepth)
		e.kind = ErrTooDeep
		return d, e
	}
	return d, nil
}

// enter guards recursion that does not itself add tree depth, such as
// redundant parentheses.
func (p *parser) enter() error {
	p.nest++
	_, err := p.deeper(p.nest)
	return err
}

func (p *parser) leave() { p.nest-- }

func (p *parser) parseOr() (Node, int, error)  { return p.parseLogical(tkOr, p.parseAnd) }
func (p *parser) parseAnd() (Node, int, error) { return p.parseLogical(tkAnd, p.parseBitOr) }

func (p *parser) parseLogical(op tokKind, sub func() (Node, int, error)) (Node, int, error) {
	first, d, err := sub()
	if err != nil || p.peek().kind != op {
		return first, d, err
	}
	terms := []Node{first}
	for p.peek().kind == op {
		p.advance()
		t, td, err := sub()
		if err != nil {
			return nil, 0, err
		}
		terms = append(terms, t)
		d = max(d, td)
	}
	return &Logical{P: first.Pos(), Op: op, Terms: terms}, d + 1, nil
}

// parseChain parses a left-associative chain of the operators in ops.
func (p *parser) parseChain(sub func() (Node, int, error), ops ...tokKind) (Node, int, error) {
	l, d, err := sub()
	for err == nil && containsKind(ops, p.peek().kind) {
		opTok := p.advance()
		var r Node
		var rd int
		if r, rd, err = sub(); err != nil {
			break
		}
		l = &Binary{P: l.Pos(), OpPos: opTok.pos, Op: opTok.kind, L: l, R: r}
		d, err = p.deeper(max(d, rd) + 1)
	}
	return l, d, err
}

func containsKind(ks []tokKind, k tokKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func (p *parser) parseEquality() (Node, int, error) {
	return p.parseChain(p.parseRelational, tkEq, tkNe)
}

// parseRelational parses a < b, and the chained ranges a < x <= b and
// a > x >= b. Mixed directions such as a < x > b are rejected.
func (p *parser) parseRelational() (Node, int, error) {
	l, d, err := p.parseIn()
	if err != nil || !p.peek().kind.isRelational() {
		return l, d, err
	}
	op1 := p.advance()
	m, md, err := p.parseIn()
	if err != nil {
		return nil, 0, err
	}
	d = max(d, md)
	op2 := p.peek()
	if !op2.kind.isRelational() {
		d, err = p.deeper(d + 1)
		return &Binary{P: l.Pos(), OpPos: op1.pos, Op: op1.kind, L: l, R: m}, d, err
	}
	if lessOp(op1.kind) != lessOp(op2.kind) {
		want := `"<" or "<=" to continue the range`
		if !lessOp(op1.kind) {
			want = `">" or ">=" to continue the range`
		}
		return nil, 0, p.unexpected(op2, want)
	}
	p.advance()
	r, rd, err := p.parseIn()
	if err != nil {
		return nil, 0, err
	}
	d, err = p.deeper(max(d, rd) + 1)
	return &Range{P: l.Pos(), L: l, X: m, R: r, Op1: op1.kind, Op2: op2.kind}, d, err
}

func lessOp(k tokKind) bool { return k == tkLt || k == tkLe }

// parseIn parses x in [..], x not in [..] and x like "pat".
func (p *parser) parseIn() (Node, int, error) {
	l, d, err := p.parseShift()
	for err == nil {
		t := p.peek()
		not := t.kind == tkNot && p.peekAt(1).kind == tkIn
		if t.kind != tkIn && t.kind != tkLike && !not {
			break
		}
		p.advance()
		if not {
			t = p.advance()
		}
		var r Node
		var rd int
		if r, rd, err = p.parseShift(); err != nil {
			break
		}
		l = &Binary{P: l.Pos(), OpPos: t.pos, Op: t.kind, Not: not, L: l, R: r}
		d, err = p.deeper(max(d, rd) + 1)
	}
	return l, d, err
}

func (p *parser) parseAdditive() (Node, int, error) {
	return p.parseChain(p.parseMultiplicative, tkPlus, tkMinus)
}

func (p *parser) parseMultiplicative() (Node, int, error) {
	return p.parseChain(p.parseUnary, tkStar, tkSlash, tkPercent)
}
