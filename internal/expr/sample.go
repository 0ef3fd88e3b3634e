package expr

import (
	"math"
	"strconv"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/schema"
)

// RANDOM_SAMPLE(factor) keeps a random fraction of the rows the rest of
// the filter matches. As in Milvus 2.6 it may only stand alone or as the
// last term of the top-level "and" chain, and factor is a float constant
// strictly between 0 and 1.
//
// A row is kept when a hash of (seed, primary key) falls below
// factor·2⁶⁴: each row is kept with probability factor, independently of
// the others, and the choice depends only on the seed and the key — not
// on segment boundaries or on whether a segment is growing, sealed or
// indexed. Compile draws a fresh seed, so one compiled filter (one
// request) samples consistently across all its segments; WithSampleSeed
// fixes it.

const sampleName = "random_sample"

// sampleEpsilon is how close to 0 or 1 Milvus lets a factor come.
const sampleEpsilon = 1e-10

// samplePred is the sampled root of a filter.
type samplePred struct {
	x      pred // the rest of the filter; nil samples every row
	factor float64
	pk     *schema.Field
}

func isSampleCall(n Node) bool {
	c, ok := n.(*Call)
	return ok && c.Name == sampleName
}

// producesSample reports whether n checks to a sampled predicate: a
// RANDOM_SAMPLE call, or an "and" chain whose last term produces one.
func producesSample(n Node) bool {
	if l, ok := n.(*Logical); ok && l.Op == tkAnd {
		return producesSample(l.Terms[len(l.Terms)-1])
	}
	return isSampleCall(n)
}

// checkSampleRoot checks a filter whose root produces a sample: the terms
// before the call form the predicate sampled from.
func (c *checker) checkSampleRoot(n Node) (pred, error) {
	rest, call := splitSample(n)
	f, err := c.sampleFactor(call)
	if err != nil {
		return nil, err
	}
	p := &samplePred{factor: f, pk: c.sch.PrimaryKey()}
	if p.pk == nil {
		return nil, typeErr(call.P, "random sample needs a primary key field")
	}
	if len(rest) > 0 {
		var x Node = &Logical{P: rest[0].Pos(), Op: tkAnd, Terms: rest}
		if len(rest) == 1 {
			x = rest[0]
		}
		t, err := c.check(x)
		if err != nil {
			return nil, err
		}
		q, ok := asPred(t)
		if !ok {
			return nil, typeErr(x.Pos(), "'and' can only be used between boolean expressions")
		}
		p.x = q
	}
	if cp, ok := p.x.(*constPred); ok {
		if !cp.b {
			return cp, nil // nothing to sample from
		}
		p.x = nil
	}
	return p, nil
}

// splitSample flattens "a and (b and random_sample(f))" into [a, b] and
// the call.
func splitSample(n Node) ([]Node, *Call) {
	l, ok := n.(*Logical)
	if !ok {
		return nil, n.(*Call)
	}
	last := len(l.Terms) - 1
	rest, call := splitSample(l.Terms[last])
	return append(append([]Node(nil), l.Terms[:last]...), rest...), call
}

// sampleFactor checks the factor with Milvus's rules and messages.
func (c *checker) sampleFactor(n *Call) (float64, error) {
	if len(n.Args) != 1 {
		return 0, typeErr(n.P, "function %s expects 1 argument, got %d", n.Name, len(n.Args))
	}
	arg := n.Args[0]
	t, err := c.check(arg)
	if _, tmpl := arg.(*Template); err != nil || tmpl || t.c == nil {
		return 0, typeErr(arg.Pos(), `"float factor" should be a const float expression: "float factor" passed: %s`, arg)
	}
	f := 0.0 // Milvus reads the factor as a float: an integer constant counts as 0
	if t.c.k == kFloat {
		f = t.c.f
	}
	if !(f > sampleEpsilon && f < 1-sampleEpsilon) {
		return 0, typeErr(arg.Pos(), "the sample factor should be between 0 and 1 and not too close to 0 or 1(the difference should be larger than 1e-10), but got %s", arg)
	}
	return f, nil
}

// sampleMisplaced explains why a RANDOM_SAMPLE found where it is not
// allowed is rejected, in Milvus's words where Milvus has them.
func sampleMisplaced(n Node, context string) error {
	return typeErr(n.Pos(), "random sample expression %s", context)
}

func (p *samplePred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	var r res
	if p.x == nil {
		r = res{t: bitset.NewFull(c.n)}
	} else {
		var err error
		if r, err = p.x.eval(c, mask); err != nil {
			return res{}, err
		}
	}
	col, err := c.column(p.pk)
	if err != nil {
		return res{}, err
	}
	limit := sampleLimit(p.factor)
	seed := c.seed
	r.t.ForEach(func(i int) bool {
		var h uint64
		if col.Strings != nil {
			h = hashString(seed, col.Strings[i])
		} else {
			h = mix64(seed ^ uint64(col.Ints[i]))
		}
		if h >= limit {
			r.t.Clear(i)
		}
		return true
	})
	return r, nil
}

// sampleLimit is factor·2⁶⁴: hashes below it are kept.
func sampleLimit(f float64) uint64 { return uint64(math.Ldexp(f, 64)) }

// mix64 is splitmix64's finalizer: a bijection whose output bits each
// depend on every input bit.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// hashString is FNV-1a over s started from the seed, then mixed.
func hashString(seed uint64, s string) uint64 {
	h := seed ^ 0xcbf29ce484222325
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 0x100000001b3
	}
	return mix64(h)
}

func (p *samplePred) cost() int {
	if p.x == nil {
		return 1
	}
	return p.x.cost() + 1
}

func (p *samplePred) fields(add func(int64)) {
	add(p.pk.ID)
	if p.x != nil {
		p.x.fields(add)
	}
}

func (p *samplePred) String() string {
	s := sampleName + "(" + strconv.FormatFloat(p.factor, 'g', -1, 64) + ")"
	if p.x == nil {
		return s
	}
	return "(" + p.x.String() + " and " + s + ")"
}

// checkSamplePlacement rejects RANDOM_SAMPLE in an "or", or before the
// last term of an "and"; a sampled "and" nested below the root is caught
// when its call is checked.
func checkSamplePlacement(n *Logical) error {
	for i, t := range n.Terms {
		switch {
		case !producesSample(t):
		case n.Op == tkOr:
			// Milvus's message for "or" says "and" too.
			return sampleMisplaced(t, "cannot be used in logical and expression")
		case i < len(n.Terms)-1:
			return sampleMisplaced(t, "can only be the last expression in the logical and expression")
		}
	}
	return nil
}
