package e2e

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
	"google.golang.org/grpc/status"
)

// TestEveryRPCAnswersWithAStatus calls every MilvusService method with an
// empty request and with one naming an existing and a missing collection:
// each must answer with a status (never a transport error or gRPC
// UNIMPLEMENTED), no handler may panic, and the server must stay up.
func TestEveryRPCAnswersWithAStatus(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	raw := s.Raw()
	// ensureX (re)creates collection x with two rows, after a drop in the sweep.
	ensureX := func() {
		has, err := c.HasCollection(ctxT(t, 10*time.Second), milvusclient.NewHasCollectionOption("x"))
		ok(t, err, "has x")
		if has {
			return
		}
		createCollection(t, c, floatSchema("x", 4))
		insert(t, c, milvusclient.NewColumnBasedInsertOption("x").WithInt64Column("id", []int64{1, 2}).
			WithFloatVectorColumn("vec", 4, randVecs(newRand(80), 2, 4)))
	}

	rv := reflect.ValueOf(raw)
	rt := rv.Type()
	ctxType := reflect.TypeOf((*context.Context)(nil)).Elem()
	called := 0
	for i := 0; i < rt.NumMethod(); i++ {
		m := rt.Method(i)
		ft := m.Type // receiver first
		if ft.NumIn() != 4 || !ft.In(1).Implements(ctxType) || ft.In(2).Kind() != reflect.Pointer || ft.NumOut() != 2 {
			continue // streaming methods
		}
		for _, coll := range []string{"", "x", "missing"} {
			req := reflect.New(ft.In(2).Elem())
			if coll == "x" {
				ensureX()
			}
			if coll != "" {
				if f := req.Elem().FieldByName("CollectionName"); f.IsValid() && f.Kind() == reflect.String {
					f.SetString(coll)
				} else {
					continue
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			out := m.Func.Call([]reflect.Value{rv, reflect.ValueOf(ctx), req})
			cancel()
			called++
			if err, _ := out[1].Interface().(error); err != nil {
				st, _ := status.FromError(err)
				t.Errorf("%s(collection=%q): gRPC error %v (code %v) instead of a status", m.Name, coll, err, st.Code())
				continue
			}
			type hasStatus interface{ GetStatus() *commonpb.Status }
			var st *commonpb.Status
			switch r := out[0].Interface().(type) {
			case *commonpb.Status:
				st = r
			case hasStatus:
				st = r.GetStatus()
			}
			if st.GetCode() == 5 && strings.Contains(st.GetReason(), "unexpected failure") {
				t.Errorf("%s(collection=%q): handler panicked: %s", m.Name, coll, st.GetReason())
			}
		}
	}
	t.Logf("%d calls over %d methods", called, rt.NumMethod())
	if strings.Contains(s.stderr.String(), "panic in handler") {
		t.Errorf("server log reports panics:\n%s", grepLines(s.stderr.String(), "panic"))
	}
	checkHealthy(t, s)
	// The sweep dropped and renamed things; the server still does real work.
	c = s.Client()
	createCollection(t, c, floatSchema("y", 4))
	insert(t, c, milvusclient.NewColumnBasedInsertOption("y").WithInt64Column("id", []int64{1, 2, 3}).
		WithFloatVectorColumn("vec", 4, randVecs(newRand(80), 3, 4)))
	indexAndLoad(t, c, "y", "vec", index.NewFlatIndex(entity.L2))
	if n := count(t, c, "y", ""); n != 3 {
		t.Fatalf("count %d after the RPC sweep", n)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestAuxiliaryRPCs covers the RPCs SDKs call around the main ones, and
// RPCs Kite does not implement, which must say so by name.
func TestAuxiliaryRPCs(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	raw := s.Raw()
	ctx := ctxT(t, 60*time.Second)
	createCollection(t, c, floatSchema("aux", 4))
	insert(t, c, milvusclient.NewColumnBasedInsertOption("aux").WithInt64Column("id", seqIDs(0, 30)).
		WithFloatVectorColumn("vec", 4, randVecs(newRand(81), 30, 4)))
	flush(t, c, "aux")
	insert(t, c, milvusclient.NewColumnBasedInsertOption("aux").WithInt64Column("id", seqIDs(30, 5)).
		WithFloatVectorColumn("vec", 4, randVecs(newRand(82), 5, 4)))
	indexAndLoad(t, c, "aux", "vec", index.NewFlatIndex(entity.L2))

	cs, err := raw.GetComponentStates(ctx, &milvuspb.GetComponentStatesRequest{})
	ok(t, merr.CheckRPCCall(cs, err), "GetComponentStates")
	if cs.GetState().GetStateCode() != commonpb.StateCode_Healthy {
		t.Fatalf("component state %v", cs.GetState())
	}
	var last uint64
	for i := 0; i < 3; i++ {
		ts, err := raw.AllocTimestamp(ctx, &milvuspb.AllocTimestampRequest{})
		ok(t, merr.CheckRPCCall(ts, err), "AllocTimestamp")
		if ts.GetTimestamp() <= last {
			t.Fatalf("timestamps not increasing: %d after %d", ts.GetTimestamp(), last)
		}
		// Hybrid timestamps: physical milliseconds << 18.
		if phys := time.UnixMilli(int64(ts.GetTimestamp() >> 18)); time.Since(phys).Abs() > time.Minute {
			t.Fatalf("timestamp %d is not a hybrid timestamp near now (%v)", ts.GetTimestamp(), phys)
		}
		last = ts.GetTimestamp()
	}
	is, err := raw.GetIndexState(ctx, &milvuspb.GetIndexStateRequest{CollectionName: "aux", FieldName: "vec"})
	ok(t, merr.CheckRPCCall(is, err), "GetIndexState")
	if is.GetState() != commonpb.IndexState_Finished {
		t.Fatalf("index state %v", is.GetState())
	}
	bp, err := raw.GetIndexBuildProgress(ctx, &milvuspb.GetIndexBuildProgressRequest{CollectionName: "aux", FieldName: "vec"})
	ok(t, merr.CheckRPCCall(bp, err), "GetIndexBuildProgress")
	if bp.GetTotalRows() != 35 {
		t.Fatalf("build progress %v", bp)
	}
	lp, err := raw.GetLoadingProgress(ctx, &milvuspb.GetLoadingProgressRequest{CollectionName: "aux"})
	ok(t, merr.CheckRPCCall(lp, err), "GetLoadingProgress")
	if lp.GetProgress() != 100 {
		t.Fatalf("loading progress %d", lp.GetProgress())
	}
	fs, err := raw.GetFlushState(ctx, &milvuspb.GetFlushStateRequest{CollectionName: "aux"})
	ok(t, merr.CheckRPCCall(fs, err), "GetFlushState")
	segs, err := c.GetPersistentSegmentInfo(ctx, milvusclient.NewGetPersistentSegmentInfoOption("aux"))
	ok(t, err, "GetPersistentSegmentInfo")
	var rows int64
	for _, sg := range segs {
		rows += sg.NumRows
	}
	if rows != 35 {
		t.Fatalf("segments hold %d rows, want 35: %+v", rows, segs)
	}
	qs, err := raw.GetQuerySegmentInfo(ctx, &milvuspb.GetQuerySegmentInfoRequest{CollectionName: "aux"})
	ok(t, merr.CheckRPCCall(qs, err), "GetQuerySegmentInfo")
	if len(qs.GetInfos()) == 0 {
		t.Fatal("no query segments")
	}

	// Hybrid search fuses two ANN searches with RRF: the row found first by
	// both ranks first, with score 2/(60+1).
	hs, err := c.HybridSearch(ctx, milvusclient.NewHybridSearchOption("aux", 3,
		milvusclient.NewAnnRequest("vec", 3, entity.FloatVector{1, 2, 3, 4}),
		milvusclient.NewAnnRequest("vec", 3, entity.FloatVector{1, 2, 3, 4})).WithReranker(milvusclient.NewRRFReranker()))
	ok(t, err, "HybridSearch")
	if len(hs) != 1 || hs[0].ResultCount != 3 || math.Abs(float64(hs[0].Scores[0])-2.0/61) > 1e-6 {
		t.Fatalf("hybrid search: %+v", hs)
	}

	// Not implemented: a status that names the feature, code 10 or 3000.
	for name, call := range map[string]func() (any, error){
		"CreateCredential": func() (any, error) {
			return raw.CreateCredential(ctx, &milvuspb.CreateCredentialRequest{Username: "u", Password: "cGFzc3dvcmQ="})
		},
		"CreateResourceGroup": func() (any, error) {
			return raw.CreateResourceGroup(ctx, &milvuspb.CreateResourceGroupRequest{ResourceGroup: "rg"})
		},
		"ManualCompaction": func() (any, error) {
			return raw.ManualCompaction(ctx, &milvuspb.ManualCompactionRequest{CollectionName: "aux"})
		},
	} {
		resp, err := call()
		if err != nil {
			t.Fatalf("%s: gRPC error %v", name, err)
		}
		err = merr.CheckRPCCall(resp, nil)
		if err == nil {
			continue // implemented meanwhile
		}
		if !strings.Contains(err.Error(), name) && !strings.Contains(strings.ToLower(err.Error()), "not supported") {
			t.Fatalf("%s: status %v does not name what is unsupported", name, err)
		}
	}
	checkHealthy(t, s)
}
