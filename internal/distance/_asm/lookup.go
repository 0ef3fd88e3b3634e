package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// lookupSum emits func lookupSum256SSE(table []float32, codes []byte,
// out []float32): out[i] = Σ_s table[256·s + codes[i·m+s]] with
// m = len(table)/256, the product-quantizer distance of a code from its
// per-query table. Each lookup is a byte load and an ADDSS whose address
// carries the sub-space's table offset as a displacement, so no bounds
// checks and no index arithmetic; sub-space s adds into accumulator s mod 4
// (the last m mod 4 into the first), summed (a0+a1)+(a2+a3), which is
// exactly the order of LookupSum256Generic. Scalar SSE only: every amd64
// CPU has it, and gathers are slower than loads on the CPUs measured.
func lookupSum() {
	TEXT("lookupSum256SSE", NOSPLIT, "func(table []float32, codes []byte, out []float32)")
	Doc("lookupSum256SSE writes sum_s table[256*s+codes[i*m+s]] to out[i], m = len(table)/256.")
	tBase := Load(Param("table").Base(), GP64())
	m := Load(Param("table").Len(), GP64())
	SHRQ(U8(8), m)
	c := Load(Param("codes").Base(), GP64())
	out := Mem{Base: Load(Param("out").Base(), GP64())}
	n := Load(Param("out").Len(), GP64())

	Label("lrow")
	CMPQ(n, U32(0))
	JE(LabelRef("ldone"))
	t, s := GP64(), GP64()
	MOVQ(tBase, t)
	MOVQ(m, s)
	acc := []VecPhysical{X0, X1, X2, X3}
	for _, a := range acc {
		XORPS(a, a)
	}
	add := func(k int, a VecPhysical) {
		r := GP64()
		MOVBQZX(Mem{Base: c, Disp: k}, r)
		ADDSS(Mem{Base: t, Index: r, Scale: 4, Disp: 1024 * k}, a)
	}

	Label("l8")
	CMPQ(s, U32(8))
	JL(LabelRef("l4"))
	for k := 0; k < 8; k++ {
		add(k, acc[k%4])
	}
	ADDQ(U32(8), c)
	ADDQ(U32(8*1024), t)
	SUBQ(U32(8), s)
	JMP(LabelRef("l8"))

	Label("l4")
	CMPQ(s, U32(4))
	JL(LabelRef("l1"))
	for k := 0; k < 4; k++ {
		add(k, acc[k])
	}
	ADDQ(U32(4), c)
	ADDQ(U32(4*1024), t)
	SUBQ(U32(4), s)

	Label("l1")
	CMPQ(s, U32(0))
	JE(LabelRef("lstore"))
	add(0, acc[0])
	INCQ(c)
	ADDQ(U32(1024), t)
	DECQ(s)
	JMP(LabelRef("l1"))

	Label("lstore")
	ADDSS(X1, X0)
	ADDSS(X3, X2)
	ADDSS(X2, X0)
	MOVSS(X0, out)
	ADDQ(U32(4), out.Base)
	DECQ(n)
	JMP(LabelRef("lrow"))

	Label("ldone")
	RET()
}
