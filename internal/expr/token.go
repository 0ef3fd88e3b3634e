package expr

import "strings"

type tokKind uint8

const (
	tkEOF tokKind = iota
	tkIdent
	tkInt
	tkFloat
	tkString
	tkBool
	tkLParen
	tkRParen
	tkLBrack
	tkRBrack
	tkLBrace
	tkRBrace
	tkComma
	tkPlus
	tkMinus
	tkStar
	tkSlash
	tkPercent
	tkPow
	tkEq
	tkNe
	tkLt
	tkLe
	tkGt
	tkGe
	tkAnd
	tkOr
	tkNot
	tkIn
	tkLike
	tkIs
	tkNull
	tkExists
	tkBitAnd // & | ^ << >> ~: Milvus parses them and then refuses them (bitwise.go)
	tkBitOr
	tkBitXor
	tkShl
	tkShr
	tkBitNot
	tkISO      // ISO 'timestamp', a TIMESTAMPTZ literal (tsz.go)
	tkInterval // INTERVAL 'duration', for TIMESTAMPTZ arithmetic
)

// token is one lexeme. For strings, val holds the unescaped text; for
// numbers and identifiers, text is all there is.
type token struct {
	kind tokKind
	pos  int    // byte offset in the source
	text string // the source text of the token
	val  string // unescaped string literal contents
}

// opText is how operators print in canonical (String) form.
var opText = map[tokKind]string{
	tkPlus: "+", tkMinus: "-", tkStar: "*", tkSlash: "/", tkPercent: "%", tkPow: "**",
	tkEq: "==", tkNe: "!=", tkLt: "<", tkLe: "<=", tkGt: ">", tkGe: ">=",
	tkAnd: "and", tkOr: "or", tkNot: "not", tkIn: "in", tkLike: "like",
	tkBitAnd: "&", tkBitOr: "|", tkBitXor: "^", tkShl: "<<", tkShr: ">>", tkBitNot: "~",
}

// keywords are matched case-insensitively, as Milvus users write AND, and, And.
var keywords = map[string]tokKind{
	"and": tkAnd, "or": tkOr, "not": tkNot, "in": tkIn, "like": tkLike,
	"is": tkIs, "null": tkNull, "exists": tkExists,
}

// boolWords are the only spellings Milvus accepts for booleans.
var boolWords = map[string]bool{
	"true": true, "True": true, "TRUE": true,
	"false": false, "False": false, "FALSE": false,
}

// identKind classifies an identifier-shaped word.
func identKind(word string) tokKind {
	if _, ok := boolWords[word]; ok {
		return tkBool
	}
	if k, ok := tszKeywords[word]; ok {
		return k
	}
	if k, ok := keywords[strings.ToLower(word)]; ok {
		return k
	}
	return tkIdent
}

func (k tokKind) isRelational() bool { return k >= tkLt && k <= tkGe }

func quoteTok(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
