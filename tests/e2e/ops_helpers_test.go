package e2e

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// The ops scenarios drive `kite serve`, `kite meta` and `kite doctor` as an
// operator would, on one data dir, and check rows through the Go SDK.

const opsDim = 4

// kiteRun runs a kite subcommand and returns its combined output and exit code.
func kiteRun(t testing.TB, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, kiteBin, args...).CombinedOutput()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &ee):
		return string(out), ee.ExitCode()
	}
	t.Fatalf("run kite %v: %v", args, err)
	return "", -1
}

// kiteOK runs a kite subcommand that must succeed.
func kiteOK(t testing.TB, args ...string) string {
	t.Helper()
	out, code := kiteRun(t, args...)
	if code != 0 {
		t.Fatalf("kite %s exited %d:\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

// startFails starts the server and expects it to exit during start-up; it
// returns the last line it printed, which must be the one-line boot error.
func startFails(t testing.TB, s *Server) string {
	t.Helper()
	before := len(s.stderr.String())
	if err := s.tryStart(20 * time.Second); err == nil {
		t.Fatalf("kite started, expected a boot error")
	}
	if s.exit == nil {
		t.Fatalf("kite did not exit on its own:\n%s", s.stderr.String()[before:])
	}
	out := strings.TrimSpace(s.stderr.String()[before:])
	for _, bad := range []string{"panic", "goroutine ", ".go:"} {
		if strings.Contains(out, bad) {
			t.Fatalf("boot failure printed %q:\n%s", bad, out)
		}
	}
	lines := strings.Split(out, "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "kite: ") || !strings.Contains(last, "; fix: ") {
		t.Fatalf("last line is not a boot error with a fix: %q", last)
	}
	return last
}

func opsCreate(t testing.TB, c *milvusclient.Client, name string, partitions ...string) {
	t.Helper()
	ctx := ctxT(t, 30*time.Second)
	sch := entity.NewSchema().WithName(name).
		WithField(entity.NewField().WithName("id").WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true)).
		WithField(entity.NewField().WithName("vec").WithDataType(entity.FieldTypeFloatVector).WithDim(opsDim))
	ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption(name, sch)), "create %s", name)
	for _, p := range partitions {
		ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption(name, p)), "create partition %s.%s", name, p)
	}
}

// opsWrite inserts ids from..from+n-1.
func opsWrite(ctx context.Context, c *milvusclient.Client, coll, partition string, from, n int) error {
	ids := make([]int64, n)
	vecs := make([][]float32, n)
	for i := range ids {
		ids[i] = int64(from + i)
		vecs[i] = []float32{float32(from + i), 1, 2, 3}
	}
	opt := milvusclient.NewColumnBasedInsertOption(coll).WithInt64Column("id", ids).WithFloatVectorColumn("vec", opsDim, vecs)
	if partition != "" {
		opt = opt.WithPartition(partition)
	}
	_, err := c.Insert(ctx, opt)
	return err
}

func opsInsert(t testing.TB, c *milvusclient.Client, coll, partition string, from, n int) {
	t.Helper()
	ok(t, opsWrite(ctxT(t, 30*time.Second), c, coll, partition, from, n), "insert %d rows into %s", n, coll)
}

func opsFlush(t testing.TB, c *milvusclient.Client, coll string) {
	t.Helper()
	ctx := ctxT(t, 60*time.Second)
	task, err := c.Flush(ctx, milvusclient.NewFlushOption(coll))
	ok(t, err, "flush %s", coll)
	ok(t, task.Await(ctx), "await flush %s", coll)
}

// opsRows is the live row count (GetCollectionStatistics needs no load or index).
func opsRows(t testing.TB, c *milvusclient.Client, coll string) int {
	t.Helper()
	st, err := c.GetCollectionStats(ctxT(t, 30*time.Second), milvusclient.NewGetCollectionStatsOption(coll))
	ok(t, err, "statistics of %s", coll)
	n, err := strconv.Atoi(st["row_count"])
	ok(t, err, "row_count %q", st["row_count"])
	return n
}

// damage overwrites the start of a file, where bbolt keeps its meta pages.
func damage(t testing.TB, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	ok(t, err, "open %s", path)
	defer f.Close()
	_, err = f.WriteAt([]byte(strings.Repeat("\x00power cut\xff", 1000)), 0)
	ok(t, err, "damage %s", path)
}

func metaPath(s *Server) string { return filepath.Join(s.DataDir, "meta.db") }
