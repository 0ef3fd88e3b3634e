package diskprobe

import "testing"

func TestProbe(t *testing.T) {
	dir := t.TempDir()
	sp, err := DiskSpace(dir)
	if err != nil || sp.Total == 0 || sp.Free > sp.Total {
		t.Fatalf("space %+v %v", sp, err)
	}
	lat, err := Fsync(dir, 3)
	if err != nil || len(lat.Samples) != 3 || lat.Max < lat.Median {
		t.Fatalf("fsync %+v %v", lat, err)
	}
	if _, err := DiskSpace(dir + "/missing"); err == nil {
		t.Fatal("statfs of a missing dir succeeded")
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[uint64]string{0: "0 B", 1023: "1023 B", 1536: "1.5 KiB", 3 << 30: "3.0 GiB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}
