package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// nearest emits func nearestPanelsAVX2(q, panels, norms, best []float32,
// bestIdx []int32): for every panel row i it forms s_i = norms[i] - 2·q·row_i
// (the squared L2 distance less ||q||²) and keeps, per lane of a YMM
// register, the smallest s and the first row reaching it; best and bestIdx
// (8 lanes each) carry the running minimum in and out, so the caller only
// reduces eight lanes. This fuses k-means assignment and PQ encoding into
// the panel kernel instead of scoring into memory and scanning it again.
func nearest() {
	TEXT("nearestPanelsAVX2", NOSPLIT, "func(q, panels, norms, best []float32, bestIdx []int32)")
	Pragma("noescape")
	Doc("nearestPanelsAVX2 tracks, per lane, the minimum of norms[i]-2*q.row_i over the panels' rows and its first index.")
	qBase := Load(Param("q").Base(), GP64())
	d := Load(Param("q").Len(), GP64())
	p := Mem{Base: Load(Param("panels").Base(), GP64())}
	nrm := Mem{Base: Load(Param("norms").Base(), GP64())}
	m := Load(Param("norms").Len(), GP64())
	bestPtr := Mem{Base: Load(Param("best").Base(), GP64())}
	idxPtr := Mem{Base: Load(Param("bestIdx").Base(), GP64())}

	lanes := GLOBL("nearestLanes", RODATA|NOPTR)
	for i := 0; i < 8; i++ {
		DATA(4*i, U32(i))
	}
	consts := GLOBL("nearestConsts", RODATA|NOPTR)
	DATA(0, U32(8))          // lane index step
	DATA(4, U32(0xc0000000)) // -2.0f

	bestV, bestI, idx := YMM(), YMM(), YMM()
	VMOVUPS(bestPtr, bestV)
	VMOVDQU(idxPtr, bestI)
	VMOVDQU(lanes, idx)
	eight, minus2 := YMM(), YMM()
	VPBROADCASTD(consts, eight)
	VBROADCASTSS(consts.Offset(4), minus2)

	Label("npanel")
	CMPQ(m, U32(panelRows))
	JL(LabelRef("ndone"))
	q := Mem{Base: GP64()}
	MOVQ(qBase, q.Base)
	n := GP64()
	MOVQ(d, n)
	even, odd := zeroed(YMM, false), zeroed(YMM, false)

	Label("npair")
	CMPQ(n, U32(2))
	JL(LabelRef("nlast"))
	fmaRow(q, p, 0, even)
	fmaRow(q, p, 1, odd)
	ADDQ(U32(8), q.Base)
	ADDQ(U32(2*4*panelRows), p.Base)
	SUBQ(U32(2), n)
	JMP(LabelRef("npair"))

	Label("nlast")
	CMPQ(n, U32(0))
	JE(LabelRef("nmin"))
	fmaRow(q, p, 0, even)
	ADDQ(U32(4*panelRows), p.Base)

	Label("nmin")
	for k := range even {
		t := even[k]
		VADDPS(odd[k], t, t)
		VFMADD213PS(nrm.Offset(32*k), minus2, t) // t = t·(-2) + norms
		mask := odd[k]
		VCMPPS(U8(1), bestV, t, mask) // t < best (ordered, so NaN never wins)
		VBLENDVPS(mask, t, bestV, bestV)
		VBLENDVPS(mask, idx, bestI, bestI)
		VPADDD(eight, idx, idx)
	}
	ADDQ(U32(4*panelRows), nrm.Base)
	SUBQ(U32(panelRows), m)
	JMP(LabelRef("npanel"))

	Label("ndone")
	VMOVUPS(bestV, bestPtr)
	VMOVDQU(bestI, idxPtr)
	VZEROUPPER()
	RET()
}
