package rest

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kite-db/kite/internal/apierr"
)

// scalarsCollection has every scalar type, a float and a sparse vector.
const scalarsCollection = `{"collectionName":"all","schema":{"enableDynamicField":true,"fields":[
  {"fieldName":"id","dataType":"Int64","isPrimary":true},
  {"fieldName":"b","dataType":"Bool"},
  {"fieldName":"i8","dataType":"Int8"},
  {"fieldName":"i16","dataType":"Int16"},
  {"fieldName":"i32","dataType":"Int32","nullable":true},
  {"fieldName":"f","dataType":"Float"},
  {"fieldName":"d","dataType":"Double","defaultValue":1.5},
  {"fieldName":"s","dataType":"VarChar","elementTypeParams":{"max_length":16}},
  {"fieldName":"j","dataType":"JSON","nullable":true},
  {"fieldName":"ai","dataType":"Array","elementDataType":"Int64","elementTypeParams":{"max_capacity":4}},
  {"fieldName":"as","dataType":"Array","elementDataType":"VarChar","elementTypeParams":{"max_capacity":4,"max_length":8}},
  {"fieldName":"v","dataType":"FloatVector","elementTypeParams":{"dim":2}},
  {"fieldName":"sp","dataType":"SparseFloatVector"}]},
  "indexParams":[{"fieldName":"v","metricType":"L2","indexType":"FLAT"},{"fieldName":"sp","metricType":"IP"}]}`

func TestInsertQueryEveryScalarType(t *testing.T) {
	h := newHandler(t)
	mustOK(t, h, "collections/create", scalarsCollection)
	rows := `{"collectionName":"all","data":[
	  {"id":9007199254740993,"b":true,"i8":-8,"i16":"16","i32":32,"f":0.25,"d":2.5,"s":"héllo","j":{"k":[1,2]},
	   "ai":[1,2,3],"as":["x","y"],"v":[1,2],"sp":{"3":0.5,"1":0.25},"color":"red"},
	  {"id":2,"b":false,"i8":8.0,"i16":1,"i32":null,"f":1,"s":"b","j":"{\"a\":1}","ai":[],"as":[],
	   "v":[3,4],"sp":{"indices":[7],"values":[1.5]}}]}`
	ins := decodeAs[map[string]any](t, mustOK(t, h, "entities/insert", rows))
	if ins["insertCount"].(json.Number) != "2" || !reflect.DeepEqual(ins["insertIds"], []any{json.Number("9007199254740993"), json.Number("2")}) {
		t.Fatalf("insert %v", ins)
	}
	got := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/query", `{"collectionName":"all","filter":"id > 0"}`))
	if len(got) != 2 {
		t.Fatalf("query rows %v", got)
	}
	r2, r1 := got[0], got[1] // ordered by primary key
	want1 := map[string]any{"id": json.Number("9007199254740993"), "b": true, "i8": json.Number("-8"), "i16": json.Number("16"),
		"i32": json.Number("32"), "f": json.Number("0.25"), "d": json.Number("2.5"), "s": "héllo",
		"j": map[string]any{"k": []any{json.Number("1"), json.Number("2")}}, "ai": []any{json.Number("1"), json.Number("2"), json.Number("3")},
		"as": []any{"x", "y"}, "v": []any{json.Number("1"), json.Number("2")},
		"sp": map[string]any{"1": json.Number("0.25"), "3": json.Number("0.5")}, "color": "red"}
	if !reflect.DeepEqual(r1, want1) {
		t.Fatalf("row 1:\n got %v\nwant %v", r1, want1)
	}
	if r2["i32"] != nil || r2["d"].(json.Number) != "1.5" || !reflect.DeepEqual(r2["j"], map[string]any{"a": json.Number("1")}) ||
		r2["i8"].(json.Number) != "8" || !reflect.DeepEqual(r2["sp"], map[string]any{"7": json.Number("1.5")}) {
		t.Fatalf("row 2 (null, default, JSON string, integral float): %v", r2)
	}
	if _, has := r2["color"]; has {
		t.Fatalf("row 2 has no dynamic keys: %v", r2)
	}
	// Int64 as strings for clients that ask for it.
	strs := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/query",
		`{"collectionName":"all","filter":"id > 2","outputFields":["id"]}`, "Accept-Type-Allow-Int64", "false"))
	if !reflect.DeepEqual(strs, []map[string]any{{"id": "9007199254740993"}}) {
		t.Fatalf("int64 as strings %v", strs)
	}
	cnt := decodeAs[[]map[string]json.Number](t, mustOK(t, h, "entities/query", `{"collectionName":"all","outputFields":["count(*)"]}`))
	if cnt[0]["count(*)"] != "2" {
		t.Fatalf("count %v", cnt)
	}
}

// vectorsCollection has the byte-backed vector types.
const vectorsCollection = `{"collectionName":"vecs","schema":{"fields":[
  {"fieldName":"id","dataType":"VarChar","isPrimary":true,"elementTypeParams":{"max_length":8}},
  {"fieldName":"bin","dataType":"BinaryVector","elementTypeParams":{"dim":16}},
  {"fieldName":"f16","dataType":"Float16Vector","elementTypeParams":{"dim":2}},
  {"fieldName":"bf16","dataType":"BFloat16Vector","elementTypeParams":{"dim":2}},
  {"fieldName":"i8","dataType":"Int8Vector","elementTypeParams":{"dim":2}}]},
  "indexParams":[{"fieldName":"bin","metricType":"HAMMING","indexType":"BIN_FLAT"},{"fieldName":"f16","metricType":"L2","indexType":"FLAT"},
    {"fieldName":"bf16","metricType":"L2","indexType":"FLAT"},{"fieldName":"i8","metricType":"L2","indexType":"FLAT"}]}`

func TestByteVectors(t *testing.T) {
	h := newHandler(t)
	mustOK(t, h, "collections/create", vectorsCollection)
	// Arrays and base64 strings (AAA8 is float16 1.0, 2.0 is 0x4000).
	rows := `{"collectionName":"vecs","data":[
	  {"id":"a","bin":[255,0],"f16":[1,2],"bf16":[1,2],"i8":[-1,2]},
	  {"id":"b","bin":"AP8=","f16":"ADwAQA==","bf16":"gD8AQA==","i8":"AQI="}]}`
	ins := decodeAs[map[string]any](t, mustOK(t, h, "entities/insert", rows))
	if !reflect.DeepEqual(ins["insertIds"], []any{"a", "b"}) {
		t.Fatalf("insert %v", ins)
	}
	got := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/get", `{"collectionName":"vecs","id":["a","b"]}`))
	if len(got) != 2 {
		t.Fatalf("get %v", got)
	}
	a, b := got[0], got[1]
	if a["bin"] != "/wA=" || a["f16"] != "ADwAQA==" || a["bf16"] != "gD8AQA==" || !reflect.DeepEqual(a["i8"], []any{json.Number("-1"), json.Number("2")}) {
		t.Fatalf("row a %v", a)
	}
	if b["bin"] != "AP8=" || b["f16"] != a["f16"] || b["bf16"] != a["bf16"] {
		t.Fatalf("row b %v", b)
	}
	hits := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/search",
		`{"collectionName":"vecs","annsField":"f16","data":[[1,2]],"limit":1,"outputFields":["id"]}`))
	if len(hits) != 1 || hits[0]["distance"].(json.Number) != "0" {
		t.Fatalf("f16 search %v", hits)
	}
	hits = decodeAs[[]map[string]any](t, mustOK(t, h, "entities/search",
		`{"collectionName":"vecs","annsField":"bin","data":["AP8="],"limit":2}`))
	if len(hits) != 2 || hits[0]["id"] != "b" {
		t.Fatalf("binary search %v", hits)
	}
}

func TestUpsertDeleteGet(t *testing.T) {
	h := newHandler(t)
	quick(t, h, "q", 2, nil)
	mustOK(t, h, "entities/insert", `{"collectionName":"q","data":[{"id":1,"vector":[1,0]},{"id":2,"vector":[0,1]},{"id":3,"vector":[1,1]}]}`)
	up := decodeAs[map[string]any](t, mustOK(t, h, "entities/upsert", `{"collectionName":"q","data":{"id":2,"vector":[0,2],"tag":"new"}}`))
	if up["upsertCount"].(json.Number) != "1" || !reflect.DeepEqual(up["upsertIds"], []any{json.Number("2")}) {
		t.Fatalf("upsert %v", up)
	}
	got := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/get", `{"collectionName":"q","id":2,"outputFields":["tag"]}`))
	if !reflect.DeepEqual(got, []map[string]any{{"id": json.Number("2"), "tag": "new"}}) {
		t.Fatalf("get after upsert %v", got)
	}
	del := decodeAs[map[string]json.Number](t, mustOK(t, h, "entities/delete", `{"collectionName":"q","filter":"id in {ids}","exprParams":{"ids":[1]}}`))
	if del["deleteCount"] != "1" {
		t.Fatalf("delete by filter %v", del)
	}
	del = decodeAs[map[string]json.Number](t, mustOK(t, h, "entities/delete", `{"collectionName":"q","id":["3"]}`))
	if del["deleteCount"] != "1" {
		t.Fatalf("delete by id %v", del)
	}
	left := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/query", `{"collectionName":"q","filter":"","limit":10,"outputFields":["id"]}`))
	if !reflect.DeepEqual(left, []map[string]any{{"id": json.Number("2")}}) {
		t.Fatalf("left %v", left)
	}
}

func TestSearch(t *testing.T) {
	h := newHandler(t)
	quick(t, h, "s", 2, map[string]any{"metricType": "L2"})
	mustOK(t, h, "partitions/create", `{"collectionName":"s","partitionName":"p1"}`)
	mustOK(t, h, "entities/insert", `{"collectionName":"s","data":[{"id":1,"vector":[0,0],"c":"red"},{"id":2,"vector":[1,0],"c":"blue"},{"id":3,"vector":[2,0],"c":"red"}]}`)
	mustOK(t, h, "entities/insert", `{"collectionName":"s","partitionName":"p1","data":[{"id":4,"vector":[0.1,0],"c":"red"}]}`)
	r := post(t, h, "entities/search", `{"collectionName":"s","data":[[0,0],[2,0]],"limit":2,"outputFields":["c"],"filter":"c == \"red\"","searchParams":{"metricType":"L2","params":{}}}`)
	hits := decodeAs[[]map[string]any](t, r.Data)
	if r.Code != 0 || !reflect.DeepEqual(r.Topks, []int64{2, 2}) || len(hits) != 4 {
		t.Fatalf("search: %+v %v", r, hits)
	}
	ids := []any{hits[0]["id"], hits[1]["id"], hits[2]["id"], hits[3]["id"]}
	if !reflect.DeepEqual(ids, []any{json.Number("1"), json.Number("4"), json.Number("3"), json.Number("4")}) || hits[0]["c"] != "red" {
		t.Fatalf("hits %v", hits)
	}
	part := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/search", `{"collectionName":"s","data":[[0,0]],"limit":5,"partitionNames":["p1"]}`))
	if len(part) != 1 || part[0]["id"].(json.Number) != "4" {
		t.Fatalf("partition search %v", part)
	}
	off := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/search", `{"collectionName":"s","data":[[0,0]],"limit":1,"offset":1}`))
	if len(off) != 1 || off[0]["id"].(json.Number) != "4" {
		t.Fatalf("offset search %v", off)
	}
	rng := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/search", `{"collectionName":"s","data":[[0,0]],"limit":5,"searchParams":{"params":{"radius":1.5}}}`))
	if len(rng) != 3 {
		t.Fatalf("range search %v", rng)
	}
	none := post(t, h, "entities/search", `{"collectionName":"s","data":[[0,0]],"filter":"id > 100"}`)
	if none.Code != 0 || string(none.Data) != "[]" {
		t.Fatalf("empty search %+v", none)
	}
	sealed := post(t, h, "entities/search", `{"collectionName":"s","data":[[0,0]],"searchParams":{"ignoreGrowing":true}}`)
	if sealed.Code != 0 || string(sealed.Data) != "[]" {
		t.Fatalf("ignoreGrowing over growing rows only %+v", sealed)
	}
}

func TestEntityErrors(t *testing.T) {
	h := newHandler(t)
	quick(t, h, "e", 2, nil)
	quick(t, h, "auto", 2, map[string]any{"autoID": true, "params": map[string]any{"enableDynamicField": false}})
	mustOK(t, h, "collections/create", vectorsCollection)
	cases := []struct {
		name, path, body string
		code             int32
		substr           string
	}{
		{"no data", "entities/insert", `{"collectionName":"e"}`, apierr.CodeMissingParam, "data is required"},
		{"empty data", "entities/insert", `{"collectionName":"e","data":[]}`, apierr.CodeMissingParam, "data is required"},
		{"row not object", "entities/insert", `{"collectionName":"e","data":[1]}`, apierr.CodeInsertData, "row 0 is not a JSON object"},
		{"missing field", "entities/insert", `{"collectionName":"e","data":[{"id":1}]}`, apierr.CodeInsertData, "row 0 does not has field vector"},
		{"wrong dim", "entities/insert", `{"collectionName":"e","data":[{"id":1,"vector":[1,2,3]}]}`, apierr.CodeInsertData, "doesn't equal to vector dimension 2"},
		{"not a number", "entities/insert", `{"collectionName":"e","data":[{"id":"x","vector":[1,2]}]}`, apierr.CodeInsertData, "expected an integer"},
		{"pk with auto id", "entities/insert", `{"collectionName":"auto","data":[{"id":1,"vector":[1,2]}]}`, apierr.CodeInsertData, "no need to pass pk field(id)"},
		{"extra field without dynamic", "entities/insert", `{"collectionName":"auto","data":[{"vector":[1,2],"x":1}]}`, apierr.CodeInsertData, "without dynamic schema"},
		{"$meta key", "entities/insert", `{"collectionName":"e","data":[{"id":1,"vector":[1,2],"$meta":{}}]}`, apierr.CodeInsertData, "invalid field name($meta)"},
		{"bad base64", "entities/insert", `{"collectionName":"vecs","data":[{"id":"a","bin":"!!","f16":[1,2],"bf16":[1,2],"i8":[1,2]}]}`, apierr.CodeInsertData, "base64"},
		{"short binary", "entities/insert", `{"collectionName":"vecs","data":[{"id":"a","bin":[1],"f16":[1,2],"bf16":[1,2],"i8":[1,2]}]}`, apierr.CodeInsertData, "[]byte size 1"},
		{"int8 out of range", "entities/insert", `{"collectionName":"vecs","data":[{"id":"a","bin":[1,2],"f16":[1,2],"bf16":[1,2],"i8":[1,200]}]}`, apierr.CodeInsertData, "-128"},
		{"float16 overflow", "entities/insert", `{"collectionName":"vecs","data":[{"id":"a","bin":[1,2],"f16":[1,70000],"bf16":[1,2],"i8":[1,2]}]}`, apierr.CodeParameterInvalid, "float16 vector contain nan or infinity value."},
		{"float16 search overflow", "entities/search", `{"collectionName":"vecs","annsField":"f16","data":[[1,1e9]]}`, apierr.CodeParameterInvalid, "float16"},
		{"service check", "entities/insert", `{"collectionName":"vecs","data":[{"id":"too long id","bin":[1,2],"f16":[1,2],"bf16":[1,2],"i8":[1,2]}]}`, apierr.CodeParameterInvalid, "exceeds max length"},
		{"upsert duplicate", "entities/upsert", `{"collectionName":"e","data":[{"id":1,"vector":[1,2]},{"id":1,"vector":[1,2]}]}`, apierr.CodeParameterInvalid, "duplicate primary keys"},
		{"insert unknown collection", "entities/insert", `{"collectionName":"nope","data":[{"id":1}]}`, apierr.CodeCollectionNotFound, "nope"},
		{"delete without filter", "entities/delete", `{"collectionName":"e"}`, apierr.CodeMissingParam, "filter is required"},
		{"delete bad id", "entities/delete", `{"collectionName":"e","id":["x"]}`, apierr.CodePrimaryKey, "please check the primary key"},
		{"get without id", "entities/get", `{"collectionName":"e"}`, apierr.CodeMissingParam, "id is required"},
		{"get string pk as number", "entities/get", `{"collectionName":"vecs","id":[1]}`, apierr.CodePrimaryKey, "expected a string key"},
		{"bad filter", "entities/query", `{"collectionName":"e","filter":"id >"}`, apierr.CodeParameterInvalid, "failed to create query plan"},
		{"bad consistency", "entities/query", `{"collectionName":"e","filter":"id > 0","consistencyLevel":"Maybe"}`, apierr.CodeParameterInvalid, "consistencyLevel can only be"},
		{"search no data", "entities/search", `{"collectionName":"e"}`, apierr.CodeMissingParam, "data is required"},
		{"search wrong dim", "entities/search", `{"collectionName":"e","data":[[1,2,3]]}`, apierr.CodeBadFormat, "vector 0"},
		{"search many vector fields", "entities/search", `{"collectionName":"vecs","data":[[1,2]]}`, apierr.CodeBadFormat, "multiple vector fields: [bin, f16, bf16, i8]"},
		{"search unknown field", "entities/search", `{"collectionName":"e","annsField":"nope","data":[[1,2]]}`, apierr.CodeBadFormat, "cannot find a vector field named: nope"},
		{"search zero limit", "entities/search", `{"collectionName":"e","data":[[1,2]],"limit":0}`, apierr.CodeParameterInvalid, "topk [0] is invalid"},
		{"search metric mismatch", "entities/search", `{"collectionName":"e","data":[[1,2]],"searchParams":{"metricType":"L2"}}`, apierr.CodeParameterInvalid, "metric type not match"},
		{"search grouping", "entities/search", `{"collectionName":"e","data":[[1,2]],"groupingField":"x"}`, apierr.CodeParameterInvalid, "groupBy field(x) not found in schema"},
		{"unknown partition", "entities/query", `{"collectionName":"vecs","filter":"id != \"\"","partitionNames":["nope"]}`, apierr.CodePartitionNotFound, "nope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, h, tc.path, tc.body, tc.code, tc.substr) })
	}
	mustOK(t, h, "collections/release", `{"collectionName":"e"}`)
	wantErr(t, h, "entities/query", `{"collectionName":"e","filter":"id > 0"}`, apierr.CodeCollectionNotLoaded, "collection not loaded[collection=e]")
}
