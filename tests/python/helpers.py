"""Shared helpers for the pymilvus suite: deterministic data and brute-force
nearest neighbours computed with numpy."""

import numpy as np
from pymilvus import MilvusClient

SEED = 20240607


def rng(offset: int = 0) -> np.random.Generator:
    return np.random.default_rng(SEED + offset)


def unit_rows(a: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(a, axis=1, keepdims=True)
    n[n == 0] = 1
    return a / n


def brute_force(base: np.ndarray, ids, queries: np.ndarray, metric: str, k: int):
    """Exact top-k as lists of (id, score) per query, ordered the way Milvus
    orders them (L2/HAMMING/JACCARD ascending, IP/COSINE descending; ties by id)."""
    ids = np.asarray(ids)
    metric = metric.upper()
    if metric == "COSINE":
        scores = unit_rows(queries.astype(np.float64)) @ unit_rows(base.astype(np.float64)).T
        desc = True
    elif metric == "IP":
        scores = queries.astype(np.float64) @ base.astype(np.float64).T
        desc = True
    elif metric == "L2":
        # Milvus reports squared L2.
        q = queries.astype(np.float64)
        b = base.astype(np.float64)
        scores = (q * q).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * q @ b.T
        scores = np.maximum(scores, 0)
        desc = False
    elif metric in ("HAMMING", "JACCARD"):
        qb = np.unpackbits(queries.astype(np.uint8), axis=1).astype(bool)
        bb = np.unpackbits(base.astype(np.uint8), axis=1).astype(bool)
        inter = (qb[:, None, :] & bb[None, :, :]).sum(-1)
        union = (qb[:, None, :] | bb[None, :, :]).sum(-1)
        if metric == "HAMMING":
            scores = (qb[:, None, :] ^ bb[None, :, :]).sum(-1).astype(np.float64)
        else:
            scores = np.where(union == 0, 0.0, 1.0 - inter / np.maximum(union, 1))
        desc = False
    else:
        raise ValueError(metric)
    out = []
    for row in scores:
        order = sorted(range(len(row)), key=lambda j: ((-row[j]) if desc else row[j], ids[j]))[:k]
        out.append([(ids[j].item(), float(row[j])) for j in order])
    return out


def sparse_ip(base: list[dict], queries: list[dict], ids, k: int):
    out = []
    for q in queries:
        sc = [sum(v * b.get(i, 0.0) for i, v in q.items()) for b in base]
        order = sorted((j for j in range(len(base)) if sc[j] > 0), key=lambda j: (-sc[j], ids[j]))[:k]
        out.append([(ids[j], sc[j]) for j in order])
    return out


def hits(res, pk="id"):
    """[(id, distance), ...] per query of a MilvusClient.search result; pk
    names the primary key field (hits are keyed by it)."""
    return [[(h[pk], h["distance"]) for h in q] for q in res]


def assert_same_hits(got, want_all, k, rel=1e-4, abs_=1e-4):
    """got: [(id, score), ...] per query as returned by the server.
    want_all: the brute-force ranking of *all* candidate rows per query
    (brute_force(..., k=len(base))). The server's scores must equal the
    exact top-k scores position by position, and each returned id must really
    have the score it is reported with; so rows with equal scores may swap."""
    assert len(got) == len(want_all), (len(got), len(want_all))
    for qi, (g, w) in enumerate(zip(got, want_all)):
        want = w[:k]
        score_of = dict(w)
        assert len(g) == len(want), f"query {qi}: {len(g)} hits, want {len(want)}\n got={g}\nwant={want}"
        assert len({x[0] for x in g}) == len(g), f"query {qi}: duplicate ids {g}"
        for (gid, gs), (wid, ws) in zip(g, want):
            close = lambda a, b: abs(a - b) <= abs_ + rel * abs(b)
            assert close(gs, ws), f"query {qi}: score {gs} != {ws}\n got={g}\nwant={want}"
            assert gid in score_of and close(gs, score_of[gid]), \
                f"query {qi}: id {gid} reported with score {gs}, true score {score_of.get(gid)}\n got={g}\nwant={want}"


def assert_healthy(srv) -> None:
    """The server process runs, answers /healthz and a list_collections call."""
    assert srv.proc is not None and srv.proc.poll() is None, "kite process died"
    assert srv.healthy(), "kite /healthz is not 200"
    c = MilvusClient(uri=srv.uri)
    try:
        c.list_collections()
    finally:
        c.close()


def sealed_and_growing(c: MilvusClient, name: str, schema, rows, n_sealed: int, n_growing: int) -> None:
    """Create a collection whose first n_sealed rows (rows(lo, n)) are flushed and
    the next n_growing are not, with a FLAT index on "vec", and load it: filters
    then meet sealed rows (scalar indexes apply) and growing ones (scanned)."""
    c.create_collection(name, schema=schema)
    c.insert(name, rows(0, n_sealed))
    c.flush(name)
    c.insert(name, rows(n_sealed, n_growing))
    ip = c.prepare_index_params()
    ip.add_index("vec", index_type="FLAT", metric_type="L2")
    c.create_index(name, ip)
    c.load_collection(name)
