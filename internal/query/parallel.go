package query

import "runtime"

func parallelism() int { return max(1, runtime.GOMAXPROCS(0)) }
