package geo

import "math"

// Earth radius and metres per degree of latitude that Milvus uses for
// ST_DWITHIN.
const (
	earthRadiusM       = 6371000.0
	metersPerDegreeLat = 111320.0
)

// DWithin answers ST_DWITHIN(row, q, meters) as Milvus does. q must be a
// point (x longitude, y latitude, in degrees): a point row is measured by
// great-circle distance; any other row by its planar distance in degrees
// from q, converted to metres at q's latitude.
func (q *Prepared) DWithin(row *Geometry, meters float64) bool {
	if q.point == nil || row.IsEmpty() {
		return false
	}
	p := *q.point
	if row.T == Point && len(row.Pts) == 1 {
		return Haversine(row.Pts[0], p) <= meters
	}
	deg := distanceTo(newTopo(row), p)
	lat := p.Y * math.Pi / 180
	perDegree := metersPerDegreeLat * math.Sqrt((1+math.Cos(lat)*math.Cos(lat))/2)
	return deg*perDegree <= meters
}

// Haversine is the great-circle distance in metres between two lon/lat
// points in degrees.
func Haversine(a, b XY) float64 {
	const rad = math.Pi / 180
	lat1, lat2 := a.Y*rad, b.Y*rad
	dLat, dLon := (b.Y-a.Y)*rad, (b.X-a.X)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return earthRadiusM * 2 * math.Atan2(math.Sqrt(h), math.Sqrt(1-h))
}

// distanceTo is the planar distance from p to the geometry: 0 inside an
// area or on any part.
func distanceTo(t *topo, p XY) float64 {
	if t.locate(p, nil) != exterior {
		return 0
	}
	d := math.Inf(1)
	for _, s := range t.segs {
		d = min(d, segDist(p, s.a, s.b))
	}
	for _, q := range t.pts {
		d = min(d, math.Hypot(p.X-q.X, p.Y-q.Y))
	}
	for _, l := range t.lines { // lines of one repeated point have no segment
		d = min(d, math.Hypot(p.X-l[0].X, p.Y-l[0].Y))
	}
	return d
}
