"""Error cases answer with Milvus's codes and messages, and leave the server
healthy. Codes are Milvus's (pkg/util/merr): 100 collection not found, 101
collection not loaded, 1100 invalid parameter, 1600-1602 alias errors."""

import contextlib

import numpy as np
import pytest
from pymilvus import DataType, MilvusClient
from pymilvus.exceptions import MilvusException

from helpers import assert_healthy, rng

DIM = 8


@pytest.fixture(autouse=True)
def server_still_healthy(kite):
    yield
    assert_healthy(kite)


@contextlib.contextmanager
def expect(code, *substrs):
    """A MilvusException with code (or one of a tuple of codes) and every substring."""
    with pytest.raises(MilvusException) as ei:
        yield ei
    e = ei.value
    codes = code if isinstance(code, tuple) else (code,)
    assert e.code in codes, f"code {e.code}, want {code}: {e.message}"
    for s in substrs:
        assert s in e.message, f"{s!r} not in {e.message!r}"


def vec(n=1, dim=DIM, seed=0):
    return rng(seed).uniform(-1, 1, (n, dim)).astype(np.float32).tolist()


@pytest.fixture
def quick(client, collection_name):
    client.create_collection(collection_name, dimension=DIM)
    client.insert(collection_name, [{"id": i, "vector": v} for i, v in enumerate(vec(10))])
    return collection_name


@pytest.fixture
def strict(client, collection_name):
    """A collection without dynamic field, a VarChar(8) and a vector of DIM."""
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("s", DataType.VARCHAR, max_length=8)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=DIM)
    ip = client.prepare_index_params()
    ip.add_index("v", index_type="FLAT", metric_type="L2")
    client.create_collection(collection_name, schema=s, index_params=ip)
    return collection_name


def test_collection_not_found(client):
    # Milvus words it "can't find collection[...]" for DescribeCollection,
    # which pymilvus calls first for inserts, and "collection not found[...]" elsewhere.
    name = "no_such_collection_xyz"
    with expect(100, "can't find collection[database=default][collection=" + name):
        client.describe_collection(name)
    for call in (lambda: client.search(name, data=vec(), limit=3), lambda: client.query(name, filter="id > 0"),
                 lambda: client.insert(name, [{"id": 1, "vector": vec()[0]}]), lambda: client.delete(name, ids=[1]),
                 lambda: client.load_collection(name)):
        with pytest.raises(MilvusException) as ei:
            call()
        assert ei.value.code == 100 and name in ei.value.message
        assert "collection not found[database=default]" in ei.value.message or "can't find collection" in ei.value.message
    assert client.has_collection(name) is False
    client.drop_collection(name)  # dropping a missing collection succeeds, as in Milvus


def test_search_and_query_on_released_collection(client, quick):
    client.release_collection(quick)
    with expect(101, "collection not loaded", quick):
        client.search(quick, data=vec(), limit=3)
    with expect(101, "collection not loaded", quick):
        client.query(quick, filter="id >= 0")
    with expect(101, "collection not loaded"):
        client.get(quick, ids=[1])
    # Writes do not need the collection loaded.
    assert client.insert(quick, [{"id": 99, "vector": vec()[0]}])["insert_count"] == 1
    client.load_collection(quick)
    assert client.query(quick, filter="", output_fields=["count(*)"])[0]["count(*)"] == 11


def test_wrong_dimension(client, quick):
    with expect(1100, "dim", "4", str(DIM)):
        client.insert(quick, [{"id": 1, "vector": [0.1, 0.2, 0.3, 0.4]}])
    with expect(1100, "dimension mismatch"):
        client.search(quick, data=[[0.1, 0.2, 0.3, 0.4]], limit=3)
    # Nothing was written.
    assert client.query(quick, filter="", output_fields=["count(*)"])[0]["count(*)"] == 10


def test_varchar_over_max_length(client, strict):
    with expect(1100, "exceeds max length", "max length: 8"):
        client.insert(strict, [{"id": 1, "s": "123456789", "v": vec()[0]}])
    # Milvus counts max_length in UTF-8 bytes: 4 two-byte characters fit, 5 do not.
    assert client.insert(strict, [{"id": 2, "s": "éééé", "v": vec()[0]}])["insert_count"] == 1
    with expect(1100, "length of varchar field s exceeds max length, row number: 0, length: 10, max length: 8"):
        client.insert(strict, [{"id": 3, "s": "ééééé", "v": vec()[0]}])
    assert client.query(strict, filter="", output_fields=["count(*)"])[0]["count(*)"] == 1


def test_unknown_field_without_dynamic_field(client, strict):
    # pymilvus itself refuses the row (code 1) before it reaches the server;
    # either way the message names the field.
    with expect((1, 1100), "unexpected field", "color"):
        client.insert(strict, [{"id": 1, "s": "a", "v": vec()[0], "color": "red"}])
    with expect((1100, 1700), "nope"):
        client.query(strict, filter="id >= 0", output_fields=["nope"])
    with expect(1100, "nope"):
        client.query(strict, filter="nope > 1")


@pytest.mark.parametrize("bad,msg", [
    ("1abc", "the first character of a collection name must be an underscore or letter"),
    ("a-b", "collection name can only contain numbers, letters and underscores"),
    ("has space", "collection name can only contain numbers, letters and underscores"),
    ("x" * 256, "the length of a collection name must be less than 255 characters"),
])
def test_invalid_collection_names(client, bad, msg):
    with expect(1100, msg):
        client.create_collection(bad, dimension=DIM)
    assert bad not in client.list_collections()


def test_duplicate_primary_keys_in_one_upsert(client, quick):
    rows = [{"id": 1, "vector": vec()[0]}, {"id": 2, "vector": vec()[0]}, {"id": 1, "vector": vec()[0]}]
    with expect(1100, "duplicate primary keys are not allowed in the same batch"):
        client.upsert(quick, rows)
    # Insert does not check primary-key uniqueness (Milvus keeps both copies).
    assert client.insert(quick, rows)["insert_count"] == 3


def test_drop_collection_with_aliases(client, quick):
    alias = quick + "_al"
    client.create_alias(quick, alias)
    try:
        with expect(1100, "unable to drop the collection", alias, "remove all aliases"):
            client.drop_collection(quick)
        assert client.has_collection(quick)
        with expect(1100, "cannot drop the collection via alias"):
            client.drop_collection(alias)
    finally:
        client.drop_alias(alias)
    client.drop_collection(quick)
    assert not client.has_collection(quick)


def test_limit_over_16384(client, quick):
    with expect(1100, "topk", "16385", "16384"):
        client.search(quick, data=vec(), limit=16385)
    with expect(1100, "16384"):
        client.search(quick, data=vec(), limit=16000, offset=1000)
    assert len(client.search(quick, data=vec(), limit=16384)[0]) == 10


def test_bad_filter_and_metric(client, quick):
    with expect(1100, "cannot parse expression"):
        client.query(quick, filter="id >>> 1")
    with expect(1100, "metric type not match"):
        client.search(quick, data=vec(), limit=3, search_params={"metric_type": "L2"})


def test_create_existing_collection_with_other_schema(client, quick):
    with expect(1100, "create duplicate collection with different parameters", quick):
        client.create_collection(quick, dimension=DIM * 2)
    client.create_collection(quick, dimension=DIM)  # the same parameters again: success, as in Milvus
