package wal

import (
	"context"
	"testing"
)

// BenchmarkAppend measures acknowledged 1 KiB appends from many goroutines
// with real fsyncs; fsyncs/op shows how much group commit shares.
func BenchmarkAppend(b *testing.B) {
	l, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	payload := make([]byte, 1<<10)
	b.SetBytes(int64(len(payload)))
	b.SetParallelism(16) // shard writers far outnumber cores
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := l.Append(context.Background(), payload); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(l.syncs.Load())/float64(b.N), "fsyncs/op")
}
