package e2e

import (
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// TestGeometry drives a GEOMETRY field through the Go SDK: WKT columns in,
// Milvus's WKT form out, spatial filters over sealed and growing rows, an
// RTREE index that changes no answer, and the errors for bad WKT.
func TestGeometry(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	const coll = "geo"
	createCollection(t, c, floatSchema(coll, 2,
		entity.NewField().WithName("geo").WithDataType(entity.FieldTypeGeometry).WithNullable(true)))
	rows := func(ids []int64, wkt []string) milvusclient.InsertOption {
		vecs := make([][]float32, len(ids))
		for i, id := range ids {
			vecs[i] = []float32{float32(id), 0}
		}
		return milvusclient.NewColumnBasedInsertOption(coll).WithInt64Column("id", ids).
			WithFloatVectorColumn("vec", 2, vecs).WithColumns(column.NewColumnGeometryWKT("geo", wkt))
	}
	insert(t, c, rows([]int64{1, 2, 3}, []string{"POINT(13.399710 52.518010)", "POINT(13.408223 52.516876)", "POINT(13.408529 52.519274)"}))
	flush(t, c, coll)
	insert(t, c, rows([]int64{4, 5}, []string{"LINESTRING (13.40 52.50, 13.41 52.53)",
		"POLYGON ((13.40 52.51, 13.41 52.51, 13.41 52.52, 13.40 52.52, 13.40 52.51))"}))
	indexAndLoad(t, c, coll, "vec", index.NewFlatIndex(entity.L2))

	rs := query(t, c, coll, "id in [1, 5]", "geo")
	got := map[int64]string{}
	for i, id := range int64Col(t, rs, "id") {
		got[id] = strCol(t, rs, "geo")[i]
	}
	if got[1] != "POINT (13.39971 52.51801)" || got[5] != "POLYGON ((13.4 52.51, 13.41 52.51, 13.41 52.52, 13.4 52.52, 13.4 52.51))" {
		t.Fatalf("geometry output %v", got)
	}

	box := "POLYGON((13.403683 52.520711, 13.455868 52.520711, 13.455868 52.495862, 13.403683 52.495862, 13.403683 52.520711))"
	cases := map[string][]int64{
		"st_within(geo, '" + box + "')":                              {2, 3},
		"ST_INTERSECTS(geo, '" + box + "')":                          {2, 3, 4, 5},
		"ST_CONTAINS(geo, 'POINT (13.405 52.515)')":                  {5},
		"ST_DWITHIN(geo, 'POINT(13.403683 52.520711)', 300)":         {4, 5},
		"ST_DWITHIN(geo, 'POINT(13.403683 52.520711)', 700)":         {1, 2, 3, 4, 5},
		"ST_CROSSES(geo, 'LINESTRING (13.39 52.515, 13.42 52.515)')": {4, 5},
	}
	check := func() {
		for flt, want := range cases {
			equalInts(t, flt, sortedInts(int64Col(t, query(t, c, coll, flt, "id"), "id")), want)
		}
	}
	check()

	// RTREE on the geometry field: accepted, described, same answers.
	ctx := ctxT(t, 60*time.Second)
	ok(t, c.ReleaseCollection(ctx, milvusclient.NewReleaseCollectionOption(coll)), "release")
	indexAndLoad(t, c, coll, "geo", index.NewRTreeIndex())
	desc, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption(coll, "geo"))
	ok(t, err, "describe index")
	if typ := desc.Params()[index.IndexTypeKey]; typ != string(index.RTREE) { // the SDK leaves IndexType() empty here
		t.Fatalf("index type %q, want RTREE", typ)
	}
	check()

	_, err = c.Insert(ctx, rows([]int64{9}, []string{"POINT (1)"}))
	wantErr(t, err, codeParameterInvalid, "invalid WKT data of field geo")
	_, err = c.Query(ctx, milvusclient.NewQueryOption(coll).WithFilter("St_Within(geo, 'POINT (1 1)')").WithConsistencyLevel(strong))
	wantErr(t, err, codeParameterInvalid, "cannot parse expression", "function St_Within is not supported")
}
