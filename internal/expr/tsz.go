package expr

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/timestamptz"
)

// TIMESTAMPTZ filters (Milvus 2.6.6+). A TIMESTAMPTZ column holds
// microseconds since the Unix epoch, UTC. Milvus's grammar compares one
// with an ISO 8601 literal, optionally after adding or subtracting an ISO
// 8601 duration:
//
//	tsz > ISO '2025-01-01T00:00:00+08:00'
//	tsz + INTERVAL 'P1DT2H' <= ISO '2025-01-03T00:00:00Z'
//
// Plain integer constants (microseconds) work as for any integer field:
// tsz in [..], ranges, is null. A literal without an offset is wall-clock
// time in the zone the filter is compiled in (CompileIn: the request's or
// the collection's time zone; UTC by default). Days, hours, minutes and
// seconds are fixed lengths, so such a comparison folds into one on the
// column itself (and scalar indexes answer it); years and months shift the
// calendar date row by row, in UTC.

// IsoLit is ISO 'timestamp'.
type IsoLit struct {
	P    int
	Text string
}

// IntervalLit is INTERVAL 'duration'.
type IntervalLit struct {
	P    int
	Text string
}

func (n *IsoLit) Pos() int            { return n.P }
func (n *IsoLit) String() string      { return "ISO " + quoteTok(n.Text) }
func (n *IntervalLit) Pos() int       { return n.P }
func (n *IntervalLit) String() string { return "INTERVAL " + quoteTok(n.Text) }

// tszKeywords are the spellings Milvus's lexer knows.
var tszKeywords = map[string]tokKind{"iso": tkISO, "ISO": tkISO, "interval": tkInterval, "INTERVAL": tkInterval}

// parseTszLit parses ISO 'text' or INTERVAL 'text'.
func (p *parser) parseTszLit() (Node, int, error) {
	kw := p.advance()
	s, err := p.expect(tkString, "a quoted string after "+kw.text)
	if err != nil {
		return nil, 0, err
	}
	if kw.kind == tkISO {
		return &IsoLit{P: kw.pos, Text: s.val}, 1, nil
	}
	return &IntervalLit{P: kw.pos, Text: s.val}, 1, nil
}

// checkTszCompare checks a comparison with an ISO literal on one side;
// ok is false when n is not one.
func (c *checker) checkTszCompare(n *Binary) (typed, bool, error) {
	op, x, iso := n.Op, n.L, n.R
	if _, ok := n.L.(*IsoLit); ok {
		op, x, iso = flipCmp(n.Op), n.R, n.L
	}
	lit, ok := iso.(*IsoLit)
	if !ok || !(op.isRelational() || isEquality(op)) {
		return typed{}, false, nil
	}
	at, err := c.parseISOTime(lit.Text)
	if err != nil {
		return typed{}, true, typeErr(lit.P, "%v", err)
	}
	var sh shift
	if b, ok := x.(*Binary); ok && (b.Op == tkPlus || b.Op == tkMinus) {
		iv, ok := b.R.(*IntervalLit)
		if !ok {
			return typed{}, true, typeErr(b.P, "only INTERVAL 'duration' can be added to or subtracted from a timestamptz field, got: %s", b.R)
		}
		if sh, err = parseISODuration(iv.Text); err != nil {
			return typed{}, true, typeErr(iv.P, "%v", err)
		}
		if b.Op == tkMinus {
			sh = sh.neg()
		}
		x = b.L
	}
	id, ok := x.(*Ident)
	if !ok {
		return typed{}, true, typeErr(x.Pos(), "ISO timestamps can only be compared with a timestamptz field, got: %s", x)
	}
	f := c.sch.FieldByName(id.Name)
	if f == nil || f.DataType != schema.Timestamptz {
		return typed{}, true, typeErr(id.P, "field '%s' is not a timestamptz datatype", id.Name)
	}
	fo := &fieldOp{f: f, t: optype{k: kInt, dt: f.DataType}}
	if sh.months == 0 {
		// x + d op C  <=>  x op C - d: a plain comparison indexes answer.
		if (sh.micros > 0 && at < math.MinInt64+sh.micros) || (sh.micros < 0 && at > math.MaxInt64+sh.micros) {
			return typed{}, true, typeErr(lit.P, "timestamp out of range after the interval: %s", n)
		}
		return typed{p: &cmpPred{x: fo, op: op, c: intVal(at - sh.micros)}}, true, nil
	}
	return typed{p: &cmpPred{x: &shiftOp{x: fo, sh: sh}, op: op, c: intVal(at)}}, true, nil
}

// parseISOTime reads an ISO 8601 timestamp as microseconds since the
// epoch; without an offset it is wall-clock time in the filter's zone.
func (c *checker) parseISOTime(s string) (int64, error) {
	us, err := timestamptz.Parse(s, c.zone)
	if err != nil {
		return 0, fmt.Errorf("invalid ISO 8601 timestamp: %q", s)
	}
	return us, nil
}

// shift is an ISO 8601 duration: calendar months, then microseconds.
type shift struct {
	months int
	micros int64
}

func (s shift) neg() shift { return shift{-s.months, -s.micros} }

var durationRE = regexp.MustCompile(`^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,6})?)S)?)?$`)

// parseISODuration reads PnYnMnWnDTnHnMnS; each part is optional but
// one must be there, and only seconds may have a fraction.
func parseISODuration(s string) (shift, error) {
	m := durationRE.FindStringSubmatch(s)
	if m == nil || s == "P" || s[len(s)-1] == 'T' {
		return shift{}, fmt.Errorf("invalid ISO 8601 duration: %q", s)
	}
	num := func(i int) int64 {
		v, _ := strconv.ParseInt(m[i], 10, 64)
		return v
	}
	const day = int64(24 * time.Hour / time.Microsecond)
	years, months := num(1), num(2)
	if years > 10000 || months > 120000 || num(3) > 600000 || num(4) > 4000000 || num(5) > 1e8 || num(6) > 1e10 {
		return shift{}, fmt.Errorf("ISO 8601 duration out of range: %q", s)
	}
	micros := (num(3)*7+num(4))*day + num(5)*int64(time.Hour/time.Microsecond) + num(6)*int64(time.Minute/time.Microsecond)
	if m[7] != "" {
		sec, err := strconv.ParseFloat(m[7], 64)
		if err != nil || sec > 1e11 {
			return shift{}, fmt.Errorf("ISO 8601 duration out of range: %q", s)
		}
		micros += int64(math.Round(sec * 1e6))
	}
	return shift{months: int(years*12 + months), micros: micros}, nil
}

// shiftOp is a timestamptz field moved by a duration with calendar
// months, row by row, in UTC.
type shiftOp struct {
	x  *fieldOp
	sh shift
}

func (o *shiftOp) typ() optype            { return optype{k: kInt} }
func (o *shiftOp) fields(add func(int64)) { o.x.fields(add) }
func (o *shiftOp) cost() int              { return 4 }
func (o *shiftOp) String() string {
	return fmt.Sprintf("(%s + %dmo%+dus)", o.x, o.sh.months, o.sh.micros)
}

func (o *shiftOp) eval(c *evalCtx, mask *bitset.Bitset) (*vector, error) {
	v, err := o.x.eval(c, mask)
	if err != nil {
		return nil, err
	}
	out := make([]int64, len(v.ints))
	forRows(len(out), mask, func(i int) {
		out[i] = addMonths(time.UnixMicro(v.ints[i]).UTC(), o.sh.months).UnixMicro() + o.sh.micros
	})
	w := *v
	w.ints = out
	return &w, nil
}

// addMonths moves t by n calendar months, clamping the day to the last of
// the target month as SQL does: Jan 31 + 1 month is Feb 28 (or 29).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}
