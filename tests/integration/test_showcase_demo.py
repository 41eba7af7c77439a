"""The demo's best practices, loaded with the rest of the demo data: published, linked to real
demo organisations, territories and communities, found by the public list."""

from mentore import create_app
from mentore.services import setup
from tests.conftest import app_config


def test_the_demo_has_credible_best_practices_linked_to_the_communities(graph, neo4j_server):
    setup.load_demo(graph)
    rows = graph.read("""
        MATCH (bp:BestPractice)
        RETURN bp.status AS status, bp.title AS title,
               COUNT { (bp)-[:INVOLVES]->(:Organisation) } AS organisations,
               COUNT { (bp)-[:CONCERNS]->(:Activity) } AS activities,
               COUNT { (bp)-[:IN]->(:Territory) } AS territories,
               COUNT { (bp)-[:FROM_COMMUNITY]->(:Community) } AS communities,
               COUNT { (bp)-[:FROM_TOPIC]->(:Topic) } AS topics,
               COUNT { (:Person)-[:WROTE]->(bp) } AS authors,
               size(bp.materials) AS materials""")
    assert 6 <= len(rows) <= 8
    assert all(r["status"] == "published" and r["organisations"] >= 2 and r["activities"] >= 1
               and r["territories"] == 1 and r["communities"] == 1 and r["authors"] == 1 and r["materials"] >= 1
               and r["topics"] <= 1
               for r in rows), rows
    unsolved = graph.read("MATCH (:BestPractice)-[:FROM_TOPIC]->(t:Topic) WHERE NOT (t)-[:SOLVED_BY]->() "
                          "RETURN count(t) AS n")
    assert unsolved == [{"n": 0}]  # only solved topics are promoted
    assert len(graph.read("MATCH (bp:BestPractice)-[:FROM_COMMUNITY]->(c) RETURN DISTINCT c.id AS c")) == 5

    client = create_app(app_config(neo4j_server)).test_client()
    page = client.get("/buone-pratiche?q=repair").get_data(as_text=True)
    assert "Un Repair Café in biblioteca" in page
    body = client.get("/api/v1/best-practices?per_page=100").get_json()
    assert body["total"] == len(rows)
