package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

const unroll = 4

// kernel emits the loops that sum op over n elements at a and b, advancing
// both pointers and consuming n, and returns an XMM register whose low lane
// holds the sum. Labels get pfx so a function may hold several kernels.
func kernel(o op, w isa, a, b Mem, n Register, pfx string) VecVirtual {
	var acc VecVirtual
	if w == avx512 {
		acc = wideLoops(o, a, b, n, pfx)
	} else {
		acc = ymmLoops(o, a, b, n, pfx)
	}
	// One YMM at a time until fewer than 8 elements remain.
	Label(pfx + "loop8")
	CMPQ(n, U32(8))
	JL(LabelRef(pfx + "reduce"))
	step(o, a, b, 0, acc, YMM())
	advance(a, b, n, 8)
	JMP(LabelRef(pfx + "loop8"))

	Label(pfx + "reduce")
	sum := reduceYMM(acc)
	scalarTail(o, a, b, n, sum, pfx)
	return sum
}

// ymmLoops runs the AVX2 main loop: four YMM accumulators, 32 elements per
// iteration; returns them summed into one YMM.
func ymmLoops(o op, a, b Mem, n Register, pfx string) VecVirtual {
	acc := zeroed(YMM, false)
	Label(pfx + "loop32")
	CMPQ(n, U32(8*unroll))
	JL(LabelRef(pfx + "fold32"))
	for k := range acc {
		step(o, a, b, 32*k, acc[k], YMM())
	}
	advance(a, b, n, 8*unroll)
	JMP(LabelRef(pfx + "loop32"))
	Label(pfx + "fold32")
	return fold(acc)
}

// wideLoops runs the AVX-512 loops: four ZMM accumulators over 64 elements
// per iteration, then one ZMM at a time; returns the sum folded to a YMM.
func wideLoops(o op, a, b Mem, n Register, pfx string) VecVirtual {
	acc := zeroed(ZMM, true)
	Label(pfx + "loop64")
	CMPQ(n, U32(16*unroll))
	JL(LabelRef(pfx + "loop16"))
	for k := range acc {
		step(o, a, b, 64*k, acc[k], ZMM())
	}
	advance(a, b, n, 16*unroll)
	JMP(LabelRef(pfx + "loop64"))

	Label(pfx + "loop16")
	CMPQ(n, U32(16))
	JL(LabelRef(pfx + "fold64"))
	step(o, a, b, 0, acc[0], ZMM())
	advance(a, b, n, 16)
	JMP(LabelRef(pfx + "loop16"))

	Label(pfx + "fold64")
	z := fold(acc)
	hi := YMM()
	VEXTRACTF64X4(U8(1), z, hi)
	y := z.AsY().(VecVirtual)
	VADDPS(hi, y, y)
	return y
}

// zeroed allocates unroll accumulators and clears them. ZMM registers use
// VPXORD because the ZMM form of VXORPS needs AVX512DQ, not just AVX512F;
// YMM registers use VXORPS because VPXORD on YMM needs AVX512VL.
func zeroed(alloc func() VecVirtual, wide bool) []VecVirtual {
	acc := make([]VecVirtual, unroll)
	for k := range acc {
		acc[k] = alloc()
		if wide {
			VPXORD(acc[k], acc[k], acc[k])
		} else {
			VXORPS(acc[k], acc[k], acc[k])
		}
	}
	return acc
}

// step folds one vector of elements at offset off into acc. Unaligned loads
// cost nothing extra on aligned data, and rows are not aligned in general.
func step(o op, a, b Mem, off int, acc, t VecVirtual) {
	VMOVUPS(a.Offset(off), t)
	if o == opL2 {
		VSUBPS(b.Offset(off), t, t)
		VFMADD231PS(t, t, acc)
		return
	}
	VFMADD231PS(b.Offset(off), t, acc)
}

func advance(a, b Mem, n Register, elems int) {
	ADDQ(U32(4*elems), a.Base)
	ADDQ(U32(4*elems), b.Base)
	SUBQ(U32(elems), n)
}

// fold adds the accumulators pairwise into acc[0].
func fold(acc []VecVirtual) VecVirtual {
	VADDPS(acc[1], acc[0], acc[0])
	VADDPS(acc[3], acc[2], acc[2])
	VADDPS(acc[2], acc[0], acc[0])
	return acc[0]
}

// reduceYMM sums the eight lanes of y into the low lane of its XMM half.
func reduceYMM(y VecVirtual) VecVirtual {
	x, t := y.AsX().(VecVirtual), XMM()
	VEXTRACTF128(U8(1), y, t)
	VADDPS(t, x, x)
	VMOVHLPS(x, x, t)
	VADDPS(t, x, x)
	VMOVSHDUP(x, t)
	VADDSS(t, x, x)
	return x
}

// scalarTail adds the last n < 8 elements one at a time into sum's low lane.
func scalarTail(o op, a, b Mem, n Register, sum VecVirtual, pfx string) {
	Label(pfx + "tail")
	CMPQ(n, U32(0))
	JE(LabelRef(pfx + "tailDone"))
	t := XMM()
	VMOVSS(a, t)
	if o == opL2 {
		VSUBSS(b, t, t)
		VFMADD231SS(t, t, sum)
	} else {
		VFMADD231SS(b, t, sum)
	}
	advance(a, b, n, 1)
	JMP(LabelRef(pfx + "tail"))
	Label(pfx + "tailDone")
}
