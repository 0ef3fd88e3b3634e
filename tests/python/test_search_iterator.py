"""Search iterator: pymilvus 2.6 pages with search iterator v2 against a 2.6
server (it falls back to v1 only when the first answer lacks a v2 token).
Every matching row exactly once, in score order, with its output fields,
across sealed and growing segments, batch sizes that do not divide the rows,
and inserts, deletes and a flush between pages."""

import numpy as np
import pytest
from pymilvus import DataType
from pymilvus.client.search_iterator import SearchIteratorV2

from helpers import rng

DIM = 8
FILTER = "age % 4 != 1"


def make_rows(lo, n):
    r = rng(lo)
    vec = r.random((n, DIM), dtype=np.float32)
    vip = r.random((n, DIM), dtype=np.float32)
    rows = []
    for i in range(n):
        pk = lo + i
        row = {"id": pk, "vector": vec[i].tolist(), "vip": vip[i].tolist(), "age": pk * 7 % 1000,
               "note": None if pk % 5 == 0 else f"n{pk}"}
        if pk % 3:
            row["rank"] = pk  # other rows take the default
        rows.append(row)
    return rows


@pytest.fixture
def iter_collection(client, collection_name):
    s = client.create_schema()
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("vector", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("vip", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("age", DataType.INT64)
    s.add_field("note", DataType.VARCHAR, max_length=16, nullable=True)
    s.add_field("rank", DataType.INT64, default_value=-1)
    ip = client.prepare_index_params()
    ip.add_index("vector", index_type="HNSW", metric_type="L2", params={"M": 8, "efConstruction": 64})
    ip.add_index("vip", index_type="IVF_FLAT", metric_type="IP", params={"nlist": 16})
    client.create_collection(collection_name, schema=s, index_params=ip)
    rows = make_rows(0, 1500)
    client.insert(collection_name, rows)
    client.flush(collection_name)
    growing = make_rows(1500, 1000)
    client.insert(collection_name, growing)
    return {r["id"]: r for r in rows + growing}


def iterate(client, name, rows, q, field, batch, limit=-1, between=None):
    """Pages through one iterator, checking each row; returns ids in order."""
    metric = "L2" if field == "vector" else "IP"
    it = client.search_iterator(name, data=[q.tolist()], batch_size=batch, limit=limit, filter=FILTER,
                                anns_field=field, output_fields=["age", "note", "rank"],
                                search_params={"metric_type": metric})
    assert isinstance(it, SearchIteratorV2), f"pymilvus fell back to {type(it).__name__}"
    ids, last, page_no = [], None, 0
    while True:
        page = it.next()  # None once a limit is reached, empty at the end
        if page is None or len(page) == 0:
            break
        assert len(page) <= batch
        for hit in page:
            pk, d = hit["id"], hit["distance"]
            if last is not None:
                assert (d >= last) if metric == "L2" else (d <= last), f"{metric} score {d} after {last}"
            last = d
            row = rows[pk]
            v = np.asarray(row[field], dtype=np.float64)
            true = float(((v - q) ** 2).sum()) if metric == "L2" else float(v @ q)
            assert abs(d - true) < 1e-4 * max(1, abs(true)), (pk, d, true)
            e = hit["entity"]
            assert e["age"] == row["age"] and e["note"] == row["note"] and e["rank"] == row.get("rank", -1), (pk, e)
            ids.append(pk)
        if between:
            between(page_no)
        page_no += 1
    it.close()
    return ids


def test_search_iterator_v2(client, collection_name, iter_collection):
    rows = iter_collection
    want = {pk for pk, r in rows.items() if r["age"] % 4 != 1}
    q = rng(99).random(DIM).astype(np.float64)

    full = iterate(client, collection_name, rows, q, "vector", 111)
    assert len(full) == len(set(full)) and set(full) == want

    ip = iterate(client, collection_name, rows, q, "vip", 1000)
    assert len(ip) == len(set(ip)) and set(ip) == want

    limited = iterate(client, collection_name, rows, q, "vector", 64, limit=300)
    assert limited == full[:300]

    def change(page):
        if page == 0:
            client.insert(collection_name, make_rows(5000, 80))
        elif page == 1:
            client.delete(collection_name, filter="id < 200")
        elif page == 2:
            client.flush(collection_name)

    changed = iterate(client, collection_name, rows, q, "vector", 250, between=change)
    assert len(changed) == len(set(changed)) and set(changed) == want


def test_search_iterator_v2_empty_and_rejects(client, collection_name, iter_collection):
    q = [0.5] * DIM
    it = client.search_iterator(collection_name, data=[q], batch_size=10, filter="age < 0", anns_field="vector")
    assert isinstance(it, SearchIteratorV2)  # no rows still answers a token
    assert len(it.next()) == 0
    with pytest.raises(Exception, match="Not allowed to do groupBy when doing iteration"):
        client.search_iterator(collection_name, data=[q], batch_size=10, group_by_field="age", anns_field="vector")
