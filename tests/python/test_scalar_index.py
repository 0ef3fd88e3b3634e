"""Scalar indexes through pymilvus: INVERTED, STL_SORT, BITMAP, Trie and
AUTOINDEX on scalar and array fields, created with Milvus's names on flushed
data; every filter must return exactly the rows it returned without indexes,
and the indexes must survive a kill -9."""

import time
from pathlib import Path

import pytest
from pymilvus import DataType, MilvusClient, MilvusException

from helpers import sealed_and_growing

DIM = 4
N_SEALED, N_GROWING = 600, 50

FILTERS = [
    "cat == 3", "cat != 3", "cat in [1, 2, 9]", "cat not in [1, 2]", "2 < cat <= 5", "cat > 7.5", "cat is null",
    "price < 10.5", "1.5 <= price < 30", "price == 2.5",
    'name == "n3"', 'name like "n1%"', 'name in ["n2", "x"]', 'name > "n5"', '"n2" <= name < "n4"',
    "name is not null", "flag", "not flag",
    'array_contains(tags, "t1")', 'array_contains_any(tags, ["t2", "t3"])', 'array_contains_all(tags, ["t0", "t1"])',
    "array_contains(nums, 3)", "array_contains_all(nums, [1, 2])",
    'cat == {c} and name like {p}', "flag or price > 20",
]
TEMPLATES = {"c": 3, "p": "n%"}

PLAN = {
    "INVERTED": ["cat", "price", "name", "flag", "tags", "nums"],
    "STL_SORT": ["cat", "price", "name"],
    "BITMAP": ["cat", "name", "flag", "tags", "nums"],
    "Trie": ["name"],
    "AUTOINDEX": ["cat", "price", "name", "flag", "tags", "nums"],
}


def schema():
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("vec", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("cat", DataType.INT64, nullable=True)
    s.add_field("price", DataType.DOUBLE)
    s.add_field("name", DataType.VARCHAR, max_length=16, nullable=True)
    s.add_field("flag", DataType.BOOL)
    s.add_field("tags", DataType.ARRAY, element_type=DataType.VARCHAR, max_capacity=4, max_length=8)
    s.add_field("nums", DataType.ARRAY, element_type=DataType.INT64, max_capacity=4)
    return s


def rows(lo, n):
    out = []
    for i in range(lo, lo + n):
        out.append({
            "id": i, "vec": [float((i * 7 + d) % 11) for d in range(DIM)],
            "cat": None if i % 11 == 0 else i % 10, "price": (i % 80) / 2,
            "name": None if i % 13 == 0 else f"n{i % 9}", "flag": i % 3 == 0,
            "tags": [f"t{(i + k) % 5}" for k in range(i % 4)], "nums": [(i * k) % 6 for k in range(i % 4)],
        })
    return out


def setup(c, name):
    sealed_and_growing(c, name, schema(), rows, N_SEALED, N_GROWING)


def ids_per_filter(c, name):
    out = []
    for f in FILTERS:
        res = c.query(name, filter=f, filter_params=TEMPLATES, output_fields=["id"], consistency_level="Strong")
        out.append(sorted(r["id"] for r in res))
    return out


def create(c, name, index_type, fields):
    ip = c.prepare_index_params()
    for f in fields:
        kw = {} if index_type == "AUTOINDEX" else {"index_type": index_type}
        ip.add_index(f, index_name=f"{f}_ix", **kw)
    c.create_index(name, ip)
    wait_built(c, name, fields)


def wait_built(c, name, fields):
    deadline = time.monotonic() + 60
    for f in fields:
        while True:
            d = c.describe_index(name, f"{f}_ix")
            if d["pending_index_rows"] == 0 and d["indexed_rows"] == N_SEALED + N_GROWING:
                break
            assert time.monotonic() < deadline, f"index on {f} not built: {d}"
            time.sleep(0.05)


def drop(c, name, fields):
    c.release_collection(name)
    for f in fields:
        c.drop_index(name, f"{f}_ix")
    c.load_collection(name)


def assert_same(got, want, label):
    for f, g, w in zip(FILTERS, got, want):
        assert 0 < len(w) < N_SEALED + N_GROWING, f"{f} does not discriminate"
        assert g == w, f"{label}: {f}: {len(g)} rows with indexes, {len(w)} without"


@pytest.mark.parametrize("index_type", list(PLAN))
def test_scalar_index_matches_scan(client, collection_name, index_type):
    setup(client, collection_name)
    want = ids_per_filter(client, collection_name)
    create(client, collection_name, index_type, PLAN[index_type])
    d = client.describe_index(collection_name, f"{PLAN[index_type][0]}_ix")
    assert d["index_type"] == index_type and d["field_name"] == PLAN[index_type][0]
    assert_same(ids_per_filter(client, collection_name), want, index_type)
    drop(client, collection_name, PLAN[index_type])
    assert_same(ids_per_filter(client, collection_name), want, f"{index_type} dropped")


def test_scalar_indexes_survive_kill9(kite_factory):
    srv = kite_factory()
    c = MilvusClient(uri=srv.uri)
    name = "scalar_kill9"
    setup(c, name)
    want = ids_per_filter(c, name)
    create(c, name, "BITMAP", PLAN["BITMAP"])
    create(c, name, "STL_SORT", ["price"])
    files = index_files(srv.data_dir)
    assert len(files) >= len(PLAN["BITMAP"]) + 1, files
    c.close()
    srv.restart(kill=True)
    c = MilvusClient(uri=srv.uri)
    try:
        wait_built(c, name, PLAN["BITMAP"] + ["price"])
        assert_same(ids_per_filter(c, name), want, "after kill -9")
        assert index_files(srv.data_dir) == files, "index files rebuilt at boot instead of opened"
    finally:
        c.close()


def index_files(data_dir):
    """Scalar index files under the data directory and their mtimes."""
    return {str(p): p.stat().st_mtime_ns for p in Path(data_dir).rglob("scalar_*.ksidx")}


@pytest.mark.parametrize("field,index_type,message", [
    ("id", "BITMAP", "create bitmap index on primary key not supported"),
    ("price", "BITMAP", "bitmap index are only supported on bool, int, string and array field"),
    ("cat", "Trie", "TRIE are only supported on varchar field"),
])
def test_scalar_index_refusals(client, collection_name, field, index_type, message):
    client.create_collection(collection_name, schema=schema())
    ip = client.prepare_index_params()
    ip.add_index(field, index_type=index_type)
    with pytest.raises(MilvusException) as e:
        client.create_index(collection_name, ip)
    assert message in str(e.value)
