#!/usr/bin/env python3
"""FAISS and hnswlib under the `kite bench` protocol.

`kite bench --compare` writes the data set, ground truth and a protocol file
(see internal/bench/export.go), runs this script in bench/.venv, and prints
the results beside Kite's. The protocol, as Kite measures it:

* the same base/query vectors, metric, k=10 and recall definition (a returned
  row counts when its true distance is within the 10th true distance);
* each index case with the same build params and the same search sweep
  (HNSW ef, IVF nprobe);
* curves at 1 and T threads. Queries go to the library in one batch call
  with the thread count set, so each query is still answered on its own by
  one thread (as Kite's nq=1 requests are) without Python's per-call cost.
  FAISS FLAT has BLAS disabled for the same reason (its per-query SIMD scan);
  "faiss-blas" shows the batched GEMM path for information.
* build time is wall time with T threads (hnswlib also on 1 thread with
  --build-1t true); memory is resident-set growth; file is the saved index.
"""
import argparse
import json
import os
import tempfile
import time

import numpy as np

import faiss
import hnswlib

WARMUP = 200


def read_vecs(path, dtype):
    a = np.fromfile(path, dtype=np.int32)
    d = int(a[0])
    return np.ascontiguousarray(a.reshape(-1, d + 1)[:, 1:].view(dtype))


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def normalized(x):
    n = np.linalg.norm(x, axis=1, keepdims=True)
    n[n == 0] = 1
    return np.ascontiguousarray(x / n, dtype=np.float32)


class Data:
    def __init__(self, p):
        self.metric = p["metric"]
        self.k = p["k"]
        self.base = read_vecs(p["base"], np.float32)
        self.queries = read_vecs(p["queries"], np.float32)
        self.gt_dists = read_vecs(p["gt_dists"], np.float32)
        self.dim = self.base.shape[1]
        if self.metric == "COSINE":
            self.nbase, self.nqueries = normalized(self.base), normalized(self.queries)
        else:
            self.nbase, self.nqueries = self.base, self.queries

    def recall(self, ids):
        """Mean recall@k of ids (nq × ≥k), as internal/bench/recall.go."""
        k, nq = self.k, ids.shape[0]
        ids = ids[:, :k]
        bar = self.gt_dists[:nq, k - 1].astype(np.float64)
        bar = bar + 1e-4 * np.abs(bar) + 1e-6
        hits = 0
        for lo in range(0, nq, 1000):
            hi = min(lo + 1000, nq)
            idx = ids[lo:hi]
            valid = idx >= 0
            rows = self.nbase[np.where(valid, idx, 0)].astype(np.float64)
            q = self.nqueries[lo:hi, None, :].astype(np.float64)
            if self.metric == "L2":
                d = ((rows - q) ** 2).sum(-1)
            elif self.metric == "COSINE":
                d = 1 - (rows * q).sum(-1)
            else:
                d = -(rows * q).sum(-1)
            hits += int(((d <= bar[lo:hi, None]) & valid).sum())
        return hits / (nq * k)


def faiss_metric(metric):
    return faiss.METRIC_L2 if metric == "L2" else faiss.METRIC_INNER_PRODUCT


def timed_search(search, queries, threads):
    """Returns ids, queries per second, and queries per CPU-second × threads."""
    faiss.omp_set_num_threads(threads)
    cpu0, start = time.process_time(), time.perf_counter()
    ids = search(queries, threads)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
    return ids, len(queries) / wall, (len(queries) * threads / cpu if cpu > 0 else 0.0)


def sweep(data, case, set_param, search, nq):
    queries = data.nqueries if case.get("_normalized") else data.queries
    queries = np.ascontiguousarray(queries[:nq])
    key, values = case.get("search_key"), case.get("search_values") or [None]
    points = []
    for i, v in enumerate(values):
        if v is not None:
            set_param(v)
        if i == 0:
            timed_search(search, queries[:WARMUP], data.threads)  # warm-up
        label = f"{key}={v}" if key else ""
        for th in sorted({1, data.threads}):
            ids, qps, cpu_qps = timed_search(search, queries, th)
            r = data.recall(ids)
            print(f"{case['_engine']} {case['type']} {label} threads={th} recall@10={r:.4f} qps={qps:.0f} cpu-qps={cpu_qps:.0f}", flush=True)
            points.append({"search": label, "threads": th, "nq": 1, "recall": r, "qps": qps, "cpu_qps": cpu_qps})
    return points


def result(engine, case, build_s, threads, mem, file_bytes, points, build_1t=0.0, note=""):
    r = {"engine": engine, "index": case["type"], "params": case["params"], "build_seconds": build_s,
         "build_threads": threads, "heap_bytes": mem, "file_bytes": file_bytes, "points": points}
    if build_1t:
        r["build_1t_seconds"] = build_1t
    if note:
        r["note"] = note
    return r


def faiss_file_size(index):
    with tempfile.NamedTemporaryFile(suffix=".faiss") as f:
        faiss.write_index(index, f.name)
        return os.path.getsize(f.name)


def faiss_index(data, case):
    d, m, p = data.dim, faiss_metric(data.metric), case["params"]
    t = case["type"]
    if t == "FLAT":
        return faiss.IndexFlat(d, m)
    if t == "HNSW":
        ix = faiss.IndexHNSWFlat(d, int(p["M"]), m)
        ix.hnsw.efConstruction = int(p["efConstruction"])
        return ix
    quantizer = faiss.IndexFlat(d, m)
    nlist = int(p["nlist"])
    if t == "IVF_FLAT":
        ix = faiss.IndexIVFFlat(quantizer, d, nlist, m)
    elif t == "IVF_SQ8":
        ix = faiss.IndexIVFScalarQuantizer(quantizer, d, nlist, faiss.ScalarQuantizer.QT_8bit, m)
    elif t == "IVF_PQ":
        ix = faiss.IndexIVFPQ(quantizer, d, nlist, int(p["m"]), int(p["nbits"]), m)
    else:
        return None
    return ix


def run_faiss(data, case, flat_queries, blas=False):
    ix = faiss_index(data, case)
    if ix is None:
        return None
    engine = "faiss-blas" if blas else "faiss"
    case = dict(case, _engine=engine, _normalized=True)
    faiss.omp_set_num_threads(data.threads)
    mem0, start = rss(), time.perf_counter()
    if not ix.is_trained:
        ix.train(data.nbase)
    ix.add(data.nbase)
    build = time.perf_counter() - start
    mem = rss() - mem0
    file_bytes = 0 if case["type"] == "FLAT" else faiss_file_size(ix)
    faiss.cvar.distance_compute_blas_threshold = 20 if blas else 1 << 30

    def set_param(v):
        if case["type"] == "HNSW":
            ix.hnsw.efSearch = v
        else:
            ix.nprobe = v

    def search(q, _threads):
        return ix.search(q, data.k)[1]

    nq = flat_queries if case["type"] == "FLAT" else len(data.queries)
    points = sweep(data, case, set_param, search, nq)
    return result(engine, case, build, data.threads, mem, file_bytes, points)


def build_hnswlib(data, p, threads):
    space = {"L2": "l2", "IP": "ip", "COSINE": "cosine"}[data.metric]
    ix = hnswlib.Index(space=space, dim=data.dim)
    ix.init_index(max_elements=len(data.base), M=int(p["M"]), ef_construction=int(p["efConstruction"]), random_seed=100)
    start = time.perf_counter()
    ix.add_items(data.base, np.arange(len(data.base)), num_threads=threads)
    return ix, time.perf_counter() - start


def run_hnswlib(data, case, build_1t):
    case = dict(case, _engine="hnswlib")
    b1 = 0.0
    if build_1t:
        ix, b1 = build_hnswlib(data, case["params"], 1)
        print(f"hnswlib HNSW one-thread build {b1:.1f}s", flush=True)
        del ix
    mem0 = rss()
    ix, build = build_hnswlib(data, case["params"], data.threads)
    mem = rss() - mem0
    with tempfile.NamedTemporaryFile(suffix=".hnsw") as f:
        ix.save_index(f.name)
        file_bytes = os.path.getsize(f.name)

    def search(q, threads):
        return ix.knn_query(q, k=data.k, num_threads=threads)[0].astype(np.int64)

    points = sweep(data, case, ix.set_ef, search, len(data.queries))
    return result("hnswlib", case, build, data.threads, mem, file_bytes, points, build_1t=b1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--protocol", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--build-1t", default="true")
    args = ap.parse_args()
    with open(args.protocol) as f:
        p = json.load(f)
    data = Data(p)
    data.threads = p["threads"]
    print(f"faiss {faiss.__version__}, hnswlib, {data.base.shape[0]}×{data.dim} {data.metric}, T={data.threads}", flush=True)
    results = []
    for case in p["cases"]:
        if case["type"] == "HNSW":
            results.append(run_hnswlib(data, case, args.build_1t == "true"))
        r = run_faiss(data, case, p["flat_queries"])
        if r is not None:
            results.append(r)
        if case["type"] == "FLAT":
            results.append(run_faiss(data, case, p["flat_queries"], blas=True))
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
