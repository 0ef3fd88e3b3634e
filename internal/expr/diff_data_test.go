package expr

import (
	"math"
	"math/rand"
	"strconv"
	"strings"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// Random data for testSchema, drawn from small domains so that random
// constants hit real values.

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
		return pick(rng, "0.5", "1.5", "-2.5", "2.0", "1e20", "1E2", "9007199254740993", "-0.0")
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
