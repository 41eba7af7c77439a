"""The demo data set of `make run`: big enough to feel real, and loading it again changes nothing."""

from mentore.services import setup

SNAPSHOT = """
MATCH (n) WITH count(n) AS nodes
MATCH ()-[r]->() WITH nodes, count(r) AS rels
RETURN nodes, rels
"""


def test_demo_data_covers_the_seed_targets(graph):
    assert not setup.load_demo(graph).skipped
    figures = graph.read("""
        RETURN COUNT { (:Organisation {kind: 'ETS'}) } AS ets,
               COUNT { (:Organisation {kind: 'PUBLIC_BODY'}) } AS public_bodies,
               COUNT { MATCH (:Organisation)-[:LOCATED_IN]->()-[:PART_OF]->()-[:PART_OF]->(r) RETURN DISTINCT r }
                 AS regions,
               COUNT { (:Person)-[:MEMBER_OF]->(:Organisation) } AS memberships,
               COUNT { (:Need {status: 'open'}) } AS open_needs,
               COUNT { (:Community)<-[:FACILITATES]-(:Person) } AS facilitations""")[0]
    assert figures["ets"] >= 200 and figures["public_bodies"] >= 100
    assert figures["regions"] >= 6
    assert figures["memberships"] >= figures["ets"] + figures["public_bodies"]
    assert figures["open_needs"] > 0
    communities = graph.read("MATCH (c:Community) RETURN c.name AS name, "
                             "COUNT { (c)<-[:FACILITATES]-() } AS facilitators, "
                             "COUNT { (c)<-[:IN]-(:Topic) } AS topics")
    assert len(communities) == 5
    assert all(c["facilitators"] >= 1 and c["topics"] >= 1 for c in communities)
    unplaced = graph.read("MATCH (o:Organisation) WHERE NOT (o)-[:LOCATED_IN]->(:Territory {level: 'comune'}) "
                          "RETURN count(o) AS n")
    assert unplaced[0]["n"] == 0


def test_loading_the_demo_again_changes_nothing_that_exists(graph):
    setup.load_demo(graph)
    graph.write("MATCH (o:Organisation) WITH o ORDER BY o.id LIMIT 1 SET o.description = 'Modificata da un utente'")
    before = graph.read(SNAPSHOT)[0]

    assert setup.load_demo(graph).skipped  # the quick path of a second `make run`
    assert not setup.load_demo(graph, force=True).skipped  # even written again, create-only

    assert graph.read(SNAPSHOT)[0] == before
    edited = graph.read("MATCH (o:Organisation) WITH o ORDER BY o.id LIMIT 1 RETURN o.description AS d")
    assert edited[0]["d"] == "Modificata da un utente"
