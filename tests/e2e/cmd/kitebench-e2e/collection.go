package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

const (
	collName   = "kitebench"
	vecField   = "vec"
	idField    = "id"
	insertSize = 8 << 20 // bytes of vectors per Insert request
)

// bench is one collection holding the protocol's base vectors.
type bench struct {
	c      *milvusclient.Client
	p      *protocol
	d      *data
	pid    int // the server's, for its CPU time
	loaded bool
}

func newBench(ctx context.Context, srv *server, p *protocol, d *data) (*bench, error) {
	c, err := milvusclient.New(ctx, &milvusclient.ClientConfig{Address: srv.addr})
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", srv.addr, err)
	}
	return &bench{c: c, p: p, d: d, pid: srv.cmd.Process.Pid}, nil
}

func (b *bench) close() { b.c.Close(context.Background()) }

// load creates the collection, inserts every base row with its row number
// as primary key, and flushes them into one sealed segment.
func (b *bench) load(ctx context.Context) error {
	schema := entity.NewSchema().WithName(collName).
		WithField(entity.NewField().WithName(idField).WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true)).
		WithField(entity.NewField().WithName(vecField).WithDataType(entity.FieldTypeFloatVector).WithDim(int64(b.p.Dim)))
	if err := b.c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption(collName, schema)); err != nil {
		return fmt.Errorf("create collection: %w", err)
	}
	start := time.Now()
	batch := max(1, insertSize/(4*b.p.Dim))
	for lo := 0; lo < len(b.d.base); lo += batch {
		hi := min(lo+batch, len(b.d.base))
		ids := make([]int64, hi-lo)
		for i := range ids {
			ids[i] = int64(lo + i)
		}
		opt := milvusclient.NewColumnBasedInsertOption(collName).
			WithInt64Column(idField, ids).
			WithFloatVectorColumn(vecField, b.p.Dim, b.d.base[lo:hi])
		if _, err := b.c.Insert(ctx, opt); err != nil {
			return fmt.Errorf("insert rows %d-%d: %w", lo, hi, err)
		}
	}
	task, err := b.c.Flush(ctx, milvusclient.NewFlushOption(collName))
	if err == nil {
		err = task.Await(ctx)
	}
	if err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	fmt.Printf("e2e: inserted and flushed %d rows in %.1fs\n", len(b.d.base), time.Since(start).Seconds())
	return nil
}

// buildIndex replaces the vector index with c's and waits until every row
// is indexed; it returns the seconds from CreateIndex to that point.
func (b *bench) buildIndex(ctx context.Context, c bcase) (float64, error) {
	if b.loaded {
		if err := b.c.ReleaseCollection(ctx, milvusclient.NewReleaseCollectionOption(collName)); err != nil {
			return 0, fmt.Errorf("release: %w", err)
		}
		if err := b.c.DropIndex(ctx, milvusclient.NewDropIndexOption(collName, vecField)); err != nil {
			return 0, fmt.Errorf("drop index: %w", err)
		}
		b.loaded = false
	}
	params := map[string]string{"metric_type": b.p.Metric}
	for k, v := range c.Params {
		params[k] = v
	}
	params[index.IndexTypeKey] = c.Type
	idx := index.NewGenericIndex(vecField, params)
	start := time.Now()
	task, err := b.c.CreateIndex(ctx, milvusclient.NewCreateIndexOption(collName, vecField, idx))
	if err != nil {
		return 0, fmt.Errorf("create index: %w", err)
	}
	if err := task.Await(ctx); err != nil {
		return 0, fmt.Errorf("await index: %w", err)
	}
	if err := b.waitIndexed(ctx); err != nil {
		return 0, err
	}
	secs := time.Since(start).Seconds()
	return secs, b.loadCollection(ctx)
}

// waitIndexed polls DescribeIndex until no row is pending.
func (b *bench) waitIndexed(ctx context.Context) error {
	for {
		desc, err := b.c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption(collName, vecField))
		if err != nil {
			return fmt.Errorf("describe index: %w", err)
		}
		if desc.PendingIndexRows == 0 && desc.IndexedRows >= int64(len(b.d.base)) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (b *bench) loadCollection(ctx context.Context) error {
	task, err := b.c.LoadCollection(ctx, milvusclient.NewLoadCollectionOption(collName))
	if err == nil {
		err = task.Await(ctx)
	}
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	b.loaded = true
	return nil
}

func paramLabel(key string, v int) string {
	if key == "" {
		return ""
	}
	return key + "=" + strconv.Itoa(v)
}
