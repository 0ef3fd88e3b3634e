package rerank

import (
	"strings"
	"testing"
)

func boostFn(kv ...string) Function { return fn(nil, append([]string{"reranker", "boost"}, kv...)...) }

// TestBoostScore combines matching boosts by function_mode and applies
// them by boost_mode; hits nothing matches keep their score.
func TestBoostScore(t *testing.T) {
	two := []Function{boostFn("weight", "2", "filter", "ts > 1"), boostFn("weight", "3")}
	cases := []struct {
		params  []Param
		matched []bool
		want    float32
	}{
		{nil, []bool{true, true}, 10 * 2 * 3},
		{nil, []bool{false, true}, 10 * 3},
		{nil, []bool{false, false}, 10},
		{[]Param{{"function_mode", "sum"}}, []bool{true, true}, 10 * (2 + 3)},
		{[]Param{{"boost_mode", "sum"}}, []bool{true, true}, 10 + 2*3},
		{[]Param{{"boost_mode", "SUM"}, {"function_mode", "sum"}}, []bool{true, true}, 10 + 2 + 3},
		{[]Param{{"boost_mode", "multiply"}}, []bool{true, false}, 10 * 2},
	}
	for _, tc := range cases {
		bs, err := NewBoosts(testSchema(), &FunctionScore{Functions: two, Params: tc.params})
		if err != nil {
			t.Fatal(err)
		}
		if got := bs.Score(10, tc.matched, nil); got != tc.want {
			t.Fatalf("%v %v: %v, want %v", tc.params, tc.matched, got, tc.want)
		}
	}
	if bs, err := NewBoosts(testSchema(), &FunctionScore{Functions: []Function{fn(nil, "reranker", "rrf")}}); bs != nil || err != nil {
		t.Fatalf("no boost: %v %v", bs, err)
	}
}

// TestBoostRandom scales the weight by a value in [0, 1) that depends only
// on the key and the seed.
func TestBoostRandom(t *testing.T) {
	bs, err := NewBoosts(testSchema(), &FunctionScore{Functions: []Function{
		boostFn("weight", "1", "random_score", `{"seed": 7, "field": "ts"}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if b := bs.Functions[0]; !b.Random || b.Seed != 7 || b.SeedField == nil || b.SeedField.Name != "ts" {
		t.Fatalf("%+v", b)
	}
	seen := map[float32]bool{}
	for key := uint64(0); key < 1000; key++ {
		v := bs.Score(1, []bool{true}, func(int) uint64 { return key })
		if v < 0 || v >= 1 || v != bs.Score(1, []bool{true}, func(int) uint64 { return key }) {
			t.Fatalf("key %d: %v", key, v)
		}
		seen[v] = true
	}
	if len(seen) < 990 {
		t.Fatalf("only %d distinct values of 1000", len(seen))
	}
	if randomUnit(5, 1) == randomUnit(5, 2) {
		t.Fatal("the seed changes nothing")
	}
}

// TestBoostRefuses words boost errors as Milvus's plan parser does.
func TestBoostRefuses(t *testing.T) {
	cases := []struct {
		fs   FunctionScore
		want string
	}{
		{FunctionScore{Functions: []Function{boostFn()}}, "failed to create query plan: must set weight params for weight scorer"},
		{FunctionScore{Functions: []Function{boostFn("weight", "x")}}, "parse function scorer weight params failed"},
		{FunctionScore{Functions: []Function{boostFn("weight", "1")}, Params: []Param{{"boost_mode", "max"}}}, "unknown boost mode: max"},
		{FunctionScore{Functions: []Function{boostFn("weight", "1")}, Params: []Param{{"function_mode", "avg"}}}, "unknown function mode: avg"},
		{FunctionScore{Functions: []Function{boostFn("weight", "1", "random_score", `{"field": "price"}`)}}, "only support int64 field as random seed, but got Double"},
		{FunctionScore{Functions: []Function{boostFn("weight", "1", "random_score", `{"field": "nope"}`)}}, "random seed field not found"},
		{FunctionScore{Functions: []Function{boostFn("weight", "1", "random_score", `{"seed": "x"}`)}}, "random seed must be number"},
	}
	for _, tc := range cases {
		_, err := NewBoosts(testSchema(), &tc.fs)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("%+v: %v, want %q", tc.fs, err, tc.want)
		}
	}
}
