package expr

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

const benchRows = 1 << 20

var (
	benchOnce  sync.Once
	benchBatch *mapBatch
)

// bigBatch builds benchRows rows once per test binary.
func bigBatch() *mapBatch {
	benchOnce.Do(func() {
		n := benchRows
		b := &mapBatch{n: n, cols: map[int64]*column.Column{
			100: {Type: schema.Int64, Ints: make([]int64, n)},
			101: {Type: schema.Int32, Ints: make([]int64, n)},
			104: {Type: schema.VarChar, Strings: make([]string, n)},
			106: {Type: schema.JSON, Bytes: make([][]byte, n)},
			107: {Type: schema.Array, Arrays: make([]*column.Column, n)},
		}}
		words := []string{"apple", "banana", "cherry", "apricot"}
		for i := 0; i < n; i++ {
			b.cols[100].Ints[i] = int64(i)
			b.cols[101].Ints[i] = int64(i % 100)
			b.cols[104].Strings[i] = words[i%4] + strconv.Itoa(i)
			b.cols[106].Bytes[i] = []byte(fmt.Sprintf(`{"name": "u%d", "a": %d, "b": {"c": "x"}, "tags": ["t%d"]}`, i, i%100, i%7))
			b.cols[107].Arrays[i] = &column.Column{Type: schema.VarChar, Strings: []string{words[i%4], words[(i+1)%4]}}
		}
		benchBatch = b
	})
	return benchBatch
}

func inList(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = strconv.Itoa(i * 997)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// BenchmarkEval measures filters over 1M rows; ns/row is ns/op / 1M.
func BenchmarkEval(b *testing.B) {
	cases := []struct{ name, src string }{
		{"equality", "id == 123456"},
		{"range", "1000 <= id < 500000"},
		{"compare_nullable_int32", "age > 50"},
		{"in_100", "id in " + inList(100)},
		{"like_prefix", `name like "ap%"`},
		{"like_general", `name like "a%c_t%"`},
		{"json_path", `meta["a"] == 42`},
		{"json_nested", `meta["b"]["c"] == "x"`},
		{"array_contains", `array_contains(tags, "cherry")`},
		{"and_skips_json", `id < 1000 and meta["a"] == 42`},
		{"or", `id < 1000 or age == 7`},
	}
	batch := bigBatch()
	for _, c := range cases {
		e := mustCompile(b, c.src, nil)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := e.Eval(batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchRows, "ns/row")
		})
	}
}

func BenchmarkCompile(b *testing.B) {
	src := `age > 18 and (name like "ap%" or meta["a"] in [1, 2, 3]) and array_contains(tags, "x")`
	sch := testSchema()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Compile(src, sch, nil); err != nil {
			b.Fatal(err)
		}
	}
}
