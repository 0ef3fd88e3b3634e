package expr

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// Batch gives the evaluator the columns of a segment's rows.
type Batch interface {
	Len() int
	Column(fieldID int64) *column.Column // the dynamic field ($meta, a JSON column) too, by its field ID
}

// Expr is a compiled filter: checked against a schema, constants folded,
// ready to evaluate against any number of batches. It is immutable and
// safe for concurrent use.
type Expr struct {
	src    string
	root   pred // nil: matches every row
	fields []int64
	seed   uint64 // RANDOM_SAMPLE's seed, drawn per Compile (sample.go)
}

// Compile parses src and checks it against sch. templates binds {name} template variables
// (values: nil, bool, int64, float64, string, []any of those, map[string]any for JSON) — the API layer converts
// Milvus expr_template_values into these Go values.
func Compile(src string, sch *schema.Collection, templates map[string]any) (*Expr, error) {
	return CompileIn(src, sch, templates, nil)
}

// CompileIn is Compile with ISO timestamp literals that carry no offset
// read as wall-clock time in zone (nil: UTC), as Milvus reads them in the
// request's or the collection's time zone.
func CompileIn(src string, sch *schema.Collection, templates map[string]any, zone *time.Location) (*Expr, error) {
	n, err := Parse(src)
	if err != nil {
		return nil, err
	}
	e := &Expr{src: src, seed: rand.Uint64()}
	if n == nil {
		return e, nil
	}
	if sch == nil {
		return nil, errors.New("expr: compile without a schema")
	}
	c := &checker{sch: sch, templates: templates, zone: zone}
	root, err := c.checkRoot(n)
	if err != nil {
		var ee *Error
		if errors.As(err, &ee) {
			ee.Src, ee.Token = src, tokenAt(src, ee.Pos)
		}
		return nil, err
	}
	if root != nil {
		e.root, e.fields = root, collectFields(root)
	}
	return e, nil
}

// WithSampleSeed returns a copy of e whose RANDOM_SAMPLE keeps the rows
// that seed selects, for reproducible samples.
func (e *Expr) WithSampleSeed(seed uint64) *Expr {
	c := *e
	c.seed = seed
	return &c
}

// Fields returns the IDs of the fields the filter reads, ascending.
func (e *Expr) Fields() []int64 { return slices.Clone(e.fields) }

// String prints the compiled filter: fully parenthesized, constants folded,
// dynamic-field keys written as $meta["key"]. An empty filter prints "true".
func (e *Expr) String() string {
	if e.root == nil {
		return "true"
	}
	return e.root.String()
}

// Eval returns the rows of b that match: bit i set = row i matches.
func (e *Expr) Eval(b Batch) (*bitset.Bitset, error) {
	n := b.Len()
	if n < 0 {
		return nil, fmt.Errorf("expr: batch length %d", n)
	}
	if e.root == nil {
		return bitset.NewFull(n), nil
	}
	c := newEvalCtx(b)
	c.seed = e.seed
	defer c.release()
	r, err := e.root.eval(c, nil)
	if err != nil {
		return nil, err
	}
	return r.t, nil
}

// tokenAt returns the text of the token at byte offset pos of src.
func tokenAt(src string, pos int) string {
	lx := &lexer{src: src, pos: pos}
	t, err := lx.next()
	if err != nil {
		return ""
	}
	return t.text
}

func collectFields(p pred) []int64 {
	var ids []int64
	p.fields(func(id int64) { ids = append(ids, id) })
	slices.Sort(ids)
	return slices.Compact(ids)
}

// res is a predicate's answer in three-valued logic: t holds the rows where
// it is true, unk (nil when empty) the rows where it is unknown because a
// value is null. t and unk never overlap; every other row is false.
// Rows outside the mask the predicate was given may hold anything.
type res struct {
	t, unk *bitset.Bitset
}

// pred is a compiled boolean expression.
type pred interface {
	// eval computes the predicate for the rows of the batch. mask, when
	// not nil, marks the rows whose answer matters; expensive predicates
	// skip the others.
	eval(c *evalCtx, mask *bitset.Bitset) (res, error)
	cost() int
	fields(add func(int64))
	String() string
}

// operand is a compiled value-producing expression: a field, a JSON path,
// an array element, arithmetic on one of those, or array_length.
type operand interface {
	typ() optype
	eval(c *evalCtx, mask *bitset.Bitset) (*vector, error)
	cost() int
	fields(add func(int64))
	String() string
}
