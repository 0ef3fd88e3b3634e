package server

import (
	"context"
	"net/http"
	"testing"
)

func TestPprofOnlyWhenAsked(t *testing.T) {
	for _, on := range []bool{false, true} {
		s := testServer(t, t.TempDir(), func(c *Config) { c.Pprof = on })
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- s.Run(ctx) }()
		select {
		case <-s.Started():
		case err := <-done:
			t.Fatal(err)
		}
		for _, addr := range []string{s.MetricsAddr.Load().(string), s.Addr.Load().(string)} {
			resp, err := http.Get("http://" + addr + "/debug/pprof/cmdline")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			want := http.StatusNotFound
			if on && addr == s.MetricsAddr.Load().(string) {
				want = http.StatusOK
			}
			if resp.StatusCode != want {
				t.Errorf("pprof=%v: GET %s/debug/pprof/cmdline: %d, want %d", on, addr, resp.StatusCode, want)
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
