"""Nullable vector fields (Milvus 2.6) through pymilvus and REST.

Rows whose vector is None are stored, counted and queried back as None,
and never found by a search: growing, sealed under HNSW and IVF_FLAT,
after a graceful restart and after kill -9. The field is COSINE, where a
null row's zero vector would score NaN."""

import json
import math
import time
import urllib.request

import numpy as np
import pytest
from pymilvus import DataType, MilvusClient, MilvusException

from helpers import rng

DIM = 8


def schema():
    s = MilvusClient.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("tag", DataType.INT64)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=DIM, nullable=True)
    return s


def index(client, index_type, params):
    ip = client.prepare_index_params()
    ip.add_index("v", index_type=index_type, metric_type="COSINE", params=params)
    return ip


def wait_indexed(client, name):
    for _ in range(300):
        d = client.describe_index(name, "v")
        if d.get("pending_index_rows", 0) == 0 and d.get("indexed_rows", 0) > 0:
            return
        time.sleep(0.1)
    raise AssertionError(f"index on v not built: {d}")


class Model:
    """id -> vector (a list), or None for a null row."""

    def __init__(self):
        self.rows = {}
        self.g = rng(11)

    def insert(self, client, name, ids, omit=False):
        """Every third id is null: None, or the key left out when omit."""
        rows = []
        for i in ids:
            r = {"id": int(i), "tag": int(i % 10)}
            vec = None if i % 3 == 0 else self.g.uniform(-1, 1, DIM).astype(np.float32).tolist()
            if vec is not None or not omit:
                r["v"] = vec
            rows.append(r)
            self.rows[int(i)] = vec
        assert client.insert(name, rows)["insert_count"] == len(rows)

    def valid(self):
        return sorted(i for i, v in self.rows.items() if v is not None)

    def check(self, client, name, label):
        res = client.query(name, filter="", output_fields=["count(*)"])
        assert res[0]["count(*)"] == len(self.rows), label
        self.check_output(client, name, label)
        self.check_searches(client, name, label)

    def check_output(self, client, name, label):
        got = client.query(name, filter="id >= 0", output_fields=["v"], limit=16384)
        assert len(got) == len(self.rows), label
        for r in got:
            want = self.rows[r["id"]]
            if want is None:
                assert r["v"] is None, f"{label}: id {r['id']} should be null, got {r['v']}"
            else:
                assert r["v"] is not None, f"{label}: id {r['id']} lost its vector"
                assert np.allclose(r["v"], want, atol=1e-6), f"{label}: id {r['id']}"

    def check_searches(self, client, name, label):
        valid = self.valid()
        q = valid[len(valid) // 2]
        vec = [self.rows[q]]
        sp = {"metric_type": "COSINE", "params": {"ef": 64, "nprobe": 8}}
        cases = {
            "top-k": dict(limit=50),
            "filtered": dict(limit=50, filter="tag < 5"),
            "range": dict(limit=1000, search_params={"metric_type": "COSINE", "params": {"radius": -1.01, "range_filter": 1.01, "nprobe": 8}}),
            "group-by": dict(limit=5, group_by_field="tag"),
        }
        for case, kw in cases.items():
            kw.setdefault("search_params", sp)
            res = client.search(name, data=vec, anns_field="v", output_fields=["v"], **kw)[0]
            ids = [h["id"] for h in res]
            assert ids, f"{label}: {case} found nothing"
            for h in res:
                assert self.rows[h["id"]] is not None, f"{label}: {case} found null row {h['id']}"
                assert not math.isnan(h["distance"]), f"{label}: {case} scored NaN"
                assert np.allclose(h["entity"]["v"], self.rows[h["id"]], atol=1e-6)
            if case == "top-k":
                assert ids[0] == q, f"{label}: nearest to {q} is {ids[0]}"
            if case == "range":
                assert len(ids) == len(valid), f"{label}: range found {len(ids)} of {len(valid)}"


@pytest.fixture
def srv(kite_factory):
    return kite_factory()


def test_nullable_vectors(srv, collection_name):
    name = collection_name
    c = MilvusClient(uri=srv.uri)
    c.create_collection(name, schema=schema(), index_params=index(c, "HNSW", {"M": 8, "efConstruction": 64}))
    m = Model()
    m.insert(c, name, range(0, 300))
    m.insert(c, name, range(300, 360), omit=True)
    m.check(c, name, "growing")

    c.flush(name)
    wait_indexed(c, name)
    m.check(c, name, "sealed HNSW")

    c.release_collection(name)
    c.drop_index(name, "v")
    c.create_index(name, index(c, "IVF_FLAT", {"nlist": 8}))
    c.load_collection(name)
    m.insert(c, name, range(1000, 1200))
    c.flush(name)
    wait_indexed(c, name)
    m.check(c, name, "sealed IVF_FLAT")

    m.insert(c, name, range(2000, 2060))
    c.close()
    srv.restart()
    c = MilvusClient(uri=srv.uri)
    m.check(c, name, "after restart")

    m.insert(c, name, range(3000, 3060))
    c.close()
    srv.restart(kill=True)
    c = MilvusClient(uri=srv.uri)
    m.check(c, name, "after kill -9")
    c.close()


def test_nullable_vector_schema(client, collection_name):
    client.create_collection(collection_name, schema=schema(), index_params=index(client, "FLAT", {}))
    field = [f for f in client.describe_collection(collection_name)["fields"] if f["name"] == "v"][0]
    assert field.get("nullable") is True
    bad = MilvusClient.create_schema(auto_id=False)
    bad.add_field("id", DataType.INT64, is_primary=True)
    bad.add_field("v", DataType.FLOAT_VECTOR, dim=DIM, nullable=True, default_value=1.0)
    with pytest.raises(MilvusException, match="type not support default_value"):
        client.create_collection(collection_name + "_bad", schema=bad)
    with pytest.raises(MilvusException, match="IsNull/IsNotNull operations are not supported on vector fields"):
        client.query(collection_name, filter="v is null")


def rest(uri, path, body):
    req = urllib.request.Request(uri + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        out = json.loads(r.read())
    assert out.get("code") == 0, out
    return out.get("data")


def test_nullable_vectors_rest(client, uri, collection_name):
    name = collection_name
    client.create_collection(name, schema=schema(), index_params=index(client, "HNSW", {"M": 8, "efConstruction": 64}))
    rows = [{"id": 1, "tag": 1, "v": [0.5] * DIM}, {"id": 2, "tag": 2, "v": None}, {"id": 3, "tag": 3}]
    rest(uri, "/v2/vectordb/entities/insert", {"collectionName": name, "data": rows})
    got = rest(uri, "/v2/vectordb/entities/query", {"collectionName": name, "filter": "id > 0", "outputFields": ["v"]})
    by_id = {r["id"]: r["v"] for r in got}
    assert by_id[2] is None and by_id[3] is None and np.allclose(by_id[1], [0.5] * DIM)
    hits = rest(uri, "/v2/vectordb/entities/search", {"collectionName": name, "data": [[0.5] * DIM], "annsField": "v", "limit": 10})
    assert [h["id"] for h in hits] == [1]
