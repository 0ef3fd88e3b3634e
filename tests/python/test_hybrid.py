"""Hybrid search: two ANN searches fused by RRF and by weighted scores,
checked against the fusion computed here with numpy."""

import math

import numpy as np
from pymilvus import AnnSearchRequest, DataType, RRFRanker, WeightedRanker

from helpers import rng

N, DIM = 200, 8


def make_collection(client, name):
    s = client.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("a", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("b", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("tag", DataType.VARCHAR, max_length=8)
    ip = client.prepare_index_params()
    ip.add_index("a", index_type="FLAT", metric_type="L2")
    ip.add_index("b", index_type="FLAT", metric_type="IP")
    client.create_collection(name, schema=s, index_params=ip)
    g = rng(7)
    a = g.random((N, DIM), dtype=np.float32)
    b = g.random((N, DIM), dtype=np.float32)
    client.insert(name, [{"id": i, "a": a[i].tolist(), "b": b[i].tolist(), "tag": "odd" if i % 2 else "even"} for i in range(N)])
    return a, b


def top(scores, k, higher):
    order = np.argsort(-scores if higher else scores, kind="stable")
    return [int(i) for i in order[:k]]


def test_rrf(client, collection_name):
    a, b = make_collection(client, collection_name)
    qa, qb = a[3], b[5]
    la = top(((a - qa) ** 2).sum(1), 10, higher=False)
    lb = [i for i in top(b @ qb, N, higher=True) if i % 2 == 1][:10]
    fused = {}
    for lst in (la, lb):
        for rank, i in enumerate(lst):
            fused[i] = fused.get(i, 0.0) + 1 / (60 + rank + 1)
    res = client.hybrid_search(collection_name, [
        AnnSearchRequest([qa.tolist()], "a", {"metric_type": "L2"}, limit=10),
        AnnSearchRequest([qb.tolist()], "b", {"metric_type": "IP"}, limit=10, expr='tag == "odd"'),
    ], RRFRanker(60), limit=5, output_fields=["tag"])
    got = res[0]
    assert len(got) == 5
    best = sorted(fused.values(), reverse=True)[:5]
    for hit, want in zip(got, best):
        assert math.isclose(hit["distance"], want, rel_tol=1e-5)
        assert math.isclose(fused[hit["id"]], hit["distance"], rel_tol=1e-5)
        assert hit["entity"]["tag"] in ("odd", "even")


def test_weighted(client, collection_name):
    a, b = make_collection(client, collection_name)
    qa, qb = a[11], b[11]
    la = top(((a - qa) ** 2).sum(1), 10, higher=False)
    lb = top(b @ qb, 10, higher=True)
    fused = {}
    for i in la:
        fused[i] = fused.get(i, 0.0) + 0.8 * (1 - 2 * math.atan(float(((a[i] - qa) ** 2).sum())) / math.pi)
    for i in lb:
        fused[i] = fused.get(i, 0.0) + 0.2 * (0.5 + math.atan(float(b[i] @ qb)) / math.pi)
    res = client.hybrid_search(collection_name, [
        AnnSearchRequest([qa.tolist()], "a", {"metric_type": "L2"}, limit=10),
        AnnSearchRequest([qb.tolist()], "b", {"metric_type": "IP"}, limit=10),
    ], WeightedRanker(0.8, 0.2), limit=3)
    best = sorted(fused.items(), key=lambda kv: -kv[1])[:3]
    assert [h["id"] for h in res[0]] == [i for i, _ in best]
    for hit, (_, want) in zip(res[0], best):
        assert math.isclose(hit["distance"], want, rel_tol=1e-4)
