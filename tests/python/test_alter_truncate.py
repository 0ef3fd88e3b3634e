"""alter_index_properties / drop_index_properties, alter_collection_field and
truncate_collection through pymilvus, and their REST routes."""

import numpy as np
import pytest
from pymilvus import DataType, MilvusClient, MilvusException

from helpers import rng
from test_add_field import rest

DIM = 8


def make(client, name):
    s = MilvusClient.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("s", DataType.VARCHAR, max_length=8)
    ip = client.prepare_index_params()
    ip.add_index("v", index_name="v_ix", index_type="HNSW", metric_type="L2", params={"M": 8, "efConstruction": 64})
    client.create_collection(name, schema=s, index_params=ip)


def fill(client, name, ids):
    g = rng(1)
    client.insert(name, [{"id": i, "v": g.random(DIM).astype(np.float32).tolist(), "s": "x" * 8} for i in ids])


def test_alter_index_properties(client, collection_name):
    make(client, collection_name)
    with pytest.raises(MilvusException, match="can't alter index on loaded collection"):
        client.alter_index_properties(collection_name, "v_ix", properties={"mmap.enabled": True})
    client.release_collection(collection_name)
    with pytest.raises(MilvusException, match="M is not a configable index property"):
        client.alter_index_properties(collection_name, "v_ix", properties={"M": 4})
    client.alter_index_properties(collection_name, "v_ix", properties={"mmap.enabled": True})
    d = client.describe_index(collection_name, "v_ix")
    assert d["mmap.enabled"] == "True" and str(d["M"]) == "8", d
    client.drop_index_properties(collection_name, "v_ix", property_keys=["mmap.enabled"])
    assert "mmap.enabled" not in client.describe_index(collection_name, "v_ix")


def test_alter_collection_field(client, collection_name):
    make(client, collection_name)
    fill(client, collection_name, range(3))
    with pytest.raises(MilvusException):
        client.insert(collection_name, [{"id": 9, "v": [0.0] * DIM, "s": "y" * 12}])
    client.alter_collection_field(collection_name, "s", field_params={"max_length": 16})
    client.insert(collection_name, [{"id": 9, "v": [0.0] * DIM, "s": "y" * 12}])
    fields = {f["name"]: f for f in client.describe_collection(collection_name)["fields"]}
    assert fields["s"]["params"]["max_length"] == 16
    with pytest.raises(MilvusException, match="can not modify the maxlength for non-string types"):
        client.alter_collection_field(collection_name, "id", field_params={"max_length": 16})


def test_truncate_keeps_collection(client, uri, collection_name):
    make(client, collection_name)
    client.create_alias(collection_name, collection_name + "_a")
    fill(client, collection_name, range(50))
    client.flush(collection_name)
    fill(client, collection_name, range(50, 60))
    client.truncate_collection(collection_name)
    count = lambda n: client.query(n, filter="", output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]
    assert count(collection_name) == 0
    assert count(collection_name + "_a") == 0  # the alias follows
    assert client.describe_index(collection_name, "v_ix")["index_type"] == "HNSW"
    fill(client, collection_name, range(5))
    assert count(collection_name) == 5
    out = rest(uri, "collections/truncate", {"collectionName": collection_name})
    assert out["code"] == 0, out
    assert count(collection_name) == 0


def test_rest_compact_and_advanced_search(client, uri, collection_name):
    make(client, collection_name)
    fill(client, collection_name, range(20))
    out = rest(uri, "collections/compact", {"collectionName": collection_name})
    assert out["code"] == 0 and "compactionID" in out["data"], out
    st = rest(uri, "collections/get_compaction_state", {"jobID": out["data"]["compactionID"]})
    assert st["code"] == 0 and st["data"]["state"] in ("Executing", "Completed"), st
    q = [0.1] * DIM
    hs = rest(uri, "entities/advanced_search", {"collectionName": collection_name, "limit": 3,
              "search": [{"data": [q], "annsField": "v", "limit": 3}], "rerank": {"strategy": "rrf", "params": {"k": 60}}})
    assert hs["code"] == 0 and len(hs["data"]) == 3, hs


def test_rest_schema_and_index_routes(client, uri, collection_name):
    """collections/fields/add, collections/fields/alter_properties,
    indexes/alter_properties and indexes/drop_properties over REST, read back
    through pymilvus."""
    make(client, collection_name)
    fill(client, collection_name, range(3))
    body = {"collectionName": collection_name}
    out = rest(uri, "collections/fields/add", {**body, "schema": {"fieldName": "note", "dataType": "VarChar",
                                                                  "nullable": True, "elementTypeParams": {"max_length": 4}}})
    assert out["code"] == 0, out
    out = rest(uri, "collections/fields/add", {**body, "schema": {"fieldName": "n", "dataType": "Int64"}})
    assert out["code"] == 1100 and "added field must be nullable" in out["message"], out
    out = rest(uri, "collections/fields/alter_properties", {**body, "fieldName": "note", "fieldParams": {"max_length": 32}})
    assert out["code"] == 0, out
    fields = {f["name"]: f for f in client.describe_collection(collection_name)["fields"]}
    assert fields["note"]["params"]["max_length"] == 32 and fields["note"]["nullable"]
    got = client.query(collection_name, filter="id in [0, 1, 2]", output_fields=["note"], consistency_level="Strong")
    assert [r["note"] for r in got] == [None, None, None]

    client.release_collection(collection_name)
    out = rest(uri, "indexes/alter_properties", {**body, "indexName": "v_ix", "properties": {"mmap.enabled": True}})
    assert out["code"] == 0, out
    assert client.describe_index(collection_name, "v_ix")["mmap.enabled"] == "true"  # REST renders JSON true as Go does
    out = rest(uri, "indexes/drop_properties", {**body, "indexName": "v_ix", "propertyKeys": ["mmap.enabled"]})
    assert out["code"] == 0, out
    assert "mmap.enabled" not in client.describe_index(collection_name, "v_ix")
    out = rest(uri, "indexes/alter_properties", {**body, "indexName": "v_ix", "properties": {"M": 4}})
    assert out["code"] == 1100 and "M is not a configable index property" in out["message"], out
