package expr

import (
	"strings"

	"github.com/kite-db/kite/internal/geo"
	"github.com/kite-db/kite/internal/schema"
)

// geoOps maps the spatial functions of the filter language to their
// predicates; st_dwithin and st_isvalid are handled on their own.
var geoOps = map[string]geo.Op{
	"st_equals": geo.OpEquals, "st_contains": geo.OpContains, "st_crosses": geo.OpCrosses,
	"st_intersects": geo.OpIntersects, "st_overlaps": geo.OpOverlaps, "st_touches": geo.OpTouches,
	"st_within": geo.OpWithin,
}

const (
	stDWithin = "st_dwithin"
	stIsValid = "st_isvalid"
)

// isGeoFunc reports whether a (lower-cased) function name is spatial.
func isGeoFunc(name string) bool {
	_, ok := geoOps[name]
	return ok || name == stDWithin || name == stIsValid
}

// checkGeo checks ST_XXX(field, 'WKT'), ST_DWITHIN(field, 'POINT', d) and
// ST_ISVALID(field). Milvus's grammar knows each name only all upper or
// all lower case.
func (c *checker) checkGeo(n *Call) (typed, error) {
	if n.Raw != "" && n.Raw != strings.ToUpper(n.Raw) && n.Raw != strings.ToLower(n.Raw) {
		return typed{}, typeErr(n.P, "function %s is not supported: write %s or %s", n.Raw, strings.ToUpper(n.Raw), strings.ToLower(n.Raw))
	}
	want := 2
	switch n.Name {
	case stDWithin:
		want = 3
	case stIsValid:
		want = 1
	}
	if len(n.Args) != want {
		return typed{}, typeErr(n.P, "function %s expects %d arguments, got %d", strings.ToUpper(n.Name), want, len(n.Args))
	}
	f, err := c.geoField(n)
	if err != nil {
		return typed{}, err
	}
	p := &geoPred{f: f, name: n.Name}
	if n.Name == stIsValid {
		return typed{p: p}, nil
	}
	g, err := c.geoConst(n)
	if err != nil {
		return typed{}, err
	}
	p.q = geo.Prepare(g)
	if n.Name != stDWithin {
		p.op = geoOps[n.Name]
		return typed{p: p}, nil
	}
	if g.T != geo.Point || g.IsEmpty() {
		return typed{}, typeErr(n.Args[1].Pos(), "ST_DWITHIN requires a POINT geometry, got: %s", geo.Format(&g))
	}
	p.dist, err = c.geoDistance(n.Args[2])
	return typed{p: p}, err
}

// geoField resolves the first argument, which must name a GEOMETRY field.
func (c *checker) geoField(n *Call) (*schema.Field, error) {
	id, ok := n.Args[0].(*Ident)
	if !ok {
		return nil, typeErr(n.Args[0].Pos(), "%s needs a geometry field name, got: %s", strings.ToUpper(n.Name), n.Args[0])
	}
	f, dynamic, err := c.lookupField(id.Name, id.P)
	if err != nil {
		return nil, err
	}
	if dynamic || f.DataType != schema.Geometry {
		what := "spatial"
		switch n.Name {
		case stDWithin:
			what = "ST_DWITHIN"
		case stIsValid:
			what = "STIsValid"
		}
		return nil, typeErr(n.P, "%s operation are only supported on geometry fields now, got: %s", what, n)
	}
	return f, nil
}

// geoFieldNamed returns the GEOMETRY field n names, or nil: such a field
// can only be tested for null outside the spatial functions.
func (c *checker) geoFieldNamed(n Node) *schema.Field {
	id, ok := n.(*Ident)
	if !ok {
		return nil
	}
	if f := c.sch.FieldByName(id.Name); f != nil && f.DataType == schema.Geometry {
		return f
	}
	return nil
}

// geoConst reads the WKT argument: a string literal or a string template.
func (c *checker) geoConst(n *Call) (geo.Geometry, error) {
	arg := n.Args[1]
	t, err := c.check(arg)
	if err != nil {
		return geo.Geometry{}, err
	}
	if t.c == nil || t.c.k != kString {
		return geo.Geometry{}, typeErr(arg.Pos(), "the geometry of %s must be a WKT string, got: %s", strings.ToUpper(n.Name), arg)
	}
	g, err := geo.ParseWKT(t.c.s)
	if err != nil {
		return geo.Geometry{}, typeErr(arg.Pos(), "invalid WKT: %s, %v", t.c.s, err)
	}
	return g, nil
}

// geoDistance reads ST_DWITHIN's distance: a non-negative number constant.
func (c *checker) geoDistance(arg Node) (float64, error) {
	t, err := c.check(arg)
	if err != nil {
		return 0, err
	}
	if t.c == nil {
		return 0, typeErr(arg.Pos(), "distance parameter must be a constant numeric value, got: %s", arg)
	}
	if !t.c.isNum() {
		return 0, typeErr(arg.Pos(), "distance parameter must be a numeric value (int or float), got: %s", arg)
	}
	d := t.c.asFloat()
	if d < 0 {
		return 0, typeErr(arg.Pos(), "distance parameter must be non-negative, got: %f", d)
	}
	return d, nil
}
