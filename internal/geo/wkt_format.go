package geo

import (
	"strconv"
	"strings"
)

// Format writes g as WKT the way GEOS writes it, which is what Milvus
// returns for stored geometries: "POINT (1 2)", "POLYGON ((0 0, 1 0, 1 1, 0 0))",
// "MULTIPOINT ((1 2), (3 4))", "POINT EMPTY"; numbers in the shortest
// decimal form of at most 16 significant digits.
func Format(g *Geometry) string {
	var b strings.Builder
	writeGeom(&b, g)
	return b.String()
}

// String is Format(g).
func (g Geometry) String() string { return Format(&g) }

func writeGeom(b *strings.Builder, g *Geometry) {
	b.WriteString(g.T.String())
	if g.IsEmpty() && (g.T != GeometryCollection || len(g.Geoms) == 0) {
		b.WriteString(" EMPTY")
		return
	}
	b.WriteByte(' ')
	switch g.T {
	case Point:
		b.WriteByte('(')
		writeXY(b, g.Pts[0])
		b.WriteByte(')')
	case LineString:
		writeSeq(b, g.Lines[0])
	case Polygon:
		writePoly(b, g.Polys[0])
	case MultiPoint:
		writeList(b, len(g.Pts), func(i int) { writeSeq(b, g.Pts[i:i+1]) })
	case MultiLineString:
		writeList(b, len(g.Lines), func(i int) { writeSeq(b, g.Lines[i]) })
	case MultiPolygon:
		writeList(b, len(g.Polys), func(i int) { writePoly(b, g.Polys[i]) })
	case GeometryCollection:
		writeList(b, len(g.Geoms), func(i int) { writeGeom(b, &g.Geoms[i]) })
	}
}

func writeList(b *strings.Builder, n int, item func(int)) {
	b.WriteByte('(')
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		item(i)
	}
	b.WriteByte(')')
}

func writeSeq(b *strings.Builder, pts []XY) {
	writeList(b, len(pts), func(i int) { writeXY(b, pts[i]) })
}

func writePoly(b *strings.Builder, rings [][]XY) {
	writeList(b, len(rings), func(i int) { writeSeq(b, rings[i]) })
}

func writeXY(b *strings.Builder, p XY) {
	b.WriteString(formatNum(p.X))
	b.WriteByte(' ')
	b.WriteString(formatNum(p.Y))
}

// formatNum rounds to 16 significant digits, as GEOS's writer does, then
// prints the shortest plain decimal of that.
func formatNum(f float64) string {
	if f == 0 {
		return "0" // also -0
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 16, 64), 64)
	if err != nil {
		r = f
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
