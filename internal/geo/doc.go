// Package geo is Kite's planar geometry for Milvus GEOMETRY fields: it reads
// and writes Well-Known Text, and answers the OGC spatial predicates the
// filter language exposes (ST_EQUALS, ST_CONTAINS, ST_CROSSES,
// ST_INTERSECTS, ST_OVERLAPS, ST_TOUCHES, ST_WITHIN, ST_DWITHIN,
// ST_ISVALID).
//
// # Model
//
// A Geometry is a POINT, LINESTRING, POLYGON (an outer ring and holes),
// their MULTI forms, or a GEOMETRYCOLLECTION of any of them, in two
// dimensions. Coordinates are float64 and finite. ParseWKT accepts what
// GEOS's reader accepts for 2D text (keywords in any case, EMPTY, both
// MULTIPOINT spellings) and rejects unclosed rings and one-point lines;
// Format writes the text GEOS writes ("POINT (1 2)", shortest decimals),
// which is what Milvus returns for a stored geometry.
//
// # Predicates
//
// Relate computes the DE-9IM intersection matrix of two geometries: it
// nodes the segments of each against the other's, then classifies every
// node (dimension 0), the midpoint of every noded edge (dimension 1) and a
// point on each side of every edge (dimension 2) as interior, boundary or
// exterior of both inputs. The named predicates read the matrix with the
// OGC patterns. Orientation tests are exact (a big-float fallback when the
// float result is too close to call), and points known to lie on a segment
// because they were computed as its intersection are located by that fact,
// not by recomputation, so rounding never moves a node off its edge.
// Bounding boxes answer disjoint pairs without building anything, and a
// point against a polygon or line takes a direct path.
//
// ST_DWITHIN follows Milvus: the query geometry is a point with
// coordinates in degrees (x longitude, y latitude); a point row is
// compared by great-circle (haversine, R = 6371000 m) distance; any other
// row by its planar distance in degrees, converted to metres at the query
// point's latitude.
//
// Nothing in this package panics on any input; malformed text is an
// error carrying the byte offset where reading stopped.
package geo
