// Package distance holds Kite's vector distance kernels: float32 L2, inner
// product and cosine; float16 and bfloat16 rows decoded on the fly; int8;
// Hamming and Jaccard on bit vectors; inner product on Milvus sparse rows;
// and the layouts and batch kernels indexes scan with: row-major batches,
// dimension-major panels, 8-bit codes against weights, and product-quantizer
// table lookups (LookupSum256).
//
// Every kernel has a pure-Go reference implementation (the *Generic
// functions) that defines its result. The exported float32 kernels dispatch
// through function variables chosen once at init from the CPU's features, so
// a faster variant (Go assembly generated with avo from _asm/) replaces the
// reference without callers knowing. Building with -tags purego keeps only the
// reference kernels.
//
// Invariants:
//   - Kernels never allocate and never retain their arguments.
//   - Both arguments of a kernel have the same length; callers check it
//     (the index layer validates dimensions once per request, not per row).
//   - Scores follow Milvus: L2 is the squared distance, IP and COSINE are
//     similarities, HAMMING counts differing bits, JACCARD is 1 - |a∩b|/|a∪b|.
//   - SIMD variants may differ from the reference by float rounding only
//     (they sum in a different order); tests bound the relative error.
//
// Byte layouts (Milvus wire formats): float16 and bfloat16 rows are
// little-endian uint16 per element; int8 rows are one signed byte per
// element; binary rows pack 8 dimensions per byte; a sparse row is a
// sequence of (uint32 index, float32 value) little-endian pairs sorted by
// index.
package distance
