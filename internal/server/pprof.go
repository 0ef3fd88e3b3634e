package server

import (
	"net/http"
	"net/http/pprof"
)

// routePprof serves Go's profiler on the metrics mux, only with --pprof:
// profiles show request contents and cost CPU, so they stay off by default
// and off the API port.
func routePprof(mux *http.ServeMux) {
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
}
