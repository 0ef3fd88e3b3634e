package expr

// lexer splits a filter into tokens. It is hand-written so that every error
// can name its byte offset and the text found there.
type lexer struct {
	src string
	pos int
}

// lex returns all tokens of src, ending with tkEOF.
func lex(src string) ([]token, error) {
	lx := &lexer{src: src}
	var toks []token
	for {
		t, err := lx.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.kind == tkEOF {
			return toks, nil
		}
	}
}

func isSpace(c byte) bool      { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') }
func isIdentChar(c byte) bool  { return isIdentStart(c) || isDigit(c) }

func (lx *lexer) next() (token, error) {
	for lx.pos < len(lx.src) && isSpace(lx.src[lx.pos]) {
		lx.pos++
	}
	start := lx.pos
	if start >= len(lx.src) {
		return token{kind: tkEOF, pos: start}, nil
	}
	c := lx.src[start]
	switch {
	case isIdentStart(c):
		if n := encodingPrefix(lx.src[start:]); n > 0 {
			return lx.prefixedStr(start, n)
		}
		return lx.word(start), nil
	case c == '$' && start+1 < len(lx.src) && isIdentStart(lx.src[start+1]):
		lx.pos++
		t := lx.word(start)
		t.kind = tkIdent // $meta is never a keyword
		return t, nil
	case isDigit(c) || (c == '.' && start+1 < len(lx.src) && isDigit(lx.src[start+1])):
		return lx.number(start)
	case c == '"' || c == '\'':
		return lx.str(start)
	}
	return lx.punct(start)
}

func (lx *lexer) word(start int) token {
	for lx.pos < len(lx.src) && isIdentChar(lx.src[lx.pos]) {
		lx.pos++
	}
	text := lx.src[start:lx.pos]
	return token{kind: identKind(text), pos: start, text: text}
}

// punctTable lists operators longest first so that "**" wins over "*".
var punctTable = []struct {
	text string
	kind tokKind
}{
	{"**", tkPow}, {"==", tkEq}, {"!=", tkNe}, {"<<", tkShl}, {">>", tkShr}, {"<=", tkLe}, {">=", tkGe},
	{"&&", tkAnd}, {"||", tkOr}, {"&", tkBitAnd}, {"|", tkBitOr}, {"^", tkBitXor}, {"~", tkBitNot},
	{"(", tkLParen}, {")", tkRParen}, {"[", tkLBrack}, {"]", tkRBrack},
	{"{", tkLBrace}, {"}", tkRBrace}, {",", tkComma},
	{"+", tkPlus}, {"-", tkMinus}, {"*", tkStar}, {"/", tkSlash}, {"%", tkPercent},
	{"<", tkLt}, {">", tkGt}, {"!", tkNot},
}

func (lx *lexer) punct(start int) (token, error) {
	rest := lx.src[start:]
	for _, p := range punctTable {
		if len(rest) >= len(p.text) && rest[:len(p.text)] == p.text {
			lx.pos += len(p.text)
			return token{kind: p.kind, pos: start, text: p.text}, nil
		}
	}
	bad := token{pos: start, text: badChar(rest)}
	if rest[0] == '=' {
		return token{}, syntaxErr(lx.src, bad, "invalid character \"=\", expected \"==\"")
	}
	return token{}, syntaxErr(lx.src, bad, "invalid character %s", quoteTok(bad.text))
}

// badChar returns the first UTF-8 character of s (or its first byte when
// invalid) so messages show whole characters.
func badChar(s string) string {
	for i := range s {
		if i > 0 {
			return s[:i]
		}
	}
	return s
}

func (lx *lexer) str(start int) (token, error) {
	quote := lx.src[start]
	i := start + 1
	for i < len(lx.src) && lx.src[i] != quote {
		if lx.src[i] == '\\' {
			i++
		}
		i++
	}
	if i >= len(lx.src) {
		t := token{pos: start, text: lx.src[start:]}
		return token{}, syntaxErr(lx.src, t, "unterminated string literal, expected closing %c", quote)
	}
	lx.pos = i + 1
	t := token{kind: tkString, pos: start, text: lx.src[start:lx.pos]}
	val, off, ok := unescape(lx.src[start+1 : i])
	if !ok {
		bad := token{pos: start + 1 + off, text: lx.src[start+1+off : min(i, start+3+off)]}
		return token{}, syntaxErr(lx.src, bad, "invalid escape sequence %s in string literal", quoteTok(bad.text))
	}
	t.val = val
	return t, nil
}
