"""The schema and the reference data on the real Neo4j server."""

from graph import schema
from graph.repositories import reference
from mentore.services import setup


def test_schema_applies_twice_and_every_index_is_online(graph):
    setup.apply_schema(graph)  # the session applied it once already
    indexes = {i.name: i for i in schema.indexes(graph)}
    for name in ("organisation_text", "need_text", "forum_text", "partnership_text", "organisation_embedding",
                 "need_embedding", "partnership_embedding"):
        assert indexes[name].state == "ONLINE", name
    assert {"organisation_id", "organisation_codice_fiscale", "person_email", "territory_id"} <= \
        schema.constraint_names(graph)


def test_full_text_indexes_use_the_italian_analyzer(graph):
    rows = graph.read("SHOW FULLTEXT INDEXES YIELD name, options RETURN name, options")
    analyzers = {r["name"]: r["options"]["indexConfig"]["fulltext.analyzer"] for r in rows}
    assert analyzers == {"organisation_text": "italian", "need_text": "italian", "forum_text": "italian",
                         "partnership_text": "italian", "best_practice_text": "italian"}


def test_italian_search_finds_plural_forms(graph):
    graph.write("CREATE (:Organisation {id: 'o1', codice_fiscale: '1', name: 'Amici degli anziani', "
                "description: 'Compagnia agli anziani soli'})")
    graph.write("CALL db.awaitIndexes(30)")
    found = graph.read("CALL db.index.fulltext.queryNodes('organisation_text', $q) YIELD node RETURN node.id AS id",
                       q="anziano")
    assert [r["id"] for r in found] == ["o1"]


def test_vector_indexes_take_512_dimension_cosine_embeddings(graph):
    rows = graph.read("SHOW VECTOR INDEXES YIELD name, options RETURN name, options")
    config = {r["name"]: r["options"]["indexConfig"] for r in rows}
    for name in ("organisation_embedding", "need_embedding", "partnership_embedding"):
        assert config[name]["vector.dimensions"] == 512
        assert config[name]["vector.similarity_function"].lower() == "cosine"


def test_reference_data_is_the_whole_istat_hierarchy(graph):
    counts = reference.reference_counts(graph)
    assert (counts["regioni"], counts["province"], counts["comuni"]) == (20, 107, 7896)
    assert counts["activities"] == 26
    chain = graph.read(
        "MATCH (:Territory {name: 'Biella', level: 'comune'})-[:PART_OF]->(p)-[:PART_OF]->(r) "
        "RETURN p.name AS provincia, r.name AS regione")
    assert chain == [{"provincia": "Biella", "regione": "Piemonte"}]
    orphans = graph.read("MATCH (t:Territory) WHERE t.level <> 'regione' AND NOT (t)-[:PART_OF]->() "
                         "RETURN count(t) AS n")
    assert orphans[0]["n"] == 0


def test_reference_load_is_skipped_when_up_to_date(graph):
    assert setup.load_reference(graph).skipped
