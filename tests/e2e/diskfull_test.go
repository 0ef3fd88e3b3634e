package e2e

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"golang.org/x/sys/unix"
)

// The data dir fills up: writes get "disk limit exceeded" (code 7) naming
// the limit and the fix, reads go on, nothing acknowledged is lost, and
// writes resume by themselves once space is freed. Needs root for a small
// tmpfs; skipped otherwise.
func TestDiskFullReadOnlyAndBack(t *testing.T) {
	mnt := t.TempDir()
	if err := unix.Mount("tmpfs", mnt, "tmpfs", 0, "size=48m"); err != nil {
		t.Skipf("cannot mount a tmpfs (needs root): %v", err)
	}
	t.Cleanup(func() { unix.Unmount(mnt, unix.MNT_DETACH) })
	dataDir := filepath.Join(mnt, "data")
	s := StartServer(t, "--data-dir", dataDir, "--min-free-mb", "16")
	c := s.Client()
	ctx := ctxT(t, 2*time.Minute)
	ok(t, c.CreateCollection(ctx, milvusclient.SimpleCreateCollectionOptions("full", 8).WithAutoID(false)), "create")
	next := int64(0)
	insert := func() error {
		ids := make([]int64, 100)
		vecs := randVecs(newRand(uint64(next)), 100, 8)
		for i := range ids {
			ids[i] = next + int64(i)
		}
		_, err := c.Insert(ctx, milvusclient.NewColumnBasedInsertOption("full").
			WithColumns(column.NewColumnInt64("id", ids), column.NewColumnFloatVector("vector", 8, vecs)))
		if err == nil {
			next += 100
		}
		return err
	}
	ok(t, insert(), "insert with space")
	var st unix.Statfs_t
	ok(t, unix.Statfs(mnt, &st), "statfs")
	free := int64(st.Bavail) * int64(st.Bsize)
	filler := filepath.Join(mnt, "filler")
	ok(t, os.WriteFile(filler, make([]byte, free-8<<20), 0o644), "fill the disk")
	time.Sleep(time.Second) // the guard looks at free space twice a second
	wantErr(t, insert(), 7, "disk limit exceeded", "--min-free-mb", "read-only")
	if got := count(t, c, "full", ""); got != next {
		t.Fatalf("reads while full: count %d, want %d", got, next)
	}
	ok(t, os.Remove(filler), "free space")
	time.Sleep(time.Second)
	ok(t, insert(), "insert after space returned")
	s.Restart()
	c = s.Client()
	if got := count(t, c, "full", ""); got != next {
		t.Fatalf("after restart: count %d, want %d acknowledged rows", got, next)
	}
}
