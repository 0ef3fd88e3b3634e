package service

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/diskprobe"
	"github.com/kite-db/kite/internal/metastore"
	"github.com/kite-db/kite/internal/schema"
)

func openService(t *testing.T) *Service {
	t.Helper()
	dir := t.TempDir()
	kv, err := metastore.OpenBolt(filepath.Join(dir, "meta.db"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(kv)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(Config{DataDir: dir, SealRows: 1000, NoSync: true}, cat)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); kv.Close() })
	return s
}

func books() schema.Collection {
	return schema.Collection{Name: "books", EnableDynamicField: true, Fields: []schema.Field{
		{Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{Name: "title", DataType: schema.VarChar, TypeParams: map[string]string{"max_length": "8"}},
		{Name: "year", DataType: schema.Int16, Nullable: true},
		{Name: "v", DataType: schema.FloatVector, TypeParams: map[string]string{"dim": "2"}},
	}}
}

func wantCode(t *testing.T, err error, code int32, substr string) {
	t.Helper()
	if apierr.Code(err) != code || !strings.Contains(err.Error(), substr) {
		t.Fatalf("got %v (code %d), want code %d containing %q", err, apierr.Code(err), code, substr)
	}
}

func TestCreateCollectionChecks(t *testing.T) {
	s := openService(t)
	cases := []struct {
		name   string
		mutate func(*schema.Collection)
		code   int32
		substr string
	}{
		{"bad name", func(c *schema.Collection) { c.Name = "1books" }, apierr.CodeParameterInvalid, "first character"},
		{"no pk", func(c *schema.Collection) { c.Fields[0].IsPrimaryKey = false }, apierr.CodeCollectionIllegal, "primary key is not specified"},
		{"no dim", func(c *schema.Collection) { c.Fields[3].TypeParams = nil }, apierr.CodeParameterInvalid, "dimension is not defined"},
		{"dim too big", func(c *schema.Collection) { c.Fields[3].TypeParams["dim"] = "40000" }, apierr.CodeParameterInvalid, "invalid dimension"},
		{"no max_length", func(c *schema.Collection) { c.Fields[1].TypeParams = nil }, apierr.CodeParameterInvalid, "max_length"},
		{"dup field", func(c *schema.Collection) { c.Fields[2].Name = "title" }, apierr.CodeParameterInvalid, "duplicated field name"},
		{"float pk", func(c *schema.Collection) { c.Fields[0].DataType = schema.Float }, apierr.CodeParameterInvalid, "primary key"},
		{"no vector", func(c *schema.Collection) { c.Fields = c.Fields[:3] }, apierr.CodeCollectionIllegal, "vector field"},
		{"vector default", func(c *schema.Collection) { c.Fields[3].Default = &schema.Value{Float: 2} }, apierr.CodeParameterInvalid,
			"type not support default_value, type:FloatVector, name:v"},
		{"json default", func(c *schema.Collection) {
			c.Fields = append(c.Fields, schema.Field{Name: "j", DataType: schema.JSON, Default: &schema.Value{String: "{}"}})
		}, apierr.CodeParameterInvalid, "type not support default_value, type:JSON, name:j"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sch := books()
			tc.mutate(&sch)
			wantCode(t, s.CreateCollection(t.Context(), CreateCollection{Schema: sch}), tc.code, tc.substr)
		})
	}
	nullableVec := books()
	nullableVec.Name, nullableVec.Fields[3].Nullable = "nullable_vec", true
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: nullableVec}); err != nil {
		t.Fatalf("nullable vector field: %v", err)
	}
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: books()}); err != nil {
		t.Fatalf("identical re-create: %v", err)
	}
	other := books()
	other.Fields[1].TypeParams = map[string]string{"max_length": "9"}
	wantCode(t, s.CreateCollection(t.Context(), CreateCollection{Schema: other}), apierr.CodeParameterInvalid, "duplicate collection")
}

func bookRows(ids []int64, titles []string) map[string]*column.Column {
	vecs := make([]float32, 0, 2*len(ids))
	for _, id := range ids {
		vecs = append(vecs, float32(id), 1)
	}
	return map[string]*column.Column{
		"id":    {Type: schema.Int64, Ints: ids},
		"title": {Type: schema.VarChar, Strings: titles},
		"v":     {Type: schema.FloatVector, Dim: 2, FloatVecs: vecs},
	}
}

func TestInsertChecks(t *testing.T) {
	s := openService(t)
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	long := bookRows([]int64{1}, []string{"far too long"})
	_, err := s.Insert(ctx, Write{Collection: "books", Columns: long})
	wantCode(t, err, apierr.CodeParameterInvalid, "exceeds max length")

	wrongDim := bookRows([]int64{1}, []string{"a"})
	wrongDim["v"] = &column.Column{Type: schema.FloatVector, Dim: 3, FloatVecs: []float32{1, 2, 3}}
	_, err = s.Insert(ctx, Write{Collection: "books", Columns: wrongDim})
	wantCode(t, err, apierr.CodeParameterInvalid, "dim")

	missing := bookRows([]int64{1}, []string{"a"})
	delete(missing, "title")
	_, err = s.Insert(ctx, Write{Collection: "books", Columns: missing})
	wantCode(t, err, apierr.CodeParameterInvalid, "fieldSchema(title) has no corresponding fieldData pass in")

	_, err = s.Insert(ctx, Write{Collection: "nope", Columns: missing})
	wantCode(t, err, apierr.CodeCollectionNotFound, "collection not found[database=default][collection=nope]")

	res, err := s.Insert(ctx, Write{Collection: "books", Columns: bookRows([]int64{1, 2, 3}, []string{"a", "b", "c"})})
	if err != nil || res.Count != 3 {
		t.Fatalf("insert: %v %+v", err, res)
	}
	_, err = s.Upsert(ctx, Write{Collection: "books", Columns: bookRows([]int64{4, 4}, []string{"a", "b"})})
	wantCode(t, err, apierr.CodeParameterInvalid, "duplicate primary keys")
}

func TestReadsNeedLoadAndIndex(t *testing.T) {
	s := openService(t)
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.Insert(ctx, Write{Collection: "books", Columns: bookRows([]int64{1, 2, 3}, []string{"a", "b", "c"})}); err != nil {
		t.Fatal(err)
	}
	_, err := s.Query(t.Context(), Query{Collection: "books", Filter: "id > 0"})
	wantCode(t, err, apierr.CodeCollectionNotLoaded, "collection not loaded")
	wantCode(t, s.LoadCollection(t.Context(), LoadCollection{Collection: "books"}), apierr.CodeIndexNotFound, "please create index")
	if err := s.CreateIndex(t.Context(), CreateIndex{Collection: "books", Field: "v", Params: map[string]string{"index_type": "FLAT", "metric_type": "L2"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadCollection(t.Context(), LoadCollection{Collection: "books"}); err != nil {
		t.Fatal(err)
	}
	q, err := s.Query(t.Context(), Query{Collection: "books", Filter: "id >= 2", OutputFields: []string{"title", "year"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Fields[0].Col.Ints; len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Fatalf("ids %v", got)
	}
	if !q.Fields[2].Col.IsNull(0) {
		t.Fatalf("year should be null: %+v", q.Fields[2].Col)
	}
	res, err := s.Search(t.Context(), Search{Collection: "books", Queries: &column.Column{Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{2.9, 1}},
		Limit: 2, RoundDecimal: -1, Metric: "L2"})
	if err != nil {
		t.Fatal(err)
	}
	if ids := res.IDs.Ints; len(ids) != 2 || ids[0] != 3 || ids[1] != 2 {
		t.Fatalf("search ids %v", ids)
	}
	_, err = s.Search(t.Context(), Search{Collection: "books", Queries: &column.Column{Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{1, 1}}, Limit: 2, Metric: "IP"})
	wantCode(t, err, apierr.CodeParameterInvalid, "metric type not match")
	del, err := s.Delete(ctx, Delete{Collection: "books", Filter: "id in [1, 3]"})
	if err != nil || del.Count != 2 {
		t.Fatalf("delete %v %+v", err, del)
	}
	n, err := s.Statistics(t.Context(), Statistics{Collection: "books"})
	if err != nil || n != 1 {
		t.Fatalf("rows after delete %d %v", n, err)
	}
}

func TestDiskFullTurnsReadOnly(t *testing.T) {
	s := openService(t)
	if err := s.CreateCollection(t.Context(), CreateCollection{Schema: books()}); err != nil {
		t.Fatal(err)
	}
	free := uint64(1 << 30)
	s.guard = newDiskGuard("data", 64<<20)
	s.guard.interval = 0
	s.guard.statfs = func(string) (diskprobe.Space, error) { return diskprobe.Space{Free: free, Total: 1 << 40}, nil }
	ctx := context.Background()
	if _, err := s.Insert(ctx, Write{Collection: "books", Columns: bookRows([]int64{1}, []string{"a"})}); err != nil {
		t.Fatal(err)
	}
	free = 1 << 20
	_, err := s.Insert(ctx, Write{Collection: "books", Columns: bookRows([]int64{2}, []string{"b"})})
	wantCode(t, err, apierr.CodeDiskLimitExceeded, "read-only until space is freed")
	wantCode(t, s.CreatePartition(t.Context(), CreatePartition{Collection: "books", Partition: "p1"}), apierr.CodeDiskLimitExceeded, "--min-free-mb")
	if n, err := s.Statistics(t.Context(), Statistics{Collection: "books"}); err != nil || n != 1 {
		t.Fatalf("reads must keep working: %d %v", n, err)
	}
	free = 1 << 30
	if _, err := s.Insert(ctx, Write{Collection: "books", Columns: bookRows([]int64{2}, []string{"b"})}); err != nil {
		t.Fatalf("writes must resume once space returns: %v", err)
	}
}
