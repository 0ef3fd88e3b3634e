package expr

import (
	"strconv"
	"strings"
)

// Node is a node of the syntax tree. Pos is the byte offset of the node's
// first token; String prints the node fully parenthesized, so tests can
// check precedence by comparing strings.
type Node interface {
	Pos() int
	String() string
}

// Ident is a field name, $meta, or a key of the dynamic field.
type Ident struct {
	P    int
	Name string
}

// Index is X["key"] or X[3]: a JSON path step or an array element.
type Index struct {
	P   int
	X   Node
	Key string // the key, or the decimal index
	Num bool   // Key was written as an integer
}

// IntLit is an integer literal (already negated when written as -N).
type IntLit struct {
	P     int
	Value int64
}

// FloatLit is a floating-point literal.
type FloatLit struct {
	P     int
	Value float64
}

// StringLit is a string literal, unescaped.
type StringLit struct {
	P     int
	Value string
}

// BoolLit is true or false.
type BoolLit struct {
	P     int
	Value bool
}

// ArrayLit is [e1, e2, ...].
type ArrayLit struct {
	P     int
	Elems []Node
}

// Template is {name}, bound to a value at compile time.
type Template struct {
	P    int
	Name string
}

// Unary is -X, +X or not X.
type Unary struct {
	P  int
	Op tokKind // tkMinus, tkPlus, tkNot
	X  Node
}

// Binary is L op R for arithmetic, comparison, in, like, and, or.
type Binary struct {
	P     int
	OpPos int
	Op    tokKind
	Not   bool // "not in"
	L, R  Node
}

// Range is L op1 X op2 R with both operators pointing the same way:
// 1 < x <= 5, or 5 > x > 1.
type Range struct {
	P        int
	L, X, R  Node
	Op1, Op2 tokKind
}

// Logical is a chain of terms joined by one of and, or. Chains are kept
// flat so that a long generated "id == 1 or id == 2 or ..." stays shallow.
type Logical struct {
	P     int
	Op    tokKind // tkAnd or tkOr
	Terms []Node
}

// IsNull is X is null, or X is not null.
type IsNull struct {
	P   int
	X   Node
	Not bool
}

// Exists is exists X.
type Exists struct {
	P int
	X Node
}

// Call is name(args...); Name is lower-cased.
type Call struct {
	P    int
	Name string // lower-cased
	Raw  string // as written, for functions that care about case
	Args []Node
}

func (n *Ident) Pos() int     { return n.P }
func (n *Index) Pos() int     { return n.P }
func (n *IntLit) Pos() int    { return n.P }
func (n *FloatLit) Pos() int  { return n.P }
func (n *StringLit) Pos() int { return n.P }
func (n *BoolLit) Pos() int   { return n.P }
func (n *ArrayLit) Pos() int  { return n.P }
func (n *Template) Pos() int  { return n.P }
func (n *Unary) Pos() int     { return n.P }
func (n *Binary) Pos() int    { return n.P }
func (n *Range) Pos() int     { return n.P }
func (n *Logical) Pos() int   { return n.P }
func (n *IsNull) Pos() int    { return n.P }
func (n *Exists) Pos() int    { return n.P }
func (n *Call) Pos() int      { return n.P }

func (n *Ident) String() string { return n.Name }

func (n *Index) String() string {
	if n.Num {
		return n.X.String() + "[" + n.Key + "]"
	}
	return n.X.String() + "[" + strconv.Quote(n.Key) + "]"
}

func (n *IntLit) String() string    { return strconv.FormatInt(n.Value, 10) }
func (n *FloatLit) String() string  { return formatFloat(n.Value) }
func (n *StringLit) String() string { return strconv.Quote(n.Value) }
func (n *BoolLit) String() string   { return strconv.FormatBool(n.Value) }
func (n *ArrayLit) String() string  { return "[" + joinNodes(n.Elems) + "]" }
func (n *Template) String() string  { return "{" + n.Name + "}" }

func (n *Unary) String() string {
	if n.Op == tkNot {
		return "(not " + n.X.String() + ")"
	}
	x := n.X.String()
	switch n.X.(type) {
	case *IntLit, *FloatLit:
		x = "(" + x + ")" // -5 would read back as a literal
	}
	return "(" + opText[n.Op] + x + ")"
}

func (n *Binary) String() string {
	op := opText[n.Op]
	if n.Not {
		op = "not " + op
	}
	l := n.L.String()
	if n.Op == tkPow && strings.HasPrefix(l, "-") {
		l = "(" + l + ")" // -2 ** 2 would read back as -(2 ** 2)
	}
	return "(" + l + " " + op + " " + n.R.String() + ")"
}

func (n *Range) String() string {
	return "(" + n.L.String() + " " + opText[n.Op1] + " " + n.X.String() + " " +
		opText[n.Op2] + " " + n.R.String() + ")"
}

func (n *Logical) String() string {
	parts := make([]string, len(n.Terms))
	for i, t := range n.Terms {
		parts[i] = t.String()
	}
	return "(" + strings.Join(parts, " "+opText[n.Op]+" ") + ")"
}

func (n *IsNull) String() string {
	if n.Not {
		return "(" + n.X.String() + " is not null)"
	}
	return "(" + n.X.String() + " is null)"
}

func (n *Exists) String() string { return "(exists " + n.X.String() + ")" }
func (n *Call) String() string   { return n.Name + "(" + joinNodes(n.Args) + ")" }

func joinNodes(ns []Node) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.String()
	}
	return strings.Join(parts, ", ")
}

// formatFloat prints a float so that it reads back as a float.
func formatFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEnI") {
		s += ".0"
	}
	return s
}
