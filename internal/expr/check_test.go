package expr

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/schema"
)

// compileCases map a filter to its compiled form: names resolved,
// constants folded, and/or terms ordered cheapest first.
var compileCases = []struct{ src, want string }{
	{"", "true"},
	{"   ", "true"},
	{"true", "true"},
	{"1 == 1", "true"},
	{"1 < 0", "false"},
	{"'a' < 'b' and age > 1", "(age > 1)"},
	{"false or age > 1", "(age > 1)"},
	{"false and age > 1", "false"},
	{"age > 1 + 2 * 3", "(age > 7)"},
	{"age > 2 ** 3", "(age > 8.0)"},
	{"age > -(1 + 1)", "(age > -2)"},
	{"5 < age", "(age > 5)"},
	{"5 >= age", "(age <= 5)"},
	{"color == 'red'", `($meta["color"] == "red")`},
	{`$meta["color"] == 'red'`, `($meta["color"] == "red")`},
	{`meta["a"][0] == 1`, `(meta["a"][0] == 1)`},
	{"not not (age > 1)", "(age > 1)"},
	{"not true", "false"},
	{"flag", "(flag == true)"},
	{"age not in [1, 2]", "(not (age in [1, 2]))"},
	{"json_contains(meta['x'], 'a') and age > 1", `((age > 1) and json_contains(meta["x"], "a"))`},
	{"meta['a'] is null", `(not (exists meta["a"]))`},
	{"meta['a'] is not null", `(exists meta["a"])`},
	{"$meta is null", `($meta is null)`},
	{"5 > age >= 1", "(1 <= age < 5)"},
	{"-age < 3", "((-age) < 3)"},
	{"10 - age > 3", "((10 - age) > 3)"},
	{"age > {v}", "(age > 7)"},
	{"name in {names}", `(name in ["a", "b"])`},
	{"score > age", "(score > age)"},
}

var testTemplates = map[string]any{
	"v": int64(7), "f": 2.5, "s": "apple", "b": true, "names": []any{"a", "b"},
	"ints": []int64{10, 30}, "nil": nil, "obj": map[string]any{"k": 1.0},
}

func TestCompile(t *testing.T) {
	for _, tc := range compileCases {
		e, err := Compile(tc.src, testSchema(), testTemplates)
		if err != nil {
			t.Errorf("Compile(%q): %v", tc.src, err)
			continue
		}
		if got := e.String(); got != tc.want {
			t.Errorf("Compile(%q) = %s, want %s", tc.src, got, tc.want)
		}
	}
}

func TestFields(t *testing.T) {
	e := mustCompile(t, `age > 1 or (color == "x" and array_contains(tags, "a")) or name like "a%"`, nil)
	if got := e.Fields(); !slices.Equal(got, []int64{101, 104, 107, 110}) {
		t.Errorf("Fields() = %v", got)
	}
	if got := mustCompile(t, "", nil).Fields(); len(got) != 0 {
		t.Errorf("empty Fields() = %v", got)
	}
}

// compileErrors hold filters that parse but do not fit the test schema.
var compileErrors = []struct{ src, want string }{
	{"age", "predicate is not a boolean expression: age, data type: Int32"},
	{"1 + 1", "predicate is not a boolean expression"},
	{"name > 1", "comparisons between VarChar and Int64 are not supported"},
	{"age == 'x'", "comparisons between Int32 and VarChar are not supported"},
	{"flag == 1", "comparisons between Bool and Int64 are not supported"},
	{"1 == 'a'", "comparison operations cannot be applied to two incompatible operands"},
	{"tags > ['a']", "can not comparisons array fields directly"},
	{"nums == ['a']", "comparisons between Array[Int64] and Array are not supported"},
	{"meta > [1]", "comparisons between JSON and Array are not supported"},
	{"meta['a'] > score", "two column comparison with JSON type is not supported"},
	{"name > age", "comparisons between VarChar and Int32 are not supported"},
	{"(age > 1) == true", "comparison operands must be fields or constants"},
	{"age == {nil}", "comparison with null is not supported"},
	{"age == {missing}", "the value of expression template variable name {missing} is not found"},
	{"age + score > 1", "not supported to do arithmetic operations between multiple fields"},
	{"age ** 2 > 1", "power can only apply on constants"},
	{"age / 0 > 1", "division or modulus by zero"},
	{"age % 0 == 1", "division or modulus by zero"},
	{"score % 2 == 1", "modulo can only apply on integer types"},
	{"1 / 0 == 1", "division or modulus by zero"},
	{"9223372036854775807 + 1 > age", "integer overflow"},
	{"name + 1 == 'a'", "arithmetic operator + is not supported on VarChar"},
	{"age + 'a' == 1", "arithmetic operator + is not supported on VarChar"},
	{"-name == 'a'", "unary - is not supported on VarChar"},
	{"age and flag", "'and' can only be used between boolean expressions"},
	{"not age", "not op can only be applied on boolean expression"},
	{"1 in [1]", "'term' can only be used on non-const expression"},
	{"age in 1", "the right-hand side of 'in' must be a list"},
	{"age in ['a']", `value '"a"' in list cannot be casted to Int32`},
	{"age in [age]", "array element type must be generic value"},
	{"age like 'a%'", "like operation on non-string or no-json field is unsupported"},
	{"name like 1", "the pattern of like must be a string"},
	{"5 < age < 1", "invalid range: lowerbound is greater than upperbound"},
	{"1 < age < 1", "invalid range: lowerbound is greater than upperbound"},
	{"age < 5 < score", "range operations are only supported on single fields"},
	{"1 < age < score", "upperbound cannot be a non-const expression"},
	{"'a' < meta['x'] < 5", "range bounds must both be numbers or both be strings"},
	{"1 < tags < 2", "can not comparisons array fields directly"},
	{"exists age", "exists operations are only supportted on json field"},
	{"exists meta", "exists operations are only supportted on json key"},
	{"exists (age + 1)", "exists operations are only supported on single fields"},
	{"(age + 1) is null", "is null operations are only supported on single fields"},
	{"nums[0] is null", "is null is only supported on fields and JSON keys"},
	{"tags['a'] == 'x'", "can only access array field with integer index"},
	{"nums[0][1] == 1", "array field nums can only be indexed once"},
	{"age['a'] == 1", "Int32 data type not supported accessed with []"},
	{"vec == 1", "comparisons between FloatVector and Int64 are not supported"},
	{"age < vec", "comparisons between Int32 and FloatVector are not supported"},
	{"vec in [0]", "value '0' in list cannot be casted to FloatVector"},
	{"vec is null", "IsNull/IsNotNull operations are not supported on vector fields"},
	{"vec is not null", "IsNull/IsNotNull operations are not supported on vector fields"},
	{"name like {v}", "the value of like expression template variable {v} is not string"},
	{"json_contains_aby(meta['list'], 2)", "function json_contains_aby(json, int64_t) not found."},
	{"nope(age, 'x', 1.5)", "function nope(int32_t, varChar, double) not found."},
	{"{s} > {v}", "placeholder was not supported between two constants with operator: >"},
	{"{v} + 1 == age", "placeholder was not supported between two constants with operator: +"},
	{"age < {names}", "cannot cast value to Int32, value: "},
	{"{s} == age", "cannot cast value to Int32, value: "},
	{"{v} < age < {nope}", "the upper value of expression template variable name {nope} is not found"},
	{"{nope} < age < {v}", "the lower value of expression template variable name {nope} is not found"},
	{"body == 'x'", "filter on text field (body) is not supported yet"},
	{"json_contains(age, 1)", "contains operation are only supported on json or array fields now, got: age"},
	{"json_contains(meta, age)", "contains operation are only supported explicitly specified element"},
	{"json_contains_all(meta, 1)", "contains_all operation element must be an array"},
	{"array_contains(nums, 'a')", "contains operation can't compare between array element type: Int64 and VarChar"},
	{"array_contains_any(tags, [1])", "contains_any operation can't compare between array element type: VarChar and Int64"},
	{"array_length(age) == 1", "array_length operation are only supported on json or array fields now"},
	{"array_length(nums, 1) == 1", "function array_length expects 1 arguments, got 2"},
	{"frobnicate(age)", "function frobnicate(int32_t) not found."},
	{`text_match(name, "q")`, "full-text search is not enabled on field name"},
	{`phrase_match(name, "q", 2)`, "full-text search is not enabled on field name"},
	{`text_match(nope, "q")`, "field nope not exist"},
}

func TestCompileErrors(t *testing.T) {
	for _, tc := range compileErrors {
		_, err := Compile(tc.src, testSchema(), testTemplates)
		var ce *Error
		if !errors.As(err, &ce) || !errors.Is(err, ErrType) {
			t.Errorf("Compile(%q) = %v, want a type *Error", tc.src, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Compile(%q) = %q, want %q", tc.src, err, tc.want)
		}
		if !strings.HasPrefix(err.Error(), "cannot parse expression: "+tc.src+", error: ") {
			t.Errorf("Compile(%q) = %q, want Milvus prefix", tc.src, err)
		}
	}
}

func TestTypeErrorPosition(t *testing.T) {
	_, err := Compile(`age > 1 and name > 5`, testSchema(), nil)
	var e *Error
	if !errors.As(err, &e) || e.Pos != 17 || e.Token != ">" {
		t.Errorf("got %#v", err)
	}
}

func TestNoDynamicField(t *testing.T) {
	sch := testSchema()
	sch.EnableDynamicField = false
	_, err := Compile(`color == "red"`, sch, nil)
	if err == nil || !strings.Contains(err.Error(), "field color not exist") {
		t.Errorf("got %v", err)
	}
	sch.Fields = slices.DeleteFunc(sch.Fields, func(f schema.Field) bool { return f.IsDynamic })
	sch.EnableDynamicField = true
	if _, err := Compile(`$meta["a"] == 1`, sch, nil); err == nil {
		t.Errorf("$meta without a dynamic field compiled")
	}
}

func TestTemplates(t *testing.T) {
	good := map[string]any{
		"i": int64(3), "i32": int32(3), "n": 3, "f": 3.0, "f32": float32(3), "s": "x",
		"list": []any{int64(1), 2.5, "x", true, nil, []any{int64(1)}},
		"fl":   []float64{1}, "sl": []string{"a"}, "bl": []bool{true},
	}
	for _, src := range []string{
		"age == {i}", "age == {i32}", "age == {n}", "age == {f}", "age == {f32}",
		"name == {s}", "meta['a'] in {list}", "score in {fl}", "name in {sl}", "flag in {bl}",
		"json_contains_any(meta['a'], {list})", "{i} <= age <= {f}",
	} {
		if _, err := Compile(src, testSchema(), good); err != nil {
			t.Errorf("Compile(%q): %v", src, err)
		}
	}
	if _, err := Compile("age == {x}", testSchema(), map[string]any{"x": struct{}{}}); err == nil {
		t.Error("struct template accepted")
	}
}
