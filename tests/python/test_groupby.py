"""Grouping search: at most group_size hits per group value, groups ranked by
their best hit, checked against numpy."""

import numpy as np
from pymilvus import DataType

from helpers import rng


def test_group_by(client, collection_name):
    s = client.create_schema()
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("vector", DataType.FLOAT_VECTOR, dim=4)
    s.add_field("doc", DataType.VARCHAR, max_length=8)
    ip = client.prepare_index_params()
    ip.add_index("vector", index_type="FLAT", metric_type="L2")
    client.create_collection(collection_name, schema=s, index_params=ip)
    v = rng(3).random((300, 4), dtype=np.float32)
    docs = [f"d{i % 7}" for i in range(300)]
    client.insert(collection_name, [{"id": i, "vector": v[i].tolist(), "doc": docs[i]} for i in range(300)])
    q = v[10]
    order = np.argsort(((v - q) ** 2).sum(1), kind="stable")
    groups, want = [], {}
    for i in order:
        d = docs[i]
        if d not in want:
            if len(groups) == 3:
                continue
            groups.append(d)
            want[d] = []
        if len(want[d]) < 2:
            want[d].append(int(i))
    res = client.search(collection_name, [q.tolist()], limit=3, group_by_field="doc", group_size=2, output_fields=["doc"])
    got = [(h["entity"]["doc"], h["id"]) for h in res[0]]
    assert got == [(d, i) for d in groups for i in want[d]]
