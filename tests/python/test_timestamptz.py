"""TIMESTAMPTZ time zones at the database, collection and request level, and
time_fields extraction, as Milvus 2.6.6+ documents them (timestamptz-field.md
"Manage time zones at different levels")."""

import contextlib

import pytest
from pymilvus import DataType, MilvusClient
from pymilvus.exceptions import MilvusException

DIM = 4
BAD_ZONE = "unknown or invalid IANA Time Zone ID"


@contextlib.contextmanager
def expect(code, *substrs):
    with pytest.raises(MilvusException) as ei:
        yield ei
    e = ei.value
    assert e.code == code, f"code {e.code}, want {code}: {e.message}"
    for s in substrs:
        assert s in e.message, f"{s!r} not in {e.message!r}"


def make_collection(client, name, properties=None):
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("vec", DataType.FLOAT_VECTOR, dim=DIM)
    s.add_field("tsz", DataType.TIMESTAMPTZ, nullable=True)
    idx = client.prepare_index_params()
    idx.add_index("vec", index_type="FLAT", metric_type="L2")
    client.create_collection(name, schema=s, index_params=idx, properties=properties or {})


def rows(stamps):
    return [{"id": i, "vec": [1.0, 0.0, 0.0, float(i)], "tsz": t} for i, t in enumerate(stamps)]


def tsz_by_id(client, name, **kw):
    got = client.query(name, filter="id >= 0", output_fields=["tsz"], **kw)
    return {r["id"]: r["tsz"] for r in got}


def test_collection_zone(client, collection_name):
    make_collection(client, collection_name, {"timezone": "Asia/Shanghai"})
    assert client.describe_collection(collection_name)["properties"]["timezone"] == "Asia/Shanghai"
    # Naive strings are Shanghai wall-clock time; an explicit offset wins.
    client.insert(collection_name, rows(["2025-01-01T08:00:00", "2025-01-01 08:00:00", "2025-01-01T08:00:00Z", None]))
    assert tsz_by_id(client, collection_name) == {
        0: "2025-01-01T08:00:00+08:00", 1: "2025-01-01T08:00:00+08:00", 2: "2025-01-01T16:00:00+08:00", 3: None}
    # Filter literals without an offset are Shanghai time too.
    q = lambda f, **kw: sorted(r["id"] for r in client.query(collection_name, filter=f, output_fields=["id"], **kw))
    assert q("tsz == ISO '2025-01-01T08:00:00'") == [0, 1]
    assert q("tsz == ISO '2025-01-01T00:00:00Z'") == [0, 1]
    assert q("tsz > ISO '2025-01-01 12:00:00'") == [2]
    # A request zone overrides the collection's for output and for literals.
    assert tsz_by_id(client, collection_name, timezone="America/New_York")[0] == "2024-12-31T19:00:00-05:00"
    assert q("tsz == ISO '2024-12-31T19:00:00'", timezone="America/New_York") == [0, 1]
    assert q("tsz == ISO '2025-01-01T08:00:00'", timezone="UTC") == [2]
    assert tsz_by_id(client, collection_name, timezone="UTC")[2] == "2025-01-01T08:00:00Z"
    # Search honours both as well.
    hits = client.search(collection_name, data=[[1.0, 0.0, 0.0, 0.0]], limit=3, output_fields=["tsz"],
                         filter="tsz >= ISO '2025-01-01T08:00:00'", timezone="Europe/London")[0]
    assert [h["id"] for h in hits] == [2]  # 08:00 London is 08:00Z: only row 2
    assert hits[0]["entity"]["tsz"] == "2025-01-01T08:00:00Z"  # GMT in winter
    hits = client.search(collection_name, data=[[1.0, 0.0, 0.0, 0.0]], limit=1, output_fields=["tsz"])[0]
    assert hits[0]["entity"]["tsz"] == "2025-01-01T08:00:00+08:00"


def test_alter_collection_zone(client, collection_name):
    make_collection(client, collection_name)
    client.insert(collection_name, rows(["2025-07-01T12:00:00"]))  # UTC: no zone yet
    assert tsz_by_id(client, collection_name)[0] == "2025-07-01T12:00:00Z"
    client.alter_collection_properties(collection_name, {"timezone": "America/Los_Angeles"})
    assert tsz_by_id(client, collection_name)[0] == "2025-07-01T05:00:00-07:00"  # daylight time
    with expect(1100, BAD_ZONE, "Invalid/Timezone"):
        client.alter_collection_properties(collection_name, {"timezone": "Invalid/Timezone"})
    client.drop_collection_properties(collection_name, ["timezone"])
    assert tsz_by_id(client, collection_name)[0] == "2025-07-01T12:00:00Z"


def test_database_zone_is_the_default(client, uri):
    db = "tz_db_default"
    if db in client.list_databases():
        for c in MilvusClient(uri=uri, db_name=db).list_collections():
            MilvusClient(uri=uri, db_name=db).drop_collection(c)
        client.drop_database(db)
    client.create_database(db, properties={"timezone": "Asia/Tokyo"})
    try:
        assert client.describe_database(db)["timezone"] == "Asia/Tokyo"
        dbc = MilvusClient(uri=uri, db_name=db)
        make_collection(dbc, "inherits")
        make_collection(dbc, "own", {"timezone": "Europe/Paris"})
        for c in ("inherits", "own"):
            dbc.insert(c, rows(["2025-01-01T09:00:00"]))
        assert tsz_by_id(dbc, "inherits")[0] == "2025-01-01T09:00:00+09:00"
        assert tsz_by_id(dbc, "own")[0] == "2025-01-01T09:00:00+01:00"
        assert tsz_by_id(dbc, "inherits", timezone="UTC")[0] == "2025-01-01T00:00:00Z"
        # Milvus copies the database zone at creation: later changes leave
        # the collection alone.
        client.alter_database_properties(db, {"timezone": "UTC"})
        assert tsz_by_id(dbc, "inherits")[0] == "2025-01-01T09:00:00+09:00"
        with expect(1100, BAD_ZONE):
            client.alter_database_properties(db, {"timezone": "invalid_timezone_for_test"})
        for c in ("inherits", "own"):
            dbc.drop_collection(c)
    finally:
        client.drop_database(db)
    with expect(1100, BAD_ZONE):
        client.create_database("tz_db_bad", properties={"timezone": "Mars/Olympus"})


def test_time_fields(client, collection_name):
    make_collection(client, collection_name)
    client.insert(collection_name, rows(["2024-12-31T16:30:05.123456Z", "2025-01-01T00:00:00Z"]))
    got = client.query(collection_name, filter="id <= 1", output_fields=["id", "tsz"], time_fields="year, month, day")
    assert {r["id"]: r["tsz"] for r in got} == {0: [2024, 12, 31], 1: [2025, 1, 1]}
    got = client.query(collection_name, filter="id == 0", output_fields=["tsz"],
                       time_fields="year,month,day,hour,minute,second,microsecond", timezone="Asia/Shanghai")
    assert got[0]["tsz"] == [2025, 1, 1, 0, 30, 5, 123456]
    hits = client.search(collection_name, data=[[1.0, 0.0, 0.0, 0.0]], limit=2, output_fields=["tsz"],
                         time_fields="hour minute", timezone="Asia/Kolkata")[0]
    assert [h["entity"]["tsz"] for h in hits] == [[22, 0], [5, 30]]
    with expect(1100, "unsupported field for extraction: week"):
        client.query(collection_name, filter="id >= 0", output_fields=["tsz"], time_fields="year, week")


def test_hybrid_search_zone(client, collection_name):
    from pymilvus import AnnSearchRequest, RRFRanker
    make_collection(client, collection_name, {"timezone": "Asia/Shanghai"})
    client.insert(collection_name, rows(["2025-01-01T08:00:00", "2025-01-02T08:00:00"]))
    req = AnnSearchRequest(data=[[1.0, 0.0, 0.0, 0.0]], anns_field="vec", param={}, limit=5,
                           expr="tsz < ISO '2025-01-02T04:00:00'")
    hits = client.hybrid_search(collection_name, [req], RRFRanker(), limit=5, output_fields=["tsz"],
                                timezone="UTC")[0]
    # Rows are 2025-01-01T00:00Z and 2025-01-02T00:00Z: 04:00 UTC is after both,
    # 04:00 in Shanghai (20:00Z the day before) only after row 0.
    assert sorted(h["id"] for h in hits) == [0, 1]
    assert {h["id"]: h["entity"]["tsz"] for h in hits}[1] == "2025-01-02T00:00:00Z"
    hits = client.hybrid_search(collection_name, [req], RRFRanker(), limit=5, output_fields=["tsz"])[0]
    assert [h["id"] for h in hits] == [0]
    assert hits[0]["entity"]["tsz"] == "2025-01-01T08:00:00+08:00"


def test_bad_zone_names(client, collection_name):
    with expect(1100, BAD_ZONE, "Mars/Olympus"):
        make_collection(client, collection_name, {"timezone": "Mars/Olympus"})
    make_collection(client, collection_name)
    client.insert(collection_name, rows(["2025-01-01T00:00:00Z"]))
    with expect(1100, BAD_ZONE, "Nowhere/City"):
        client.query(collection_name, filter="id >= 0", output_fields=["tsz"], timezone="Nowhere/City")
    with expect(1100, BAD_ZONE, "+08:00"):
        client.search(collection_name, data=[[1.0, 0.0, 0.0, 0.0]], limit=1, timezone="+08:00")
    with expect(1100, "invalid timestamptz value"):
        client.insert(collection_name, rows(["2025-01-01T00:00:00+15:00"]))
