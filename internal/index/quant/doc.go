// Package quant holds the vector codecs of IVF_SQ8 and IVF_PQ.
//
// SQ8 maps each dimension independently onto 256 evenly spaced levels
// between that dimension's minimum and maximum in the training data.
// PQ splits a vector into M sub-vectors and replaces each with the index of
// its nearest codeword in a per-sub-space codebook of 2^nbits entries
// learned by k-means.
//
// Both are built for asymmetric distance computation: the query stays in
// float32 and only rows are quantized. Inner products with a query need no
// decoding: for SQ8, q·x̂ = Σ q_j·Min_j + Σ (q_j·Step_j)·code_j, a dot product
// of a per-query weight vector with the code bytes; for PQ, q·x̂ = Σ_s
// T[s][code_s] with T a per-query table of sub-vector dot products.
//
// Invariants: Encode followed by Decode is within Step/2 of the input per
// dimension (SQ8, inside the trained range); a PQ code is the nearest
// codeword per sub-space. Codecs are plain values, safe for concurrent use.
package quant
