"""Custom schemas with every field type, nullable fields, default values,
auto_id, a VarChar primary key and a partition key: every value round-trips
through insert + query, and every vector type is searched with each of its
metrics, results checked against numpy brute force.

Two collections hold the vector types (at most 4 vector fields each):
  dense:  FLOAT_VECTOR, FLOAT16_VECTOR, BFLOAT16_VECTOR, INT8_VECTOR + all scalars
  mixed:  BINARY_VECTOR, SPARSE_FLOAT_VECTOR, FLOAT_VECTOR; VarChar PK, partition key
"""

import json

import numpy as np
import pytest
from pymilvus import DataType, MilvusClient

from helpers import assert_same_hits, brute_force, hits, rng, sparse_ip

DIM = 16
N = 240


# ---------------------------------------------------------------- encodings

def f32_to_bf16_bytes(a: np.ndarray) -> bytes:
    """float32 -> bfloat16 (round to nearest even), little-endian bytes."""
    u = np.ascontiguousarray(a, dtype=np.float32).view(np.uint32).astype(np.uint64)
    r = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)
    return r.tobytes()


def bf16_bytes_to_f32(b: bytes) -> np.ndarray:
    return (np.frombuffer(b, dtype=np.uint16).astype(np.uint32) << 16).view(np.float32)


def vec_bytes(v):
    """Query results return byte vectors as [bytes] (pymilvus 2.6) or bytes."""
    if isinstance(v, list) and len(v) == 1 and isinstance(v[0], (bytes, bytearray)):
        return bytes(v[0])
    if isinstance(v, (bytes, bytearray)):
        return bytes(v)
    if isinstance(v, np.ndarray):
        return v.tobytes()
    raise AssertionError(f"unexpected vector value {type(v)}: {v!r}")


# ------------------------------------------------------------ dense schema

def dense_schema():
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False, description="every scalar type")
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("b", DataType.BOOL)
    s.add_field("i8", DataType.INT8)
    s.add_field("i16", DataType.INT16)
    s.add_field("i32", DataType.INT32)
    s.add_field("i64", DataType.INT64)
    s.add_field("f", DataType.FLOAT)
    s.add_field("d", DataType.DOUBLE)
    s.add_field("s", DataType.VARCHAR, max_length=32)
    s.add_field("j", DataType.JSON)
    s.add_field("ai", DataType.ARRAY, element_type=DataType.INT64, max_capacity=5)
    s.add_field("as_", DataType.ARRAY, element_type=DataType.VARCHAR, max_capacity=3, max_length=10)
    # nullable
    s.add_field("n_i32", DataType.INT32, nullable=True)
    s.add_field("n_d", DataType.DOUBLE, nullable=True)
    s.add_field("n_s", DataType.VARCHAR, max_length=16, nullable=True)
    s.add_field("n_j", DataType.JSON, nullable=True)
    s.add_field("n_ai", DataType.ARRAY, element_type=DataType.INT64, max_capacity=4, nullable=True)
    # default values
    s.add_field("d_i64", DataType.INT64, default_value=42)
    s.add_field("d_s", DataType.VARCHAR, max_length=16, default_value="none")
    s.add_field("d_b", DataType.BOOL, default_value=True)
    s.add_field("d_f", DataType.FLOAT, default_value=0.5)
    # nullable with a default: null becomes the default
    # (np.int16: pymilvus sends a Python int as long_data, which Milvus
    # refuses for an INT16 field, as Kite does)
    s.add_field("nd_i16", DataType.INT16, nullable=True, default_value=np.int16(-7))
    # vectors
    s.add_field("fv", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("hv", DataType.FLOAT16_VECTOR, dim=DIM)
    s.add_field("bv", DataType.BFLOAT16_VECTOR, dim=DIM)
    s.add_field("iv", DataType.INT8_VECTOR, dim=DIM)
    return s


def dense_rows(n=N, start=0, seed=1):
    g = rng(seed)
    fv = g.uniform(-1, 1, (n, DIM)).astype(np.float32)
    hv = g.uniform(-1, 1, (n, DIM)).astype(np.float16)
    bvf = g.uniform(-1, 1, (n, DIM)).astype(np.float32)
    iv = g.integers(-128, 128, (n, DIM)).astype(np.int8)
    rows, vecs = [], {"fv": fv, "hv": hv.astype(np.float64), "bv": [], "iv": iv.astype(np.float64)}
    for k in range(n):
        i = start + k
        bvb = f32_to_bf16_bytes(bvf[k])
        vecs["bv"].append(bf16_bytes_to_f32(bvb))
        r = {
            "id": i, "b": i % 3 == 0, "i8": (i % 256) - 128, "i16": i * 7 - 20000, "i32": -i * 100003,
            "i64": (1 << 40) + i * 1_000_000_007, "f": float(np.float32(i / 7)), "d": i / 3 + 1e-9,
            "s": f"row-{i}-é", "j": {"i": i, "name": f"n{i}", "tags": ["x", i % 4], "nested": {"ok": i % 2 == 0}},
            "ai": list(range(i % 6)), "as_": [f"s{i}", "ü" * (i % 4)][: 1 + i % 2],
            "fv": fv[k], "hv": hv[k], "bv": bvb, "iv": iv[k],
        }
        # nullable: every third row null (omitted or explicit None), else a value
        if i % 3 == 0:
            r.update({"n_i32": None, "n_d": None, "n_s": None, "n_j": None, "n_ai": None})
        elif i % 3 == 1:
            r.update({"n_i32": i, "n_d": -i / 4, "n_s": f"ns{i}", "n_j": [i, {"k": "v"}], "n_ai": [i, -i]})
        # default fields: every other row relies on the default (omitted), some send None
        if i % 2 == 0:
            r.update({"d_i64": i, "d_s": f"ds{i}", "d_b": False, "d_f": 1.25})
        elif i % 5 == 1:
            r.update({"d_i64": None, "d_s": None, "d_b": None, "d_f": None})
        if i % 4 == 0:
            r["nd_i16"] = i
        elif i % 4 == 1:
            r["nd_i16"] = None
        rows.append(r)
    vecs["bv"] = np.array(vecs["bv"], dtype=np.float64)
    return rows, vecs


def expected(r):
    """What a query returns for row r: nulls as None, defaults filled in."""
    e = {k: v for k, v in r.items() if k not in ("fv", "hv", "bv", "iv")}
    for k in ("n_i32", "n_d", "n_s", "n_j", "n_ai"):
        e.setdefault(k, None)
    defaults = {"d_i64": 42, "d_s": "none", "d_b": True, "d_f": 0.5, "nd_i16": -7}
    for k, dv in defaults.items():
        if e.get(k) is None:
            e[k] = dv
    return e


def dense_index_params(client, metric, auto=False):
    ip = client.prepare_index_params()
    for fld in ("fv", "hv", "bv"):
        if auto:
            ip.add_index(fld, index_type="AUTOINDEX", metric_type=metric)
        else:
            ip.add_index(fld, index_type="FLAT", metric_type=metric)
    # Milvus builds INT8_VECTOR with HNSW (or AUTOINDEX).
    ip.add_index("iv", index_type="AUTOINDEX" if auto else "HNSW", metric_type=metric,
                 params={} if auto else {"M": 16, "efConstruction": 200})
    return ip


def create_dense(client, name, metric="L2", auto=False):
    client.create_collection(name, schema=dense_schema(), index_params=dense_index_params(client, metric, auto))
    rows, vecs = dense_rows()
    for start in range(0, N, 100):
        assert client.insert(name, rows[start:start + 100])["insert_count"] == len(rows[start:start + 100])
    return name, rows, vecs


@pytest.fixture(scope="module")
def dense(uri):
    """One dense collection shared by the read-only tests of this module
    (creating one costs ~2 s: pymilvus sleeps 0.5 s per index it waits for)."""
    client = MilvusClient(uri=uri)
    name = "schema_dense_shared"
    if client.has_collection(name):
        client.drop_collection(name)
    yield create_dense(client, name)
    client.drop_collection(name)
    client.close()


def test_describe_custom_schema(client, dense):
    name, _, _ = dense
    d = client.describe_collection(name)
    by = {f["name"]: f for f in d["fields"]}
    assert list(by) == [f.name for f in dense_schema().fields]
    assert by["id"]["is_primary"] and by["id"]["type"] == DataType.INT64
    assert by["s"]["params"]["max_length"] == 32
    assert by["ai"]["element_type"] == DataType.INT64 and by["ai"]["params"]["max_capacity"] == 5
    assert by["as_"]["element_type"] == DataType.VARCHAR and by["as_"]["params"]["max_length"] == 10
    for f in ("n_i32", "n_d", "n_s", "n_j", "n_ai", "nd_i16"):
        assert by[f].get("nullable") is True, by[f]
    assert by["d_i64"]["default_value"].long_data == 42
    assert by["d_s"]["default_value"].string_data == "none"
    assert by["d_b"]["default_value"].bool_data is True
    assert by["d_f"]["default_value"].float_data == 0.5
    assert by["nd_i16"]["default_value"].int_data == -7
    for f, t in (("fv", DataType.FLOAT_VECTOR), ("hv", DataType.FLOAT16_VECTOR),
                 ("bv", DataType.BFLOAT16_VECTOR), ("iv", DataType.INT8_VECTOR)):
        assert by[f]["type"] == t and by[f]["params"]["dim"] == DIM
    assert d["enable_dynamic_field"] is False


def test_every_scalar_value_round_trips(client, dense):
    name, rows, vecs = dense
    got = client.query(name, filter="id >= 0", output_fields=["*"])
    assert len(got) == N
    got = {r["id"]: r for r in got}
    for r in rows:
        g = got[r["id"]]
        e = expected(r)
        for k, v in e.items():
            if k == "f" or k == "d_f":
                assert g[k] == pytest.approx(v, rel=1e-7), (r["id"], k)
            else:
                assert g[k] == v, (r["id"], k, g[k], v)
        assert set(g) == set(e) | {"fv", "hv", "bv", "iv"}
        # vectors round-trip bit for bit
        assert np.array_equal(np.asarray(g["fv"], dtype=np.float32), r["fv"])
        assert vec_bytes(g["hv"]) == r["hv"].tobytes()
        assert vec_bytes(g["bv"]) == r["bv"]
        assert vec_bytes(g["iv"]) == r["iv"].tobytes()


def test_filters_on_nulls_defaults_json_arrays(client, dense):
    name, rows, _ = dense
    ex = [expected(r) for r in rows]

    def ids(flt):
        return sorted(r["id"] for r in client.query(name, filter=flt, output_fields=["id"]))

    assert ids("n_i32 is null") == [e["id"] for e in ex if e["n_i32"] is None]
    assert ids("n_s is not null and n_i32 > 100") == [e["id"] for e in ex if e["n_s"] is not None and e["n_i32"] > 100]
    assert ids("d_i64 == 42") == [e["id"] for e in ex if e["d_i64"] == 42]
    assert ids('d_s == "none" and d_b == true') == [e["id"] for e in ex if e["d_s"] == "none" and e["d_b"]]
    assert ids("nd_i16 == -7") == [e["id"] for e in ex if e["nd_i16"] == -7]
    assert ids('j["nested"]["ok"] == true and j["i"] < 50') == [e["id"] for e in ex if e["j"]["nested"]["ok"] and e["j"]["i"] < 50]
    assert ids('json_contains(j["tags"], 3)') == [e["id"] for e in ex if 3 in e["j"]["tags"]]
    assert ids("array_length(ai) == 5") == [e["id"] for e in ex if len(e["ai"]) == 5]
    assert ids("array_contains(ai, 4)") == [e["id"] for e in ex if 4 in e["ai"]]
    assert ids('array_contains_any(as_, ["s7", "s8"])') == [e["id"] for e in ex if {"s7", "s8"} & set(e["as_"])]
    assert ids("ai[0] == 0 and i8 < -100") == [e["id"] for e in ex if e["ai"] and e["ai"][0] == 0 and e["i8"] < -100]
    assert ids('s like "row-1%"') == [e["id"] for e in ex if e["s"].startswith("row-1")]
    assert ids("b == true and i16 > 0") == [e["id"] for e in ex if e["b"] and e["i16"] > 0]
    assert ids("i64 > 1099511627776 + 100000000000") == [e["id"] for e in ex if e["i64"] > (1 << 40) + 100_000_000_000]
    assert ids("d > 70.0 and f < 40") == [e["id"] for e in ex if e["d"] > 70.0 and np.float32(e["f"]) < 40]


def _search_all_dense(client, name, vecs, metric, ids, extra=None, search_params=None):
    g = rng(99)
    qf = g.uniform(-1, 1, (3, DIM)).astype(np.float32)
    qh = g.uniform(-1, 1, (3, DIM)).astype(np.float16)
    qb_bytes = [f32_to_bf16_bytes(x) for x in g.uniform(-1, 1, (3, DIM)).astype(np.float32)]
    qb = np.array([bf16_bytes_to_f32(b) for b in qb_bytes])
    qi = g.integers(-128, 128, (3, DIM)).astype(np.int8)
    cases = [("fv", list(qf), qf), ("hv", list(qh), qh.astype(np.float64)),
             ("bv", qb_bytes, qb), ("iv", list(qi), qi.astype(np.float64))]
    k = 15
    for fld, data, qarr in cases:
        sp = {"metric_type": metric, "params": dict(search_params or {})}
        if fld == "iv":
            sp["params"].setdefault("ef", 400)  # HNSW: search the whole graph
        res = client.search(name, data=data, anns_field=fld, limit=k, search_params=sp,
                            output_fields=["i32"], **(extra or {}))
        want = brute_force(vecs[fld], ids, qarr, metric, None)
        assert_same_hits(hits(res), want, k=k, rel=2e-3 if fld != "fv" else 1e-4, abs_=2e-3)
        for q in res:
            for h in q:
                assert h["entity"]["i32"] == -h["id"] * 100003


@pytest.mark.parametrize("metric,auto", [("L2", False), ("IP", True), ("COSINE", False)])
def test_search_dense_vector_types(client, collection_name, metric, auto):
    name, rows, vecs = create_dense(client, collection_name, metric, auto)
    idx = client.describe_index(name, "hv")
    assert idx["metric_type"] == metric
    assert idx["index_type"] == ("AUTOINDEX" if auto else "FLAT")
    ids = np.arange(N)
    _search_all_dense(client, name, vecs, metric, ids)

    # Same after sealing: flush, more growing rows on top, search both.
    client.flush(name)
    more, mvecs = dense_rows(30, start=N, seed=2)
    client.insert(name, more)
    allv = {k: np.concatenate([vecs[k], mvecs[k]]) for k in vecs}
    _search_all_dense(client, name, allv, metric, np.arange(N + 30))

    # With a filter.
    mask = np.array([(i % 3 == 1) for i in range(N + 30)])
    _search_all_dense(client, name, {k: v[mask] for k, v in allv.items()}, metric, np.arange(N + 30)[mask],
                      extra={"filter": "n_i32 is not null"})


def test_fp32_input_for_half_vectors(client, collection_name):
    """Milvus 2.6 converts fp32 query vectors for FLOAT16/BFLOAT16 fields
    (milvus-io/milvus#47133); pymilvus 2.6.17 also sends plain float lists
    for such fields on insert as fp32 (milvus-io/milvus#49960)."""
    s = MilvusClient.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("hv", DataType.FLOAT16_VECTOR, dim=8)
    s.add_field("bv", DataType.BFLOAT16_VECTOR, dim=8)
    ip = client.prepare_index_params()
    ip.add_index("hv", index_type="FLAT", metric_type="L2")
    ip.add_index("bv", index_type="FLAT", metric_type="IP")
    client.create_collection(collection_name, schema=s, index_params=ip)
    g = rng(5)
    v = g.uniform(-1, 1, (20, 8)).astype(np.float32)
    client.insert(collection_name, [{"id": i, "hv": v[i].tolist(), "bv": v[i].tolist()} for i in range(20)])
    got = {r["id"]: r for r in client.query(collection_name, filter="id >= 0", output_fields=["hv", "bv"])}
    for i in range(20):
        assert vec_bytes(got[i]["hv"]) == v[i].astype(np.float16).tobytes()
        assert vec_bytes(got[i]["bv"]) == f32_to_bf16_bytes(v[i])
    q = g.uniform(-1, 1, (2, 8)).astype(np.float32)
    res = client.search(collection_name, data=q.tolist(), anns_field="hv", limit=5)
    want = brute_force(v.astype(np.float16).astype(np.float64), np.arange(20), q.astype(np.float16).astype(np.float64), "L2", None)
    assert_same_hits(hits(res), want, k=5, rel=2e-3, abs_=2e-3)
    res = client.search(collection_name, data=q.tolist(), anns_field="bv", limit=5)
    bvv = np.array([bf16_bytes_to_f32(f32_to_bf16_bytes(x)) for x in v])
    bq = np.array([bf16_bytes_to_f32(f32_to_bf16_bytes(x)) for x in q])
    assert_same_hits(hits(res), brute_force(bvv, np.arange(20), bq, "IP", None), k=5, rel=2e-3, abs_=2e-3)


# ------------------------------------------------------------ mixed schema

BIN_DIM = 64
TENANTS = ["acme", "globex", "initech", "umbrella", "hooli"]


def sparse_row(g, i):
    nnz = 1 + int(g.integers(0, 6))
    idx = sorted(set(int(x) for x in g.integers(0, 1000, nnz)))
    return {j: float(np.float32(g.uniform(0.1, 2.0))) for j in idx} | {i % 7: 1.0}


def mixed_schema():
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=True, partition_key_field="tenant")
    s.add_field("pk", DataType.VARCHAR, is_primary=True, max_length=64)
    s.add_field("tenant", DataType.VARCHAR, max_length=32)
    s.add_field("bin", DataType.BINARY_VECTOR, dim=BIN_DIM)
    s.add_field("sp", DataType.SPARSE_FLOAT_VECTOR)
    s.add_field("fv", DataType.FLOAT_VECTOR, dim=8)
    return s


@pytest.fixture
def mixed(client, collection_name):
    ip = client.prepare_index_params()
    ip.add_index("bin", index_type="BIN_FLAT", metric_type="HAMMING")
    ip.add_index("sp", index_type="SPARSE_INVERTED_INDEX", metric_type="IP", params={"drop_ratio_build": 0.0})
    ip.add_index("fv", index_type="AUTOINDEX", metric_type="L2")
    client.create_collection(collection_name, schema=mixed_schema(), index_params=ip, num_partitions=8)
    g = rng(3)
    n = 200
    bins = g.integers(0, 256, (n, BIN_DIM // 8)).astype(np.uint8)
    fv = g.uniform(-1, 1, (n, 8)).astype(np.float32)
    rows = [{"pk": f"key-{i:04d}", "tenant": TENANTS[i % len(TENANTS)], "bin": bins[i].tobytes(),
             "sp": sparse_row(g, i), "fv": fv[i].tolist(), "extra": {"i": i}, "label": f"L{i % 4}"} for i in range(n)]
    res = client.insert(collection_name, rows)
    assert res["insert_count"] == n and list(res["ids"]) == [r["pk"] for r in rows]
    return collection_name, rows, bins, fv


def test_varchar_pk_partition_key_round_trip(client, mixed):
    name, rows, bins, fv = mixed
    d = client.describe_collection(name)
    by = {f["name"]: f for f in d["fields"]}
    assert by["pk"]["type"] == DataType.VARCHAR and by["pk"]["is_primary"] and by["pk"]["params"]["max_length"] == 64
    assert by["tenant"].get("is_partition_key") is True
    assert d["num_partitions"] == 8
    assert len(client.list_partitions(name)) == 8

    got = client.query(name, filter='pk like "key-%"', output_fields=["*"])
    assert len(got) == len(rows)
    got = {r["pk"]: r for r in got}
    for r in rows:
        g = got[r["pk"]]
        assert g["tenant"] == r["tenant"] and g["extra"] == r["extra"] and g["label"] == r["label"]
        assert vec_bytes(g["bin"]) == r["bin"]
        assert {int(k): v for k, v in g["sp"].items()} == pytest.approx(r["sp"])
        assert np.array_equal(np.asarray(g["fv"], dtype=np.float32), np.float32(r["fv"]))

    got = client.get(name, ids=["key-0003", "key-0150", "nope"], output_fields=["tenant"])
    assert sorted((r["pk"], r["tenant"]) for r in got) == [("key-0003", TENANTS[3]), ("key-0150", TENANTS[0])]

    # The partition key filters like any field, and routes to its partition.
    res = client.query(name, filter='tenant == "initech"', output_fields=["count(*)"])
    assert res[0]["count(*)"] == sum(r["tenant"] == "initech" for r in rows)
    res = client.query(name, filter='tenant in ["acme", "hooli"] and extra["i"] < 50', output_fields=["pk"])
    assert sorted(r["pk"] for r in res) == sorted(r["pk"] for r in rows if r["tenant"] in ("acme", "hooli") and r["extra"]["i"] < 50)

    # Manually naming a partition is refused in partition-key mode.
    with pytest.raises(Exception) as ei:
        client.insert(name, rows[:1], partition_name=client.list_partitions(name)[0])
    assert getattr(ei.value, "code", None) == 1100

    # Delete by VarChar ids and by the partition key.
    assert client.delete(name, ids=["key-0000", "key-0001"])["delete_count"] == 2
    client.delete(name, filter='tenant == "globex"')
    left = {r["pk"] for r in client.query(name, filter="", output_fields=["pk"], limit=1000)}
    assert left == {r["pk"] for r in rows if r["pk"] not in ("key-0000", "key-0001") and r["tenant"] != "globex"}


def test_search_binary_hamming_jaccard(client, mixed):
    name, rows, bins, _ = mixed
    ids = [r["pk"] for r in rows]
    q = rng(4).integers(0, 256, (3, BIN_DIM // 8)).astype(np.uint8)
    for metric, itype in (("HAMMING", "BIN_FLAT"), ("JACCARD", "BIN_FLAT"), ("HAMMING", "AUTOINDEX")):
        if (metric, itype) != ("HAMMING", "BIN_FLAT"):
            client.release_collection(name)
            client.drop_index(name, "bin")
            ip = client.prepare_index_params()
            ip.add_index("bin", index_type=itype, metric_type=metric)
            client.create_index(name, ip)
            client.load_collection(name)
        res = client.search(name, data=[x.tobytes() for x in q], anns_field="bin", limit=10,
                            search_params={"metric_type": metric}, output_fields=["tenant"])
        assert_same_hits(hits(res, "pk"), brute_force(bins, ids, q, metric, None), k=10, rel=1e-5, abs_=1e-5)
        for hq in res:
            for h in hq:
                assert h["entity"]["tenant"] == rows[int(h["pk"][4:])]["tenant"]
        # Partition-key filter narrows the candidates.
        res = client.search(name, data=[q[0].tobytes()], anns_field="bin", limit=10, filter='tenant == "acme"',
                            search_params={"metric_type": metric})
        m = [i for i, r in enumerate(rows) if r["tenant"] == "acme"]
        assert_same_hits(hits(res, "pk"), brute_force(bins[m], [ids[i] for i in m], q[:1], metric, None), k=10,
                         rel=1e-5, abs_=1e-5)


@pytest.mark.parametrize("itype", ["SPARSE_INVERTED_INDEX", "AUTOINDEX"])
def test_search_sparse_ip(client, mixed, itype):
    name, rows, _, _ = mixed
    if itype != "SPARSE_INVERTED_INDEX":
        client.release_collection(name)
        client.drop_index(name, "sp")
        ip = client.prepare_index_params()
        ip.add_index("sp", index_type=itype, metric_type="IP")
        client.create_index(name, ip)
        client.load_collection(name)
    g = rng(6)
    queries = [sparse_row(g, i) for i in range(3)]
    base = [r["sp"] for r in rows]
    ids = [r["pk"] for r in rows]
    res = client.search(name, data=queries, anns_field="sp", limit=10,
                        search_params={"metric_type": "IP", "params": {"drop_ratio_search": 0.0}})
    got = hits(res, "pk")
    want = sparse_ip(base, queries, ids, 10_000)
    assert_same_hits(got, want, k=10, rel=1e-4, abs_=1e-4)


def test_search_float_in_mixed_with_output_dynamic(client, mixed):
    name, rows, _, fv = mixed
    ids = [r["pk"] for r in rows]
    q = rng(8).uniform(-1, 1, (2, 8)).astype(np.float32)
    res = client.search(name, data=q.tolist(), anns_field="fv", limit=7, output_fields=["label", "extra", "tenant"])
    assert_same_hits(hits(res, "pk"), brute_force(fv, ids, q, "L2", None), k=7)
    for hq in res:
        for h in hq:
            r = rows[int(h["pk"][4:])]
            assert h["entity"] == {"label": r["label"], "extra": r["extra"], "tenant": r["tenant"]}


# ------------------------------------------------------------ auto_id

def test_auto_id_int64(client, collection_name):
    s = MilvusClient.create_schema(auto_id=True, enable_dynamic_field=True)
    s.add_field("id", DataType.INT64, is_primary=True, auto_id=True)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=4)
    ip = client.prepare_index_params()
    ip.add_index("v", index_type="FLAT", metric_type="IP")
    client.create_collection(collection_name, schema=s, index_params=ip)
    assert client.describe_collection(collection_name)["auto_id"] is True
    rows = [{"v": [float(i), 1.0, 0.0, -1.0], "n": i} for i in range(50)]
    r1 = client.insert(collection_name, rows[:25])
    r2 = client.insert(collection_name, rows[25:])
    ids = list(r1["ids"]) + list(r2["ids"])
    assert len(ids) == 50 and len(set(ids)) == 50 and all(isinstance(x, int) for x in ids)
    got = {r["id"]: r["n"] for r in client.query(collection_name, filter="", output_fields=["n"], limit=100)}
    assert got == {ids[i]: i for i in range(50)}
    # Providing the key of an auto_id field on insert is refused.
    with pytest.raises(Exception) as ei:
        client.insert(collection_name, [{"id": 1, "v": [0.0, 0.0, 0.0, 1.0]}])
    assert getattr(ei.value, "code", None) in (1, 1100)  # pymilvus may refuse it before sending (code 1)
    # Upsert on auto_id replaces the row: the old one is gone (the docs say the
    # new row may get a generated key, so the key itself is not checked).
    client.upsert(collection_name, [{"id": ids[0], "v": [9.0, 9.0, 9.0, 9.0], "n": -1}])
    got = client.query(collection_name, filter="n < 1", output_fields=["n", "v"])
    assert [(r["n"], list(r["v"])) for r in got] == [(-1, [9.0, 9.0, 9.0, 9.0])]
    assert client.query(collection_name, filter="", output_fields=["count(*)"])[0]["count(*)"] == 50


def test_auto_id_varchar(client, collection_name):
    s = MilvusClient.create_schema(auto_id=True)
    s.add_field("pk", DataType.VARCHAR, is_primary=True, auto_id=True, max_length=100)
    s.add_field("v", DataType.FLOAT_VECTOR, dim=4)
    ip = client.prepare_index_params()
    ip.add_index("v", index_type="FLAT", metric_type="L2")
    client.create_collection(collection_name, schema=s, index_params=ip)
    res = client.insert(collection_name, [{"v": [float(i), 0.0, 0.0, 0.0]} for i in range(10)])
    ids = list(res["ids"])
    assert len(set(ids)) == 10 and all(isinstance(x, str) for x in ids)
    got = client.query(collection_name, filter="", output_fields=["pk", "v"], limit=100)
    assert sorted(r["pk"] for r in got) == sorted(ids)
    by = {r["pk"]: r["v"][0] for r in got}
    assert [by[x] for x in ids] == [float(i) for i in range(10)]
