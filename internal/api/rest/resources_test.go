package rest

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kite-db/kite/internal/apierr"
)

func TestPartitions(t *testing.T) {
	h := newHandler(t)
	quick(t, h, "c", 2, nil)
	mustOK(t, h, "partitions/create", `{"collectionName":"c","partitionName":"p1"}`)
	if got := decodeAs[[]string](t, mustOK(t, h, "partitions/list", `{"collectionName":"c"}`)); !reflect.DeepEqual(got, []string{"_default", "p1"}) {
		t.Fatalf("list %v", got)
	}
	if got := decodeAs[map[string]bool](t, mustOK(t, h, "partitions/has", `{"collectionName":"c","partitionName":"p1"}`)); !got["has"] {
		t.Fatalf("has %v", got)
	}
	mustOK(t, h, "entities/insert", `{"collectionName":"c","partitionName":"p1","data":[{"id":1,"vector":[1,2]},{"id":2,"vector":[2,1]}]}`)
	if got := decodeAs[map[string]json.Number](t, mustOK(t, h, "partitions/get_stats", `{"collectionName":"c","partitionName":"p1"}`)); got["rowCount"] != "2" {
		t.Fatalf("stats %v", got)
	}
	mustOK(t, h, "partitions/release", `{"collectionName":"c","partitionNames":["p1"]}`)
	st := decodeAs[map[string]any](t, mustOK(t, h, "collections/get_load_state", `{"collectionName":"c","partitionNames":["p1"]}`))
	if st["loadState"] != "LoadStateNotLoad" {
		t.Fatalf("partition load state %v", st)
	}
	mustOK(t, h, "partitions/load", `{"collectionName":"c","partitionNames":["p1"]}`)
	mustOK(t, h, "partitions/release", `{"collectionName":"c","partitionNames":["p1"]}`)
	mustOK(t, h, "partitions/drop", `{"collectionName":"c","partitionName":"p1"}`)
	if got := decodeAs[map[string]bool](t, mustOK(t, h, "partitions/has", `{"collectionName":"c","partitionName":"p1"}`)); got["has"] {
		t.Fatalf("has after drop %v", got)
	}
	wantErr(t, h, "partitions/create", `{"collectionName":"c"}`, apierr.CodeMissingParam, "partitionName is required")
	wantErr(t, h, "partitions/load", `{"collectionName":"c"}`, apierr.CodeMissingParam, "partitionNames is required")
	wantErr(t, h, "partitions/get_stats", `{"collectionName":"c","partitionName":"zz"}`, apierr.CodePartitionNotFound, "partition not found[partition=zz]")
	wantErr(t, h, "partitions/drop", `{"collectionName":"c","partitionName":"_default"}`, apierr.CodeParameterInvalid, "default partition cannot be deleted")
	wantErr(t, h, "partitions/list", `{"collectionName":"zz"}`, apierr.CodeCollectionNotFound, "zz")
}

func TestAliases(t *testing.T) {
	h := newHandler(t)
	quick(t, h, "c1", 2, nil)
	quick(t, h, "c2", 2, nil)
	mustOK(t, h, "aliases/create", `{"collectionName":"c1","aliasName":"live"}`)
	if got := decodeAs[[]string](t, mustOK(t, h, "aliases/list", `{}`)); !reflect.DeepEqual(got, []string{"live"}) {
		t.Fatalf("list %v", got)
	}
	if got := decodeAs[[]string](t, mustOK(t, h, "aliases/list", `{"collectionName":"c2"}`)); !reflect.DeepEqual(got, []string{}) {
		t.Fatalf("list of c2 %v", got)
	}
	d := decodeAs[map[string]string](t, mustOK(t, h, "aliases/describe", `{"aliasName":"live"}`))
	if !reflect.DeepEqual(d, map[string]string{"dbName": "default", "collectionName": "c1", "aliasName": "live"}) {
		t.Fatalf("describe %v", d)
	}
	mustOK(t, h, "aliases/alter", `{"collectionName":"c2","aliasName":"live"}`)
	// Reads and writes go through an alias.
	mustOK(t, h, "entities/insert", `{"collectionName":"live","data":[{"id":1,"vector":[1,2]}]}`)
	if got := decodeAs[map[string]json.Number](t, mustOK(t, h, "collections/get_stats", `{"collectionName":"c2"}`)); got["rowCount"] != "1" {
		t.Fatalf("stats via alias %v", got)
	}
	wantErr(t, h, "aliases/create", `{"collectionName":"c1","aliasName":"live"}`, apierr.CodeAliasAlreadyExist, "alias already exist[alias=live]")
	wantErr(t, h, "collections/drop", `{"collectionName":"c2"}`, apierr.CodeParameterInvalid, "associated aliases")
	mustOK(t, h, "aliases/drop", `{"aliasName":"live"}`)
	wantErr(t, h, "aliases/describe", `{"aliasName":"live"}`, apierr.CodeAliasNotFound, "alias not found[database=default][alias=live]")
	wantErr(t, h, "aliases/create", `{"collectionName":"c1"}`, apierr.CodeMissingParam, "aliasName is required")
}

func TestIndexes(t *testing.T) {
	h := newHandler(t)
	mustOK(t, h, "collections/create", `{"collectionName":"c","schema":{"fields":[
	  {"fieldName":"id","dataType":"Int64","isPrimary":true},{"fieldName":"n","dataType":"Int64"},
	  {"fieldName":"v","dataType":"FloatVector","elementTypeParams":{"dim":2}}]}}`)
	if got := decodeAs[[]string](t, mustOK(t, h, "indexes/list", `{"collectionName":"c"}`)); len(got) != 0 {
		t.Fatalf("list before create %v", got)
	}
	mustOK(t, h, "indexes/create", `{"collectionName":"c","indexParams":[
	  {"fieldName":"v","indexName":"vi","metricType":"IP","params":{"index_type":"IVF_FLAT","nlist":16}},
	  {"fieldName":"n","indexName":"ni","indexType":"STL_SORT"}]}`)
	if got := decodeAs[[]string](t, mustOK(t, h, "indexes/list", `{"collectionName":"c"}`)); !reflect.DeepEqual(got, []string{"vi", "ni"}) {
		t.Fatalf("list %v", got)
	}
	d := decodeAs[[]map[string]any](t, mustOK(t, h, "indexes/describe", `{"collectionName":"c","indexName":"vi"}`))
	if len(d) != 1 || d[0]["indexType"] != "IVF_FLAT" || d[0]["metricType"] != "IP" || d[0]["fieldName"] != "v" {
		t.Fatalf("describe %v", d)
	}
	mustOK(t, h, "collections/load", `{"collectionName":"c"}`)
	wantErr(t, h, "indexes/create", `{"collectionName":"c","indexParams":[{"fieldName":"v","indexName":"vi","metricType":"L2"}]}`,
		apierr.CodeIndexDuplicate, "at most one distinct index")
	wantErr(t, h, "indexes/create", `{"collectionName":"c","indexParams":[{"fieldName":"zz","metricType":"L2"}]}`, apierr.CodeFieldNotFound, "field not found[field=zz]")
	wantErr(t, h, "indexes/create", `{"collectionName":"c"}`, apierr.CodeMissingParam, "indexParams is required")
	wantErr(t, h, "indexes/describe", `{"collectionName":"c"}`, apierr.CodeMissingParam, "indexName is required")
	wantErr(t, h, "indexes/describe", `{"collectionName":"c","indexName":"zz"}`, apierr.CodeIndexNotFound, "index not found[indexName=zz]")
	mustOK(t, h, "indexes/drop", `{"collectionName":"c","indexName":"ni"}`)
	mustOK(t, h, "collections/release", `{"collectionName":"c"}`)
	mustOK(t, h, "indexes/drop", `{"collectionName":"c","indexName":"vi"}`)
	if got := decodeAs[[]string](t, mustOK(t, h, "indexes/list", `{"collectionName":"c"}`)); len(got) != 0 {
		t.Fatalf("list after drop %v", got)
	}
}

func TestDatabases(t *testing.T) {
	h := newHandler(t)
	mustOK(t, h, "databases/create", `{"dbName":"shop"}`)
	if got := decodeAs[[]string](t, mustOK(t, h, "databases/list", `{}`)); !reflect.DeepEqual(got, []string{"default", "shop"}) {
		t.Fatalf("list %v", got)
	}
	mustOK(t, h, "databases/alter", `{"dbName":"shop","properties":{"database.replica.number":1,"note":"x"}}`)
	d := decodeAs[map[string]any](t, mustOK(t, h, "databases/describe", `{"dbName":"shop"}`))
	want := []any{map[string]any{"key": "database.replica.number", "value": "1"}, map[string]any{"key": "note", "value": "x"}}
	if d["dbName"] != "shop" || !reflect.DeepEqual(d["properties"], want) {
		t.Fatalf("describe %v", d)
	}
	mustOK(t, h, "databases/drop_properties", `{"dbName":"shop","propertyKeys":["note"]}`)
	d = decodeAs[map[string]any](t, mustOK(t, h, "databases/describe", `{"dbName":"shop"}`))
	if len(d["properties"].([]any)) != 1 {
		t.Fatalf("after drop_properties %v", d)
	}
	wantErr(t, h, "databases/create", `{"dbName":"shop"}`, apierr.CodeParameterInvalid, "database already exist: shop")
	wantErr(t, h, "databases/create", `{"dbName":"1x"}`, apierr.CodeDatabaseInvalidName, "invalid database name[database=1x]")
	wantErr(t, h, "databases/create", `{}`, apierr.CodeMissingParam, "dbName is required")
	wantErr(t, h, "databases/describe", `{"dbName":"nope"}`, apierr.CodeDatabaseNotFound, "database not found[database=nope]")
	wantErr(t, h, "databases/drop", `{"dbName":"default"}`, apierr.CodeParameterInvalid, "can not drop default database")
	quick(t, h, "c", 2, map[string]any{"dbName": "shop"})
	wantErr(t, h, "databases/drop", `{"dbName":"shop"}`, apierr.CodeParameterInvalid, "not empty")
	mustOK(t, h, "collections/drop", `{"dbName":"shop","collectionName":"c"}`)
	mustOK(t, h, "databases/drop", `{"dbName":"shop"}`)
	if got := decodeAs[[]string](t, mustOK(t, h, "databases/list", ``)); !reflect.DeepEqual(got, []string{"default"}) {
		t.Fatalf("list after drop %v", got)
	}
}
