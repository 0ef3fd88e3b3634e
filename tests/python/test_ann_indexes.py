"""Every ANN index type through pymilvus with Milvus's build and search
parameters, flushed so the index is really built, with a recall floor
against numpy brute force."""

import time

import numpy as np
import pytest
from pymilvus import DataType

from helpers import brute_force, rng

N, DIM, NQ, K = 2000, 32, 10, 10

DENSE = [
    ("FLAT", {}, {}, 1.0),
    ("HNSW", {"M": 16, "efConstruction": 100}, {"ef": 64}, 0.9),
    ("IVF_FLAT", {"nlist": 16}, {"nprobe": 16}, 1.0),
    ("IVF_SQ8", {"nlist": 16}, {"nprobe": 16}, 0.85),
    ("IVF_PQ", {"nlist": 16, "m": 8, "nbits": 8}, {"nprobe": 16}, 0.5),
]


def wait_indexed(client, name, field):
    for _ in range(200):
        d = client.describe_index(name, field)
        if d.get("pending_index_rows", 0) == 0 and d.get("state") == "Finished":
            return
        time.sleep(0.1)
    raise AssertionError(f"index on {field} not built: {d}")


def recall(res, want):
    got = sum(len({h["id"] for h in r} & {i for i, _ in w}) for r, w in zip(res, want))
    return got / sum(len(w) for w in want)


@pytest.mark.parametrize("index_type,build,search,floor", DENSE, ids=[d[0] for d in DENSE])
@pytest.mark.parametrize("metric", ["L2", "IP", "COSINE"])
def test_dense_index(client, collection_name, index_type, build, search, floor, metric):
    s = client.create_schema()
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=DIM)
    ip = client.prepare_index_params()
    ip.add_index("v", index_type=index_type, metric_type=metric, params=build)
    client.create_collection(collection_name, schema=s, index_params=ip)
    base = rng(21).standard_normal((N, DIM)).astype(np.float32)
    client.insert(collection_name, [{"id": i, "v": base[i].tolist()} for i in range(N)])
    client.flush(collection_name)
    wait_indexed(client, collection_name, "v")
    q = rng(22).standard_normal((NQ, DIM)).astype(np.float32)
    res = client.search(collection_name, q.tolist(), limit=K, anns_field="v",
                        search_params={"metric_type": metric, "params": search})
    assert recall(res, brute_force(base, range(N), q, metric, K)) >= floor


def test_bin_ivf_flat(client, collection_name):
    s = client.create_schema()
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("b", DataType.BINARY_VECTOR, dim=64)
    ip = client.prepare_index_params()
    ip.add_index("b", index_type="BIN_IVF_FLAT", metric_type="HAMMING", params={"nlist": 8})
    client.create_collection(collection_name, schema=s, index_params=ip)
    base = rng(23).integers(0, 256, size=(N, 8), dtype=np.uint8)
    client.insert(collection_name, [{"id": i, "b": base[i].tobytes()} for i in range(N)])
    client.flush(collection_name)
    wait_indexed(client, collection_name, "b")
    q = base[:NQ]
    res = client.search(collection_name, [r.tobytes() for r in q], limit=K, anns_field="b",
                        search_params={"metric_type": "HAMMING", "params": {"nprobe": 8}})
    want = brute_force(base, range(N), q, "HAMMING", K)
    for r, w in zip(res, want):  # nprobe = nlist: exact, up to ties at the k-th distance
        assert [h["distance"] for h in r] == [d for _, d in w]


@pytest.mark.parametrize("index_type", ["SPARSE_INVERTED_INDEX", "SPARSE_WAND"])
def test_sparse_index(client, collection_name, index_type):
    s = client.create_schema()
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("sp", DataType.SPARSE_FLOAT_VECTOR)
    ip = client.prepare_index_params()
    ip.add_index("sp", index_type=index_type, metric_type="IP", params={"drop_ratio_build": 0.0})
    client.create_collection(collection_name, schema=s, index_params=ip)
    g = rng(24)
    base = [{int(j): float(g.random()) for j in g.choice(1000, 20, replace=False)} for _ in range(N)]
    client.insert(collection_name, [{"id": i, "sp": base[i]} for i in range(N)])
    client.flush(collection_name)
    wait_indexed(client, collection_name, "sp")
    q = base[:NQ]
    res = client.search(collection_name, q, limit=K, anns_field="sp",
                        search_params={"metric_type": "IP", "params": {"drop_ratio_search": 0.0}})
    for i, r in enumerate(res):
        assert r[0]["id"] == i
