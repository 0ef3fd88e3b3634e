package e2e

import (
	"slices"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// TestAddCollectionField adds nullable fields to a collection holding sealed,
// indexed and growing rows: the earlier rows read as the default (or null),
// rows written afterwards keep their own values, filters, indexes and
// output see both, and everything survives a clean restart and kill -9.
func TestAddCollectionField(t *testing.T) {
	eachRestart(t, testAddCollectionField)
}

func testAddCollectionField(t *testing.T, s *Server, restart func()) {
	c := s.Client()
	ctx := ctxT(t, 120*time.Second)
	const dim = 8
	r := newRand(11)
	createCollection(t, c, floatSchema("af", dim))
	indexAndLoad(t, c, "af", "vec", index.NewHNSWIndex(entity.L2, 8, 64))
	write := func(from, n int, extra ...column.Column) {
		cols := append([]column.Column{column.NewColumnInt64("id", seqIDs(from, n)), column.NewColumnFloatVector("vec", dim, randVecs(r, n, dim))}, extra...)
		insert(t, c, milvusclient.NewColumnBasedInsertOption("af").WithColumns(cols...))
	}
	write(0, 100) // sealed below
	flush(t, c, "af")
	write(100, 50) // growing when the fields are added

	score := entity.NewField().WithName("score").WithDataType(entity.FieldTypeInt64).WithNullable(true).WithDefaultValueLong(7)
	ok(t, c.AddCollectionField(ctx, milvusclient.NewAddCollectionFieldOption("af", score)), "add score")
	note := entity.NewField().WithName("note").WithDataType(entity.FieldTypeVarChar).WithMaxLength(16).WithNullable(true)
	ok(t, c.AddCollectionField(ctx, milvusclient.NewAddCollectionFieldOption("af", note)), "add note")

	coll, err := c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("af"))
	ok(t, err, "describe")
	if f := coll.Schema.Fields; len(f) != 4 || f[2].Name != "score" || !f[2].Nullable || f[3].Name != "note" {
		t.Fatalf("fields after adding: %+v", f)
	}

	// Rows written afterwards carry the fields (or leave them to default).
	scores := make([]int64, 30)
	notes := make([]string, 30)
	for i := range scores {
		scores[i], notes[i] = int64(1000+i), "n"
	}
	write(150, 30, column.NewColumnInt64("score", scores), column.NewColumnVarChar("note", notes))
	write(180, 20)

	check := func(stage string) {
		t.Helper()
		if n := count(t, c, "af", "score == 7"); n != 170 {
			t.Fatalf("%s: %d rows read the default, want 170", stage, n)
		}
		if n := count(t, c, "af", "score >= 1000"); n != 30 {
			t.Fatalf("%s: %d rows with their own score, want 30", stage, n)
		}
		if n := count(t, c, "af", "note is null"); n != 170 {
			t.Fatalf("%s: %d null notes, want 170", stage, n)
		}
		rs := query(t, c, "af", "id in [5, 120, 155]", "score", "note")
		got := map[int64]int64{}
		for i, id := range int64Col(t, rs, "id") {
			got[id] = int64Col(t, rs, "score")[i]
		}
		if got[5] != 7 || got[120] != 7 || got[155] != 1005 {
			t.Fatalf("%s: scores by id %v", stage, got)
		}
		hits := search(t, c, milvusclient.NewSearchOption("af", 5, []entity.Vector{entity.FloatVector(randVecs(r, 1, dim)[0])}).
			WithFilter("score == 7").WithOutputFields("score").WithConsistencyLevel(strong))
		for _, v := range int64Col(t, hits[0], "score") {
			if v != 7 {
				t.Fatalf("%s: search filtered on the default returned score %d", stage, v)
			}
		}
	}
	check("before restart")

	// An index on the added field covers old and new rows alike.
	task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("af", "score", index.NewInvertedIndex()))
	ok(t, err, "index score")
	ok(t, task.Await(ctx), "await score index")
	flush(t, c, "af")
	check("indexed and flushed")

	restart()
	c = s.Client()
	load(t, c, "af")
	check("after restart")

	// Compaction merges segments written before and after the fields were added.
	id, err := c.Compact(ctx, milvusclient.NewCompactOption("af"))
	ok(t, err, "compact")
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		st, err := c.GetCompactionState(ctx, milvusclient.NewGetCompactionStateOption(id))
		ok(t, err, "compaction state")
		if st == entity.CompactionStateCompleted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("compaction %d still %v", id, st)
		}
	}
	segs, err := c.GetPersistentSegmentInfo(ctx, milvusclient.NewGetPersistentSegmentInfoOption("af"))
	ok(t, err, "segments")
	if len(segs) != 1 {
		t.Fatalf("%d segments after compaction, want the old and new ones merged", len(segs))
	}
	check("compacted")
}

// TestAddCollectionFieldRefused checks Milvus's rules for added fields.
func TestAddCollectionFieldRefused(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 30*time.Second)
	createCollection(t, c, floatSchema("ar", 8))
	field := func() *entity.Field { return entity.NewField().WithName("x").WithDataType(entity.FieldTypeInt64) }
	for _, tc := range []struct {
		f    *entity.Field
		want string
	}{
		{field(), "added field must be nullable, please check it, field name = x"},
		{field().WithNullable(true).WithIsPrimaryKey(true), "not support to add pk field"},
		{field().WithNullable(true).WithIsPartitionKey(true), "not support to add partition key field"},
		{entity.NewField().WithName("x").WithDataType(entity.FieldTypeVarChar).WithNullable(true), "type param(max_length) should be specified"},
		{entity.NewField().WithName("id").WithDataType(entity.FieldTypeInt64).WithNullable(true), "duplicate field name: id"},
	} {
		err := c.AddCollectionField(ctx, milvusclient.NewAddCollectionFieldOption("ar", tc.f))
		wantErr(t, err, 1100, tc.want)
	}
	err := c.AddCollectionField(ctx, milvusclient.NewAddCollectionFieldOption("missing", field().WithNullable(true)))
	wantErr(t, err, codeCollectionNotFound, "collection not found")
	coll, err := c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("ar"))
	ok(t, err, "describe")
	if names := fieldNames(coll.Schema); !slices.Equal(names, []string{"id", "vec"}) {
		t.Fatalf("refused fields changed the schema: %v", names)
	}
}

func fieldNames(s *entity.Schema) []string {
	var out []string
	for _, f := range s.Fields {
		out = append(out, f.Name)
	}
	return out
}
