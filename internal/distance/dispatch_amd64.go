//go:build !purego

package distance

import (
	"math"
	"unsafe"

	"golang.org/x/sys/cpu"
)

//go:generate go run -C _asm . -out ../kernels_amd64.s -stubs ../kernels_amd64_stubs.go -pkg distance

// archVariants are the avo-generated kernels in kernels_amd64.s. The "avx2"
// kernels use only AVX and FMA3 instructions (see the Requires lines in the
// .s), so that is what they check; cpu.X86 also checks the OS saves the
// YMM/ZMM state.
func archVariants() []variant {
	hasFMA := cpu.X86.HasAVX && cpu.X86.HasFMA
	return []variant{
		{
			name: "avx512", ok: hasFMA && cpu.X86.HasAVX512F,
			l2Sq: l2SqAVX512, dot: dotAVX512,
			l2SqBatch: l2SqBatchAVX512, dotBatch: dotBatchAVX512,
		},
		{
			name: "avx2", ok: hasFMA,
			l2Sq: l2SqAVX2, dot: dotAVX2,
			l2SqBatch: l2SqBatchAVX2, dotBatch: dotBatchAVX2,
		},
	}
}

// archExtraVariants: the panel kernel needs AVX and FMA3 (VBROADCASTSS,
// VFMADD231PS on YMM); the 8-bit kernel also AVX2 (VPMOVZXBD on YMM); the
// lookup kernel only SSE, so it rides along.
func archExtraVariants() []extraVariant {
	return []extraVariant{{
		name: "avx2", ok: cpu.X86.HasAVX && cpu.X86.HasAVX2 && cpu.X86.HasFMA,
		dotPanels: dotPanelsAVX2, l2SqPanels: l2SqPanelsAVX2, dotU8Batch: dotU8BatchAVX2,
		nearestPanels: nearestAVX2, lookupSum256: lookupSum256SSE,
	}}
}

// nearestAVX2 runs the lane-parallel kernel (called directly, so its
// //go:noescape keeps the lane arrays on the stack) and reduces the lanes.
func nearestAVX2(q, panels, norms []float32) (int, float32) {
	best := [8]float32{inf, inf, inf, inf, inf, inf, inf, inf}
	var idx [8]int32
	nearestPanelsAVX2(q, panels, norms, best[:], idx[:])
	i, s := reduceLanes(&best, &idx)
	if s == inf { // every value +Inf or NaN: let the reference decide
		return NearestPanelsGeneric(q, panels, norms)
	}
	return i, s
}

var inf = float32(math.Inf(1))

// prefetchImpl issues PREFETCHT0, an SSE instruction every amd64 CPU has.
func prefetchImpl(p unsafe.Pointer, n int) { prefetchLines((*byte)(p), linesFor(n)) }
