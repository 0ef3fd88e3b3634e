"""Function-score rerankers through pymilvus: a Function of type RERANK as
`ranker=` on search and hybrid_search (decay, rrf, weighted, boost), hybrid
search grouped by a field, and Milvus's refusals, checked against numpy."""

import math

import numpy as np
import pytest
from pymilvus import AnnSearchRequest, DataType, Function, FunctionScore, FunctionType, MilvusException, RRFRanker

from helpers import rng

N, DIM = 300, 8


def make_collection(client, name):
    s = client.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("a", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("b", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("ts", DataType.INT64)
    s.add_field("tag", DataType.VARCHAR, max_length=8)
    s.add_field("doc", DataType.VARCHAR, max_length=32)
    ip = client.prepare_index_params()
    ip.add_index("a", index_type="FLAT", metric_type="L2")
    ip.add_index("b", index_type="FLAT", metric_type="IP")
    client.create_collection(name, schema=s, index_params=ip)
    g = rng(31)
    a = g.random((N, DIM), dtype=np.float32)
    b = g.random((N, DIM), dtype=np.float32)
    ts = 1000 + 10 * np.arange(N)
    client.insert(name, [{"id": i, "a": a[i].tolist(), "b": b[i].tolist(), "ts": int(ts[i]),
                          "tag": f"t{i % 4}", "doc": f"doc {i}"} for i in range(N)])
    return a, b, ts


def decay_ranker(function="gauss", origin=2000, scale=300, **extra):
    params = {"reranker": "decay", "function": function, "origin": origin, "scale": scale, "decay": 0.5, **extra}
    return Function(name="recent", input_field_names=["ts"], function_type=FunctionType.RERANK, params=params)


def gauss(x, origin, scale, decay=0.5):
    d = abs(x - origin)
    return math.exp(d * d * math.log(decay) / (scale * scale))


def ranked(scores):
    """(id, score) best first, ties by id, as Milvus orders reranked hits."""
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def assert_hits(hits, want):
    assert [h["id"] for h in hits] == [i for i, _ in want]
    for h, (_, score) in zip(hits, want):
        assert math.isclose(h["distance"], score, rel_tol=1e-4, abs_tol=1e-6)


def test_search_decay(client, collection_name):
    a, _, ts = make_collection(client, collection_name)
    q = a[42]
    d2 = ((a - q) ** 2).sum(1)
    page = [int(i) for i in np.argsort(d2, kind="stable")[:10]]
    res = client.search(collection_name, [q.tolist()], anns_field="a", limit=10, output_fields=["tag"],
                        ranker=decay_ranker())
    # The page the vector search found, re-scored: similarity times decay.
    want = ranked({i: (1 - 2 * math.atan(d2[i]) / math.pi) * gauss(ts[i], 2000, 300) for i in page})
    assert_hits(res[0], want)
    assert set(res[0][0]["entity"]) == {"tag"}


def test_hybrid_decay_and_fusion(client, collection_name):
    a, b, ts = make_collection(client, collection_name)
    qa, qb = a[3], b[9]
    da = ((a - qa) ** 2).sum(1)
    sb = b @ qb
    la = [int(i) for i in np.argsort(da, kind="stable")[:20]]
    lb = [int(i) for i in np.argsort(-sb, kind="stable")[:20]]
    reqs = [AnnSearchRequest([qa.tolist()], "a", {"metric_type": "L2"}, limit=20),
            AnnSearchRequest([qb.tolist()], "b", {"metric_type": "IP"}, limit=20)]

    best = {}
    for i in la:
        best[i] = max(best.get(i, -1.0), 1 - 2 * math.atan(da[i]) / math.pi)
    for i in lb:
        best[i] = max(best.get(i, -1.0), float(sb[i]))
    res = client.hybrid_search(collection_name, reqs, decay_ranker(), limit=8)
    assert_hits(res[0], ranked({i: v * gauss(ts[i], 2000, 300) for i, v in best.items()})[:8])

    rrf = Function(name="rrf", input_field_names=[], function_type=FunctionType.RERANK, params={"reranker": "rrf", "k": 30})
    fused = {}
    for lst in (la, lb):
        for rank, i in enumerate(lst):
            fused[i] = fused.get(i, 0.0) + 1 / (30 + rank + 1)
    assert_hits(client.hybrid_search(collection_name, reqs, rrf, limit=8)[0], ranked(fused)[:8])

    weighted = Function(name="w", input_field_names=[], function_type=FunctionType.RERANK,
                        params={"reranker": "weighted", "weights": [0.6, 0.4], "norm_score": True})
    fused = {}
    for i in la:
        fused[i] = fused.get(i, 0.0) + 0.6 * (1 - 2 * math.atan(da[i]) / math.pi)
    for i in lb:
        fused[i] = fused.get(i, 0.0) + 0.4 * (0.5 + math.atan(sb[i]) / math.pi)
    assert_hits(client.hybrid_search(collection_name, reqs, weighted, limit=8)[0], ranked(fused)[:8])


def test_hybrid_group_by(client, collection_name):
    a, b, _ = make_collection(client, collection_name)
    reqs = [AnnSearchRequest([a[1].tolist()], "a", {"metric_type": "L2"}, limit=10),
            AnnSearchRequest([b[2].tolist()], "b", {"metric_type": "IP"}, limit=10)]
    res = client.hybrid_search(collection_name, reqs, RRFRanker(), limit=2, group_by_field="tag", group_size=3,
                               output_fields=["tag"])
    tags = [h["entity"]["tag"] for h in res[0]]
    assert len(set(tags)) == 2 and all(tags.count(t) <= 3 for t in tags)
    assert tags == sorted(tags, key=tags.index)  # each group's hits together
    scores = [h["distance"] for h in res[0]]
    first = [scores[tags.index(t)] for t in dict.fromkeys(tags)]
    assert first == sorted(first, reverse=True)  # groups by their best hit


@pytest.mark.parametrize("params,message", [
    ({"reranker": "decay", "function": "gauss", "scale": 10}, "decay function lost param: origin"),
    ({"reranker": "decay", "function": "gauss", "origin": 0, "scale": -1}, "scale must > 0"),
    ({"reranker": "decay", "function": "cubic", "origin": 0, "scale": 1}, "invalid decay function"),
    ({"reranker": "decay", "function": "gauss", "origin": 0, "scale": 1, "decay": 1.5}, "decay must 0 < decay < 1"),
    ({"reranker": "best"}, "unsupported rerank function"),
])
def test_decay_refused(client, collection_name, params, message):
    a, _, _ = make_collection(client, collection_name)
    fn = Function(name="f", input_field_names=["ts"], function_type=FunctionType.RERANK, params=params)
    with pytest.raises(MilvusException, match=message):
        client.search(collection_name, [a[0].tolist()], anns_field="a", limit=3, ranker=fn)


def test_model_unreachable(client, collection_name):
    a, _, _ = make_collection(client, collection_name)
    fn = Function(name="m", input_field_names=["doc"], function_type=FunctionType.RERANK,
                  params={"reranker": "model", "provider": "tei", "queries": ["doc 1"], "endpoint": "http://127.0.0.1:1"})
    with pytest.raises(MilvusException, match="call service failed"):
        client.search(collection_name, [a[0].tolist()], anns_field="a", limit=3, ranker=fn)
    fn = Function(name="m", input_field_names=["doc"], function_type=FunctionType.RERANK,
                  params={"reranker": "model", "provider": "tei", "endpoint": "http://127.0.0.1:1"})
    with pytest.raises(MilvusException, match="rerank function lost params queries"):
        client.search(collection_name, [a[0].tolist()], anns_field="a", limit=3, ranker=fn)


def test_boost(client, collection_name):
    """Boost functions re-score the hits their filter matches; the data is
    one growing segment, so the boost applies to the collection's top k."""
    _, b, _ = make_collection(client, collection_name)
    q = b[17]
    sb = b @ q
    top = [int(i) for i in np.argsort(-sb, kind="stable")[:10]]
    t0 = Function(name="t0", input_field_names=[], function_type=FunctionType.RERANK,
                  params={"reranker": "boost", "filter": 'tag == "t0"', "weight": 2.5})
    t1 = Function(name="t1", input_field_names=[], function_type=FunctionType.RERANK,
                  params={"reranker": "boost", "filter": 'tag in ["t0", "t1"]', "weight": 0.5})
    res = client.search(collection_name, [q.tolist()], anns_field="b", limit=10, ranker=t0)
    assert_hits(res[0], ranked({i: float(sb[i]) * (2.5 if i % 4 == 0 else 1) for i in top}))
    # Two boosts, their weights summed (function_mode), added to the score
    # (boost_mode).
    res = client.search(collection_name, [q.tolist()], anns_field="b", limit=10,
                        ranker=FunctionScore([t0, t1], params={"boost_mode": "sum", "function_mode": "sum"}))
    extra = {0: 3.0, 1: 0.5}
    assert_hits(res[0], ranked({i: float(sb[i]) + extra.get(i % 4, 0) for i in top}))
