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


def test_a_vector_index_made_with_other_options_is_rebuilt_with_the_schemas(graph):
    """A graph made before the index options changed gets the schema's at the next apply, and
    the vectors already stored are found through the rebuilt index."""
    vector = [1.0] + [0.0] * 511
    graph.write("CREATE (n:Need {id: 'n-old-index'}) WITH n CALL db.create.setNodeVectorProperty(n, 'embedding', $v)",
                v=vector)
    graph.write("DROP INDEX need_embedding")
    graph.write("CREATE VECTOR INDEX need_embedding FOR (n:Need) ON (n.embedding) OPTIONS {indexConfig: "
                "{`vector.dimensions`: 512, `vector.similarity_function`: 'cosine', `vector.hnsw.m`: 16}}")
    try:
        assert schema.outdated_vector_indexes(graph, schema.statements()) == ["need_embedding"]
        setup.apply_schema(graph)
        assert schema.outdated_vector_indexes(graph, schema.statements()) == []
        config = {r["name"]: r["options"]["indexConfig"]
                  for r in graph.read("SHOW VECTOR INDEXES YIELD name, options RETURN name, options")}
        wanted = schema.vector_configs(schema.statements())["need_embedding"]
        assert config["need_embedding"]["vector.hnsw.m"] == wanted["vector.hnsw.m"] != 16
        assert config["need_embedding"]["vector.hnsw.ef_construction"] == wanted["vector.hnsw.ef_construction"]
        found = graph.read("CALL db.index.vector.queryNodes('need_embedding', 1, $v) YIELD node RETURN node.id AS id",
                           v=vector)
        assert found == [{"id": "n-old-index"}]
    finally:
        setup.apply_schema(graph)  # never leave the session's index as this test made it


def test_a_profile_index_built_on_every_organisation_is_rebuilt_on_the_pool_and_graph_init_labels_it(graph):
    """A graph made when the profiles' index held every organisation: the next apply builds it
    on the organisations of the pool, whose label ``graph init`` puts on those without it; the
    foreign ones are left out of it. A full-text index on other labels is rebuilt as well."""
    vector = [1.0] + [0.0] * 511
    graph.write("UNWIND [['o-it', null], ['o-fr', 'FR']] AS row "
                "CREATE (o:Organisation {id: row[0], country: row[1], embedding_model: 'm'}) "
                "WITH o CALL db.create.setNodeVectorProperty(o, 'embedding', $v)", v=vector)
    graph.write("DROP INDEX organisation_embedding")
    graph.write("CREATE VECTOR INDEX organisation_embedding FOR (n:Organisation) ON (n.embedding) OPTIONS "
                "{indexConfig: {`vector.dimensions`: 512, `vector.similarity_function`: 'cosine', "
                "`vector.quantization.enabled`: false, `vector.hnsw.m`: 64, `vector.hnsw.ef_construction`: 400}}")
    try:
        # a full-text index on other labels too
        graph.write("DROP INDEX need_text")
        graph.write("CREATE FULLTEXT INDEX need_text FOR (n:Need|Topic) ON EACH [n.title] "
                    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'italian'}}")
        assert schema.relabelled_indexes(graph, schema.statements()) == ["need_text", "organisation_embedding"]
        setup.apply_schema(graph)
        assert schema.relabelled_indexes(graph, schema.statements()) == []
        assert setup.sync_pool_label(graph) == 1
        assert setup.sync_pool_label(graph) == 0
        graph.write("CALL db.awaitIndexes(30)")
        found = graph.read("CALL db.index.vector.queryNodes('organisation_embedding', 2, $v) YIELD node "
                           "RETURN node.id AS id", v=vector)
        assert found == [{"id": "o-it"}]
    finally:
        setup.apply_schema(graph)  # never leave the session's index as this test made it


def test_the_vector_indexes_take_the_model_s_dimension_and_keep_it_at_the_next_apply(graph):
    """Another embedding model (a sentence-transformers one of 384 dimensions): its vectors are
    indexed and found, and applying the schema again (every `make run`) leaves the indexes so."""
    names = sorted(schema.vector_configs(schema.statements()))
    try:
        assert sorted(schema.fit_vector_indexes(graph, 8)) == names
        assert schema.vector_dimensions(graph) == dict.fromkeys(names, 8)
        wanted = schema.vector_configs(schema.statements())["need_embedding"]
        config = {r["name"]: r["options"]["indexConfig"]
                  for r in graph.read("SHOW VECTOR INDEXES YIELD name, options RETURN name, options")}
        assert config["need_embedding"]["vector.hnsw.m"] == wanted["vector.hnsw.m"]  # the schema's other options
        vector = [0.0, 1.0] + [0.0] * 6
        graph.write("CREATE (n:Need {id: 'n-8'}) WITH n CALL db.create.setNodeVectorProperty(n, 'embedding', $v)",
                    v=vector)
        graph.write("CALL db.awaitIndexes(30)")
        found = graph.read("CALL db.index.vector.queryNodes('need_embedding', 1, $v) YIELD node RETURN node.id AS id",
                           v=vector)
        assert found == [{"id": "n-8"}]
        setup.apply_schema(graph)
        assert schema.vector_dimensions(graph) == dict.fromkeys(names, 8)
        assert schema.fit_vector_indexes(graph, 8) == []  # already so: nothing is rebuilt
    finally:
        schema.fit_vector_indexes(graph, 512)  # never leave the session's indexes as this test made them
    assert schema.vector_dimensions(graph) == dict.fromkeys(names, 512)


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
