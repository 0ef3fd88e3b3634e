// Package kmeans clusters vectors for the IVF indexes: Lloyd's k-means on
// float32 rows under squared L2, and k-majority (the binary analogue: each
// centroid bit is the majority of its members' bits) on packed bit rows
// under a caller-supplied distance (Hamming or Jaccard).
//
// Training follows FAISS's recipe: at most MaxPerCentroid·K rows, sampled
// with the seed, are clustered; centroids start from k-means++ on a smaller
// sample (random rows when K is so large that k-means++ would dominate the
// build); a fixed number of Lloyd iterations follows; an empty cluster takes
// half of the largest one. Assigning rows to their nearest centroid scores
// one row against all centroids per batch-kernel call, split across workers.
//
// Invariants:
//   - Results depend only on the data, K, Iters, MaxPerCentroid and Seed,
//     never on Workers: workers only assign labels, and centroid sums are
//     accumulated in row order in float64.
//   - Train returns min(K, rows) centroids; no centroid is NaN for finite
//     input.
package kmeans
