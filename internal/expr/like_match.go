package expr

import (
	"strings"
	"unicode/utf8"
)

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
