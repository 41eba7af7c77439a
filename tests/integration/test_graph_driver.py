"""The gateway's rows are what the driver's ``Record.data()`` gives, for every kind of value the
repositories read (``Graph`` converts them itself, faster)."""

import neo4j

QUERY = """
CREATE (a:DriverProbe {name: 'a', tags: ['x', 'y'], size: 3, share: 0.5, vector: [0.25, 0.5]})
CREATE (b:DriverProbe {name: 'b', on: date('2026-11-22')})
CREATE (a)-[r:PROBE_LINK {weight: 2}]->(b)
WITH a, b, r
MATCH p = (a)-[:PROBE_LINK]->(b)
RETURN a, r, p, [a, b] AS nodes, {node: b, list: [1, 'two', null, [a]], when: b.on} AS nested,
       a.tags AS tags, a.vector AS vector, a.size AS size, a.share AS share, null AS nothing,
       datetime('2026-11-22T10:00:00Z') AS at, point({x: 1, y: 2}) AS place, true AS flag, [] AS empty
"""


def test_rows_are_those_of_record_data(graph):
    with graph.driver.session(database=graph.database) as session:
        expected = [record.data() for record in session.run(QUERY)]
        session.run("MATCH (n:DriverProbe) DETACH DELETE n").consume()
    rows = graph.write(QUERY)
    assert rows == expected
    row = rows[0]
    assert row["a"] == {"name": "a", "tags": ["x", "y"], "size": 3, "share": 0.5, "vector": [0.25, 0.5]}
    assert row["r"] == ({"name": "a", "tags": ["x", "y"], "size": 3, "share": 0.5, "vector": [0.25, 0.5]},
                        "PROBE_LINK", row["nested"]["node"])
    assert row["nested"]["list"][3] == [row["a"]]
    assert isinstance(row["at"], neo4j.time.DateTime) and row["nothing"] is None and row["empty"] == []
