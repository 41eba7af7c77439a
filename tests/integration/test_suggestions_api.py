"""The matcher's JSON API on the real graph with the real default model: a need's suggestions,
the poster's decisions, partner suggestions and their validation, the degraded mode when the
vector index is gone, and the hooks that queue the refresh of suggestions."""

import logging

import pytest

from graph.repositories import organisations as organisations_repo
from mentore import create_app, jobs
from mentore.extensions import matcher_of
from mentore.services import matching, setup, suggestions
from tests.conftest import app_config
from tests.integration.test_needs_api_cli import payload
from tests.integration.test_organisations import PROFILE, login, person, seed
from tests.integration.test_suggestions_web import (  # noqa: F401  (the people fixture)
    FAR_AWAY,
    computed_need,
    people,
    suggestion_of,
)

PROJECT = "Consegna della spesa e dei farmaci a domicilio agli anziani soli con i volontari"


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


# ----------------------------------------------------------------------------- a need's suggestions


def test_a_need_s_suggestions_come_with_reasons_and_their_state(graph, app, client, people):  # noqa: F811
    need_id = computed_need(app, client, people[0])
    body = app.test_client().get(f"/api/v1/needs/{need_id}/suggestions").get_json()
    assert body["need_id"] == need_id and body["suggested_at"] and body["degraded"] is False and body["note"] is None
    assert body["can_decide"] is False
    first = body["items"][0]
    assert first["organisation_id"] == "org-spesa" and first["organisation_name"] == "Spesa Solidale Biella ODV"
    assert first["rank"] == 1 and first["status"] == "proposed" and first["comune_name"] == "Biella"
    assert first["reasons"] and set(first["reasons"][0]) == {"feature", "label", "contribution"}
    assert "decline_reason" not in first  # the poster's business
    assert "org-avb" not in [i["organisation_id"] for i in body["items"]]
    assert client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["can_decide"] is True


def test_a_draft_s_suggestions_are_hidden_from_outsiders(graph, app, client, people):  # noqa: F811
    login(client, people[0])
    draft = client.post("/api/v1/needs", json=payload(publish=False)).get_json()["id"]
    jobs.jobs_of(app).drain()
    assert app.test_client().get(f"/api/v1/needs/{draft}/suggestions").status_code == 404
    own = client.get(f"/api/v1/needs/{draft}/suggestions").get_json()
    assert own["items"] == [] and own["suggested_at"] is None
    assert client.get("/api/v1/needs/nope/suggestions").status_code == 404


# ----------------------------------------------------------------------------- decisions


def test_the_poster_decides_through_the_api(graph, app, client, people, monkeypatch):  # noqa: F811
    maria, luca = people
    need_id = computed_need(app, client, maria)
    accepted, declined = suggestion_of(graph, need_id, "org-spesa"), suggestion_of(graph, need_id, "org-calcio")
    url = f"/api/v1/suggestions/{accepted}/decision"

    assert app.test_client().post(url, json={"decision": "accept"}).status_code == 401
    outsider = app.test_client()
    login(outsider, luca)
    assert outsider.post(url, json={"decision": "accept"}).status_code == 403
    assert client.post(url, data="accept").status_code == 400  # not JSON
    wrong_type = client.post(url, json={"decision": 1})
    assert wrong_type.status_code == 422 and wrong_type.get_json()["error"]["fields"] == {
        "decision": ["Deve essere un testo."]}
    assert client.post(url, json={"decision": "maybe"}).get_json()["error"]["fields"] == {
        "decision": ["Decisione non valida."]}
    assert client.post("/api/v1/suggestions/nope/decision", json={"decision": "accept"}).status_code == 404

    response = client.post(url, json={"decision": "accept"})
    assert response.status_code == 200
    assert response.get_json() == {"id": accepted, "status": "accepted", "need_id": need_id, "need_status": "matched",
                                   "organisation_id": "org-spesa"}
    assert client.post(url, json={"decision": "decline", "reason": "too_far"}).status_code == 409

    decline = f"/api/v1/suggestions/{declined}/decision"
    refused = client.post(decline, json={"decision": "decline"})
    assert refused.status_code == 422 and refused.get_json()["error"]["fields"] == {"reason": ["Scegli un motivo."]}
    assert client.post(decline, json={"decision": "decline", "reason": "other"}).get_json()["error"]["fields"] == {
        "reason_text": ["Scrivi il motivo."]}
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn.__name__, args)))
    done = client.post(decline, json={"decision": "decline", "reason": "too_far",
                                      "reason_text": "A Torino,\r\ntroppo lontano"})
    assert done.status_code == 200 and done.get_json()["status"] == "declined"
    assert queued == [("refresh_need", (need_id,))]  # another organisation in its place
    items = {i["id"]: i for i in client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]}
    assert items[declined]["decline_reason"] == "too_far"
    assert items[declined]["decline_text"] == "A Torino,\ntroppo lontano"  # one line break, as typed
    public = app.test_client().get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]
    assert declined not in [i["id"] for i in public]


def test_the_suggested_organisation_answers_through_the_api(graph, app, client, people, monkeypatch):  # noqa: F811
    maria, luca = people
    need_id = computed_need(app, client, maria)
    suggestion_id = suggestion_of(graph, need_id, "org-spesa")
    url = f"/api/v1/suggestions/{suggestion_id}/answer"
    assert app.test_client().post(url, json={"availability": "yes", "answer": "Ci siamo"}).status_code == 401
    assert client.post(url, json={"availability": "yes", "answer": "Ci siamo"}).status_code == 403  # the poster
    member = app.test_client()
    login(member, luca)
    assert member.post(url, data="yes").status_code == 400
    assert member.post(url, json={"availability": 1}).get_json()["error"]["fields"] == {
        "availability": ["Deve essere un testo."]}
    missing = member.post(url, json={"answer": "Ci siamo"})
    assert missing.status_code == 422 and missing.get_json()["error"]["fields"] == {
        "availability": ["Dite se potete aiutare."]}
    assert set(member.post(url, json={"availability": "yes"}).get_json()["error"]["fields"]) == {"answer"}
    assert member.post("/api/v1/suggestions/nope/answer", json={"availability": "no"}).status_code == 404

    done = member.post(url, json={"availability": "partly", "answer": "Solo il sabato,\r\nda gennaio."})
    assert done.status_code == 200 and done.get_json() == {
        "id": suggestion_id, "need_id": need_id, "need_status": "open", "organisation_id": "org-spesa",
        "availability": "partly",
        "answer": "Solo il sabato,\nda gennaio."}
    item = {i["id"]: i for i in client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]}[suggestion_id]
    assert (item["availability"], item["answer"]) == ("partly", "Solo il sabato,\nda gennaio.")  # the poster reads it
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn.__name__, args)))
    assert member.post(url, json={"availability": "no"}).status_code == 200
    assert queued == [("refresh_need", (need_id,))]  # another organisation in its place
    client.post(f"/bisogni/{need_id}/stato", data={"status": "closed"})
    assert member.post(url, json={"availability": "yes", "answer": "Ora sì"}).status_code == 409


def test_a_need_moves_through_its_lifecycle_through_the_api_and_met_names_who_helped(
        graph, app, client, people):  # noqa: F811
    maria, luca = people
    need_id = computed_need(app, client, maria)
    spesa = suggestion_of(graph, need_id, "org-spesa")
    url = f"/api/v1/needs/{need_id}/status"
    assert app.test_client().post(url, json={"status": "met"}).status_code == 401
    member = app.test_client()
    login(member, luca)
    assert member.post(url, json={"status": "met"}).status_code == 403  # not of the posting organisation
    assert client.post("/api/v1/needs/nope/status", json={"status": "met"}).status_code == 404
    assert client.post(url, data="met").status_code == 400
    wrong = client.post(url, json={"status": "done", "helped_by": "org-spesa"})
    assert wrong.status_code == 422 and set(wrong.get_json()["error"]["fields"]) == {"status", "helped_by"}
    early = client.post(url, json={"status": "in_progress", "helped_by": ["org-spesa"]})  # only when met
    assert early.status_code == 422 and set(early.get_json()["error"]["fields"]) == {"helped_by"}
    for wrong in ({"status": "in_progress", "claim": "org-calcio"}, {"status": "met", "claim": ["org-calcio"]}):
        refused = client.post(url, json=wrong)
        assert refused.status_code == 422 and set(refused.get_json()["error"]["fields"]) == {"claim"}, wrong
    assert client.post(url, json={"status": "met", "helped_by": ["org-spesa"]}).status_code == 422  # not chosen yet
    assert client.get(f"/api/v1/needs/{need_id}").get_json()["status"] == "open"  # nothing written
    not_met = client.put(f"/api/v1/needs/{need_id}/helpers", json={"helped_by": []})
    assert not_met.status_code == 409 and "solo per un bisogno soddisfatto" in not_met.get_json()["error"]["message"]

    client.post(f"/api/v1/suggestions/{spesa}/decision", json={"decision": "accept"})
    moved = client.post(url, json={"status": "in_progress"})
    assert moved.status_code == 200 and moved.get_json()["status"] == "in_progress"
    assert client.post(url, json={"status": "open"}).status_code == 409  # in progress: not back to open
    done = client.post(url, json={"status": "met", "helped_by": ["org-spesa", "org-spesa"]})
    assert done.status_code == 200 and done.get_json()["status"] == "met"
    assert done.get_json()["helped_by"] == [{"id": "org-spesa", "name": "Spesa Solidale Biella ODV"}]
    assert app.test_client().get(f"/api/v1/needs/{need_id}").get_json()["helped_by"] == done.get_json()["helped_by"]
    assert graph.read("MATCH (:Need {id: $n})-[m:MET_WITH]->(o) RETURN o.id AS o, m.by AS by", n=need_id) == [
        {"o": "org-spesa", "by": maria.id}]
    assert client.post(url, json={"status": "closed"}).status_code == 409  # met is final

    # who helped, said again once met: the whole list
    helpers = f"/api/v1/needs/{need_id}/helpers"
    assert app.test_client().put(helpers, json={"helped_by": []}).status_code == 401
    assert member.put(helpers, json={"helped_by": []}).status_code == 403
    assert client.put("/api/v1/needs/nope/helpers", json={"helped_by": []}).status_code == 404
    assert client.put(helpers, data="[]").status_code == 400
    for wrong in ({}, {"helped_by": "org-spesa"}, {"helped_by": ["org-avb"]}):  # its own: not on the need
        refused = client.put(helpers, json=wrong)
        assert refused.status_code == 422 and set(refused.get_json()["error"]["fields"]) == {"helped_by"}, wrong
    none = client.put(helpers, json={"helped_by": []})
    assert none.status_code == 200 and none.get_json()["helped_by"] == [] and none.get_json()["status"] == "met"
    again = client.put(helpers, json={"helped_by": ["org-spesa"]})
    assert again.get_json()["helped_by"] == [{"id": "org-spesa", "name": "Spesa Solidale Biella ODV"}]

    # an organisation of the directory that helped too: asked to confirm, credited once it does
    for wrong, field in (({"helped_by": [], "claim": 3}, "claim"), ({"helped_by": [], "claim": "org-avb"}, "claim"),
                         ({"helped_by": [], "claim": "nope"}, "claim")):  # its own; none such
        refused = client.put(helpers, json=wrong)
        assert refused.status_code == 422 and set(refused.get_json()["error"]["fields"]) == {field}, wrong
    asked = client.put(helpers, json={"helped_by": ["org-spesa"], "claim": "org-calcio"}).get_json()
    assert [c["id"] for c in asked["help_claims"]] == ["org-calcio"]
    assert [h["id"] for h in asked["helped_by"]] == ["org-spesa"]  # not yet
    assert client.get(f"/api/v1/needs/{need_id}").get_json()["help_claims"] == asked["help_claims"]
    assert "help_claims" not in app.test_client().get(f"/api/v1/needs/{need_id}").get_json()  # its members only
    answer = f"/api/v1/needs/{need_id}/helpers/org-calcio"
    assert member.post(answer, json={"decision": "confirm"}).status_code == 403  # not of org-calcio
    assert client.post(answer, json={"decision": "confirm"}).status_code == 403  # the poster cannot confirm for it
    assert client.post(answer, json={"decision": "decline"}).status_code == 403  # nor say it did not help
    organisations_repo.add_member(graph, maria.id, "org-calcio", "member")  # nor can one of both
    both = client.post(answer, json={"decision": "confirm"})
    assert both.status_code == 403 and both.get_json()["error"]["detail"].startswith(
        "Fai parte anche di Associazione Volontariato Biellese, che ha pubblicato il bisogno")
    [claim] = client.get(f"/api/v1/needs/{need_id}").get_json()["help_claims"]
    assert (claim["members"], claim["answerers"]) == (1, 0)
    giulia = person(graph, "Giulia Neri", "giulia@example.it")
    organisations_repo.add_member(graph, giulia.id, "org-calcio", "member")
    [claim] = client.get(f"/api/v1/needs/{need_id}").get_json()["help_claims"]
    assert (claim["members"], claim["answerers"]) == (2, 1)
    calcio = app.test_client()
    login(calcio, giulia)
    assert calcio.post(answer, json={"decision": "maybe"}).status_code == 422
    confirmed = calcio.post(answer, json={"decision": "confirm"})
    assert confirmed.status_code == 200
    assert [h["id"] for h in confirmed.get_json()["helped_by"]] == ["org-calcio", "org-spesa"]
    assert calcio.post(answer, json={"decision": "decline"}).status_code == 409  # answered already
    both = ["org-calcio", "org-spesa"]
    client.put(helpers, json={"helped_by": both, "claim": "org-compagnia"})
    piero, anziani = person(graph, "Piero Gialli", "piero@example.it"), app.test_client()
    organisations_repo.add_member(graph, piero.id, "org-compagnia", "member")
    login(anziani, piero)
    declined = anziani.post(f"/api/v1/needs/{need_id}/helpers/org-compagnia", json={"decision": "decline"})
    assert declined.status_code == 200
    said = client.get(f"/api/v1/needs/{need_id}").get_json()
    assert said["help_claims"] == []
    assert said["help_declined"] == [{"id": "org-compagnia", "name": "Amici degli Anziani APS"}]
    again = client.put(helpers, json={"helped_by": both, "claim": "org-compagnia"})  # asked once is enough
    assert again.status_code == 422 and set(again.get_json()["error"]["fields"]) == {"claim"}


# ----------------------------------------------------------------------------- partners


@pytest.mark.parametrize(("body", "fields"), [
    ({}, {"text"}),
    ({"text": ""}, {"text"}),
    ({"text": 12}, {"text"}),
    ({"text": "12 34 !!"}, {"text"}),
    ({"text": "parola " * 2000}, {"text"}),
    ({"text": "Nous cherchons des partenaires pour un service de transport social des personnes âgées."}, {"text"}),
    ({"text": PROJECT, "known_partners": "org-avb"}, {"known_partners"}),
    ({"text": PROJECT, "known_partners": [1, 2]}, {"known_partners"}),
    ({"text": PROJECT, "known_partners": ["org-avb", "nope"]}, {"known_partners"}),
    ({"text": PROJECT, "known_partners": [f"o{i}" for i in range(21)]}, {"known_partners"}),
    ({"text": PROJECT, "limit": 0}, {"limit"}),
    ({"text": PROJECT, "limit": 101}, {"limit"}),
    ({"text": PROJECT, "limit": "5"}, {"limit"}),
    ({"text": PROJECT, "limit": True}, {"limit"}),
    ({"text": PROJECT, "programme": 2025}, {"programme"}),
    ({"text": PROJECT, "programme": "b" * 201}, {"programme"}),
    ({"text": PROJECT, "kind": "HES"}, {"kind"}),
    ({"text": PROJECT, "kind": 1}, {"kind"}),
    ({"text": PROJECT, "territory": "Biella"}, {"territory"}),  # an id, as the directory's API takes
    ({"text": PROJECT, "territory": "comune:999999"}, {"territory"}),
    ({"text": PROJECT, "territory": ["provincia:096", "Lecce"]}, {"territory"}),  # a list: of ids
    ({"text": PROJECT, "territory": ["provincia:096", 96]}, {"territory"}),
    ({"text": PROJECT, "territory": ["provincia:096"] * 11}, {"territory"}),  # at most 10
    ({"text": PROJECT, "territory": {"id": "provincia:096"}}, {"territory"}),
    ({"text": PROJECT, "activity": "A"}, {"activity"}),
    ({"text": PROJECT, "activity": 1}, {"activity"}),
    ({"text": "", "limit": 0}, {"text", "limit"}),
])
def test_partner_suggestions_refuse_bad_payloads_with_the_fields(graph, client, people, body, fields):  # noqa: F811
    response = client.post("/api/v1/partners/suggest", json=body)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert set(error["fields"]) == fields and all(isinstance(m, str) for v in error["fields"].values() for m in v)


def test_partner_suggestions_refuse_a_body_that_is_not_a_json_object(graph, client):
    assert client.post("/api/v1/partners/suggest", data="text=progetto").status_code == 400
    assert client.post("/api/v1/partners/suggest", json=["progetto"]).status_code == 400


def test_partner_errors_are_said_in_the_language_asked(graph, client, people):  # noqa: F811
    error = client.post("/api/v1/partners/suggest?lang=en", json={"text": PROJECT, "limit": 0}).get_json()["error"]
    assert error["title"] == "Invalid data"
    assert error["fields"] == {"limit": ["Must be a whole number between 1 and 100."]}
    error = client.post("/api/v1/partners/suggest?lang=en", json=["progetto"]).get_json()["error"]
    assert error["message"] == "The body of the request must be a JSON object."


def test_partner_suggestions_rank_organisations_with_reasons(graph, client, people):  # noqa: F811
    body = client.post("/api/v1/partners/suggest", json={"text": PROJECT, "known_partners": ["org-avb"],
                                                         "limit": 3}).get_json()
    assert body["degraded"] is False and body["note"] is None and body["ranker"]
    items = body["items"]
    assert 1 <= len(items) <= 3 and [i["rank"] for i in items] == list(range(1, len(items) + 1))
    assert items[0]["organisation_id"] == "org-spesa" and "org-avb" not in [i["organisation_id"] for i in items]
    assert items[0]["organisation_kind"] == "ETS" and items[0]["seat"] == "comune:096004"  # as the page shows it
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
    assert all(r["label"] and r["contribution"] > 0 for i in items for r in i["reasons"])
    public = client.post("/api/v1/partners/suggest", json={"text": PROJECT, "kind": "PUBLIC_BODY"}).get_json()
    assert public["items"] == []  # no public body among them
    ets = client.post("/api/v1/partners/suggest", json={"text": PROJECT, "known_partners": ["org-avb"], "kind": "ETS",
                                                        "limit": 3}).get_json()
    assert [i["organisation_id"] for i in ets["items"]] == [i["organisation_id"] for i in items]
    lead = client.post("/api/v1/partners/suggest", json={"text": PROJECT}).get_json()  # nobody yet: who could lead
    assert lead["items"] and lead["items"][0]["organisation_id"] in ("org-spesa", "org-compagnia")


def test_partner_suggestions_are_placed_where_the_text_says_and_offer_to_look_only_there(graph, client, people):  # noqa: F811
    def territory_of(body: dict, organisation: str) -> float:
        """What its place contributes: the territory's reason, and where the text says (the two
        are one reason, named_place, when they say the same)."""
        item = next(i for i in body["items"] if i["organisation_id"] == organisation)
        return sum(r["contribution"] for r in item["reasons"] if r["feature"] in ("territory", "named_place"))

    def ask(**payload) -> dict:
        response = client.post("/api/v1/partners/suggest", json={"limit": 10, **payload})
        assert response.status_code == 200
        return response.get_json()

    named = ask(text=PROJECT + " A Torino e nella provincia di Biella.")
    assert named["text_places"] == [{"id": "comune:001272", "name": "Torino (TO)", "area": None},
                                    {"id": "provincia:096", "name": "Provincia di Biella", "area": None}]
    assert ask(text=PROJECT)["text_places"] == []  # no place named
    salento = ask(text=PROJECT + " Nel Salento e a Biella.")["text_places"]  # an area: its provinces, one place
    assert [(p["name"], p["area"]) for p in salento] == [
        ("Provincia di Lecce", "Salento"), ("Provincia di Brindisi", "Salento"), ("Provincia di Taranto", "Salento"),
        ("Biella (BI)", None)]
    known = ask(text=PROJECT + " A Torino.", known_partners=["org-avb"])  # placed by its partner too
    assert known["text_places"] == [{"id": "comune:001272", "name": "Torino (TO)", "area": None}]
    # Turin's club is where the project is, not only in its partner's region (Biella, Piedmont)
    assert territory_of(known, "org-calcio") > 2 * territory_of(ask(text=PROJECT, known_partners=["org-avb"]),
                                                                 "org-calcio") > 0
    assert ask(text=PROJECT + " A Torino.", territory="provincia:096")["text_places"] == []  # placed by the request
    again = ask(text=PROJECT + " A Torino.", territory=named["text_places"][0]["id"])  # only there, as offered
    assert [i["organisation_id"] for i in again["items"]] == ["org-calcio"]
    # an area's ids: its provinces, any of them (Lecce, Brindisi, Taranto hold none of these)
    assert ask(text=PROJECT, territory=[p["id"] for p in salento[:3]])["items"] == []
    both = ask(text=PROJECT, territory=["provincia:201", "comune:001272", "provincia:075"])
    assert [i["organisation_id"] for i in both["items"]] == ["org-calcio"]


def test_partner_suggestions_offer_the_activity_a_text_is_plainly_about_unless_one_was_asked(
        graph, client, people):  # noqa: F811
    def ask(**payload) -> dict:
        response = client.post("/api/v1/partners/suggest", json={"limit": 10, **payload})
        assert response.status_code == 200
        return response.get_json()

    civil = "Protezione civile: esercitazioni dei volontari per le emergenze, le alluvioni e gli incendi boschivi."
    matcher, encoded = matcher_of(client.application), []
    encode = matcher.encode
    matcher.encode = lambda texts: encoded.append(list(texts)) or encode(texts)
    try:
        offered = ask(text=civil)
    finally:
        del matcher.encode  # back to the class's method
    # the offer reads the search's vector: the text is embedded once (the other texts: the labels'
    # names, whose prototypes are built on the first look)
    assert sum(texts.count(civil) for texts in encoded) == 1
    assert offered["items"] and offered["text_activity"]["code"] == "y"
    assert offered["text_activity"]["label"].startswith("y) ")
    assert ask(text=civil, activity="y")["text_activity"] is None  # asked for: nothing to offer
    assert ask(text="Simulazione dei vortici nei superfluidi quantistici.")["text_activity"] is None


def test_an_organisation_the_text_names_is_suggested_and_told_so(graph, client, people):  # noqa: F811
    def ask(text: str) -> dict:
        response = client.post("/api/v1/partners/suggest", json={"text": text, "known_partners": ["org-avb"],
                                                                   "limit": 10})
        assert response.status_code == 200
        return response.get_json()

    def club(body: dict) -> tuple[float, list[dict]]:
        """The football club's score and its reasons that it is named (the club is among the
        three organisations suggested whatever the text: its score tells)."""
        item = next(i for i in body["items"] if i["organisation_id"] == "org-calcio")
        return item["score"], [r for r in item["reasons"] if r["feature"] == "named_in_text"]

    plain_score, plain_reasons = club(ask(PROJECT))
    assert plain_reasons == []
    named_score, reasons = club(ask(PROJECT + " Con i ragazzi della Polisportiva Giovani."))
    # "Polisportiva" is a kind of organisation (NAME_STOP_WORDS): "Giovani" is the word that names it
    assert [(r["label"], r["detail"]) for r in reasons] == [("Il testo la nomina", ["Giovani"])]
    assert named_score > plain_score and reasons[0]["contribution"] > 0
    # a place is no name: the club's name says Torino, the text says where the project is
    assert club(ask(PROJECT + " A Torino."))[1] == []


def test_of_namesakes_only_the_one_the_text_says_by_its_form_or_seat_is_named(graph, app, client, people):  # noqa: F811
    """The Polisportiva Giovani of Turin (an ODV) and the Giovani APS of Biella: both are found
    by "Giovani"; the legal form the text says, then the seat, tells which one it names (with
    FAR_AWAY)."""
    seed(graph, [{"id": "org-giovani-aps", "name": "Giovani APS", "legal_form": "aps", "activities": ["t"],
                  "description": "Corsi di calcio per i ragazzi di Biella."}] +
         FAR_AWAY)
    with app.app_context():
        matching.embed_all(matcher_of(app), graph)
        matcher_of(app).forget_graph()

    def named(text: str) -> set[str]:
        response = client.post("/api/v1/partners/suggest", json={"text": text, "known_partners": ["org-avb"],
                                                                   "limit": 10})
        assert response.status_code == 200
        return {i["organisation_id"] for i in response.get_json()["items"]
                if any(r["feature"] == "named_in_text" for r in i["reasons"])}

    assert named(PROJECT + " Con i ragazzi di Giovani.") == {"org-calcio", "org-giovani-aps"}
    assert named(PROJECT + " Con i ragazzi della Polisportiva Giovani.") == {"org-calcio"}
    # "associazione": an APS and an ODV (the Polisportiva's legal form, as seeded) are both
    # associations by law (names.IMPLIED_FORMS); "APS", the Giovani APS alone
    assert named(PROJECT + " Con l'associazione Giovani.") == {"org-calcio", "org-giovani-aps"}
    assert named(PROJECT + " Con la APS Giovani.") == {"org-giovani-aps"}
    assert named(PROJECT + " Con i ragazzi di Giovani, a Torino.") == {"org-calcio"}


def test_partner_suggestions_among_a_territory_s_or_an_activity_s_organisations(graph, client, people):  # noqa: F811
    def found(**filters) -> list[str]:
        response = client.post("/api/v1/partners/suggest", json={"text": PROJECT, "limit": 10, **filters})
        assert response.status_code == 200
        return [i["organisation_id"] for i in response.get_json()["items"]]

    everywhere = found()
    assert "org-calcio" in everywhere  # Turin's sports club comes last, but comes
    # every organisation of the province is ranked (the Turin one is not there), and only those
    assert sorted(found(territory="provincia:096")) == ["org-avb", "org-compagnia", "org-spesa"]
    assert found(territory="provincia:201") == ["org-calcio"]
    assert sorted(found(territory="regione:01")) == sorted(everywhere)  # Piedmont holds them all
    assert found(territory="comune:001272", known_partners=["org-calcio"]) == []  # the known ones are left out
    # only those carrying out the activity: u) is the food aid of Spesa Solidale alone
    assert found(activity="u") == ["org-spesa"]
    assert found(activity="t", territory="provincia:096") == []


@pytest.mark.parametrize("few", [True, False], ids=["few-of-a-kind", "many-of-a-kind"])
def test_a_kind_the_sources_find_too_few_of_is_looked_for_among_all_of_that_kind(graph, app, client, people,  # noqa: F811
                                                                                  monkeypatch, few):
    """Few of a kind are all ranked at once; many, when the sources find too few of them."""
    seed(graph, [{"id": "pa-torino", "name": "Città di Torino - Sport", "kind": "PUBLIC_BODY", "legal_form": "comune",
                  "seat": "comune:001272", "activities": ["t"],
                  "description": "Impianti sportivi comunali e tornei di quartiere per le scuole."}])
    with app.app_context():
        matching.embed_all(matcher_of(app), graph)
        matcher_of(app).forget_graph()
    # sources that find one organisation each (a large graph, where the public bodies near a text
    # are not among the first hundreds), and no most active ones
    monkeypatch.setattr(matching, "VECTOR_K", 1)
    monkeypatch.setattr(matching, "LEXICAL_K", 1)
    monkeypatch.setattr(matcher_of(app), "most_active", lambda graph: [])
    if not few:
        monkeypatch.setattr(matching, "FEW_OF_A_KIND", 0)
    rankings = []
    rank = matcher_of(app).rank
    monkeypatch.setattr(matcher_of(app), "rank", lambda *args, **kw: rankings.append(kw["among"]) or rank(*args, **kw))

    def found(**filters) -> list[str]:
        rankings.clear()
        body = client.post("/api/v1/partners/suggest", json={"text": PROJECT, **filters}).get_json()
        return [i["organisation_id"] for i in body["items"]]

    assert "pa-torino" not in found()  # the sources do not reach it
    assert found(kind="PUBLIC_BODY") == ["pa-torino"]  # the only public body: found all the same
    assert rankings == ([["pa-torino"]] if few else [None, ["pa-torino"]])  # at once, or after the sources'
    assert sorted(found(activity="t")) == ["org-calcio", "pa-torino"]
    assert found(activity="t", kind="PUBLIC_BODY") == ["pa-torino"]


def test_a_third_sector_partner_moved_up_by_the_prior_says_so(graph, app, client, people,  # noqa: F811
                                                              monkeypatch):
    # two research centres (imported partnership records) whose words are the project's own
    seed(graph, [{"id": f"rec-{i}", "name": f"Centro di ricerca {i}", "kind": "REC", "description": PROJECT}
                 for i in (1, 2)])
    with app.app_context():
        matching.embed_all(matcher_of(app), graph)
        matcher_of(app).forget_graph()
    monkeypatch.setattr(matching, "CIVIC_TOP", 2)

    def suggested(prior: float) -> list[dict]:
        monkeypatch.setattr(matching, "CIVIC_PRIOR", prior)
        return client.post("/api/v1/partners/suggest", json={"text": PROJECT, "known_partners": ["org-avb"],
                                                             "limit": 3}).get_json()["items"]

    alone = suggested(0.0)  # by their scores alone, the research centres come first
    assert [i["organisation_kind"] for i in alone[:2]] == ["REC", "REC"] and not any(i["promoted"] for i in alone)
    ets = alone[2]
    items = suggested(100.0)  # a prior that outweighs any score: the third-sector entities come first
    assert items[0]["organisation_id"] == ets["organisation_id"]  # the best of them, as before
    assert [i["organisation_kind"] for i in items] == ["ETS"] * 3
    assert [i["promoted"] for i in items] == [True, True, False]  # among the first two only thanks to it
    assert items[0]["score"] == pytest.approx(ets["score"] + 100.0, abs=1e-3)  # the score it is ranked by
    page = client.get("/partner", query_string={"text": PROJECT, "known": "org-avb"}).get_data(as_text=True)
    first = page.split('id="r-1"', 1)[1].split('id="r-2"', 1)[0]
    assert "la piattaforma dà un vantaggio agli enti del Terzo settore" in first
    assert "partner-promoted" not in page.split('id="r-3"', 1)[1]


def test_a_partner_text_counts_each_line_break_once_as_on_the_page(graph, client, people):  # noqa: F811
    lines = "\n".join([PROJECT] * (matching.MAX_TEXT // len(PROJECT) + 1))[:matching.MAX_TEXT].rstrip()
    sent = lines.replace("\n", "\r\n")
    assert len(sent) > matching.MAX_TEXT >= len(lines)
    response = client.post("/api/v1/partners/suggest", json={"text": sent, "limit": 3})
    assert response.status_code == 200 and response.get_json()["items"]
    too_long = client.post("/api/v1/partners/suggest", json={"text": sent + "\r\n" + PROJECT})
    assert too_long.status_code == 422 and set(too_long.get_json()["error"]["fields"]) == {"text"}


def test_partner_suggestions_are_rate_limited_per_requester(graph, client, people, monkeypatch):  # noqa: F811
    monkeypatch.setattr(matching, "PARTNER_SEARCHES_PER_WINDOW", 2)
    # requests refused for their content do not count: a bad text, unknown partners
    assert client.post("/api/v1/partners/suggest", json={"text": "!!"}).status_code == 422
    unknown = client.post("/api/v1/partners/suggest", json={"text": PROJECT, "known_partners": ["nope"]})
    assert unknown.status_code == 422 and "nope" in unknown.get_json()["error"]["fields"]["known_partners"][0]
    for _ in range(2):
        assert client.post("/api/v1/partners/suggest", json={"text": PROJECT}).status_code == 200
    response = client.post("/api/v1/partners/suggest", json={"text": PROJECT})
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert "ricerche di partner" in response.get_json()["error"]["message"]


# ----------------------------------------------------------------------------- degraded mode


def test_without_the_vector_index_suggestions_still_come_with_a_note(graph, app, client, people, caplog):  # noqa: F811
    need_id = computed_need(app, client, people[0])
    caplog.set_level(logging.ERROR)
    graph.write("DROP INDEX organisation_embedding")
    try:
        with app.app_context():
            suggestions.refresh(matcher_of(app), graph, need_id)
        response = app.test_client().get(f"/api/v1/needs/{need_id}/suggestions")
        assert response.status_code == 200
        body = response.get_json()
        assert body["degraded"] is True and body["note"] == matching.NOTE_NO_INDEX
        assert "org-spesa" in [i["organisation_id"] for i in body["items"]]
        assert "vector index unavailable" in caplog.text
        page = client.get(f"/bisogni/{need_id}")
        assert page.status_code == 200 and matching.NOTE_NO_INDEX in page.get_data(as_text=True)
    finally:
        setup.apply_schema(graph)


# ----------------------------------------------------------------------------- hooks and description


def test_api_changes_queue_the_refresh_of_suggestions(graph, app, client, people, monkeypatch):  # noqa: F811
    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn.__name__, args)))
    login(client, people[0])
    need_id = client.post("/api/v1/needs", json=payload()).get_json()["id"]
    client.patch(f"/api/v1/needs/{need_id}", json={"title": "Volontari per la spesa del sabato"})
    assert queued == [("refresh_need", (need_id,))] * 2
    queued.clear()
    organisation_id = client.post("/api/v1/organisations", json=PROFILE).get_json()["id"]
    client.patch(f"/api/v1/organisations/{organisation_id}", json={"description": "Anche trasporto sociale."})
    assert queued == [("refresh_after_profile_change", (organisation_id,))] * 2


def test_openapi_describes_the_matcher_routes(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert {"/needs/{id}/suggestions", "/suggestions/{id}/decision", "/suggestions/{id}/answer",
            "/partners/suggest", "/organisations/{id}/partners", "/matcher/rankers", "/needs/labels",
            "/needs/{id}/offers", "/organisations/{id}/needs/nearby"} <= set(spec["paths"])
    offers = spec["paths"]["/needs/{id}/offers"]["post"]
    assert {"201", "401", "403", "404", "409", "422"} <= set(offers["responses"])
    assert spec["components"]["schemas"]["Offer"]["properties"]["availability"]["enum"] == ["yes", "partly"]
    labels = spec["paths"]["/needs/labels"]["post"]
    assert {"200", "401", "422"} <= set(labels["responses"])
    assert {"activities", "competencies", "available"} <= set(
        labels["responses"]["200"]["content"]["application/json"]["schema"]["properties"])
    assert {"Reason", "NeedSuggestions", "Decision", "Answer", "PartnerRequest", "PartnerResult",
            "OrganisationPartners", "Rankers"} <= set(
        spec["components"]["schemas"])
    assert {"detail", "work"} <= set(spec["components"]["schemas"]["Reason"]["properties"])


def test_the_rankers_in_use_are_readable_as_json(client):
    """What /suggerimenti/come-funzionano shows, for other systems: the three tasks, hand-set
    until something is learned, every feature with its weight and effect."""
    from mentore.matcher import ranker as rankers
    from mentore.matcher.features import FEATURE_NAMES

    body = client.get("/api/v1/matcher/rankers").get_json()
    assert [r["task"] for r in body["rankers"]] == ["need", "partner", "handler"]
    need = body["rankers"][0]
    assert need["learned"] is False and need["trained_at"] is None
    assert [f["feature"] for f in need["features"]] == list(FEATURE_NAMES)
    weights = {f["feature"]: f["weight"] for f in need["features"]}
    assert weights == {n: rankers.HAND_SET["need"].get(n, 0.0) for n in FEATURE_NAMES}
    effects = {f["feature"]: (f["effect"], f["strength"]) for f in need["features"]}
    assert effects["text_similarity"] == ("up", "strong") and effects["co_work"] == (None, None)
    assert effects["popularity"] == ("up", "weak")  # 0.2 against 4.0
    assert all(f["hand_set"] for f in need["features"])  # nothing learned yet
