"""Compaction through pymilvus: client.compact returns a job ID whose state
reaches Completed; deleted rows leave the disk; results do not change; an
iterator opened before the deletes still reads its snapshot."""

import os
import time

import numpy as np
from pymilvus import DataType, MilvusClient

from helpers import assert_same_hits, brute_force, hits, rng

DIM = 32


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def wait_completed(c, job, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        st = c.get_compaction_state(job)
        if st == "Completed":
            return
        assert st == "Executing", st
        time.sleep(0.1)
    raise AssertionError(f"compaction {job} not completed after {timeout}s")


def setup(c, name, n_batches, per_batch):
    s = MilvusClient.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("tag", DataType.VARCHAR, max_length=16)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=DIM)
    ip = c.prepare_index_params()
    ip.add_index("v", index_type="HNSW", metric_type="L2", params={"M": 16, "efConstruction": 64})
    ip.add_index("tag", index_type="INVERTED")
    c.create_collection(name, schema=s, index_params=ip)
    g = rng(11)
    vecs = {}
    for b in range(n_batches):
        ids = range(b * per_batch, (b + 1) * per_batch)
        v = g.uniform(-1, 1, (per_batch, DIM)).astype(np.float32)
        c.insert(name, [{"id": i, "tag": f"t{i % 4}", "v": v[k].tolist()} for k, i in enumerate(ids)])
        c.flush(name)  # one small sealed segment per batch
        vecs.update({i: v[k] for k, i in enumerate(ids)})
    return vecs


def snapshot(c, name, vecs):
    q = rng(3).uniform(-1, 1, (4, DIM)).astype(np.float32)
    res = c.search(name, data=q.tolist(), limit=10, filter='tag != "t3"', search_params={"params": {"ef": 512}})
    rows = c.query(name, filter='tag in ["t0", "t1"]', output_fields=["id", "tag"], limit=16384)
    ids = np.array(sorted(i for i in vecs if i % 4 != 3))
    want = brute_force(np.array([vecs[i] for i in ids]), ids, q, "L2", None)
    return hits(res), want, sorted(r["id"] for r in rows)


def test_compact_purges_deleted_rows_and_keeps_results(kite_factory):
    srv = kite_factory()
    c = MilvusClient(uri=srv.uri)
    name = "compact_half"
    vecs = setup(c, name, n_batches=4, per_batch=1500)
    deleted = [i for i in vecs if i % 2 == 0]
    c.delete(name, ids=deleted)
    for i in deleted:
        del vecs[i]
    c.flush(name)
    got_before, want, rows_before = snapshot(c, name, vecs)
    assert_same_hits(got_before, want, k=10)
    objects = os.path.join(srv.data_dir, "objects")
    disk_before = dir_bytes(objects)

    job = c.compact(name)
    assert isinstance(job, int) and job > 0
    wait_completed(c, job)
    plans = c.get_compaction_plans(job)
    assert plans.plans and all(p.target for p in plans.plans), plans

    disk_after = dir_bytes(objects)
    assert disk_after < disk_before * 0.7, (disk_before, disk_after)
    assert c.query(name, filter="", output_fields=["count(*)"])[0]["count(*)"] == len(vecs)
    assert c.query(name, filter=f"id in {deleted[:50]}", output_fields=["id"]) == []
    got_after, want_after, rows_after = snapshot(c, name, vecs)
    assert_same_hits(got_after, want_after, k=10)
    assert rows_after == rows_before

    # The compacted segment and its indexes survive a restart.
    c.close()
    srv.restart()
    c = MilvusClient(uri=srv.uri)
    got_restart, _, rows_restart = snapshot(c, name, vecs)
    assert_same_hits(got_restart, want, k=10)
    assert rows_restart == rows_before
    c.close()


def test_iterator_keeps_its_snapshot_across_compaction(kite_factory):
    srv = kite_factory()
    c = MilvusClient(uri=srv.uri)
    name = "compact_iter"
    vecs = setup(c, name, n_batches=2, per_batch=500)
    it = c.query_iterator(name, batch_size=100, filter="id >= 0", output_fields=["id"])
    seen = [r["id"] for r in it.next()]
    c.delete(name, ids=list(range(0, 1000, 3)))  # after the iterator's snapshot
    job = c.compact(name)
    wait_completed(c, job)
    while True:
        page = it.next()
        if not page:
            break
        seen += [r["id"] for r in page]
    it.close()
    assert sorted(seen) == sorted(vecs), "the iterator lost rows deleted after it started"
    assert c.query(name, filter="", output_fields=["count(*)"])[0]["count(*)"] == 1000 - len(range(0, 1000, 3))
    c.close()


def test_compact_unknown_collection_and_job(client):
    import pytest
    from pymilvus.exceptions import MilvusException
    with pytest.raises(MilvusException, match="collection not found"):
        client.compact("no_such_collection_xyz")
    assert client.get_compaction_state(123456789) == "UndefiedState"
