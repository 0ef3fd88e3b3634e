"""GEOMETRY fields and the spatial filter functions through pymilvus: WKT in,
WKT out in the form Milvus prints it, ST_* filters on sealed and growing
rows, nulls and defaults, RTREE indexes, and Milvus's errors."""

import contextlib
import math

import pytest
from pymilvus import DataType, MilvusClient
from pymilvus.exceptions import MilvusException

SHOPS = {  # Milvus's geometry guide: shops in Berlin
    1: "POINT(13.399710 52.518010)",
    2: "POINT(13.403934 52.522877)",
    3: "POINT(13.405088 52.521124)",
    4: "POINT(13.408223 52.516876)",
    5: "POINT(13.400092 52.521507)",
    6: "POINT(13.408529 52.519274)",
}
EXTRA = {
    7: "LINESTRING (13.40 52.50, 13.41 52.53)",
    8: "POLYGON ((13.40 52.51, 13.41 52.51, 13.41 52.52, 13.40 52.52, 13.40 52.51))",
    9: None,
    10: "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))",  # a bow tie: not valid
}
BOX = ("POLYGON((13.403683 52.520711, 13.455868 52.520711, 13.455868 52.495862, "
       "13.403683 52.495862, 13.403683 52.520711))")
CENTER = (13.403683, 52.520711)


@contextlib.contextmanager
def expect(*substrs):
    with pytest.raises(MilvusException) as ei:
        yield ei
    for s in substrs:
        assert s in ei.value.message, f"{s!r} not in {ei.value.message!r}"


def haversine(lon1, lat1, lon2, lat2):
    r = math.radians
    h = math.sin(r(lat2 - lat1) / 2) ** 2 + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    return 6371000 * 2 * math.atan2(math.sqrt(h), math.sqrt(1 - h))


def make_schema():
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=True)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("vec", DataType.FLOAT_VECTOR, dim=2)
    s.add_field("geo", DataType.GEOMETRY, nullable=True)
    s.add_field("name", DataType.VARCHAR, max_length=32)
    return s


@pytest.fixture
def geo(client, collection_name):
    idx = client.prepare_index_params()
    idx.add_index("vec", index_type="FLAT", metric_type="L2")
    client.create_collection(collection_name, schema=make_schema(), index_params=idx, consistency_level="Strong")
    rows = [{"id": i, "vec": [float(i), 0.0], "geo": w, "name": f"shop{i}"} for i, w in SHOPS.items()]
    client.insert(collection_name, rows)
    client.flush(collection_name)  # the shops are sealed, the rest stays growing
    client.insert(collection_name, [{"id": i, "vec": [float(i), 0.0], "geo": w, "name": f"x{i}"} for i, w in EXTRA.items()])
    return collection_name


def ids(client, coll, flt):
    return sorted(r["id"] for r in client.query(coll, filter=flt, output_fields=["id"], limit=100))


def test_output_is_milvus_wkt(client, geo):
    got = {r["id"]: r["geo"] for r in client.query(geo, filter="id in [1, 7, 8, 9]", output_fields=["geo"])}
    assert got == {
        1: "POINT (13.39971 52.51801)",
        7: "LINESTRING (13.4 52.5, 13.41 52.53)",
        8: "POLYGON ((13.4 52.51, 13.41 52.51, 13.41 52.52, 13.4 52.52, 13.4 52.51))",
        9: None,
    }


def test_spatial_filters(client, geo):
    assert ids(client, geo, f"st_within(geo, '{BOX}')") == [4, 6]
    assert ids(client, geo, f"ST_WITHIN(geo, '{BOX}')") == [4, 6]
    assert ids(client, geo, f"ST_INTERSECTS(geo, '{BOX}')") == [4, 6, 7, 8]
    assert ids(client, geo, "ST_CONTAINS(geo, 'POINT (13.405 52.515)')") == [8]
    assert ids(client, geo, "ST_TOUCHES(geo, 'POINT (13.40 52.515)')") == [8]
    assert ids(client, geo, "ST_CROSSES(geo, 'LINESTRING (13.39 52.515, 13.42 52.515)')") == [7, 8]
    assert ids(client, geo, "ST_EQUALS(geo, 'POINT(13.39971 52.51801)')") == [1]
    assert ids(client, geo, "ST_OVERLAPS(geo, 'POLYGON ((13.405 52.515, 13.42 52.515, 13.42 52.53, "
                            "13.405 52.53, 13.405 52.515))')") == [8]
    assert ids(client, geo, "not st_isvalid(geo)") == [10]
    assert ids(client, geo, "geo is null") == [9]
    # Null rows match neither a predicate nor its negation.
    assert ids(client, geo, f"not ST_WITHIN(geo, '{BOX}')") == [1, 2, 3, 5, 7, 8, 10]
    # Template values carry the WKT.
    got = client.query(geo, filter="ST_WITHIN(geo, {box}) and id > {lo}", filter_params={"box": BOX, "lo": 4},
                       output_fields=["id"])
    assert [r["id"] for r in got] == [6]


@pytest.mark.parametrize("meters", [100, 300, 600, 1000])
def test_dwithin_matches_haversine(client, geo, meters):
    want = []
    for i, w in SHOPS.items():
        lon, lat = map(float, w[len("POINT("):-1].split())
        if haversine(lon, lat, *CENTER) <= meters:
            want.append(i)
    # Other rows: planar degrees times metres per degree at the point's
    # latitude (about 92.1 km): the polygon is 0.000711° (65 m) south of
    # the point, the line 0.003055° (281 m) east.
    want += [7] if meters >= 281 else []
    want += [8] if meters >= 65 else []
    got = ids(client, geo, f"st_dwithin(geo, 'POINT({CENTER[0]} {CENTER[1]})', {meters})")
    assert got == sorted(want)


def test_search_with_spatial_filter(client, geo):
    res = client.search(geo, data=[[6.0, 0.0]], limit=3, filter=f"st_within(geo, '{BOX}')",
                        output_fields=["name", "geo"], anns_field="vec")
    hits = res[0]
    assert [h["id"] for h in hits] == [6, 4]
    assert hits[0]["entity"]["geo"] == "POINT (13.408529 52.519274)"


def test_upsert_replaces_geometry(client, geo):
    client.upsert(geo, [{"id": 1, "vec": [1.0, 0.0], "geo": "POINT (13.41 52.51)", "name": "moved"}])
    assert ids(client, geo, f"ST_WITHIN(geo, '{BOX}')") == [1, 4, 6]
    assert client.get(geo, ids=[1], output_fields=["geo"])[0]["geo"] == "POINT (13.41 52.51)"


def test_rtree_index(client, geo):
    before = {f: ids(client, geo, f) for f in (f"ST_WITHIN(geo, '{BOX}')", "ST_INTERSECTS(geo, 'POINT (13.405 52.515)')")}
    client.release_collection(geo)
    idx = client.prepare_index_params()
    idx.add_index("geo", index_type="RTREE", index_name="rtree_geo")
    client.create_index(geo, idx)
    desc = client.describe_index(geo, "rtree_geo")
    assert desc["index_type"] == "RTREE" and desc["field_name"] == "geo"
    client.load_collection(geo)
    for f, want in before.items():
        assert ids(client, geo, f) == want
    bad = client.prepare_index_params()
    bad.add_index("name", index_type="RTREE", index_name="rtree_name")
    with expect("RTREE index can only be built on geometry field, got VarChar"):
        client.create_index(geo, bad)


def test_default_value(client, collection_name):
    s = MilvusClient.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("vec", DataType.FLOAT_VECTOR, dim=2)
    s.add_field("geo", DataType.GEOMETRY, nullable=True, default_value="POINT(1.50 2)")
    idx = client.prepare_index_params()
    idx.add_index("vec", index_type="FLAT", metric_type="L2")
    client.create_collection(collection_name, schema=s, index_params=idx)
    client.insert(collection_name, [{"id": 1, "vec": [0, 0], "geo": None}, {"id": 2, "vec": [0, 0]},
                                    {"id": 3, "vec": [0, 0], "geo": "POINT (3 4)"}])
    got = {r["id"]: r["geo"] for r in client.query(collection_name, filter="id > 0", output_fields=["geo"])}
    assert got == {1: "POINT (1.5 2)", 2: "POINT (1.5 2)", 3: "POINT (3 4)"}


def test_bad_default_value(client, collection_name):
    s = MilvusClient.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("vec", DataType.FLOAT_VECTOR, dim=2)
    s.add_field("geo", DataType.GEOMETRY, default_value="POINT(1)")
    with expect("invalid default value of geometry field geo"):
        client.create_collection(collection_name, schema=s)


@pytest.mark.parametrize("wkt", ["POINT (1)", "not wkt", "POLYGON ((0 0, 1 0, 1 1, 0 0", "LINESTRING (1 2)"])
def test_insert_rejects_bad_wkt(client, geo, wkt):
    with expect("invalid WKT data of field geo"):
        client.insert(geo, [{"id": 100, "vec": [0.0, 0.0], "geo": wkt, "name": "bad"}])


@pytest.mark.parametrize("flt,msg", [
    ("St_Within(geo, 'POINT (1 1)')", "function St_Within is not supported"),
    ("ST_WITHIN(name, 'POINT (1 1)')", "spatial operation are only supported on geometry fields now"),
    ("ST_DWITHIN(name, 'POINT (1 1)', 5)", "ST_DWITHIN operation are only supported on geometry fields now"),
    ("ST_WITHIN(geo, 'POINT (1)')", "invalid WKT"),
    ("ST_WITHIN(geo)", "expects 2 arguments"),
    ("ST_DWITHIN(geo, 'POLYGON ((0 0, 1 0, 1 1, 0 0))', 5)", "ST_DWITHIN requires a POINT geometry"),
    ("ST_DWITHIN(geo, 'POINT (1 1)', -5)", "distance parameter must be non-negative"),
])
def test_filter_errors(client, geo, flt, msg):
    with expect(msg):
        client.query(geo, filter=flt, output_fields=["id"])
