"""add_collection_field through pymilvus: nullable fields added to a collection
with sealed and growing rows read as their default (or null) in the earlier
rows, keep the values written afterwards, and survive SIGTERM and kill -9.
Also describe_index / describe_collection shapes pymilvus reads back."""

import numpy as np
import pytest
from pymilvus import DataType, MilvusClient, MilvusException

from helpers import rng

DIM = 8


def make(client, name):
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=True)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=DIM)
    ip = client.prepare_index_params()
    ip.add_index("v", index_type="HNSW", metric_type="L2", params={"M": 8, "efConstruction": 64})
    client.create_collection(name, schema=s, index_params=ip)


def rows(g, ids, **extra):
    return [{"id": i, "v": g.random(DIM).astype(np.float32).tolist(), **{k: f(i) for k, f in extra.items()}} for i in ids]


def count(c, name, flt):
    return c.query(name, filter=flt, output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]


@pytest.mark.parametrize("kill", [False, True], ids=["sigterm", "kill9"])
def test_add_field_old_rows_read_default_and_survive_restart(kite_factory, kill):
    srv = kite_factory()
    c = MilvusClient(uri=srv.uri)
    name = "added"
    g = rng(3)
    make(c, name)
    c.insert(name, rows(g, range(0, 100)))
    c.flush(name)
    c.insert(name, rows(g, range(100, 150)))

    c.add_collection_field(name, "level", DataType.INT32, nullable=True, default_value=np.int32(3))  # a plain int is sent as Int64, which Milvus refuses for INT32
    c.add_collection_field(name, "label", DataType.VARCHAR, max_length=20, nullable=True)
    desc = c.describe_collection(name)
    names = [f["name"] for f in desc["fields"]]
    assert names[-2:] == ["level", "label"], names

    c.insert(name, rows(g, range(150, 170), level=lambda i: 100 + i, label=lambda i: f"l{i}"))

    def check():
        assert count(c, name, "level == 3") == 150
        assert count(c, name, "level >= 250") == 20
        assert count(c, name, "label is null") == 150
        got = {r["id"]: (r["level"], r["label"]) for r in c.query(name, filter="id in [7, 120, 160]",
                                                                    output_fields=["level", "label"], consistency_level="Strong")}
        assert got == {7: (3, None), 120: (3, None), 160: (260, "l160")}

    check()
    srv.restart(kill=kill)
    c = MilvusClient(uri=srv.uri)
    c.load_collection(name)
    check()


def test_add_field_refused(client, collection_name):
    make(client, collection_name)
    with pytest.raises(MilvusException, match="added field must be nullable"):
        client.add_collection_field(collection_name, "x", DataType.INT64)
    with pytest.raises(MilvusException, match="duplicate field name: id"):
        client.add_collection_field(collection_name, "id", DataType.INT64, nullable=True)


def test_describe_shapes(client, collection_name):
    make(client, collection_name)
    idx = client.describe_index(collection_name, "v")
    assert idx["index_type"] == "HNSW" and idx["metric_type"] == "L2"
    assert str(idx["M"]) == "8" and str(idx["efConstruction"]) == "64", idx
    client.create_partition(collection_name, "p1")
    assert client.describe_collection(collection_name)["num_partitions"] == 2


def rest(uri, path, body):
    import json
    import urllib.request
    req = urllib.request.Request(f"{uri}/v2/vectordb/{path}", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def test_partial_update_pymilvus_and_rest(client, uri, collection_name):
    """upsert(partial_update=True) keeps the fields a row leaves out; REST's
    partialUpdate and fieldOps do the same."""
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=True)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("n", DataType.INT64, nullable=True)
    s.add_field("tags", DataType.ARRAY, element_type=DataType.INT64, max_capacity=8)
    ip = client.prepare_index_params()
    ip.add_index("v", index_type="FLAT", metric_type="L2")
    client.create_collection(collection_name, schema=s, index_params=ip)
    g = rng(5)
    client.insert(collection_name, rows(g, range(3), n=lambda i: i, tags=lambda i: [i], color=lambda i: f"c{i}"))

    client.upsert(collection_name, [{"id": 0, "n": 100}], partial_update=True)
    client.upsert(collection_name, [{"id": 1, "shape": "sq"}], partial_update=True)
    out = rest(uri, "entities/upsert", {"collectionName": collection_name, "data": [{"id": 2, "tags": [7, 8]}],
                                        "fieldOps": [{"fieldName": "tags", "op": "ARRAY_APPEND"}]})
    assert out["code"] == 0, out
    got = {r["id"]: r for r in client.query(collection_name, filter="id >= 0", output_fields=["*"], consistency_level="Strong")}
    assert got[0]["n"] == 100 and got[0]["tags"] == [0] and got[0]["color"] == "c0"
    assert got[1]["n"] == 1 and got[1]["color"] == "c1" and got[1]["shape"] == "sq"
    assert got[2]["n"] == 2 and got[2]["tags"] == [2, 7, 8]
    assert len(got[0]["v"]) == DIM
