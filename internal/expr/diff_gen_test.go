package expr

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
)

// Random filters over testSchema: mostly well-typed, sometimes not, so
// that both the checker and the evaluator get exercised.

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
