package rest

import (
	"testing"
)

func TestTimestamptzInOut(t *testing.T) {
	h := newHandler(t)
	mustOK(t, h, "collections/create", `{"collectionName":"tz","schema":{"fields":[
	  {"fieldName":"id","dataType":"Int64","isPrimary":true},
	  {"fieldName":"tsz","dataType":"Timestamptz","nullable":true},
	  {"fieldName":"v","dataType":"FloatVector","elementTypeParams":{"dim":2}}]},
	  "indexParams":[{"fieldName":"v","metricType":"L2","indexType":"FLAT"}]}`)
	mustOK(t, h, "collections/alter_properties", `{"collectionName":"tz","properties":{"timezone":"Asia/Shanghai"}}`)
	wantErr(t, h, "collections/alter_properties", `{"collectionName":"tz","properties":{"timezone":"Mars/Olympus"}}`,
		1100, "unknown or invalid IANA Time Zone ID: Mars/Olympus")
	mustOK(t, h, "entities/insert", `{"collectionName":"tz","data":[
	  {"id":1,"tsz":"2025-01-01T08:00:00","v":[0,0]},
	  {"id":2,"tsz":"2025-01-01T08:00:00Z","v":[1,1]},
	  {"id":3,"tsz":1735689600000000,"v":[2,2]},
	  {"id":4,"tsz":null,"v":[3,3]}]}`)
	got := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/query", `{"collectionName":"tz","filter":"id > 0","outputFields":["tsz"]}`))
	want := []any{"2025-01-01T08:00:00+08:00", "2025-01-01T16:00:00+08:00", "2025-01-01T08:00:00+08:00", nil}
	for i, r := range got {
		if r["tsz"] != want[i] {
			t.Errorf("row %d: tsz %v, want %v", i, r["tsz"], want[i])
		}
	}
	got = decodeAs[[]map[string]any](t, mustOK(t, h, "entities/query",
		`{"collectionName":"tz","filter":"tsz == ISO '2025-01-01T08:00:00'","outputFields":["id"]}`))
	if len(got) != 2 {
		t.Errorf("offset-less literal in the collection zone: %v", got)
	}
	hits := decodeAs[[]map[string]any](t, mustOK(t, h, "entities/search",
		`{"collectionName":"tz","data":[[1,1]],"limit":1,"outputFields":["tsz"]}`))
	if len(hits) != 1 || hits[0]["tsz"] != "2025-01-01T16:00:00+08:00" {
		t.Errorf("search: %v", hits)
	}
	wantErr(t, h, "entities/insert", `{"collectionName":"tz","data":[{"id":5,"tsz":"soon","v":[0,0]}]}`, 1804, "expected microseconds or an ISO 8601 time")
}
