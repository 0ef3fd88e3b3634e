"""The Milvus quick start (milvus.io/docs/quickstart.md), as written in the
Milvus docs, against Kite, with every result checked exactly.

The docs' flow: create_collection(name, dimension=768) -> insert a list of dicts
carrying an extra dynamic key "subject" -> search with output_fields -> insert
more rows of another subject -> search with a filter -> query by filter ->
get by ids -> delete by ids and by filter -> drop. The docs use random vectors
from an embedding model; here they come from a seeded numpy generator so the
expected neighbours are computed with numpy (COSINE).

This file only uses MilvusClient calls that exist unchanged in pymilvus 2.6 and
3.x so that quickstart_v3.sh can run it with the newer client too."""

import numpy as np
import pytest

from helpers import assert_same_hits, brute_force, hits, rng

DIM = 768  # the quick start's dimension

HISTORY = [
    "Artificial intelligence was founded as an academic discipline in 1956.",
    "Alan Turing was the first person to conduct substantial research in AI.",
    "Born in Maida Vale, London, Turing was raised in southern England.",
]
BIOLOGY = [
    "Machine learning has been used for drug design.",
    "Computational synthesis with AI algorithms predicts molecular properties.",
    "DDR1 is involved in cancers and fibrosis.",
]


def vectors(n, seed, dim=DIM):
    return rng(seed).uniform(-1, 1, size=(n, dim)).astype(np.float32)


def close_vec(got, want):
    return np.allclose(np.asarray(got, dtype=np.float32), want, rtol=0, atol=0)


def test_quickstart_as_documented(client, collection_name):
    name = collection_name
    if client.has_collection(collection_name=name):
        client.drop_collection(collection_name=name)
    client.create_collection(collection_name=name, dimension=DIM)
    assert client.has_collection(collection_name=name)
    assert name in client.list_collections()

    # The quick-setup schema: id Int64 PK (no auto_id), vector FloatVector(768),
    # dynamic field on, AUTOINDEX COSINE, loaded.
    desc = client.describe_collection(collection_name=name)
    fields = {f["name"]: f for f in desc["fields"]}
    assert set(fields) == {"id", "vector"}
    assert fields["id"]["is_primary"] and fields["id"]["type"].name == "INT64"
    assert fields["vector"]["type"].name == "FLOAT_VECTOR" and fields["vector"]["params"]["dim"] == DIM
    assert desc["enable_dynamic_field"] is True
    assert desc["auto_id"] is False
    idx = client.describe_index(collection_name=name, index_name=client.list_indexes(collection_name=name)[0])
    assert idx["metric_type"] == "COSINE" and idx["field_name"] == "vector"
    assert client.get_load_state(collection_name=name)["state"].name == "Loaded"

    hv = vectors(len(HISTORY), 1)
    data = [{"id": i, "vector": hv[i].tolist(), "text": HISTORY[i], "subject": "history"} for i in range(len(HISTORY))]
    res = client.insert(collection_name=name, data=data)
    assert res["insert_count"] == 3
    assert list(res["ids"]) == [0, 1, 2]

    q = vectors(1, 100)
    res = client.search(collection_name=name, data=[q[0].tolist()], limit=2, output_fields=["text", "subject"])
    assert len(res) == 1 and len(res[0]) == 2
    assert_same_hits(hits(res), brute_force(hv, [0, 1, 2], q, "COSINE", None), k=2)
    for h in res[0]:
        assert h["entity"] == {"text": HISTORY[h["id"]], "subject": "history"}

    bv = vectors(len(BIOLOGY), 2)
    data = [{"id": 3 + i, "vector": bv[i].tolist(), "text": BIOLOGY[i], "subject": "biology"} for i in range(len(BIOLOGY))]
    res = client.insert(collection_name=name, data=data)
    assert res["insert_count"] == 3 and list(res["ids"]) == [3, 4, 5]

    res = client.search(collection_name=name, data=[q[0].tolist()], filter="subject == 'biology'", limit=2,
                        output_fields=["text", "subject"])
    assert_same_hits(hits(res), brute_force(bv, [3, 4, 5], q, "COSINE", None), k=2)
    for h in res[0]:
        assert h["entity"] == {"text": BIOLOGY[h["id"] - 3], "subject": "biology"}

    res = client.query(collection_name=name, filter="subject == 'history'", output_fields=["text", "subject"])
    assert sorted((r["id"], r["text"], r["subject"]) for r in res) == [(i, HISTORY[i], "history") for i in range(3)]
    for r in res:
        assert set(r) == {"id", "text", "subject"}

    res = client.query(collection_name=name, ids=[0, 2], output_fields=["vector", "text", "subject"])
    assert sorted(r["id"] for r in res) == [0, 2]
    for r in res:
        assert r["text"] == HISTORY[r["id"]] and r["subject"] == "history"
        assert close_vec(r["vector"], hv[r["id"]])

    res = client.delete(collection_name=name, ids=[0, 2])
    assert res["delete_count"] == 2
    res = client.delete(collection_name=name, filter="subject == 'biology'")
    assert res["delete_count"] == 3
    left = client.query(collection_name=name, filter="", output_fields=["count(*)"])
    assert left[0]["count(*)"] == 1
    assert [r["id"] for r in client.query(collection_name=name, filter="id >= 0")] == [1]

    client.drop_collection(collection_name=name)
    assert not client.has_collection(collection_name=name)


N = 600
SUBJECTS = ["history", "biology", "physics"]


@pytest.fixture
def filled(client, collection_name):
    """The quick-start collection with N rows: dynamic keys subject (str),
    rank (int) and tags (list)."""
    dim = 64
    client.create_collection(collection_name=collection_name, dimension=dim)
    base = vectors(N, 7, dim)
    rows = [{"id": i, "vector": base[i].tolist(), "text": f"doc {i}", "subject": SUBJECTS[i % 3], "rank": i % 10,
             "tags": [i % 2, i % 5]} for i in range(N)]
    for start in range(0, N, 250):  # several insert calls, as a loader would
        res = client.insert(collection_name=collection_name, data=rows[start:start + 250])
        assert res["insert_count"] == len(rows[start:start + 250])
    return collection_name, base, rows


def test_search_matches_brute_force_cosine(client, filled):
    name, base, rows = filled
    ids = np.arange(N)
    queries = vectors(5, 8, base.shape[1])
    for k in (1, 10, 100):
        res = client.search(collection_name=name, data=queries.tolist(), limit=k)
        assert len(res) == 5
        assert_same_hits(hits(res), brute_force(base, ids, queries, "COSINE", None), k=k)

    # Filter on a dynamic key, explicit search params, output of dynamic keys.
    mask = np.array([r["subject"] == "physics" and r["rank"] < 5 for r in rows])
    res = client.search(collection_name=name, data=queries.tolist(), limit=20,
                        filter='subject == "physics" and rank < 5', output_fields=["subject", "rank", "text"],
                        search_params={"metric_type": "COSINE", "params": {}})
    assert_same_hits(hits(res), brute_force(base[mask], ids[mask], queries, "COSINE", None), k=20)
    for q in res:
        for h in q:
            r = rows[h["id"]]
            assert h["entity"] == {"subject": r["subject"], "rank": r["rank"], "text": r["text"]}

    # Offset pages through the same ranking.
    full = brute_force(base, ids, queries[:1], "COSINE", None)
    res = client.search(collection_name=name, data=queries[:1].tolist(), limit=5, offset=10)
    assert [h["id"] for h in res[0]] == [x[0] for x in full[0][10:15]]


def test_query_filters_and_limits(client, filled):
    name, base, rows = filled
    res = client.query(collection_name=name, filter='subject in ["history", "biology"] and rank >= 8',
                       output_fields=["subject", "rank"])
    want = sorted(r["id"] for r in rows if r["subject"] in ("history", "biology") and r["rank"] >= 8)
    assert sorted(r["id"] for r in res) == want
    for r in res:
        assert r["subject"] == rows[r["id"]]["subject"] and r["rank"] == rows[r["id"]]["rank"]

    res = client.query(collection_name=name, filter="id < 100", output_fields=["tags"], limit=7)
    assert len(res) == 7
    for r in res:
        assert r["id"] < 100 and r["tags"] == rows[r["id"]]["tags"]

    res = client.query(collection_name=name, filter='array_contains(tags, 4)', output_fields=["tags"])
    assert sorted(r["id"] for r in res) == [i for i in range(N) if 4 in rows[i]["tags"]]

    assert client.query(collection_name=name, filter="", output_fields=["count(*)"])[0]["count(*)"] == N
    assert client.query(collection_name=name, filter='subject == "physics"',
                        output_fields=["count(*)"])[0]["count(*)"] == N // 3


def test_get_upsert_delete(client, filled):
    name, base, rows = filled
    got = client.get(collection_name=name, ids=[5, 17, 599, 12345], output_fields=["vector", "text", "subject"])
    assert sorted(r["id"] for r in got) == [5, 17, 599]
    for r in got:
        assert r["text"] == rows[r["id"]]["text"] and r["subject"] == rows[r["id"]]["subject"]
        assert close_vec(r["vector"], base[r["id"]])

    # Upsert replaces existing rows (vector and dynamic keys) and adds new ones.
    newv = vectors(3, 9, base.shape[1])
    res = client.upsert(collection_name=name, data=[
        {"id": 5, "vector": newv[0].tolist(), "text": "five again", "subject": "chemistry"},
        {"id": 17, "vector": newv[1].tolist(), "text": "seventeen again"},
        {"id": 1000, "vector": newv[2].tolist(), "text": "new", "subject": "history"},
    ])
    assert res["upsert_count"] == 3
    assert client.query(collection_name=name, filter="", output_fields=["count(*)"])[0]["count(*)"] == N + 1
    got = {r["id"]: r for r in client.get(collection_name=name, ids=[5, 17, 1000], output_fields=["*"])}
    assert got[5]["text"] == "five again" and got[5]["subject"] == "chemistry" and "rank" not in got[5]
    assert got[17]["text"] == "seventeen again" and "subject" not in got[17]
    assert got[1000]["subject"] == "history"
    assert close_vec(got[5]["vector"], newv[0]) and close_vec(got[1000]["vector"], newv[2])

    # Searching with the new vector finds the upserted row first, never the old copy.
    res = client.search(collection_name=name, data=[newv[0].tolist()], limit=3, output_fields=["text"])
    assert res[0][0]["id"] == 5 and res[0][0]["entity"]["text"] == "five again"
    assert res[0][0]["distance"] == pytest.approx(1.0, abs=1e-5)
    assert [h["id"] for h in res[0]].count(5) == 1

    res = client.delete(collection_name=name, ids=[1, 2, 3])
    assert res["delete_count"] == 3
    res = client.delete(collection_name=name, filter='subject == "chemistry" or rank == 9')
    deleted = {1, 2, 3, 5} | {r["id"] for r in rows if r["rank"] == 9 and r["id"] not in (1, 2, 3, 5, 17)}
    assert res["delete_count"] == len(deleted - {1, 2, 3})
    assert client.get(collection_name=name, ids=sorted(deleted)) == []
    cnt = client.query(collection_name=name, filter="", output_fields=["count(*)"])[0]["count(*)"]
    assert cnt == N + 1 - len(deleted)

    # Deleted rows never come back in a search.
    live = [i for i in range(N) if i not in deleted]
    res = client.search(collection_name=name, data=[base[2].tolist()], limit=50)
    assert not ({h["id"] for h in res[0]} & deleted)
    live_vecs = np.array([newv[1] if i == 17 else base[i] for i in live] + [newv[2]])
    live_ids = np.array(live + [1000])
    assert_same_hits(hits(res), brute_force(live_vecs, live_ids, base[2:3], "COSINE", None), k=50)
