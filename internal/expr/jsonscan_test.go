package expr

import (
	"encoding/json"
	"strconv"
	"testing"
)

func TestLookupJSON(t *testing.T) {
	doc := []byte(` { "a" : 1, "b": {"c": [10, {"d": "x\"y"}, -2.5e1]}, "s": "q\u00e9",
		"e": "", "n": null, "t": true, "f": false, "big": 92233720368547758070, "neg": -9223372036854775808,
		"k\"ey": 3, "dup": 1, "dup": 2, "0": "zero", "arr": [], "obj": {} } `)
	cases := []struct {
		path []string
		want jval
	}{
		{[]string{"a"}, jval{k: jInt, i: 1}},
		{[]string{"b", "c", "0"}, jval{k: jInt, i: 10}},
		{[]string{"b", "c", "1", "d"}, jval{k: jString, raw: []byte(`x"y`)}},
		{[]string{"b", "c", "2"}, jval{k: jFloat, f: -25}},
		{[]string{"b", "c", "3"}, jval{}},
		{[]string{"b", "c", "-1"}, jval{}},
		{[]string{"s"}, jval{k: jString, raw: []byte("qé")}},
		{[]string{"e"}, jval{k: jString, raw: []byte{}}},
		{[]string{"n"}, jval{k: jNull}},
		{[]string{"t"}, jval{k: jBool, i: 1}},
		{[]string{"f"}, jval{k: jBool}},
		{[]string{"big"}, jval{k: jFloat, f: 92233720368547758070}},
		{[]string{"neg"}, jval{k: jInt, i: -9223372036854775808}},
		{[]string{`k"ey`}, jval{k: jInt, i: 3}},
		{[]string{"dup"}, jval{k: jInt, i: 1}},
		{[]string{"0"}, jval{k: jString, raw: []byte("zero")}},
		{[]string{"missing"}, jval{}},
		{[]string{"a", "x"}, jval{}},
		{[]string{"arr"}, jval{k: jArray, raw: []byte("[]")}},
		{[]string{"obj"}, jval{k: jObject, raw: []byte("{}")}},
	}
	for _, c := range cases {
		got := lookupJSON(doc, c.path)
		if got.k != c.want.k || got.i != c.want.i || got.f != c.want.f || string(got.raw) != string(c.want.raw) {
			t.Errorf("lookup %v = %+v (%s), want %+v", c.path, got, got.raw, c.want)
		}
	}
}

// TestLookupJSONMalformed feeds broken documents: no panic, no value.
func TestLookupJSONMalformed(t *testing.T) {
	for _, doc := range []string{"", "{", `{"a"`, `{"a":`, `{"a" 1}`, `{"x": [1, 2}`, `{"x": "abc`,
		`[`, `{"x": {"y": [[[[`, `{"x":1,,"a":1}`, `nul`, `{"a": tru}`, `{"a": -}`, `{"a": 1.2.3}`} {
		for _, path := range [][]string{{"a"}, {"x", "y"}, {"0"}, nil} {
			v := lookupJSON([]byte(doc), path)
			_ = v
		}
	}
	if v := lookupJSON([]byte(`{"a": 1.2.3}`), []string{"a"}); v.k != jMissing {
		t.Errorf("1.2.3 decoded as %+v", v)
	}
}

func TestEachElem(t *testing.T) {
	var got []string
	eachElem([]byte(` [1, "a", [2, 3], {"k": [4]}, null, 2.5 ] `), func(v jval) bool {
		got = append(got, strconv.Itoa(int(v.k)))
		return true
	})
	want := []string{"3", "5", "6", "7", "1", "4"}
	if b, _ := json.Marshal(got); string(b) != `["3","5","6","7","1","4"]` {
		t.Errorf("kinds %v, want %v", got, want)
	}
}
