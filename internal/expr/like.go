package expr

import (
	"strings"
	"unicode/utf8"

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

// likeSeg is a run of literals and _ between two %: it always spans the
// same number of characters, so matching each segment at its leftmost
// possible place is enough, and no backtracking is needed.
type likeSeg []likeTok

// splitLike cuts the tokens at each %.
func (p *likePattern) splitLike() {
	p.anchorStart = len(p.toks) > 0 && p.toks[0].k != ltAny
	p.anchorEnd = len(p.toks) > 0 && p.toks[len(p.toks)-1].k != ltAny
	var cur likeSeg
	for _, t := range p.toks {
		if t.k == ltAny {
			if len(cur) > 0 {
				p.segs = append(p.segs, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, t)
	}
	if len(cur) > 0 {
		p.segs = append(p.segs, cur)
	}
}

func (p *likePattern) matchGeneral(s string) bool {
	segs, pos := p.segs, 0
	if p.anchorStart {
		end, ok := matchSeg(s, 0, segs[0])
		if !ok {
			return false
		}
		if len(segs) == 1 && p.anchorEnd { // no % at all
			return end == len(s)
		}
		pos, segs = end, segs[1:]
	}
	var last likeSeg
	if p.anchorEnd {
		last, segs = segs[len(segs)-1], segs[:len(segs)-1]
	}
	for _, seg := range segs {
		end, ok := findSeg(s, pos, seg)
		if !ok {
			return false
		}
		pos = end
	}
	return !p.anchorEnd || matchSuffix(s, pos, last)
}

// matchSeg matches seg at s[pos:] and returns where the match ends.
func matchSeg(s string, pos int, seg likeSeg) (int, bool) {
	for _, t := range seg {
		if t.k == ltOne {
			if pos >= len(s) {
				return 0, false
			}
			_, w := utf8.DecodeRuneInString(s[pos:])
			pos += w
			continue
		}
		if !strings.HasPrefix(s[pos:], t.lit) {
			return 0, false
		}
		pos += len(t.lit)
	}
	return pos, true
}

// findSeg finds the leftmost match of seg at or after pos.
func findSeg(s string, pos int, seg likeSeg) (int, bool) {
	for pos <= len(s) {
		start := pos
		if seg[0].k == ltLit {
			i := strings.Index(s[pos:], seg[0].lit)
			if i < 0 {
				return 0, false
			}
			start = pos + i
		}
		if end, ok := matchSeg(s, start, seg); ok {
			return end, true
		}
		_, w := utf8.DecodeRuneInString(s[start:])
		pos = start + max(w, 1)
	}
	return 0, false
}

// matchSuffix matches seg so that it ends exactly at the end of s,
// starting at or after pos.
func matchSuffix(s string, pos int, seg likeSeg) bool {
	for start := pos; start <= len(s); {
		if end, ok := matchSeg(s, start, seg); ok && end == len(s) {
			return true
		}
		if start == len(s) {
			return false
		}
		_, w := utf8.DecodeRuneInString(s[start:])
		start += w
	}
	return false
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
