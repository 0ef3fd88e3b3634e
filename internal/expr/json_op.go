package expr

import (
	"strconv"
	"strings"
	"sync"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/schema"
)

// jsonOp reads the value at a path inside a JSON field; an empty path
// reads the whole document. Keys of the dynamic field are jsonOps on
// $meta whose path starts with the key.
type jsonOp struct {
	f    *schema.Field
	path []string
	num  []bool // path[i] was written as an integer index, for String
	key  string // cache key: field ID and path
}

func newJSONOp(f *schema.Field, path []string, num []bool) *jsonOp {
	return &jsonOp{f: f, path: path, num: num,
		key: strconv.FormatInt(f.ID, 10) + "\x00" + strings.Join(path, "\x00")}
}

func (o *jsonOp) typ() optype            { return optype{k: kJSON, dt: schema.JSON} }
func (o *jsonOp) fields(add func(int64)) { add(o.f.ID) }
func (o *jsonOp) cost() int              { return 20 }

func (o *jsonOp) String() string {
	var b strings.Builder
	if o.f.IsDynamic {
		b.WriteString(schema.DynamicFieldName)
	} else {
		b.WriteString(o.f.Name)
	}
	for i, k := range o.path {
		if o.num[i] {
			b.WriteString("[" + k + "]")
		} else {
			b.WriteString("[" + strconv.Quote(k) + "]")
		}
	}
	return b.String()
}

// jsonEntry is one path's values for a batch; done marks the rows decoded
// so far (nil once all are), because masked evaluation decodes only the
// rows a predicate still needs.
type jsonEntry struct {
	buf  *[]jval // from jvalPool, returned when the Eval ends
	js   []jval
	done *bitset.Bitset
}

// jvalPool recycles decoded-JSON buffers between Evals: a million rows
// of jval is ~40 MB, and fresh memory costs page faults and GC work.
var jvalPool = sync.Pool{New: func() any { return new([]jval) }}

func newJSONEntry(n int) *jsonEntry {
	buf := jvalPool.Get().(*[]jval)
	if cap(*buf) < n {
		*buf = make([]jval, n)
	}
	return &jsonEntry{buf: buf, js: (*buf)[:n], done: bitset.New(n)}
}

// release returns the entries' buffers to the pool; rows decoded by this
// Eval are overwritten before the next one reads them.
func (c *evalCtx) release() {
	for _, e := range c.json {
		jvalPool.Put(e.buf)
	}
	c.json = nil
}

func (o *jsonOp) eval(c *evalCtx, mask *bitset.Bitset) (*vector, error) {
	col, err := c.column(o.f)
	if err != nil {
		return nil, err
	}
	null := c.nullsOf(o.f, col)
	e := c.json[o.key]
	if e == nil {
		e = newJSONEntry(c.n)
		c.json[o.key] = e
	}
	if e.done != nil {
		docs := col.Bytes[:c.n]
		forRows(c.n, mask, func(i int) {
			if e.done.Test(i) {
				return
			}
			e.done.Set(i)
			e.js[i] = jval{}
			if null == nil || !null.Test(i) {
				e.js[i] = lookupJSON(docs[i], o.path)
			}
		})
		if mask == nil {
			e.done = nil
		}
	}
	return &vector{k: kJSON, js: e.js, null: null}, nil
}
