"""Milvus 2.6 filter constructs through pymilvus: RANDOM_SAMPLE, literal forms
(hex floats, encoding prefixes) and the bitwise operators Milvus parses but
refuses."""

import contextlib
import math

import pytest
from pymilvus import DataType, MilvusClient
from pymilvus.exceptions import MilvusException

DIM = 4
N = 4000


@contextlib.contextmanager
def expect(code, *substrs):
    with pytest.raises(MilvusException) as ei:
        yield ei
    e = ei.value
    assert e.code == code, f"code {e.code}, want {code}: {e.message}"
    for s in substrs:
        assert s in e.message, f"{s!r} not in {e.message!r}"


@pytest.fixture
def coll(client, collection_name):
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("vec", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("cat", DataType.INT64)
    s.add_field("price", DataType.DOUBLE)
    s.add_field("name", DataType.VARCHAR, max_length=16)
    idx = client.prepare_index_params()
    idx.add_index("vec", index_type="FLAT", metric_type="L2")
    client.create_collection(collection_name, schema=s, index_params=idx)
    rows = [{"id": i, "vec": [float(i % 7), 1.0, 0.0, float(i % 3)], "cat": i % 10,
             "price": i / 4, "name": f"n{i % 100}"} for i in range(N)]
    half = N // 2
    client.insert(collection_name, rows[:half])
    client.flush(collection_name)  # one sealed segment, one growing
    client.insert(collection_name, rows[half:])
    return collection_name


def within_binomial(k, n, p, sds=5):
    mean, sd = n * p, math.sqrt(n * p * (1 - p))
    return abs(k - mean) <= sds * sd, f"kept {k} of {n}, want {mean:.0f} ± {sds * sd:.0f}"


def test_random_sample_fraction(client, coll):
    for f in ("random_sample(0.1)", "RANDOM_SAMPLE(0.5)"):
        p = float(f.split("(")[1].rstrip(")"))
        got = client.query(coll, filter=f, output_fields=["id"], limit=N)
        ok, why = within_binomial(len(got), N, p)
        assert ok, f"{f}: {why}"
        assert len({r["id"] for r in got}) == len(got)


def test_random_sample_after_predicate(client, coll):
    got = client.query(coll, filter="cat < 3 and random_sample(0.5)", output_fields=["cat"], limit=N)
    assert all(r["cat"] < 3 for r in got)
    ok, why = within_binomial(len(got), N * 3 // 10, 0.5)
    assert ok, why
    n = client.query(coll, filter="cat >= 5 and random_sample(0.2)", output_fields=["count(*)"])[0]["count(*)"]
    ok, why = within_binomial(n, N // 2, 0.2)
    assert ok, why
    hits = client.search(coll, data=[[1.0, 1.0, 0.0, 1.0]], limit=50, filter="cat == 1 and random_sample(0.5)",
                         output_fields=["cat"])[0]
    assert 0 < len(hits) <= 50 and all(h["entity"]["cat"] == 1 for h in hits)


@pytest.mark.parametrize("filt, msg", [
    ("random_sample(0.5) and cat > 1", "random sample expression can only be the last expression in the logical and expression"),
    ("cat > 1 or random_sample(0.5)", "random sample expression cannot be used in logical and expression"),
    ("not random_sample(0.5)", "random sample expression cannot be used in unary expression"),
    ("random_sample(1.5)", "the sample factor should be between 0 and 1 and not too close to 0 or 1"),
    ("random_sample(0)", "the sample factor should be between 0 and 1"),
    ("random_sample(cat)", '"float factor" should be a const float expression'),
])
def test_random_sample_misuse(client, coll, filt, msg):
    with expect(1100, "cannot parse expression", msg):
        client.query(coll, filter=filt, output_fields=["id"])


def test_literal_forms(client, coll):
    # 0x1.8p1 == 3.0: the same rows as the decimal constant.
    want = client.query(coll, filter="price < 3.0", output_fields=["id"], limit=N)
    got = client.query(coll, filter="price < 0x1.8p1", output_fields=["id"], limit=N)
    assert sorted(r["id"] for r in got) == sorted(r["id"] for r in want) and len(got) == 12
    # Milvus keeps part of an encoding prefix in the value: u"n1" means the text "n1 (with the quote).
    assert client.query(coll, filter='name == u"n1"', output_fields=["id"], limit=N) == []
    assert len(client.query(coll, filter='name == "n1"', output_fields=["id"], limit=N)) == N // 100


@pytest.mark.parametrize("filt, msg", [
    ("cat & 1 == 1", "BitAnd is not supported: cat&1==1"),
    ("cat | 1 > 0", "BitOr is not supported: cat|1>0"),
    ("cat ^ 1 > 0", "BitXor is not supported: cat^1>0"),
    ("cat << 1 > 2", "shift is not supported: cat<<1"),
    ("~cat > 1", "unexpected op: ~"),
    ("price < 0x1.8", "invalid number literal"),
])
def test_bitwise_refused(client, coll, filt, msg):
    with expect(1100, "cannot parse expression", msg):
        client.query(coll, filter=filt, output_fields=["id"])


def tsz_collection(client, name, index_type=None):
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("vec", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("tsz", DataType.TIMESTAMPTZ, nullable=True)
    s.add_field("tsd", DataType.TIMESTAMPTZ, default_value="2025-06-01T00:00:00+02:00")
    idx = client.prepare_index_params()
    idx.add_index("vec", index_type="FLAT", metric_type="L2")
    client.create_collection(name, schema=s, index_params=idx)
    # Shanghai midnight on Jan 1 + i days (= 16:00Z the day before); id 9 has no tsz.
    rows = [{"id": i, "vec": [1.0, 0.0, 0.0, float(i)], "tsz": f"2025-01-{i + 1:02d}T00:00:00+08:00"} for i in range(9)]
    rows.append({"id": 9, "vec": [1.0, 0.0, 0.0, 9.0], "tsz": None, "tsd": "2025-03-01T12:30:00.25Z"})
    client.insert(name, rows[:5])
    client.flush(name)
    client.insert(name, rows[5:])
    if index_type:
        client.release_collection(name)
        ip = client.prepare_index_params()
        ip.add_index("tsz", index_type=index_type)
        client.create_index(name, ip)
        client.load_collection(name)


TSZ_FILTERS = {
    "tsz > ISO '2025-01-03T00:00:00+08:00'": list(range(3, 9)),
    "tsz != ISO '2025-01-03T00:00:00+08:00'": [0, 1, 3, 4, 5, 6, 7, 8],
    "tsz <= ISO '2025-01-02T16:00:00Z'": [0, 1, 2],
    "tsz + INTERVAL 'P1D' > ISO '2025-01-08T00:00:00+08:00'": [7, 8],
    "tsz - INTERVAL 'PT12H' < ISO '2025-01-01T12:00:00Z'": [0, 1],
    "tsz + INTERVAL 'P1M' == ISO '2025-02-01T16:00:00Z'": [1],
    "tsz is null": [9],
    "tsz in [1735660800000000, 1735747200000000]": [0, 1],
    "tsz > ISO '2025-01-05T00:00:00+08:00' and id < 7": [5, 6],
}


@pytest.mark.parametrize("index_type", [None, "STL_SORT", "INVERTED"])
def test_timestamptz(client, collection_name, index_type):
    tsz_collection(client, collection_name, index_type)
    got = client.query(collection_name, filter="id in [0, 8, 9]", output_fields=["tsz", "tsd"])
    by_id = {r["id"]: r for r in got}
    assert by_id[0]["tsz"] == "2024-12-31T16:00:00Z"
    assert by_id[8]["tsz"] == "2025-01-08T16:00:00Z"
    assert by_id[9]["tsz"] is None
    assert by_id[0]["tsd"] == "2025-05-31T22:00:00Z"  # the default value
    assert by_id[9]["tsd"] == "2025-03-01T12:30:00.25Z"
    for filt, want in TSZ_FILTERS.items():
        got = sorted(r["id"] for r in client.query(collection_name, filter=filt, output_fields=["id"]))
        assert got == want, f"{filt} ({index_type}): {got}, want {want}"
    hits = client.search(collection_name, data=[[1.0, 0.0, 0.0, 0.0]], limit=3,
                         filter="tsz > ISO '2025-01-05T00:00:00+08:00'", output_fields=["tsz"])[0]
    assert [h["id"] for h in hits] == [5, 6, 7]
    assert hits[0]["entity"]["tsz"] == "2025-01-05T16:00:00Z"


def test_timestamptz_errors(client, collection_name):
    tsz_collection(client, collection_name)
    with expect(1100, "cannot parse expression", "field 'id' is not a timestamptz datatype"):
        client.query(collection_name, filter="id > ISO '2025-01-01T00:00:00Z'")
    with expect(1100, "invalid ISO 8601 duration"):
        client.query(collection_name, filter="tsz + INTERVAL '1 day' > ISO '2025-01-01T00:00:00Z'")
    with expect(1100, "invalid timestamptz value"):
        client.insert(collection_name, [{"id": 100, "vec": [0.0] * DIM, "tsz": "yesterday"}])
