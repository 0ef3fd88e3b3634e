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

    c.add_collection_field(name, "level", DataType.INT32, nullable=True, default_value=3)
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
