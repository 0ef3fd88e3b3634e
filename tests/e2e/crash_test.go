package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
)

// crashRow is the model's view of one primary key.
type crashRow struct {
	present bool
	ver     int64
}

// crashOp is a write whose outcome is unknown: its RPC failed or never
// answered. After a restart its rows must all be in the before state or all
// in the after state.
type crashOp struct {
	kind          string
	ids           []int64
	before, after map[int64]crashRow
}

// crashWriter owns a disjoint key space, so its ops never race another
// writer's and the model needs no cross-writer ordering.
type crashWriter struct {
	id      int
	rng     *rand.Rand
	next    int64              // next unused key
	rows    map[int64]crashRow // every key ever acknowledged
	live    []int64            // keys present, for picking delete/upsert targets
	pending *crashOp           // the op that failed, if any
	acked   int
	partKey bool // send the tenant partition key (id % 7)
}

const crashDim = 4

// TestCrashRecovery kills the server with SIGKILL at random moments while
// writers insert, upsert and delete, restarts it on the same data dir and
// checks that every acknowledged write survived, and that every write whose
// RPC failed is either fully applied or fully absent. KITE_CRASH_SEED and
// KITE_CRASH_ROUNDS override the seed and the number of rounds.
func TestCrashRecovery(t *testing.T) {
	seed, rounds := crashParams(t, 30)
	runCrash(t, seed, rounds, crashOpts{})
}

// TestCrashRecoveryPartitionKey is TestCrashRecovery on a partition-key
// collection, where a batch's rows go to several partitions.
func TestCrashRecoveryPartitionKey(t *testing.T) {
	seed, rounds := crashParams(t, 15)
	runCrash(t, seed, rounds, crashOpts{partKey: true})
}

func crashParams(t *testing.T, rounds int) (uint64, int) {
	seed := uint64(20261129)
	if v, err := strconv.ParseUint(os.Getenv("KITE_CRASH_SEED"), 10, 64); err == nil {
		seed = v
	}
	if testing.Short() {
		rounds = 5
	}
	if v, err := strconv.Atoi(os.Getenv("KITE_CRASH_ROUNDS")); err == nil && v > 0 {
		rounds = v
	}
	t.Logf("crash test: seed %d, %d rounds (rerun with KITE_CRASH_SEED=%d)", seed, rounds, seed)
	return seed, rounds
}

// crashOpts vary the crash rounds: with partKey the collection routes rows
// by a partition key, so one batch spans several partitions; args go to the
// server; side, when set, runs beside the writers each round until stop.
type crashOpts struct {
	partKey bool
	args    []string
	side    func(raw milvuspb.MilvusServiceClient, rng *rand.Rand, stop <-chan struct{})
}

// runCrash runs the crash rounds and returns the server.
func runCrash(t *testing.T, seed uint64, rounds int, o crashOpts) *Server {
	rng := newRand(seed)
	partKey := o.partKey

	// A small seal threshold makes background seals and WAL truncation
	// happen during the rounds, so kills land inside them too.
	s := StartServer(t, append([]string{"--seal-rows", "400"}, o.args...)...)
	c := s.Client()
	ctx := ctxT(t, 5*time.Minute)
	sch := floatSchema("crash", crashDim, entity.NewField().WithName("ver").WithDataType(entity.FieldTypeInt64))
	if partKey {
		sch.WithField(entity.NewField().WithName("tenant").WithDataType(entity.FieldTypeInt64).WithIsPartitionKey(true))
	}
	createCollection(t, c, sch)
	indexAndLoad(t, c, "crash", "vec", index.NewFlatIndex(entity.L2))

	writers := make([]*crashWriter, 3)
	for i := range writers {
		writers[i] = &crashWriter{id: i, rng: newRand(seed + uint64(i) + 1), next: int64(i+1) * 1e9, rows: map[int64]crashRow{}, partKey: partKey}
	}
	start := time.Now()
	for round := 1; round <= rounds; round++ {
		raw := s.Raw()
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for _, w := range writers {
			wg.Add(1)
			go func(w *crashWriter) {
				defer wg.Done()
				w.run(raw, stop)
			}(w)
		}
		// An occasional flush from the side.
		wg.Add(1)
		frng := newRand(seed ^ uint64(round)<<32) // the flusher's own: rng is the main goroutine's
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				case <-time.After(time.Duration(20+frng.IntN(80)) * time.Millisecond):
				}
				fctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				raw.Flush(fctx, &milvuspb.FlushRequest{CollectionNames: []string{"crash"}})
				cancel()
			}
		}()
		if o.side != nil {
			wg.Add(1)
			srng := newRand(seed ^ uint64(round)<<40)
			go func() {
				defer wg.Done()
				o.side(raw, srng, stop)
			}()
		}
		time.Sleep(time.Duration(20+rng.IntN(400)) * time.Millisecond)
		s.Kill()
		close(stop)
		wg.Wait()

		s.Start()
		c = s.Client()
		acked, applied, absent := verifyCrash(t, c, ctx, writers)
		t.Logf("round %d: %d writes acknowledged so far; unacknowledged: %d applied, %d absent", round, acked, applied, absent)
	}
	t.Logf("crash test: %d rounds in %v", rounds, time.Since(start).Round(time.Millisecond))
	return s
}

// run writes until stop or the first failure, which it leaves pending.
func (w *crashWriter) run(raw milvuspb.MilvusServiceClient, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		op := w.nextOp()
		if err := w.send(raw, op); err != nil {
			w.pending = op
			return
		}
		w.apply(op)
		w.acked++
	}
}

func (w *crashWriter) nextOp() *crashOp {
	op := &crashOp{before: map[int64]crashRow{}, after: map[int64]crashRow{}}
	p := w.rng.IntN(100)
	switch {
	case p < 55 || len(w.live) < 10:
		op.kind = "insert"
		n := 1 + w.rng.IntN(40)
		for i := 0; i < n; i++ {
			id := w.next
			w.next++
			op.ids = append(op.ids, id)
			op.before[id] = crashRow{}
			op.after[id] = crashRow{present: true, ver: 0}
		}
		return op
	case p < 80:
		op.kind = "delete"
	default:
		op.kind = "upsert"
	}
	n := 1 + w.rng.IntN(10)
	seen := map[int64]bool{}
	for i := 0; i < n; i++ {
		id := w.live[w.rng.IntN(len(w.live))]
		if seen[id] {
			continue
		}
		seen[id] = true
		op.ids = append(op.ids, id)
		op.before[id] = w.rows[id]
		if op.kind == "delete" {
			op.after[id] = crashRow{}
		} else {
			op.after[id] = crashRow{present: true, ver: w.rows[id].ver + 1}
		}
	}
	return op
}

func (w *crashWriter) send(raw milvuspb.MilvusServiceClient, op *crashOp) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if op.kind == "delete" {
		expr := "id in [" + joinInts(op.ids) + "]"
		resp, err := raw.Delete(ctx, &milvuspb.DeleteRequest{CollectionName: "crash", Expr: expr})
		return merr.CheckRPCCall(resp, err)
	}
	vers := make([]int64, len(op.ids))
	vecs := make([][]float32, len(op.ids))
	for i, id := range op.ids {
		vers[i] = op.after[id].ver
		vecs[i] = []float32{float32(id % 1000), float32(vers[i]), 1, 2}
	}
	fields := []*schemapb.FieldData{rawInt64("id", op.ids), rawInt64("ver", vers), rawFloatVec("vec", crashDim, vecs)}
	if w.partKey {
		tenants := make([]int64, len(op.ids))
		for i, id := range op.ids {
			tenants[i] = id % 7
		}
		fields = append(fields, rawInt64("tenant", tenants))
	}
	n := uint32(len(op.ids))
	if op.kind == "insert" {
		resp, err := raw.Insert(ctx, &milvuspb.InsertRequest{CollectionName: "crash", NumRows: n, FieldsData: fields})
		return merr.CheckRPCCall(resp, err)
	}
	resp, err := raw.Upsert(ctx, &milvuspb.UpsertRequest{CollectionName: "crash", NumRows: n, FieldsData: fields})
	return merr.CheckRPCCall(resp, err)
}

// apply records an acknowledged (or resolved) op in the model.
func (w *crashWriter) apply(op *crashOp) {
	for _, id := range op.ids {
		w.rows[id] = op.after[id]
	}
	if op.kind == "upsert" {
		return
	}
	w.live = w.live[:0]
	for id, r := range w.rows {
		if r.present {
			w.live = append(w.live, id)
		}
	}
}

func joinInts(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// verifyCrash reads every row and checks it against the writers' models,
// resolving each pending op to whichever whole state the server shows.
func verifyCrash(t *testing.T, c *milvusclient.Client, ctx context.Context, writers []*crashWriter) (acked, applied, absent int) {
	t.Helper()
	actual := scanAll(t, c, ctx)
	for _, w := range writers {
		if op := w.pending; op != nil {
			state := func(want map[int64]crashRow) bool {
				for _, id := range op.ids {
					if actual[id] != want[id] {
						return false
					}
				}
				return true
			}
			switch {
			case state(op.after):
				w.apply(op)
				applied++
			case state(op.before):
				absent++
			default:
				var got []string
				for _, id := range op.ids {
					got = append(got, fmt.Sprintf("%d:%v(before %v, after %v)", id, actual[id], op.before[id], op.after[id]))
				}
				t.Fatalf("writer %d: unacknowledged %s of %d rows is half applied: %s", w.id, op.kind, len(op.ids), strings.Join(got, " "))
			}
			w.pending = nil
		}
		for id, want := range w.rows {
			if got := actual[id]; got != want {
				t.Fatalf("writer %d: key %d is %+v after restart, model says %+v (acknowledged)", w.id, id, got, want)
			}
		}
		acked += w.acked
	}
	for id, got := range actual {
		w := writers[id/1e9-1]
		if _, known := w.rows[id]; !known && got.present {
			t.Fatalf("key %d is present but was never written (or its write was never resolved)", id)
		}
	}
	return acked, applied, absent
}

// scanAll pages through every row by primary key.
func scanAll(t *testing.T, c *milvusclient.Client, ctx context.Context) map[int64]crashRow {
	t.Helper()
	out := map[int64]crashRow{}
	last := int64(-1)
	for {
		rs, err := c.Query(ctx, milvusclient.NewQueryOption("crash").WithFilter(fmt.Sprintf("id > %d", last)).
			WithOutputFields("ver").WithLimit(10000).WithConsistencyLevel(strong))
		ok(t, err, "scan after id %d", last)
		if rs.ResultCount == 0 {
			return out
		}
		ids, vers := int64Col(t, rs, "id"), int64Col(t, rs, "ver")
		for i, id := range ids {
			if _, dup := out[id]; dup {
				t.Fatalf("key %d returned twice", id)
			}
			out[id] = crashRow{present: true, ver: vers[i]}
		}
		last = ids[len(ids)-1]
	}
}
