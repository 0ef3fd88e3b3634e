package expr

import (
	"strconv"
	"strings"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/geo"
	"github.com/kite-db/kite/internal/schema"
)

// geoPred is a spatial function on a GEOMETRY field. Each row's WKT is
// read once per Eval, only for the rows in the mask; a null row is
// unknown, as in Milvus.
type geoPred struct {
	f    *schema.Field
	name string // lower-case function name
	op   geo.Op // for the binary predicates
	q    *geo.Prepared
	dist float64 // ST_DWITHIN, metres
}

// Spatial tests parse text and may build a segment arrangement per row:
// the most expensive predicates, evaluated after every cheaper term.
func (p *geoPred) cost() int              { return 40 }
func (p *geoPred) fields(add func(int64)) { add(p.f.ID) }

func (p *geoPred) String() string {
	var b strings.Builder
	b.WriteString(strings.ToUpper(p.name) + "(" + p.f.Name)
	if p.q != nil {
		b.WriteString(", " + strVal(geo.Format(p.q.Geometry())).String())
	}
	if p.name == stDWithin {
		b.WriteString(", " + strconv.FormatFloat(p.dist, 'g', -1, 64))
	}
	b.WriteString(")")
	return b.String()
}

func (p *geoPred) eval(c *evalCtx, mask *bitset.Bitset) (res, error) {
	col, err := c.column(p.f)
	if err != nil {
		return res{}, err
	}
	null := c.nullsOf(p.f, col)
	t := bitset.New(c.n)
	forRows(c.n, mask, func(i int) {
		if null != nil && null.Test(i) {
			return
		}
		g, err := geo.ParseWKT(col.Strings[i])
		if err == nil && p.test(&g) {
			t.Set(i)
		}
	})
	return res{t: t, unk: null}, nil
}

func (p *geoPred) test(g *geo.Geometry) bool {
	switch p.name {
	case stIsValid:
		return geo.IsValid(g)
	case stDWithin:
		return p.q.DWithin(g, p.dist)
	}
	return p.q.Test(p.op, g)
}
