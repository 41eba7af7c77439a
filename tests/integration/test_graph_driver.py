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


def test_collected_rows_are_the_rows_one_by_one(graph):
    """``read_collected`` gives the maps a query collects in one row as the same dicts the rows
    one by one would give, in the query's order, and an empty list when nothing matches."""
    graph.write("UNWIND range(1, 300) AS i CREATE (:DriverProbe {n: i, tags: ['t' + i], share: i / 7.0})")
    try:
        ordered = "MATCH (p:DriverProbe) WITH p ORDER BY p.n "
        one_by_one = graph.read(ordered + "RETURN p.n AS n, p.tags AS tags, p.share AS share, null AS nothing")
        collected = graph.read_collected(
            ordered + "RETURN collect({n: p.n, tags: p.tags, share: p.share, nothing: null}) AS rows")
        assert len(one_by_one) == 300 and collected == one_by_one
        assert graph.read_collected("MATCH (p:DriverProbe) WHERE p.n > $top RETURN collect(p.n) AS rows",
                                    top=300) == []
    finally:
        graph.write("MATCH (p:DriverProbe) DETACH DELETE p")
