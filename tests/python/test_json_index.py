"""JSON-path indexes through pymilvus (Milvus 2.6): INVERTED/AUTOINDEX with
json_path and json_cast_type on a JSON field and on dynamic keys, several on
one field, Milvus's validation errors, describe_index, and filters that return
exactly the rows they returned without indexes, also after a kill -9."""

import time
from pathlib import Path

import pytest
from pymilvus import DataType, MilvusClient, MilvusException

from helpers import sealed_and_growing

DIM = 4
N_SEALED, N_GROWING = 600, 40

FILTERS = [
    'meta["price"] > 40', 'meta["price"] == 7', 'meta["price"] != 7', '10 <= meta["price"] < 20',
    'meta["price"] in [1, 2.5, 3]', 'meta["brand"] == "b3"', 'meta["brand"] like "b1%"',
    'meta["brand"] in ["b2", "x"]', 'meta["brand"] != "b2"', 'meta["sup"]["ok"] == true',
    'json_contains(meta["tags"], "t1")', 'json_contains_any(meta["tags"], ["t2", "t3"])',
    'json_contains_all(meta["tags"], ["t0", "t1"])', 'color == "red"', 'size > 3', 'size in [1, 2]',
    'meta["price"] > 40 and color == "red"', 'not (meta["brand"] == "b3")',
]

INDEXES = [  # (field_name, index_name, index_type, json_path, json_cast_type)
    ("meta", "price_ix", "INVERTED", 'meta["price"]', "double"),
    ("meta", "brand_ix", "INVERTED", "meta['brand']", "VARCHAR"),
    ("meta", "ok_ix", "AUTOINDEX", 'meta["sup"]["ok"]', "bool"),
    ("meta", "tags_ix", "INVERTED", 'meta["tags"]', "ARRAY_VARCHAR"),
    ("color", "color_ix", "AUTOINDEX", "color", "varchar"),
    ("size", "size_ix", "INVERTED", "size", "double"),
]


def schema():
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=True)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("vec", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("meta", DataType.JSON, nullable=True)
    return s


def rows(lo, n):
    out = []
    for i in range(lo, lo + n):
        meta = {"price": i % 50 if i % 6 else (i % 50) + 0.5, "brand": f"b{i % 7}",
                "tags": [f"t{(i + k) % 5}" for k in range(i % 4)], "sup": {"ok": i % 3 == 0}}
        if i % 9 == 0:
            meta = {"price": str(i % 50), "brand": i % 7, "tags": "t1", "sup": {"ok": "yes"}}  # other types
        if i % 10 == 0:
            meta = None
        elif i % 11 == 0:
            meta = {}
        row = {"id": i, "vec": [float((i * 7 + d) % 11) for d in range(DIM)], "meta": meta}
        if i % 5:
            row["color"] = ["red", "blue", "green"][i % 3] if i % 13 else 4
            row["size"] = i % 6
        out.append(row)
    return out


def setup(c, name):
    sealed_and_growing(c, name, schema(), rows, N_SEALED, N_GROWING)


def ids_per_filter(c, name):
    return [sorted(r["id"] for r in c.query(name, filter=f, output_fields=["id"], consistency_level="Strong"))
            for f in FILTERS]


def search_ids(c, name):
    res = c.search(name, data=[[1.0, 2.0, 3.0, 4.0]], filter='meta["price"] > 20 and meta["brand"] != "b1"',
                   limit=20, output_fields=["id"])
    return [h["id"] for h in res[0]]


def create_json_indexes(c, name):
    ip = c.prepare_index_params()
    for field, ix, typ, path, cast in INDEXES:
        ip.add_index(field, index_name=ix, index_type=typ, params={"json_path": path, "json_cast_type": cast})
    c.create_index(name, ip)
    deadline = time.monotonic() + 60
    for _, ix, *_ in INDEXES:
        while True:
            d = c.describe_index(name, ix)
            if d["pending_index_rows"] == 0 and d["indexed_rows"] == N_SEALED + N_GROWING:
                break
            assert time.monotonic() < deadline, f"{ix} not built: {d}"
            time.sleep(0.05)


def assert_same(got, want, label):
    for f, g, w in zip(FILTERS, got, want):
        assert 0 < len(w) < N_SEALED + N_GROWING, f"{f} does not discriminate"
        assert g == w, f"{label}: {f}: {len(g)} rows with indexes, {len(w)} without"


def test_json_path_indexes_match_scan(client, collection_name):
    c, name = client, collection_name
    setup(c, name)
    want, want_search = ids_per_filter(c, name), search_ids(c, name)
    create_json_indexes(c, name)
    d = c.describe_index(name, "brand_ix")
    assert d["index_type"] == "INVERTED" and d["field_name"] == "meta"
    assert d["json_path"] == "meta['brand']" and d["json_cast_type"] == "VARCHAR"
    assert c.describe_index(name, "color_ix")["field_name"] == "$meta"
    assert set(c.list_indexes(name)) >= {ix for _, ix, *_ in INDEXES}
    assert_same(ids_per_filter(c, name), want, "indexed")
    assert search_ids(c, name) == want_search
    create_json_indexes(c, name)  # the same indexes again: no error
    c.release_collection(name)
    for _, ix, *_ in INDEXES:
        c.drop_index(name, ix)
    c.load_collection(name)
    assert not {ix for _, ix, *_ in INDEXES} & set(c.list_indexes(name))
    assert_same(ids_per_filter(c, name), want, "dropped")


@pytest.mark.parametrize("params,message", [
    ({}, "json index must specify cast type: missing parameter[missing_param=json_cast_type]"),
    ({"json_path": "meta['a']['b']"}, "json index must specify cast type"),
    ({"json_cast_type": "varchar"}, "json index must specify json path: missing parameter[missing_param=json_path]"),
    ({"json_path": "meta['a']", "json_cast_type": "INT8"}, "json_cast_type INT8 is not supported"),
    ({"json_path": "meta['a']", "json_cast_type": "varchar", "json_cast_function": "STRING_TO_DOUBLE"},
     "json_cast_function STRING_TO_DOUBLE is not supported for json_cast_type varchar"),
    ({"json_path": "meta['a']", "json_cast_type": "double", "json_cast_function": "to_int"},
     "json_cast_function to_int is not supported"),
    ({"json_path": "id['a']", "json_cast_type": "double"}, "is not a path inside field meta"),
])
def test_json_index_refusals(client, collection_name, params, message):
    client.create_collection(collection_name, schema=schema())
    ip = client.prepare_index_params()
    ip.add_index("meta", index_name="j", index_type="INVERTED", params=params)
    with pytest.raises(MilvusException) as e:
        client.create_index(collection_name, ip)
    assert message in str(e.value) and e.value.code == 1100


def test_json_index_duplicates(client, collection_name):
    client.create_collection(collection_name, schema=schema())
    ip = client.prepare_index_params()
    ip.add_index("meta", index_name="j", index_type="INVERTED", params={"json_path": "meta['a']", "json_cast_type": "double"})
    client.create_index(collection_name, ip)
    for ix, path, message in [("j", "meta['a']", "at most one distinct index is allowed per field"),
                              ("k", 'meta["a"]', "creating multiple indexes on same field is not supported")]:
        ip = client.prepare_index_params()
        ip.add_index("meta", index_name=ix, index_type="INVERTED", params={"json_path": path, "json_cast_type": "varchar"})
        with pytest.raises(MilvusException) as e:
            client.create_index(collection_name, ip)
        assert message in str(e.value)


def test_json_indexes_survive_kill9(kite_factory):
    srv = kite_factory()
    c = MilvusClient(uri=srv.uri)
    name = "json_kill9"
    setup(c, name)
    want = ids_per_filter(c, name)
    create_json_indexes(c, name)
    files = {str(p): p.stat().st_mtime_ns for p in Path(srv.data_dir).rglob("scalar_*.ksidx")}
    assert len(files) >= len(INDEXES), files
    c.close()
    srv.restart(kill=True)
    c = MilvusClient(uri=srv.uri)
    try:
        assert_same(ids_per_filter(c, name), want, "after kill -9")
        now = {str(p): p.stat().st_mtime_ns for p in Path(srv.data_dir).rglob("scalar_*.ksidx")}
        assert now == files, "index files rebuilt at boot instead of opened"
    finally:
        c.close()
