package expr

import (
	"strings"

	"github.com/kite-db/kite/internal/bitset"
)

// Logic follows SQL's three-valued logic, as Milvus 2.6 does: a
// comparison on a null value is unknown; not unknown is unknown; false
// and unknown is false; true or unknown is true; only true rows match.
// So "not (x > 1)" does not match rows where x is null.

// andPred is t1 and t2 and ...; terms are ordered cheapest first, and each
// later term only looks at rows the earlier ones left true or unknown.
type andPred struct{ terms []pred }

// orPred is t1 or t2 or ...; later terms only look at rows not yet true.
type orPred struct{ terms []pred }

type notPred struct{ x pred }

// constPred is a folded constant: true or false for every row.
type constPred struct{ b bool }

func (p *andPred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	return evalChain(c, mask, p.terms, and3, func(r res) *bitset.Bitset { return orClone(r.t, r.unk) })
}

func (p *orPred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	return evalChain(c, mask, p.terms, or3, func(r res) *bitset.Bitset {
		live := r.t.Clone()
		live.Not()
		return live
	})
}

// evalChain folds terms with combine, narrowing the mask to the rows
// live says are still undecided and stopping when none are.
func evalChain(c *evalCtx, mask *bitset.Bitset, terms []pred, combine func(a, b res) res, live func(res) *bitset.Bitset) (res, error) {
	var acc res
	m := mask
	for i, term := range terms {
		r, err := term.eval(c, m)
		if err != nil {
			return res{}, err
		}
		if i == 0 {
			acc = r
		} else {
			acc = combine(acc, r)
		}
		if i == len(terms)-1 {
			break
		}
		if m = live(acc); mask != nil {
			m.And(mask)
		}
		if m.Count() == 0 {
			break
		}
	}
	return acc, nil
}

// orClone returns a fresh a | b; b may be nil.
func orClone(a, b *bitset.Bitset) *bitset.Bitset {
	out := a.Clone()
	if b != nil {
		out.Or(b)
	}
	return out
}

// and3 combines two results; it owns a.t and b.t but must not modify the
// unk sets, which may be shared null bitsets.
func and3(a, b res) res {
	if a.unk == nil && b.unk == nil {
		a.t.And(b.t)
		return res{t: a.t}
	}
	unk := orClone(a.t, a.unk)
	unk.And(orClone(b.t, b.unk))
	a.t.And(b.t)
	unk.AndNot(a.t)
	return res{t: a.t, unk: nonEmpty(unk)}
}

func or3(a, b res) res {
	a.t.Or(b.t)
	if a.unk == nil && b.unk == nil {
		return res{t: a.t}
	}
	unk := union(a.unk, b.unk).Clone()
	unk.AndNot(a.t)
	return res{t: a.t, unk: nonEmpty(unk)}
}

func nonEmpty(b *bitset.Bitset) *bitset.Bitset {
	if b.Count() == 0 {
		return nil
	}
	return b
}

func (p *notPred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	r, err := p.x.eval(c, mask)
	if err != nil {
		return res{}, err
	}
	if r.unk != nil {
		r.t.Or(r.unk)
	}
	r.t.Not()
	return r, nil
}

func (p *constPred) eval(c *evalCtx, _ *bitset.Bitset) (res, error) {
	if p.b {
		return res{t: bitset.NewFull(c.n)}, nil
	}
	return res{t: bitset.New(c.n)}, nil
}

func (p *andPred) cost() int   { return sumCost(p.terms) }
func (p *orPred) cost() int    { return sumCost(p.terms) }
func (p *notPred) cost() int   { return p.x.cost() }
func (p *constPred) cost() int { return 0 }

func sumCost(ps []pred) int {
	s := 0
	for _, p := range ps {
		s += p.cost()
	}
	return s
}

func (p *andPred) fields(add func(int64)) { eachField(p.terms, add) }
func (p *orPred) fields(add func(int64))  { eachField(p.terms, add) }
func (p *notPred) fields(add func(int64)) { p.x.fields(add) }
func (p *constPred) fields(func(int64))   {}

func eachField(ps []pred, add func(int64)) {
	for _, p := range ps {
		p.fields(add)
	}
}

func (p *andPred) String() string { return joinPreds(p.terms, " and ") }
func (p *orPred) String() string  { return joinPreds(p.terms, " or ") }
func (p *notPred) String() string { return "(not " + p.x.String() + ")" }

func (p *constPred) String() string {
	if p.b {
		return "true"
	}
	return "false"
}

func joinPreds(ps []pred, sep string) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return "(" + strings.Join(parts, sep) + ")"
}
