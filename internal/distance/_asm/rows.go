package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// prefetchAhead is how far ahead of a group of rows the batch kernels
// prefetch, in bytes; measured on 200k × 128 rows against 2, 8 KiB.
const prefetchAhead = 4096

// rowsBatch emits func <op>BatchAVX2(q, rows, out []float32) scoring four
// rows at a time: each 16-float step loads the query's two YMM vectors once
// and folds them into two accumulators per row, so eight independent FMA
// chains hide the FMA latency without unrolling along one row, and the four
// rows' sums come out of one horizontal-add tree instead of four. The last
// len(q) mod 8 elements are read with masked loads (which never fault past
// the slice) rather than a scalar loop. Left-over rows (fewer than four) go
// through the same loop one at a time. In cache this is 1.2-2x the
// row-at-a-time kernel; streaming from memory, the prefetch keeps it even.
func rowsBatch(o op) {
	name := fmt.Sprintf("%sBatchAVX2", o)
	TEXT(name, NOSPLIT, "func(q, rows, out []float32)")
	Doc(fmt.Sprintf("%s writes %s(q, row i) to out[i] for len(out) rows of len(q) floats.", name, o))
	qBase := Load(Param("q").Base(), GP64())
	d := Load(Param("q").Len(), GP64())
	p := Load(Param("rows").Base(), GP64())
	out := Mem{Base: Load(Param("out").Base(), GP64())}
	m := Load(Param("out").Len(), GP64())

	masks := GLOBL(name+"Masks", RODATA|NOPTR)
	for i := 0; i < 16; i++ {
		v := uint32(0)
		if i < 8 {
			v = 0xffffffff
		}
		DATA(4*i, U32(v))
	}
	// mask points at the 8 dwords whose first d mod 8 are all ones.
	s, mask := GP64(), GP64()
	MOVQ(d, s)
	ANDQ(U32(7), s)
	NEGQ(s)
	LEAQ(masks.Offset(32), mask)
	LEAQ(Mem{Base: mask, Index: s, Scale: 4}, mask)
	// s is the row stride in bytes.
	MOVQ(d, s)
	SHLQ(U8(2), s)

	group := func(rows int, pfx string) {
		Label(pfx + "group")
		CMPQ(m, U32(rows))
		JL(LabelRef(pfx + "done"))
		// Row r is at p + r·s; rows 0-2 address it as (p)(s*r), row 3
		// from p3 = p + 3s.
		p3 := GP64()
		if rows == 4 {
			LEAQ(Mem{Base: p, Index: s, Scale: 2}, p3)
			ADDQ(s, p3)
		}
		row := func(r, off int) Mem {
			switch r {
			case 0:
				return Mem{Base: p, Disp: off}
			case 3:
				return Mem{Base: p3, Disp: off}
			}
			return Mem{Base: p, Index: s, Scale: uint8(r), Disp: off}
		}
		q := GP64()
		MOVQ(qBase, q)
		n := GP64()
		MOVQ(d, n)
		acc := make([][2]VecVirtual, rows)
		for r := range acc {
			for k := range acc[r] {
				acc[r][k] = YMM()
				VXORPS(acc[r][k], acc[r][k], acc[r][k])
			}
		}
		advance := func(bytes int) {
			ADDQ(U32(bytes), q)
			ADDQ(U32(bytes), p)
			if rows == 4 {
				ADDQ(U32(bytes), p3)
			}
			SUBQ(U32(bytes/4), n)
		}

		if rows == 4 {
			// Prefetch the bytes this group spans, prefetchAhead bytes
			// on: the hardware prefetcher alone streams four rows read
			// side by side a third slower than one row at a time.
			pf, cnt := GP64(), GP64()
			LEAQ(Mem{Base: p, Disp: prefetchAhead}, pf)
			MOVQ(d, cnt)
			SHRQ(U8(2), cnt)
			Label(pfx + "pf")
			CMPQ(cnt, U32(0))
			JE(LabelRef(pfx + "pfdone"))
			PREFETCHT0(Mem{Base: pf})
			ADDQ(U32(64), pf)
			DECQ(cnt)
			JMP(LabelRef(pfx + "pf"))
			Label(pfx + "pfdone")
		}
		Label(pfx + "loop16")
		CMPQ(n, U32(16))
		JL(LabelRef(pfx + "tail8"))
		qa, qb := YMM(), YMM()
		VMOVUPS(Mem{Base: q}, qa)
		VMOVUPS(Mem{Base: q, Disp: 32}, qb)
		for r := range acc {
			rowStep(o, row(r, 0), qa, acc[r][0])
			rowStep(o, row(r, 32), qb, acc[r][1])
		}
		advance(64)
		JMP(LabelRef(pfx + "loop16"))

		Label(pfx + "tail8")
		CMPQ(n, U32(8))
		JL(LabelRef(pfx + "tailMask"))
		qa = YMM()
		VMOVUPS(Mem{Base: q}, qa)
		for r := range acc {
			rowStep(o, row(r, 0), qa, acc[r][0])
		}
		advance(32)

		Label(pfx + "tailMask")
		CMPQ(n, U32(0))
		JE(LabelRef(pfx + "sum"))
		mk, qm := YMM(), YMM()
		VMOVDQU(Mem{Base: mask}, mk)
		VMASKMOVPS(Mem{Base: q}, mk, qm)
		for r := range acc {
			t := YMM()
			VMASKMOVPS(row(r, 0), mk, t)
			if o == opL2 {
				VSUBPS(t, qm, t)
				VFMADD231PS(t, t, acc[r][1])
			} else {
				VFMADD231PS(t, qm, acc[r][1])
			}
		}
		// Step p past the tail, to the next row (p3 is set per group).
		LEAQ(Mem{Base: p, Index: n, Scale: 4}, p)

		Label(pfx + "sum")
		if rows == 4 {
			for r := range acc {
				VADDPS(acc[r][1], acc[r][0], acc[r][0])
			}
			// Pairwise horizontal adds leave lane r of each 128-bit
			// half holding part of row r's sum; adding the halves
			// finishes all four.
			VHADDPS(acc[1][0], acc[0][0], acc[0][0])
			VHADDPS(acc[3][0], acc[2][0], acc[2][0])
			VHADDPS(acc[2][0], acc[0][0], acc[0][0])
			hi := XMM()
			VEXTRACTF128(U8(1), acc[0][0], hi)
			lo := acc[0][0].AsX()
			VADDPS(hi, lo, lo)
			VMOVUPS(lo, out)
			// p has walked one row; the next group starts 3 rows on.
			LEAQ(Mem{Base: p, Index: s, Scale: 2}, p)
			ADDQ(s, p)
		} else {
			VADDPS(acc[0][1], acc[0][0], acc[0][0])
			VMOVSS(reduceYMM(acc[0][0]), out)
		}
		ADDQ(U32(4*rows), out.Base)
		SUBQ(U32(rows), m)
		JMP(LabelRef(pfx + "group"))
		Label(pfx + "done")
	}
	group(4, "g4")
	group(1, "g1")
	VZEROUPPER()
	RET()
}

// rowStep folds eight elements of a row (at mem) against the query vector
// qv into acc.
func rowStep(o op, mem Mem, qv, acc VecVirtual) {
	if o == opDot {
		VFMADD231PS(mem, qv, acc)
		return
	}
	t := YMM()
	VSUBPS(mem, qv, t)
	VFMADD231PS(t, t, acc)
}
