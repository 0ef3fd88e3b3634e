package expr

import (
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"strings"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// Random data for testSchema and random filters over it. The data is
// drawn from small domains so that random constants hit real values.

func pick[T any](rng *rand.Rand, xs ...T) T { return xs[rng.Intn(len(xs))] }

func randValid(rng *rand.Rand, n int, nullPct int) []bool {
	v := make([]bool, n)
	for i := range v {
		v[i] = rng.Intn(100) >= nullPct
	}
	return v
}

func randBatch(rng *rand.Rand, n int) *mapBatch {
	b := &mapBatch{n: n, cols: map[int64]*column.Column{
		100: {Type: schema.Int64}, 101: {Type: schema.Int32, Valid: randValid(rng, n, 20)},
		102: {Type: schema.Float}, 103: {Type: schema.Double, Valid: randValid(rng, n, 20)},
		104: {Type: schema.VarChar}, 105: {Type: schema.Bool, Valid: randValid(rng, n, 20)},
		106: {Type: schema.JSON, Valid: randValid(rng, n, 15)}, 107: {Type: schema.Array},
		108: {Type: schema.Array}, 110: {Type: schema.JSON}, 112: {Type: schema.Array},
	}}
	for i := 0; i < n; i++ {
		c := b.cols
		c[100].Ints = append(c[100].Ints, randInt(rng))
		c[101].Ints = append(c[101].Ints, int64(rng.Intn(44)-3))
		c[102].Floats = append(c[102].Floats, float64(float32(pick(rng, 0, 0.1, 0.5, 1.5, -2, 3, 100, 16777217, rng.NormFloat64()))))
		c[103].Floats = append(c[103].Floats, pick(rng, 0, 0.5, 1, 1.5, -1, 2, 2.5, 1e300, math.NaN(), math.Inf(1)))
		c[104].Strings = append(c[104].Strings, randName(rng))
		c[105].Bools = append(c[105].Bools, rng.Intn(2) == 0)
		c[106].Bytes = append(c[106].Bytes, []byte(randDoc(rng, "a", "b", "c", "d")))
		c[107].Arrays = append(c[107].Arrays, randArray(rng, schema.VarChar))
		c[108].Arrays = append(c[108].Arrays, randArray(rng, schema.Int64))
		c[110].Bytes = append(c[110].Bytes, []byte(randDoc(rng, "k1", "k2", "k3")))
		c[112].Arrays = append(c[112].Arrays, randArray(rng, schema.Double))
	}
	return b
}

func randInt(rng *rand.Rand) int64 {
	if rng.Intn(20) == 0 {
		return pick[int64](rng, math.MinInt64, math.MaxInt64, 1<<53+1, -(1<<53)-1)
	}
	return int64(rng.Intn(11) - 5)
}

func randName(rng *rand.Rand) string {
	var b strings.Builder
	for n := rng.Intn(5); n > 0; n-- {
		b.WriteString(pick(rng, "a", "b", "c", "%", "_", "é", `\`))
	}
	return b.String()
}

func randArray(rng *rand.Rand, t schema.DataType) *column.Column {
	if t == schema.VarChar && rng.Intn(20) == 0 {
		return nil
	}
	c := &column.Column{Type: t}
	for n := rng.Intn(4); n > 0; n-- {
		switch t {
		case schema.VarChar:
			c.Strings = append(c.Strings, pick(rng, "a", "b", "c"))
		case schema.Int64:
			c.Ints = append(c.Ints, int64(rng.Intn(7)-3))
		default:
			c.Floats = append(c.Floats, pick(rng, 0.5, 1, -1, 2.5, 2))
		}
	}
	return c
}

// randDoc writes a JSON object by hand so that 2.0 stays a float.
func randDoc(rng *rand.Rand, keys ...string) string {
	var parts []string
	for _, k := range keys {
		if rng.Intn(3) > 0 {
			parts = append(parts, strconv.Quote(k)+": "+randJSON(rng, 2))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func randJSON(rng *rand.Rand, depth int) string {
	switch r := rng.Intn(10); {
	case r < 3:
		return strconv.Itoa(rng.Intn(7) - 3)
	case r < 4:
		return pick(rng, "0.5", "1.5", "-2.5", "2.0", "1e20", "1E2")
	case r < 6:
		return strconv.Quote(pick(rng, "a", "b", "ab", "", "é"))
	case r < 7:
		return pick(rng, "true", "false", "null")
	case r < 9 && depth > 0:
		var elems []string
		for n := rng.Intn(4); n > 0; n-- {
			elems = append(elems, randJSON(rng, depth-1))
		}
		return "[" + strings.Join(elems, ", ") + "]"
	case depth > 0:
		return `{"x": ` + randJSON(rng, depth-1) + "}"
	}
	return "1"
}

// exprGen writes random filters over testSchema.
type exprGen struct{ rng *rand.Rand }

var diffTemplates = map[string]any{"ti": int64(2), "ts": "a", "tl": []any{int64(1), "a", 2.5}}

func (g *exprGen) pred(depth int) string {
	r := g.rng.Intn(100)
	if depth > 0 && r < 30 {
		switch g.rng.Intn(4) {
		case 0:
			return "not (" + g.pred(depth-1) + ")"
		case 1:
			return "!(" + g.pred(depth-1) + ")"
		}
		op := pick(g.rng, "and", "or", "&&", "||", "AND", "OR")
		return "(" + g.pred(depth-1) + " " + op + " " + g.pred(depth-1) + ")"
	}
	return g.leaf()
}

func (g *exprGen) leaf() string {
	switch r := g.rng.Intn(100); {
	case r < 35:
		return g.compare()
	case r < 43:
		return g.rangeExpr()
	case r < 53:
		x, k := g.operand()
		return x + pick(g.rng, " in ", " not in ") + g.list(k)
	case r < 60:
		x := pick(g.rng, "name", `meta["a"]`, "k1", "tags[0]", `meta["a"][0]`)
		return x + " like " + strconv.Quote(g.pattern())
	case r < 66:
		x := pick(g.rng, "age", "flag", "meta", "score", "id", `meta["a"]`, "k1", "$meta", `meta["c"]["x"]`)
		return x + pick(g.rng, " is null", " is not null", " IS NULL")
	case r < 70:
		return "exists " + pick(g.rng, `meta["a"]`, "k1", `meta["c"]["x"]`, `$meta["k2"]`)
	case r < 80:
		return g.contains()
	case r < 84:
		return pick(g.rng, "flag", "not flag", "true", "false")
	}
	a := pick(g.rng, "age", "id", "score", "price", "nums[0]", "name", "flag")
	b := pick(g.rng, "age", "id", "score", "price", "fl[0]", "name", "flag")
	return a + " " + g.cmpOp() + " " + b
}

func (g *exprGen) cmpOp() string { return pick(g.rng, "==", "!=", "<", "<=", ">", ">=") }

func (g *exprGen) compare() string {
	if g.rng.Intn(10) == 0 {
		x := pick(g.rng, "nums", "tags", "fl", `meta["a"]`)
		k := map[string]string{"nums": "int", "tags": "string", "fl": "float"}[x]
		return x + pick(g.rng, " == ", " != ") + g.list(k)
	}
	x, k := g.operand()
	c := g.constant(k)
	if g.rng.Intn(4) == 0 {
		return c + " " + g.cmpOp() + " " + x
	}
	return x + " " + g.cmpOp() + " " + c
}

func (g *exprGen) rangeExpr() string {
	x, k := g.operand()
	lo, hi := g.constant(k), g.constant(k)
	if g.rng.Intn(2) == 0 {
		return fmt.Sprintf("%s %s %s %s %s", lo, pick(g.rng, "<", "<="), x, pick(g.rng, "<", "<="), hi)
	}
	return fmt.Sprintf("%s %s %s %s %s", hi, pick(g.rng, ">", ">="), x, pick(g.rng, ">", ">="), lo)
}

// diffOperands are value-producing expressions and their kinds.
var diffOperands = [][2]string{
	{"id", "int"}, {"age", "int"}, {"price", "float"}, {"score", "float"}, {"name", "string"},
	{"flag", "bool"}, {`meta["a"]`, "json"}, {`meta["b"]`, "json"}, {`meta["a"][0]`, "json"},
	{`meta["c"]["x"]`, "json"}, {"k1", "json"}, {`$meta["k2"]`, "json"}, {"nums[0]", "int"},
	{"nums[2]", "int"}, {"tags[0]", "string"}, {"fl[1]", "float"}, {"array_length(nums)", "int"},
	{`array_length(meta["a"])`, "int"},
}

func (g *exprGen) operand() (string, string) {
	o := pick(g.rng, diffOperands...)
	if (o[1] == "int" || o[1] == "float" || o[1] == "json") && g.rng.Intn(4) == 0 {
		return g.arith(o[0], o[1])
	}
	return o[0], o[1]
}

func (g *exprGen) arith(x, kind string) (string, string) {
	c := pick(g.rng, "2", "3", "-1", "0", "1.5", "0.5")
	if kind == "int" && strings.Contains(c, ".") {
		kind = "float"
	}
	switch g.rng.Intn(5) {
	case 0:
		return "-" + x, kind
	case 1:
		return "(" + c + " " + pick(g.rng, "+", "-", "*", "/") + " " + x + ")", kind
	}
	return "(" + x + " " + pick(g.rng, "+", "-", "*", "/", "%") + " " + c + ")", kind
}

// constant returns a literal, usually of a kind that fits.
func (g *exprGen) constant(kind string) string {
	if g.rng.Intn(12) == 0 {
		kind = pick(g.rng, "int", "float", "string", "bool", "json")
	}
	switch kind {
	case "int":
		return pick(g.rng, "0", "1", "-1", "2", "3", "-3", "5", "40", "1.5", "-0.5", "2.0",
			"9223372036854775807", "-9223372036854775808", "9007199254740993", "0x10", "{ti}")
	case "float":
		return pick(g.rng, "0.1", "0.5", "1.5", "-2", "3", "100", "2.0", "1e300", "16777217", "0", "-1")
	case "string":
		return strconv.Quote(pick(g.rng, "a", "b", "ab", "", "é", "c%")) + map[bool]string{true: "", false: ""}[true]
	case "bool":
		return pick(g.rng, "true", "false", "True", "FALSE")
	}
	return pick(g.rng, "0", "1", "-2", "0.5", "1.5", "2.0", `"a"`, `"ab"`, `""`, "true", "false",
		"[1, 2]", `["a"]`, "[]", "[-1, 0.5]", "{ts}")
}

func (g *exprGen) list(kind string) string {
	if g.rng.Intn(15) == 0 {
		return "{tl}"
	}
	var elems []string
	for n := g.rng.Intn(4); n > 0; n-- {
		elems = append(elems, g.constant(kind))
	}
	return "[" + strings.Join(elems, ", ") + "]"
}

func (g *exprGen) pattern() string {
	var b strings.Builder
	for n := g.rng.Intn(4); n > 0; n-- {
		b.WriteString(pick(g.rng, "a", "b", "%", "_", `\%`, `\_`, "é", `\\`))
	}
	return b.String()
}

func (g *exprGen) contains() string {
	x, k := pick(g.rng, [2]string{"nums", "int"}, [2]string{"tags", "string"}, [2]string{"fl", "float"},
		[2]string{`meta["a"]`, "json"}, [2]string{"k1", "json"}, [2]string{"meta", "json"})[0],
		""
	kind := map[string]string{"nums": "int", "tags": "string", "fl": "float"}[x]
	if kind == "" {
		kind = "json"
	}
	_ = k
	fn := pick(g.rng, "json_contains", "array_contains", "JSON_CONTAINS")
	if g.rng.Intn(2) == 0 {
		fn = pick(g.rng, "json_contains_all", "json_contains_any", "array_contains_all", "array_contains_any")
		return fn + "(" + x + ", " + g.list(kind) + ")"
	}
	return fn + "(" + x + ", " + g.constant(kind) + ")"
}
