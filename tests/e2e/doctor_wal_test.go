package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// TestDoctorCountsWALRows: a server killed with SIGKILL before any flush
// leaves every row in the WAL; `kite doctor` counts them (and the deletes)
// instead of reporting 0 rows, and leaves the WAL as it found it.
func TestDoctorCountsWALRows(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	opsCreate(t, c, "pending")
	indexAndLoad(t, c, "pending", "vec", index.NewFlatIndex(entity.L2)) // deletes need a loaded collection
	for from := 0; from < 1981; from += 500 {
		opsInsert(t, c, "pending", "", from, min(500, 1981-from))
	}
	_, err := c.Delete(ctxT(t, 30e9), milvusclient.NewDeleteOption("pending").WithExpr("id < 10"))
	ok(t, err, "delete")
	s.Kill()

	type report struct {
		Collections []struct {
			Name       string
			Rows       int64
			SealedRows int64 `json:"sealed_rows"`
			WALRows    int64 `json:"wal_rows"`
			WALDeletes int64 `json:"wal_deletes"`
		}
	}
	doctor := func() report {
		t.Helper()
		out, code := kiteRun(t, "doctor", "--data-dir", s.DataDir, "--json")
		if code > 1 {
			t.Fatalf("doctor exited %d:\n%s", code, out)
		}
		var rep report
		ok(t, json.Unmarshal([]byte(out), &rep), "doctor --json:\n%s", out)
		return rep
	}
	rep := doctor()
	if len(rep.Collections) != 1 {
		t.Fatalf("doctor: %+v", rep)
	}
	if got := rep.Collections[0]; got.Rows != 1981 || got.WALRows != 1981 || got.SealedRows != 0 || got.WALDeletes != 10 {
		t.Fatalf("doctor after kill -9: %+v; want 1981 rows, all in the WAL, 10 deletes", got)
	}
	text, _ := kiteRun(t, "doctor", "--data-dir", s.DataDir)
	if !strings.Contains(text, "1981 (1981 in WAL, 10 deletes)") {
		t.Errorf("doctor's table does not show the WAL rows:\n%s", text)
	}
	// The restart replays what doctor counted: the WAL is untouched.
	s.Start()
	if got := opsRows(t, s.Client(), "pending"); got != 1971 {
		t.Fatalf("after restart: %d live rows, want 1971", got)
	}
}
