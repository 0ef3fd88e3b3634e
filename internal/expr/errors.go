package expr

import (
	"errors"
	"fmt"
)

// Sentinel errors, matched with errors.Is through *Error's Unwrap.
var (
	// ErrSyntax: the text is not a well-formed filter.
	ErrSyntax = errors.New("expr: syntax error")
	// ErrType: the filter is well-formed but does not fit the schema.
	ErrType = errors.New("expr: type error")
	// ErrTooDeep: the filter nests deeper than MaxDepth.
	ErrTooDeep = errors.New("expr: expression nested too deeply")
)

// MaxDepth bounds nesting (parentheses, unary operators, operator chains)
// so that hostile input cannot exhaust the stack.
const MaxDepth = 1000

// Error is a compile error: where in the source it happened, the token
// found there and what was wrong. Its text follows Milvus's planner,
// "cannot parse expression: <src>, error: <detail>", so clients that match
// on it keep working.
type Error struct {
	Src   string // the whole filter text
	Pos   int    // byte offset of the offending token in Src
	Token string // the offending token's text; "" at end of input
	Msg   string // what was wrong, and what was expected
	kind  error  // ErrSyntax, ErrType or ErrTooDeep
}

func (e *Error) Error() string {
	return fmt.Sprintf("cannot parse expression: %s, error: %s", e.Src, e.Detail())
}

// Detail is the message without the source: what went wrong and, for a
// syntax error, where ("1:7: ..."). Callers that must not repeat a long
// filter whole build their message from it.
func (e *Error) Detail() string {
	if e.kind == ErrType {
		return e.Msg // Milvus reports schema errors without a position
	}
	line, col := lineCol(e.Src, e.Pos)
	return fmt.Sprintf("%d:%d: %s", line, col, e.Msg)
}

// Unwrap returns the error's class: ErrSyntax, ErrType or ErrTooDeep.
func (e *Error) Unwrap() error { return e.kind }

// lineCol converts a byte offset to a 1-based line and byte column.
func lineCol(src string, pos int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < pos && i < len(src); i++ {
		if src[i] == '\n' {
			line++
			col = 1
			continue
		}
		col++
	}
	return line, col
}

// syntaxErr builds a syntax error at tok.
func syntaxErr(src string, tok token, format string, args ...any) *Error {
	return &Error{Src: src, Pos: tok.pos, Token: tok.text, Msg: fmt.Sprintf(format, args...), kind: ErrSyntax}
}

// typeErr builds a type error for the node at pos.
func typeErr(pos int, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), kind: ErrType}
}
