package expr

import (
	"strings"

	"github.com/kite-db/kite/internal/bitset"
)

// LIKE patterns: % matches any run of characters, _ exactly one
// (UTF-8) character, and a backslash makes the next character literal.
// The common shapes (exact, "pre%", "%suf", "%inner%") become plain string
// functions, as Milvus turns them into prefix/postfix/inner matches.

type likeShape uint8

const (
	likeGeneral likeShape = iota
	likeExact
	likePrefix
	likeSuffix
	likeContains
)

type likeTokKind uint8

const (
	ltLit likeTokKind = iota
	ltAny             // %
	ltOne             // _
)

type likeTok struct {
	k   likeTokKind
	lit string
}

type likePattern struct {
	src   string
	shape likeShape
	lit   string // the literal of the fast shapes
	toks  []likeTok

	// the general shape, split at %
	segs                   []likeSeg
	anchorStart, anchorEnd bool
}

func compileLike(pat string) *likePattern {
	p := &likePattern{src: pat, toks: tokenizeLike(pat)}
	p.shape, p.lit = classifyLike(p.toks)
	p.splitLike()
	return p
}

// tokenizeLike splits a pattern into literals and wildcards, merging
// adjacent literals and collapsing runs of %.
func tokenizeLike(pat string) []likeTok {
	var toks []likeTok
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, likeTok{k: ltLit, lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; {
		case c == '\\' && i+1 < len(pat):
			i++
			lit.WriteByte(pat[i])
		case c == '%':
			flush()
			if len(toks) == 0 || toks[len(toks)-1].k != ltAny {
				toks = append(toks, likeTok{k: ltAny})
			}
		case c == '_':
			flush()
			toks = append(toks, likeTok{k: ltOne})
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return toks
}

func classifyLike(toks []likeTok) (likeShape, string) {
	shape := func(ks ...likeTokKind) bool {
		if len(toks) != len(ks) {
			return false
		}
		for i, k := range ks {
			if toks[i].k != k {
				return false
			}
		}
		return true
	}
	switch {
	case len(toks) == 0:
		return likeExact, ""
	case shape(ltLit):
		return likeExact, toks[0].lit
	case shape(ltAny):
		return likePrefix, ""
	case shape(ltLit, ltAny):
		return likePrefix, toks[0].lit
	case shape(ltAny, ltLit):
		return likeSuffix, toks[1].lit
	case shape(ltAny, ltLit, ltAny):
		return likeContains, toks[1].lit
	}
	return likeGeneral, ""
}

func (p *likePattern) match(s string) bool {
	switch p.shape {
	case likeExact:
		return s == p.lit
	case likePrefix:
		return strings.HasPrefix(s, p.lit)
	case likeSuffix:
		return strings.HasSuffix(s, p.lit)
	case likeContains:
		return strings.Contains(s, p.lit)
	}
	return p.matchGeneral(s)
}

// likePred is x like "pattern" on a string field, string array element
// or JSON value; JSON values that are not strings do not match.
type likePred struct {
	x   operand
	pat *likePattern
}

func (p *likePred) fields(add func(int64)) { p.x.fields(add) }
func (p *likePred) String() string {
	return "(" + p.x.String() + " like " + strVal(p.pat.src).String() + ")"
}

func (p *likePred) cost() int {
	if p.pat.shape == likeGeneral {
		return p.x.cost() + 8
	}
	return p.x.cost() + 2
}

func (p *likePred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	if r, ok := p.fromIndex(c); ok {
		return r, nil
	}
	v, err := p.x.eval(c, mask)
	if err != nil {
		return res{}, err
	}
	t := bitset.New(c.n)
	if v.k == kString {
		p.matchStrings(t, v.strs, mask)
		return v.finish(t), nil
	}
	forRows(c.n, mask, func(i int) {
		if js := v.js[i]; js.k == jString && p.pat.match(string(js.raw)) {
			t.Set(i)
		}
	})
	return v.finish(t), nil
}

// matchStrings runs the cheap shapes over every row and the general
// matcher only over rows in the mask.
func (p *likePred) matchStrings(t *bitset.Bitset, xs []string, mask *bitset.Bitset) {
	if p.pat.shape == likeGeneral {
		forRows(len(xs), mask, func(i int) {
			if p.pat.matchGeneral(xs[i]) {
				t.Set(i)
			}
		})
		return
	}
	if p.pat.shape == likePrefix {
		lit := p.pat.lit
		for i, x := range xs {
			if len(x) >= len(lit) && x[:len(lit)] == lit {
				t.Set(i)
			}
		}
		return
	}
	for i, x := range xs {
		if p.pat.match(x) {
			t.Set(i)
		}
	}
}
