package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
	"google.golang.org/protobuf/proto"
)

// Raw field-data builders for requests the SDK would refuse to send.

func rawInt64(name string, v []int64) *schemapb.FieldData {
	return &schemapb.FieldData{Type: schemapb.DataType_Int64, FieldName: name,
		Field: &schemapb.FieldData_Scalars{Scalars: &schemapb.ScalarField{Data: &schemapb.ScalarField_LongData{LongData: &schemapb.LongArray{Data: v}}}}}
}

func rawString(name string, v []string) *schemapb.FieldData {
	return &schemapb.FieldData{Type: schemapb.DataType_VarChar, FieldName: name,
		Field: &schemapb.FieldData_Scalars{Scalars: &schemapb.ScalarField{Data: &schemapb.ScalarField_StringData{StringData: &schemapb.StringArray{Data: v}}}}}
}

func rawFloatVec(name string, dim int, v [][]float32) *schemapb.FieldData {
	var flat []float32
	for _, r := range v {
		flat = append(flat, r...)
	}
	return &schemapb.FieldData{Type: schemapb.DataType_FloatVector, FieldName: name,
		Field: &schemapb.FieldData_Vectors{Vectors: &schemapb.VectorField{Dim: int64(dim), Data: &schemapb.VectorField_FloatVector{FloatVector: &schemapb.FloatArray{Data: flat}}}}}
}

func rawInsert(t testing.TB, raw milvuspb.MilvusServiceClient, coll string, rows int, fields ...*schemapb.FieldData) error {
	t.Helper()
	resp, err := raw.Insert(ctxT(t, 30*time.Second), &milvuspb.InsertRequest{CollectionName: coll, NumRows: uint32(rows), FieldsData: fields})
	return merr.CheckRPCCall(resp, err)
}

func TestErrors(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	raw := s.Raw()
	ctx := ctxT(t, 60*time.Second)
	createCollection(t, c, floatSchema("e", 8, entity.NewField().WithName("name").WithDataType(entity.FieldTypeVarChar).WithMaxLength(8)))
	vec8 := randVecs(newRand(60), 2, 8)

	t.Run("wrong dim", func(t *testing.T) {
		err := rawInsert(t, raw, "e", 2, rawInt64("id", []int64{1, 2}), rawFloatVec("vec", 4, randVecs(newRand(1), 2, 4)), rawString("name", []string{"a", "b"}))
		wantErr(t, err, codeParameterInvalid, "the dim (4) of field data(vec) is not equal to schema dim (8)")
		// The SDK checks the dimension before sending, too.
		_, err = c.Insert(ctx, milvusclient.NewColumnBasedInsertOption("e").WithInt64Column("id", []int64{1}).
			WithFloatVectorColumn("vec", 4, randVecs(newRand(1), 1, 4)).WithVarcharColumn("name", []string{"a"}))
		wantErr(t, err, 0, "dim")
	})

	t.Run("unknown collection", func(t *testing.T) {
		_, err := c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("ghost"))
		wantErr(t, err, codeCollectionNotFound, "can't find collection[database=default][collection=ghost]")
		_, err = c.Query(ctx, milvusclient.NewQueryOption("ghost").WithFilter("id > 0"))
		wantErr(t, err, codeCollectionNotFound, "can't find collection[database=default][collection=ghost]")
		for name, call := range map[string]func() error{
			"insert": func() error {
				return rawInsert(t, raw, "ghost", 1, rawInt64("id", []int64{1}), rawFloatVec("vec", 8, vec8[:1]))
			},
			"delete": func() error {
				r, err := raw.Delete(ctx, &milvuspb.DeleteRequest{CollectionName: "ghost", Expr: "id in [1]"})
				return merr.CheckRPCCall(r, err)
			},
			"query": func() error {
				r, err := raw.Query(ctx, &milvuspb.QueryRequest{CollectionName: "ghost", Expr: "id > 0"})
				return merr.CheckRPCCall(r, err)
			},
			"search": func() error {
				r, err := raw.Search(ctx, searchReq("ghost", vec8[:1], 3))
				return merr.CheckRPCCall(r, err)
			},
			"load": func() error {
				r, err := raw.LoadCollection(ctx, &milvuspb.LoadCollectionRequest{CollectionName: "ghost"})
				return merr.CheckRPCCall(r, err)
			},
			"flush": func() error {
				r, err := raw.Flush(ctx, &milvuspb.FlushRequest{CollectionNames: []string{"ghost"}})
				return merr.CheckRPCCall(r, err)
			},
			"create index": func() error {
				r, err := raw.CreateIndex(ctx, &milvuspb.CreateIndexRequest{CollectionName: "ghost", FieldName: "vec"})
				return merr.CheckRPCCall(r, err)
			},
			"stats": func() error {
				r, err := raw.GetCollectionStatistics(ctx, &milvuspb.GetCollectionStatisticsRequest{CollectionName: "ghost"})
				return merr.CheckRPCCall(r, err)
			},
		} {
			t.Run(name, func(t *testing.T) {
				wantErr(t, call(), codeCollectionNotFound, "collection not found[database=default][collection=ghost]")
			})
		}
	})

	t.Run("not loaded", func(t *testing.T) {
		_, err := c.Search(ctx, milvusclient.NewSearchOption("e", 3, []entity.Vector{entity.FloatVector(vec8[0])}))
		wantErr(t, err, codeCollectionNotLoaded, "collection not loaded[collection=e]")
		_, err = c.Query(ctx, milvusclient.NewQueryOption("e").WithFilter("id > 0"))
		wantErr(t, err, codeCollectionNotLoaded, "collection not loaded")
	})

	t.Run("varchar max_length", func(t *testing.T) {
		ins := func(s string) error {
			_, err := c.Insert(ctx, milvusclient.NewColumnBasedInsertOption("e").WithInt64Column("id", []int64{1}).
				WithFloatVectorColumn("vec", 8, vec8[:1]).WithVarcharColumn("name", []string{s}))
			return err
		}
		ok(t, ins("12345678"), "8 bytes fit max_length 8")
		wantErr(t, ins("123456789"), codeParameterInvalid, "exceeds max length", "max length: 8")
		// Milvus measures max_length in bytes of UTF-8: 5 runes, 10 bytes.
		wantErr(t, ins("ééééé"), codeParameterInvalid, "exceeds max length")
		ok(t, ins("éééé"), "4 two-byte runes fit max_length 8")
	})

	t.Run("unknown field without dynamic field", func(t *testing.T) {
		err := rawInsert(t, raw, "e", 1, rawInt64("id", []int64{1}), rawFloatVec("vec", 8, vec8[:1]), rawString("name", []string{"a"}), rawInt64("extra", []int64{5}))
		wantErr(t, err, codeParameterInvalid, "extra", "without enabling dynamic field")
		_, err = c.Insert(ctx, milvusclient.NewColumnBasedInsertOption("e").WithInt64Column("id", []int64{1}).
			WithFloatVectorColumn("vec", 8, vec8[:1]).WithVarcharColumn("name", []string{"a"}).WithInt64Column("extra", []int64{5}))
		wantErr(t, err, 0, "extra")
	})

	t.Run("missing field", func(t *testing.T) {
		err := rawInsert(t, raw, "e", 1, rawInt64("id", []int64{1}), rawFloatVec("vec", 8, vec8[:1]))
		wantErr(t, err, codeParameterInvalid, "name")
	})

	t.Run("bad names", func(t *testing.T) {
		for _, name := range []string{"", "1abc", "a-b", "a b", "a.b", "中文", strings.Repeat("x", 256)} {
			err := c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption(name, floatSchema(name, 4)))
			wantErr(t, err, codeParameterInvalid)
		}
		ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("_ok_Name_1", floatSchema("_ok_Name_1", 4))), "valid name")
		sch := floatSchema("badfield", 4, entity.NewField().WithName("bad-field").WithDataType(entity.FieldTypeInt64))
		wantErr(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("badfield", sch)), codeFieldInvalidName, "bad-field")
		sch = floatSchema("dupfield", 4, entity.NewField().WithName("vec").WithDataType(entity.FieldTypeInt64))
		wantErr(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("dupfield", sch)), codeParameterInvalid, "duplicated field name")
		ok(t, c.CreateAlias(ctx, milvusclient.NewCreateAliasOption("e", "alias_e")), "alias")
		wantErr(t, c.RenameCollection(ctx, milvusclient.NewRenameCollectionOption("e", "bad name")), codeParameterInvalid)
	})

	t.Run("bad schemas", func(t *testing.T) {
		for name, sch := range map[string]*entity.Schema{
			"no pk":     entity.NewSchema().WithField(entity.NewField().WithName("vec").WithDataType(entity.FieldTypeFloatVector).WithDim(4)),
			"no vector": entity.NewSchema().WithField(entity.NewField().WithName("id").WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true)),
			"float pk": entity.NewSchema().WithField(entity.NewField().WithName("id").WithDataType(entity.FieldTypeFloat).WithIsPrimaryKey(true)).
				WithField(entity.NewField().WithName("vec").WithDataType(entity.FieldTypeFloatVector).WithDim(4)),
			"dim 0":          floatSchema("x", 0),
			"dim 32769":      floatSchema("x", 32769),
			"varchar no max": floatSchema("x", 4, entity.NewField().WithName("s").WithDataType(entity.FieldTypeVarChar)),
			"varchar 65536":  floatSchema("x", 4, entity.NewField().WithName("s").WithDataType(entity.FieldTypeVarChar).WithMaxLength(65536)),
			"binary dim 12":  entity.NewSchema().WithField(entity.NewField().WithName("id").WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true)).WithField(entity.NewField().WithName("b").WithDataType(entity.FieldTypeBinaryVector).WithDim(12)),
			"array no cap":   floatSchema("x", 4, entity.NewField().WithName("a").WithDataType(entity.FieldTypeArray).WithElementType(entity.FieldTypeInt64)),
			"vector default": floatSchema("x", 4, entity.NewField().WithName("v2").WithDataType(entity.FieldTypeFloatVector).WithDim(4).WithNullable(true).WithDefaultValueFloat(1)),
		} {
			err := c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("x", sch.WithName("x")))
			if err == nil {
				t.Fatalf("%s: schema accepted", name)
			}
			if code := merr.Code(err); code != codeParameterInvalid && code != 105 {
				t.Fatalf("%s: code %d: %v", name, code, err)
			}
		}
		// Boundaries that are valid.
		ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("max_dim", floatSchema("max_dim", 32768))), "dim 32768")
		ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("max_len", floatSchema("max_len", 2,
			entity.NewField().WithName("s").WithDataType(entity.FieldTypeVarChar).WithMaxLength(65535)))), "max_length 65535")
	})

	t.Run("search requests", func(t *testing.T) {
		indexAndLoad(t, c, "e", "vec", index.NewFlatIndex(entity.L2))
		q := []entity.Vector{entity.FloatVector(vec8[0])}
		_, err := c.Search(ctx, milvusclient.NewSearchOption("e", 3, []entity.Vector{entity.FloatVector(vec8[0][:4])}))
		wantErr(t, err, codeParameterInvalid, "vector dimension mismatch")
		_, err = c.Search(ctx, milvusclient.NewSearchOption("e", 0, q))
		wantErr(t, err, codeParameterInvalid, "topk")
		_, err = c.Search(ctx, milvusclient.NewSearchOption("e", 16385, q))
		wantErr(t, err, codeParameterInvalid, "topk")
		_, err = c.Search(ctx, milvusclient.NewSearchOption("e", 16384, q))
		ok(t, err, "topk 16384")
		_, err = c.Search(ctx, milvusclient.NewSearchOption("e", 3, q).WithFilter("nope > 1"))
		wantErr(t, err, 0, "nope")
		_, err = c.Search(ctx, milvusclient.NewSearchOption("e", 3, q).WithFilter("id >"))
		wantErr(t, err, 0)
		_, err = c.Search(ctx, milvusclient.NewSearchOption("e", 3, q).WithANNSField("name"))
		wantErr(t, err, codeParameterInvalid, "name")
		_, err = c.Search(ctx, milvusclient.NewSearchOption("e", 3, q).WithPartitions("nope"))
		wantErr(t, err, codePartitionNotFound, "partition name nope not found")
		_, err = c.Search(ctx, milvusclient.NewSearchOption("e", 3, []entity.Vector{entity.BinaryVector([]byte{1})}))
		wantErr(t, err, codeParameterInvalid)
	})

	// The server is still healthy after every error.
	h, err := raw.CheckHealth(ctx, &milvuspb.CheckHealthRequest{})
	ok(t, merr.CheckRPCCall(h, err), "CheckHealth")
}

// searchReq is a raw search of float vectors.
func searchReq(coll string, vecs [][]float32, topk int) *milvuspb.SearchRequest {
	ph := &commonpb.PlaceholderValue{Tag: "$0", Type: commonpb.PlaceholderType_FloatVector}
	for _, v := range vecs {
		ph.Values = append(ph.Values, entity.FloatVector(v).Serialize())
	}
	pg, _ := proto.Marshal(&commonpb.PlaceholderGroup{Placeholders: []*commonpb.PlaceholderValue{ph}})
	return &milvuspb.SearchRequest{CollectionName: coll, Nq: int64(len(vecs)), DslType: commonpb.DslType_BoolExprV1,
		SearchInput: &milvuspb.SearchRequest_PlaceholderGroup{PlaceholderGroup: pg}, SearchParams: []*commonpb.KeyValuePair{{Key: "topk", Value: strconv.Itoa(topk)}, {Key: "params", Value: "{}"}}}
}
