package geo

// Op is one of the binary spatial predicates of the filter language.
type Op uint8

const (
	OpEquals Op = iota + 1
	OpContains
	OpCrosses
	OpIntersects
	OpOverlaps
	OpTouches
	OpWithin
)

var opNames = [...]string{"", "ST_EQUALS", "ST_CONTAINS", "ST_CROSSES", "ST_INTERSECTS", "ST_OVERLAPS", "ST_TOUCHES", "ST_WITHIN"}

func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return "ST_UNKNOWN"
}

// Prepared is a query geometry made ready to be tested against many rows:
// its bounding box and segments are computed once. It is read-only and
// safe for concurrent use.
type Prepared struct {
	g     Geometry
	t     *topo
	point *XY // set when g is a single point
	box   Box
}

// Prepare readies g to be the second argument of Test and DWithin.
func Prepare(g Geometry) *Prepared {
	q := &Prepared{g: g, t: newTopo(&g), box: g.Bounds()}
	if g.T == Point && len(g.Pts) == 1 {
		q.point = &g.Pts[0]
	}
	return q
}

// Geometry returns the prepared geometry.
func (q *Prepared) Geometry() *Geometry { return &q.g }

// Box returns the prepared geometry's bounding box.
func (q *Prepared) Box() Box { return q.box }

// Test answers op(row, q): whether the row geometry stands in relation op
// to the query geometry, with the OGC meaning.
func (q *Prepared) Test(op Op, row *Geometry) bool {
	rowBox := row.Bounds()
	if r, ok := q.byBox(op, rowBox); ok {
		return r
	}
	if row.T == Point && len(row.Pts) == 1 {
		if r, ok := q.rowPoint(op, row.Pts[0]); ok {
			return r
		}
	}
	rt := newTopo(row)
	if q.point != nil {
		if r, ok := queryPoint(op, rt, *q.point); ok {
			return r
		}
	}
	return matches(op, relate(rt, q.t), rt.dim, q.t.dim)
}

// byBox answers from bounding boxes alone when they decide: disjoint
// boxes, a box that cannot hold the other, empty inputs.
func (q *Prepared) byBox(op Op, rowBox Box) (bool, bool) {
	if rowBox.IsEmpty() || q.box.IsEmpty() {
		return op == OpEquals && rowBox.IsEmpty() && q.box.IsEmpty(), true
	}
	if !rowBox.Intersects(q.box) {
		return false, true
	}
	switch op {
	case OpContains:
		return false, !rowBox.Covers(q.box)
	case OpWithin:
		return false, !q.box.Covers(rowBox)
	case OpEquals:
		return false, rowBox != q.box
	}
	return false, false
}

// rowPoint answers op(point, q) from where the point lies in q.
func (q *Prepared) rowPoint(op Op, p XY) (bool, bool) {
	l := q.t.locate(p, nil)
	switch op {
	case OpIntersects:
		return l != exterior, true
	case OpWithin:
		return l == interior, true
	case OpTouches:
		return l == boundary, true
	case OpCrosses, OpOverlaps:
		return false, true // a point cannot be both inside and outside
	}
	return false, false // OpEquals, OpContains: decided by the general path
}

// queryPoint answers op(row, point) from where the point lies in the row.
func queryPoint(op Op, rt *topo, p XY) (bool, bool) {
	l := rt.locate(p, nil)
	switch op {
	case OpIntersects:
		return l != exterior, true
	case OpContains:
		return l == interior, true
	case OpTouches:
		return l == boundary, true
	case OpCrosses, OpOverlaps:
		return false, true
	}
	return false, false
}

// matches reads op from a DE-9IM matrix with the OGC patterns.
func matches(op Op, m Matrix, da, db int) bool {
	const i, b, e = interior, boundary, exterior
	switch op {
	case OpEquals:
		return m[i][i] >= 0 && m[i][e] < 0 && m[b][e] < 0 && m[e][i] < 0 && m[e][b] < 0
	case OpContains:
		return m[i][i] >= 0 && m[e][i] < 0 && m[e][b] < 0
	case OpWithin:
		return m[i][i] >= 0 && m[i][e] < 0 && m[b][e] < 0
	case OpIntersects:
		return m[i][i] >= 0 || m[i][b] >= 0 || m[b][i] >= 0 || m[b][b] >= 0
	case OpTouches:
		return m[i][i] < 0 && (m[i][b] >= 0 || m[b][i] >= 0 || m[b][b] >= 0)
	case OpCrosses:
		switch {
		case da < db:
			return m[i][i] >= 0 && m[i][e] >= 0
		case da > db:
			return m[i][i] >= 0 && m[e][i] >= 0
		case da == 1:
			return m[i][i] == 0
		}
		return false
	case OpOverlaps:
		if da != db {
			return false
		}
		if da == 1 {
			return m[i][i] == 1 && m[i][e] >= 0 && m[e][i] >= 0
		}
		return m[i][i] >= 0 && m[i][e] >= 0 && m[e][i] >= 0
	}
	return false
}

// Test answers op(a, b) for two geometries; for many rows against one
// query, Prepare the query once.
func Test(op Op, a, b *Geometry) bool { return Prepare(*b).Test(op, a) }
