"""The needs JSON API and the `mentore needs` upkeep command (expiry and reminders)."""

import datetime as dt
import re

import pytest

from graph.repositories import organisations as organisations_repo
from graph.repositories import people, seeding
from mentore import clock, create_app
from mentore.cli import cli
from tests.conftest import app_config
from tests.integration.test_needs_web import NEED, member  # noqa: F401  (fixture)
from tests.integration.test_organisations import login, person, seed
from tests.integration.test_suggestions_web import notification_titles, to_do_of

TODAY = clock.today()


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


def payload(**changes):
    body = {**NEED, "volunteers_needed": 4, "publish": True, **changes}
    return {k: v for k, v in body.items() if v is not None}


def seed_need(graph, need_id, deadline, status="open"):
    seeding.create_rows(graph, "needs", [{
        "id": need_id, "organisation": "org-avb", "territory": "comune:096004", "activity": "a", "competencies": [],
        "created_at": "2026-01-01T00:00:00Z", "deadline": deadline.isoformat(),
        "props": {"title": f"Bisogno {need_id}", "description": "Una descrizione abbastanza lunga del bisogno.",
                  "help_kind": "spazi", "status": status}}])


# ----------------------------------------------------------------------------- API


def test_api_creates_lists_reads_and_patches_needs(graph, client, member):  # noqa: F811
    login(client, member)
    created = client.post("/api/v1/needs", json=payload())
    assert created.status_code == 201, created.get_json()
    need = created.get_json()
    assert need["status"] == "open" and need["organisation_id"] == "org-avb"
    assert need["territory"] == "comune:096004" and need["deadline"] == NEED["deadline"]
    assert created.headers["Location"].endswith(f"/api/v1/needs/{need['id']}")

    listed = client.application.test_client().get("/api/v1/needs?q=spesa&help_kind=volontari").get_json()
    assert set(listed) >= {"items", "total", "page", "per_page", "pages"}
    assert (listed["total"], listed["page"], listed["per_page"], listed["pages"]) == (1, 1, 20, 1)
    assert listed["items"][0]["id"] == need["id"]
    assert client.get("/api/v1/needs?status=nope").status_code == 400

    patched = client.patch(f"/api/v1/needs/{need['id']}", json={"help_kind": "spazi", "title": "Una sala"})
    assert patched.status_code == 200, patched.get_json()
    assert patched.get_json()["help_kind"] == "spazi" and patched.get_json()["volunteers_needed"] is None
    assert client.get(f"/api/v1/needs/{need['id']}").get_json()["title"] == "Una sala"


def active_labelled(graph) -> set[str]:
    """The needs in the vector index of the active needs (label ActiveNeed)."""
    return {r["id"] for r in graph.read("MATCH (n:ActiveNeed) RETURN n.id AS id")}


def test_only_active_needs_carry_the_label_of_the_active_needs_index(neo4j_server, graph, client, member):  # noqa: F811
    login(client, member)
    need = client.post("/api/v1/needs", json=payload(publish=False)).get_json()
    assert need["status"] == "draft" and active_labelled(graph) == set()
    client.patch(f"/api/v1/needs/{need['id']}", json={"publish": True})
    assert active_labelled(graph) == {need["id"]}  # published
    for status, labelled in (("matched", {need["id"]}), ("in_progress", {need["id"]}), ("closed", set())):
        client.post(f"/bisogni/{need['id']}/stato", data={"status": status})
        assert client.get(f"/api/v1/needs/{need['id']}").get_json()["status"] == status
        assert active_labelled(graph) == labelled, status

    # a graph written before the label: `graph init` puts it in step with the statuses, once
    # and dates the publication of the needs out of the drafts written before it was recorded
    seed_need(graph, "older", TODAY + dt.timedelta(days=9))
    seed_need(graph, "older-draft", TODAY + dt.timedelta(days=9), status="draft")
    graph.write("MATCH (n:Need {id: 'older'}) REMOVE n:ActiveNeed, n.published_at")
    graph.write("MATCH (n:Need {id: $id}) SET n:ActiveNeed", id=need["id"])
    app = create_app(app_config(neo4j_server))
    result = app.test_cli_runner().invoke(cli, args=["graph", "init"])
    assert result.exit_code == 0, result.output
    assert "Bisogni attivi allineati all'indice dei bisogni attivi: 2." in result.output
    assert "Data di pubblicazione ricavata dalla creazione per 1 bisogni." in result.output
    # the organisations written here (no vector yet) get the pool's label too
    assert "Organizzazioni allineate all'indice dei profili di chi può essere suggerito: " in result.output
    assert graph.read("MATCH (o:Organisation) WHERE NOT o:PoolOrganisation RETURN count(o) AS n")[0]["n"] == 0
    assert active_labelled(graph) == {"older"}
    published = {r["id"]: r["at"] for r in graph.read(
        "MATCH (n:Need) WHERE n.id STARTS WITH 'older' RETURN n.id AS id, toString(n.published_at) AS at")}
    assert published == {"older": "2026-01-01T00:00:00Z", "older-draft": None}
    again = app.test_cli_runner().invoke(cli, args=["graph", "init"]).output
    assert "allineat" not in again and "Data di pubblicazione" not in again


def test_api_takes_only_true_or_false_for_a_yes_or_no_field(graph, client, member):  # noqa: F811
    """ "no" or 0 would read as true through the form: refused, each field said, nothing stored."""
    login(client, member)
    refused = client.post("/api/v1/needs", json=payload(in_person="no", publish=0))
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == {"in_person": ["Deve essere true o false."],
                                                     "publish": ["Deve essere true o false."]}
    assert graph.read("MATCH (n:Need) RETURN count(n) AS n")[0]["n"] == 0
    created = client.post("/api/v1/needs", json=payload(in_person=False, publish=True))
    assert created.status_code == 201 and created.get_json()["in_person"] is False


def test_api_asks_to_confirm_a_need_with_the_title_of_an_active_one(graph, client, member):  # noqa: F811
    login(client, member)
    assert client.post("/api/v1/needs", json=payload()).status_code == 201
    again = client.post("/api/v1/needs", json=payload())
    assert again.status_code == 422
    assert "ha già un bisogno con questo titolo" in again.get_json()["error"]["fields"]["title"][0]
    assert client.post("/api/v1/needs", json=payload(allow_duplicate=True)).status_code == 201


def test_api_asks_to_confirm_a_place_other_than_the_one_the_text_names(graph, client, member):  # noqa: F811
    login(client, member)
    title = "Volontari per il doposcuola a Torino"
    asked = client.post("/api/v1/needs", json=payload(title=title))  # place: Biella
    assert asked.status_code == 422
    assert asked.get_json()["error"]["fields"]["place"][0].startswith("Il testo nomina Torino (TO), ma il luogo è "
                                                                      "Biella (BI)")
    created = client.post("/api/v1/needs", json=payload(title=title, keep_place=True))
    assert created.status_code == 201 and created.get_json()["territory"] == "comune:096004"
    url = created.headers["Location"]
    assert client.patch(url, json={"volunteers_needed": 6}).status_code == 200  # confirmed once
    moved = client.patch(url, json={"place": "Vercelli"})
    assert moved.status_code == 422 and "ma il luogo è Vercelli (VC)" in moved.get_json()["error"]["fields"]["place"][0]
    assert client.patch(url, json={"place": "Torino"}).get_json()["territory"] == "comune:001272"


def test_api_patch_keeps_a_need_s_province(graph, client, member):  # noqa: F811
    """A PATCH that does not name the place keeps it, a province as much as a comune."""
    login(client, member)
    created = client.post("/api/v1/needs", json=payload(place="Provincia di Biella"))
    assert created.status_code == 201 and created.get_json()["territory"] == "provincia:096"
    changed = client.patch(created.headers["Location"], json={"volunteers_needed": 7})
    assert changed.status_code == 200
    assert changed.get_json()["territory"] == "provincia:096" and changed.get_json()["volunteers_needed"] == 7


def test_api_answers_422_with_the_fields_in_italian(graph, client, member):  # noqa: F811
    login(client, member)
    response = client.post("/api/v1/needs", json=payload(deadline="2000-01-01", volunteers_needed=None,
                                                         title="No", activity="zz"))
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert fields["deadline"] == ["La scadenza non può essere nel passato."]
    assert fields["volunteers_needed"] == ["Indica quanti volontari servono."]
    assert fields["title"] == ["Il titolo va da 5 a 140 caratteri."] and fields["activity"] == ["Scelta non valida."]
    assert graph.read("MATCH (n:Need) RETURN count(n) AS n")[0]["n"] == 0


def test_api_refuses_a_need_in_another_language_naming_it_and_keeps_the_need_as_it_was(graph, client,
                                                                                       member):  # noqa: F811
    login(client, member)
    spanish = "Buscamos voluntarios para llevar la compra a las personas mayores que viven solas."
    refused = client.post("/api/v1/needs", json=payload(description=spanish))
    assert refused.status_code == 422
    assert "scritto in spagnolo" in refused.get_json()["error"]["fields"]["description"][0]
    in_english = client.post("/api/v1/needs?lang=en", json=payload(description=spanish))  # in the asked language
    assert in_english.status_code == 422
    assert in_english.get_json()["error"]["fields"]["description"] == [
        "The text seems to be written in Spanish: please write the need in Italian (or in English), so that "
        "organisations can read it and the platform can find who can help."]
    assert graph.read("MATCH (n:Need) RETURN count(n) AS n")[0]["n"] == 0

    need = client.post("/api/v1/needs", json=payload()).get_json()  # the same need in Italian
    german = "Wir suchen Freiwillige, die älteren Menschen den Einkauf nach Hause bringen."
    patched = client.patch(f"/api/v1/needs/{need['id']}", json={"description": german})
    assert patched.status_code == 422
    assert "scritto in tedesco" in patched.get_json()["error"]["fields"]["description"][0]
    assert client.get(f"/api/v1/needs/{need['id']}").get_json()["description"] == NEED["description"]
    english = "We are looking for volunteers to deliver groceries to elderly people who live alone."
    assert client.patch(f"/api/v1/needs/{need['id']}", json={"description": english}).status_code == 200


def test_api_answers_401_403_and_404_as_json(graph, client, member):  # noqa: F811
    anonymous = client.application.test_client()
    assert anonymous.post("/api/v1/needs", json=payload()).status_code == 401
    assert anonymous.get("/api/v1/needs/nessuno").get_json()["error"]["status"] == 404
    login(client, member)
    need_id = client.post("/api/v1/needs", json=payload()).get_json()["id"]
    outsider = client.application.test_client()
    login(outsider, person(graph, name="Luca", email="luca@example.it"))
    assert outsider.post("/api/v1/needs", json=payload()).status_code == 403  # belongs to no organisation
    refused = outsider.patch(f"/api/v1/needs/{need_id}", json={"title": "Non mio"})
    assert refused.status_code == 403 and refused.get_json()["error"]["status"] == 403


# ----------------------------------------------------------------------------- expiry and reminders


def test_needs_expire_expires_past_deadlines_and_reminds_the_admins_once(neo4j_server, graph, member):  # noqa: F811
    anna = person(graph, name="Anna Admin", email="anna@example.it")
    organisations_repo.add_member(graph, anna.id, "org-avb", "admin")
    seed_need(graph, "past", TODAY - dt.timedelta(days=1))
    seed_need(graph, "past-matched", TODAY - dt.timedelta(days=3), status="matched")
    seed_need(graph, "past-met", TODAY - dt.timedelta(days=3), status="met")
    seed_need(graph, "soon", TODAY + dt.timedelta(days=5))
    seed_need(graph, "later", TODAY + dt.timedelta(days=20))
    app = create_app(app_config(neo4j_server))
    assert active_labelled(graph) == {"past", "past-matched", "soon", "later"}

    result = app.test_cli_runner().invoke(cli, args=["needs", "expire"])
    assert result.exit_code == 0, result.output
    assert active_labelled(graph) == {"soon", "later"}  # expired needs leave the active needs' index
    assert "Bisogni scaduti: 2." in result.output and "Promemoria inviati: 1" in result.output
    statuses = {r["id"]: r["s"] for r in graph.read("MATCH (n:Need) RETURN n.id AS id, n.status AS s")}
    assert statuses == {"past": "expired", "past-matched": "expired", "past-met": "met", "soon": "open",
                        "later": "open"}
    [mail] = app.extensions["mail_outbox"]  # only the admin, not the plain member
    assert mail.to == "anna@example.it" and "Bisogno soon" in mail.subject and "/bisogni/soon" in mail.body

    again = app.test_cli_runner().invoke(cli, args=["needs", "expire"])
    assert "Bisogni scaduti: 0." in again.output and "Promemoria inviati: 0" in again.output
    assert len(app.extensions["mail_outbox"]) == 1  # at most once per need


def test_the_poster_is_asked_once_whether_a_need_past_its_deadline_was_met_and_answers_it(
        neo4j_server, graph, member):  # noqa: F811
    seed(graph, [{"id": "org-spesa", "name": "Spesa Solidale Biella ODV"}])
    for need_id, days, status in (("working", -2, "in_progress"), ("chosen", -3, "matched"), ("alone", -3, "matched"),
                                  ("gave-up", -3, "matched"), ("long-ago", -200, "in_progress"),
                                  ("not-yet", 5, "in_progress")):
        seed_need(graph, need_id, TODAY + dt.timedelta(days=days), status=status)
    for need_id, availability in (("chosen", "yes"), ("gave-up", "no")):  # the organisation the poster chose
        graph.write("MATCH (n:Need {id: $n}), (o:Organisation {id: 'org-spesa'}) "
                    "CREATE (n)<-[:FOR]-(:Suggestion {id: $n + '-s', status: 'accepted', availability: $a})"
                    "-[:PROPOSES]->(o)", n=need_id, a=availability)
    app = create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))

    result = app.test_cli_runner().invoke(cli, args=["needs", "expire"])
    assert result.exit_code == 0, result.output
    assert "Domande sull'esito dei bisogni oltre la scadenza (in corso, o scaduti con un'organizzazione scelta): " \
           "2 bisogni." in result.output
    client = app.test_client()
    login(client, member)
    page = client.get("/notifiche").get_data(as_text=True)
    assert sorted(notification_titles(page)) == [
        "Il bisogno «Bisogno chosen» è scaduto: è stato soddisfatto con l'aiuto di Spesa Solidale Biella ODV? "
        "Segnatelo, con chi vi ha aiutato",
        "Il bisogno «Bisogno working» ha superato la scadenza: è stato soddisfatto? Segnatelo, con chi vi ha aiutato"]
    assert {r["url"] for r in graph.read("MATCH (x:Notification) RETURN x.url AS url")} == {
        "/bisogni/working/soddisfatto", "/bisogni/chosen/soddisfatto"}  # each opens the page that records it
    to_do = to_do_of(client.get("/bisogni/miei").get_data(as_text=True))  # the poster's list says it too
    assert re.findall(r'href="/bisogni/([a-z-]+)/soddisfatto" class="to-do-outcome"', to_do) == ["chosen", "working"]
    again = app.test_cli_runner().invoke(cli, args=["needs", "remind"])
    assert "scelta): 0 bisogni." in again.output  # once per need

    # expired, the need can still be said met, with the organisation chosen already ticked
    form = client.get("/bisogni/chosen/soddisfatto").get_data(as_text=True)
    assert re.search(r'value="org-spesa" id="helper-1"\s+checked>', form)
    assert client.post("/bisogni/chosen/soddisfatto", data={"helped_by": ["org-spesa"]}).status_code == 302
    assert graph.read("MATCH (n:Need {id: 'chosen'})-[:MET_WITH]->(o) RETURN n.status AS s, o.id AS o") == [
        {"s": "met", "o": "org-spesa"}]


def test_each_admin_is_reminded_in_their_own_language(neo4j_server, graph, member):  # noqa: F811
    for name, email, locale in (("Anna Admin", "anna@example.it", "it"), ("John Admin", "john@example.org", "en")):
        admin = people.create(graph, name=name, email=email, password_hash=None, locale=locale)
        organisations_repo.add_member(graph, admin.id, "org-avb", "admin")
    seed_need(graph, "soon", dt.date(2031, 3, 4))
    app = create_app(app_config(neo4j_server))

    result = app.test_cli_runner().invoke(cli, args=["needs", "remind", "--today", "2031-03-01"])

    assert result.exit_code == 0, result.output
    mails = {m.to: m for m in app.extensions["mail_outbox"]}
    assert mails["anna@example.it"].subject == "Mentore: il bisogno «Bisogno soon» scade il 4 marzo 2031"
    assert mails["john@example.org"].subject == "Mentore: the need “Bisogno soon” expires on March 4, 2031"
    assert "/bisogni/soon" in mails["john@example.org"].body and "Scaduto" not in mails["john@example.org"].body
