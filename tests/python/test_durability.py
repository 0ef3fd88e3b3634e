"""Nothing acknowledged is lost: writes survive a graceful restart (SIGTERM,
exit code 0) and kill -9 without flush; count(*) is exact without flush.

Each test runs its own server (kite_factory) so restarting it does not
disturb the shared one."""

import threading
import time

import numpy as np
from pymilvus import DataType, MilvusClient

from helpers import assert_healthy, assert_same_hits, brute_force, hits, rng

DIM = 16


def schema():
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=True)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("name", DataType.VARCHAR, max_length=64)
    s.add_field("score", DataType.DOUBLE, nullable=True)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=DIM)
    return s


def create(client, name, partitions=("pa",)):
    ip = client.prepare_index_params()
    ip.add_index("v", index_type="HNSW", metric_type="L2", params={"M": 16, "efConstruction": 100})
    client.create_collection(name, schema=schema(), index_params=ip)
    for p in partitions:
        client.create_partition(name, p)


class Model:
    """The expected contents: id -> row, mirrored on every acknowledged write."""

    def __init__(self):
        self.rows = {}
        self.g = rng(77)

    def make(self, ids, tag):
        v = self.g.uniform(-1, 1, (len(ids), DIM)).astype(np.float32)
        out = []
        for k, i in enumerate(ids):
            r = {"id": int(i), "name": f"{tag}-{i}", "v": v[k].tolist(), "tag": tag}
            r["score"] = None if i % 5 == 0 else i / 2
            out.append(r)
        return out

    def insert(self, client, name, ids, tag, **kw):
        rows = self.make(ids, tag)
        res = client.insert(name, rows, **kw)
        assert res["insert_count"] == len(rows)
        for r in rows:
            self.rows[r["id"]] = r

    def upsert(self, client, name, ids, tag, **kw):
        rows = self.make(ids, tag)
        assert client.upsert(name, rows, **kw)["upsert_count"] == len(rows)
        for r in rows:
            self.rows[r["id"]] = r

    def delete_ids(self, client, name, ids):
        client.delete(name, ids=list(ids))
        for i in ids:
            self.rows.pop(i, None)

    def delete_filter(self, client, name, flt, pred):
        client.delete(name, filter=flt)
        for i in [i for i, r in self.rows.items() if pred(r)]:
            del self.rows[i]


def count(client, name, **kw):
    return client.query(name, filter="", output_fields=["count(*)"], **kw)[0]["count(*)"]


def check(client, name, model: Model):
    """Every row, every value, the exact count, and a search, as the model says."""
    assert count(client, name) == len(model.rows)
    assert count(client, name, consistency_level="Strong") == len(model.rows)
    got = client.query(name, filter="id >= 0", output_fields=["*"], limit=16384)
    assert len(got) == len(model.rows)
    for g in got:
        want = model.rows[g["id"]]
        assert g["name"] == want["name"] and g["tag"] == want["tag"] and g["score"] == want["score"], (g, want)
        assert np.array_equal(np.asarray(g["v"], dtype=np.float32), np.float32(want["v"]))
    ids = np.array(sorted(model.rows))
    base = np.array([model.rows[i]["v"] for i in ids], dtype=np.float32)
    q = rng(5).uniform(-1, 1, (3, DIM)).astype(np.float32)
    res = client.search(name, data=q.tolist(), limit=10, search_params={"params": {"ef": 2000}})
    assert_same_hits(hits(res), brute_force(base, ids, q, "L2", None), k=10)


def test_restart_sigterm_keeps_everything(kite_factory):
    srv = kite_factory()
    c = MilvusClient(uri=srv.uri)
    name = "durable_term"
    create(c, name)
    c.create_alias(name, "durable_alias")
    m = Model()
    m.insert(c, name, range(0, 300), "a")
    m.insert(c, name, range(300, 400), "p", partition_name="pa")
    assert count(c, name) == 400  # exact right after the writes, no flush
    m.delete_ids(c, name, [1, 2, 3, 350])
    m.delete_filter(c, name, 'tag == "a" and id >= 250', lambda r: r["tag"] == "a" and r["id"] >= 250)
    m.upsert(c, name, [10, 11, 1, 1000], "u")  # replace two, revive a deleted key, add one
    assert count(c, name) == len(m.rows)
    check(c, name, m)
    c.close()

    rc = srv.stop()
    assert rc == 0, f"kite exited with {rc} on SIGTERM:\n{srv.log_tail()}"
    srv.start()
    c = MilvusClient(uri=srv.uri)
    # Metadata survives: collection, partition, alias, index, load state.
    assert name in c.list_collections()
    assert sorted(c.list_partitions(name)) == ["_default", "pa"]
    assert c.describe_alias("durable_alias")["collection_name"] == name
    idx = c.describe_index(name, "v")
    assert idx["index_type"] == "HNSW" and idx["metric_type"] == "L2"
    assert c.get_load_state(name)["state"].name == "Loaded"
    check(c, name, m)
    assert count(c, name, partition_names=["pa"]) == sum(1 for r in m.rows.values() if r["tag"] == "p")

    # Writes after the restart keep working and survive the next one.
    m.insert(c, name, range(2000, 2050), "b")
    m.delete_ids(c, name, [2000])
    c.close()
    srv.restart()
    c = MilvusClient(uri=srv.uri)
    check(c, name, m)
    c.close()
    assert_healthy(srv)


def test_kill9_without_flush_loses_nothing_acknowledged(kite_factory):
    srv = kite_factory()
    c = MilvusClient(uri=srv.uri)
    name = "durable_kill"
    create(c, name)
    m = Model()
    for start in range(0, 600, 100):  # many small acknowledged writes
        m.insert(c, name, range(start, start + 100), "a")
    m.insert(c, name, range(600, 650), "p", partition_name="pa")
    m.delete_ids(c, name, range(0, 600, 7))
    m.upsert(c, name, range(590, 610), "u")
    m.delete_filter(c, name, "score is null", lambda r: r["score"] is None)
    assert count(c, name) == len(m.rows)
    c.close()

    srv.kill9()  # no flush, no graceful stop
    srv.start()
    c = MilvusClient(uri=srv.uri)
    check(c, name, m)

    # Kill again right after more acknowledged writes, then once more after a
    # flush plus growing data on top.
    m.upsert(c, name, range(0, 30), "v")
    m.delete_ids(c, name, [600, 601])
    c.close()
    srv.restart(kill=True)
    c = MilvusClient(uri=srv.uri)
    check(c, name, m)
    c.flush(name)
    m.insert(c, name, range(5000, 5100), "g")
    m.delete_ids(c, name, [5000, 100, 101])
    c.close()
    srv.restart(kill=True)
    c = MilvusClient(uri=srv.uri)
    check(c, name, m)
    c.close()
    assert_healthy(srv)


def test_count_exact_without_flush_across_sealing(kite_factory):
    """seal_rows=200: growing segments seal on their own while writing; count(*)
    stays exact after every acknowledged write, and after kill -9."""
    srv = kite_factory(seal_rows=200)
    c = MilvusClient(uri=srv.uri)
    name = "durable_count"
    create(c, name, partitions=())
    m = Model()
    for k in range(8):
        m.insert(c, name, range(k * 150, (k + 1) * 150), "a")
        assert count(c, name) == len(m.rows)
        m.delete_ids(c, name, range(k * 150, k * 150 + 150, 9))
        assert count(c, name) == len(m.rows)
        m.upsert(c, name, range(k * 150 + 1, k * 150 + 11), "u")
        assert count(c, name) == len(m.rows)
    check(c, name, m)
    c.close()
    srv.restart(kill=True)
    c = MilvusClient(uri=srv.uri)
    check(c, name, m)
    c.close()


def test_kill9_during_concurrent_writes(kite_factory):
    """Writers keep inserting while the server is killed: every acknowledged
    batch is there after recovery, and a batch in flight is all or nothing."""
    srv = kite_factory()
    c = MilvusClient(uri=srv.uri)
    name = "durable_race"
    create(c, name, partitions=())
    c.close()
    acked, tried = [], []
    lock = threading.Lock()
    stop = threading.Event()

    def writer(w):
        cl = MilvusClient(uri=srv.uri, timeout=5)
        g = np.random.default_rng(1000 + w)
        b = 0
        while not stop.is_set():
            ids = list(range(w * 1_000_000 + b * 20, w * 1_000_000 + b * 20 + 20))
            rows = [{"id": i, "name": f"w{w}", "v": g.uniform(-1, 1, DIM).astype(np.float32).tolist(), "score": 1.0}
                    for i in ids]
            with lock:
                tried.append(ids)
            try:
                cl.insert(name, rows, timeout=5)
            except Exception:
                break
            with lock:
                acked.append(ids)
            b += 1
        try:
            cl.close()
        except Exception:
            pass

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while len(acked) < 40 and time.monotonic() < deadline:
        time.sleep(0.01)
    srv.kill9()
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert len(acked) >= 40, "writers did not get going"

    srv.start()
    c = MilvusClient(uri=srv.uri)
    present = {r["id"] for r in c.query(name, filter="id >= 0", output_fields=["id"], limit=16384)}
    acked_ids = {i for b in acked for i in b}
    assert acked_ids <= present, f"lost {len(acked_ids - present)} acknowledged rows"
    for b in tried:
        n = len(set(b) & present)
        assert n in (0, len(b)), f"batch {b[0]}.. partially recovered: {n}/{len(b)} rows"
    assert present <= {i for b in tried for i in b}
    assert count(c, name) == len(present)
    c.close()
