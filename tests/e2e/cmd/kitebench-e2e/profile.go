package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
)

// profileClient writes a CPU profile of this client over the nq sweep to
// $KITEBENCH_CPUPROFILE.nq<nq> when that is set (pair it with
// KITEBENCH_SERVE_ARGS=--pprof for the server's side); it returns the stop.
func profileClient(nq int) func() {
	path := os.Getenv("KITEBENCH_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path + ".nq" + strconv.Itoa(nq))
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kitebench-e2e: client profile:", err)
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
