package e2e

import (
	"slices"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"
	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
)

// TestPartialUpdate upserts with partial_update and array ops over sealed
// and growing rows: fields left out keep their values, $meta keys merge,
// arrays grow and shrink, new keys insert with defaults; all of it survives
// kill -9.
func TestPartialUpdate(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 120*time.Second)
	const dim = 4
	sch := floatSchema("pu", dim,
		entity.NewField().WithName("n").WithDataType(entity.FieldTypeInt64).WithNullable(true).WithDefaultValueLong(-1),
		entity.NewField().WithName("tags").WithDataType(entity.FieldTypeArray).WithElementType(entity.FieldTypeInt64).WithMaxCapacity(4)).
		WithDynamicFieldEnabled(true)
	createCollection(t, c, sch)
	indexAndLoad(t, c, "pu", "vec", index.NewFlatIndex(entity.L2))
	r := newRand(9)
	vecs := randVecs(r, 4, dim)
	insert(t, c, milvusclient.NewRowBasedInsertOption("pu",
		map[string]any{"id": int64(0), "vec": vecs[0], "n": int64(10), "tags": []int64{1, 2}, "color": "red"},
		map[string]any{"id": int64(1), "vec": vecs[1], "n": int64(11), "tags": []int64{3}, "size": 5}))
	flush(t, c, "pu")
	insert(t, c, milvusclient.NewRowBasedInsertOption("pu",
		map[string]any{"id": int64(2), "vec": vecs[2], "n": int64(12), "tags": []int64{7, 8, 7}}))

	upsert := func(opt milvusclient.UpsertOption) {
		t.Helper()
		_, err := c.Upsert(ctx, opt)
		ok(t, err, "partial upsert")
	}
	// n changes for 0 and 2; 3 is new (no vector: refused), so give it one.
	upsert(milvusclient.NewColumnBasedInsertOption("pu").WithColumns(
		column.NewColumnInt64("id", []int64{0, 2}), column.NewColumnInt64("n", []int64{100, 102})).WithPartialUpdate(true))
	// Array ops go through raw requests: the Go SDK v2.6.2 has no WithArrayAppend yet.
	ok(t, rawArrayOp(t, s, schemapb.FieldPartialUpdateOp_ARRAY_APPEND, []int64{0, 2}, [][]int64{{3}, {7}}), "append")
	ok(t, rawArrayOp(t, s, schemapb.FieldPartialUpdateOp_ARRAY_REMOVE, []int64{2}, [][]int64{{7}}), "remove")
	upsert(milvusclient.NewColumnBasedInsertOption("pu").WithColumns(column.NewColumnInt64("id", []int64{1}),
		column.NewColumnVarChar("shape", []string{"round"})).WithPartialUpdate(true)) // not in the schema: a $meta key
	upsert(milvusclient.NewColumnBasedInsertOption("pu").WithColumns(column.NewColumnInt64("id", []int64{3}),
		column.NewColumnFloatVector("vec", dim, vecs[3:]), column.NewColumnInt64Array("tags", [][]int64{{9}})).WithPartialUpdate(true)) // a new key: n takes its default

	wantErr(t, rawArrayOp(t, s, schemapb.FieldPartialUpdateOp_ARRAY_APPEND, []int64{0}, [][]int64{{4, 5}}), 1100, "max_capacity")

	check := func(stage string) {
		t.Helper()
		rs := query(t, c, "pu", "id >= 0", "n", "tags", "color", "size", "shape")
		ids := int64Col(t, rs, "id")
		ns := int64Col(t, rs, "n")
		if !slices.Equal(ids, []int64{0, 1, 2, 3}) || !slices.Equal(ns, []int64{100, 11, 102, -1}) {
			t.Fatalf("%s: ids %v n %v", stage, ids, ns)
		}
		tags := rs.GetColumn("tags").(*column.ColumnInt64Array).Data()
		if !slices.Equal(tags[0], []int64{1, 2, 3}) || !slices.Equal(tags[1], []int64{3}) || !slices.Equal(tags[2], []int64{8}) {
			t.Fatalf("%s: tags %v", stage, tags)
		}
		if n := count(t, c, "pu", `color == "red" and id == 0`); n != 1 {
			t.Fatalf("%s: row 0 lost its dynamic key", stage)
		}
		if n := count(t, c, "pu", `size == 5 and shape == "round"`); n != 1 {
			t.Fatalf("%s: row 1's dynamic keys did not merge", stage)
		}
		hits := search(t, c, milvusclient.NewSearchOption("pu", 1, []entity.Vector{entity.FloatVector(vecs[1])}).WithConsistencyLevel(strong))
		if got := idsOf(hits[0]); !slices.Equal(got, []int64{1}) {
			t.Fatalf("%s: row 1 lost its vector: nearest %v", stage, got)
		}
	}
	check("after the upserts")
	s.KillRestart()
	c = s.Client()
	load(t, c, "pu")
	check("after kill -9")
}

// rawArrayOp upserts ids' "tags" of collection pu with an array op only.
func rawArrayOp(t *testing.T, s *Server, op schemapb.FieldPartialUpdateOp_OpType, ids []int64, tags [][]int64) error {
	t.Helper()
	rows := make([]*schemapb.ScalarField, len(tags))
	for i, v := range tags {
		rows[i] = &schemapb.ScalarField{Data: &schemapb.ScalarField_LongData{LongData: &schemapb.LongArray{Data: v}}}
	}
	arr := &schemapb.FieldData{Type: schemapb.DataType_Array, FieldName: "tags", Field: &schemapb.FieldData_Scalars{Scalars: &schemapb.ScalarField{
		Data: &schemapb.ScalarField_ArrayData{ArrayData: &schemapb.ArrayArray{Data: rows, ElementType: schemapb.DataType_Int64}}}}}
	resp, err := s.Raw().Upsert(ctxT(t, 30*time.Second), &milvuspb.UpsertRequest{CollectionName: "pu", NumRows: uint32(len(ids)),
		FieldsData: []*schemapb.FieldData{rawInt64("id", ids), arr},
		FieldOps:   []*schemapb.FieldPartialUpdateOp{{FieldName: "tags", Op: op}}})
	return merr.CheckRPCCall(resp, err)
}
