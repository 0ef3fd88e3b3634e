package expr

import (
	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/schema"
)

// nullPred is "f is null" or "f is not null" on a whole field. It reads
// only the column's validity, and is never unknown.
type nullPred struct {
	f   *schema.Field
	not bool
}

func (p *nullPred) cost() int              { return 1 }
func (p *nullPred) fields(add func(int64)) { add(p.f.ID) }

func (p *nullPred) String() string {
	name := p.f.Name
	if p.f.IsDynamic {
		name = schema.DynamicFieldName
	}
	if p.not {
		return "(" + name + " is not null)"
	}
	return "(" + name + " is null)"
}

func (p *nullPred) eval(c *evalCtx, _ *bitset.Bitset) (res, error) {
	col, err := c.column(p.f)
	if err != nil {
		return res{}, err
	}
	null := c.nullsOf(p.f, col)
	if p.not {
		t := bitset.NewFull(c.n)
		if null != nil {
			t.AndNot(null)
		}
		return res{t: t}, nil
	}
	if null == nil {
		return res{t: bitset.New(c.n)}, nil
	}
	return res{t: null.Clone()}, nil
}

// existsPred is "exists j["k"]": the key is present, whatever its value
// (null included). "j["k"] is null" compiles to not exists, as in Milvus.
type existsPred struct{ x *jsonOp }

func (p *existsPred) cost() int              { return p.x.cost() }
func (p *existsPred) fields(add func(int64)) { p.x.fields(add) }
func (p *existsPred) String() string         { return "(exists " + p.x.String() + ")" }

func (p *existsPred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	v, err := p.x.eval(c, mask)
	if err != nil {
		return res{}, err
	}
	t := bitset.New(c.n)
	forRows(c.n, mask, func(i int) {
		if v.js[i].k != jMissing {
			t.Set(i)
		}
	})
	return v.finish(t), nil
}

// fieldsPred compares two operands row by row: "a < b". Milvus allows it
// between scalar fields of compatible types, not on JSON or arrays.
type fieldsPred struct {
	l, r operand
	op   tokKind
}

func (p *fieldsPred) cost() int { return p.l.cost() + p.r.cost() }
func (p *fieldsPred) fields(add func(int64)) {
	p.l.fields(add)
	p.r.fields(add)
}

func (p *fieldsPred) String() string {
	return "(" + p.l.String() + " " + opText[p.op] + " " + p.r.String() + ")"
}

func (p *fieldsPred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	l, err := p.l.eval(c, mask)
	if err != nil {
		return res{}, err
	}
	r, err := p.r.eval(c, mask)
	if err != nil {
		return res{}, err
	}
	t := bitset.New(c.n)
	for i := 0; i < c.n; i++ {
		if cr, ok := compareRows(l, r, i); ok && applyCmp(p.op, cr) {
			t.Set(i)
		} else if !ok && p.op == tkNe {
			t.Set(i)
		}
	}
	both := &vector{null: union(l.null, r.null), miss: union(l.miss, r.miss)}
	return both.finish(t), nil
}

// compareRows compares row i of two vectors of compatible kinds; ok is
// false when a NaN is involved.
func compareRows(l, r *vector, i int) (int, bool) {
	switch {
	case l.k == kString:
		return cmp3(l.strs[i], r.strs[i]), true
	case l.k == kBool:
		return cmpBool(l.bools[i], r.bools[i]), true
	}
	return cmpNum(numAt(l, i), numAt(r, i))
}

func numAt(v *vector, i int) value {
	if v.k == kInt {
		return intVal(v.ints[i])
	}
	return floatVal(v.floats[i])
}
