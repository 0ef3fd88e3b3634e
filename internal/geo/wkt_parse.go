package geo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// maxNesting bounds GEOMETRYCOLLECTION nesting so hostile text cannot
// exhaust the stack.
const maxNesting = 64

// ParseError says where and why WKT could not be read.
type ParseError struct {
	Pos int // byte offset in the text
	Msg string
}

func (e *ParseError) Error() string { return fmt.Sprintf("invalid WKT at offset %d: %s", e.Pos, e.Msg) }

// ParseWKT reads one geometry from Well-Known Text.
func ParseWKT(s string) (Geometry, error) {
	r := &wktReader{src: s}
	g, err := r.geometry(0)
	if err != nil {
		return Geometry{}, err
	}
	if r.skipSpace(); r.pos < len(r.src) {
		return Geometry{}, r.errf("unexpected text after the geometry")
	}
	return g, nil
}

type wktReader struct {
	src string
	pos int
}

func (r *wktReader) errf(format string, args ...any) error {
	return &ParseError{Pos: r.pos, Msg: fmt.Sprintf(format, args...)}
}

func (r *wktReader) skipSpace() {
	for r.pos < len(r.src) {
		switch r.src[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// word reads a keyword, upper-cased; "" when the next token is not one.
func (r *wktReader) word() string {
	r.skipSpace()
	start := r.pos
	for r.pos < len(r.src) && isLetter(r.src[r.pos]) {
		r.pos++
	}
	return strings.ToUpper(r.src[start:r.pos])
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// peekByte returns the next non-space byte without consuming it, 0 at the end.
func (r *wktReader) peekByte() byte {
	r.skipSpace()
	if r.pos < len(r.src) {
		return r.src[r.pos]
	}
	return 0
}

func (r *wktReader) expect(c byte) error {
	if r.peekByte() != c {
		if r.pos >= len(r.src) {
			return r.errf("expected %q, got end of text", c)
		}
		return r.errf("expected %q, got %q", c, r.src[r.pos])
	}
	r.pos++
	return nil
}

var typeByName = map[string]Type{
	"POINT": Point, "LINESTRING": LineString, "POLYGON": Polygon, "MULTIPOINT": MultiPoint,
	"MULTILINESTRING": MultiLineString, "MULTIPOLYGON": MultiPolygon, "GEOMETRYCOLLECTION": GeometryCollection,
}

func (r *wktReader) geometry(depth int) (Geometry, error) {
	if depth > maxNesting {
		return Geometry{}, r.errf("geometry collections nested more than %d deep", maxNesting)
	}
	start := r.pos
	name := r.word()
	t, ok := typeByName[name]
	if !ok {
		r.pos = start
		r.skipSpace()
		return Geometry{}, r.errf("unknown geometry type %q", name)
	}
	g := Geometry{T: t}
	empty, err := r.emptyOrOpen()
	if err != nil || empty {
		return g, err
	}
	switch t {
	case Point:
		var p XY
		if p, err = r.coord(); err == nil {
			g.Pts = []XY{p}
			err = r.expect(')')
		}
	case LineString:
		var l []XY
		if l, err = r.lineBody(); err == nil {
			g.Lines = [][]XY{l}
		}
	case Polygon:
		var p [][]XY
		if p, err = r.polyBody(); err == nil {
			g.Polys = [][][]XY{p}
		}
	case MultiPoint:
		g.Pts, err = r.multiPointBody()
	case MultiLineString:
		err = r.list(func() error {
			l, err := r.openLine()
			g.Lines = append(g.Lines, l)
			return err
		})
	case MultiPolygon:
		err = r.list(func() error {
			if err := r.expect('('); err != nil {
				return err
			}
			p, err := r.polyBody()
			g.Polys = append(g.Polys, p)
			return err
		})
	case GeometryCollection:
		err = r.list(func() error {
			m, err := r.geometry(depth + 1)
			g.Geoms = append(g.Geoms, m)
			return err
		})
	}
	return g, err
}

// emptyOrOpen reads a dimension tag (rejected), then EMPTY or "(".
func (r *wktReader) emptyOrOpen() (bool, error) {
	at := r.pos
	switch w := r.word(); w {
	case "":
		return false, r.expect('(')
	case "EMPTY":
		return true, nil
	case "Z", "M", "ZM":
		r.pos = at
		r.skipSpace()
		return false, r.errf("%s coordinates are not supported, only 2D", w)
	default:
		r.pos = at
		r.skipSpace()
		return false, r.errf("expected \"(\" or EMPTY, got %q", w)
	}
}

// list reads item {"," item} ")" after an opening parenthesis.
func (r *wktReader) list(item func() error) error {
	for {
		if err := item(); err != nil {
			return err
		}
		if r.peekByte() != ',' {
			return r.expect(')')
		}
		r.pos++
	}
}

func (r *wktReader) coord() (XY, error) {
	x, err := r.number()
	if err != nil {
		return XY{}, err
	}
	y, err := r.number()
	if err != nil {
		return XY{}, err
	}
	if c := r.peekByte(); c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9' {
		return XY{}, r.errf("3D coordinates are not supported, only 2D")
	}
	return XY{x, y}, nil
}

func (r *wktReader) number() (float64, error) {
	r.skipSpace()
	start := r.pos
	for r.pos < len(r.src) && isNumByte(r.src[r.pos]) {
		r.pos++
	}
	if start == r.pos {
		if r.pos >= len(r.src) {
			return 0, r.errf("expected a number, got end of text")
		}
		return 0, r.errf("expected a number, got %q", r.src[r.pos])
	}
	tok := r.src[start:r.pos]
	f, err := strconv.ParseFloat(tok, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		r.pos = start
		return 0, r.errf("invalid number %q", tok)
	}
	return f, nil
}

func isNumByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'
}

// coords reads coord {"," coord} ")".
func (r *wktReader) coords() ([]XY, error) {
	var out []XY
	err := r.list(func() error {
		p, err := r.coord()
		out = append(out, p)
		return err
	})
	return out, err
}

func (r *wktReader) lineBody() ([]XY, error) {
	at := r.pos
	l, err := r.coords()
	if err == nil && len(l) < 2 {
		r.pos = at
		return nil, r.errf("a LINESTRING needs at least 2 points")
	}
	return l, err
}

func (r *wktReader) openLine() ([]XY, error) {
	if err := r.expect('('); err != nil {
		return nil, err
	}
	return r.lineBody()
}

func (r *wktReader) polyBody() ([][]XY, error) {
	var rings [][]XY
	err := r.list(func() error {
		if err := r.expect('('); err != nil {
			return err
		}
		at := r.pos
		ring, err := r.coords()
		if err != nil {
			return err
		}
		if len(ring) > 0 && ring[0] != ring[len(ring)-1] {
			r.pos = at
			return r.errf("polygon ring is not closed: first and last points differ")
		}
		if len(ring) < 4 {
			r.pos = at
			return r.errf("polygon ring needs at least 4 points")
		}
		rings = append(rings, ring)
		return nil
	})
	return rings, err
}

// multiPointBody reads both "MULTIPOINT ((1 2), (3 4))" and "MULTIPOINT (1 2, 3 4)".
func (r *wktReader) multiPointBody() ([]XY, error) {
	var out []XY
	err := r.list(func() error {
		paren := r.peekByte() == '('
		if paren {
			r.pos++
		}
		p, err := r.coord()
		if err != nil {
			return err
		}
		out = append(out, p)
		if paren {
			return r.expect(')')
		}
		return nil
	})
	return out, err
}
