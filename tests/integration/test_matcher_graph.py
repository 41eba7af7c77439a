"""The matcher on the real Neo4j with the real default model: embeddings, candidates from the
vector index against exact search, partner suggestions with reasons, training from history,
degraded modes, and the benchmark command on tiny bundles."""

import gc
import json
import logging
from dataclasses import replace

import numpy as np
import pytest
from click.testing import CliRunner

from graph.repositories import matching as repo
from mentore.matcher import embedding
from mentore.matcher import vectors as matcher_vectors
from mentore.matcher.features import EVIDENCE, FEATURE_NAMES, CandidateFacts, Place, Query, evidence_of
from mentore.matcher.vectors import VectorTable
from mentore.services import matching, partnerships, setup
from mentore.services.errors import ValidationFailed

ORGANISATIONS = [
    {"id": "amici", "name": "Amici in Auto ODV", "country": "IT", "city": "Bari", "kind": "OTH",
     "description": "Trasporto sociale: autisti volontari accompagnano anziani e disabili alle visite mediche."},
    {"id": "caf", "name": "Centro Servizi Contabili", "country": "IT", "city": "Lecce", "kind": "OTH",
     "description": "Consulenza fiscale e amministrativa, rendicontazione di progetti finanziati."},
    {"id": "orti", "name": "Orti Sociali APS", "country": "IT", "city": "Bari", "kind": "OTH",
     "description": "Orti urbani condivisi, agricoltura sociale, educazione ambientale nelle scuole."},
    {"id": "comune-bari", "name": "Comune di Bari", "country": "IT", "city": "Bari", "kind": "PUB"},
    {"id": "uni-ba", "name": "Università di Bari", "country": "IT", "city": "Bari", "kind": "HES"},
    {"id": "ngo-fr", "name": "Association Solidaire", "country": "FR", "city": "Lyon", "kind": "OTH"},
]
PROJECTS = [
    {"id": "p1", "title": "Mobilità sociale per anziani", "objective": "Trasporto di anziani alle cure",
     "start_date": "2023-01-01", "members": [{"org": "amici", "role": "coordinator"},
                                             {"org": "comune-bari", "role": "participant"},
                                             {"org": "ngo-fr", "role": "participant"}]},
    {"id": "p2", "title": "Orti in città", "objective": "Orti condivisi nei quartieri periferici",
     "start_date": "2023-03-01", "members": [{"org": "orti", "role": "coordinator"},
                                             {"org": "comune-bari", "role": "participant"},
                                             {"org": "uni-ba", "role": "participant"}]},
    {"id": "p3", "title": "Scuole verdi", "objective": "Educazione ambientale e orti scolastici",
     "start_date": "2023-06-01", "members": [{"org": "uni-ba", "role": "coordinator"},
                                             {"org": "orti", "role": "participant"},
                                             {"org": "ngo-fr", "role": "participant"}]},
]


@pytest.fixture(scope="module")
def model_matcher():
    return matching.Matcher(load_embedder=embedding.load)


@pytest.fixture()
def matcher(model_matcher):
    """The module's matcher (the model loads once), with nothing kept of another test's graph;
    a new reading of the work freezes the heap (matching.freeze_heap): thawed after the test, so
    that the suite's later garbage is collected."""
    model_matcher.forget_graph()
    yield model_matcher
    model_matcher.settle(timeout=60)
    gc.unfreeze()


@pytest.fixture()
def history(graph, matcher):
    partnerships.import_organisations(graph, ORGANISATIONS, "test")
    partnerships.import_partnerships(graph, PROJECTS, "test")
    matching.embed_all(matcher, graph)
    graph.write("CALL db.awaitIndexes(60)")
    return graph


def test_import_resolves_italian_seats_and_keeps_foreign_partners_out_of_the_pool(history):
    rows = {r["id"]: r for r in history.read(
        "MATCH (o:Organisation) OPTIONAL MATCH (o)-[:LOCATED_IN]->(t) RETURN o.id AS id, o.kind AS kind, "
        "o.country AS country, t.name AS seat")}
    assert rows["amici"]["seat"] == "Bari" and rows["caf"]["seat"] == "Lecce"
    assert rows["comune-bari"]["kind"] == "PUBLIC_BODY" and rows["amici"]["kind"] == "ETS"
    assert rows["ngo-fr"]["seat"] is None and rows["ngo-fr"]["country"] == "FR"
    roles = history.read("MATCH (o {id: 'amici'})-[r:PARTNER_IN]->(:Partnership {id: 'p1'}) RETURN r.role AS role")
    assert roles == [{"role": "lead"}]


def test_every_node_gets_a_vector_of_the_model_and_a_second_run_embeds_nothing(history, matcher):
    missing = history.read("MATCH (n) WHERE (n:Organisation OR n:Partnership) AND "
                           "(n.embedding IS NULL OR n.embedding_model <> $model) RETURN count(n) AS n",
                           model=matcher.model)
    assert missing == [{"n": 0}]
    assert matching.embed_all(matcher, history) == {"Partnership": 0, "Need": 0, "Organisation": 0}
    # a described organisation's vector is its own words plus its past work
    vector = np.asarray(history.read("MATCH (o {id: 'caf'}) RETURN o.embedding AS v")[0]["v"])
    assert abs(np.linalg.norm(vector) - 1) < 1e-5


def test_vector_index_candidates_are_the_exact_nearest_profiles(history, matcher):
    query = matcher.encode(["accompagnare i nonni in ospedale con l'auto"])[0]
    rows = history.read("MATCH (o:Organisation) RETURN o.id AS id, o.embedding AS v, o.country AS country")
    # the index holds the organisations of the pool alone: the k nearest asked for are k of them,
    # however near the foreign ones are
    assert any(r["country"] != "IT" for r in rows)
    exact = sorted((r for r in rows if r["country"] == "IT"), key=lambda r: -float(np.asarray(r["v"]) @ query))[:4]
    found = repo.profile_neighbours(history, [float(x) for x in query], matcher.model, k=4)
    assert [r["id"] for r in found] == [r["id"] for r in exact]
    assert found[0]["id"] == "amici"
    assert abs(found[0]["similarity"] - float(np.asarray(exact[0]["v"]) @ query)) < 1e-4


def test_the_profiles_nearest_a_foreign_partner_s_are_those_of_the_pool_and_a_country_written_moves_it(
        history, matcher):
    """A query closest to a foreign partner's profile: the k nearest the index gives are k
    organisations that may be suggested (before, the foreign one took a place and was dropped);
    an import that makes an organisation foreign takes it out of the index, and back in."""
    vector = history.read("MATCH (o:Organisation {id: 'ngo-fr'}) RETURN o.embedding AS v")[0]["v"]
    rows = history.read("MATCH (o:Organisation) WHERE o.country = 'IT' RETURN o.id AS id, o.embedding AS v")
    exact = [r["id"] for r in sorted(rows, key=lambda r: -float(np.asarray(r["v"]) @ np.asarray(vector)))]
    found = repo.profile_neighbours(history, vector, matcher.model, k=2)
    assert [r["id"] for r in found] == exact[:2]
    first = exact[0]
    moved = [{**o, "country": "FR"} if o["id"] == first else o for o in ORGANISATIONS]
    partnerships.import_organisations(history, moved, "test")
    assert first not in [r["id"] for r in repo.profile_neighbours(history, vector, matcher.model, k=2)]
    assert history.read("MATCH (o:PoolOrganisation {id: $id}) RETURN count(o) AS n", id=first)[0]["n"] == 0
    partnerships.import_organisations(history, ORGANISATIONS, "test")
    assert [r["id"] for r in repo.profile_neighbours(history, vector, matcher.model, k=2)] == exact[:2]


def test_every_candidate_s_text_similarity_is_its_exact_cosine_whichever_source_found_it(
        history, matcher, monkeypatch):
    # the index is asked for 2 neighbours only: the others come from words and the graph, and
    # their cosine is computed in the facts query; the index's and the area's own ones are not
    # computed again
    monkeypatch.setattr(matching, "VECTOR_K", 2)
    history.write("MATCH (o:Organisation {id: 'comune-bari'}) SET o.activity_codes = ['b']")
    bari = history.read("MATCH (o:Organisation {id: 'amici'})-[:LOCATED_IN]->(t) RETURN t.id AS id")[0]["id"]
    text = "Orti sociali e trasporto di anziani alle visite mediche nei quartieri di Bari"
    query = Query(task="need", text=text, vector=matcher.encode([text])[0], activities=frozenset({"b"}),
                  places=(Place(comune=bari),))
    found = matching.gather(history, query, matcher.model)
    stored = {r["id"]: np.asarray(r["v"]) for r in history.read(
        "MATCH (o:Organisation) RETURN o.id AS id, o.embedding AS v")}
    by_source = {c.id: c.sources for c in found.candidates}
    assert any("profile" in s for s in by_source.values()) and any("profile" not in s for s in by_source.values())
    assert "neighbourhood" in by_source["comune-bari"]
    for c in found.candidates:
        assert c.text_similarity == pytest.approx(float(stored[c.id] @ query.vector), abs=1e-5), c.id
    # vectors are stored as 32-bit floats
    assert all(np.array_equal(v.astype(np.float32).astype(np.float64), v) for v in stored.values())


def test_each_candidate_s_consortium_similarity_is_its_cosine_with_the_known_partners_mean_direction(
        history, matcher):
    """Exact oracle from the stored vectors: the known partners' unit profiles summed and made
    unit length, against each candidate's unit profile; alike from the matcher's copy of the
    vectors and from the graph, for a foreign known partner too."""
    rows = history.read("MATCH (o:Organisation) WHERE o.embedding IS NOT NULL RETURN o.id AS id, o.embedding AS v")
    unit = {r["id"]: np.asarray(r["v"]) / np.linalg.norm(r["v"]) for r in rows}
    known = ["comune-bari", "ngo-fr"]
    centre = unit["comune-bari"] + unit["ngo-fr"]
    centre /= np.linalg.norm(centre)
    text = "Orti urbani e trasporto sociale nei quartieri"
    query = Query(task="partner", text=text, vector=matcher.encode([text])[0], known=frozenset(known))
    for vectors in (matcher.vectors(history), None):
        found = matching.gather(history, query, matcher.model, work=matcher.work(history), vectors=vectors)
        assert {c.id for c in found.candidates} >= {"amici", "orti", "uni-ba"}
        for c in found.candidates:
            assert c.consortium_similarity == pytest.approx(float(unit[c.id] @ centre), abs=1e-5), c.id
    # without known partners there is nothing to be close to
    alone = matching.gather(history, replace(query, known=frozenset()), matcher.model, work=matcher.work(history))
    assert alone.candidates and all(c.consortium_similarity is None for c in alone.candidates)
    # the feature is its closeness to the closest candidate's, as the text's
    result = matcher.rank(history, query, limit=10)
    column = FEATURE_NAMES.index("consortium_similarity")
    assert max(s.features[column] for s in result.items) == pytest.approx(1.0)


def test_the_area_s_organisations_closest_to_the_text_come_first_with_their_cosine(history, matcher):
    history.write("MATCH (o:Organisation) SET o.activity_codes = ['b']")
    bari = history.read("MATCH (o:Organisation {id: 'amici'})-[:LOCATED_IN]->(t) RETURN t.id AS id")[0]["id"]
    query = matcher.encode(["orti condivisi ed educazione ambientale nelle scuole"])[0]
    stored = {r["id"]: float(np.asarray(r["v"]) @ query) for r in history.read(
        "MATCH (o:Organisation)-[:LOCATED_IN]->(:Territory {id: $bari}) RETURN o.id AS id, o.embedding AS v",
        bari=bari)}
    assert len(stored) == 4  # amici, orti, the comune, the university: caf is in Lecce
    closest = sorted(stored, key=lambda oid: -stored[oid])
    rows = repo.neighbourhood(history, ["b"], [bari], [float(x) for x in query], matcher.model, exclude=["uni-ba"], k=2)
    assert [r["id"] for r in rows] == [x for x in closest if x != "uni-ba"][:2]
    assert [r["similarity"] for r in rows] == pytest.approx([stored[r["id"]] for r in rows], abs=1e-5)
    # without a vector (the model failed) the area's organisations still come, without cosine
    rows = repo.neighbourhood(history, ["b"], [bari], None, matcher.model, k=10)
    assert sorted(r["id"] for r in rows) == sorted(stored) and all(r["similarity"] is None for r in rows)
    assert repo.neighbourhood(history, ["other"], [bari], None, matcher.model) == []


def test_the_cosines_are_alike_from_the_matcher_s_copy_of_the_vectors_and_from_the_graph(history, matcher):
    history.write("MATCH (o:Organisation) SET o.activity_codes = ['b']")
    bari = history.read("MATCH (o:Organisation {id: 'amici'})-[:LOCATED_IN]->(t) RETURN t.id AS id")[0]["id"]
    text = "Orti sociali e trasporto di anziani alle visite mediche nei quartieri di Bari"
    vector = matcher.encode([text])[0]
    table = matching.read_vectors(history, matcher.model)
    embedded = history.read("MATCH (o:Organisation) WHERE o.embedding IS NOT NULL RETURN count(o) AS n")[0]["n"]
    assert len(table) == embedded
    # the area: the same organisations, in the same order, with the same cosines as the graph's
    # ranking; an organisation the copy does not hold (embedded since) is asked of the graph
    expected = repo.neighbourhood(history, ["b"], [bari], [float(x) for x in vector], matcher.model,
                                  exclude=["uni-ba"], k=matching.AREA_K)
    partial = VectorTable(matcher.model, ["amici"], [history.read(
        "MATCH (o:Organisation {id: 'amici'}) RETURN o.embedding AS v")[0]["v"]])
    for copy in (table, partial):
        rows = matching._area(history, ["b"], [bari], vector, matcher.model, ["uni-ba"], copy)
        assert [r["id"] for r in rows] == [r["id"] for r in expected]
        assert [r["similarity"] for r in rows] == pytest.approx([r["similarity"] for r in expected], abs=1e-5)
    # every candidate: the same candidates and cosines with the copy as without it
    query = Query(task="need", text=text, vector=vector, activities=frozenset({"b"}), places=(Place(comune=bari),))
    without = {c.id: c.text_similarity for c in matching.gather(history, query, matcher.model).candidates}
    with_copy = {c.id: c.text_similarity for c in matching.gather(history, query, matcher.model,
                                                                  vectors=table).candidates}
    assert set(with_copy) == set(without) and len(without) >= 4
    assert all(with_copy[k] == pytest.approx(without[k], abs=1e-5) for k in without)


def test_the_matcher_reads_its_copy_of_the_vectors_again_when_profiles_are_embedded_again(
        history, matcher, monkeypatch):
    table = matcher.vectors(history)
    assert table is not None and "amici" in table
    monkeypatch.setattr(matching, "WORK_CHECK_EVERY", 0.0)
    assert matcher.vectors(history) is table  # looked at again: nothing stored since, nothing read
    history.write("MATCH (o:Organisation {id: 'caf'}) SET o.description = 'Orti e agricoltura sociale', "
                  "o.updated_at = datetime()")
    assert matching.embed_all(matcher, history)["Organisation"] == 1
    assert matcher.vectors(history) is table  # the old copy serves while the new one is read
    matcher.settle(timeout=60)
    again = matcher.vectors(history)
    stored = history.read("MATCH (o:Organisation {id: 'caf'}) RETURN o.embedding AS v")[0]["v"]
    assert again is not table and again.cosines(np.asarray(stored), ["caf"])["caf"] == pytest.approx(1.0, abs=1e-5)
    assert table.cosines(np.asarray(stored), ["caf"])["caf"] < 0.99  # the old copy was left as it was
    assert len(again) == len(table) and again.read_at != table.read_at
    # what was read is what was stored since the last reading: caf only
    since = repo.organisation_vectors(history, matcher.model, since=table.read_at)
    assert [r["id"] for r in since] == ["caf"]
    # a page at a time: the same copy whole, and again after every vector is stored anew
    monkeypatch.setattr(matching, "VECTOR_PAGE", 2)
    paged = matching.read_vectors(history, matcher.model)
    assert len(paged) == len(again) and paged.cosines(np.asarray(stored), ["caf"]) == again.cosines(
        np.asarray(stored), ["caf"])
    assert matching.embed_all(matcher, history, everything=True)["Organisation"] == len(paged)
    renewed = matching.read_vectors(history, matcher.model, paged)
    ids = [r["id"] for r in history.read("MATCH (o:Organisation) RETURN o.id AS id")]
    query = np.asarray(stored)
    assert renewed.cosines(query, ids) == pytest.approx(matching.read_vectors(history, matcher.model).cosines(
        query, ids), abs=1e-6)


def test_facts_are_read_for_the_best_of_each_text_source_and_every_candidate_of_the_others(
        history, matcher, monkeypatch):
    monkeypatch.setattr(matching, "VECTOR_K", 1)  # one candidate from the profile index
    text = "Orti sociali e trasporto di anziani alle visite mediche nei quartieri di Bari"
    query = Query(task="need", text=text, vector=matcher.encode([text])[0])
    everything = matching.gather(history, query, matcher.model).candidates
    monkeypatch.setattr(matching, "FACTS_PER_SOURCE", {"need": 1})
    kept = matching.gather(history, query, matcher.model).candidates
    # the oracle: the best of the full-text and of the past-work source, and every candidate
    # another source found (here the profile index)
    expected = {c.id for c in everything if c.sources - {"lexical", "past_work"}}
    for source, score in (("lexical", "lexical"), ("past_work", "similar_work")):
        found = sorted((c for c in everything if source in c.sources), key=lambda c: (-getattr(c, score), c.id))
        expected |= {c.id for c in found[:1]}
    assert {c.id for c in kept} == expected
    assert len(kept) < len(everything)  # the cut took something away
    assert all(c.name for c in kept)  # and the facts of those kept were read
    same = {c.id: c for c in everything}
    assert all(c.lexical == same[c.id].lexical and c.text_similarity == same[c.id].text_similarity for c in kept)
    # partner searches are not cut
    partner = replace(query, task="partner")
    assert {c.id for c in matching.gather(history, partner, matcher.model).candidates} == {c.id for c in everything}


def _work_sums(found):
    return {c.id: (round(c.similar_work, 5), round(c.best_similar_work, 5), round(c.led_similar_work, 5),
                   round(c.lexical, 5), round(c.best_lexical, 5), round(c.led_lexical, 5),
                   [evidence_of(f, c) for f in sorted(EVIDENCE)])
            for c in found.candidates}


def test_past_work_is_summed_per_member_alike_from_the_matcher_s_copy_and_from_the_graph(history, matcher):
    text = "Orti condivisi e educazione ambientale per gli anziani del quartiere"
    query = Query(task="need", text=text, vector=matcher.encode([text])[0])
    copy = matcher.work(history)
    with_copy = matching.gather(history, query, matcher.model, work=copy)
    assert _work_sums(with_copy) == _work_sums(matching.gather(history, query, matcher.model))
    # oracle: each Italian member's sum of the cosines of its partnerships (all three are hits),
    # the best of them, and the sum over those it led; the evidence of its reasons, the closest
    # partnership and the closest it led
    q = np.asarray(query.vector, dtype=np.float64)
    expected: dict[str, list[float]] = {}
    closest: dict[str, list[tuple[float, str]]] = {}
    closest_led: dict[str, list[tuple[float, str]]] = {}
    for r in history.read("MATCH (o:Organisation)-[r:PARTNER_IN]->(p:Partnership) WHERE o.country = 'IT' "
                          "RETURN o.id AS id, r.role AS role, p.embedding AS v, p.id AS work"):
        cosine = max(float(np.asarray(r["v"]) @ q), 0.0)
        sums = expected.setdefault(r["id"], [0.0, 0.0, 0.0])
        sums[0] += cosine
        sums[1] = max(sums[1], cosine)
        sums[2] += cosine if r["role"] == "lead" else 0.0
        closest.setdefault(r["id"], []).append((float(np.asarray(r["v"]) @ q), r["work"]))
        if r["role"] == "lead":
            closest_led.setdefault(r["id"], []).append((float(np.asarray(r["v"]) @ q), r["work"]))
    found = {c.id: c for c in with_copy.candidates if "past_work" in c.sources}
    assert sorted(found) == sorted(expected)  # the French member is never a candidate
    for oid, (total, best, led) in expected.items():
        c = found[oid]
        assert (c.similar_work, c.best_similar_work, c.led_similar_work) == pytest.approx((total, best, led), abs=1e-4)
        assert evidence_of("similar_work", c) == evidence_of("best_similar_work", c) == max(closest[oid])[1]
        assert evidence_of("led_similar_work", c) == (max(closest_led[oid])[1] if oid in closest_led else None)
    # work changed since the copy was read (a new partnership, a new member of an old one): its
    # members are read from the graph, and the sums are those of a fresh copy
    partnerships.import_partnerships(history, [
        {"id": "p9", "title": "Orti per gli anziani", "objective": "Orti condivisi ed educazione ambientale",
         "members": [{"org": "caf", "role": "coordinator"}, {"org": "orti", "role": "participant"}]},
        {**PROJECTS[1], "members": [*PROJECTS[1]["members"], {"org": "amici", "role": "participant"}]}], "test")
    matching.embed_all(matcher, history)
    history.write("CALL db.awaitIndexes(60)")
    assert matcher.work(history) is copy  # not read again yet
    stale = matching.gather(history, query, matcher.model, work=copy)
    fresh = matching.gather(history, query, matcher.model, work=matching.read_work(history))
    assert _work_sums(stale) == _work_sums(fresh)
    assert {"caf", "amici"} <= {c.id for c in stale.candidates if "past_work" in c.sources}
    # an organisation left out (a known partner) is no candidate, whoever holds its membership
    left_out = matching.gather(history, replace(query, known=frozenset({"orti"})), matcher.model, work=copy)
    assert "orti" not in {c.id for c in left_out.candidates}


NEEDS_MET = [  # (need, its text, who helped to meet it)
    ("m-orti", "Volontari per curare gli orti condivisi del quartiere con gli anziani", "orti"),
    ("m-conti", "Consulenza per la dichiarazione dei redditi e il bilancio dell'associazione", "caf"),
    ("m-autisti", "Autisti volontari per accompagnare gli anziani alle visite mediche", "amici"),
    ("m-bilancio", "Aiuto a redigere il bilancio sociale e la rendicontazione", "comune-bari"),
]


def _unit(vector) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float64)
    return v / np.linalg.norm(v)


def test_past_work_and_needs_met_count_by_how_much_closer_they_are_than_the_rest(history, matcher, monkeypatch):
    for nid, text, helper in NEEDS_MET:
        history.write("MATCH (o:Organisation {id: $o}) CREATE (n:Need {id: $id, title: $t, status: 'met', "
                      "updated_at: datetime()})-[:MET_WITH]->(o)", id=nid, t=text, o=helper)
    matching.embed_all(matcher, history)
    history.write("CALL db.awaitIndexes(60)")
    text = "Cerchiamo volontari per gli orti urbani insieme agli anziani del quartiere"
    query = Query(task="need", text=text, vector=matcher.encode([text])[0])
    q = _unit(query.vector)
    work = {r["id"]: (_unit(r["v"]) @ q, r["members"]) for r in history.read(
        "MATCH (p:Partnership) RETURN p.id AS id, p.embedding AS v, "
        "[(o)-[r:PARTNER_IN]->(p) WHERE o.country = 'IT' | [o.id, r.role = 'lead']] AS members")}
    needs = {r["id"]: (_unit(r["v"]) @ q, r["helper"]) for r in history.read(
        "MATCH (n:Need)-[:MET_WITH]->(o) RETURN n.id AS id, n.embedding AS v, o.id AS helper")}
    # the oracle's levels: the query's mean cosine with every partnership, with every need (these
    # few texts are taken as if they were many: how few texts count is the unit tests')
    monkeypatch.setattr(matcher_vectors, "PRIOR_TEXTS", 0)
    work_level = float(np.mean([c for c, _ in work.values()]))
    need_level = float(np.mean([c for c, _ in needs.values()]))
    background = matching.read_background(history, matcher.model)
    assert background.counts == {"work": 3, "need": 4}
    assert background.level("work", query.vector) == pytest.approx(max(work_level, 0.0), abs=1e-5)
    assert background.level("need", query.vector) == pytest.approx(max(need_level, 0.0), abs=1e-5)
    expected: dict[str, list[float]] = {}  # id → [sum, best, sum of led]
    for cosine, members, level in ([(c, m, work_level) for c, m in work.values()]
                                   + [(c, [(h, True)], need_level) for c, h in needs.values()]):
        level = max(level, 0.0)
        if cosine <= level:
            continue  # no closer than the rest: it counts for nothing and finds no candidate
        lifted = (cosine - level) / (1 - level)
        for oid, led in members:
            sums = expected.setdefault(oid, [0.0, 0.0, 0.0])
            sums[0] += lifted
            sums[1] = max(sums[1], lifted)
            sums[2] += lifted if led else 0.0
    found = matching.gather(history, query, matcher.model, work=matcher.work(history), background=background)
    by_work = {c.id: c for c in found.candidates if "past_work" in c.sources}
    assert sorted(by_work) == sorted(expected)
    assert 0 < len(expected) < 5  # some past work and needs are closer than the rest, not all
    for oid, (total, best, led) in expected.items():
        c = by_work[oid]
        assert (c.similar_work, c.best_similar_work, c.led_similar_work) == pytest.approx((total, best, led), abs=1e-4)
    # the tax advice met for caf is no closer to gardens than the rest: it names no work of caf
    assert needs["m-conti"][0] < need_level and "caf" not in by_work
    # the matcher keeps a copy of the background and ranks with it; it reads it again when
    # vectors of needs or partnerships are stored
    assert matcher.background(history).counts == background.counts
    seen: list[CandidateFacts] = []
    matcher.rank(history, query, limit=10, observe=lambda candidates, _matrix: seen.extend(candidates))
    assert {c.id: c.similar_work for c in seen if "past_work" in c.sources} == pytest.approx(
        {oid: sums[0] for oid, sums in expected.items()}, abs=1e-4)
    monkeypatch.setattr(matching, "WORK_CHECK_EVERY", 0.0)
    copy = matcher.background(history)
    history.write("CREATE (:Need {id: 'm-nuovo', title: 'Un furgone per la raccolta alimentare', status: 'open', "
                  "updated_at: datetime()})")
    matching.embed_all(matcher, history)
    matcher.background(history)  # looked at: the stamp changed, the copy is read again on a thread
    matcher.settle(timeout=60)
    assert matcher.background(history) is not copy and matcher.background(history).counts["need"] == 5


def test_the_background_is_drawn_from_the_whole_work_not_from_its_first_ids(graph):
    """Ids given in order of time (the projects of an import) would make a sample of the first
    ids the oldest work: the sample spreads evenly over the order by id, and takes every vector
    when there are no more than it asks for; vectors of another model are not in it."""
    graph.write("UNWIND range(0, 9) AS i CREATE (:Partnership {id: 'w' + i, embedding: [toFloat(i), 1.0], "
                "embedding_model: 'm'})")
    graph.write("CREATE (:Partnership {id: 'w00', embedding: [99.0, 1.0], embedding_model: 'other'})")
    firsts = [v[0] for v in repo.text_vectors(graph, "Partnership", "m", 4)]
    assert firsts == [0.0, 2.0, 5.0, 7.0]  # the (i × 10 // 4)-th of w0 … w9
    assert [v[0] for v in repo.text_vectors(graph, "Partnership", "m", 10)] == [float(i) for i in range(10)]
    assert len(repo.text_vectors(graph, "Partnership", "m", 4000)) == 10
    assert repo.text_vectors(graph, "Need", "m", 4) == []


def test_partnerships_shared_with_the_known_partners_count_by_how_much_closer_they_are_than_the_rest(
        history, matcher, monkeypatch):
    """closer_co_work: each partnership a candidate shares with known partners, once per known
    partner in it, counted as past work is, from the query's background level; shared work no
    closer to the project than past work in general is no reason to say "on similar themes".
    similar_co_work, the feature ranked, still counts the cosines from zero."""
    monkeypatch.setattr(matcher_vectors, "PRIOR_TEXTS", 0)
    text, known = "Orti didattici nelle scuole di Bari", ["uni-ba"]
    query = matching.partner_query(matcher, history, text, known)
    q = _unit(query.vector)
    background = matching.read_background(history, matcher.model)
    level = background.level("work", query.vector)
    assert level == pytest.approx(max(float(np.mean([_unit(r["v"]) @ q for r in history.read(
        "MATCH (p:Partnership) RETURN p.embedding AS v")])), 0.0), abs=1e-5)
    expected: dict[str, float] = {}
    cosines: dict[str, float] = {}
    for r in history.read("MATCH (k:Organisation)-[:PARTNER_IN]->(p:Partnership)<-[:PARTNER_IN]-(o:Organisation) "
                          "WHERE k.id IN $known AND NOT o.id IN $known AND o.country = 'IT' "
                          "RETURN o.id AS o, p.embedding AS v, count(k) AS with_known", known=known):
        cosine = float(_unit(r["v"]) @ q)
        expected[r["o"]] = expected.get(r["o"], 0.0) + r["with_known"] * max((cosine - level) / (1 - level), 0.0)
        cosines[r["o"]] = cosines.get(r["o"], 0.0) + r["with_known"] * max(cosine, 0.0)
    found = {c.id: c for c in matching.gather(history, query, matcher.model, background=background).candidates}
    assert expected and {oid: found[oid].closer_co_work for oid in expected} == pytest.approx(expected, abs=1e-4)
    assert {oid: found[oid].similar_co_work for oid in cosines} == pytest.approx(cosines, abs=1e-4)
    assert level > 0 and sum(cosines.values()) > sum(expected.values())


def test_a_need_text_finds_who_does_that_work_with_the_reason(history, matcher):
    query = Query(task="need", text="Serve aiuto per rendicontare un progetto finanziato dalla Regione",
                  vector=matcher.encode(["Serve aiuto per rendicontare un progetto finanziato dalla Regione"])[0])
    result = matcher.rank(history, query, limit=3)
    assert result.items[0].organisation_id == "caf"
    assert not result.degraded
    reasons = [r["feature"] for r in result.items[0].reasons]
    assert "text_similarity" in reasons
    assert all(r["contribution"] > 0 for r in result.items[0].reasons)


def test_reasons_name_the_past_work_behind_them_with_its_title_and_year(history, matcher):
    """A reason of past work says which: the closest partnership (title, start year), and where
    the words matched, that partnership or the organisation's own presentation."""
    from mentore.matcher import ranker as rankers

    text = "Orti condivisi nei quartieri periferici"
    query = Query(task="need", text=text, vector=matcher.encode([text])[0])
    result = matcher.rank(history, query, limit=5, ranker=rankers.hand_set("need"))
    titles = {p["id"]: (p["title"], int(p["start_date"][:4])) for p in PROJECTS}
    of = {o["id"]: {p["id"] for p in PROJECTS if o["id"] in {m["org"] for m in p["members"]}} for o in ORGANISATIONS}
    named = [(s.organisation_id, r) for s in result.items for r in s.reasons if "work" in r]
    assert any(r["feature"] == "similar_work" for _, r in named), result.items
    for oid, reason in named:
        work = reason["work"]
        assert work["kind"] == "partnership" and work["id"] in of[oid]  # one of its own partnerships
        assert (work["title"], work["year"]) == titles[work["id"]]
    orti = next(s for s in result.items if s.organisation_id == "orti")
    similar = next(r for r in orti.reasons if r["feature"] in ("similar_work", "best_similar_work"))
    assert similar["work"]["id"] == "p2"  # "Orti in città": the one about shared gardens in the suburbs
    for s in result.items:
        for r in s.reasons:
            if r["feature"] in ("best_lexical", "led_lexical"):
                assert ("work" in r) != (r.get("detail") == ["profile"])  # a partnership or its presentation


def test_partner_suggestions_bring_the_known_partners_co_workers_and_never_foreign_or_known_ones(history, matcher):
    result = matching.suggest_partners(matcher, history, "Orti didattici nelle scuole di Bari", ["uni-ba"])
    ids = [s.organisation_id for s in result.items]
    assert ids[0] == "orti"
    assert "uni-ba" not in ids and "ngo-fr" not in ids
    # its reasons say it worked with the known partner (one of the co-work features) or is close to the text
    co_work = {"co_work", "co_work_share", "adamic_adar", "consortium_overlap", "similar_co_work", "partner_share"}
    assert (co_work | {"text_similarity"}) & {r["feature"] for r in result.items[0].reasons}
    # and in which partnership: of those shared with the known partner, the closest to the text
    vector = np.asarray(matcher.encode(["Orti didattici nelle scuole di Bari"])[0], dtype=np.float64)
    shared = history.read("MATCH (:Organisation {id: 'uni-ba'})-[:PARTNER_IN]->(p)<-[:PARTNER_IN]-"
                          "(:Organisation {id: 'orti'}) RETURN p.id AS id, p.embedding AS v")
    closest = max(shared, key=lambda r: float(np.asarray(r["v"]) @ vector))["id"]
    found = matching.gather(history, matching.partner_query(matcher, history, "Orti didattici nelle scuole di Bari",
                                                            ["uni-ba"]), matcher.model)
    orti = next(c for c in found.candidates if c.id == "orti")
    assert len(shared) == 2 and all(evidence_of(f, orti) == closest for f in co_work)
    named = [r for r in result.items[0].reasons if r["feature"] in co_work]
    assert named and all(r["work"]["id"] == closest and r["detail"] == ["uni-ba"] for r in named)


def test_the_programme_counts_the_candidates_partnerships_in_it_whatever_the_year(graph, matcher):
    calls = {"p1": ["BANDO-WELFARE-2022-01"], "p2": ["Regione Puglia – Bando Welfare 2023"], "p3": ["AMBIENTE-2023"]}
    partnerships.import_organisations(graph, ORGANISATIONS, "test")
    partnerships.import_partnerships(graph, [{**p, "calls": calls[p["id"]]} for p in PROJECTS], "test")
    matching.embed_all(matcher, graph)
    graph.write("CALL db.awaitIndexes(60)")
    text = "Orti sociali e trasporto di anziani nei quartieri"
    result = matching.suggest_partners(matcher, graph, text, limit=10, programme="Bando welfare 2025")
    same = {s.organisation_id: s.features[FEATURE_NAMES.index("same_programme")] for s in result.items}
    # comune-bari was in p1 and p2 (both welfare calls, p2's named with its funder); amici in p1;
    # orti and uni-ba in p2 and in p3, whose call is of another programme
    assert same["comune-bari"] == pytest.approx(np.log1p(2), abs=1e-5)
    for oid in ("amici", "orti", "uni-ba"):
        assert same[oid] == pytest.approx(np.log1p(1), abs=1e-5), oid
    part_of_a_word = matching.suggest_partners(matcher, graph, text, limit=10, programme="Bando welfar")
    assert all(s.features[FEATURE_NAMES.index("same_programme")] == 0 for s in part_of_a_word.items)
    without = matching.suggest_partners(matcher, graph, text, limit=10)
    assert all(s.features[FEATURE_NAMES.index("same_programme")] == 0 for s in without.items)
    with pytest.raises(ValidationFailed) as long_name:
        matching.suggest_partners(matcher, graph, text, programme="b" * (matching.MAX_PROGRAMME + 1))
    assert "programme" in long_name.value.errors


def test_partner_suggestions_refuse_bad_input(history, matcher):
    with pytest.raises(ValidationFailed) as empty:
        matching.suggest_partners(matcher, history, "   ", [])
    assert "text" in empty.value.errors
    with pytest.raises(ValidationFailed) as unknown:
        matching.suggest_partners(matcher, history, "Orti nelle scuole", ["nessuno"])
    assert "known_partners" in unknown.value.errors
    with pytest.raises(ValidationFailed):
        matching.suggest_partners(matcher, history, "x" * (matching.MAX_TEXT + 1), [])


def test_without_the_vector_index_suggestions_fall_back_to_words_and_graph(history, matcher, caplog):
    history.write("DROP INDEX organisation_embedding")
    try:
        with caplog.at_level(logging.ERROR):
            result = matching.suggest_partners(matcher, history, "Orti didattici nelle scuole", ["uni-ba"])
    finally:
        setup.apply_schema(history)
        history.write("CALL db.awaitIndexes(60)")
    assert result.degraded and result.note == matching.NOTE_NO_INDEX
    assert result.items and result.items[0].organisation_id == "orti"
    assert "vector index unavailable" in caplog.text


def test_without_the_model_suggestions_fall_back_to_words_and_graph(history, caplog):
    def broken():
        raise embedding.EmbeddingError("weights missing")

    with caplog.at_level(logging.ERROR):
        result = matching.suggest_partners(matching.Matcher(load_embedder=broken), history,
                                           "Orti didattici nelle scuole", ["uni-ba"])
    assert result.degraded and result.note == matching.NOTE_NO_MODEL
    assert [s.organisation_id for s in result.items][:1] == ["orti"]
    assert "weights missing" in caplog.text


def test_new_work_refreshes_the_profiles_of_its_members(history, matcher):
    before = history.read("MATCH (o:Organisation {id: 'amici'}) RETURN o.embedding AS v")[0]["v"]
    record = {"id": "p9", "title": "Trasporto sociale", "start_date": "2024-01-01",
              "members": [{"org": "amici", "role": "coordinator"}, {"org": "caf", "role": "participant"}]}
    partnerships.import_partnerships(history, [record], "test")
    assert matching.embed_all(matcher, history) == {"Partnership": 1, "Need": 0, "Organisation": 2}
    after = history.read("MATCH (o:Organisation {id: 'amici'}) RETURN o.embedding AS v")[0]["v"]
    assert not np.allclose(before, after)
    # importing the same record again adds no work: nothing to embed
    partnerships.import_partnerships(history, [record], "test")
    assert matching.embed_all(matcher, history) == {"Partnership": 0, "Need": 0, "Organisation": 0}


def test_a_rewritten_partnership_is_embedded_again_with_its_members(history, matcher):
    before = history.read("MATCH (p:Partnership {id: 'p2'}) RETURN p.embedding AS v")[0]["v"]
    rewritten = {**PROJECTS[1], "objective": "Apicoltura urbana e biodiversità nei parchi"}
    partnerships.import_partnerships(history, [rewritten], "test")
    # the partnership and its three members (their profiles include it)
    assert matching.embed_all(matcher, history) == {"Partnership": 1, "Need": 0, "Organisation": 3}
    after = history.read("MATCH (p:Partnership {id: 'p2'}) RETURN p.embedding AS v")[0]["v"]
    assert not np.allclose(before, after)
    partnerships.import_partnerships(history, [rewritten], "test")  # the same text again: nothing to do
    assert matching.embed_all(matcher, history) == {"Partnership": 0, "Need": 0, "Organisation": 0}


def test_lexical_profiles_follow_the_work_in_the_graph(history, matcher, monkeypatch):
    text = "Orti condivisi e educazione ambientale nelle scuole"
    result = matching.suggest_partners(matcher, history, text, limit=10)
    closeness = {s.organisation_id: s.features[FEATURE_NAMES.index("lexical_profile")] for s in result.items}
    # all of orti's and uni-ba's work is about gardens and schools; caf has no work at all
    assert closeness["orti"] > closeness["comune-bari"] > 0 and closeness["uni-ba"] > closeness["comune-bari"]
    assert closeness["caf"] == 0
    profiles = matcher.work(history).profiles
    assert profiles.size[:2] == (5, 3)  # five organisations (the French one too) in three partnerships
    monkeypatch.setattr(matching, "WORK_CHECK_EVERY", 0.0)
    assert matcher.work(history).profiles is profiles  # looked at again: the work is the same, nothing rebuilt
    partnerships.import_partnerships(history, [{"id": "p9", "title": "Orti sociali e rendicontazione",
                                                "objective": "Educazione ambientale nelle scuole",
                                                "members": [{"org": "caf", "role": "coordinator"}]}], "test")
    # the work changed: the old profiles keep serving while new ones are built on a thread
    assert matcher.work(history).profiles is profiles
    matcher.settle(timeout=60)
    rebuilt = matcher.work(history).profiles
    assert rebuilt is not profiles and rebuilt.similarity(text, ["caf"])["caf"] > 0
    # the same record imported again changes nothing: nothing is rebuilt; a new text is
    partnerships.import_partnerships(history, [PROJECTS[0]], "test")
    matcher.work(history)
    matcher.settle(timeout=60)
    assert matcher.work(history).profiles is rebuilt
    partnerships.import_partnerships(history, [{**PROJECTS[0], "objective": "Orti per le scuole"}], "test")
    matcher.work(history)
    matcher.settle(timeout=60)
    again = matcher.work(history).profiles
    assert again.similarity(text, ["amici"])["amici"] > rebuilt.similarity(text, ["amici"])["amici"]


def test_a_re_imported_consortium_loses_the_members_it_no_longer_lists(history, matcher, monkeypatch):
    copy = matcher.work(history).members
    monkeypatch.setattr(matching, "WORK_CHECK_EVERY", 0.0)
    # comune-bari left p1 and caf joined it: as many members as before
    members = [m for m in PROJECTS[0]["members"] if m["org"] != "comune-bari"] + [{"org": "caf", "role": "participant"}]
    partnerships.import_partnerships(history, [{**PROJECTS[0], "members": members}], "test")
    rows = history.read("MATCH (o:Organisation)-[:PARTNER_IN]->(:Partnership {id: 'p1'}) RETURN o.id AS id")
    assert sorted(r["id"] for r in rows) == ["amici", "caf", "ngo-fr"]
    # the profiles of the one that left and the one that joined include p1 no more / now
    assert matching.embed_all(matcher, history) == {"Partnership": 0, "Need": 0, "Organisation": 2}
    matcher.work(history)  # same counts of partnerships and members: the revision tells
    matcher.settle(timeout=60)
    assert matcher.work(history).members is not copy
    assert dict(matcher.work(history).members.get("p1", 3)) == {"amici": True, "caf": False}
    # a record without members changes none of them
    partnerships.import_partnerships(history, [{**PROJECTS[0], "members": []}], "test")
    assert len(history.read("MATCH ()-[r:PARTNER_IN]->(:Partnership {id: 'p1'}) RETURN r")) == 3


def test_a_member_joining_or_leaving_a_partnership_makes_the_active_needs_of_its_members_due(history):
    """Who worked with whom is the network of a need's poster (poster_network): when a member
    joins or leaves a partnership, the suggestions of the active needs of every member, and of
    the one that left, are due again; the same record again changes nothing."""
    history.write("UNWIND ['amici', 'caf', 'orti', 'comune-bari'] AS oid "
                  "MATCH (o:Organisation {id: oid}) "
                  "CREATE (o)-[:POSTED]->(:Need:ActiveNeed {id: 'n-' + oid, status: 'open', title: 'Un bisogno'}), "
                  "(o)-[:POSTED]->(:Need {id: 'old-' + oid, status: 'closed', title: 'Un bisogno chiuso'})")

    def due() -> set[str]:
        return {r["id"] for r in history.read("MATCH (n:Need) WHERE n.suggestions_stale RETURN n.id AS id")}

    partnerships.import_partnerships(history, [PROJECTS[0]], "test")  # the same consortium
    assert due() == set()
    members = [m for m in PROJECTS[0]["members"] if m["org"] != "comune-bari"] + [{"org": "caf", "role": "participant"}]
    partnerships.import_partnerships(history, [{**PROJECTS[0], "members": members}], "test")
    assert due() == {"n-amici", "n-caf", "n-comune-bari"}  # not orti, in no changed partnership
    history.write("MATCH (n:Need) REMOVE n.suggestions_stale")
    partnerships.import_partnerships(history, [{**PROJECTS[0], "members": []}], "test")  # no members: no change
    assert due() == set()


def test_a_changed_role_is_read_again_into_the_matcher_s_copy_of_the_work(history, matcher, monkeypatch):
    copy = matcher.work(history).members
    assert dict(copy.get("p1", 3)) == {"amici": True, "comune-bari": False}  # the French member is out of the pool
    monkeypatch.setattr(matching, "WORK_CHECK_EVERY", 0.0)
    swapped = [{**m, "role": "participant" if m["org"] == "amici" else m["role"]} for m in PROJECTS[0]["members"]]
    swapped[1]["role"] = "coordinator"
    partnerships.import_partnerships(history, [{**PROJECTS[0], "members": swapped}], "test")
    gc.unfreeze()
    matcher.work(history)  # same counts of partnerships and members: the revision tells
    matcher.settle(timeout=60)
    assert dict(matcher.work(history).members.get("p1", 3)) == {"amici": False, "comune-bari": True}
    assert gc.get_freeze_count() > 0  # the new copy is out of the garbage collector's sight


def test_suggestions_come_without_the_lexical_profiles_when_the_work_cannot_be_read(history, matcher, monkeypatch,
                                                                                 caplog):
    def broken(*args, **kwargs):
        raise MemoryError("no room for the profiles")

    monkeypatch.setattr(matching.LexicalProfiles, "fit", broken)
    text = "Orti condivisi e educazione ambientale nelle scuole"
    with caplog.at_level(logging.ERROR):
        result = matching.suggest_partners(matcher, history, text, limit=10)
    assert result.items and all(s.features[FEATURE_NAMES.index("lexical_profile")] == 0 for s in result.items)
    assert "the work in the graph not read" in caplog.text and "no room for the profiles" in caplog.text
    # once they can be built, the next look at the work builds them (on a thread)
    monkeypatch.undo()
    monkeypatch.setattr(matching, "WORK_CHECK_EVERY", 0.0)
    assert matcher.work(history) is None
    matcher.settle(timeout=60)
    assert matcher.work(history).profiles.similarity(text, ["orti"])["orti"] > 0


def test_training_sees_the_graph_as_it_was_when_each_recent_partnership_started(history, matcher):
    # two recent partnerships of the same pair, after the fixture's three (January to June)
    recent = [{"id": pid, "title": "Trasporto sociale", "objective": "Accompagnare anziani alle visite",
               "start_date": day, "members": [{"org": "amici", "role": "coordinator"},
                                              {"org": "caf", "role": "participant"}]}
              for pid, day in (("p4", "2023-08-01"), ("p5", "2023-09-01"))]
    partnerships.import_partnerships(history, recent, "test")
    matching.embed_all(matcher, history)
    rows, timeline = matching.recent_and_history(history, matcher.model, limit=800)
    # at most half of the partnerships, the latest: p4 and p5, seen with the three before them
    assert [r["id"] for r in rows] == ["p5", "p4"]
    assert sorted(timeline.work) == [("p4", "2023-08-01"), ("p5", "2023-09-01")]
    before_p4, before_p5 = timeline.before("2023-08-01"), timeline.before("2023-09-01")
    assert sorted(before_p4.work) == ["p4", "p5"] and before_p5.work == ["p5"]
    assert sorted(timeline.before(None).work) == ["p4", "p5"]  # no date: all the recent work is left out
    # a profile without the left-out work is the one the organisation would have had without it
    own = repo.texts_to_embed(history, "Organisation", matcher.model, True, 0, 10, ids=["amici"])[0]
    own = matching._vectors(matcher.embedder(), "Organisation", [{**own, "work": []}])[0]
    vector = {pid: np.asarray(history.read("MATCH (p:Partnership {id: $id}) RETURN p.embedding AS v", id=pid)[0]["v"])
              for pid in ("p1", "p4")}
    mine = np.asarray(own["vector"]) * own["weight"]
    np.testing.assert_allclose(before_p4.profiles["amici"], mine + vector["p1"], atol=1e-4)
    np.testing.assert_allclose(before_p5.profiles["amici"], mine + vector["p1"] + vector["p4"], atol=1e-4)
    assert "orti" not in before_p4.profiles  # no left-out work: its stored profile stands
    groups = matching.training_groups(matcher, history)
    # the hidden partner worked with the known one in p4 and p5: p5 is seen with p4 (it came
    # before), p4 without p5 (it came after)
    co_work = FEATURE_NAMES.index("co_work")
    assert len(groups["partner"]) == 2
    (m5, y5, key5), (m4, y4, key4) = groups["partner"]
    assert y5.sum() == 1 and m5[y5 == 1, co_work][0] > 0
    assert y4.sum() == 1 and m4[y4 == 1, co_work][0] == 0
    assert {key4, key5} <= {"amici", "caf"}  # the hidden member: the organisation to find
    # a lead is seen with the rest of the history: amici led p1 and the other recent one
    popularity = FEATURE_NAMES.index("popularity")
    assert len(groups["handler"]) == 2
    for matrix, labels, key in groups["handler"]:
        assert labels.sum() == 1 and matrix[labels == 1, popularity][0] == pytest.approx(np.log(3))
        assert key == "amici"  # the organisation to find: cross-validation folds keep it in one
    # half of the lead examples are placed where the other members are (p4 by caf's Lecce: amici
    # of Bari is in the same region), the others are a text alone, as searches for a lead come
    territory = FEATURE_NAMES.index("territory")
    (h5, l5, _), (h4, l4, _) = groups["handler"]
    assert matching._placed("p4") and not matching._placed("p5")
    assert h4[l4 == 1, territory][0] == pytest.approx(1 / 3) and not h5[:, territory].any()
    # the words of the left-out work are not in the profiles either: caf's only work is p4 and p5
    text = "Trasporto sociale. Accompagnare anziani alle visite"
    query = Query(task="handler", text=text, vector=matcher.encode([text])[0])
    as_then = matching.gather(history, query, matcher.model, exclude_work=before_p4.work, work=matcher.work(history))
    now = matching.gather(history, query, matcher.model, work=matcher.work(history))
    as_then, now = ({c.id: c.lexical_profile for c in g.candidates} for g in (as_then, now))
    assert as_then["caf"] == 0 < now["caf"]
    assert 0 < as_then["amici"] < now["amici"]  # p1, about carrying the elderly, is still its own
    # how close each candidate's work is to the known partners' is taken as it was then too:
    # caf (p4 and p5 only) and amici without that work, orti (nothing recent) as it is stored
    unit = [lambda v: np.asarray(v, dtype=np.float64) / np.linalg.norm(v)][0]
    stored = {r["id"]: unit(r["v"]) for r in history.read("MATCH (o:Organisation) RETURN o.id AS id, o.embedding AS v")}
    partner = Query(task="partner", text=text, vector=query.vector, known=frozenset({"amici"}))
    candidates = [CandidateFacts(id="caf"), CandidateFacts(id="orti")]
    matching._consortium_as_then(history, matcher, partner, candidates, before_p4)
    amici_then = unit(before_p4.profiles["amici"])
    assert candidates[0].consortium_similarity == pytest.approx(unit(before_p4.profiles["caf"]) @ amici_then, abs=1e-5)
    assert candidates[1].consortium_similarity == pytest.approx(stored["orti"] @ amici_then, abs=1e-5)
    now = matching.consortium_similarities(history, ["amici"], ["caf"], matcher.model)["caf"]
    assert now == pytest.approx(stored["caf"] @ stored["amici"], abs=1e-5)
    assert now > candidates[0].consortium_similarity  # together in p4 and p5, after it started


def test_training_never_asks_for_an_organisation_the_graph_knew_only_through_that_partnership(history, matcher):
    # two newcomers without a profile of their own: "nuova" joins amici (known from p1) in p4,
    # "nuova2" leads p5 with a foreign partner alone
    newcomers = [{"id": oid, "name": name, "country": "IT", "city": "Bari", "kind": "OTH"}
                 for oid, name in (("nuova", "Nuova Cooperativa"), ("nuova2", "Altra Cooperativa"))]
    partnerships.import_organisations(history, newcomers, "test")
    recent = [{"id": "p4", "title": "Trasporto sociale", "objective": "Accompagnare anziani alle visite",
               "start_date": "2023-08-01", "members": [{"org": "amici", "role": "coordinator"},
                                                      {"org": "nuova", "role": "participant"}]},
              {"id": "p5", "title": "Orti per tutti", "objective": "Orti condivisi nei quartieri",
               "start_date": "2023-09-01", "members": [{"org": "nuova2", "role": "coordinator"},
                                                      {"org": "ngo-fr", "role": "participant"}]}]
    partnerships.import_partnerships(history, recent, "test")
    matching.embed_all(matcher, history)
    rows, _ = matching.recent_and_history(history, matcher.model, limit=800)
    assert [r["id"] for r in rows] == ["p5", "p4"]
    groups = matching.training_groups(matcher, history)
    # p4: amici is hidden, whatever the draw; p5 has no one to hide and no lead known otherwise
    assert [key for _, _, key in groups["partner"]] == ["amici"]
    assert [key for _, _, key in groups["handler"]] == ["amici"]
    # a newcomer that wrote a profile of its own is one the graph knew
    history.write("MATCH (o:Organisation {id: 'nuova2'}) SET o.description = $text",
                  text="Cooperativa sociale: orti condivisi e agricoltura sociale nei quartieri.")
    groups = matching.training_groups(matcher, history)
    assert sorted(key for _, _, key in groups["partner"]) == ["amici", "nuova2"]
    assert sorted(key for _, _, key in groups["handler"]) == ["amici", "nuova2"]


def test_training_keeps_hand_set_weights_without_enough_history(history, matcher):
    outcome = matching.train(matcher, history)
    assert all(v.startswith("hand-set") for v in outcome.values())
    assert history.read("MATCH (m:RankerModel) RETURN count(m) AS n") == [{"n": 0}]
    assert not matching.has_learned_rankers(history)


def test_rankers_stored_by_another_process_are_read_again_by_the_matcher(history, matcher, monkeypatch):
    """The nightly training runs in its own process: a running site sees its rankers once the
    stored ones change (within WORK_CHECK_EVERY), not at its next restart."""
    from mentore.matcher import ranker as rankers

    assert matcher.ranker(history, "partner").source == "hand-set"
    monkeypatch.setattr(matching, "WORK_CHECK_EVERY", 0.0)
    assert matcher.ranker(history, "partner").source == "hand-set"  # looked at again: nothing stored
    learned = rankers.hand_set("partner")
    learned.source, learned.trained_on = "learned", 40
    repo.save_ranker(history, "partner", learned.to_params())  # as `mentore matcher train` does elsewhere
    matcher.ranker(history, "partner")  # sees the new stamp: reads them on a thread, the old ones serve
    matcher.settle(timeout=60)
    now = matcher.ranker(history, "partner")
    assert (now.source, now.trained_on) == ("learned", 40) and now.trained_at
    assert matcher.ranker(history, "handler").source == "hand-set"


def test_the_need_ranker_learned_from_answers_starts_from_the_hand_set_weights(graph, matcher, monkeypatch):
    """People's answers teach the need ranker; the history teaches the others. Answers that say
    nothing leave the stored need ranker ranking as the hand-set weights do."""
    from mentore.matcher import ranker as rankers
    from tests.unit.test_matcher_ranker import answered_needs

    rng = np.random.default_rng(8)
    answers = answered_needs(rng, 40)
    monkeypatch.setattr(matching, "training_groups", lambda *args, **kwargs: {"partner": [], "handler": []})
    monkeypatch.setattr(matching, "feedback_groups", lambda _graph: answers)
    outcome = matching.train(matcher, graph)
    assert outcome["need"].startswith("learned from 40 examples") and outcome["partner"].startswith("hand-set")
    stored = rankers.LinearRanker.from_params(repo.load_rankers(graph)["need"])
    assert stored.meta["prior_queries"] == rankers.FEEDBACK_PRIOR
    fresh, hand = rng.uniform(0, 1, size=(300, len(FEATURE_NAMES))), rankers.hand_set("need")
    assert np.corrcoef(stored.score(fresh), hand.score(hand.prepare(fresh)))[0, 1] > 0.95


def test_training_learns_rankers_from_the_history_and_stores_them(graph, matcher):
    rng = np.random.default_rng(3)
    themes = ["orti urbani e agricoltura sociale", "trasporto sociale di anziani", "doposcuola e tutoraggio",
              "accoglienza di migranti", "teatro e cultura nei quartieri"]
    orgs = [{"id": f"o{i}", "name": f"Associazione {i}", "country": "IT", "city": "Bari", "kind": "OTH"}
            for i in range(40)]
    projects = []
    for j in range(70):
        theme = j % len(themes)
        team = [f"o{theme * 8 + int(k)}" for k in rng.choice(8, size=3, replace=False)]
        projects.append({"id": f"p{j}", "title": f"Progetto {j}: {themes[theme]}", "objective": themes[theme],
                         "start_date": f"2023-{1 + j % 12:02d}-01",
                         "members": [{"org": o, "role": "coordinator" if k == 0 else "participant"}
                                     for k, o in enumerate(team)]})
    partnerships.import_organisations(graph, orgs, "test")
    partnerships.import_partnerships(graph, projects, "test")
    matching.embed_all(matcher, graph)
    graph.write("CALL db.awaitIndexes(60)")
    work, vectors = matcher.work(graph), matcher.vectors(graph)
    assert not matching.has_learned_rankers(graph)
    outcome = matching.train(matcher, graph)
    assert outcome["partner"].startswith("learned") and outcome["handler"].startswith("learned")
    assert matching.has_learned_rankers(graph)
    # the new rankers are read; the copies of the graph, unchanged, are not read again
    assert matcher.work(graph) is work and matcher.vectors(graph) is vectors
    stored = repo.load_rankers(graph)
    assert set(stored) == {"partner", "handler"}
    assert matcher.ranker(graph, "partner").source == "learned"
    # what it learned: partners of the same theme and team come first
    result = matching.suggest_partners(matcher, graph, "Nuovi orti urbani e agricoltura sociale", ["o0", "o1"])
    assert result.items[0].organisation_id in {f"o{i}" for i in range(8)}


def test_bench_command_scores_a_needs_bundle_next_to_its_baseline(tmp_path):
    from mentore.cli import cli

    bundle = tmp_path / "needs-mini"
    bundle.mkdir()
    entities = [{"id": "e1", "name": "Amici in Auto", "description": "trasporto di anziani alle visite mediche",
                 "language": "it"},
                {"id": "e2", "name": "Banco Alimentare", "language": "it",
                 "description": "raccolta e distribuzione di cibo alle famiglie"},
                {"id": "e3", "name": "Food Bank", "description": "collects and distributes food to poor families",
                 "language": "en"}]
    needs = [{"id": "n1", "text": "Portare i nonni in ospedale", "target": "e1"},
             {"id": "n2", "text": "Servono pacchi di cibo per famiglie povere", "target": "e2", "also_correct": ["e3"]}]
    (bundle / "entities.jsonl").write_text("\n".join(json.dumps(e) for e in entities))
    (bundle / "needs.jsonl").write_text("\n".join(json.dumps(n) for n in needs))
    out = tmp_path / "rankings.jsonl"
    result = CliRunner().invoke(cli, ["bench", "matching", str(bundle), "--out", str(out), "--heap", "512m"])
    assert result.exit_code == 0, result.output
    rankings = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rankings] == ["n1", "n2"]
    assert rankings[0]["ranking"][0] == "e1"
    assert "mentore" in result.output and "tfidf" in result.output and "top1=1.0" in result.output
    refused = CliRunner().invoke(cli, ["bench", "matching", str(bundle), "--out", str(out), "--ceiling"])
    assert refused.exit_code == 2 and "--ceiling, --hand-set e --features valgono solo per i bundle di partenariati" \
        in refused.output
    unknown = CliRunner().invoke(cli, ["bench", "matching", str(bundle), "--out", str(out), "--model", "st:nessuno"])
    assert unknown.exit_code == 2 and "--model" in unknown.output and "Neo4j usa e getta" not in unknown.output


def test_bench_command_answers_every_partner_and_handler_query_in_order(tmp_path):
    """A partners bundle: the history goes through the import, queries are answered two at a
    time, and the rankings file keeps the queries' order, with Italian organisations only; with
    --ceiling and --hand-set, their figures are printed next to the matcher's; with --features,
    every query's candidates and features are saved, and the training's examples beside them."""
    import numpy as np

    from mentore.cli import cli
    from mentore.matcher.features import FEATURE_NAMES

    bundle = tmp_path / "partners-mini"
    bundle.mkdir()
    queries = []
    for i, (text, known, target) in enumerate([
            ("Orti urbani e agricoltura sociale nei quartieri", ["comune-bari", "uni-ba"], "orti"),
            ("Trasporto sociale di anziani alle visite mediche", ["comune-bari", "ngo-fr"], "amici"),
            ("Educazione ambientale nelle scuole con orti scolastici", ["orti", "ngo-fr"], "uni-ba")]):
        project = {"id": f"q{i}", "title": text, "objective": text, "start_date": "2024-02-01"}
        queries.append({"id": f"partner:q{i}", "task": "partner", "project": project, "known_members": known,
                        "target": target, "target_kind": "OTH"})
        queries.append({"id": f"handler:q{i}", "task": "handler", "project": project, "known_members": [],
                        "target": target, "target_kind": "OTH"})
    for name, rows in (("organisations", ORGANISATIONS), ("projects", PROJECTS), ("queries", queries)):
        (bundle / f"{name}.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    out = tmp_path / "rankings.jsonl"
    saved = tmp_path / "features.npz"
    result = CliRunner().invoke(cli, ["bench", "matching", str(bundle), "--out", str(out), "--heap", "512m",
                                      "--ceiling", "--hand-set", "--features", str(saved)])
    assert result.exit_code == 0, result.output
    rankings = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rankings] == [q["id"] for q in queries]
    for query, row in zip(queries, rankings, strict=True):
        assert row["ranking"], query["id"]
        assert "ngo-fr" not in row["ranking"]  # foreign: known from the history, never suggested
        assert not set(row["ranking"]) & set(query["known_members"])
    # the orti project's missing partner: the organisation that did that work with both known ones
    assert rankings[0]["ranking"][0] == "orti"
    assert "partner/all" in result.output and "handler/all" in result.output and "co-participation" in result.output
    # the ceiling's row (too few answers to learn from here: the hand-set weights rank both folds)
    assert "  ceiling " in result.output and "ceiling: ogni richiesta ordinata" in result.output
    # nothing learned here: the matcher ranks with the hand-set weights, and so their row is its row
    rows = {}
    for line in result.output.splitlines():
        if line.startswith("  ") and line.split()[0] in ("mentore", "hand-set"):
            rows.setdefault(line.split()[0], []).append(line.split()[1:])
    assert rows["hand-set"] == rows["mentore"] and len(rows["mentore"]) >= 2
    with np.load(saved) as data:
        assert list(data["features"]) == list(FEATURE_NAMES)
        assert set(data["query"]) == {q["id"] for q in queries}
        assert data["matrix"].shape == (len(data["query"]), len(FEATURE_NAMES)) == (len(data["organisation"]),
                                                                                  len(FEATURE_NAMES))
        first = data["organisation"][data["query"] == "partner:q0"]
        assert "orti" in first and "comune-bari" not in first  # known members are not candidates
    # beside it, the examples the rankers learned from: each one right candidate among the others
    with np.load(tmp_path / "features.training.npz") as data:
        assert list(data["features"]) == list(FEATURE_NAMES)
        assert data["matrix"].shape == (len(data["label"]), len(FEATURE_NAMES)) and len(data["label"]) > 0
        assert set(data["task"]) <= {"partner", "handler"} and "partner" in set(data["task"])
        for task in set(data["task"]):
            examples = data["example"][data["task"] == task]
            labels = data["label"][data["task"] == task]
            keys = data["key"][data["task"] == task]
            for i in set(examples):
                assert labels[examples == i].sum() == 1 and len(set(keys[examples == i])) == 1
