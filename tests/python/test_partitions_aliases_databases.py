"""Partitions, aliases and databases through MilvusClient."""

import numpy as np
import pytest
from pymilvus import MilvusClient
from pymilvus.exceptions import MilvusException

from helpers import assert_same_hits, brute_force, hits, rng

DIM = 8


def make_rows(start, n, seed, tag):
    v = rng(seed).uniform(-1, 1, (n, DIM)).astype(np.float32)
    return [{"id": start + i, "vector": v[i].tolist(), "tag": tag} for i in range(n)], v


def count(client, name, **kw):
    return client.query(name, filter="", output_fields=["count(*)"], **kw)[0]["count(*)"]


def raises(code, substr, fn, *a, **kw):
    with pytest.raises(MilvusException) as ei:
        fn(*a, **kw)
    assert ei.value.code == code, (ei.value.code, ei.value.message)
    assert substr in ei.value.message, ei.value.message
    return ei.value


# ---------------------------------------------------------------- partitions

def test_partitions_lifecycle_and_scoped_reads(client, collection_name):
    name = collection_name
    client.create_collection(name, dimension=DIM, metric_type="L2")
    assert client.list_partitions(name) == ["_default"]
    assert client.has_partition(name, "_default")

    client.create_partition(name, "p1")
    client.create_partition(name, "p2")
    assert client.has_partition(name, "p1") and not client.has_partition(name, "nope")
    assert sorted(client.list_partitions(name)) == ["_default", "p1", "p2"]
    client.create_partition(name, "p1")  # creating an existing partition succeeds, as in Milvus
    assert sorted(client.list_partitions(name)) == ["_default", "p1", "p2"]

    r0, v0 = make_rows(0, 40, 1, "default")
    r1, v1 = make_rows(100, 30, 2, "one")
    r2, v2 = make_rows(200, 20, 3, "two")
    client.insert(name, r0)
    client.insert(name, r1, partition_name="p1")
    client.insert(name, r2, partition_name="p2")
    raises(200, "partition not found", client.insert, name, r2[:1], partition_name="p9")

    assert count(client, name) == 90
    assert count(client, name, partition_names=["p1"]) == 30
    assert count(client, name, partition_names=["p1", "p2"]) == 50
    assert client.get_partition_stats(name, "p2")["row_count"] == 20
    assert client.get_collection_stats(name)["row_count"] == 90

    q = rng(9).uniform(-1, 1, (2, DIM)).astype(np.float32)
    res = client.search(name, data=q.tolist(), limit=10, partition_names=["p1"], output_fields=["tag"])
    assert_same_hits(hits(res), brute_force(v1, np.arange(100, 130), q, "L2", None), k=10)
    assert all(h["entity"]["tag"] == "one" for hq in res for h in hq)
    res = client.search(name, data=q.tolist(), limit=10, partition_names=["p1", "_default"])
    assert_same_hits(hits(res), brute_force(np.vstack([v0, v1]), np.r_[0:40, 100:130], q, "L2", None), k=10)
    res = client.query(name, filter="id >= 0", partition_names=["p2"], output_fields=["tag"])
    assert sorted(r["id"] for r in res) == list(range(200, 220))
    assert [(r["id"], r["tag"]) for r in client.get(name, ids=[5, 105, 205], partition_names=["p1"],
                                                       output_fields=["tag"])] == [(105, "one")]
    raises(200, "partition name p9 not found", client.search, name, data=q.tolist(), limit=3, partition_names=["p9"])

    # A delete restricted to a partition leaves the others alone.
    client.delete(name, filter="id >= 0", partition_name="p2")
    assert count(client, name) == 70 and count(client, name, partition_names=["p2"]) == 0

    # Load and release partitions.
    client.release_collection(name)
    assert client.get_load_state(name)["state"].name == "NotLoad"
    raises(101, "collection not loaded", client.search, name, data=q.tolist(), limit=3)
    client.load_partitions(name, ["p1"])
    assert client.get_load_state(name, partition_name="p1")["state"].name == "Loaded"
    assert client.get_load_state(name, partition_name="_default")["state"].name == "NotLoad"
    res = client.search(name, data=q.tolist(), limit=5, partition_names=["p1"])
    assert_same_hits(hits(res), brute_force(v1, np.arange(100, 130), q, "L2", None), k=5)
    # Without partition names, only the loaded partitions are searched.
    res = client.search(name, data=q.tolist(), limit=5)
    assert {h["id"] for hq in res for h in hq} <= set(range(100, 130))
    assert count(client, name) == 30
    e = raises(201, "partition not loaded", client.search, name, data=q.tolist(), limit=3, partition_names=["_default"])
    assert "_default" in e.message

    # A loaded partition cannot be dropped; a released one can, and its rows go.
    raises(1100, "release", client.drop_partition, name, "p1")
    client.release_partitions(name, ["p1"])
    client.drop_partition(name, "p1")
    assert not client.has_partition(name, "p1")
    assert sorted(client.list_partitions(name)) == ["_default", "p2"]
    raises(1100, "default partition cannot be deleted", client.drop_partition, name, "_default")
    client.load_collection(name)
    assert count(client, name) == 40
    assert client.query(name, filter="id >= 100", output_fields=["id"]) == []

    # A new partition of a loaded collection is loaded too.
    client.create_partition(name, "p3")
    client.insert(name, make_rows(300, 5, 4, "three")[0], partition_name="p3")
    assert count(client, name, partition_names=["p3"]) == 5


# ---------------------------------------------------------------- aliases

def test_aliases(client, collection_name):
    a, b = collection_name, collection_name + "_b"
    alias, alias2 = collection_name + "_alias", collection_name + "_alias2"
    client.create_collection(a, dimension=DIM, metric_type="L2")
    client.create_collection(b, dimension=DIM, metric_type="L2")
    try:
        client.create_alias(a, alias)
        client.create_alias(a, alias2)
        d = client.describe_alias(alias)
        assert d["alias"] == alias and d["collection_name"] == a and d["db_name"] == "default"
        la = client.list_aliases(a)
        assert sorted(la["aliases"]) == sorted([alias, alias2]) and la["collection_name"] == a
        assert client.list_aliases(b)["aliases"] == []
        assert {alias, alias2} <= set(client.list_aliases()["aliases"])
        assert client.describe_collection(alias)["collection_name"] == a
        assert alias in client.describe_collection(a)["aliases"]

        # Writes and reads through the alias reach the collection.
        ra, va = make_rows(0, 25, 11, "a")
        rb, vb = make_rows(1000, 15, 12, "b")
        client.insert(alias, ra)
        client.insert(b, rb)
        assert count(client, a) == 25
        q = rng(13).uniform(-1, 1, (1, DIM)).astype(np.float32)
        res = client.search(alias, data=q.tolist(), limit=5, output_fields=["tag"])
        assert_same_hits(hits(res), brute_force(va, np.arange(25), q, "L2", None), k=5)
        assert client.upsert(alias, [{"id": 0, "vector": [0.0] * DIM, "tag": "up"}])["upsert_count"] == 1
        assert client.get(alias, ids=[0], output_fields=["tag"])[0]["tag"] == "up"
        assert client.delete(alias, ids=[1])["delete_count"] == 1
        assert count(client, alias) == 24

        # Alias errors: taken by another collection, equal to a collection name, missing.
        raises(1602, "alias already exist", client.create_alias, b, alias)
        raises(1601, "conflict", client.create_alias, a, b)
        raises(1600, "alias not found", client.describe_alias, "no_such_alias")
        raises(1600, "alias not found", client.alter_alias, b, "no_such_alias")
        raises(100, "collection not found", client.create_alias, "no_such_collection", "x_alias")

        # Alter repoints the alias: reads through it now see b.
        client.alter_alias(b, alias)
        assert client.describe_alias(alias)["collection_name"] == b
        assert count(client, alias) == 15
        res = client.search(alias, data=q.tolist(), limit=3)
        assert_same_hits(hits(res), brute_force(vb, np.arange(1000, 1015), q, "L2", None), k=3)
        assert client.list_aliases(a)["aliases"] == [alias2]
        assert client.list_aliases(b)["aliases"] == [alias]

        client.drop_alias(alias)
        client.drop_alias(alias)  # dropping a missing alias succeeds
        raises(1600, "alias not found", client.describe_alias, alias)
        raises(100, "collection not found", client.search, alias, data=q.tolist(), limit=3)
        assert client.list_aliases(b)["aliases"] == []
    finally:
        for x in (alias, alias2):
            try:
                client.drop_alias(x)
            except MilvusException:
                pass
        client.drop_collection(b)


# ---------------------------------------------------------------- databases

def test_databases_isolate_names(uri, collection_name):
    db = collection_name[:40] + "_db"
    shared = "same_name"
    c = MilvusClient(uri=uri)
    cx = None
    try:
        assert "default" in c.list_databases()
        c.create_database(db)
        assert {"default", db} <= set(c.list_databases())
        d = c.describe_database(db)
        assert d["name"] == db
        raises(1100, "database already exist", c.create_database, db)
        raises(800, "database not found", c.describe_database, "no_such_db")

        # The same collection and alias names in two databases are two things.
        cx = MilvusClient(uri=uri, db_name=db)
        for cl in (c, cx):
            if cl.has_collection(shared):
                cl.drop_collection(shared)
        c.create_collection(shared, dimension=DIM)
        cx.create_collection(shared, dimension=DIM)
        cx.create_collection(collection_name, dimension=DIM)
        c.insert(shared, make_rows(0, 3, 21, "in-default")[0])
        cx.insert(shared, make_rows(0, 7, 22, "in-db")[0])
        assert count(c, shared) == 3 and count(cx, shared) == 7
        assert {r["tag"] for r in cx.query(shared, filter="id >= 0", output_fields=["tag"])} == {"in-db"}
        assert collection_name in cx.list_collections() and collection_name not in c.list_collections()
        raises(100, "can't find collection", c.describe_collection, collection_name)

        c.create_alias(shared, "dup_alias")
        cx.create_alias(shared, "dup_alias")
        assert count(c, "dup_alias") == 3 and count(cx, "dup_alias") == 7
        assert cx.describe_alias("dup_alias")["db_name"] == db
        c.drop_alias("dup_alias")
        assert count(cx, "dup_alias") == 7
        cx.drop_alias("dup_alias")

        # using_database switches an existing client.
        c.use_database(db)
        assert count(c, shared) == 7
        assert collection_name in c.list_collections()
        c.use_database("default")
        assert count(c, shared) == 3

        # A non-empty database cannot be dropped.
        raises(1100, "not empty", c.drop_database, db)
        cx.drop_collection(shared)
        cx.drop_collection(collection_name)
        c.drop_database(db)
        assert db not in c.list_databases()
        raises(1100, "can not drop default database", c.drop_database, "default")
        assert count(c, shared) == 3
    finally:
        c.use_database("default")
        if c.has_collection(shared):
            c.drop_collection(shared)
        if db in c.list_databases():
            c.use_database(db)
            for n in c.list_collections():
                for al in c.list_aliases(n)["aliases"]:
                    c.drop_alias(al)
                c.drop_collection(n)
            c.use_database("default")
            c.drop_database(db)
        c.close()
        if cx:
            cx.close()


def test_database_not_found(uri):
    # A client bound to a database that does not exist fails at first use.
    with pytest.raises(MilvusException) as ei:
        bad = MilvusClient(uri=uri, db_name="no_such_db")
        bad.list_collections()
    assert ei.value.code == 800 and "database not found" in ei.value.message
