package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// panelRows is how many rows one panel holds; it must match PanelRows in
// ../panel.go. Four YMM registers of eight lanes cover it.
const panelRows = 32

// dotPanels emits func dotPanelsAVX2(q, panels, out []float32): for each
// panel of len(q)·32 floats (dimension-major: the 32 rows' values of
// dimension j are adjacent), out gets the 32 dot products with q. Each
// dimension broadcasts one query value and issues four FMAs against
// contiguous memory; two sets of accumulators (even and odd dimensions)
// keep eight FMAs in flight, and no horizontal reduction is needed.
func dotPanels() { panelKernel(opDot) }

// panelKernel emits dotPanelsAVX2, or for opL2 l2SqPanelsAVX2 (the squared
// distances of q to the panels' rows: per dimension a subtract and an FMA,
// which run on different pipes, so it costs about what the dot products do).
func panelKernel(o op) {
	if o == opL2 {
		TEXT("l2SqPanelsAVX2", NOSPLIT, "func(q, panels, out []float32)")
		Doc("l2SqPanelsAVX2 writes the squared L2 distances of q to the 32 rows of each len(q)x32 panel to out, 32 per panel.")
	} else {
		TEXT("dotPanelsAVX2", NOSPLIT, "func(q, panels, out []float32)")
		Doc("dotPanelsAVX2 writes the dot products of q with the 32 rows of each len(q)x32 panel to out, 32 per panel.")
	}
	pfx := o.String()
	row := func(q, p Mem, r int, acc []VecVirtual) {
		if o == opL2 {
			subRow(q, p, r, acc)
		} else {
			fmaRow(q, p, r, acc)
		}
	}
	qBase := Load(Param("q").Base(), GP64())
	d := Load(Param("q").Len(), GP64())
	p := Mem{Base: Load(Param("panels").Base(), GP64())}
	out := Mem{Base: Load(Param("out").Base(), GP64())}
	m := Load(Param("out").Len(), GP64())

	Label(pfx + "panel")
	CMPQ(m, U32(panelRows))
	JL(LabelRef(pfx + "done"))
	q := Mem{Base: GP64()}
	MOVQ(qBase, q.Base)
	n := GP64()
	MOVQ(d, n)
	even, odd := zeroed(YMM, false), zeroed(YMM, false)

	Label(pfx + "pair")
	CMPQ(n, U32(2))
	JL(LabelRef(pfx + "last"))
	row(q, p, 0, even)
	row(q, p, 1, odd)
	ADDQ(U32(8), q.Base)
	ADDQ(U32(2*4*panelRows), p.Base)
	SUBQ(U32(2), n)
	JMP(LabelRef(pfx + "pair"))

	Label(pfx + "last")
	CMPQ(n, U32(0))
	JE(LabelRef(pfx + "store"))
	row(q, p, 0, even)
	ADDQ(U32(4*panelRows), p.Base)

	Label(pfx + "store")
	for k := range even {
		VADDPS(odd[k], even[k], even[k])
		VMOVUPS(even[k], out.Offset(32*k))
	}
	ADDQ(U32(4*panelRows), out.Base)
	SUBQ(U32(panelRows), m)
	JMP(LabelRef(pfx + "panel"))

	Label(pfx + "done")
	VZEROUPPER()
	RET()
}

// subRow adds (row j of the panel at p - q[j])² into acc, for j = row.
func subRow(q, p Mem, row int, acc []VecVirtual) {
	x := YMM()
	VBROADCASTSS(q.Offset(4*row), x)
	for k := range acc {
		t := YMM()
		VSUBPS(p.Offset(4*panelRows*row+32*k), x, t)
		VFMADD231PS(t, t, acc[k])
	}
}

// fmaRow adds q[j]·(row j of the panel at p) into acc, for j = row.
func fmaRow(q, p Mem, row int, acc []VecVirtual) {
	x := YMM()
	VBROADCASTSS(q.Offset(4*row), x)
	for k := range acc {
		VFMADD231PS(p.Offset(4*panelRows*row+32*k), x, acc[k])
	}
}

// dotU8 emits func dotU8BatchAVX2(w []float32, codes []byte, out []float32):
// out[i] = Σ_j w[j]·codes[i·len(w)+j], the bytes read as unsigned. Eight
// bytes at a time are zero-extended to int32 (VPMOVZXBD, AVX2), converted
// to float32 and fused into four accumulators (32 bytes an iteration, to
// hide FMA latency), then eight at a time; the tail goes one at a time.
func dotU8() {
	TEXT("dotU8BatchAVX2", NOSPLIT, "func(w []float32, codes []byte, out []float32)")
	Doc("dotU8BatchAVX2 writes sum_j w[j]*codes[i*len(w)+j] (unsigned bytes) to out[i] for len(out) rows.")
	wBase := Load(Param("w").Base(), GP64())
	d := Load(Param("w").Len(), GP64())
	c := Mem{Base: Load(Param("codes").Base(), GP64())}
	out := Mem{Base: Load(Param("out").Base(), GP64())}
	m := Load(Param("out").Len(), GP64())

	Label("u8row")
	CMPQ(m, U32(0))
	JE(LabelRef("u8done"))
	w := Mem{Base: GP64()}
	MOVQ(wBase, w.Base)
	n := GP64()
	MOVQ(d, n)
	acc := zeroed(YMM, false)

	Label("u8loop32")
	CMPQ(n, U32(32))
	JL(LabelRef("u8loop8"))
	for k := range acc {
		u8Step(w, c, 8*k, acc[k])
	}
	ADDQ(U32(128), w.Base)
	ADDQ(U32(32), c.Base)
	SUBQ(U32(32), n)
	JMP(LabelRef("u8loop32"))

	Label("u8loop8")
	CMPQ(n, U32(8))
	JL(LabelRef("u8reduce"))
	u8Step(w, c, 0, acc[0])
	ADDQ(U32(32), w.Base)
	ADDQ(U32(8), c.Base)
	SUBQ(U32(8), n)
	JMP(LabelRef("u8loop8"))

	Label("u8reduce")
	sum := reduceYMM(fold(acc))

	Label("u8tail")
	CMPQ(n, U32(0))
	JE(LabelRef("u8store"))
	b, t := GP32(), XMM()
	MOVBLZX(c, b)
	VCVTSI2SSL(b, t, t)
	VFMADD231SS(w, t, sum)
	ADDQ(U32(4), w.Base)
	INCQ(c.Base)
	DECQ(n)
	JMP(LabelRef("u8tail"))

	Label("u8store")
	VMOVSS(sum, out)
	ADDQ(U32(4), out.Base)
	DECQ(m)
	JMP(LabelRef("u8row"))

	Label("u8done")
	VZEROUPPER()
	RET()
}

// u8Step widens eight code bytes at c+off and fuses them with the eight
// weights at w+4·off into acc.
func u8Step(w, c Mem, off int, acc VecVirtual) {
	t := YMM()
	VPMOVZXBD(c.Offset(off), t)
	VCVTDQ2PS(t, t)
	VFMADD231PS(w.Offset(4*off), t, acc)
}
