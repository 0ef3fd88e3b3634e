// Package expr implements Milvus 2.6's boolean filter language, the
// "filter" / "expr" string of Query, Search and Delete:
//
//	age > 18 and (name like "ap%" or meta["tags"][0] == "red")
//	1 < price <= 9.5 and id not in [1, 2, 3]
//	json_contains(meta["tags"], "sale") && color == {wanted}
//	tsz + INTERVAL 'P1D' > ISO '2025-01-01T00:00:00+08:00'
//	category == "book" and RANDOM_SAMPLE(0.01)
//
// # Use
//
// Compile a filter once per request against the collection schema, then
// evaluate it against each segment's rows:
//
//	e, err := expr.Compile(filter, sch, templates) // templates bind {name}
//	bits, err := e.Eval(batch)                      // bit i set = row i matches
//
// e.Fields lists the field IDs the batch must provide. An empty filter
// matches every row. An *Expr is immutable and safe for concurrent use.
//
// # Pipeline
//
// A hand-written lexer and a recursive-descent parser (one function per
// precedence level) build a syntax tree whose nodes carry byte offsets
// (Parse). The checker resolves names against the schema — a name that is
// not a field is a key of the dynamic field $meta when the collection has
// one — binds template values, folds constant expressions and rejects what
// Milvus rejects, with Milvus's messages. Its output is a plan of
// predicates over operands (a field, a JSON path, an array element,
// arithmetic on one of those, array_length).
//
// The evaluator is vectorized: each plan node runs over all rows of the
// batch at once, producing a bitset or a column of values. Comparisons of
// plain int64, float64 and string columns with a constant are tight loops
// over the column's slice; a float constant against an integer column
// becomes an exact integer bound. "and" and "or" evaluate their cheaper
// terms first and pass later terms a mask of the rows still undecided;
// expensive terms (JSON, LIKE with wildcards, arrays) only look at those
// rows. JSON documents are not parsed into trees: a scanner skips to the
// value at the path and decodes only that, once per path per Eval.
//
// When the batch also implements IndexedBatch (a sealed segment's view
// does), a comparison, range, in-list, LIKE "pre%" or exact LIKE, or
// array_contains(_all|_any) on a plain field with a scalar index
// (internal/index/scalar) is answered by index lookups instead of a scan.
// Constants are converted exactly as the scan converts them (integer
// bounds for float constants, float32 rounding, NaN), and whatever an
// index cannot answer exactly falls back to the scan, so results are the
// same with and without indexes; the differential test checks both.
//
// Spatial functions, ST_XXX(field, 'WKT') and ST_DWITHIN(field, 'POINT',
// metres) and ST_ISVALID(field) on a GEOMETRY field (names all upper or all
// lower case, as in Milvus's grammar), compile the WKT once with
// internal/geo and parse each row's WKT per Eval, only for rows still
// undecided; they cost the most and run last in "and"/"or" chains.
//
// # Semantics
//
// Logic is three-valued, as in Milvus 2.6 and SQL: a comparison with a
// null field is unknown, "not unknown" is unknown, and only rows that are
// true match. So neither "x > 1" nor "not (x > 1)" matches a null x; use
// "x is null". For JSON, a missing key or a value of another type makes a
// comparison false, except != which is then true (Milvus's rule); "j["k"]
// is null" means the key is absent. Integers and floats compare by exact
// value; constants compared with a Float (float32) field are rounded to
// float32 first, as Milvus does. Integer arithmetic on columns wraps;
// arithmetic on constants is checked for overflow.
//
// Milvus 2.6 constructs with files of their own: RANDOM_SAMPLE(f), the
// last term of the top-level "and" only, keeps each matching row with
// probability f by a hash of (seed, primary key), one seed per Compile
// (sample.go); TIMESTAMPTZ comparisons with ISO '..' literals and INTERVAL
// '..' arithmetic (tsz.go); hexadecimal floats and encoding-prefixed
// strings, which keep Milvus's odd values — u"a" is the text "a
// (lexer_prefix.go); & | ^ << >> ~, parsed at C's precedence and refused
// with Milvus's messages (bitwise.go).
//
// # Differences from Milvus
//
// Kite accepts, where Milvus 2.6 rejects: keywords in any case (And, Not,
// Like; Milvus knows only and/AND) and function names in any case; unary
// minus on a field (-age < 3; Milvus: "unexpected op: -"); a sampled "and"
// nested on the right of another (x and (y and random_sample(f)), which
// Milvus parses but then drops y from); the reversed ISO comparison
// (ISO '..' < tsz); INTERVAL accepts weeks (PnW); a month interval clamps
// the day to the month's end. ISO literals without an offset are read in
// the zone CompileIn is given (the request's or collection's time zone, as
// in Milvus; Compile uses UTC). Raw strings (r"..") are a
// syntax error, as in 2.6 (Milvus added them later).
//
// Refusals Milvus makes in its planner or segcore rather than its grammar
// are made here in its words: a vector field met by a comparison or "in"
// ("comparisons between Int64 and FloatVector are not supported"), an
// unknown function by its signature ("function f(json, int64_t) not
// found."), templates between two constants, missing range bounds and
// template values a field cannot take. Where Milvus's ANTLR parser stops
// early ("invalid expression: ..."), Kite names the token instead.
//
// # Invariants
//
// No input makes Compile or Eval panic: malformed filters and JSON yield
// errors or non-matches, nesting deeper than MaxDepth is rejected, and
// columns are checked for length before the kernels index them. Errors
// from Compile are *Error values carrying the byte offset and token.
package expr
