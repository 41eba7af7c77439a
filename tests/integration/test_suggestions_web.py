"""Who can help with a need, on the real graph with the real default model: suggestions computed
in the background after a change (never in the request), shown with their reasons; the poster
accepts, contacts or declines them; the suggested organisation answers from its inbox; the
partner finder; the degraded mode when the embedding model fails."""

import csv
import gc
import html
import io
import json
import logging
import re

import pytest
from babel.dates import format_date

from graph.repositories import matching as matching_repo
from graph.repositories import needs as needs_repo
from graph.repositories import organisations as organisations_repo
from mentore import clock, create_app, jobs
from mentore.extensions import matcher_of
from mentore.matcher import language
from mentore.matcher.embedding import EmbeddingError
from mentore.matcher.features import INDEX
from mentore.matching import views as matching_views
from mentore.services import matching, suggestion_pages, suggestions
from tests.conftest import app_config
from tests.integration.test_needs_web import NEED, post_need, status_of
from tests.integration.test_organisations import PROFILE, create_organisation, login, person, seed

ORGANISATIONS = [
    {"id": "org-avb", "name": "Associazione Volontariato Biellese", "activities": ["a"],
     "description": "Promuoviamo il volontariato nella provincia di Biella."},
    {"id": "org-spesa", "name": "Spesa Solidale Biella ODV", "activities": ["a", "u"],
     "competencies": ["gestione-volontari", "assistenza-anziani"],
     "description": "I nostri volontari consegnano la spesa e i farmaci a domicilio agli anziani soli "
                    "e alle persone fragili di Biella."},
    {"id": "org-compagnia", "name": "Amici degli Anziani APS", "activities": ["a"],
     "competencies": ["assistenza-anziani"],
     "description": "Compagnia, telefonate e accompagnamento per gli anziani soli del quartiere."},
    {"id": "org-calcio", "name": "Polisportiva Giovani Torino", "activities": ["t"], "seat": "comune:001272",
     "description": "Corsi di calcio e pallavolo per bambini e ragazzi."},
]

#: Forty organisations far away (Palermo), for the tests of namesakes: in a directory of a few
#: organisations, a word two names use names neither (``names.NAME_SHARE``).
FAR_AWAY = [{"id": f"org-other-{i}", "name": f"Associazione Numero {i}", "seat": "comune:082053"} for i in range(40)]


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def people(graph, app):
    """Maria posts for "org-avb"; Luca belongs to "org-spesa", the organisation that fits best.
    Every profile is embedded, as `mentore embeddings rebuild` does."""
    seed(graph, ORGANISATIONS)
    maria, luca = person(graph), person(graph, "Luca Bianchi", "luca@example.it")
    organisations_repo.add_member(graph, maria.id, "org-avb", "member")
    organisations_repo.add_member(graph, luca.id, "org-spesa", "member")
    with app.app_context():
        matching.embed_all(matcher_of(app), graph)
    return maria, luca


def test_the_models_and_the_lexical_profiles_are_loaded_at_start_up_not_in_the_first_request(neo4j_server, graph):
    from mentore.reference import places

    language._identifier.cache_clear()
    places._names.cache_clear()
    gc.unfreeze()
    started = create_app(app_config(neo4j_server, WARM_MATCHER=True))
    jobs.jobs_of(started).drain()
    assert language._identifier.cache_info().currsize == 1
    assert places._names.cache_info().currsize == 1  # the place names a project's text may hold
    assert matcher_of(started)._embedder is not None
    assert matcher_of(started)._work.loaded  # read from the graph (empty here: no profiles)
    assert matcher_of(started)._vectors.loaded  # (no vectors either)
    assert matcher_of(started)._names.loaded  # (no organisations)
    assert matcher_of(started)._more["the labels' prototypes"].loaded  # (names alone: no examples)
    # and all of it out of the cyclic garbage collector's sight: a full collection would walk it
    # inside some suggestion's time
    assert gc.get_freeze_count() > 0
    gc.unfreeze()


def computed_need(app, client, maria, **changes) -> str:
    """Maria posts the need; the background job computes its suggestions."""
    login(client, maria)
    need_id = post_need(client, **changes)
    jobs.jobs_of(app).drain()
    return need_id


def suggestion_of(graph, need_id, organisation_id) -> str:
    return graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(:Organisation {id: $o}) "
                      "RETURN s.id AS id", n=need_id, o=organisation_id)[0]["id"]


def suggestion_status(graph, suggestion_id) -> str:
    return graph.read("MATCH (s:Suggestion {id: $id}) RETURN s.status AS s", id=suggestion_id)[0]["s"]


def to_do_of(page: str) -> str:
    """The "Da fare" box of the poster's list of needs ("" when there is none)."""
    return page.split('id="to-do"', 1)[1].split("</section>", 1)[0] if 'id="to-do"' in page else ""


def suggested_names(page: str) -> list[str]:
    section = page.split('id="suggestions"', 1)[1]
    return re.findall(r'<h3 class="h5 mb-1"><a href="/organizzazioni/[^"]+">([^<]+)</a>', section)


# ----------------------------------------------------------------------------- the need page


def test_the_poster_s_partners_and_theirs_are_suggested_through_the_partners_they_share(graph, app, client,
                                                                                          people):
    # the poster worked with the Amici degli Anziani, and they with Spesa Solidale; the
    # Polisportiva is in nobody's network
    graph.write("MATCH (avb:Organisation {id: 'org-avb'}), (amici:Organisation {id: 'org-compagnia'}), "
                "(spesa:Organisation {id: 'org-spesa'}) "
                "CREATE (avb)-[:PARTNER_IN {role: 'lead'}]->(:Partnership {id: 'p-rete', title: 'Rete anziani', "
                "start: date('2023-03-01')})<-[:PARTNER_IN {role: 'participant'}]-(amici) "
                "CREATE (amici)-[:PARTNER_IN {role: 'lead'}]->(:Partnership {id: 'p-sospesa', title: 'Spesa sospesa', "
                "start: date('2024-05-01')})<-[:PARTNER_IN {role: 'participant'}]-(spesa)")
    with app.app_context():
        matcher_of(app).forget_graph()
    maria, _ = people
    need_id = computed_need(app, client, maria)
    items = {i["organisation_id"]: i for i in client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]}
    network = {oid: next((r for r in item["reasons"] if r["feature"] == "poster_network"), None)
               for oid, item in items.items()}
    assert network["org-compagnia"]["contribution"] > network["org-spesa"]["contribution"] > 0  # one step, then two
    assert "detail" not in network["org-compagnia"] and network["org-compagnia"]["work"]["title"] == "Rete anziani"
    assert network["org-spesa"]["detail"] == ["org-compagnia"]
    assert network["org-spesa"]["via"] == {"org-compagnia": "Amici degli Anziani APS"}
    assert network["org-spesa"]["work"] == {"id": "p-sospesa", "kind": "partnership", "title": "Spesa sospesa",
                                            "year": 2024}
    assert network["org-calcio"] is None
    rows = {r["o"]: r["f"] for r in graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) "
                                                "RETURN o.id AS o, s.features AS f", n=need_id)}
    assert [rows[o][INDEX["poster_network"]] for o in ("org-compagnia", "org-spesa", "org-calcio")] == [1.0, 0.5, 0.0]
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert ("Ha già lavorato con chi ha pubblicato il bisogno o con i suoi partner<span class=\"reason-detail\">: "
            "tramite Amici degli Anziani APS (per esempio in «Spesa sospesa», 2024)") in page
    assert "direttamente, per esempio in «Rete anziani», 2023" in page
    english = client.get(f"/bisogni/{need_id}?lang=en").get_data(as_text=True)
    assert "Has worked with the poster of the need or with its partners" in english
    assert "through Amici degli Anziani APS (for example in “Spesa sospesa”, 2024)" in english


def test_a_need_met_together_makes_both_organisations_part_of_each_other_s_network(graph, app, client, people):
    """Spesa Solidale helped Maria's organisation meet a need: for her next need, posted before,
    it becomes a direct contact, named by that need, and its partner the Polisportiva a partner of
    a contact; for a need Spesa Solidale posted, Maria's organisation becomes a direct contact in
    turn. Both needs' suggestions are due again once the first is met."""
    graph.write("MATCH (spesa:Organisation {id: 'org-spesa'}), (calcio:Organisation {id: 'org-calcio'}) "
                "CREATE (spesa)-[:PARTNER_IN {role: 'lead'}]->(:Partnership {id: 'p-sport', title: 'Sport e spesa', "
                "start: date('2022-09-01')})<-[:PARTNER_IN {role: 'participant'}]-(calcio)")
    with app.app_context():
        matcher_of(app).forget_graph()
    maria, luca = people

    def network_reasons(for_client, need_id):
        items = for_client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]
        return {i["organisation_id"]: next((r for r in i["reasons"] if r["feature"] == "poster_network"), None)
                for i in items}

    first = computed_need(app, client, maria)
    second = computed_need(app, client, maria, title="Accompagnamento degli anziani alle visite",
                           description="Cerchiamo volontari che accompagnino gli anziani alle visite mediche.",
                           allow_duplicate="y")
    other = app.test_client()
    login(other, luca)
    theirs = post_need(other, organisation="org-spesa", title="Un furgone per le consegne",
                       description="Ci serve un furgone per consegnare la spesa agli anziani soli di Biella.")
    jobs.jobs_of(app).drain()
    assert network_reasons(client, second)["org-spesa"] is None  # they have not worked together yet
    assert network_reasons(other, theirs)["org-avb"] is None
    client.post(f"/bisogni/{first}/suggerimenti/{suggestion_of(graph, first, 'org-spesa')}",
                data={"decision": "contact"})
    assert not suggestions.is_due(graph, second) and not suggestions.is_due(graph, theirs)
    assert client.post(f"/bisogni/{first}/soddisfatto", data={"helped_by": ["org-spesa"]}).status_code == 302
    assert status_of(graph, first) == "met"
    # the network of both changed: their active needs' suggestions are due again, computed in the
    # background as after any change (here, as the scheduler or the next view of the page does)
    assert suggestions.is_due(graph, second) and suggestions.is_due(graph, theirs)
    with app.app_context():
        jobs.refresh_need(second)
        jobs.refresh_need(theirs)
    assert not suggestions.is_due(graph, second) and not suggestions.is_due(graph, theirs)
    year = graph.read("RETURN datetime().year AS y")[0]["y"]

    network = network_reasons(client, second)
    assert "detail" not in network["org-spesa"]  # directly
    assert network["org-spesa"]["work"] == {"id": first, "kind": "need", "title": NEED["title"], "year": year}
    assert network["org-calcio"]["detail"] == ["org-spesa"]  # a partner of a contact
    assert network["org-calcio"]["work"]["id"] == "p-sport"
    assert network["org-spesa"]["contribution"] > network["org-calcio"]["contribution"] > 0
    assert network["org-compagnia"] is None
    page = html.unescape(client.get(f"/bisogni/{second}").get_data(as_text=True))
    assert f"direttamente, per esempio per il bisogno «{NEED['title']}», {year}" in page
    assert "tramite Spesa Solidale Biella ODV (per esempio in «Sport e spesa», 2022)" in page
    english = html.unescape(client.get(f"/bisogni/{second}?lang=en").get_data(as_text=True))
    assert f"directly, for example for the need “{NEED['title']}”, {year}" in english
    # the other way round: Spesa Solidale's own need finds the organisation it helped
    reason = network_reasons(other, theirs)["org-avb"]
    assert "detail" not in reason and reason["work"]["id"] == first


def test_naming_or_taking_away_a_helper_makes_the_active_needs_of_both_due_again(graph):
    """A need met together is in the network of both organisations: each change of who helped
    (named when it is met, said again, a claim confirmed) makes the suggestions of the active
    needs of the poster and of the organisations named or taken away due again; nothing else."""
    seed(graph, ORGANISATIONS)
    graph.write("""
        MATCH (avb:Organisation {id: 'org-avb'}), (spesa:Organisation {id: 'org-spesa'}),
              (amici:Organisation {id: 'org-compagnia'}), (calcio:Organisation {id: 'org-calcio'})
        CREATE (avb)-[:POSTED]->(met:Need {id: 'n-met', status: 'in_progress', title: 'La spesa'}),
               (s:Suggestion {id: 's-spesa', status: 'accepted'})-[:FOR]->(met), (s)-[:PROPOSES]->(spesa),
               (avb)-[:POSTED]->(:Need:ActiveNeed {id: 'n-avb', status: 'open', title: 'Altro'}),
               (spesa)-[:POSTED]->(:Need:ActiveNeed {id: 'n-spesa', status: 'open', title: 'Un furgone'}),
               (amici)-[:POSTED]->(:Need:ActiveNeed {id: 'n-amici', status: 'open', title: 'Telefonate'}),
               (calcio)-[:POSTED]->(:Need:ActiveNeed {id: 'n-calcio', status: 'open', title: 'Allenatori'}),
               (spesa)-[:POSTED]->(:Need {id: 'n-closed', status: 'closed', title: 'Chiuso'})""")

    def due() -> set[str]:
        return {r["id"] for r in graph.read("MATCH (n:Need) WHERE n.suggestions_stale RETURN n.id AS id")}

    assert needs_repo.set_status(graph, "n-met", "in_progress", "met", ["org-spesa"]) == 1
    assert due() == {"n-avb", "n-spesa"}  # not the met need, nor one closed, nor the others'
    graph.write("MATCH (n:Need) REMOVE n.suggestions_stale")
    assert needs_repo.set_helpers(graph, "n-met", ["org-spesa"], None) == {"added": [], "removed": []}
    assert due() == set()  # nothing changed
    assert needs_repo.set_helpers(graph, "n-met", [], None) == {"added": [], "removed": ["org-spesa"]}
    assert due() == {"n-avb", "n-spesa"}
    graph.write("MATCH (n:Need) REMOVE n.suggestions_stale")
    graph.write("MATCH (n:Need {id: 'n-met'}), (o:Organisation) WHERE o.id IN ['org-compagnia', 'org-calcio'] "
                "CREATE (n)-[:HELP_CLAIMED {at: datetime()}]->(o)")
    assert needs_repo.answer_claim(graph, "n-met", "org-calcio", "decline", None)
    assert due() == set()  # it did not help: nothing changed
    assert needs_repo.answer_claim(graph, "n-met", "org-compagnia", "confirm", None)
    assert due() == {"n-avb", "n-amici"}


def test_suggestions_are_computed_in_the_background_and_shown_with_their_reasons(graph, app, client, people,
                                                                                 monkeypatch):
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
    maria, _ = people
    login(client, maria)
    need_id = post_need(client)
    assert queued == [(jobs.refresh_need, (need_id,))]  # queued, not computed in the request
    waiting = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Stiamo cercando chi può aiutare: i suggerimenti compaiono qui da soli tra qualche istante." in waiting
    assert f'data-poll="/api/v1/needs/{need_id}/suggestions"' in waiting
    assert client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["suggested_at"] is None  # what it polls

    with app.app_context():
        jobs.refresh_need(need_id)
    assert client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["suggested_at"]
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    names = suggested_names(page)
    assert names[0] == "Spesa Solidale Biella ODV"
    assert "Associazione Volontariato Biellese" not in names  # never the poster itself
    assert "Chi può aiutare" in page and "Perché è suggerita" in page
    # each reason says what it is about, when that can be named
    first = page.split('class="card shadow-sm mb-3 suggestion"')[1]
    assert 'Opera nello stesso territorio<span class="reason-detail">: stesso comune</span>' in first
    assert 'Ha le competenze richieste<span class="reason-detail">: Gestione e formazione dei volontari</span>' in first
    assert "Il profilo è vicino al testo" in page and re.search(r"peso nella scelta: </span>\d+%", page)
    assert "Biella" in page and page.count('value="accept"') == len(names)  # the poster decides

    visitor = app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert suggested_names(visitor) == names and 'value="accept"' not in visitor


def test_a_competence_given_in_person_weighs_the_territory_as_volunteers_do(graph, app, client, people):
    """Volunteers are given on site: nearness is a reason of its own. A competence is not, unless
    the poster says it must be given in person (an instructor): then it is, and the need's page
    and the API say so; editing keeps it."""
    maria, _ = people

    def on_site_reasons(need_id: str) -> list[str]:
        items = client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]
        return [i["organisation_id"] for i in items
                if any(r["feature"] == "territory_on_site" for r in i["reasons"])]

    volunteers = computed_need(app, client, maria)
    assert "org-spesa" in on_site_reasons(volunteers)  # of Biella, as the need
    remote = computed_need(app, client, maria, help_kind="competenze", volunteers_needed=None,
                           title="Consulenza legale per lo statuto", allow_duplicate="y")
    assert on_site_reasons(remote) == [] and 'id="in-person"' not in client.get(f"/bisogni/{remote}").get_data(
        as_text=True)
    present = computed_need(app, client, maria, help_kind="competenze", volunteers_needed=None, in_person="y",
                            title="Istruttore per il corso di primo soccorso", allow_duplicate="y")
    assert "org-spesa" in on_site_reasons(present)
    assert "Di persona, sul posto" in client.get(f"/bisogni/{present}").get_data(as_text=True)
    assert client.get(f"/api/v1/needs/{present}").get_json()["in_person"] is True
    assert client.get(f"/api/v1/needs/{remote}").get_json()["in_person"] is False
    # a change of something else keeps it; unticked, it is gone
    patched = client.patch(f"/api/v1/needs/{present}", json={"beneficiaries": "Volontari del gruppo"})
    assert patched.status_code == 200 and patched.get_json()["in_person"] is True
    patched = client.patch(f"/api/v1/needs/{present}", json={"in_person": False})
    assert patched.get_json()["in_person"] is False


def test_a_need_asking_for_verified_enrolled_or_local_organisations_is_suggested_only_those(graph, app, client,
                                                                                            people):
    """The poster asks that whoever helps be verified by the platform, then also enrolled in the
    RUNTS; or be of the need's province, then region: only those organisations are suggested (as
    the graph lists them), the page and the API say what was asked and what each one is, and the
    need is left out of the needs an organisation not meeting it could answer."""
    graph.write("MATCH (o:Organisation) WHERE o.id IN ['org-spesa', 'org-calcio'] SET o.verified = true")
    graph.write("MATCH (o:Organisation) WHERE o.id IN ['org-compagnia', 'org-calcio'] SET o.runts_section = 'b'")

    def suggested(need_id: str) -> set[str]:
        return {i["organisation_id"] for i in client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]}

    def oracle(condition: str) -> set[str]:
        return {r["id"] for r in graph.read(f"MATCH (o:Organisation) WHERE {condition} AND o.id <> 'org-avb' "
                                            "RETURN o.id AS id")}

    maria, luca = people
    anyone = computed_need(app, client, maria)
    assert suggested(anyone) == {"org-spesa", "org-compagnia", "org-calcio"}  # all but the poster
    assert 'id="need-requirements"' not in client.get(f"/bisogni/{anyone}").get_data(as_text=True)
    need_id = computed_need(app, client, maria, only_verified="y", allow_duplicate="y")
    assert suggested(need_id) == oracle("o.verified = true") == {"org-spesa", "org-calcio"}
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    requirements = page.split('id="need-requirements"', 1)[1].split("</dd>", 1)[0]
    assert "Solo organizzazioni verificate" in requirements and "RUNTS" not in requirements
    # two organisations meet it, fewer than the platform proposes: the poster is told, and where to change it
    assert ("Con i requisiti che hai posto a chi aiuta (solo organizzazioni verificate) la piattaforma trova solo 2 "
            "organizzazioni adatte.") in page
    assert f'href="/bisogni/{need_id}/modifica#requirements">Rivedi i requisiti' in page
    assert 'id="requirements-narrow"' not in app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["narrowed"] == 2
    assert app.test_client().get(f"/api/v1/needs/{need_id}/suggestions").get_json()["narrowed"] is None
    assert 'id="requirements-narrow"' not in client.get(f"/bisogni/{anyone}").get_data(as_text=True)  # none asked
    card = page[page.index(">Polisportiva Giovani Torino</a>"):]
    assert re.search(r'Torino · <span class="runts">RUNTS, sezione b</span> '
                     r'<span class="badge bg-success ms-1 verified">verificata</span>', card)
    body = client.get(f"/api/v1/needs/{need_id}").get_json()
    assert (body["only_verified"], body["only_runts"]) == (True, False)
    listed = app.test_client().get("/bisogni").get_data(as_text=True)  # the lists say it too
    cards = {re.search(r'href="/bisogni/([^"#]+)"', c).group(1): c for c in listed.split('<li class="card')[1:]}
    assert "solo organizzazioni verificate" in cards[need_id] and "need-requirements" not in cards[anyone]
    items = client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]
    assert {i["organisation_id"]: (i["organisation_verified"], i["organisation_runts_section"]) for i in items} == {
        "org-spesa": (True, None), "org-calcio": (True, "b")}

    # enrolled in the RUNTS too: the edit keeps the first requirement, the refresh drops Spesa
    edit = client.get(f"/bisogni/{need_id}/modifica").get_data(as_text=True)
    assert re.search(r'<input[^>]*checked[^>]*name="only_verified"|<input[^>]*name="only_verified"[^>]*checked', edit)
    patched = client.patch(f"/api/v1/needs/{need_id}", json={"only_runts": True})
    assert patched.status_code == 200 and (patched.get_json()["only_verified"], patched.get_json()["only_runts"]) == (
        True, True)
    jobs.jobs_of(app).drain()
    assert suggested(need_id) == oracle("o.verified = true AND o.runts_section IS NOT NULL") == {"org-calcio"}
    assert ("(solo organizzazioni verificate; solo enti iscritti al RUNTS) la piattaforma trova solo 1 organizzazione "
            "adatta.") in client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    wrong = client.patch(f"/api/v1/needs/{need_id}", json={"only_verified": "sì"})
    assert wrong.status_code == 422 and "only_verified" in wrong.get_json()["error"]["fields"]

    # only from the need's province, then its region: Turin's Polisportiva is of the region only
    local = computed_need(app, client, maria, helpers_within="provincia", allow_duplicate="y")
    assert suggested(local) == oracle("'provincia:096' IN o.area_ids") == {"org-spesa", "org-compagnia"}
    assert "Solo con sede o attività in: Provincia di Biella" in client.get(f"/bisogni/{local}").get_data(
        as_text=True)
    assert client.get(f"/api/v1/needs/{local}").get_json()["helpers_within"] == "provincia"
    client.patch(f"/api/v1/needs/{local}", json={"helpers_within": "regione"})
    jobs.jobs_of(app).drain()
    assert suggested(local) == oracle("'regione:01' IN o.area_ids") == {"org-spesa", "org-compagnia", "org-calcio"}
    client.patch(f"/api/v1/needs/{local}", json={"helpers_within": "provincia", "only_verified": True})
    jobs.jobs_of(app).drain()
    assert suggested(local) == oracle("o.verified = true AND 'provincia:096' IN o.area_ids") == {"org-spesa"}
    # all three: nobody meets them, and the page says so instead of "nobody fits the need"
    client.patch(f"/api/v1/needs/{local}", json={"helpers_within": "provincia", "only_verified": True,
                                                 "only_runts": True})
    jobs.jobs_of(app).drain()
    assert suggested(local) == set()
    page = html.unescape(client.get(f"/bisogni/{local}").get_data(as_text=True))
    assert ("Nessuna organizzazione soddisfa i requisiti che hai posto a chi aiuta (solo organizzazioni verificate; "
            "solo enti iscritti al RUNTS; solo con sede o attività in: Provincia di Biella).") in page
    assert 'id="suggestions-empty"' not in page and 'id="suggestions"' not in page  # no empty list either
    wrong = client.patch(f"/api/v1/needs/{local}", json={"helpers_within": "comune"})
    assert wrong.status_code == 422
    assert wrong.get_json()["error"]["fields"] == {"helpers_within": ["Scelta non valida."]}

    # Spesa is not suggested, but the need is not one it could answer either: it may not offer
    with app.app_context():
        near = suggestions.near_needs(matcher_of(app), graph, "org-spesa").items
        assert need_id not in {n.need["id"] for n in near}
        graph.write("MATCH (o:Organisation {id: 'org-spesa'}) SET o.runts_section = 'a'")  # enrolled now
        near = suggestions.near_needs(matcher_of(app), graph, "org-spesa").items
        assert need_id in {n.need["id"] for n in near}


def need_place(graph, need_id: str) -> str:
    return graph.read("MATCH (:Need {id: $id})-[:IN]->(t) RETURN t.id AS t", id=need_id)[0]["t"]


def test_help_given_on_site_is_suggested_from_the_need_s_region_and_the_poster_told_when_none_is_nearby(
        graph, app, client, people):
    """Volunteers asked for in Lecce, where no organisation of the site is: nobody from another
    region is suggested (as the needs near an organisation leave such a need out), and the page
    says so. In Vercelli, of the same region as Biella and Turin but where no organisation is:
    those of the region, and the poster is pointed to the directory of the province. A competence
    that may be given from afar is suggested from anywhere."""
    def suggested(need_id: str) -> set[str]:
        return {i["organisation_id"] for i in client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]}

    maria, _ = people
    far = computed_need(app, client, maria, place="Lecce", title="Volontari per il doposcuola a Lecce",
                        allow_duplicate="y")
    page = html.unescape(client.get(f"/bisogni/{far}").get_data(as_text=True))
    assert suggested(far) == set() and 'id="suggestions"' not in page
    assert ("Questo aiuto si dà sul posto: la piattaforma suggerisce solo organizzazioni con sede o attività in "
            "Puglia. Quelle di altre regioni possono comunque proporsi.") in page
    assert "Per ora nessuna organizzazione con sede o attività in Puglia corrisponde a questo bisogno." in page
    assert 'id="none-nearby"' not in page  # nothing suggested: nothing to say of it
    # the poster is pointed to the remedy, the choice of all of Italy among the requirements
    assert re.search(rf'href="/bisogni/{far}/modifica#requirements" id="ask-all-italy"', page)
    visitor = html.unescape(app.test_client().get(f"/bisogni/{far}").get_data(as_text=True))
    assert 'id="ask-all-italy"' not in visitor and "quando modifichi il bisogno" not in visitor
    assert '<a href="#offri" id="offer-invite">Se la vostra organizzazione può aiutare, proponetela</a>' in visitor
    assert 'id="offri"' in visitor  # where the invitation leads
    # the poster's list puts it among the things to do, and its card says nobody was suggested
    mine = client.get("/bisogni/miei").get_data(as_text=True)
    assert f'href="/bisogni/{far}#suggerimenti" class="to-do-unmatched">' in to_do_of(mine)
    assert "Per ora nessuna organizzazione suggerita" in mine.split(f'href="/bisogni/{far}"', 1)[1]
    api = client.get(f"/api/v1/needs/{far}/suggestions").get_json()
    assert api["near_region"] == {"id": matching.place_of(need_place(graph, far)).region, "name": "Puglia"}
    # the poster asks for volunteers from all of Italy (they travel): those of Piedmont are suggested
    assert client.patch(f"/api/v1/needs/{far}", json={"helpers_within": "italia"}).status_code == 200
    jobs.jobs_of(app).drain()
    api = client.get(f"/api/v1/needs/{far}/suggestions").get_json()
    assert {i["organisation_id"] for i in api["items"]} >= {"org-spesa", "org-compagnia"} and api["near_region"] is None
    page = html.unescape(client.get(f"/bisogni/{far}").get_data(as_text=True))
    assert 'id="suggestions-near"' not in page and "Da tutta Italia, anche per un aiuto sul posto" in page
    assert f"/bisogni/{far}#" not in to_do_of(client.get("/bisogni/miei").get_data(as_text=True))  # done
    assert client.patch(f"/api/v1/needs/{far}", json={"helpers_within": None}).status_code == 200
    jobs.jobs_of(app).drain()
    assert suggested(far) == set()

    region = computed_need(app, client, maria, place="Vercelli", title="Volontari per il doposcuola a Vercelli",
                           allow_duplicate="y")
    assert suggested(region) == {"org-spesa", "org-compagnia", "org-calcio"}  # Biella and Turin, in Piedmont
    page = client.get(f"/bisogni/{region}").get_data(as_text=True)
    assert ("Nessuna delle organizzazioni suggerite ha sede o lavora nella Provincia di Vercelli, e questo aiuto si "
            "dà sul posto") in page
    link = re.search(r'href="(/organizzazioni\?territory=provincia(?:%3A|:)002)"', page).group(1)
    directory = client.get(link)
    assert directory.status_code == 200 and "Territorio sconosciuto" not in directory.get_data(as_text=True)
    visitor = app.test_client().get(f"/bisogni/{region}").get_data(as_text=True)
    assert 'id="none-nearby"' not in visitor and 'id="suggestions-near"' in visitor  # the rule is said to all
    near = computed_need(app, client, maria, allow_duplicate="y")  # Biella: the Biellese organisations
    assert 'id="none-nearby"' not in client.get(f"/bisogni/{near}").get_data(as_text=True)

    remote = computed_need(app, client, maria, place="Lecce", help_kind="competenze", volunteers_needed=None,
                           title="Consulenza legale per lo statuto", allow_duplicate="y")
    assert suggested(remote)  # from Piedmont
    page = client.get(f"/bisogni/{remote}").get_data(as_text=True)
    assert 'id="none-nearby"' not in page and 'id="suggestions-near"' not in page
    assert client.get(f"/api/v1/needs/{remote}/suggestions").get_json()["near_region"] is None
    # the same competence given in person is help given on site
    assert client.patch(f"/api/v1/needs/{remote}", json={"in_person": True}).status_code == 200
    jobs.jobs_of(app).drain()
    assert suggested(remote) == set()

    # with a requirement too (verified): those of the region meeting it; "working in" counts as
    # "based in" (a network of Lecce that works in the province of Vercelli)
    seed(graph, [{"id": "org-lecce", "name": "Volontari Salentini ODV", "activities": ["a"], "seat": "comune:075035",
                  "description": "Volontari per la spesa e la compagnia agli anziani soli di Lecce."},
                 {"id": "org-rete", "name": "Rete Nazionale del Dopo di Noi", "activities": ["a"],
                  "seat": "comune:075035", "works_in": ["provincia:002"],
                  "description": "Rete di associazioni di volontariato per le persone fragili."}])
    graph.write("MATCH (o:Organisation) WHERE o.id IN ['org-spesa', 'org-calcio', 'org-lecce', 'org-rete'] "
                "SET o.verified = true")
    with app.app_context():
        matching.embed_all(matcher_of(app), graph)
    verified = computed_need(app, client, maria, place="Vercelli", only_verified="y", allow_duplicate="y",
                             title="Volontari verificati per la spesa a Vercelli")
    assert suggested(verified) == {"org-spesa", "org-calcio", "org-rete"}
    verified = computed_need(app, client, maria, place="Lecce", only_verified="y", allow_duplicate="y",
                             title="Volontari verificati per la spesa a Lecce")
    assert suggested(verified) == {"org-lecce", "org-rete"}


def test_a_need_whose_suggestions_were_all_declined_says_nobody_is_left_and_what_the_poster_may_change(
        graph, app, client, people):
    """A competence asked in Lecce: the organisations of the site are suggested, the poster
    declines them one by one, each refresh proposing the next, until the platform finds no
    other. The page says so and links the form; the need is on the poster's things to do; to
    others, the need has nobody suggested, and they are invited to offer."""
    maria, _ = people
    need_id = computed_need(app, client, maria, place="Lecce", help_kind="competenze", volunteers_needed=None,
                            title="Consulenza legale per lo statuto")
    proposed = "MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion {status: 'proposed'}) RETURN s.id AS id LIMIT 1"
    declined = 0
    while row := graph.read(proposed, n=need_id):
        page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
        assert 'id="suggestions-empty"' not in page and "to-do-unmatched" not in to_do_of(
            client.get("/bisogni/miei").get_data(as_text=True))  # someone is still in play
        sid = row[0]["id"]
        response = client.post(f"/bisogni/{need_id}/suggerimenti/{sid}",
                               data={"decision": "decline", f"decline-{sid}-reason": "not_relevant"})
        assert response.status_code == 302
        jobs.jobs_of(app).drain()
        declined += 1
        assert declined < 20
    assert declined >= 2
    page = html.unescape(client.get(f"/bisogni/{need_id}").get_data(as_text=True))
    assert len(suggested_names(page)) == declined  # the declined ones, with the poster's reasons
    assert ("Nessuna delle organizzazioni suggerite può più aiutare: le avete rifiutate o hanno risposto di non "
            "poterlo fare, e per ora la piattaforma non ne trova altre.") in page
    assert f'href="/bisogni/{need_id}/modifica" id="edit-unmatched"' in page and 'id="ask-all-italy"' not in page
    mine = client.get("/bisogni/miei").get_data(as_text=True)
    assert (f'href="/bisogni/{need_id}#suggerimenti" class="to-do-unmatched">per ora la piattaforma non trova chi '
            "possa aiutare; ecco cosa potete cambiare</a>") in html.unescape(to_do_of(mine))
    listed = app.test_client().get("/bisogni").get_data(as_text=True).split(f'href="/bisogni/{need_id}"', 1)[1]
    assert "Per ora nessuna organizzazione suggerita" in listed.split("</li>", 1)[0]
    visitor = html.unescape(app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True))
    assert "Per ora nessuna organizzazione corrisponde a questo bisogno." in visitor
    assert 'id="offer-invite"' in visitor and 'id="edit-unmatched"' not in visitor
    item = next(i for i in app.test_client().get("/api/v1/needs").get_json()["items"] if i["id"] == need_id)
    assert item["unmatched"] is True and item["suggestion_count"] == 0


def test_a_poster_whose_need_found_nobody_is_told_when_an_organisation_that_can_help_joins(graph, app, client,
                                                                                             people):
    """Volunteers asked in Lecce, where no organisation of the site is: nobody is suggested. The
    poster asks all of Italy, then only the region again: their own doing, seen on the page, so
    nothing is told. Then an organisation of Lecce joins: the refresh it causes suggests it, and
    the poster's members are told, once."""
    def told() -> list[str]:
        return [t for t in notification_titles(client.get("/notifiche").get_data(as_text=True))
                if "rimasto senza nessuno" in t]

    def suggested() -> set[str]:
        return {i["organisation_id"] for i in client.get(f"/api/v1/needs/{far}/suggestions").get_json()["items"]}

    maria, _ = people
    far = computed_need(app, client, maria, place="Lecce", title="Volontari per il doposcuola a Lecce")
    assert suggested() == set()
    assert client.patch(f"/api/v1/needs/{far}", json={"helpers_within": "italia"}).status_code == 200
    jobs.jobs_of(app).drain()
    assert suggested() and told() == []
    assert client.patch(f"/api/v1/needs/{far}", json={"helpers_within": None}).status_code == 200
    jobs.jobs_of(app).drain()
    assert suggested() == set() and told() == []
    seed(graph, [{"id": "org-lecce", "name": "Volontari Salentini ODV", "activities": ["a"], "seat": "comune:075035",
                  "description": "Volontari per il doposcuola e la compagnia agli anziani soli di Lecce."}])
    for _ in range(2):  # the second time, nothing new: nothing more is told
        with app.app_context():
            jobs.refresh_after_profile_change("org-lecce")  # the job a profile saved queues
        assert suggested() == {"org-lecce"}
        assert told() == ["Per il bisogno «Volontari per il doposcuola a Lecce», rimasto senza nessuno che potesse "
                          "aiutare, la piattaforma ora suggerisce Volontari Salentini ODV"]


def test_the_reasons_are_translated_in_english(graph, app, client, people):
    need_id = computed_need(app, client, people[0])
    page = client.get(f"/bisogni/{need_id}?lang=en").get_data(as_text=True)
    assert "Who can help" in page and "The profile is close to the text" in page
    assert '<span class="reason-detail">: same municipality</span>' in page
    assert "a) Social services" in page and "stesso comune" not in page


def test_accepting_a_suggestion_moves_the_need_to_matched(graph, app, client, people):
    need_id = computed_need(app, client, people[0])
    suggestion_id = suggestion_of(graph, need_id, "org-spesa")
    response = client.post(f"/bisogni/{need_id}/suggerimenti/{suggestion_id}", data={"decision": "accept"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/bisogni/{need_id}#suggerimenti")
    assert suggestion_status(graph, suggestion_id) == "accepted" and status_of(graph, need_id) == "matched"
    # a change of status alone leaves the suggestions and the need's vector as they are
    assert not suggestions.is_due(graph, need_id)
    assert suggestions.needs_to_refresh(graph) == []
    assert matching_repo.count_to_embed(graph, "Need", matcher_of(app).model, everything=False) == 0
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Suggerimento accettato." in page and "Il bisogno risulta «Abbinato»." in page
    assert re.search(r'data-status="accepted">.*?Spesa Solidale Biella ODV.*?Accettata', page, re.S)
    again = client.post(f"/bisogni/{need_id}/suggerimenti/{suggestion_id}", data={"decision": "accept"})
    assert "già stato deciso" in client.get(again.headers["Location"]).get_data(as_text=True)
    again = client.post(f"/bisogni/{need_id}/suggerimenti/{suggestion_id}?lang=en", data={"decision": "accept"})
    assert "This suggestion has already been decided" in client.get(again.headers["Location"]).get_data(as_text=True)


def test_a_need_met_before_is_named_as_the_evidence_of_a_new_suggestion(graph, app, client, people):
    """Spesa Solidale met Maria's first need (its suggestion accepted); for her next need, alike,
    its reasons say which need it met, page and API, even when text, territory, activity and
    competencies come first: the page shows four reasons and the others on request."""
    first = computed_need(app, client, people[0])
    client.post(f"/bisogni/{first}/suggerimenti/{suggestion_of(graph, first, 'org-spesa')}",
                data={"decision": "accept"})
    second = post_need(client, title="Consegna dei farmaci agli anziani soli",
                       description="Servono volontari che portino i farmaci a casa degli anziani soli.")
    jobs.jobs_of(app).drain()
    items = client.get(f"/api/v1/needs/{second}/suggestions").get_json()["items"]
    spesa = next(i for i in items if i["organisation_id"] == "org-spesa")
    work = [r["work"] for r in spesa["reasons"] if "work" in r]
    assert work and work[0] == {"id": first, "kind": "need", "title": NEED["title"], "year": None}
    page = client.get(f"/bisogni/{second}").get_data(as_text=True)
    assert f'<span class="reason-detail">: «{NEED["title"]}»</span>' in page
    cards = page.split('class="card shadow-sm mb-3 suggestion"')[1:]
    card = cards[suggested_names(page).index("Spesa Solidale Biella ODV")]
    shown, more = card.split('<details class="more-reasons')
    features = [r["feature"] for r in spesa["reasons"]]
    assert len(features) > 4 and shown.count('class="reason"') == 4  # four in view, the others a click away
    assert more.count('class="reason"') == len(features) - 4
    assert re.findall(r'data-feature="([a-z_]+)"', card) == features  # in the API's order
    assert ("Un altro motivo" if len(features) == 5 else f"Altri {len(features) - 4} motivi") in more
    english = client.get(f"/bisogni/{second}?lang=en").get_data(as_text=True)
    assert f'<span class="reason-detail">: “{NEED["title"]}”</span>' in english


def test_the_poster_marks_a_need_met_naming_who_helped_who_is_thanked_and_counts_as_past_work(
        graph, app, client, people, monkeypatch):
    """Maria contacted Spesa Solidale, never chose it, and marks the need met naming it: it is
    thanked, the need's page credits it, its help teaches the ranker, and her next need, alike,
    names the first as the work Spesa Solidale did."""
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 2)
    maria, luca = people
    first = computed_need(app, client, maria)
    spesa = suggestion_of(graph, first, "org-spesa")
    [other] = [r["id"] for r in graph.read("MATCH (:Need {id: $n})<-[:FOR]-(:Suggestion)-[:PROPOSES]->(o) "
                                           "WHERE o.id <> 'org-spesa' RETURN o.id AS id", n=first)]
    client.post(f"/bisogni/{first}/suggerimenti/{spesa}", data={"decision": "contact"})
    url = f"/bisogni/{first}/soddisfatto"
    member = app.test_client()
    login(member, luca)
    assert member.get(url).status_code == 403  # the poster's members only
    assert app.test_client().get(url).status_code == 302  # sign in first
    page = html.unescape(client.get(url).get_data(as_text=True))
    assert "Chi vi ha aiutato?" in page and "Spesa Solidale Biella ODV" in page and "contattata" in page
    assert 'value="org-spesa" id="helper-1">' in page  # contacted, not chosen: not ticked for her
    assert f'value="{other}"' not in page  # neither chosen, contacted nor said it can help

    refused = client.post(url, data={"helped_by": [other]})  # not one that may be named
    assert refused.status_code == 422 and status_of(graph, first) == "open"
    assert "Si possono indicare solo le organizzazioni scelte" in html.unescape(refused.get_data(as_text=True))
    done = client.post(url, data={"helped_by": ["org-spesa"]}, follow_redirects=True)
    shown = html.unescape(done.get_data(as_text=True))
    assert "Grazie: Spesa Solidale Biella ODV ne riceve notizia" in shown and status_of(graph, first) == "met"
    assert re.search(r'id="need-helpers">Soddisfatto con l\'aiuto di\s*<a href="/organizzazioni/org-spesa">',
                     app.test_client().get(f"/bisogni/{first}").get_data(as_text=True))  # for everyone
    assert notification_titles(member.get("/notifiche").get_data(as_text=True))[0] == \
        f"Associazione Volontariato Biellese ha segnato il bisogno «{NEED['title']}» come soddisfatto grazie " \
        "anche al vostro aiuto"
    listed = app.test_client().get("/bisogni?status=met").get_data(as_text=True)  # the lists say it too
    assert re.search(r'class="small mb-0 mt-2 need-helpers">Soddisfatto con l\'aiuto di\s*'
                     r'<a href="/organizzazioni/org-spesa">Spesa Solidale Biella ODV</a>', listed)
    [item] = app.test_client().get("/api/v1/needs?status=met").get_json()["items"]
    assert item["helped_by"] == [{"id": "org-spesa", "name": "Spesa Solidale Biella ODV"}]
    # the need is over: its poster's members keep the record of whom they contacted, read only
    record = client.get(f"/bisogni/{first}").get_data(as_text=True)
    assert 'id="suggestions"' not in record and 'value="accept"' not in record
    cards = record.split('id="record"', 1)[1].split("</section>", 1)[0]
    assert "Spesa Solidale Biella ODV" in cards and 'class="badge bg-success helped"' in cards
    assert "Contattata" in cards and "suggestion-contacts" in cards
    assert other not in cards  # only proposed, never answered: nothing to keep
    assert 'id="record"' not in app.test_client().get(f"/bisogni/{first}").get_data(as_text=True)
    inbox = member.get("/organizzazioni/org-spesa/suggerimenti").get_data(as_text=True)  # and its inbox
    card = inbox.split(f'id="s-{spesa}"', 1)[1].split('<li class="card', 1)[0]
    assert "Soddisfatto anche grazie a voi" in card
    profile = app.test_client().get("/organizzazioni/org-spesa").get_data(as_text=True)  # its page credits it too
    assert re.search(r'id="helped"><li><a href="/bisogni/' + first + '">' + re.escape(html.escape(NEED["title"])),
                     profile)
    assert 'id="helped"' not in app.test_client().get(f"/organizzazioni/{other}").get_data(as_text=True)
    # contacted and never answered, it would teach nothing: named as a helper, it is a positive example
    assert list({g.key: g for g in matching.feedback_groups(graph)}[first].labels) == [1]
    again = client.get(url)  # met: the question's link, opened again, says again who helped
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/bisogni/{first}/chi-ha-aiutato")

    second = post_need(client, title="Consegna dei farmaci agli anziani soli",
                       description="Servono volontari che portino i farmaci a casa degli anziani soli.")
    jobs.jobs_of(app).drain()
    items = client.get(f"/api/v1/needs/{second}/suggestions").get_json()["items"]
    reasons = next(i for i in items if i["organisation_id"] == "org-spesa")["reasons"]
    assert {r["work"]["id"] for r in reasons if "work" in r} == {first}


def test_who_helped_is_said_again_after_a_need_is_met_adding_one_forgotten_and_removing_one_named_by_mistake(
        graph, app, client, people, monkeypatch):
    """Maria chose one organisation and contacted Spesa Solidale; she marked the need met naming
    the first. Later she says again who helped: Spesa Solidale, forgotten, is added and thanked;
    the other, named by mistake, loses the credit and no longer counts as having helped."""
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 2)
    maria, luca = people
    need_id = computed_need(app, client, maria)
    spesa = suggestion_of(graph, need_id, "org-spesa")
    [(other, other_org)] = [(r["s"], r["o"]) for r in graph.read(
        "MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) WHERE o.id <> 'org-spesa' "
        "RETURN s.id AS s, o.id AS o", n=need_id)]
    url = f"/bisogni/{need_id}/chi-ha-aiutato"
    assert client.get(url).headers["Location"].endswith(f"/bisogni/{need_id}")  # not met yet: nothing to say again
    client.post(f"/bisogni/{need_id}/suggerimenti/{spesa}", data={"decision": "contact"})
    client.post(f"/bisogni/{need_id}/suggerimenti/{other}", data={"decision": "accept"})
    client.post(f"/bisogni/{need_id}/soddisfatto", data={"helped_by": [other_org]})
    helpers = "MATCH (:Need {id: $n})-[:MET_WITH]->(o) RETURN collect(o.id) AS ids"
    assert graph.read(helpers, n=need_id)[0]["ids"] == [other_org]

    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert f'href="{url}" id="edit-helpers">modifica<span class="visually-hidden"> chi ha aiutato</span></a>' in page
    assert 'id="edit-helpers"' not in app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    member = app.test_client()
    login(member, luca)
    assert member.get(url).status_code == 403 and member.post(url, data={"helped_by": []}).status_code == 403
    form = html.unescape(client.get(url).get_data(as_text=True))
    assert "Chi vi ha aiutato a soddisfare il bisogno?" in form and "Salva" in form
    assert f'value="{other_org}" id="helper-1" checked>' in form and 'value="org-spesa" id="helper-2">' in form

    refused = client.post(url, data={"helped_by": ["org-spesa", "org-avb"]})  # its own: not on the need
    assert refused.status_code == 422
    kept = html.unescape(refused.get_data(as_text=True))
    assert "Si possono indicare solo le organizzazioni scelte" in kept
    assert 'value="org-spesa" id="helper-2" checked>' in kept  # the input is kept
    assert graph.read(helpers, n=need_id)[0]["ids"] == [other_org]  # nothing written

    done = html.unescape(client.post(url, data={"helped_by": ["org-spesa"]}, follow_redirects=True)
                         .get_data(as_text=True))
    assert "Aggiunte, con un ringraziamento: Spesa Solidale Biella ODV." in done and "Tolte: " in done
    assert graph.read(helpers, n=need_id)[0]["ids"] == ["org-spesa"]
    assert re.search(r'id="need-helpers">Soddisfatto con l\'aiuto di\s*<a href="/organizzazioni/org-spesa">', done)
    assert notification_titles(member.get("/notifiche").get_data(as_text=True))[0] == \
        f"Associazione Volontariato Biellese ha segnato il bisogno «{NEED['title']}» come soddisfatto grazie " \
        "anche al vostro aiuto"
    assert 'id="helped"' not in app.test_client().get(f"/organizzazioni/{other_org}").get_data(as_text=True)
    assert 'id="helped"' in app.test_client().get("/organizzazioni/org-spesa").get_data(as_text=True)
    flags = {r["s"]: r["helped"] for r in graph.read(
        "MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion) RETURN s.id AS s, s.helped AS helped", n=need_id)}
    assert flags == {spesa: True, other: None}  # what the ranker learns from
    assert "Nessuna modifica" in html.unescape(client.post(url, data={"helped_by": ["org-spesa"]},
                                                           follow_redirects=True).get_data(as_text=True))
    assert status_of(graph, need_id) == "met"

    client.post(url, data={})  # nobody helped after all
    assert graph.read(helpers, n=need_id)[0]["ids"] == []
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'id="need-helpers"' not in page and f'href="{url}" id="edit-helpers">' in page  # to say it again


def test_an_organisation_of_the_directory_that_helped_outside_the_suggestions_is_credited_once_it_confirms(
        graph, app, client, people, monkeypatch):
    """Maria's need was met with Spesa Solidale (contacted) and with two organisations the
    platform did not put before her: she names them from the directory. Each is asked to confirm;
    the one that confirms is credited (and, suggested before without an answer, becomes a positive
    example); the one that says it did not help is not; until they answer, only Maria sees them."""
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 2)
    maria, luca = people
    seed(graph, [{"id": "org-poli-biella", "name": "Polisportiva Biellese", "activities": ["t"]}])
    need_id = computed_need(app, client, maria)
    spesa = suggestion_of(graph, need_id, "org-spesa")
    [(other, other_org, other_name)] = [(r["s"], r["o"], r["name"]) for r in graph.read(
        "MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) WHERE o.id <> 'org-spesa' "
        "RETURN s.id AS s, o.id AS o, o.name AS name", n=need_id)]  # suggested, never answered: not a choice
    client.post(f"/bisogni/{need_id}/suggerimenti/{spesa}", data={"decision": "contact"})
    other_member, calcio_member = person(graph, "Anna Verdi", "anna@example.it"), person(graph, "Giulia", "g@x.it")
    organisations_repo.add_member(graph, other_member.id, other_org, "member")
    organisations_repo.add_member(graph, calcio_member.id, "org-calcio", "member")
    met = f"/bisogni/{need_id}/soddisfatto"

    # a name that finds two: the candidates to pick from, the ticks kept, nothing written
    several = client.post(met, data={"helped_by": ["org-spesa"], "other": "Polisportiva"})
    page = html.unescape(several.get_data(as_text=True))
    assert several.status_code == 422 and status_of(graph, need_id) == "open"
    assert "Più organizzazioni corrispondono a questo nome" in page
    assert re.findall(r'name="other_id" value="([\w-]+)"', page) == ["org-poli-biella", "org-calcio"] or \
        re.findall(r'name="other_id" value="([\w-]+)"', page) == ["org-calcio", "org-poli-biella"]
    assert 'value="org-spesa" id="helper-1" checked>' in page and 'value="Polisportiva"' in page
    own = client.post(met, data={"other": "Associazione Volontariato Biellese"})  # the poster itself
    assert own.status_code == 422
    assert "La vostra organizzazione non si indica" in html.unescape(own.get_data(as_text=True))
    assert status_of(graph, need_id) == "open"

    done = client.post(met, data={"helped_by": ["org-spesa"], "other": "Polisportiva", "other_id": "org-calcio"},
                       follow_redirects=True)
    shown = html.unescape(done.get_data(as_text=True))
    assert status_of(graph, need_id) == "met"
    assert "Abbiamo chiesto a Polisportiva Giovani Torino di confermare che vi ha aiutato" in shown
    assert 'id="help-claims-pending">In attesa di conferma: Polisportiva Giovani Torino</p>' in shown
    helpers = "MATCH (:Need {id: $n})-[:MET_WITH]->(o) RETURN o.id AS id ORDER BY id"
    assert [r["id"] for r in graph.read(helpers, n=need_id)] == ["org-spesa"]
    public = app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Polisportiva" not in public  # not credited until it confirms

    # the edit page: one named by its exact name; one of the choices named so is ticked instead
    edit = f"/bisogni/{need_id}/chi-ha-aiutato"
    client.post(edit, data={"other": "Spesa Solidale Biella ODV"})  # unticked, and named: ticked
    assert [r["id"] for r in graph.read(helpers, n=need_id)] == ["org-spesa"]
    client.post(edit, data={"helped_by": ["org-spesa"], "other": other_name})
    form = html.unescape(client.get(edit).get_data(as_text=True))
    pending = form.split('id="help-claims"', 1)[1]
    assert other_name in pending and "Polisportiva Giovani Torino" in pending and "Ritira la richiesta" in pending

    # each is asked; only its members may answer
    helper = app.test_client()
    login(helper, other_member)
    assert notification_titles(helper.get("/notifiche").get_data(as_text=True))[0] == \
        f"Associazione Volontariato Biellese dice che l'avete aiutata a soddisfare il bisogno «{NEED['title']}»: " \
        "confermate?"
    box = html.unescape(helper.get(f"/bisogni/{need_id}").get_data(as_text=True))
    assert f"Associazione Volontariato Biellese dice che {other_name} l'ha aiutata a soddisfare questo bisogno" in box
    assert "Polisportiva Giovani Torino l'ha aiutata" not in box  # not its question
    inbox_url = f"/organizzazioni/{other_org}/suggerimenti"
    inbox = html.unescape(helper.get(inbox_url).get_data(as_text=True))  # its inbox asks too
    waiting = inbox.split('id="inbox-help-claims"', 1)[1].split("</section>", 1)[0]
    assert "Associazione Volontariato Biellese dice che l'avete aiutata a soddisfare il bisogno" in waiting
    assert f'action="/bisogni/{need_id}/aiuto/{other_org}"' in waiting and NEED["title"] in waiting
    spesa_member = app.test_client()
    login(spesa_member, luca)
    answer = f"/bisogni/{need_id}/aiuto/{other_org}"
    assert spesa_member.post(answer, data={"decision": "confirm"}).status_code == 403
    assert client.post(answer, data={"decision": "confirm"}).status_code == 403  # the poster cannot confirm for it

    confirmed = html.unescape(helper.post(answer, data={"decision": "confirm"}, follow_redirects=True)
                              .get_data(as_text=True))
    assert "Grazie: l'aiuto della vostra organizzazione compare sulla pagina del bisogno." in confirmed
    assert 'id="inbox-help-claims"' not in helper.get(inbox_url).get_data(as_text=True)  # answered
    assert [r["id"] for r in graph.read(helpers, n=need_id)] == sorted(["org-spesa", other_org])
    assert graph.read("MATCH (:Need {id: $n})-[m:MET_WITH]->({id: $o}) RETURN m.by AS by, m.confirmed_by AS c",
                      n=need_id, o=other_org) == [{"by": maria.id, "c": other_member.id}]
    assert graph.read("MATCH (s:Suggestion {id: $s}) RETURN s.helped AS h", s=other)[0]["h"] is True
    assert list({g.key: g for g in matching.feedback_groups(graph)}[need_id].labels) == [1, 1]
    assert other_name in html.unescape(app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True))
    assert 'id="helped"' in app.test_client().get(f"/organizzazioni/{other_org}").get_data(as_text=True)
    titles = notification_titles(client.get("/notifiche").get_data(as_text=True))
    assert f"{other_name} ha confermato di avervi aiutato a soddisfare il bisogno «{NEED['title']}»" in titles
    assert helper.post(answer, data={"decision": "decline"}).status_code == 302  # answered already: said
    again = html.unescape(client.get(edit).get_data(as_text=True))  # now among the choices, ticked
    assert re.search(r'value="' + other_org + r'" id="helper-\d" checked>\s*<label[^>]*>' + re.escape(other_name)
                     + r'\s*<span class="text-muted small">– dalla directory: ha confermato', again)

    # the other says it did not help: not credited, Maria is told
    calcio = app.test_client()
    login(calcio, calcio_member)
    calcio.post(f"/bisogni/{need_id}/aiuto/org-calcio", data={"decision": "decline"})
    assert "org-calcio" not in [r["id"] for r in graph.read(helpers, n=need_id)]
    assert f"Polisportiva Giovani Torino dice di non avervi aiutato a soddisfare il bisogno «{NEED['title']}»" in \
        notification_titles(client.get("/notifiche").get_data(as_text=True))
    assert graph.read("MATCH (:Need {id: $n})-[c:HELP_CLAIMED]->() RETURN count(c) AS c", n=need_id)[0]["c"] == 0
    asked_again = client.post(edit, data={"helped_by": ["org-spesa", other_org], "other_id": "org-calcio"})
    assert asked_again.status_code == 422  # once is enough
    assert "Questa organizzazione ha già risposto di non avervi aiutato" in html.unescape(
        asked_again.get_data(as_text=True))
    assert "Hanno risposto di non avervi aiutato: Polisportiva Giovani Torino" in \
        html.unescape(client.get(edit).get_data(as_text=True))

    # the poster withdraws a question not yet answered
    asked = {"helped_by": ["org-spesa", other_org], "other_id": "org-poli-biella"}
    nobody = html.unescape(client.post(edit, data=asked, follow_redirects=True).get_data(as_text=True))
    assert "Polisportiva Biellese non ha ancora membri sulla piattaforma: la richiesta di conferma resta" in nobody
    assert 'id="help-claims-pending">' in nobody
    assert "non ha ancora membri sulla piattaforma: nessuno può confermarlo" in client.get(edit).get_data(as_text=True)
    client.post(f"/bisogni/{need_id}/aiuto/org-poli-biella", data={"decision": "withdraw"})
    assert 'id="help-claims-pending">' not in client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert [r["id"] for r in graph.read(helpers, n=need_id)] == sorted(["org-spesa", other_org])
    declined = "MATCH (:Need {id: $n})-[:HELP_DECLINED]->(o) RETURN o.id AS id"
    assert graph.read(declined, n=need_id) == [{"id": "org-calcio"}]  # withdrawn is not declined

    # the Polisportiva said no by mistake: its members may still confirm it, and it is credited
    mistaken = html.unescape(calcio.get(f"/bisogni/{need_id}").get_data(as_text=True))
    assert "Avete risposto che Polisportiva Giovani Torino non ha aiutato Associazione Volontariato Biellese" in \
        mistaken and "Abbiamo aiutato: confermiamo" in mistaken
    assert "Abbiamo aiutato: confermiamo" not in client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert calcio.post(f"/bisogni/{need_id}/aiuto/org-calcio", data={"decision": "decline"}).status_code == 302
    assert graph.read(declined, n=need_id) == [{"id": "org-calcio"}]  # said once: nothing to decline again
    calcio.post(f"/bisogni/{need_id}/aiuto/org-calcio", data={"decision": "confirm"})
    assert [r["id"] for r in graph.read(helpers, n=need_id)] == sorted(["org-calcio", "org-spesa", other_org])
    assert graph.read(declined, n=need_id) == []
    assert f"Polisportiva Giovani Torino ha confermato di avervi aiutato a soddisfare il bisogno «{NEED['title']}»" \
        in notification_titles(client.get("/notifiche").get_data(as_text=True))


def test_a_person_of_both_organisations_does_not_confirm_that_one_helped_the_other(graph, app, client, people):
    """Anna belongs to Maria's association and to the Polisportiva too. Maria says the Polisportiva
    helped: Anna is not asked and cannot confirm it, and Maria is told that nobody can yet.
    Giulia, of the Polisportiva only, joins later, finds the question and confirms it."""
    maria, _luca = people
    need_id = computed_need(app, client, maria)
    anna, giulia = person(graph, "Anna Verdi", "anna@example.it"), person(graph, "Giulia Neri", "g@x.it")
    organisations_repo.add_member(graph, anna.id, "org-avb", "member")
    organisations_repo.add_member(graph, anna.id, "org-calcio", "member")
    done = html.unescape(client.post(f"/bisogni/{need_id}/soddisfatto", data={"other": "polisportiva giovani torino "},
                                     follow_redirects=True).get_data(as_text=True))
    assert status_of(graph, need_id) == "met"
    assert "Chi rappresenta Polisportiva Giovani Torino sulla piattaforma fa parte anche della vostra " \
           "organizzazione: la richiesta di conferma resta in attesa" in done
    pending = done.split('id="help-claims-pending">', 1)[1].split("</p>", 1)[0]
    assert "Polisportiva Giovani Torino <span class=\"text-muted\">(chi la rappresenta sulla piattaforma fa parte " \
           "anche della vostra organizzazione: nessuno può confermarlo)" in pending

    both = app.test_client()
    login(both, anna)
    assert not [t for t in notification_titles(both.get("/notifiche").get_data(as_text=True)) if "confermate?" in t]
    page = html.unescape(both.get(f"/bisogni/{need_id}").get_data(as_text=True))
    assert "Sì, confermiamo" not in page and 'id="help-claims-pending"' in page  # she sees it as the poster's
    assert 'id="inbox-help-claims"' not in both.get("/organizzazioni/org-calcio/suggerimenti").get_data(as_text=True)
    answer = f"/bisogni/{need_id}/aiuto/org-calcio"
    refused = both.post(answer, data={"decision": "confirm"})
    assert refused.status_code == 403
    assert "Fai parte anche di Associazione Volontariato Biellese, che ha pubblicato il bisogno: a confermare che " \
           "Polisportiva Giovani Torino ha aiutato dev'essere un altro dei suoi membri." in \
           html.unescape(refused.get_data(as_text=True))
    helpers = "MATCH (:Need {id: $n})-[:MET_WITH]->(o) RETURN o.id AS id"
    assert graph.read(helpers, n=need_id) == []

    organisations_repo.add_member(graph, giulia.id, "org-calcio", "member")
    other = app.test_client()
    login(other, giulia)
    assert 'id="inbox-help-claims"' in other.get("/organizzazioni/org-calcio/suggerimenti").get_data(as_text=True)
    assert "Sì, confermiamo" in other.get(f"/bisogni/{need_id}").get_data(as_text=True)
    other.post(answer, data={"decision": "confirm"})
    assert graph.read(helpers, n=need_id) == [{"id": "org-calcio"}]


def test_contacting_shows_the_organisation_contacts_to_the_poster(graph, app, client, people):
    graph.write("MATCH (o:Organisation {id: 'org-spesa'}) SET o.email = 'info@spesa.example.it'")
    need_id = computed_need(app, client, people[0])
    suggestion_id = suggestion_of(graph, need_id, "org-spesa")
    client.post(f"/bisogni/{need_id}/suggerimenti/{suggestion_id}", data={"decision": "contact"})
    assert suggestion_status(graph, suggestion_id) == "contacted"
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'href="mailto:info@spesa.example.it"' in page and "Contattata" in page


def test_declining_needs_a_reason_and_keeps_the_input_on_error(graph, app, client, people):
    need_id = computed_need(app, client, people[0])
    suggestion_id = suggestion_of(graph, need_id, "org-calcio")
    url, prefix = f"/bisogni/{need_id}/suggerimenti/{suggestion_id}", f"decline-{suggestion_id}"

    response = client.post(url, data={"decision": "decline", f"{prefix}-reason": "",
                                      f"{prefix}-reason_text": "Si occupano di sport"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Scegli un motivo." in page and "Il rifiuto non è stato registrato" in page
    assert "Si occupano di sport</textarea>" in page and '<details class="mt-2 decline" open>' in page

    response = client.post(url, data={"decision": "decline", f"{prefix}-reason": "other", f"{prefix}-reason_text": ""})
    assert response.status_code == 422 and "Scrivi il motivo." in response.get_data(as_text=True)
    assert '<option selected value="other">' in response.get_data(as_text=True)
    assert suggestion_status(graph, suggestion_id) == "proposed"

    response = client.post(url, data={"decision": "decline", f"{prefix}-reason": "too_far",
                                      f"{prefix}-reason_text": "Sono a Torino"})
    assert response.status_code == 302 and suggestion_status(graph, suggestion_id) == "declined"
    poster = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Motivo del rifiuto: Troppo lontana – Sono a Torino" in poster
    visitor = app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Polisportiva Giovani Torino" not in visitor and "Sono a Torino" not in visitor
    assert "Spesa Solidale Biella ODV" in visitor


def test_a_declined_organisation_makes_room_for_the_next_one(graph, app, client, people, monkeypatch):
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 2)
    need_id = computed_need(app, client, people[0])
    proposed = graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) "
                          "RETURN o.id AS id, s.id AS suggestion ORDER BY s.rank", n=need_id)
    assert len(proposed) == 2
    others = {"org-spesa", "org-compagnia", "org-calcio"} - {r["id"] for r in proposed}  # the poster is org-avb
    declined = proposed[0]
    prefix = f"decline-{declined['suggestion']}"
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
    response = client.post(f"/bisogni/{need_id}/suggerimenti/{declined['suggestion']}",
                           data={"decision": "decline", f"{prefix}-reason": "not_relevant"})
    assert response.status_code == 302
    assert [(fn.__name__, args) for fn, args in queued] == [("refresh_need", (need_id,))]
    assert need_id in suggestions.needs_to_refresh(graph)  # marked first: a restart would lose nothing
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "al suo posto la piattaforma cerca un" in page, re.findall(r"alert[^>]*>([^<]+)", page)
    assert 'id="suggestions-refreshing"' in page  # the list shown is about to change, and the page says so
    # the page asks for the refresh too (the same job, queued once): were the first one lost with a
    # restart, the page would not wait for ever
    assert [(fn.__name__, args) for fn, args in queued] == [("refresh_need", (need_id,))] * 2
    assert client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["refreshing"] is True
    embedded = "MATCH (n:Need {id: $n}) RETURN toString(n.embedded_at) AS at"
    before = graph.read(embedded, n=need_id)[0]["at"]
    with app.app_context():
        queued[0][0](*queued[0][1])  # the background job, run here
    assert need_id not in suggestions.needs_to_refresh(graph)
    assert graph.read(embedded, n=need_id)[0]["at"] == before  # the text did not change: no new vector
    suggested = "MATCH (n:Need {id: $n}) RETURN toString(n.suggested_at) AS at"
    done_at = graph.read(suggested, n=need_id)[0]["at"]
    with app.app_context():
        queued[1][0](*queued[1][1])  # the page's job, once the first one has done the work: nothing to do
    assert graph.read(suggested, n=need_id)[0]["at"] == done_at
    assert client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["refreshing"] is False
    # the proposal still ranked kept its id: the poster's page, loaded before, still acts on it
    assert suggestion_of(graph, need_id, proposed[1]["id"]) == proposed[1]["suggestion"]
    after = graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) "
                       "RETURN o.id AS id, s.status AS status", n=need_id)
    statuses = {r["id"]: r["status"] for r in after}
    assert statuses[declined["id"]] == "declined"  # kept, with the poster's decision
    assert [o for o, st in statuses.items() if st == "proposed"] != [] and others <= set(statuses)
    assert sum(st == "proposed" for st in statuses.values()) == 2  # two open proposals again
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'id="suggestions-refreshing"' not in page and len(queued) == 2  # nothing more to do
    names = suggested_names(page)
    assert len(names) == 3 and names[-1] == graph.read("MATCH (o:Organisation {id: $id}) RETURN o.name AS n",
                                                       id=declined["id"])[0]["n"]  # the declined one last


def test_outsiders_cannot_decide(graph, app, client, people):
    maria, luca = people
    need_id = computed_need(app, client, maria)
    suggestion_id = suggestion_of(graph, need_id, "org-spesa")
    other = app.test_client()
    login(other, luca)  # a member of the suggested organisation, not of the poster
    url = f"/bisogni/{need_id}/suggerimenti/{suggestion_id}"
    assert other.post(url, data={"decision": "accept"}).status_code == 403
    anonymous = app.test_client().post(url, data={"decision": "accept"})
    assert anonymous.status_code == 302 and "/accedi" in anonymous.headers["Location"]
    assert client.post(f"/bisogni/{need_id}/suggerimenti/unknown", data={"decision": "accept"}).status_code == 404
    assert suggestion_status(graph, suggestion_id) == "proposed" and status_of(graph, need_id) == "open"


# ----------------------------------------------------------------------------- the inbox


def test_the_suggested_organisation_answers_from_its_inbox_and_the_poster_reads_it(graph, app, client, people):
    maria, luca = people
    need_id = computed_need(app, client, maria)
    suggestion_id = suggestion_of(graph, need_id, "org-spesa")
    assert client.get("/organizzazioni/org-spesa/suggerimenti").status_code == 403  # Maria is not a member
    member = app.test_client()
    login(member, luca)
    assert 'id="inbox-link"' in member.get("/organizzazioni/org-spesa").get_data(as_text=True)
    assert "Bisogni per cui siete stati suggeriti" in member.get("/account").get_data(as_text=True)

    past_the_end = member.get("/organizzazioni/org-spesa/suggerimenti?page=3")
    assert past_the_end.status_code == 302 and past_the_end.headers["Location"].endswith("/org-spesa/suggerimenti")
    inbox = member.get("/organizzazioni/org-spesa/suggerimenti").get_data(as_text=True)
    assert "Bisogni per cui siete stati suggeriti" in inbox and NEED["title"] in inbox
    assert "Associazione Volontariato Biellese" in inbox and "Perché siete stati suggeriti" in inbox
    url, field = f"/organizzazioni/org-spesa/suggerimenti/{suggestion_id}/risposta", f"answer-{suggestion_id}-answer"
    can = f"answer-{suggestion_id}-availability"
    response = member.post(url, data={field: "Ci siamo."})  # without saying whether they can help
    assert response.status_code == 422 and "Dite se potete aiutare." in response.get_data(as_text=True)
    assert "Ci siamo." in response.get_data(as_text=True)  # the input is kept
    response = member.post(url, data={can: "yes", field: "  "})
    assert response.status_code == 422 and "Scrivi la risposta: come potete aiutare" in response.get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="yes"', response.get_data(as_text=True))  # the choice is kept
    response = member.post(url, data={can: "partly", field: "x" * 2001})
    assert response.status_code == 422 and "Al massimo 2000 caratteri." in response.get_data(as_text=True)
    assert "x" * 2001 in response.get_data(as_text=True)  # the input is kept
    assert member.post(url, data={can: "maybe", field: "Ci siamo."}).status_code == 422

    waiting = member.get("/organizzazioni/org-spesa/suggerimenti?da_rispondere=1").get_data(as_text=True)
    assert ">Da rispondere (1)</a>" in waiting and ">Tutti (1)</a>" in waiting and NEED["title"] in waiting
    assert 'id="inbox-requests"' not in waiting  # nobody asked it: no list of requests offered
    requests = member.get("/organizzazioni/org-spesa/suggerimenti?richieste=1").get_data(as_text=True)
    assert 'id="inbox-no-requests"' in requests and NEED["title"] not in requests.split('id="inbox-filter"', 1)[1]
    assert f'action="{url}?da_rispondere=1"' in waiting  # the answer comes back to the same list

    answer = "Possiamo aiutare il martedì e il giovedì mattina con due volontari."
    response = member.post(url + "?da_rispondere=1", data={can: "yes", field: answer})
    assert response.status_code == 302 and "da_rispondere=1" in response.headers["Location"]
    waiting = member.get("/organizzazioni/org-spesa/suggerimenti?da_rispondere=1").get_data(as_text=True)
    assert ">Da rispondere (0)</a>" in waiting and 'id="inbox-none-waiting"' in waiting and NEED["title"] not in waiting
    poster_page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert answer in poster_page and 'data-availability="yes">Può aiutare</span>' in poster_page
    # the poster's own list says first what waits for them, with a link to it
    to_do = to_do_of(client.get("/bisogni/miei").get_data(as_text=True))
    assert f'href="/bisogni/{need_id}#suggerimenti" class="to-do-waiting">1 organizzazione può aiutare e aspetta ' \
           'la vostra decisione</a>' in to_do
    assert 'id="to-do"' not in client.get("/bisogni/miei?status=open").get_data(as_text=True)  # not over a filter
    assert 'id="to-do"' not in client.get("/bisogni").get_data(as_text=True)
    assert answer in member.get("/organizzazioni/org-spesa/suggerimenti").get_data(as_text=True)
    answered = member.get(f"/bisogni/{need_id}").get_data(as_text=True)  # no longer asked to answer
    assert "Modifica la vostra risposta" in answered and "è suggerita: rispondi" not in answered
    # the link opens the inbox's page that lists the suggestion, wherever it is
    assert f'href="/organizzazioni/org-spesa/suggerimenti/{suggestion_id}">Modifica la vostra risposta' in answered

    # the answer is for the poster, not the public (it often holds a phone number)
    assert answer not in app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'data-availability="yes"' not in app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert all(i["answer"] is None and i["availability"] is None for i in
               app.test_client().get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"])
    # the poster's members are told of the answer, with a link to it; the one who answered is not
    told = client.get("/notifiche").get_data(as_text=True)
    assert f"Spesa Solidale Biella ODV può aiutare per il bisogno «{NEED['title']}»" in told and answer in told
    assert ">Bisogno</span>" in told  # the kind's badge
    own = member.get("/notifiche").get_data(as_text=True)
    assert "può aiutare per il bisogno" not in own and answer not in own


def test_an_answer_to_a_suggestion_taken_away_meanwhile_reaches_the_poster_as_an_offer(graph, app, client, people):
    """Luca writes the answer of org-spesa while a refresh takes its suggestion away: an answer
    that it can help reaches the poster all the same, as an offer; one that it cannot needs no
    sending. When the need now asks what org-spesa lacks (verified organisations only, the
    poster's edit), nothing is sent, and the inbox says why and shows what was written."""
    maria, luca = people
    need_id = computed_need(app, client, maria)
    member = app.test_client()
    login(member, luca)
    suggestion_id = suggestion_of(graph, need_id, "org-spesa")
    assert f'name="need" value="{need_id}"' in member.get("/organizzazioni/org-spesa/suggerimenti").get_data(
        as_text=True)
    # what a refresh does to a proposal still unanswered that its new list does not rank
    graph.write("MATCH (s:Suggestion {id: $id}) DETACH DELETE s", id=suggestion_id)
    url = f"/organizzazioni/org-spesa/suggerimenti/{suggestion_id}/risposta"
    field, can = f"answer-{suggestion_id}-answer", f"answer-{suggestion_id}-availability"
    theirs = "MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(:Organisation {id: 'org-spesa'}) " \
             "RETURN s.id AS id, s.offered AS offered, s.answer AS answer, s.availability AS availability"
    response = member.post(url, data={can: "no", field: "", "need": need_id})
    assert response.status_code == 302
    assert "non serve rispondere di no" in html.unescape(member.get(response.headers["Location"]).get_data(
        as_text=True))
    assert graph.read(theirs, n=need_id) == []
    answer = "Possiamo aiutare il martedì mattina con due volontari."
    response = member.post(url, data={can: "yes", field: answer, "need": need_id})
    assert response.status_code == 302
    assert "la vostra risposta è arrivata comunque a chi l'ha pubblicato, come proposta di aiuto" in html.unescape(
        member.get(response.headers["Location"]).get_data(as_text=True))
    offer = graph.read(theirs, n=need_id)
    assert [{k: v for k, v in o.items() if k != "id"} for o in offer] == [
        {"offered": True, "answer": answer, "availability": "yes"}]
    assert response.headers["Location"].endswith(f"#s-{offer[0]['id']}")
    assert answer in client.get(f"/bisogni/{need_id}").get_data(as_text=True)  # the poster reads it
    assert "Spesa Solidale Biella ODV si offre di aiutare" in " ".join(
        notification_titles(client.get("/notifiche").get_data(as_text=True)))

    # the poster now asks only verified organisations: the real refresh takes org-spesa away
    other = computed_need(app, client, maria, allow_duplicate="y", title="Volontari per la spesa del sabato")
    suggestion_id = suggestion_of(graph, other, "org-spesa")
    assert client.patch(f"/api/v1/needs/{other}", json={"only_verified": True}).status_code == 200
    jobs.jobs_of(app).drain()
    assert graph.read(theirs, n=other) == []
    url = f"/organizzazioni/org-spesa/suggerimenti/{suggestion_id}/risposta"
    field, can = f"answer-{suggestion_id}-answer", f"answer-{suggestion_id}-availability"
    answer = "Il sabato possiamo mandare tre volontari con il furgone."
    response = member.post(url, data={can: "partly", field: answer, "need": other})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and 'id="answer-gone"' in page
    assert "cerca solo organizzazioni verificate" in page.split('id="answer-gone"', 1)[1].split("</div>", 1)[0]
    assert answer in page and f'href="/bisogni/{other}"' in page  # nothing lost, and where to go
    assert graph.read(theirs, n=other) == []


def card_of(page: str, suggestion_id: str) -> str:
    """One suggestion's card on the need page (unescaped)."""
    return html.unescape(page).split(f'id="s-{suggestion_id}"', 1)[1].split('<li class="card', 1)[0]


def test_a_poster_asks_an_organisation_of_the_directory_that_was_not_suggested_whether_it_can_help(
        graph, app, client, people, monkeypatch):
    """Maria knows an organisation of Lecce that the platform does not suggest for her need in
    Biella (help given on site: only organisations of Piedmont are). From its page she asks it,
    with a message: it joins the need's organisations as one she wants to contact, with its
    reasons once the refresh is done; Luca, of it, is told, reads her message in its inbox and
    answers. It is asked once; a need's requirements of who helps apply; only the poster's
    members may ask."""
    maria, luca = people
    need_id = computed_need(app, client, maria)
    seed(graph, [{"id": "org-lecce", "name": "Volontari Salentini ODV", "activities": ["a"], "seat": "comune:075035",
                  "description": "Volontari per la spesa e la compagnia agli anziani soli di Lecce."}])
    organisations_repo.add_member(graph, luca.id, "org-lecce", "member")
    with app.app_context():
        matching.embed_all(matcher_of(app), graph)  # as its profile, saved, would be
    suggestions_of = f"/api/v1/needs/{need_id}/suggestions"
    assert "org-lecce" not in {i["organisation_id"] for i in client.get(suggestions_of).get_json()["items"]}
    section = client.get("/organizzazioni/org-lecce").get_data(as_text=True).split('id="chiedi-aiuto"', 1)
    assert len(section) == 2 and f'value="{need_id}"' in section[1].split("</section>", 1)[0]
    assert 'id="chiedi-aiuto"' not in app.test_client().get("/organizzazioni/org-lecce").get_data(as_text=True)
    assert 'id="chiedi-aiuto"' not in client.get("/organizzazioni/org-avb").get_data(as_text=True)  # her own

    url = "/organizzazioni/org-lecce/chiedi-aiuto"
    response = client.post(url, data={"need": need_id, "message": "x" * 2001})
    assert response.status_code == 422 and "Al massimo 2000 caratteri." in response.get_data(as_text=True)
    assert "x" * 2001 in response.get_data(as_text=True)  # the input is kept
    message = "Ci hanno parlato bene di voi: potete darci una mano il sabato mattina?"
    queued = []
    with monkeypatch.context() as patched:
        patched.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
        response = client.post(url, data={"need": need_id, "message": message})
    assert response.status_code == 302 and [(fn.__name__, args) for fn, args in queued] == [
        ("refresh_need", (need_id,))]
    asked = graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(:Organisation {id: 'org-lecce'}) "
                       "RETURN s.id AS id, s.status AS status, s.invited AS invited, s.invitation AS invitation",
                       n=need_id)
    assert [{k: v for k, v in a.items() if k != "id"} for a in asked] == [
        {"status": "contacted", "invited": True, "invitation": message}]
    assert response.headers["Location"].endswith(f"/bisogni/{need_id}#s-{asked[0]['id']}")
    card = card_of(client.get(f"/bisogni/{need_id}").get_data(as_text=True), asked[0]["id"])
    assert "Chiesta da chi ha pubblicato il bisogno" in card and "la piattaforma sta calcolando" in card
    waiting = html.unescape(client.get("/organizzazioni/org-lecce").get_data(as_text=True))
    assert "in attesa di risposta" in waiting.split('id="in-touch"', 1)[1].split("</ul>", 1)[0]
    with app.app_context():
        queued[0][0](*queued[0][1])  # the refresh it queued, run here: its reasons, and it stays
    card = card_of(client.get(f"/bisogni/{need_id}").get_data(as_text=True), asked[0]["id"])
    assert "Perché potrebbe aiutare" in card and 'class="reason' in card and "suggestion-contacts" in card
    item = next(i for i in client.get(suggestions_of).get_json()["items"] if i["organisation_id"] == "org-lecce")
    assert item["invited"] is True and item["offered"] is False and item["status"] == "contacted"

    member = app.test_client()
    login(member, luca)
    assert (f"Associazione Volontariato Biellese vi chiede se potete aiutare per il bisogno «{NEED['title']}»"
            in notification_titles(member.get("/notifiche").get_data(as_text=True)))
    inbox = html.unescape(member.get("/organizzazioni/org-lecce/suggerimenti").get_data(as_text=True))
    assert "Vi chiedono di aiutare" in inbox and message in inbox
    sid = asked[0]["id"]
    # the requests alone, one click away; an answer sent from there comes back there
    requests = html.unescape(member.get("/organizzazioni/org-lecce/suggerimenti?richieste=1").get_data(as_text=True))
    assert 'aria-current="page" id="inbox-requests">Vi chiedono aiuto (1)</a>' in requests
    assert message in requests and requests.count('class="card shadow-sm mb-3 suggestion"') == 1
    assert f'action="/organizzazioni/org-lecce/suggerimenti/{sid}/risposta?richieste=1"' in requests
    response = member.post(f"/organizzazioni/org-lecce/suggerimenti/{sid}/risposta",
                           data={f"answer-{sid}-availability": "yes", f"answer-{sid}-answer": "Sì, veniamo in due."})
    assert response.status_code == 302
    assert "Sì, veniamo in due." in client.get(f"/bisogni/{need_id}").get_data(as_text=True)

    # asked once: the need is no longer offered on its page, which says where it stands instead;
    # asking again is refused
    page = html.unescape(client.get("/organizzazioni/org-lecce").get_data(as_text=True))
    assert 'id="invite-form"' not in page and "Volontari Salentini ODV e i vostri bisogni" in page
    in_touch = page.split('id="in-touch"', 1)[1].split("</ul>", 1)[0]
    assert f'href="/bisogni/{need_id}#s-{sid}">{NEED["title"]}</a>' in in_touch
    assert "le avete chiesto aiuto il" in in_touch and ": può aiutare</li>" in " ".join(in_touch.split())
    assert 'id="in-touch"' not in app.test_client().get("/organizzazioni/org-lecce").get_data(as_text=True)
    response = client.post(url, data={"need": need_id})
    assert response.status_code == 302 and "già tra le organizzazioni suggerite" in html.unescape(
        client.get(response.headers["Location"]).get_data(as_text=True))
    # a need for verified organisations only may not ask org-lecce (not verified): the page says why
    verified = computed_need(app, client, maria, allow_duplicate="y", only_verified="y",
                             title="Volontari verificati per la spesa")
    response = client.post(url, data={"need": verified, "message": message})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and "Per questo bisogno cercate solo organizzazioni verificate" in page
    assert message in page
    # Luca is no member of the poster: he may not ask for Maria's need
    assert member.post("/organizzazioni/org-calcio/chiedi-aiuto", data={"need": verified}).status_code == 403
    # each one asked is notified: a poster asks so many for a need, no more
    monkeypatch.setattr(suggestions, "MAX_INVITED", 1)
    seed(graph, [{"id": "org-bari", "name": "Banco Alimentare Bari", "activities": ["a"], "seat": "comune:072006"}])
    response = client.post("/organizzazioni/org-bari/chiedi-aiuto", data={"need": need_id})
    assert response.status_code == 422 and "avete già chiesto aiuto a 1 organizzazioni" in html.unescape(
        response.get_data(as_text=True))


def test_a_poster_asks_through_the_api_and_reads_the_answer_of_the_organisation_asked(graph, app, client, people,
                                                                                      monkeypatch):
    """The same request from a program: POST /api/v1/needs/{id}/requests. Only the poster reads
    the message on the need page; the organisation asked that cannot help says so, and the poster
    is told it answered their request (not that it "can no longer" help, as a chosen one would); the
    needs list counts it apart from the platform's suggestions; the funders' report as well."""
    maria, luca = people
    need_id = computed_need(app, client, maria)
    seed(graph, [{"id": "org-lecce", "name": "Volontari Salentini ODV", "activities": ["a"], "seat": "comune:075035",
                  "description": "Volontari per la spesa e la compagnia agli anziani soli di Lecce."}])
    organisations_repo.add_member(graph, luca.id, "org-lecce", "member")
    url = f"/api/v1/needs/{need_id}/requests"
    assert app.test_client().post(url, json={"organisation": "org-lecce"}).status_code == 401
    assert client.post(url, json=["org-lecce"]).status_code == 400
    missing = client.post(url, json={"message": 3})
    assert missing.status_code == 422
    assert missing.get_json()["error"]["fields"] == {"message": ["Deve essere un testo."]}
    missing = client.post(url, json={})
    assert missing.status_code == 422 and "organisation" in missing.get_json()["error"]["fields"]
    assert client.post(url, json={"organisation": "org-nowhere"}).status_code == 404
    assert client.post("/api/v1/needs/nope/requests", json={"organisation": "org-lecce"}).status_code == 404
    stranger = app.test_client()
    login(stranger, luca)
    assert stranger.post(url, json={"organisation": "org-lecce"}).status_code == 403
    message = "Potete aiutarci\nil sabato mattina?"
    queued = []
    with monkeypatch.context() as patched:
        patched.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
        made = client.post(url, json={"organisation": "org-lecce", "message": message})
    assert made.status_code == 201 and [(fn.__name__, args) for fn, args in queued] == [("refresh_need", (need_id,))]
    body = made.get_json()
    assert {k: body[k] for k in ("need_id", "organisation_id", "status")} == {
        "need_id": need_id, "organisation_id": "org-lecce", "status": "contacted"}
    again = client.post(url, json={"organisation": "org-lecce"})
    assert again.status_code == 409 and "già tra le organizzazioni suggerite" in again.get_json()["error"]["message"]

    sid = body["id"]
    mine = card_of(client.get(f"/bisogni/{need_id}").get_data(as_text=True), sid)
    assert "Il vostro messaggio a Volontari Salentini ODV" in mine and "il sabato mattina?" in mine
    assert f"Richiesta inviata il {format_date(clock.today(), 'medium', locale='it')}: in attesa di risposta." in mine
    theirs = next(i for i in client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]
                  if i["id"] == sid)
    assert theirs["invitation"] == "Potete aiutarci\nil sabato mattina?"
    public = app.test_client().get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]
    assert all("invitation" not in i for i in public)
    assert "il sabato mattina?" not in app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    listed = next(i for i in client.get("/api/v1/needs").get_json()["items"] if i["id"] == need_id)
    assert listed["invite_count"] == 1 and listed["suggestion_count"] == len(
        [i for i in public if not i["invited"] and not i["offered"]])
    card = html.unescape(client.get("/bisogni").get_data(as_text=True)).split(f'/bisogni/{need_id}#suggerimenti', 1)[1]
    assert ", 1 a cui è stato chiesto aiuto</a>" in card.split("</p>", 1)[0]

    member = app.test_client()
    login(member, luca)
    response = member.post(f"/organizzazioni/org-lecce/suggerimenti/{sid}/risposta",
                           data={f"answer-{sid}-availability": "no"})
    assert response.status_code == 302
    assert (f"Volontari Salentini ODV risponde alla vostra richiesta: non può aiutare per il bisogno «{NEED['title']}»"
            in notification_titles(client.get("/notifiche").get_data(as_text=True)))
    card = card_of(client.get(f"/bisogni/{need_id}").get_data(as_text=True), sid)
    assert "Volontari Salentini ODV ha risposto di non poter aiutare." in card and "non poter più" not in card
    assert "in attesa di risposta" not in card  # answered
    assert next(i for i in client.get("/api/v1/needs").get_json()["items"] if i["id"] == need_id)["invite_count"] == 0


def test_a_request_left_unanswered_is_recalled_once_to_the_organisation_asked_and_to_the_poster(graph, app, client,
                                                                                             people):
    """Days after a request for help that is neither answered nor withdrawn, the daily reminders
    (`mentore needs remind`) recall it once to the organisation asked, and tell the poster it may
    wait, withdraw it or ask another organisation. Requests answered or withdrawn are not recalled."""
    import datetime as dt

    from mentore.cli import cli

    maria, luca = people
    need_id = computed_need(app, client, maria)
    seed(graph, [{"id": "org-lecce", "name": "Volontari Salentini ODV", "activities": ["a"], "seat": "comune:075035"},
                 {"id": "org-bari", "name": "Banco Alimentare Bari", "activities": ["a"], "seat": "comune:072006"},
                 {"id": "org-taranto", "name": "Mani Tese Taranto", "activities": ["a"], "seat": "comune:073027"}])
    for organisation in ("org-lecce", "org-bari", "org-taranto"):
        organisations_repo.add_member(graph, luca.id, organisation, "member")
    ask = f"/api/v1/needs/{need_id}/requests"
    waiting = client.post(ask, json={"organisation": "org-lecce", "message": "Due volontari il sabato?"}).get_json()
    answered = client.post(ask, json={"organisation": "org-bari"}).get_json()["id"]
    withdrawn = client.post(ask, json={"organisation": "org-taranto"}).get_json()["id"]
    member = app.test_client()
    login(member, luca)
    member.post(f"/organizzazioni/org-bari/suggerimenti/{answered}/risposta",
                data={f"answer-{answered}-availability": "yes", f"answer-{answered}-answer": "Sì."})
    client.post(f"/bisogni/{need_id}/suggerimenti/{withdrawn}", data={"decision": "withdraw"})
    today = clock.today()  # the day of the requests, in Italy, as the reminders count days

    def remind(day: dt.date) -> str:
        run = app.test_cli_runner().invoke(cli, args=["needs", "remind", "--today", day.isoformat()])
        assert run.exit_code == 0, run.output
        return run.output

    def recalled(who) -> list[str]:
        return [t for t in notification_titles(who.get("/notifiche").get_data(as_text=True))
                if "ancora" in t and "richiesta" in t or "chiesto aiuto" in t and "giorni fa" in t]

    assert "senza risposta da 5 giorni o più" in remind(today + dt.timedelta(days=4))
    assert recalled(member) == [] and recalled(client) == []  # too soon
    assert "a chi ha pubblicato il bisogno): 1 richieste." in remind(today + dt.timedelta(days=6))
    assert recalled(member) == [f"Associazione Volontariato Biellese vi ha chiesto aiuto per il bisogno "
                                f"«{NEED['title']}» 6 giorni fa e aspetta ancora la vostra risposta"]
    assert recalled(client) == [f"Volontari Salentini ODV non ha ancora risposto alla vostra richiesta di aiuto per il "
                                f"bisogno «{NEED['title']}»: potete aspettare, ritirarla o chiedere a un'altra "
                                "organizzazione"]
    sent = graph.read("MATCH (n:Notification)-[:FOR]->(:Person {id: $p}) WHERE n.title CONTAINS 'giorni fa' "
                      "RETURN n.url AS url, n.excerpt AS excerpt", p=luca.id)
    assert sent == [{"url": f"/organizzazioni/org-lecce/suggerimenti/{waiting['id']}",
                     "excerpt": "Due volontari il sabato?"}]  # to the request, with its message
    assert ": 0 richieste." in remind(today + dt.timedelta(days=7))  # once
    assert len(recalled(member)) == 1 and len(recalled(client)) == 1


def test_a_poster_withdraws_a_request_not_yet_answered_and_the_organisation_asked_is_told(graph, app, client, people):
    """A request sent by mistake is taken back rather than refused: no reason asked, the
    organisation asked is told, and it teaches the ranker nothing. Only a request of the
    poster's, and only before it is answered."""
    maria, luca = people
    need_id = computed_need(app, client, maria)
    seed(graph, [{"id": "org-lecce", "name": "Volontari Salentini ODV", "activities": ["a"], "seat": "comune:075035",
                  "description": "Volontari per la spesa e la compagnia agli anziani soli di Lecce."}])
    organisations_repo.add_member(graph, luca.id, "org-lecce", "member")
    sid = client.post(f"/api/v1/needs/{need_id}/requests", json={"organisation": "org-lecce"}).get_json()["id"]
    jobs.jobs_of(app).drain()  # its reasons and features
    card = card_of(client.get(f"/bisogni/{need_id}").get_data(as_text=True), sid)
    assert 'value="withdraw">Ritira la richiesta' in card and "Conferma il rifiuto" not in card
    assert "Ritirare la richiesta di aiuto a Volontari Salentini ODV?" in card  # asked to confirm
    suggested = suggestion_of(graph, need_id, "org-spesa")
    refused = client.post(f"/api/v1/suggestions/{suggested}/decision", json={"decision": "withdraw"})
    assert refused.status_code == 422 and "Si ritira solo una richiesta" in refused.get_json()["error"]["fields"][
        "decision"][0]

    response = client.post(f"/bisogni/{need_id}/suggerimenti/{sid}", data={"decision": "withdraw"})
    assert response.status_code == 302
    page = html.unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Richiesta di aiuto ritirata: l'organizzazione ne è avvisata." in page
    assert "Motivo del rifiuto: Richiesta di aiuto ritirata" in card_of(page, sid)
    member = app.test_client()
    login(member, luca)
    assert (f"Associazione Volontariato Biellese ha ritirato la richiesta di aiuto per il bisogno «{NEED['title']}»"
            in notification_titles(member.get("/notifiche").get_data(as_text=True)))
    assert sid not in member.get("/organizzazioni/org-lecce/suggerimenti").get_data(as_text=True)
    in_touch = html.unescape(client.get("/organizzazioni/org-lecce").get_data(as_text=True)).split(
        'id="in-touch"', 1)[1].split("</ul>", 1)[0]
    assert "avete ritirato la richiesta di aiuto" in in_touch and "rifiutata" not in in_touch
    assert "org-lecce" not in {r["organisation"] for r in matching_repo.feedback(graph, unsaid="withdrawn")}
    assert "org-lecce" in {r["organisation"] for r in matching_repo.feedback(graph, unsaid="-")}  # else, it would
    # an answer written meanwhile is not sent, and not lost either
    written = "Sì, possiamo venire sabato."
    late = member.post(f"/organizzazioni/org-lecce/suggerimenti/{sid}/risposta",
                       data={f"answer-{sid}-availability": "yes", f"answer-{sid}-answer": written, "need": need_id})
    gone = html.unescape(late.get_data(as_text=True)).split('id="answer-gone"', 1)
    assert late.status_code == 409 and len(gone) == 2
    assert ("La risposta non è stata inviata: Associazione Volontariato Biellese ha ritirato la richiesta di aiuto: "
            "non attende più una risposta.") in " ".join(gone[1].split()) and written in gone[1]

    # a request already answered is accepted or refused, not withdrawn
    seed(graph, [{"id": "org-bari", "name": "Banco Alimentare Bari", "activities": ["a"], "seat": "comune:072006"}])
    organisations_repo.add_member(graph, luca.id, "org-bari", "member")
    other = client.post(f"/api/v1/needs/{need_id}/requests", json={"organisation": "org-bari"}).get_json()["id"]
    member.post(f"/organizzazioni/org-bari/suggerimenti/{other}/risposta",
                data={f"answer-{other}-availability": "yes", f"answer-{other}-answer": "Volentieri."})
    late = client.post(f"/api/v1/suggestions/{other}/decision", json={"decision": "withdraw"})
    assert late.status_code == 409 and "ha già risposto alla richiesta" in late.get_json()["error"]["message"]
    assert "Ritira la richiesta" not in card_of(client.get(f"/bisogni/{need_id}").get_data(as_text=True), other)


def test_an_organisation_that_cannot_help_says_so_and_another_is_proposed_in_its_place(graph, app, client, people,
                                                                                        monkeypatch):
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 2)
    maria, luca = people
    need_id = computed_need(app, client, maria)
    proposed = graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) RETURN o.id AS id",
                          n=need_id)
    assert "org-spesa" in {r["id"] for r in proposed} and len(proposed) == 2
    suggestion_id = suggestion_of(graph, need_id, "org-spesa")
    member = app.test_client()
    login(member, luca)
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
    url = f"/organizzazioni/org-spesa/suggerimenti/{suggestion_id}/risposta"
    response = member.post(url, data={f"answer-{suggestion_id}-availability": "no"})  # no text: none needed
    assert response.status_code == 302
    assert [(fn.__name__, args) for fn, args in queued] == [("refresh_need", (need_id,))]
    assert need_id in suggestions.needs_to_refresh(graph)  # marked in the same write
    told = client.get("/notifiche").get_data(as_text=True)
    assert f"Spesa Solidale Biella ODV non può aiutare per il bisogno «{NEED['title']}»" in told

    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    card = page.split(f'id="s-{suggestion_id}"', 1)[1].split('<li class="card', 1)[0].split("</section>", 1)[0]
    assert 'data-availability="no">Non può aiutare</span>' in card
    assert "Accetta" not in card and "Rifiuta" not in card  # nothing left to decide on it
    assert "Spesa Solidale Biella ODV" not in app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    own = member.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'data-availability="no"' in own and "Modifica la vostra risposta" in own  # its own answer, to change

    with app.app_context():
        queued[0][0](*queued[0][1])  # the background job, run here
    after = graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) "
                       "RETURN o.id AS id, s.status AS status, s.availability AS availability", n=need_id)
    assert len(after) == 3 and sum(r["availability"] is None for r in after) == 2  # two others proposed
    assert [r["availability"] for r in after if r["id"] == "org-spesa"] == ["no"]  # kept, with its answer
    assert suggested_names(client.get(f"/bisogni/{need_id}").get_data(as_text=True))[-1] == \
        "Spesa Solidale Biella ODV"  # listed last, as a declined one
    public = app.test_client().get("/bisogni").get_data(as_text=True)
    assert f'href="/bisogni/{need_id}#suggerimenti">2 organizzazioni suggerite</a>' in public  # as others see it
    # what it said teaches the ranker as a refusal would
    labels = {g.key: list(g.labels) for g in matching.feedback_groups(graph)}
    assert labels[need_id] == [0]
    # an answer stored before poster_network (one feature fewer), before named_in_text too (two),
    # before named_place too (three), or before territory_on_site too (four fewer), still teaches:
    # territory_on_site is the territory's, the need asking for volunteers (help given on site);
    # named_place none, a need is not placed by its text; named_in_text none (this need's text
    # names nobody); poster_network none (the poster never worked with it)
    row = next(g for g in matching.feedback_groups(graph) if g.key == need_id).matrix[0]
    stored = graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion {availability: 'no'}) RETURN s.features AS f",
                        n=need_id)[0]["f"]
    for fewer in (1, 2, 3, 4):
        graph.write("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion {availability: 'no'}) SET s.features = $f",
                    n=need_id, f=stored[:-fewer])
        legacy = next(g for g in matching.feedback_groups(graph) if g.key == need_id).matrix[0]
        assert list(legacy) == list(row), fewer
    assert row[INDEX["territory_on_site"]] == row[INDEX["territory"]] > 0 and row[INDEX["named_place"]] == 0
    assert row[INDEX["named_in_text"]] == 0 and row[INDEX["poster_network"]] == 0


def test_a_chosen_organisation_that_can_no_longer_help_reopens_the_need_unless_another_chosen_one_can(
        graph, app, client, people, monkeypatch):
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 2)
    maria, luca = people
    need_id = computed_need(app, client, maria)
    [other] = [r["id"] for r in graph.read("MATCH (:Need {id: $n})<-[:FOR]-(:Suggestion)-[:PROPOSES]->(o) "
                                           "WHERE o.id <> 'org-spesa' RETURN o.id AS id", n=need_id)]
    other_name = graph.read("MATCH (o:Organisation {id: $o}) RETURN o.name AS n", o=other)[0]["n"]
    giulia = person(graph, "Giulia Verdi", "giulia@example.it")
    organisations_repo.add_member(graph, giulia.id, other, "member")
    spesa, second = suggestion_of(graph, need_id, "org-spesa"), suggestion_of(graph, need_id, other)
    for chosen in (spesa, second):  # the poster chooses both
        client.post(f"/bisogni/{need_id}/suggerimenti/{chosen}", data={"decision": "accept"})
    assert status_of(graph, need_id) == "matched"
    member, helper = app.test_client(), app.test_client()
    login(member, luca)
    login(helper, giulia)

    def answer(who, suggestion_id, availability, text=""):
        response = who.post(f"/api/v1/suggestions/{suggestion_id}/answer",
                            json={"availability": availability, "answer": text})
        assert response.status_code == 200
        told = notification_titles(client.get("/notifiche").get_data(as_text=True))[0]
        return response.get_json()["need_status"], told

    title = NEED["title"]
    # one of the two can no longer help: the other still can, the need stays matched
    assert answer(member, spesa, "no") == (
        "matched", f"Spesa Solidale Biella ODV non può più aiutare per il bisogno «{title}»: "
                   "la piattaforma ne cerca un'altra")
    # the second one too: nobody chosen can help, the need is open again, in the same write
    assert answer(helper, second, "no") == (
        "open", f"{other_name} non può più aiutare per il bisogno «{title}»: il bisogno torna aperto e la "
                "piattaforma cerca un'altra organizzazione")
    assert suggestion_status(graph, second) == "accepted"  # still chosen, set aside as any "no" is
    card = html.unescape(client.get(f"/bisogni/{need_id}").get_data(as_text=True).split(f'id="s-{second}"', 1)[1]
                         .split('<li class="card', 1)[0])
    assert f"{other_name} ha detto di non poter più aiutare: il bisogno è tornato tra quelli aperti" in card
    public = app.test_client().get("/bisogni?status=open").get_data(as_text=True)
    assert f'href="/bisogni/{need_id}"' in public  # others see it waiting for help again
    to_do = to_do_of(client.get("/bisogni/miei").get_data(as_text=True))
    assert f'href="/bisogni/{need_id}#suggerimenti" class="to-do-reopened">' in to_do  # another to choose
    # a "no" repeated changes nothing more; taken back, the need is matched again
    assert answer(helper, second, "no", "Davvero no")[0] == "open"
    assert answer(helper, second, "yes", "Ci siamo riorganizzati: possiamo.") == (
        "matched", f"{other_name} può di nuovo aiutare per il bisogno «{title}»: il bisogno torna abbinato")
    assert answer(helper, second, "partly", "Solo il sabato.")[0] == "matched"  # still helps: nothing changes
    assert to_do_of(client.get("/bisogni/miei").get_data(as_text=True)) == ""  # nothing left to do
    # once the work is under way, the poster decides what a "no" means
    client.post(f"/bisogni/{need_id}/stato", data={"status": "in_progress"})
    assert answer(helper, second, "no") == (
        "in_progress", f"{other_name} non può più aiutare per il bisogno «{title}»: la piattaforma ne cerca un'altra")


def test_the_lists_of_needs_say_how_many_organisations_were_suggested_and_the_poster_s_how_many_answered(
        graph, app, client, people):
    maria, luca = people
    need_id = computed_need(app, client, maria)
    suggested = graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion) RETURN count(s) AS c", n=need_id)[0]["c"]
    assert suggested >= 2
    declined = suggestion_of(graph, need_id, "org-calcio" if suggested > 2 else "org-compagnia")
    client.post(f"/bisogni/{need_id}/suggerimenti/{declined}",
                data={"decision": "decline", f"decline-{declined}-reason": "too_far"})
    assert suggestion_status(graph, declined) == "declined"
    member = app.test_client()
    login(member, luca)
    answering = suggestion_of(graph, need_id, "org-spesa")
    member.post(f"/organizzazioni/org-spesa/suggerimenti/{answering}/risposta",
                data={f"answer-{answering}-availability": "yes", f"answer-{answering}-answer": "Ci siamo: chiamateci."})

    shown = suggested - 1  # the declined one is the poster's business
    count = f"{shown} organizzazioni suggerite" if shown > 1 else "1 organizzazione suggerita"
    mine = client.get("/bisogni/miei").get_data(as_text=True)
    assert f'href="/bisogni/{need_id}#suggerimenti">{count}</a> · <strong>1 risposta</strong>' in mine
    public = app.test_client().get("/bisogni").get_data(as_text=True)
    assert f'href="/bisogni/{need_id}#suggerimenti">{count}</a></p>' in public  # how many answered: private
    item = app.test_client().get("/api/v1/needs").get_json()["items"][0]
    assert item["suggestion_count"] == shown and "answer_count" not in item

    client.post(f"/bisogni/{need_id}/stato", data={"status": "closed"})
    assert "#suggerimenti" not in client.get("/bisogni/miei").get_data(as_text=True)  # no longer shown there


def test_the_suggested_organisation_is_told_when_the_poster_chooses_or_contacts_it_not_when_it_declines(
        graph, app, client, people):
    maria, luca = people
    need_id = computed_need(app, client, maria)
    spesa, calcio = suggestion_of(graph, need_id, "org-spesa"), suggestion_of(graph, need_id, "org-calcio")
    calcio_member = person(graph, "Gino Neri", "gino@example.it")
    organisations_repo.add_member(graph, calcio_member.id, "org-calcio", "admin")
    client.post(f"/bisogni/{need_id}/suggerimenti/{calcio}",
                data={"decision": "decline", f"decline-{calcio}-reason": "too_far"})
    client.post(f"/bisogni/{need_id}/suggerimenti/{spesa}", data={"decision": "contact"})
    client.post(f"/bisogni/{need_id}/suggerimenti/{spesa}", data={"decision": "accept"})

    member = app.test_client()
    login(member, luca)
    page, poster = member.get("/notifiche").get_data(as_text=True), "Associazione Volontariato Biellese"
    assert f"{poster} ha scelto la vostra organizzazione per il bisogno «{NEED['title']}»" in page
    assert f"{poster} vuole contattarvi per il bisogno «{NEED['title']}»" in page
    member.get("/lingua/en")
    assert f"{poster} chose your organisation for the need “{NEED['title']}”" in \
        member.get("/notifiche").get_data(as_text=True)
    refused = app.test_client()
    login(refused, calcio_member)
    # (it joined after the suggestions were made: it was not told of them either)
    assert "Nessuna notifica" in refused.get("/notifiche").get_data(as_text=True)  # a refusal is not announced


def notification_titles(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(
        r'class="[^"]*notification-title">(?:<span class="visually-hidden">[^<]*</span>)?([^<]+)<', page)]


def test_an_organisation_is_told_once_when_it_is_first_suggested_for_a_need(graph, app, client, people,
                                                                             monkeypatch):
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 2)
    maria, luca = people
    need_id = computed_need(app, client, maria)
    member = app.test_client()
    login(member, luca)
    told = f"La vostra organizzazione è suggerita per il bisogno «{NEED['title']}» di Associazione Volontariato " \
           "Biellese: potete rispondere"
    page = member.get("/notifiche").get_data(as_text=True)
    assert notification_titles(page) == [told]
    spesa = suggestion_of(graph, need_id, "org-spesa")
    assert NEED["description"][:40] in page  # what the need says
    opened = member.post(re.search(r'action="(/notifiche/[^"]+/apri)"', page).group(1))
    assert opened.headers["Location"].endswith(f"/organizzazioni/org-spesa/suggerimenti/{spesa}")
    landing = member.get(opened.headers["Location"])
    assert landing.headers["Location"].endswith(f"/organizzazioni/org-spesa/suggerimenti#s-{spesa}")
    assert "Nessuna notifica" in client.get("/notifiche").get_data(as_text=True)  # the poster is not told

    # an edit refreshes the suggestions: the organisation still suggested is not told again
    client.post(f"/bisogni/{need_id}/modifica", data={**NEED, "organisation": "org-avb",
                                                      "description": NEED["description"] + " Anche il sabato."})
    jobs.jobs_of(app).drain()
    assert notification_titles(member.get("/notifiche").get_data(as_text=True)) == [told]
    # one declined makes room for another, whose members are told; nor is that one told twice
    other = next(r["id"] for r in graph.read(
        "MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) WHERE o.id <> 'org-spesa' "
        "RETURN s.id AS id", n=need_id))
    client.post(f"/bisogni/{need_id}/suggerimenti/{other}",
                data={"decision": "decline", f"decline-{other}-reason": "too_far"})
    jobs.jobs_of(app).drain()
    told_to = graph.read("MATCH (n:Need {id: $n}) RETURN n.told_organisations AS told", n=need_id)[0]["told"]
    suggested = graph.read("MATCH (:Need {id: $n})<-[:FOR]-(:Suggestion)-[:PROPOSES]->(o) RETURN o.id AS id",
                           n=need_id)
    assert sorted(told_to) == sorted(r["id"] for r in suggested) and len(told_to) == 3


def test_the_inbox_is_paginated(graph, app, client, people, monkeypatch):
    maria, luca = people
    first = computed_need(app, client, maria)
    second = computed_need(app, client, maria, title="Volontari per portare i farmaci agli anziani")
    monkeypatch.setattr(suggestion_pages, "INBOX_PER_PAGE", 1)
    member = app.test_client()
    login(member, luca)
    page_one = member.get("/organizzazioni/org-spesa/suggerimenti").get_data(as_text=True)
    assert 'href="/organizzazioni/org-spesa/suggerimenti?page=2" rel="next"' in page_one
    page_two = member.get("/organizzazioni/org-spesa/suggerimenti?page=2").get_data(as_text=True)
    shown = [need for need in (first, second) for text in (page_one, page_two) if f"/bisogni/{need}" in text]
    assert sorted(shown) == sorted([first, second])  # each need on one page

    # a notification's link to one suggestion opens the page that lists it, at the suggestion
    on_two = first if f"/bisogni/{first}" in page_two else second
    suggestion = suggestion_of(graph, on_two, "org-spesa")
    opened = member.get(f"/organizzazioni/org-spesa/suggerimenti/{suggestion}")
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith(f"/organizzazioni/org-spesa/suggerimenti?page=2#s-{suggestion}")
    assert f'id="s-{suggestion}"' in member.get(opened.headers["Location"]).get_data(as_text=True)
    # one it no longer lists (declined, or replaced at a refresh): the inbox, which says so
    gone = member.get("/organizzazioni/org-spesa/suggerimenti/sug-nope", follow_redirects=True)
    assert gone.request.path == "/organizzazioni/org-spesa/suggerimenti"
    assert "Questo suggerimento non c&#39;è più" in gone.get_data(as_text=True)
    # others' inboxes stay closed, whatever the suggestion
    assert client.get(f"/organizzazioni/org-spesa/suggerimenti/{suggestion}").status_code == 403
    assert member.get(f"/organizzazioni/org-nope/suggerimenti/{suggestion}").status_code == 404


# ----------------------------------------------------------------------------- degraded mode


def test_when_the_model_fails_the_page_still_answers_with_a_note_and_the_log_says_why(graph, app, client, people,
                                                                                       caplog, monkeypatch):
    def broken():
        raise EmbeddingError("model files missing")

    matcher = matcher_of(app)  # the fixture loaded the model to embed the profiles: unload it
    monkeypatch.setattr(matcher, "_embedder", None)
    monkeypatch.setattr(matcher, "_load_embedder", broken)
    caplog.set_level(logging.ERROR)
    need_id = computed_need(app, client, people[0])
    response = client.get(f"/bisogni/{need_id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="suggestions-note"' in page and matching.NOTE_NO_MODEL in page
    assert "Spesa Solidale Biella ODV" in suggested_names(page)  # keywords and the graph still answer
    assert "embedding model unavailable" in caplog.text and "model files missing" in caplog.text


# ----------------------------------------------------------------------------- partner finder


def test_the_partner_finder_explains_its_errors_and_keeps_the_input(graph, app, client, people):
    assert 'id="partner-form"' in client.get("/partner").get_data(as_text=True)
    page = client.get("/partner?text=").get_data(as_text=True)
    assert "Scrivi un testo" in page and "partner-results" not in page
    page = client.get("/partner?text=12+34+!!&known=org-avb").get_data(as_text=True)
    assert "non contiene parole riconoscibili" in page and "12 34 !!</textarea>" in page
    assert 'name="known" value="org-avb"' in page  # the partners are kept too
    # a partner of the address no longer on the platform is left out, and the page says so
    page = client.get("/partner?text=Un+progetto+sportivo&known=nope&known=org-avb").get_data(as_text=True)
    assert "Un partner indicato nell'indirizzo non è più sulla piattaforma" in page
    assert 'value="nope"' not in page and "sconosciute" not in page
    assert 'name="known" value="org-avb"' in page and 'id="partner-results"' in page
    page = client.get("/partner?text=" + "a" * 1001).get_data(as_text=True)
    assert "Al massimo 1000 caratteri" in page
    page = client.get("/partner", query_string={"text": "Un progetto sportivo", "programme": "b" * 201}).get_data(
        as_text=True)
    assert "Un progetto sportivo</textarea>" in page and "partner-results" not in page
    assert 'id="programme"' in page and "b" * 201 in page  # the call is kept, with its error
    spanish = "Buscamos socios para un servicio de transporte social para personas mayores."
    page = client.get("/partner", query_string={"text": spanish, "known": "org-avb"}).get_data(as_text=True)
    assert "Il testo sembra scritto in spagnolo" in page and spanish + "</textarea>" in page
    assert "partner-results" not in page and 'name="known" value="org-avb"' in page
    page = client.get("/partner", query_string={"text": spanish, "lang": "en"}).get_data(as_text=True)
    assert "The text seems to be written in Spanish: please write the text in Italian" in page
    page = client.get("/partner?text=Un+progetto+sportivo&known=nope&known=gone&lang=en").get_data(as_text=True)
    assert "2 partners given in the address are no longer on the platform" in page


def test_the_partner_finder_is_rate_limited_and_keeps_the_text(graph, app, client, people, monkeypatch):
    monkeypatch.setattr(matching, "PARTNER_SEARCHES_PER_WINDOW", 1)
    # requests that run no search do not count: errors, and adding a partner before the text
    assert client.get("/partner?text=").status_code == 200
    assert client.get("/partner?text=Ein+Sportprojekt+mit+Jugendlichen+in+der+Stadt").status_code == 200
    assert client.get("/partner?text=Un+progetto&add=Nessuna+organizzazione+con+questo+nome").status_code == 200
    assert client.get("/partner?add=Spesa+Solidale").status_code == 200
    assert client.get("/partner?text=Un+progetto+sportivo").status_code == 200
    response = client.get("/partner?text=Un+progetto+sportivo&known=org-avb")
    page = response.get_data(as_text=True)
    assert response.status_code == 429 and "ricerche di partner" in page and "Un progetto sportivo</textarea>" in page
    assert 'name="known" value="org-avb"' in page and "partner-results" not in page  # partners kept, no search


def test_the_partner_finder_ranks_organisations_with_reasons_and_builds_the_consortium(graph, app, client, people):
    page = client.get("/partner?known=org-avb").get_data(as_text=True)
    assert 'name="known" value="org-avb"' in page and "partner-results" not in page  # the link of the profile page
    page = client.get("/partner?known=org-avb&text=&add=Spesa+Solidale").get_data(as_text=True)
    assert 'name="known" value="org-spesa"' in page and "Scrivi un testo" not in page

    text = "Consegna della spesa e dei farmaci a domicilio agli anziani soli con i volontari"
    page = client.get("/partner", query_string={"text": text, "known": "org-avb"}).get_data(as_text=True)
    results = page.split('id="partner-results"', 1)[1]
    names = re.findall(r'<span class="text-muted">\d+\.</span> <a href="[^"]+">([^<]+)</a>', results)
    assert names[0] == "Spesa Solidale Biella ODV" and "Associazione Volontariato Biellese" not in names
    assert "Perché è suggerita" in results and "%" in results
    assert "known=org-avb&amp;known=org-spesa" in results  # "add to the partners" keeps the text and the others
    # the call the project answers to stays in the form and in the links that change the consortium
    page = client.get("/partner", query_string={"text": text, "known": "org-avb", "programme": "Bando Welfare 2025"})
    page = page.get_data(as_text=True)
    assert 'value="Bando Welfare 2025"' in page and "partner-results" in page
    assert "programme=Bando+Welfare+2025" in page.split('id="partner-results"', 1)[1]


def test_the_partner_finder_offers_the_person_s_own_organisation_as_a_partner(graph, app, client, people):
    """An officer searching for her own body's project is offered to put it among the partners:
    then the finder says who could join it, from its network, rather than who could lead it."""
    maria, _ = people
    text = "Consegna della spesa e dei farmaci a domicilio agli anziani soli con i volontari"
    assert 'id="own-organisations"' not in client.get("/partner", query_string={"text": text}).get_data(as_text=True)
    login(client, maria)
    assert 'id="own-organisations"' not in client.get("/partner").get_data(as_text=True)  # nothing searched yet
    page = client.get("/partner", query_string={"text": text}).get_data(as_text=True)
    assert "Chi potrebbe guidare il progetto" in page
    offer = page.split('id="own-organisations"', 1)[1].split("</p>", 1)[0]
    assert "La tua organizzazione partecipa al progetto?" in offer
    link = html.unescape(re.search(r'<a href="([^"]+)">Aggiungi Associazione Volontariato Biellese</a>', offer)[1])
    assert "known=org-avb" in link and "text=Consegna" in link  # the text kept
    joined = client.get(link).get_data(as_text=True)
    assert 'name="known" value="org-avb"' in joined and "Chi potrebbe unirsi" in joined
    assert 'id="own-organisations"' not in joined  # among the partners: nothing more to offer


def test_the_partner_finder_shows_more_results_on_request_and_keeps_their_number(graph, client, people,
                                                                                monkeypatch):
    monkeypatch.setattr(matching_views, "RESULTS_STEP", 2)
    text = "Volontari per gli anziani soli: spesa, farmaci, compagnia e accompagnamento a Biella"

    def names(page: str) -> list[str]:
        results = page.split('id="partner-results"', 1)[1]
        return re.findall(r'<span class="text-muted">\d+\.</span> <a href="[^"]+">([^<]+)</a>', results)

    first = client.get("/partner", query_string={"text": text}).get_data(as_text=True)
    assert len(names(first)) == 2
    more = re.search(r'id="partner-more" href="([^"]+)">Mostra altre 2 organizzazioni<', first)
    assert more, "the first two are not all: the page offers more"
    url = more.group(1).replace("&amp;", "&")
    assert "n=4" in url and url.endswith("#r-3")  # to the first new result
    second = client.get(url.split("#")[0]).get_data(as_text=True)
    assert names(second)[:2] == names(first) and len(names(second)) > 2 and 'id="r-3"' in second
    # adding a partner keeps the number of results shown
    add = re.search(r'href="([^"]+)">Aggiungi ai partner', second).group(1)
    assert "n=4" in add
    # all of them shown: no more to ask for
    everything = client.get("/partner", query_string={"text": text, "n": "50"}).get_data(as_text=True)
    total = len(names(everything))
    assert 3 <= total < 50 and "partner-more" not in everything
    # one left: the link offers that one, not a step of two
    last = client.get("/partner", query_string={"text": text, "n": str(total - 1)}).get_data(as_text=True)
    assert re.search(r'id="partner-more" href="[^"]+">Mostra un(?:\'|&#39;)altra organizzazione<', last)
    # a number that is not one, or out of range: the first ones, or at most RESULTS_MAX
    assert len(names(client.get("/partner", query_string={"text": text, "n": "tanti"}).get_data(as_text=True))) == 2
    assert names(client.get("/partner", query_string={"text": text, "n": "1000"}).get_data(as_text=True)) == \
        names(everything)


def test_the_partner_finder_looks_among_one_kind_of_organisation_when_asked(graph, app, client, people):
    text = "Co-progettazione di un servizio di consegna della spesa e dei farmaci agli anziani soli di Biella"

    def names(page: str) -> list[str]:
        return re.findall(r'<span class="text-muted">\d+\.</span> <a href="[^"]+">([^<]+)</a>', page)

    # no public body on the platform yet: nothing found, and the way back to all organisations
    empty = client.get("/partner", query_string={"text": text, "kind": "PUBLIC_BODY"}).get_data(as_text=True)
    assert names(empty) == [] and 'id="partner-empty"' in empty
    back = re.search(r'<a href="([^"]+)">Cerca tra tutte le organizzazioni</a>', empty).group(1).replace("&amp;", "&")
    assert "kind=" not in back and names(client.get(back).get_data(as_text=True))

    seed(graph, [{"id": "pa-biella", "name": "Comune di Biella - Politiche sociali", "kind": "PUBLIC_BODY",
                  "legal_form": "comune", "activities": ["a"],
                  "description": "Servizi sociali del Comune: assistenza domiciliare agli anziani e spesa a casa."}])
    with app.app_context():
        matching.embed_all(matcher_of(app), graph)
        matcher_of(app).forget_graph()
    everyone = names(client.get("/partner", query_string={"text": text}).get_data(as_text=True))
    assert "Comune di Biella - Politiche sociali" in everyone and len(everyone) > 1
    page = client.get("/partner", query_string={"text": text, "kind": "PUBLIC_BODY"}).get_data(as_text=True)
    assert names(page) == ["Comune di Biella - Politiche sociali"]
    assert re.search(r'<option selected value="PUBLIC_BODY">', page)  # the choice stays in the form
    add = re.search(r'href="([^"]+)">Aggiungi ai partner', page).group(1)
    csv_link = re.search(r'id="partner-csv" href="([^"]+)"', page).group(1)
    assert "kind=PUBLIC_BODY" in add and "kind=PUBLIC_BODY" in csv_link  # kept by the links
    ets = names(client.get("/partner", query_string={"text": text, "kind": "ETS"}).get_data(as_text=True))
    assert ets and "Comune di Biella - Politiche sociali" not in ets
    wrong = client.get("/partner", query_string={"text": text, "kind": "HES"}).get_data(as_text=True)
    assert "Tipo di organizzazione sconosciuto" in wrong and names(wrong) == []


def test_the_partner_finder_looks_in_a_territory_and_an_activity_when_asked(graph, client, people):
    text = "Corsi di sport e attività all'aria aperta per ragazzi e anziani"

    def names(page: str) -> list[str]:
        return re.findall(r'<span class="text-muted">\d+\.</span> <a href="[^"]+">([^<]+)</a>', page)

    turin = {"text": text, "territory": "Provincia di Torino"}
    page = client.get("/partner", query_string=turin).get_data(as_text=True)
    assert names(page) == ["Polisportiva Giovani Torino"]
    assert "Ente del Terzo settore · Torino (TO)" in page  # what it is and where, under its name
    assert 'value="Provincia di Torino"' in page  # as written, in the form
    add = re.search(r'href="([^"]+)">Aggiungi ai partner', page).group(1)
    csv_link = re.search(r'id="partner-csv" href="([^"]+)"', page).group(1)
    assert "territory=Provincia+di+Torino" in add and "territory=Provincia+di+Torino" in csv_link
    biella = names(client.get("/partner", query_string={"text": text, "territory": "Biella"}).get_data(as_text=True))
    assert sorted(biella) == sorted(["Associazione Volontariato Biellese", "Spesa Solidale Biella ODV",
                                     "Amici degli Anziani APS"])
    page = client.get("/partner", query_string={"text": text, "activity": "u"}).get_data(as_text=True)
    assert names(page) == ["Spesa Solidale Biella ODV"]
    assert re.search(r'<option selected value="u">', page)
    # nothing there: the page says the choices found nobody and offers the search without them
    empty = client.get("/partner", query_string={"text": text, "activity": "t", "territory": "Biella",
                                                 "kind": "ETS"}).get_data(as_text=True)
    assert names(empty) == [] and "tra quelle del tipo, del territorio, dell" in empty
    back = re.search(r'<a href="([^"]+)">Cerca tra tutte le organizzazioni</a>', empty).group(1).replace("&amp;", "&")
    assert not any(name in back for name in ("activity=", "territory=", "kind="))
    assert "Polisportiva Giovani Torino" in names(client.get(back).get_data(as_text=True))
    # a place that is not one: said on the field, the text kept, no search
    wrong = client.get("/partner", query_string={"text": text, "territory": "Atlantide"}).get_data(as_text=True)
    assert "Luogo non trovato: «Atlantide»" in wrong and names(wrong) == [] and "aria-invalid" in wrong
    assert "Corsi di sport e attività all" in wrong


def test_the_partner_finder_looks_only_among_verified_organisations_or_those_in_the_runts_when_asked(
        graph, client, people):
    """A public body co-designing under art. 55 asks for organisations the platform verified, or
    enrolled in the RUNTS: only those are ranked (all of them, being few: as the graph lists
    them), the page and the API say which they are, and the choices stay in the links."""
    graph.write("MATCH (o:Organisation) WHERE o.id IN ['org-spesa', 'org-calcio'] SET o.verified = true")
    graph.write("MATCH (o:Organisation) WHERE o.id IN ['org-compagnia', 'org-calcio'] SET o.runts_section = 'b'")
    text = "Consegna della spesa e compagnia agli anziani soli, con attività sportive per i ragazzi"

    def names(page: str) -> list[str]:
        return re.findall(r'<span class="text-muted">\d+\.</span> <a href="[^"]+">([^<]+)</a>', page)

    def oracle(condition: str) -> set[str]:
        return {r["name"] for r in graph.read(f"MATCH (o:Organisation) WHERE {condition} RETURN o.name AS name")}

    everyone = names(client.get("/partner", query_string={"text": text}).get_data(as_text=True))
    assert len(everyone) == 4
    page = client.get("/partner", query_string={"text": text, "verified": "y"}).get_data(as_text=True)
    assert set(names(page)) == oracle("o.verified = true") == {"Spesa Solidale Biella ODV",
                                                               "Polisportiva Giovani Torino"}
    assert re.search(r'<input[^>]*checked[^>]*name="verified"|<input[^>]*name="verified"[^>]*checked', page)
    card = page[page.index(">Polisportiva Giovani Torino</a>"):]
    assert re.search(r'Torino \(TO\) · <span class="runts">RUNTS, sezione b</span> '
                     r'<span class="badge bg-success ms-1 verified">verificata</span>', card)
    add = re.search(r'href="([^"]+)">Aggiungi ai partner', page).group(1)
    csv_link = re.search(r'id="partner-csv" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert "verified=y" in add and "verified=y" in csv_link  # kept by the links
    rows = list(csv.reader(io.StringIO(client.get(csv_link).get_data(as_text=True)[1:]), delimiter=";"))
    listed = {r[1]: (r[4], r[5]) for r in rows[1:]}
    assert listed == {"Spesa Solidale Biella ODV": ("sì", ""), "Polisportiva Giovani Torino": ("sì", "b")}
    runts = names(client.get("/partner", query_string={"text": text, "runts": "y"}).get_data(as_text=True))
    assert set(runts) == oracle("o.runts_section IS NOT NULL") == {"Amici degli Anziani APS",
                                                                   "Polisportiva Giovani Torino"}
    both = names(client.get("/partner", query_string={"text": text, "runts": "y", "verified": "y"}).get_data(
        as_text=True))
    assert both == ["Polisportiva Giovani Torino"]
    # with partners known, among the organisations of a territory: the same filter
    known = client.get("/partner", query_string={"text": text, "verified": "y", "known": "org-avb",
                                                 "territory": "Biella"}).get_data(as_text=True)
    assert names(known) == ["Spesa Solidale Biella ODV"]
    # nobody eligible there: the page says so and offers the search without the choices
    empty = client.get("/partner", query_string={"text": text, "runts": "y", "territory": "Biella",
                                                 "activity": "u"}).get_data(as_text=True)
    assert names(empty) == [] and "o dei requisiti scelti" in empty
    back = re.search(r'<a href="([^"]+)">Cerca tra tutte le organizzazioni</a>', empty).group(1).replace("&amp;", "&")
    assert not any(name in back for name in ("runts=", "territory=", "activity="))

    # the API: the same filters, and what each organisation is
    api = client.post("/api/v1/partners/suggest", json={"text": text, "verified": True})
    items = api.get_json()["items"]
    assert api.status_code == 200 and {i["organisation_id"] for i in items} == {"org-spesa", "org-calcio"}
    assert {i["organisation_id"]: (i["verified"], i["runts_section"]) for i in items} == {
        "org-spesa": (True, None), "org-calcio": (True, "b")}
    api = client.post("/api/v1/partners/suggest", json={"text": text, "runts": True, "verified": True})
    assert [i["organisation_id"] for i in api.get_json()["items"]] == ["org-calcio"]
    unfiltered = client.post("/api/v1/partners/suggest", json={"text": text}).get_json()["items"]
    assert {i["organisation_id"]: i["verified"] for i in unfiltered}["org-avb"] is False
    wrong = client.post("/api/v1/partners/suggest", json={"text": text, "verified": "sì", "runts": 1})
    assert wrong.status_code == 422
    assert wrong.get_json()["error"]["fields"] == {"verified": ["Deve essere true o false."],
                                                   "runts": ["Deve essere true o false."]}


def test_the_partner_finder_reads_the_place_a_text_names_and_offers_to_look_only_there(graph, client, people):
    """No known partner, no territory: "in provincia di Torino" places the project (the hand-set
    weights count closeness to it, said once: where the text says) and the page offers the same
    search only there (also when a known partner places the project)."""
    text = "Corsi di sport e attività all'aria aperta per ragazzi e anziani in provincia di Torino"

    def names(page: str) -> list[str]:
        return re.findall(r'<span class="text-muted">\d+\.</span> <a href="[^"]+">([^<]+)</a>', page)

    def territory_reasons(page: str, feature: str = "territory") -> dict[str, str]:
        cards = page.split('class="card shadow-sm mb-3 suggestion"')[1:]
        found = [re.search(f'data-feature="{feature}">' + r'.*?class="reason-detail">: ([^<]+)<', card, re.S)
                 for card in cards]
        return {name: match.group(1) for name, match in zip(names(page), found, strict=True) if match}

    page = client.get("/partner", query_string={"text": text}).get_data(as_text=True)
    assert "Il testo nomina un luogo. Cerca solo lì:" in page and len(names(page)) == 4  # all of them, as before
    assert territory_reasons(page, "named_place") == {"Polisportiva Giovani Torino": "stessa provincia",
                                                      "Associazione Volontariato Biellese": "stessa regione",
                                                      "Spesa Solidale Biella ODV": "stessa regione",
                                                      "Amici degli Anziani APS": "stessa regione"}
    assert territory_reasons(page) == {}  # the same place: one reason
    unplaced = client.get("/partner", query_string={"text": text[:60]}).get_data(as_text=True)
    assert territory_reasons(unplaced) == {} and territory_reasons(unplaced, "named_place") == {}
    assert "Il testo nomina" not in unplaced  # no place named: none
    only = offers(page)["Provincia di Torino"]
    assert "territory=Provincia+di+Torino" in only and "text=" in only
    there = client.get(only).get_data(as_text=True)
    assert names(there) == ["Polisportiva Giovani Torino"] and 'value="Provincia di Torino"' in there
    assert "Il testo nomina" not in there  # the territory is chosen: nothing more to offer
    # a project whose known partner places it (in Biella): Biella counts, the text's place is offered
    known = client.get("/partner", query_string={"text": text, "known": "org-avb"}).get_data(as_text=True)
    assert list(offers(known)) == ["Provincia di Torino"]
    assert territory_reasons(known)["Spesa Solidale Biella ODV"] == "stesso comune"  # the partner's: said apart
    assert territory_reasons(known, "named_place")["Spesa Solidale Biella ODV"] == "stessa regione"
    english = client.get("/partner", query_string={"text": text, "lang": "en"}).get_data(as_text=True)
    assert "The text names a place. Search only there:" in english and list(offers(english)) == ["Provincia di Torino"]
    # a text written in English names its places in English
    written = "Outdoor sports courses for young people and the elderly in the province of Turin"
    placed = client.get("/partner", query_string={"text": written, "lang": "en"}).get_data(as_text=True)
    assert list(offers(placed)) == ["Provincia di Torino"]
    assert territory_reasons(placed, "named_place")["Polisportiva Giovani Torino"] == "same province"


def offers(page: str) -> dict[str, str]:
    """The partner finder's offers to search only in a place the text names: name → link."""
    offered = page.split('id="partner-text-places"', 1)[-1].split("</p>", 1)[0] if "partner-text-places" in page else ""
    return {name: url.replace("&amp;", "&") for url, name in re.findall(
        r'<a href="([^"]+)"><span class="visually-hidden">[^<]+</span>([^<]+)</a>', offered)}


def test_the_partner_finder_offers_an_area_the_text_names_as_one_place(graph, client, people):
    """"Nel Canavese e nel Biellese": two areas that are no ISTAT unit, each offered as one place
    (the Canavese is in the province of Turin, the Biellese is Biella's); the area's name goes
    in the territory field, which searches its provinces."""
    text = "Corsi di sport e attività all'aria aperta per ragazzi e anziani nel Canavese e nel Biellese"
    page = client.get("/partner", query_string={"text": text}).get_data(as_text=True)
    assert "Il testo nomina 2 luoghi. Cerca solo in uno:" in page
    assert list(offers(page)) == ["Canavese", "Biellese"]
    there = client.get(offers(page)["Canavese"]).get_data(as_text=True)
    assert 'value="Canavese"' in there and "Il testo nomina" not in there
    assert '<p id="partner-area">Zona «Canavese»: Provincia di Torino.</p>' in there  # what the area stands for
    assert re.findall(r'<span class="text-muted">\d+\.</span> <a href="[^"]+">([^<]+)</a>', there) == [
        "Polisportiva Giovani Torino"]
    # "Salento" is an area there too, never the comune of that name in Campania (Salento (SA))
    salento = client.get("/partner", query_string={"text": text, "territory": "salento"}).get_data(as_text=True)
    assert "Nessuna organizzazione trovata tra quelle del tipo, del territorio" in salento
    assert "Zona «Salento»: Provincia di Lecce, Provincia di Brindisi, Provincia di Taranto." in salento
    comune = client.get("/partner", query_string={"text": text, "territory": "Biella"}).get_data(as_text=True)
    assert 'id="partner-area"' not in comune and 'value="Biella"' in comune  # a comune is no area


def test_the_partner_finder_says_which_organisation_the_text_names_and_by_which_words(graph, client, people):
    text = "Corsi di sport per i ragazzi del quartiere, con gli allenatori della Polisportiva Giovani"
    page = client.get("/partner", query_string={"text": text}).get_data(as_text=True)
    club = page[page.index(">Polisportiva Giovani Torino</a>"):]
    club = club[:club.index("</ul>")]
    assert ('<li class="reason" data-feature="named_in_text">\n    <span class="reason-label">Il testo la nomina'
            '<span class="reason-detail">: dice «Giovani»</span>') in club  # "Polisportiva" is a kind, not its name
    english = client.get("/partner", query_string={"text": text, "lang": "en"}).get_data(as_text=True)
    assert "The text names it<span class=\"reason-detail\">: it says “Giovani”</span>" in english
    # the same words as words of the language, not as a name: nothing is named
    plain = client.get("/partner", query_string={"text": "Corsi di sport per giovani, in una polisportiva"})
    assert 'data-feature="named_in_text"' not in plain.get_data(as_text=True)


def test_a_need_that_names_its_own_poster_names_none_of_the_poster_s_namesakes(graph, app, client, people):
    """Il Faro ODV writes «Il Faro cerca volontari»: its namesake, the cooperative Il Faro, is
    not said to be named; the same text posted by Spesa Solidale names both (with FAR_AWAY)."""
    maria, luca = people
    seed(graph, [{"id": "org-faro", "name": "Il Faro ODV", "activities": ["a"]},
                 {"id": "org-faro-coop", "name": "Il Faro Cooperativa Sociale", "legal_form": "coop_sociale_a",
                  "activities": ["a"], "description": "Consegna della spesa a domicilio agli anziani soli."}] +
         FAR_AWAY)
    organisations_repo.add_member(graph, maria.id, "org-faro", "member")
    with app.app_context():
        matching.embed_all(matcher_of(app), graph)
        matcher_of(app).forget_graph()
    text = "Il Faro cerca volontari per consegnare la spesa agli anziani soli due mattine alla settimana."

    def named(need_id: str) -> dict[str, float]:
        rows = graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o:Organisation) "
                          "RETURN o.id AS id, s.features AS features", n=need_id)
        return {r["id"]: r["features"][INDEX["named_in_text"]] for r in rows if r["features"][INDEX["named_in_text"]]}

    own = computed_need(app, client, maria, organisation="org-faro", description=text)
    assert named(own) == {}
    client.post("/esci")
    other = computed_need(app, client, luca, organisation="org-spesa", description=text)
    assert set(named(other)) == {"org-faro", "org-faro-coop"}


def test_the_partner_finder_s_list_downloads_for_a_spreadsheet_with_contacts_and_reasons(graph, client, people):
    graph.write("MATCH (o:Organisation {id: 'org-spesa'}) SET o.email = $email, o.phone = $phone",
                email="spesa@example.it", phone="+39 015 1234567")
    text = "Consegna della spesa e dei farmaci a domicilio agli anziani soli con i volontari"
    page = client.get("/partner", query_string={"text": text, "known": "org-avb"}).get_data(as_text=True)
    link = re.search(r'id="partner-csv" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert link.startswith("/partner/elenco.csv?") and "known=org-avb" in link
    response = client.get(link)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="mentore-partner-')
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")  # so that a spreadsheet reads it as UTF-8
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[0] == ["Posizione", "Organizzazione", "Tipo", "Sede", "Verificata", "Sezione RUNTS", "E-mail",
                       "Telefono", "Sito web", "Pagina su Mentore", "Perché è suggerita"]
    page_names = re.findall(r'<span class="text-muted">\d+\.</span> <a href="[^"]+">([^<]+)</a>',
                            page.split('id="partner-results"', 1)[1])
    assert [r[1] for r in rows[1:]] == page_names  # the same organisations, in the same order
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Posizione"] == "1" and first["Organizzazione"] == "Spesa Solidale Biella ODV"
    assert first["Tipo"] == "Ente del Terzo settore" and first["Sede"] == "Biella (BI)"
    assert first["E-mail"] == "spesa@example.it" and first["Pagina su Mentore"].endswith("/organizzazioni/org-spesa")
    assert first["Telefono"] == "'+39 015 1234567"  # shown as written, not read as a formula
    assert re.search(r"\(\d+%\)", first["Perché è suggerita"])
    english = client.get(link + "&lang=en").get_data(as_text=True)
    assert english[1:].startswith("Rank;Organisation;Type;Head office;Verified;RUNTS section;Email;Phone;Website;"
                                  "Page on Mentore;")
    # nothing to list: back to the page, which says why, with what was given
    back = client.get("/partner/elenco.csv?text=&known=org-avb")
    assert back.status_code == 302 and back.headers["Location"].startswith("/partner?")
    assert "known=org-avb" in back.headers["Location"]


def test_a_spreadsheet_runs_no_formula_from_an_organisation_s_name(graph, client, people):
    seed(graph, [{"id": "org-formula", "name": "=HYPERLINK(\"http://example.com\",\"Spesa\")",
                  "description": "Consegna della spesa e dei farmaci a domicilio agli anziani soli."}])
    body = client.get("/partner/elenco.csv", query_string={"text": "Consegna della spesa a domicilio agli anziani",
                                                           "n": "50"}).get_data(as_text=True)
    names = [r[1] for r in csv.reader(io.StringIO(body[1:]), delimiter=";")][1:]
    assert "'=HYPERLINK(\"http://example.com\",\"Spesa\")" in names
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names)


def test_an_organisation_s_page_shows_possible_partners_it_has_not_worked_with_computed_in_the_background(
        graph, app, client, people, monkeypatch):
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
    first = client.get("/organizzazioni/org-spesa").get_data(as_text=True)
    assert 'id="possible-partners-pending"' in first  # never in the request: the page says they are coming
    assert "<noscript>Ricarica la pagina per vederli.</noscript>" in first  # without scripts they come by a reload
    assert [(fn.__name__, args) for fn, args in queued] == [("refresh_partners", ("org-spesa",))]
    with app.app_context():
        queued[0][0](*queued[0][1])  # the background job, run here
    page = client.get("/organizzazioni/org-spesa").get_data(as_text=True)
    assert len(queued) == 1  # computed: nothing more to do
    section = page.split('id="possible-partners"', 1)[1].split("</ul>", 1)[0]
    names = re.findall(r'<a class="fw-semibold" href="/organizzazioni/([^"]+)">', section)
    assert names and "org-spesa" not in names and len(names) <= suggestions.ORGANISATION_PARTNERS
    assert names[0] == "org-compagnia"  # the other one for the elderly, in the same town
    assert 'class="reason"' in section and "Ente del Terzo settore · Biella (BI)" in section
    # the organisation is the consortium its partners are sought for: said of it, not of "the
    # partners indicated" (none was), and its own name not repeated as the reason's detail
    assert 'data-feature="consortium_similarity"' in section and "partner indicati" not in section
    assert '<span class="reason-label">Lavora sugli stessi temi di questa organizzazione</span>' in section

    # once they have worked together, it is no longer a possible partner
    graph.write("MATCH (a:Organisation {id: 'org-spesa'}), (b:Organisation {id: 'org-compagnia'}) "
                "CREATE (a)-[:PARTNER_IN {role: 'lead'}]->(:Partnership {id: 'p-anziani', title: 'Estate anziani'})"
                "<-[:PARTNER_IN {role: 'participant'}]-(b) "
                "SET a.work_changed_at = datetime(), b.work_changed_at = datetime()")
    client.get("/organizzazioni/org-spesa")
    assert [fn.__name__ for fn, _ in queued] == ["refresh_partners"] * 2  # its work changed: due again
    with app.app_context():
        matcher_of(app).forget_graph()
        queued[1][0](*queued[1][1])
    again = client.get("/organizzazioni/org-spesa").get_data(as_text=True).split('id="possible-partners"', 1)[1]
    assert "/organizzazioni/org-compagnia" not in again.split("</ul>", 1)[0]


def test_a_need_met_together_takes_each_organisation_off_the_other_s_possible_partners(graph, app, client, people):
    """Spesa Solidale helps Maria's organisation meet a need: they have worked together, so neither
    is the other's possible partner any more: at once on the pages and in the API (the lists
    stored before say so on reading), and in the lists computed from then on."""
    maria, _ = people
    with app.app_context():
        for oid in ("org-spesa", "org-avb"):
            suggestions.refresh_organisation_partners(matcher_of(app), graph, oid)

    def listed(oid: str) -> list[str]:
        section = client.get(f"/organizzazioni/{oid}/possibili-partner").get_data(as_text=True)
        return re.findall(r'<a class="fw-semibold" href="/organizzazioni/([^"]+)">', section)

    assert "org-avb" in listed("org-spesa") and "org-spesa" in listed("org-avb")
    need_id = computed_need(app, client, maria)
    client.post(f"/bisogni/{need_id}/suggerimenti/{suggestion_of(graph, need_id, 'org-spesa')}",
                data={"decision": "contact"})
    assert client.post(f"/bisogni/{need_id}/soddisfatto", data={"helped_by": ["org-spesa"]}).status_code == 302
    assert "org-avb" not in listed("org-spesa") and "org-spesa" not in listed("org-avb")
    assert listed("org-spesa")  # the others stay
    items = client.get("/api/v1/organisations/org-spesa/partners").get_json()["items"]
    assert items and "org-avb" not in {i["organisation_id"] for i in items}
    assert [i["rank"] for i in items] == list(range(1, len(items) + 1))
    with app.app_context():
        for oid, other in (("org-spesa", "org-avb"), ("org-avb", "org-spesa")):
            result, _area = suggestions.partners_for_organisation(matcher_of(app), graph, oid)
            assert result.items and other not in [s.organisation_id for s in result.items]


def test_possible_partners_come_alone_for_the_page_to_put_in_place_and_as_json(graph, app, client, people,
                                                                              monkeypatch):
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
    api = client.get("/api/v1/organisations/org-spesa/partners")
    assert api.status_code == 200
    assert api.get_json() == {"organisation_id": "org-spesa", "computed": False, "suggested_at": None,
                              "area": None, "degraded": False, "items": []}
    section = client.get("/organizzazioni/org-spesa/possibili-partner")
    assert section.status_code == 200
    text = section.get_data(as_text=True)
    assert 'id="possible-partners-pending"' in text and "<html" not in text  # the section alone
    assert 'data-poll="/organizzazioni/org-spesa/possibili-partner"' in text
    assert {(fn.__name__, args) for fn, args in queued} == {("refresh_partners", ("org-spesa",))}
    with app.app_context():
        queued[0][0](*queued[0][1])  # the background job, run here

    body = client.get("/api/v1/organisations/org-spesa/partners").get_json()
    assert body["computed"] is True and body["suggested_at"] and body["degraded"] is False
    first = body["items"][0]
    assert [i["rank"] for i in body["items"]] == list(range(1, len(body["items"]) + 1))
    assert first["organisation_id"] == "org-compagnia" and first["organisation_name"]  # as on the page
    assert first["organisation_kind"] == "ETS" and first["seat"].startswith("comune:")
    assert first["reasons"] and all({"feature", "label", "contribution"} <= set(r) for r in first["reasons"])
    assert not any(i["promoted"] for i in body["items"])  # registered organisations: all ETS or public bodies
    text = client.get("/organizzazioni/org-spesa/possibili-partner").get_data(as_text=True)
    assert 'id="possible-partners-pending"' not in text and 'href="/organizzazioni/org-compagnia"' in text
    assert len(queued) == 2  # computed: nothing more to queue
    assert client.get("/api/v1/organisations/nessuna/partners").status_code == 404
    assert client.get("/organizzazioni/nessuna/possibili-partner").status_code == 404


def test_possible_partners_are_sought_in_the_province_then_the_region_then_all_italy(graph, app, client, people,
                                                                                   monkeypatch):
    """A public body or an ETS partners with the actors of its territory: with enough of them in
    its province, only those; else its region; else everywhere. The page says where."""
    def computed(limit: int) -> tuple[list[str], str]:
        monkeypatch.setattr(suggestions, "ORGANISATION_PARTNERS", limit)
        with app.app_context():
            suggestions.refresh_organisation_partners(matcher_of(app), graph, "org-spesa")
        section = client.get("/organizzazioni/org-spesa/possibili-partner").get_data(as_text=True)
        names = re.findall(r'<a class="fw-semibold" href="/organizzazioni/([^"]+)">', section)
        return names, " ".join(section.split('id="possible-partners-area">', 1)[1].split("</p>", 1)[0].split())

    # in the province of Biella: the two others there, not the sports club of Turin
    names, where = computed(2)
    assert sorted(names) == ["org-avb", "org-compagnia"]
    assert where.startswith("Organizzazioni della provincia di Biella che non hanno ancora lavorato con "
                            "Spesa Solidale Biella ODV")
    body = client.get("/api/v1/organisations/org-spesa/partners").get_json()
    assert body["area"] == "provincia:096" and body["items"][0]["organisation_id"] in names
    # three asked: Piedmont holds them (Turin is in it)
    names, where = computed(3)
    assert sorted(names) == ["org-avb", "org-calcio", "org-compagnia"]
    assert where.startswith("Organizzazioni della regione Piemonte")
    # more than the region holds: all Italy, and the page says so
    names, where = computed(4)
    assert where.startswith("Organizzazioni di tutta Italia") and len(names) <= 3
    assert "org-spesa" not in suggestions.organisations_with_partners_due(graph)
    # a list found the way before (all Italy, without the activities) is due again
    graph.write("MATCH (o:Organisation {id: 'org-spesa'}) SET o.partners_method = 1")
    assert "org-spesa" in suggestions.organisations_with_partners_due(graph)
    graph.write("MATCH (o:Organisation {id: 'org-spesa'}) REMOVE o.partners_method")
    assert "org-spesa" in suggestions.organisations_with_partners_due(graph)


def test_a_scheduler_computes_the_possible_partners_that_are_due(graph, app, people):
    from mentore.cli import cli

    result = app.test_cli_runner().invoke(cli, args=["partners", "refresh"])
    assert result.exit_code == 0, result.output
    assert "Possibili partner aggiornati per 4 organizzazioni." in result.output  # none computed yet
    stored = graph.read("MATCH (o:Organisation) RETURN o.id AS id, o.partner_suggestions IS NOT NULL AS done")
    assert all(r["done"] for r in stored) and len(stored) == 4
    again = app.test_cli_runner().invoke(cli, args=["partners", "refresh"])
    assert "per 0 organizzazioni" in again.output  # nothing due any more
    graph.write("MATCH (o:Organisation {id: 'org-calcio'}) SET o.updated_at = datetime()")  # a profile changed
    assert "per 1 organizzazione." in app.test_cli_runner().invoke(cli, args=["partners", "refresh"]).output
    assert "per 4 organizzazioni" in app.test_cli_runner().invoke(cli, args=["partners", "refresh", "--all"]).output


def test_make_demo_trains_the_rankers_only_until_they_are_learned(graph, app, people):
    from mentore.cli import cli
    from mentore.matcher.ranker import hand_set

    first = app.test_cli_runner().invoke(cli, args=["matcher", "train", "--if-untrained"])
    assert first.exit_code == 0, first.output
    assert "partner  hand-set" in first.output  # four organisations: nothing to learn from, nothing stored
    matching_repo.save_ranker(graph, "partner", {**hand_set("partner").to_params(), "source": "learned"})
    before = graph.read("MATCH (m:RankerModel) RETURN toString(m.trained_at) AS at")
    again = app.test_cli_runner().invoke(cli, args=["matcher", "train", "--if-untrained"])
    assert again.exit_code == 0 and "già appresi: nulla da fare" in again.output
    assert graph.read("MATCH (m:RankerModel) RETURN toString(m.trained_at) AS at") == before  # untouched


def test_the_organisation_page_links_the_partner_finder(graph, client, people):
    page = client.get("/organizzazioni/org-avb").get_data(as_text=True)
    assert "Possibili partner" in page and 'href="/partner?known=org-avb"' in page


# ----------------------------------------------------------------------------- hooks


def test_after_an_edit_the_page_says_its_suggestions_are_being_updated_until_they_are(graph, app, client, people,
                                                                                       monkeypatch):
    need_id = computed_need(app, client, people[0])
    assert 'id="suggestions-refreshing"' not in client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
    edited = {k: v for k, v in NEED.items() if k != "publish"}
    edited["description"] = "Cerchiamo compagnia e telefonate per gli anziani soli del quartiere, ogni settimana."
    assert client.post(f"/bisogni/{need_id}/modifica", data=edited).status_code == 302
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'id="suggestions-refreshing"' in page and "Aggiornamento dei suggerimenti in corso" in page
    assert "Spesa Solidale Biella ODV" in suggested_names(page)  # the list of before, until the new one is ready
    embedded = "MATCH (n:Need {id: $n}) RETURN toString(n.embedded_at) AS at"
    before = graph.read(embedded, n=need_id)[0]["at"]
    with app.app_context():
        queued[0][0](*queued[0][1])  # the background job, run here
    assert graph.read(embedded, n=need_id)[0]["at"] != before  # the new text has its vector
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'id="suggestions-refreshing"' not in page and len(queued) == 2  # the edit's job and the page's


def test_suggestions_found_an_earlier_way_are_renewed_by_the_page_and_by_the_scheduler(graph, app, client, people,
                                                                                       monkeypatch):
    """Suggestions stored before methods were recorded (their reasons could say false things)
    are due: the page says they are being updated and queues them, the scheduled refresh
    renews them, and then they are no longer due."""
    from mentore.cli import cli

    need_id = computed_need(app, client, people[0])
    assert suggestions.needs_to_refresh(graph) == []
    graph.write("MATCH (n:Need {id: $id}) REMOVE n.suggestions_method", id=need_id)  # stored by an older site
    assert suggestions.is_due(graph, need_id) and suggestions.needs_to_refresh(graph) == [need_id]
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'id="suggestions-refreshing"' in page and queued == [(jobs.refresh_need, (need_id,))]
    assert "Spesa Solidale Biella ODV" in suggested_names(page)  # the old list, until the new one is ready

    result = app.test_cli_runner().invoke(cli, args=["suggestions", "refresh"])
    assert result.exit_code == 0 and "Suggerimenti aggiornati per 1 bisogno." in result.output, result.output
    method = graph.read("MATCH (n:Need {id: $id}) RETURN n.suggestions_method AS m", id=need_id)[0]["m"]
    assert method == suggestions.SUGGESTIONS_METHOD and not suggestions.is_due(graph, need_id)
    assert 'id="suggestions-refreshing"' not in client.get(f"/bisogni/{need_id}").get_data(as_text=True)


def test_an_organisation_set_aside_gets_its_reasons_renewed_only_when_they_were_found_an_earlier_way(
        graph, app, client, people, monkeypatch):
    """A declined suggestion is not ranked again, so its reasons are those of the day it was
    declined: kept as they were, unless the method changed (they could say false things), when
    they are renewed and its decision stays."""
    need_id = computed_need(app, client, people[0])
    suggestion_id = suggestion_of(graph, need_id, "org-compagnia")
    prefix = f"decline-{suggestion_id}"
    client.post(f"/bisogni/{need_id}/suggerimenti/{suggestion_id}",
                data={"decision": "decline", f"{prefix}-reason": "not_relevant"})
    jobs.jobs_of(app).drain()
    false = '[{"feature": "responsiveness", "label": "Risponde alle proposte", "contribution": 0.2, ' \
            '"detail": ["0", "5"]}]'  # what an earlier way could say of an organisation that never answered
    graph.write("MATCH (s:Suggestion {id: $id}) SET s.reasons = $r", id=suggestion_id, r=false)
    stored = "MATCH (s:Suggestion {id: $id}) RETURN s.reasons AS r, s.status AS st, s.decline_reason AS why"
    with app.app_context():
        graph.write("MATCH (n:Need {id: $id}) SET n.suggestions_stale = true", id=need_id)
        suggestions.refresh(matcher_of(app), graph, need_id)  # the same way: history is left alone
    assert graph.read(stored, id=suggestion_id)[0]["r"] == false
    with app.app_context():
        graph.write("MATCH (n:Need {id: $id}) REMOVE n.suggestions_method", id=need_id)  # found an earlier way
        matcher, texts = matcher_of(app), []
        encode = matcher.encode
        monkeypatch.setattr(matcher, "encode", lambda batch: texts.extend(batch) or encode(batch))
        suggestions.refresh(matcher, graph, need_id)
    assert len(texts) == 1  # the need's text is embedded once for both rankings
    after = graph.read(stored, id=suggestion_id)[0]
    assert after["st"] == "declined" and after["why"] == "not_relevant"  # the decision stays
    features = [r["feature"] for r in json.loads(after["r"])]
    assert features and "responsiveness" not in features  # renewed: what is true of it now
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Risponde alle proposte" not in page


def test_a_suggestion_ranked_again_does_not_count_its_own_answer_as_the_organisation_s_responsiveness(
        graph, app, client, people):
    """Accepted, a suggestion is kept and ranked again at each refresh, and the features stored
    with it are what training learns from: how often the organisation answers proposals counts
    those of other needs, or its own acceptance would make it look responsive to the very need
    it is the answer to."""
    need_id = computed_need(app, client, people[0])
    suggestion_id = suggestion_of(graph, need_id, "org-compagnia")
    client.post(f"/bisogni/{need_id}/suggerimenti/{suggestion_id}", data={"decision": "accept"})
    jobs.jobs_of(app).drain()
    counted = graph.read("MATCH (s:Suggestion)-[:PROPOSES]->(:Organisation {id: 'org-compagnia'}) "
                         "WHERE NOT (s)-[:FOR]->(:Need {id: $n}) "
                         "RETURN count(s) AS suggested, count(CASE WHEN s.status = 'accepted' "
                         "OR s.answered_at IS NOT NULL THEN 1 END) AS answered", n=need_id)[0]
    with app.app_context():
        graph.write("MATCH (n:Need {id: $id}) SET n.suggestions_stale = true", id=need_id)
        suggestions.refresh(matcher_of(app), graph, need_id)
    stored = graph.read("MATCH (s:Suggestion {id: $id}) RETURN s.status AS st, s.features AS f", id=suggestion_id)[0]
    assert stored["st"] == "accepted"
    responsiveness = stored["f"][INDEX["responsiveness"]]
    assert responsiveness == pytest.approx((counted["answered"] + 1) / (counted["suggested"] + 2), abs=1e-4)


def test_a_chosen_organisation_has_not_worked_on_similar_themes_by_being_chosen_for_the_need(
        graph, app, client, people):
    """Accepted, an organisation has helped with the need as far as the graph knows: ranked again,
    that need is not its past work. It has none other here, so no reason says it "has worked on
    similar themes", naming the very need it is suggested for, and training does not learn from
    it that past work on the theme is what gets an organisation accepted."""
    need_id = computed_need(app, client, people[0])
    suggestion_id = suggestion_of(graph, need_id, "org-compagnia")
    client.post(f"/bisogni/{need_id}/suggerimenti/{suggestion_id}", data={"decision": "accept"})
    jobs.jobs_of(app).drain()
    with app.app_context():
        graph.write("MATCH (n:Need {id: $id}) SET n.suggestions_stale = true", id=need_id)
        suggestions.refresh(matcher_of(app), graph, need_id)
    stored = graph.read("MATCH (s:Suggestion {id: $id}) RETURN s.status AS st, s.features AS f, s.reasons AS r",
                        id=suggestion_id)[0]
    assert stored["st"] == "accepted"
    assert [stored["f"][INDEX[name]] for name in ("similar_work", "best_similar_work", "led_similar_work")] == [0] * 3
    items = {i["organisation_id"]: i for i in client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]}
    reasons = items["org-compagnia"]["reasons"]
    assert reasons and not [r for r in reasons if r["feature"] in ("similar_work", "best_similar_work",
                                                                   "led_similar_work")]
    assert need_id not in stored["r"]
    assert [list(g.labels) for g in matching.feedback_groups(graph) if g.key == need_id] == [[1]]
    # ranked again before suggestions method 5, its reasons named the need and its features
    # counted it: training leaves that answer out
    named = [*json.loads(stored["r"]), {"feature": "similar_work", "label": "Ha già lavorato su temi simili",
                                         "contribution": 0.5, "work": {"id": need_id, "kind": "need"}}]
    graph.write("MATCH (s:Suggestion {id: $id}) SET s.reasons = $r", id=suggestion_id, r=json.dumps(named))
    assert [g for g in matching.feedback_groups(graph) if g.key == need_id] == []
    # another need of the same poster, on the same theme: there, the chosen organisation has worked
    # on it, the first need named as its work
    other_id = computed_need(app, client, people[0], title="Compagnia per gli anziani soli di Biella")
    other = {i["organisation_id"]: i for i in client.get(f"/api/v1/needs/{other_id}/suggestions").get_json()["items"]}
    works = [r.get("work", {}).get("id") for r in other["org-compagnia"]["reasons"]]
    assert need_id in works


def test_changes_queue_the_refresh_of_suggestions(graph, app, client, people, monkeypatch):
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn.__name__, args)))
    maria, _ = people
    login(client, maria)
    need_id = post_need(client, publish=None)  # a draft
    edited = {k: v for k, v in NEED.items() if k != "publish"}
    client.post(f"/bisogni/{need_id}/modifica", data={**edited, "save_draft": "1"})
    client.post(f"/bisogni/{need_id}/stato", data={"status": "open"})
    client.post(f"/bisogni/{need_id}/stato", data={"status": "matched"})  # no refresh needed
    assert queued == [("refresh_need", (need_id,))] * 3

    queued.clear()
    organisation_id = create_organisation(client, codice_fiscale="90012345675")
    client.post(f"/organizzazioni/{organisation_id}/modifica", data={**PROFILE, "name": "AVB rinnovata"})
    assert queued == [("refresh_after_profile_change", (organisation_id,))] * 2
    # verified, it may now help with the needs that ask for verified organisations
    queued.clear()
    admin = app.test_client()
    login(admin, person(graph, "Admin", "admin@example.it", roles=("platform_admin",)))
    admin.post(f"/organizzazioni/{organisation_id}/verifica", data={"verified": "1"})
    assert queued == [("refresh_after_profile_change", (organisation_id,))]


# ----------------------------------------------------------------------------- how suggestions work


def test_the_page_on_how_suggestions_work_says_how_much_each_reason_counts_now(graph, app, client, monkeypatch):
    """Hand-set weights until a ranker is learned; then the learned one (once the site's matcher
    has seen it), with its date and examples, and a feature it weighs negatively says so. Linked
    from every page's footer."""
    import numpy as np

    from mentore.matcher import ranker as rankers
    from mentore.matcher.features import FEATURE_NAMES

    def effects(page: str, task: str) -> dict[str, str]:
        rows = re.findall(r'<tr data-feature="([a-z_]+)">(.*?)</tr>', page, re.S)
        return {name: re.search(rf'data-task="{task}" data-effect="([a-z]+)"', row).group(1) for name, row in rows}

    page = client.get("/suggerimenti/come-funzionano").get_data(as_text=True)
    assert "Come funzionano i suggerimenti" in page and 'data-learned="yes"' not in page
    assert "nominato nel testo (per esempio «nella provincia di Biella»" in page  # where a project is placed
    assert page.count("pesi fissati a mano: la piattaforma li impara quando ha almeno 30 esempi") == 3
    assert "i pesi appresi partono da quelli fissati a mano, che contano quanto 30 bisogni con risposta" in page
    partner = effects(page, "partner")
    assert set(partner) == set(FEATURE_NAMES)
    assert partner["co_work"] == "up" and partner["competency_overlap"] == "none"  # as HAND_SET has them
    assert "down" not in effects(page, "need").values()
    # the poster's network counts for needs alone, and the page says what it is
    assert effects(page, "need")["poster_network"] == "up" and partner["poster_network"] == "none"
    assert '<p id="network">Per un bisogno sono candidate anche le organizzazioni della rete di chi lo pubblica' in page
    # namesakes: the form or the seat the text gives tells them apart
    assert ("Tra organizzazioni con lo stesso nome conta quella di cui il testo dice anche la forma giuridica "
            "(«APS», «Soc. Coop.») o la sede («l'Arcobaleno di Palermo»)") in page

    learned = rankers.hand_set("partner")
    learned.weights = learned.weights.copy()
    learned.weights[FEATURE_NAMES.index("popularity")] = -0.8
    learned.source, learned.trained_on = "learned", 731
    learned.meta = {"examples": 5000, "method": "pairwise", "hand_set": ["named_in_text"]}
    monkeypatch.setattr(matching, "WORK_CHECK_EVERY", 0.0)
    matching_repo.save_ranker(graph, "partner", learned.to_params())  # as the nightly training does
    client.get("/suggerimenti/come-funzionano")  # the matcher sees new rankers stored: it reads them
    matcher_of(app).settle(timeout=60)
    page = client.get("/suggerimenti/come-funzionano").get_data(as_text=True)
    assert re.search(r'data-task="partner" data-learned="yes">.*?pesi appresi il \d+ \w+ \d{4} da 731 esempi', page,
                     re.S)
    assert effects(page, "partner")["popularity"] == "down" and "Conta molto contro" in page
    assert ("Negli esempi questo motivo non cambia mai, e tiene il peso fissato a mano: «Il testo la nomina»."
            in page)  # its examples never named an organisation
    assert effects(page, "handler")["popularity"] == "up"  # the other tasks keep their weights
    assert np.count_nonzero(learned.weights) == sum(e != "none" for e in effects(page, "partner").values())

    english = client.get("/suggerimenti/come-funzionano?lang=en").get_data(as_text=True)
    assert "How suggestions work" in english and "Counts strongly against" in english
    home = client.get("/").get_data(as_text=True)
    assert 'href="/suggerimenti/come-funzionano"' in home and 'href="/suggerimenti/come-funzionano"' in client.get(
        "/partner").get_data(as_text=True)


def test_an_answered_suggestion_the_new_list_leaves_out_keeps_its_answer_with_today_s_reasons_and_no_rank(
        graph, app, client, people, monkeypatch):
    """Spesa Solidale answered that it can help; the need then asks for verified organisations
    only, which it is not: it is no longer ranked, yet stays with its answer, with the reasons the
    matcher gives it today and without the rank it had, which is now the new first's."""
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 1)
    maria, luca = people
    need_id = computed_need(app, client, maria)
    spesa = suggestion_of(graph, need_id, "org-spesa")
    member = app.test_client()
    login(member, luca)
    assert member.post(f"/api/v1/suggestions/{spesa}/answer",
                       json={"availability": "yes", "answer": "Due volontari il sabato."}).status_code == 200
    graph.write("MATCH (s:Suggestion {id: $s}) SET s.reasons = '[]', s.features = null", s=spesa)  # as stale
    graph.write("MATCH (o:Organisation) WHERE o.id <> 'org-spesa' SET o.verified = true")
    assert client.patch(f"/api/v1/needs/{need_id}", json={"only_verified": True}).status_code == 200
    jobs.jobs_of(app).drain()

    rows = graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) "
                      "RETURN o.id AS organisation, s.rank AS rank, s.availability AS availability, "
                      "s.reasons AS reasons, s.features IS NOT NULL AS features ORDER BY o.id", n=need_id)
    kept = next(r for r in rows if r["organisation"] == "org-spesa")
    others = [r for r in rows if r["organisation"] != "org-spesa"]
    assert kept["availability"] == "yes" and kept["rank"] is None and kept["features"]
    assert json.loads(kept["reasons"])  # today's reasons, not the stale empty list
    assert [r["rank"] for r in others] == [1]
