"""The activity and the competencies proposed from a need's text, on the real graph with the
real default model: built from the examples the graph holds (organisations that carry a label,
published needs that asked for it; not drafts), through the API and through the form without
script (nothing saved, nothing lost), and what happens when the model fails."""

import logging

import numpy as np
import pytest

from graph.repositories import labels as labels_repo
from graph.repositories import organisations as organisations_repo
from mentore import create_app
from mentore.extensions import matcher_of
from mentore.matcher.embedding import EmbeddingError
from mentore.services import matching, need_labels
from tests.conftest import app_config
from tests.integration.test_needs_web import NEED, post_need
from tests.integration.test_organisations import PROFILE, login, person, seed
from tests.unit.test_matcher_labels import oracle_closest, oracle_prototype

ORGANISATIONS = [
    {"id": "org-avb", "name": "Associazione Volontariato Biellese", "activities": ["a"],
     "description": "Promuoviamo il volontariato nella provincia di Biella."},
    {"id": "org-soccorso", "name": "Croce Verde Biella ODV", "activities": ["y", "b"],
     "competencies": ["primo-soccorso", "protezione-civile"],
     "description": "Trasporto sanitario, corsi di primo soccorso e uso del defibrillatore per cittadini e scuole."},
    {"id": "org-compiti", "name": "Compiti Insieme APS", "activities": ["l"],
     "competencies": ["sostegno-scolastico"],
     "description": "Doposcuola con educatori e volontari per i ragazzi delle medie."},
    {"id": "org-conti", "name": "Studio Solidale ETS", "activities": ["m"],
     "competencies": ["rendicontazione", "consulenza-fiscale"],
     "description": "Aiutiamo le associazioni a tenere i conti e a rendicontare i progetti finanziati."},
]
FIRST_AID = "Cerchiamo un istruttore che formi i nostri volontari all'uso del defibrillatore e alle manovre salvavita."


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def maria(graph, app):
    """Maria posts for "org-avb"; every profile is embedded, as `mentore embeddings rebuild` does."""
    seed(graph, ORGANISATIONS)
    maria = person(graph)
    organisations_repo.add_member(graph, maria.id, "org-avb", "member")
    return maria


def embed(app, graph):
    with app.app_context():
        matching.embed_all(matcher_of(app), graph)


def test_the_proposals_are_the_labels_closest_to_the_text_among_prototypes_built_from_the_graph(
        graph, app, client, maria):
    login(client, maria)
    published = post_need(client, title="Corso sulla gestione dei turni", competencies=["primo-soccorso"],
                          activity="y")
    draft = post_need(client, title="Bozza sui conti", competencies=["rendicontazione"], activity="m",
                      publish=None, save_draft="1")
    embed(app, graph)
    matcher = matcher_of(app)
    with app.app_context():
        proposal = need_labels.propose(matcher, graph, "Istruttore per il defibrillatore", FIRST_AID,
                                       "Volontari dell'associazione")

    # the oracle: every label's prototype computed here from the stored vectors of what carries it
    def stored(label, label_id, kind, rel, key):
        return graph.read(f"""
            MATCH (l:{label} {{{key}: $id}})<-[:{rel}]-(x:{kind}) WHERE x.embedding IS NOT NULL
              AND coalesce(x.status, 'open') <> 'draft'
            RETURN x.id AS id, x.embedding AS v""", id=label_id)

    with app.app_context():
        # the text as the need's own vector is made of: what is needed, and for whom
        text = f"Istruttore per il defibrillatore. {FIRST_AID}. Volontari dell'associazione"
        text_vector = matcher.encode([text])[0].tolist()
        for vocabulary, label, org_rel, need_rel, key, found in (
                ("activity", "Activity", "OPERATES_IN", "CONCERNS", "code", proposal.activities),
                ("competency", "Competency", "HAS_COMPETENCY", "REQUIRES", "id", proposal.competencies)):
            rows = graph.read(f"MATCH (l:{label}) RETURN l.{key} AS id, "
                              f"{'l.short' if label == 'Activity' else 'l.label'} AS name ORDER BY id")
            ids = [r["id"] for r in rows]
            names = matcher.encode([r["name"] for r in rows])
            expected = []
            for label_id, name in zip(ids, names, strict=True):
                examples = [r["v"] for r in stored(label, label_id, "Organisation", org_rel, key)]
                needs = stored(label, label_id, "Need", need_rel, key)
                assert draft not in {r["id"] for r in needs}  # a draft is nobody's example
                examples += [r["v"] for r in needs]
                expected.append(oracle_prototype(name.tolist(), examples, 0.5))
            limit = need_labels.ACTIVITIES_PROPOSED if vocabulary == "activity" else need_labels.COMPETENCIES_PROPOSED
            assert [label_id for label_id, _ in found] == oracle_closest(expected, ids, text_vector, limit)
    assert published  # its vector is among the examples of "primo-soccorso" and "y"

    # and what the poster reads makes sense: first aid, civil protection
    assert "primo-soccorso" in [c for c, _ in proposal.competencies[:2]]
    assert "y" in [a for a, _ in proposal.activities]


def test_the_prototypes_follow_the_graph_when_a_need_is_published(graph, app, client, maria):
    login(client, maria)
    embed(app, graph)
    matcher = matcher_of(app)
    before = need_labels.label_sets(matcher, graph)
    assert before["competency"].examples[before["competency"].ids.index("assistenza-anziani")] == 0
    stamp = labels_repo.labels_stamp(graph)
    post_need(client, competencies=["assistenza-anziani"])
    embed(app, graph)
    assert labels_repo.labels_stamp(graph) != stamp  # the next look at the stamp reads them again
    after = need_labels.read_label_sets(matcher, graph)
    assert after["competency"].examples[after["competency"].ids.index("assistenza-anziani")] == 1


def test_the_api_proposes_labels_to_signed_in_people_and_refuses_unreadable_text(graph, app, client, maria):
    embed(app, graph)
    body = {"title": "Istruttore", "description": FIRST_AID, "beneficiaries": "Volontari"}
    assert client.post("/api/v1/needs/labels", json=body).status_code == 401
    login(client, maria)
    response = client.post("/api/v1/needs/labels", json=body)
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["available"] is True
    assert len(answer["activities"]) == need_labels.ACTIVITIES_PROPOSED
    assert answer["activities"][0]["label"].startswith(answer["activities"][0]["code"] + ") ")
    first_aid = [c for c in answer["competencies"] if c["id"] == "primo-soccorso"]
    assert first_aid and first_aid[0]["label"] == "Primo soccorso"
    scores = [c["score"] for c in answer["competencies"]]
    assert scores == sorted(scores, reverse=True)

    assert client.post("/api/v1/needs/labels", data="testo").status_code == 400
    for bad, field in (({"description": ""}, "description"), ({"title": " ", "description": "   "}, "description"),
                       ({"description": "?? !!"}, "description"),
                       ({"description": 42}, "description"), ({"title": ["x"], "description": FIRST_AID}, "title"),
                       ({"beneficiaries": 3, "description": FIRST_AID}, "beneficiaries"),
                       ({"description": "x" * 10_001}, "description"),
                       ({"description": "Wir suchen einen Ausbilder für Erste Hilfe, der unsere Freiwilligen am "
                                        "Defibrillator schult und mit ihnen übt."}, "description")):
        response = client.post("/api/v1/needs/labels", json=bad)
        assert response.status_code == 422, bad
        assert field in response.get_json()["error"]["fields"], bad


def test_the_form_without_script_comes_back_with_the_proposals_and_everything_typed_and_saves_nothing(
        graph, app, client, maria):
    embed(app, graph)
    login(client, maria)
    data = {"organisation": "org-avb", **NEED, "title": "Istruttore per il defibrillatore",
            "description": FIRST_AID, "activity": "", "competencies": [], "propose": "1"}
    response = client.post("/bisogni/nuovo", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Dal testo, il bisogno sembra riguardare:" in page and "Primo soccorso" in page.split("Competenze:")[1]
    assert 'value="Istruttore per il defibrillatore"' in page and "Anziani soli del quartiere" in page
    assert "is-invalid" not in page  # nothing was checked: the activity is still to choose
    assert graph.read("MATCH (n:Need) RETURN count(n) AS n")[0]["n"] == 0

    response = client.post("/bisogni/nuovo", data={**data, "title": "", "description": "", "beneficiaries": ""})
    assert response.status_code == 200
    assert "Scrivi il titolo o la descrizione del bisogno" in response.get_data(as_text=True)
    assert graph.read("MATCH (n:Need) RETURN count(n) AS n")[0]["n"] == 0


def test_when_the_model_fails_the_form_says_proposals_are_unavailable_and_the_log_says_why(
        graph, app, client, maria, caplog, monkeypatch):
    def broken():
        raise EmbeddingError("model files missing")

    matcher = matcher_of(app)
    monkeypatch.setattr(matcher, "_embedder", None)
    monkeypatch.setattr(matcher, "_load_embedder", broken)
    caplog.set_level(logging.ERROR)
    login(client, maria)
    response = client.post("/api/v1/needs/labels", json={"description": FIRST_AID})
    assert response.status_code == 200 and response.get_json() == {"available": False, "activities": [],
                                                                     "competencies": []}
    page = client.post("/bisogni/nuovo", data={"organisation": "org-avb", **NEED, "propose": "1"}).get_data(
        as_text=True)
    assert "Le proposte non sono disponibili in questo momento" in page
    assert "model files missing" in caplog.text


def test_prototypes_of_another_model_are_not_used(graph, app, maria):
    embed(app, graph)
    matcher = matcher_of(app)
    sets = need_labels.label_sets(matcher, graph)
    assert sets is not None and all(s.model == matcher.model for s in sets.values())
    real = matcher.model
    try:
        matcher.model = "another-model"
        assert need_labels.label_sets(matcher, graph) is None
    finally:
        matcher.model = real
    assert np.asarray(sets["activity"].matrix).shape[0] == 26


def test_the_organisation_profile_proposes_from_its_description_too(graph, app, client, maria):
    """The profile's form, sent with the button without script, comes back with the proposals
    for its name and description, what was typed, and nothing registered."""
    embed(app, graph)
    login(client, maria)
    before = graph.read("MATCH (o:Organisation) RETURN count(o) AS n")[0]["n"]
    data = {**PROFILE, "name": "Soccorso Valle Elvo ODV", "activities": [], "competencies": [],
            "description": "Corsi di primo soccorso e di uso del defibrillatore per cittadini, scuole e società "
                           "sportive.", "propose": "1"}
    response = client.post("/organizzazioni/nuova", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True).replace("&#39;", "'")
    assert "Dalla descrizione, l'organizzazione sembra occuparsi di:" in page
    assert "Primo soccorso" in page.split("Competenze:")[1].split("</p>")[0]
    assert 'value="Soccorso Valle Elvo ODV"' in page and "is-invalid" not in page
    assert graph.read("MATCH (o:Organisation) RETURN count(o) AS n")[0]["n"] == before
