package geo

import "math"

// Type is the kind of a geometry, named as in WKT.
type Type uint8

const (
	Point Type = iota + 1
	LineString
	Polygon
	MultiPoint
	MultiLineString
	MultiPolygon
	GeometryCollection
)

var typeNames = [...]string{"", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "UNKNOWN"
}

// XY is a coordinate.
type XY struct{ X, Y float64 }

// Geometry is one geometry value. Which fields are used depends on T:
//
//	Point, MultiPoint            Pts (a Point has 0 or 1)
//	LineString, MultiLineString  Lines (a LineString has 0 or 1)
//	Polygon, MultiPolygon        Polys, each a list of rings, outer first
//	GeometryCollection           Geoms
//
// Rings are closed: the first and last coordinates are equal.
type Geometry struct {
	T     Type
	Pts   []XY
	Lines [][]XY
	Polys [][][]XY
	Geoms []Geometry
}

// IsEmpty reports whether g has no coordinates at all.
func (g *Geometry) IsEmpty() bool {
	switch g.T {
	case Point, MultiPoint:
		return len(g.Pts) == 0
	case LineString, MultiLineString:
		return len(g.Lines) == 0
	case Polygon, MultiPolygon:
		return len(g.Polys) == 0
	}
	for i := range g.Geoms {
		if !g.Geoms[i].IsEmpty() {
			return false
		}
	}
	return true
}

// Dim is the topological dimension: 0 points, 1 lines, 2 areas; -1 when
// empty. A collection has the largest dimension of its members.
func (g *Geometry) Dim() int {
	if g.IsEmpty() {
		return -1
	}
	switch g.T {
	case Point, MultiPoint:
		return 0
	case LineString, MultiLineString:
		return 1
	case Polygon, MultiPolygon:
		return 2
	}
	d := -1
	for i := range g.Geoms {
		d = max(d, g.Geoms[i].Dim())
	}
	return d
}

// Box is an axis-aligned bounding box. An empty box has Min > Max.
type Box struct{ Min, Max XY }

func emptyBox() Box {
	return Box{Min: XY{math.Inf(1), math.Inf(1)}, Max: XY{math.Inf(-1), math.Inf(-1)}}
}

// IsEmpty reports whether the box holds no point.
func (b Box) IsEmpty() bool { return b.Min.X > b.Max.X }

func (b *Box) add(p XY) {
	b.Min.X, b.Min.Y = min(b.Min.X, p.X), min(b.Min.Y, p.Y)
	b.Max.X, b.Max.Y = max(b.Max.X, p.X), max(b.Max.Y, p.Y)
}

// Intersects reports whether two boxes share at least one point.
func (b Box) Intersects(o Box) bool {
	return !b.IsEmpty() && !o.IsEmpty() &&
		b.Min.X <= o.Max.X && o.Min.X <= b.Max.X && b.Min.Y <= o.Max.Y && o.Min.Y <= b.Max.Y
}

// Covers reports whether o lies inside b (edges included).
func (b Box) Covers(o Box) bool {
	return !b.IsEmpty() && !o.IsEmpty() &&
		b.Min.X <= o.Min.X && o.Max.X <= b.Max.X && b.Min.Y <= o.Min.Y && o.Max.Y <= b.Max.Y
}

// Bounds returns the bounding box of g, empty for an empty geometry.
func (g *Geometry) Bounds() Box {
	b := emptyBox()
	g.eachXY(b.add)
	return b
}

// eachXY calls f for every coordinate of g.
func (g *Geometry) eachXY(f func(XY)) {
	for _, p := range g.Pts {
		f(p)
	}
	for _, l := range g.Lines {
		for _, p := range l {
			f(p)
		}
	}
	for _, poly := range g.Polys {
		for _, r := range poly {
			for _, p := range r {
				f(p)
			}
		}
	}
	for i := range g.Geoms {
		g.Geoms[i].eachXY(f)
	}
}
