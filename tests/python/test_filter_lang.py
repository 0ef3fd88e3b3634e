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
