// Command _asm generates the amd64 assembly for package distance with avo.
// Run `go generate ./internal/distance` (or this command with the flags in
// the go:generate line of ../dispatch_amd64.go); CI regenerates and fails on
// any difference, so the committed .s always matches this source.
//
// Each kernel sums over a pair of float32 slices with four independent
// accumulators (hiding FMA latency), then one vector at a time, then a
// scalar tail, and ends with VZEROUPPER: leaving the upper YMM/ZMM halves
// dirty makes later SSE code in the Go runtime pay transition penalties
// (DATA.md measured 9x slower without it for the archsimd equivalent).
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// op is the per-element operation a kernel sums.
type op int

const (
	opL2  op = iota // (a-b)²
	opDot           // a·b
)

func (o op) String() string { return [...]string{"l2Sq", "dot"}[o] }

// isa is the widest vector extension a kernel uses.
type isa struct {
	name  string
	lanes int // float32 lanes in the main loop's registers
}

var (
	avx2   = isa{name: "AVX2", lanes: 8}
	avx512 = isa{name: "AVX512", lanes: 16}
)

func main() {
	ConstraintExpr("!purego")
	for _, w := range []isa{avx2, avx512} {
		for _, o := range []op{opL2, opDot} {
			single(o, w)
			if w == avx2 {
				rowsBatch(o)
			} else {
				batch(o, w)
			}
		}
	}
	dotPanels()
	panelKernel(opL2)
	nearest()
	dotU8()
	lookupSum()
	prefetch()
	Generate()
}

// single emits func <op><ISA>(a, b []float32) float32 over len(a) elements.
func single(o op, w isa) {
	name := fmt.Sprintf("%s%s", o, w.name)
	TEXT(name, NOSPLIT, "func(a, b []float32) float32")
	Doc(fmt.Sprintf("%s sums %s over len(a) elements; len(b) >= len(a).", name, o))
	a := Mem{Base: Load(Param("a").Base(), GP64())}
	b := Mem{Base: Load(Param("b").Base(), GP64())}
	n := Load(Param("a").Len(), GP64())
	sum := kernel(o, w, a, b, n, "")
	VZEROUPPER()
	Store(sum, ReturnIndex(0))
	RET()
}

// batch emits func <op>Batch<ISA>(q, rows, out []float32): out[i] is the
// kernel of q and the i-th len(q)-float row of rows.
func batch(o op, w isa) {
	name := fmt.Sprintf("%sBatch%s", o, w.name)
	TEXT(name, NOSPLIT, "func(q, rows, out []float32)")
	Doc(fmt.Sprintf("%s writes %s(q, row i) to out[i] for len(out) rows of len(q) floats.", name, o))
	q := Load(Param("q").Base(), GP64())
	d := Load(Param("q").Len(), GP64())
	row := Mem{Base: Load(Param("rows").Base(), GP64())}
	out := Mem{Base: Load(Param("out").Base(), GP64())}
	m := Load(Param("out").Len(), GP64())

	Label("rowloop")
	CMPQ(m, U32(0))
	JE(LabelRef("done"))
	a := Mem{Base: GP64()}
	MOVQ(q, a.Base)
	n := GP64()
	MOVQ(d, n)
	// The kernel advances row.Base by exactly d floats: the next row.
	sum := kernel(o, w, a, row, n, "row")
	VMOVSS(sum, out)
	ADDQ(U32(4), out.Base)
	DECQ(m)
	JMP(LabelRef("rowloop"))

	Label("done")
	VZEROUPPER()
	RET()
}

// prefetch emits func prefetchLines(p *byte, lines int): PREFETCHT0 on
// lines consecutive cache lines from p. Graph searches call it for every
// unvisited neighbour before computing any distance, so the rows' cache
// misses overlap instead of stalling one distance call after another.
func prefetch() {
	TEXT("prefetchLines", NOSPLIT, "func(p *byte, lines int)")
	Doc("prefetchLines hints the CPU to load lines 64-byte lines starting at p.")
	p := Mem{Base: Load(Param("p"), GP64())}
	n := Load(Param("lines"), GP64())
	Label("loop")
	CMPQ(n, U32(0))
	JE(LabelRef("done"))
	PREFETCHT0(p)
	ADDQ(U32(64), p.Base)
	DECQ(n)
	JMP(LabelRef("loop"))
	Label("done")
	RET()
}
