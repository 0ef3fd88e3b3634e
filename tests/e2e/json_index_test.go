package e2e

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// jsonPathFilters are answered by the path indexes below when they fit,
// and by a scan when they do not (another type, another path).
var jsonPathFilters = []string{
	`meta["price"] == 7`, `meta["price"] > 20.5`, `3 <= meta["price"] < 9`, `meta["price"] in [1, 2, 40]`, `meta["price"] != 7`,
	`meta["brand"] == "b2"`, `meta["brand"] like "b1%"`, `meta["brand"] in ["b0", "b3"]`,
	`json_contains(meta["tags"], "t1")`, `json_contains_any(meta["tags"], ["t0", "t3"])`,
	`color == "red"`, `color != "red"`,
	`meta["price"] == "7"`, `meta["other"] > 1`, `meta["brand"] == "b2" and meta["price"] < 30`,
}

// TestJSONPathIndexes creates INVERTED indexes on JSON paths (of a JSON
// field and of a dynamic key) with the Go SDK's JSONPathIndex, and checks
// every filter returns the rows it returned without them.
func TestJSONPathIndexes(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 120*time.Second)
	sch := floatSchema("jx", 4, entity.NewField().WithName("meta").WithDataType(entity.FieldTypeJSON).WithNullable(true)).
		WithDynamicFieldEnabled(true)
	createCollection(t, c, sch)
	const n = 400
	var docs [][]byte
	var valid []bool
	var colors [][]byte
	for i := 0; i < n; i++ {
		doc := map[string]any{"brand": fmt.Sprintf("b%d", i%5), "tags": []string{fmt.Sprintf("t%d", i%4)}}
		switch i % 7 {
		case 0:
			doc["price"] = fmt.Sprint(i % 40) // a string where numbers are indexed
		case 1: // no price
		default:
			doc["price"] = float64(i%40) + 0.5*float64((i/40)%2)
		}
		raw, _ := json.Marshal(doc)
		if valid = append(valid, i%13 != 0); i%13 != 0 {
			docs = append(docs, raw)
		}
		dyn, _ := json.Marshal(map[string]any{"color": []string{"red", "blue", "green"}[i%3]})
		colors = append(colors, dyn)
	}
	meta, err := column.NewNullableColumnJSONBytes("meta", docs, valid)
	ok(t, err, "meta column")
	insert(t, c, milvusclient.NewColumnBasedInsertOption("jx", column.NewColumnInt64("id", seqIDs(0, n)),
		column.NewColumnFloatVector("vec", 4, randVecs(newRand(7), n, 4)), meta, column.NewColumnJSONBytes("$meta", colors).WithIsDynamic(true)))
	flush(t, c, "jx")
	indexAndLoad(t, c, "jx", "vec", index.NewFlatIndex(entity.L2))

	ids := func() [][]int64 {
		var out [][]int64
		for _, f := range jsonPathFilters {
			out = append(out, sortedInts(int64Col(t, query(t, c, "jx", f, "id"), "id")))
		}
		return out
	}
	want := ids()
	for i, w := range want[:12] {
		if len(w) == 0 || len(w) == n {
			t.Fatalf("%s selects %d of %d rows: the filter does not discriminate", jsonPathFilters[i], len(w), n)
		}
	}

	for _, ix := range []struct {
		field, name, cast, path string
	}{
		{"meta", "price_ix", "DOUBLE", `meta["price"]`},
		{"meta", "brand_ix", "VARCHAR", `meta["brand"]`},
		{"meta", "tags_ix", "ARRAY_VARCHAR", `meta["tags"]`},
		{"color", "color_ix", "VARCHAR", "color"},
	} {
		task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("jx", ix.field,
			index.NewJSONPathIndex(index.Inverted, ix.cast, ix.path)).WithIndexName(ix.name))
		ok(t, err, "create %s", ix.name)
		ok(t, task.Await(ctx), "await %s", ix.name)
		waitIndexed(t, c, "jx", ix.name, n)
		d, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("jx", ix.name))
		ok(t, err, "describe %s", ix.name)
		if p := d.Params(); p["json_cast_type"] != ix.cast || p["json_path"] == "" {
			t.Fatalf("describe %s: params %v", ix.name, p)
		}
	}
	for i, got := range ids() {
		if !slices.Equal(got, want[i]) {
			t.Fatalf("%s with path indexes: %d rows %s, unindexed %d rows %s", jsonPathFilters[i], len(got), trunc(got), len(want[i]), trunc(want[i]))
		}
	}

	// A second index on the same path is refused, as Milvus refuses it.
	_, err = c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("jx", "meta",
		index.NewJSONPathIndex(index.Inverted, "VARCHAR", `meta["price"]`)).WithIndexName("again"))
	wantErr(t, err, 702, "creating multiple indexes on same field is not supported")

	// A dynamic key's index is found and dropped under the key's name.
	ok(t, c.DropIndex(ctx, milvusclient.NewDropIndexOption("jx", "color_ix")), "drop color_ix")
	if _, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("jx", "color_ix")); err == nil {
		t.Fatal("color_ix still described after its drop")
	}
}
