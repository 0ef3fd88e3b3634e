package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"golang.org/x/sys/unix"
)

// Without the --min-free-mb reserve the disk fills under a flush: the
// answer is "disk limit exceeded" (code 7) naming the space and the fix,
// with no internal IDs or file paths; a start on the full disk blames the
// space, not fsync; once space is freed every acknowledged row is there.
// Needs root for a small tmpfs; skipped otherwise.
func TestDiskFullWithoutReserve(t *testing.T) {
	mnt := t.TempDir()
	if err := unix.Mount("tmpfs", mnt, "tmpfs", 0, "size=32m"); err != nil {
		t.Skipf("cannot mount a tmpfs (needs root): %v", err)
	}
	t.Cleanup(func() { unix.Unmount(mnt, unix.MNT_DETACH) })
	dataDir := filepath.Join(mnt, "data")
	s := StartServer(t, "--data-dir", dataDir, "--min-free-mb", "0")
	c := s.Client()
	ctx := ctxT(t, 2*time.Minute)
	ok(t, c.CreateCollection(ctx, milvusclient.SimpleCreateCollectionOptions("full", 64).WithAutoID(false)), "create")
	ids := seqIDs(0, 5000)
	_, err := c.Insert(ctx, milvusclient.NewColumnBasedInsertOption("full").
		WithColumns(column.NewColumnInt64("id", ids), column.NewColumnFloatVector("vector", 64, randVecs(newRand(1), 5000, 64))))
	ok(t, err, "insert with space")
	var st unix.Statfs_t
	ok(t, unix.Statfs(mnt, &st), "statfs")
	filler := filepath.Join(mnt, "filler")
	ok(t, os.WriteFile(filler, make([]byte, int64(st.Bavail)*int64(st.Bsize)-64<<10), 0o644), "fill the disk")

	_, err = c.Flush(ctx, milvusclient.NewFlushOption("full"))
	wantErr(t, err, 7, "disk limit exceeded", "no space left", "Free disk space", "--min-free-mb")
	for _, leak := range []string{dataDir, "objects", "collection 4", ".bin", "/"} {
		if strings.Contains(err.Error(), leak) {
			t.Errorf("the flush error shows %q: %v", leak, err)
		}
	}
	if !s.WaitLog("detail=", 5*time.Second) || !s.WaitLog("no space left on device", time.Second) {
		t.Error("the server log does not keep the storage error's detail")
	}
	if got := count(t, c, "full", ""); got != 5000 {
		t.Fatalf("reads on a full disk: count %d, want 5000", got)
	}
	s.Kill()
	line := startFails(t, s)
	t.Logf("start on a full disk: %s", line)
	if !strings.Contains(line, "free") || strings.Contains(line, "dmesg") {
		t.Errorf("a start on a full disk does not blame the space: %s", line)
	}
	ok(t, os.Remove(filler), "free space")
	s.Start()
	c = s.Client()
	if got := count(t, c, "full", ""); got != 5000 {
		t.Fatalf("after restart: count %d, want 5000 acknowledged rows", got)
	}
}
