package rest

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kite-db/kite/internal/apierr"
)

func TestQuickSetupCollection(t *testing.T) {
	h := newHandler(t)
	quick(t, h, "demo", 4, map[string]any{"metricType": "L2", "primaryFieldName": "pk", "vectorFieldName": "emb",
		"idType": "VarChar", "autoID": false, "params": map[string]any{"max_length": 16, "shardsNum": 2}})
	d := decodeAs[map[string]any](t, mustOK(t, h, "collections/describe", `{"collectionName":"demo"}`))
	if d["load"] != "LoadStateLoaded" || d["enableDynamicField"] != true || d["consistencyLevel"] != "Bounded" {
		t.Fatalf("describe: %v", d)
	}
	if d["shardsNum"].(json.Number) != "2" {
		t.Fatalf("shardsNum %v", d["shardsNum"])
	}
	fields := d["fields"].([]any)
	pk, vec := fields[0].(map[string]any), fields[1].(map[string]any)
	if pk["name"] != "pk" || pk["type"] != "VarChar" || pk["primaryKey"] != true || vec["name"] != "emb" || vec["type"] != "FloatVector" {
		t.Fatalf("fields %v", fields)
	}
	wantParams := []any{map[string]any{"key": "dim", "value": "4"}}
	if !reflect.DeepEqual(vec["params"], wantParams) {
		t.Fatalf("vector params %v", vec["params"])
	}
	idx := d["indexes"].([]any)[0].(map[string]any)
	if idx["indexName"] != "emb" || idx["metricType"] != "L2" || idx["fieldName"] != "emb" {
		t.Fatalf("indexes %v", d["indexes"])
	}
}

func TestCollectionLifecycle(t *testing.T) {
	h := newHandler(t)
	quick(t, h, "a", 2, nil)
	quick(t, h, "b", 2, map[string]any{"params": map[string]any{"enableDynamicField": false}})
	if got := decodeAs[[]string](t, mustOK(t, h, "collections/list", `{}`)); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Fatalf("list %v", got)
	}
	has := decodeAs[map[string]bool](t, mustOK(t, h, "collections/has", `{"collectionName":"a"}`))
	hasNot := decodeAs[map[string]bool](t, mustOK(t, h, "collections/has", `{"collectionName":"zz"}`))
	if !has["has"] || hasNot["has"] {
		t.Fatalf("has %v %v", has, hasNot)
	}
	st := decodeAs[map[string]any](t, mustOK(t, h, "collections/get_load_state", `{"collectionName":"a"}`))
	if st["loadState"] != "LoadStateLoaded" || st["loadProgress"].(json.Number) != "100" {
		t.Fatalf("load state %v", st)
	}
	mustOK(t, h, "collections/release", `{"collectionName":"a"}`)
	st = decodeAs[map[string]any](t, mustOK(t, h, "collections/get_load_state", `{"collectionName":"a"}`))
	if st["loadState"] != "LoadStateNotLoad" {
		t.Fatalf("after release %v", st)
	}
	mustOK(t, h, "collections/load", `{"collectionName":"a"}`)
	mustOK(t, h, "collections/refresh_load", `{"collectionName":"a"}`)
	mustOK(t, h, "collections/flush", `{"collectionName":"a"}`)
	wantErr(t, h, "collections/flush", `{"collectionName":"zz"}`, apierr.CodeCollectionNotFound, "zz")
	stats := decodeAs[map[string]json.Number](t, mustOK(t, h, "collections/get_stats", `{"collectionName":"a"}`))
	if stats["rowCount"] != "0" {
		t.Fatalf("stats %v", stats)
	}
	mustOK(t, h, "collections/alter_properties", `{"collectionName":"a","properties":{"collection.ttl.seconds":60}}`)
	d := decodeAs[map[string]any](t, mustOK(t, h, "collections/describe", `{"collectionName":"a"}`))
	if !reflect.DeepEqual(d["properties"], []any{map[string]any{"key": "collection.ttl.seconds", "value": "60"}}) {
		t.Fatalf("properties %v", d["properties"])
	}
	mustOK(t, h, "collections/drop_properties", `{"collectionName":"a","propertyKeys":["collection.ttl.seconds"]}`)
	mustOK(t, h, "collections/rename", `{"collectionName":"b","newCollectionName":"c"}`)
	mustOK(t, h, "collections/drop", `{"collectionName":"c"}`)
	if got := decodeAs[[]string](t, mustOK(t, h, "collections/list", `{}`)); !reflect.DeepEqual(got, []string{"a"}) {
		t.Fatalf("list after rename+drop %v", got)
	}
}

func TestCustomSchemaCollection(t *testing.T) {
	h := newHandler(t)
	body := `{"collectionName":"books","description":"shelf",
	  "schema":{"autoID":true,"enableDynamicField":false,"fields":[
	    {"fieldName":"id","dataType":"Int64","isPrimary":true},
	    {"fieldName":"title","dataType":"VarChar","elementTypeParams":{"max_length":64}},
	    {"fieldName":"year","dataType":"Int32","nullable":true,"defaultValue":2000},
	    {"fieldName":"tags","dataType":"Array","elementDataType":"VarChar","elementTypeParams":{"max_capacity":4,"max_length":8}},
	    {"fieldName":"v","dataType":"FloatVector","elementTypeParams":{"dim":"2"}}]},
	  "params":{"consistencyLevel":"Strong","ttlSeconds":3600}}`
	mustOK(t, h, "collections/create", body)
	d := decodeAs[map[string]any](t, mustOK(t, h, "collections/describe", `{"collectionName":"books"}`))
	if d["load"] != "LoadStateNotLoad" || d["autoId"] != true || d["description"] != "shelf" || d["consistencyLevel"] != "Strong" {
		t.Fatalf("describe %v", d)
	}
	year := d["fields"].([]any)[2].(map[string]any)
	tags := d["fields"].([]any)[3].(map[string]any)
	if year["nullable"] != true || year["defaultValue"].(json.Number) != "2000" || tags["elementType"] != "VarChar" {
		t.Fatalf("fields %v", d["fields"])
	}
	// With indexParams, create also builds the indexes and loads.
	body2 := `{"collectionName":"indexed","schema":{"fields":[
	    {"fieldName":"id","dataType":"Int64","isPrimary":true},
	    {"fieldName":"v","dataType":"FloatVector","elementTypeParams":{"dim":2}}]},
	  "indexParams":[{"fieldName":"v","indexName":"v_idx","metricType":"IP","indexType":"HNSW","params":{"M":8,"efConstruction":64}}]}`
	mustOK(t, h, "collections/create", body2)
	st := decodeAs[map[string]any](t, mustOK(t, h, "collections/get_load_state", `{"collectionName":"indexed"}`))
	if st["loadState"] != "LoadStateLoaded" {
		t.Fatalf("load state %v", st)
	}
	ix := decodeAs[[]map[string]any](t, mustOK(t, h, "indexes/describe", `{"collectionName":"indexed","indexName":"v_idx"}`))
	if ix[0]["indexType"] != "HNSW" || ix[0]["metricType"] != "IP" || ix[0]["indexState"] != "Finished" {
		t.Fatalf("index %v", ix)
	}
}

func TestCollectionErrors(t *testing.T) {
	h := newHandler(t)
	quick(t, h, "demo", 2, nil)
	cases := []struct {
		name, path string
		body       any
		code       int32
		substr     string
	}{
		{"empty body", "collections/describe", "", apierr.CodeBadFormat, "the request body should be nil"},
		{"not json", "collections/describe", "{nope", apierr.CodeBadFormat, "can only accept json format request"},
		{"wrong field type", "collections/create", `{"collectionName":"x","dimension":"two"}`, apierr.CodeBadFormat, "dimension"},
		{"missing name", "collections/describe", `{}`, apierr.CodeMissingParam, "collectionName is required"},
		{"no dimension", "collections/create", `{"collectionName":"x"}`, apierr.CodeParameterInvalid, "dimension is required for quickly create collection"},
		{"bad id type", "collections/create", `{"collectionName":"x","dimension":2,"idType":"Float"}`, apierr.CodeParameterInvalid, "idType can only be [Int64, VarChar]"},
		{"bad consistency", "collections/create", `{"collectionName":"x","dimension":2,"params":{"consistencyLevel":"Eventual"}}`, apierr.CodeParameterInvalid, "consistencyLevel can only be"},
		{"bad data type", "collections/create", `{"collectionName":"x","schema":{"fields":[{"fieldName":"id","dataType":"int64","isPrimary":true}]}}`, apierr.CodeParameterInvalid, "data type int64 is invalid(case sensitive)"},
		{"bad default", "collections/create", `{"collectionName":"x","schema":{"fields":[{"fieldName":"n","dataType":"Int64","defaultValue":"one"}]}}`, apierr.CodeParameterInvalid, "Wrong defaultValue type"},
		{"functions", "collections/create", `{"collectionName":"x","schema":{"fields":[{"fieldName":"id","dataType":"Int64","isPrimary":true}],"functions":[{"name":"bm25"}]}}`, apierr.CodeUnimplemented, "collection functions"},
		{"index on unknown field", "collections/create", `{"collectionName":"x","schema":{"fields":[{"fieldName":"id","dataType":"Int64","isPrimary":true},{"fieldName":"v","dataType":"FloatVector","elementTypeParams":{"dim":2}}]},"indexParams":[{"fieldName":"w","metricType":"L2"}]}`, apierr.CodeMissingParam, "`w` hasn't defined in schema"},
		{"schema rejected by service", "collections/create", `{"collectionName":"1x","dimension":2}`, apierr.CodeParameterInvalid, "the first character of a collection name"},
		{"not found", "collections/describe", `{"collectionName":"nope"}`, apierr.CodeCollectionNotFound, "can't find collection[database=default][collection=nope]"},
		{"load state not found", "collections/get_load_state", `{"collectionName":"nope"}`, apierr.CodeCollectionNotFound, "collection not found"},
		{"stats not found", "collections/get_stats", `{"collectionName":"nope"}`, apierr.CodeCollectionNotFound, "nope"},
		{"unknown database", "collections/list", `{"dbName":"nodb"}`, apierr.CodeDatabaseNotFound, "database not found[database=nodb]"},
		{"rename needs new name", "collections/rename", `{"collectionName":"demo"}`, apierr.CodeMissingParam, "newCollectionName is required"},
		{"drop index of loaded", "indexes/drop", `{"collectionName":"demo","indexName":"vector"}`, apierr.CodeParameterInvalid, "release it first"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, h, tc.path, tc.body, tc.code, tc.substr) })
	}
}

func TestDatabaseFromBodyAndHeader(t *testing.T) {
	h := newHandler(t)
	mustOK(t, h, "databases/create", `{"dbName":"shop","properties":{"database.max.collections":10}}`)
	quick(t, h, "items", 2, map[string]any{"dbName": "shop"})
	mustOK(t, h, "collections/describe", `{"collectionName":"items"}`, "DB-Name", "shop")
	wantErr(t, h, "collections/describe", `{"collectionName":"items"}`, apierr.CodeCollectionNotFound, "items")
	if got := decodeAs[[]string](t, mustOK(t, h, "collections/list", `{"dbName":"shop"}`)); !reflect.DeepEqual(got, []string{"items"}) {
		t.Fatalf("list in shop %v", got)
	}
}
