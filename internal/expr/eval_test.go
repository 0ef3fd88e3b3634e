package expr

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// evalCases run on testBatch; see helpers_test.go for its six rows.
var evalCases = []struct {
	src  string
	want []int
}{
	// int64 and Int32 (nullable) fields
	{"id == 3", []int{2}},
	{"id != 3", []int{0, 1, 3, 4, 5}},
	{"id < 3", []int{0, 1}},
	{"id <= 3", []int{0, 1, 2}},
	{"id > 4", []int{4, 5}},
	{"id >= 4", []int{3, 4, 5}},
	{"age > 25", []int{2, 3, 4}},
	{"age != 20", []int{0, 2, 3, 4}},
	{"not (age != 20)", []int{1}},
	{"age > 15.5", []int{1, 2, 3, 4}},
	{"age >= 20.0", []int{1, 2, 3, 4}},
	{"age == 20.0", []int{1}},
	{"age == 20.5", []int{}},
	{"age != 20.5", []int{0, 1, 2, 3, 4}},
	{"age < 1e30", []int{0, 1, 2, 3, 4}},
	{"age > -1e30", []int{0, 1, 2, 3, 4}},
	// floats; price is a Float field, so constants round to float32
	{"score > 2", []int{2, 3, 4}},
	{"score == 1.5", []int{1}},
	{"price == 0.1", []int{1}},
	{"price > 0.1", []int{0, 2, 3, 5}},
	{"price < 0", []int{4}},
	// strings
	{"name == 'apple'", []int{0}},
	{"name > 'b'", []int{1, 2, 5}},
	{"name in ['apple', 'cherry', 'zzz']", []int{0, 2}},
	{"name not in ['apple']", []int{1, 2, 3, 4, 5}},
	{"name like 'ap%'", []int{0, 3}},
	{"name like '%rr%'", []int{2}},
	{"name like '%y'", []int{2}},
	{"name like 'b_nana'", []int{1}},
	{"name like '_p%'", []int{0, 3}},
	{`name like '%\%%'`, []int{4}},
	{"name like 'ü_ï%'", []int{5}},
	{"name like 'a%o%t'", []int{3}},
	{"name like 'apple'", []int{0}},
	{"name like '%'", []int{0, 1, 2, 3, 4, 5}},
	// bools and nulls
	{"flag", []int{0, 2, 4}},
	{"flag == false", []int{1, 3}},
	{"not flag", []int{1, 3}},
	{"flag != true", []int{1, 3}},
	{"flag is null", []int{5}},
	{"flag is not null", []int{0, 1, 2, 3, 4}},
	{"age IS NULL", []int{5}},
	{"id is null", []int{}},
	{"id is not null", []int{0, 1, 2, 3, 4, 5}},
	{"meta is null", []int{5}},
	{"meta is not null", []int{0, 1, 2, 3, 4}},
	// three-valued logic: row 5 has null age and flag
	{"age > 25 or flag", []int{0, 2, 3, 4}},
	{"not (age > 25 or flag)", []int{1}},
	{"age > 25 and flag", []int{2, 4}},
	{"not (age > 25 and flag)", []int{0, 1, 3}},
	{"not (age > 100 and flag)", []int{0, 1, 2, 3, 4}},
	{"not (age < 100 or id == 6)", []int{}},
	{"age > 100 or id == 6", []int{5}},
	{"not (age > 100 and id == 6)", []int{0, 1, 2, 3, 4}},
	// JSON field
	{`meta["a"] == 1`, []int{0}},
	{`meta["a"] == 2`, []int{1}},
	{`meta["a"] == "1"`, []int{2}},
	{`meta["a"] > 0`, []int{0, 1}},
	{`meta["a"] != 1`, []int{1, 2, 3, 4}},
	{`meta["b"]["c"] == "x"`, []int{0}},
	{`meta["b"]["c"] == "x!"`, []int{3}},
	{`meta["tags"][0] == "red"`, []int{0}},
	{`meta["tags"][1] == 2`, []int{2}},
	{`meta["n"] > 1`, []int{0}},
	{`meta["n"] == "str"`, []int{1}},
	{`meta["missing"] == 1`, []int{}},
	{`meta["missing"] != 1`, []int{0, 1, 2, 3, 4}},
	{`meta["a"] in [1, "1"]`, []int{0, 2}},
	{`meta["a"] not in [1]`, []int{1, 2, 3, 4}},
	{`meta["b"]["c"] like "x%"`, []int{0, 3}},
	{`1 <= meta["a"] < 2`, []int{0}},
	{`1 <= meta["a"] <= 2`, []int{0, 1}},
	{`meta["a"] + 1 == 3`, []int{1}},
	{`meta["a"] * 2 == 2`, []int{0}},
	{`exists meta["b"]`, []int{0, 1, 3}},
	{`exists meta["a"]`, []int{0, 1, 2, 3}},
	{`meta["a"] is null`, []int{4}},
	{`meta["a"] is not null`, []int{0, 1, 2, 3}},
	{`json_contains(meta["tags"], "red")`, []int{0}},
	{`json_contains(meta["tags"], 2)`, []int{2}},
	{`JSON_CONTAINS(meta["tags"], 2.0)`, []int{2}},
	{`json_contains_all(meta["tags"], ["red", "blue"])`, []int{0}},
	{`json_contains_any(meta["tags"], ["green", 3])`, []int{1, 2}},
	{`json_contains_all(meta["tags"], [])`, []int{0, 1, 2, 3}},
	{`json_contains_any(meta["tags"], [])`, []int{}},
	{`json_contains(meta["arr"], [1, 2])`, []int{2}},
	{`json_contains(meta["arr"], [2, 1])`, []int{}},
	{`array_length(meta["tags"]) == 0`, []int{3}},
	{`array_length(meta["tags"]) >= 1`, []int{0, 1, 2}},
	{`meta["tags"] == ["red", "blue"]`, []int{0}},
	{`meta["tags"] == []`, []int{3}},
	{`meta["arr"] == [[1, 2], [3]]`, []int{2}},
	{`meta["b"] == {bx}`, []int{0}},
	// dynamic field keys
	{`color == "red"`, []int{0, 3}},
	{`color != "red"`, []int{1, 2, 4, 5}},
	{`size > 5`, []int{0, 1}},
	{`size < 0`, []int{5}},
	{`$meta["extra"]["k"][1] == 2`, []int{3}},
	{`exists color`, []int{0, 1, 3, 5}},
	{`color is null`, []int{2, 4}},
	{`color in ["red", "green"]`, []int{0, 3, 5}},
	{`size % 2 == 0`, []int{0}},
	// array fields
	{`array_contains(tags, "a")`, []int{0, 3}},
	{`array_contains_all(tags, ["a", "c"])`, []int{3}},
	{`array_contains_any(tags, ["b", "d"])`, []int{0, 3, 4}},
	{`array_contains_any(nums, [7, 4])`, []int{1, 5}},
	{`array_contains(nums, 2.0)`, []int{0, 3}},
	{`array_contains(nums, 2.5)`, []int{}},
	{`tags[0] == "a"`, []int{0, 3}},
	{`tags[1] == "c"`, []int{3}},
	{`tags[5] == "a"`, []int{}},
	{`tags[5] != "a"`, []int{}},
	{`tags[0] like "a%"`, []int{0, 3}},
	{`nums[0] > 1`, []int{1, 4, 5}},
	{`nums[1] + 1 == 3`, []int{0, 3}},
	{`nums[0] in [3, 7]`, []int{4, 5}},
	{`array_length(nums) == 0`, []int{2}},
	{`array_length(tags) == 0`, []int{2, 5}},
	{`nums == [1, 2]`, []int{3}},
	{`nums != [1, 2]`, []int{0, 1, 2, 4, 5}},
	{`nums in [[4], [3, 1]]`, []int{1, 4}},
	{`fl[0] == 0.1`, []int{3}},
	{`array_contains(fl, 1)`, []int{4}},
	{`fl == [2, 3]`, []int{2}},
	// arithmetic
	{"age % 20 == 0", []int{1, 3}},
	{"age * 2 > 70", []int{3, 4}},
	{"age / 3 == 3", []int{0}},
	{"age / 3.0 > 10", []int{3, 4}},
	{"100 - age > 65", []int{0, 1, 2}},
	{"-age < -35", []int{3, 4}},
	{"price * 2 == 3", []int{0}},
	{"(age + 1) * 2 == 42", []int{1}},
	{"1000 / (age - 10) == 100", []int{1}},
	// ranges
	{"10 < age < 40", []int{1, 2}},
	{"10 <= age <= 40", []int{0, 1, 2, 3}},
	{"40 > age > 10", []int{1, 2}},
	{"1.5 < age < 30.5", []int{0, 1, 2}},
	{`"b" <= name < "c"`, []int{1}},
	{"0.5 < score <= 2.5", []int{1, 2}},
	{"-3 < price < 0.1", []int{4}},
	// two fields
	{"score < age", []int{0, 1, 2, 3, 4}},
	{"id == age", []int{}},
	{"price > age", []int{3}},
	{"flag == flag", []int{0, 1, 2, 3, 4}},
	// templates and constants
	{"age > {v}", []int{0, 1, 2, 3, 4}},
	{"age in {ints}", []int{0, 2}},
	{"score == {f}", []int{2}},
	{"name == {s}", []int{0}},
	{"flag == {b}", []int{0, 2, 4}},
	{"true", []int{0, 1, 2, 3, 4, 5}},
	{"false", []int{}},
	{"1 == 2 or id == 1", []int{0}},
	{"", []int{0, 1, 2, 3, 4, 5}},
}

func evalTemplates() map[string]any {
	m := map[string]any{"bx": map[string]any{"c": "x"}}
	for k, v := range testTemplates {
		m[k] = v
	}
	return m
}

func TestEval(t *testing.T) {
	tmpl := evalTemplates()
	for _, tc := range evalCases {
		if got := evalRows(t, tc.src, tmpl); !sameRows(got, tc.want) {
			t.Errorf("%s: rows %v, want %v", tc.src, got, tc.want)
		}
	}
}

func TestEvalBatchErrors(t *testing.T) {
	e := mustCompile(t, "age > 1 and name == 'x'", nil)
	b := testBatch()
	delete(b.cols, 104)
	if _, err := e.Eval(b); err == nil || !strings.Contains(err.Error(), "no column for field name") {
		t.Errorf("missing column: %v", err)
	}
	b = testBatch()
	b.cols[101] = &column.Column{Type: schema.Int32, Ints: []int64{1}}
	if _, err := e.Eval(b); err == nil || !strings.Contains(err.Error(), "holds 1 rows") {
		t.Errorf("short column: %v", err)
	}
	b = testBatch()
	b.cols[101] = &column.Column{Type: schema.VarChar, Strings: []string{"a", "b", "c", "d", "e", "f"}}
	if _, err := e.Eval(b); err == nil {
		t.Error("mistyped column accepted")
	}
}

// TestEvalEmptyBatch checks that zero rows work everywhere.
func TestEvalEmptyBatch(t *testing.T) {
	empty := &mapBatch{n: 0, cols: map[int64]*column.Column{}}
	for id := range testBatch().cols {
		empty.cols[id] = &column.Column{}
	}
	for _, tc := range evalCases {
		e := mustCompile(t, tc.src, evalTemplates())
		got, err := e.Eval(empty)
		if err != nil || got.Len() != 0 {
			t.Errorf("%s on no rows: %v %v", tc.src, got, err)
		}
	}
}

// TestEvalConcurrent shares one Expr between goroutines (run with -race).
func TestEvalConcurrent(t *testing.T) {
	e := mustCompile(t, `meta["a"] == 1 or (age > 15 and name like "a%c%") or json_contains(meta["tags"], 2)`, nil)
	want, _ := e.Eval(testBatch())
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for i := 0; i < 50; i++ {
				got, err := e.Eval(testBatch())
				if err == nil && !sameRows(rows(got), rows(want)) {
					err = fmt.Errorf("rows %v, want %v", rows(got), rows(want))
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
