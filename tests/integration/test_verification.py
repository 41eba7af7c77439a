"""Verification of organisations on the real graph: an organisation's administrator asks for it,
every platform admin is told and finds the request first in the queue, and verifies the
organisation or does not accept the request with a reason; the organisation's members are told,
its page says where it stands, and it may ask again."""

import datetime as dt
import html
import threading

import pytest

from graph.repositories import organisations as organisations_repo
from mentore import clock, create_app
from mentore.cli import cli
from tests.conftest import app_config
from tests.integration.test_organisations import PROFILE, create_organisation, login, person, seed
from tests.integration.test_suggestions_web import notification_titles


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def team(graph, app):
    """An organisation with its admin (Maria) and a member (Luca), and a platform admin (Anna),
    each with a signed-in client."""
    maria, luca = person(graph), person(graph, "Luca Bianchi", "luca@example.it")
    anna = person(graph, "Anna Admin", "anna@example.it", roles=("platform_admin",))
    clients = {name: app.test_client() for name in ("maria", "luca", "anna")}
    for name, who in (("maria", maria), ("luca", luca), ("anna", anna)):
        login(clients[name], who)
    organisation_id = create_organisation(clients["maria"])
    organisations_repo.add_member(graph, luca.id, organisation_id, "member")
    return organisation_id, clients


def requests_of(graph, organisation_id):
    return graph.read("MATCH (p:Person)-[:ASKED]->(r:VerificationRequest)-[:FOR]->(:Organisation {id: $o}) "
                      "OPTIONAL MATCH (d:Person)-[:DECIDED]->(r) "
                      "RETURN r.status AS status, r.message AS message, r.reason AS reason, r.note AS note, "
                      "p.name AS asked_by, d.name AS decided_by ORDER BY r.created_at", o=organisation_id)


def text(response) -> str:
    """The page as read: entities unescaped, each run of white space one space."""
    return " ".join(html.unescape(response.get_data(as_text=True)).split())


def section(page: str, marker: str) -> str:
    return page.split(marker, 1)[1].split("</section>", 1)[0] if marker in page else ""


def test_an_admin_asks_for_verification_and_the_platform_admins_are_told(graph, team):
    organisation_id, clients = team
    page = text(clients["maria"].get(f"/organizzazioni/{organisation_id}"))
    card = section(page, 'id="verifica"')
    assert "Non ancora verificata." in card and 'id="verification-form"' in card
    response = clients["maria"].post(f"/organizzazioni/{organisation_id}/verifica/richiesta",
                                     data={"message": "Iscritti al RUNTS, repertorio 1234."})
    assert response.status_code == 302 and response.headers["Location"].endswith("#verifica")
    assert requests_of(graph, organisation_id) == [
        {"status": "pending", "message": "Iscritti al RUNTS, repertorio 1234.", "reason": None, "note": None,
         "asked_by": "Maria Rossi", "decided_by": None}]

    card = section(text(clients["maria"].get(f"/organizzazioni/{organisation_id}")), 'id="verifica"')
    assert "da Maria Rossi: gli amministratori della piattaforma la stanno esaminando" in card
    assert 'id="verification-form"' not in card  # one request at a time
    assert notification_titles(clients["anna"].get("/notifiche").get_data(as_text=True)) == [
        "Associazione Volontariato Biellese chiede di essere verificata"]

    queue = text(clients["anna"].get("/admin/"))
    requests = queue.split('id="verification-requests"', 1)[1].split("</table>", 1)[0]
    assert "Associazione Volontariato Biellese" in requests and "«Iscritti al RUNTS, repertorio 1234.»" in requests
    others = queue.split('id="waiting-title"', 1)[1]
    assert "Associazione Volontariato Biellese" not in others  # listed once, among the requests

    again = clients["maria"].post(f"/organizzazioni/{organisation_id}/verifica/richiesta", data={"message": ""})
    assert again.status_code == 302
    assert "già stata inviata" in text(clients["maria"].get(f"/organizzazioni/{organisation_id}"))
    assert len(requests_of(graph, organisation_id)) == 1


def test_only_the_organisation_s_administrators_ask_and_only_they_and_platform_admins_see_it(graph, team, app):
    organisation_id, clients = team
    assert clients["luca"].post(f"/organizzazioni/{organisation_id}/verifica/richiesta",
                                data={"message": ""}).status_code == 403
    assert 'id="verifica"' not in clients["luca"].get(f"/organizzazioni/{organisation_id}").get_data(as_text=True)
    visitor = app.test_client()
    assert visitor.post(f"/organizzazioni/{organisation_id}/verifica/richiesta").status_code == 302  # to sign in
    assert 'id="verifica"' not in visitor.get(f"/organizzazioni/{organisation_id}").get_data(as_text=True)
    assert requests_of(graph, organisation_id) == []
    assert clients["maria"].post(f"/organizzazioni/{organisation_id}/verifica/rifiuto",
                                 data={"reason": "dati"}).status_code == 403


def test_a_message_too_long_is_refused_and_kept(graph, team):
    organisation_id, clients = team
    long = "Parola " * 200
    response = clients["maria"].post(f"/organizzazioni/{organisation_id}/verifica/richiesta", data={"message": long})
    assert response.status_code == 422
    card = section(text(response), 'id="verifica"')
    assert "Al massimo 1000 caratteri." in card and long.strip() in card
    assert requests_of(graph, organisation_id) == []


def test_an_organisation_without_a_codice_fiscale_is_told_to_give_one(graph, app):
    seed(graph, [{"id": "org-senza", "name": "Senza codice"}])
    graph.write("MATCH (o:Organisation {id: 'org-senza'}) REMOVE o.codice_fiscale")
    maria, client = person(graph), app.test_client()
    organisations_repo.add_member(graph, maria.id, "org-senza", "admin")
    login(client, maria)
    response = client.post("/organizzazioni/org-senza/verifica/richiesta", data={"message": "Per favore"})
    assert response.status_code == 422
    assert "Indica il codice fiscale nel profilo" in text(response) and "Per favore" in text(response)


def test_a_refused_request_says_why_to_the_members_who_may_ask_again(graph, team):
    organisation_id, clients = team
    clients["maria"].post(f"/organizzazioni/{organisation_id}/verifica/richiesta", data={"message": ""})
    url = f"/organizzazioni/{organisation_id}/verifica/rifiuto"
    missing = clients["anna"].post(url, data={"reason": "", "note": "Manca lo statuto."})
    assert missing.status_code == 422
    assert "Scegli il motivo." in text(missing) and "Manca lo statuto." in text(missing)  # the note kept
    no_note = clients["anna"].post(url, data={"reason": "informazioni", "note": " "})
    assert no_note.status_code == 422 and "Scrivi nella nota" in text(no_note)
    assert requests_of(graph, organisation_id)[0]["status"] == "pending"

    done = clients["anna"].post(url, data={"reason": "informazioni", "note": "Inviate lo statuto aggiornato."})
    assert done.status_code == 302
    assert requests_of(graph, organisation_id)[0] | {"message": None} == {
        "status": "refused", "message": None, "reason": "informazioni", "note": "Inviate lo statuto aggiornato.",
        "asked_by": "Maria Rossi", "decided_by": "Anna Admin"}
    for name in ("maria", "luca"):
        assert notification_titles(clients[name].get("/notifiche").get_data(as_text=True)) == [
            "La richiesta di verifica di Associazione Volontariato Biellese non è stata accolta"]
    card = section(text(clients["maria"].get(f"/organizzazioni/{organisation_id}")), 'id="verifica"')
    assert ("non è stata accolta: Servono altre informazioni, indicate nella nota. «Inviate lo statuto aggiornato.»"
            in card)
    assert 'id="verification-form"' in card  # she may ask again
    assert clients["anna"].post(url, data={"reason": "dati"}).status_code == 422  # nothing pending now

    clients["maria"].post(f"/organizzazioni/{organisation_id}/verifica/richiesta", data={"message": "Inviato."})
    assert [r["status"] for r in requests_of(graph, organisation_id)] == ["refused", "pending"]
    card = section(text(clients["anna"].get(f"/organizzazioni/{organisation_id}")), 'id="verifica"')
    history = card.split('id="verification-history"', 1)[1]
    assert "non accolta – Servono altre informazioni, indicate nella nota." in history
    assert 'id="refusal-form"' in card  # a platform admin decides on the new one


def test_verifying_approves_the_request_and_tells_the_members(graph, team):
    organisation_id, clients = team
    declared = 'repertorio n. 1234 <span class="small text-muted" id="runts-declared">(dichiarata dall\'ente: non '
    assert declared in text(clients["luca"].get(f"/organizzazioni/{organisation_id}"))  # its own word, until verified
    clients["maria"].post(f"/organizzazioni/{organisation_id}/verifica/richiesta", data={"message": ""})
    clients["anna"].post(f"/organizzazioni/{organisation_id}/verifica", data={"verified": "1"})
    page = text(clients["luca"].get(f"/organizzazioni/{organisation_id}"))
    assert "repertorio n. 1234" in page and 'id="runts-declared"' not in page
    assert [(r["status"], r["decided_by"]) for r in requests_of(graph, organisation_id)] == [("approved", "Anna Admin")]
    assert notification_titles(clients["luca"].get("/notifiche").get_data(as_text=True)) == [
        "Associazione Volontariato Biellese è stata verificata dagli amministratori della piattaforma"]
    card = section(text(clients["maria"].get(f"/organizzazioni/{organisation_id}")), 'id="verifica"')
    assert "Verificata dagli amministratori della piattaforma il" in card and 'id="verification-form"' not in card
    queue = text(clients["anna"].get("/admin/"))
    assert 'id="no-requests"' in queue and "Associazione Volontariato Biellese" not in queue  # in neither list
    asked = clients["maria"].post(f"/organizzazioni/{organisation_id}/verifica/richiesta", data={"message": ""})
    assert asked.status_code == 422 and "è già verificata" in text(asked)

    clients["anna"].post(f"/organizzazioni/{organisation_id}/verifica", data={"verified": "0"})
    assert notification_titles(clients["luca"].get("/notifiche").get_data(as_text=True))[0] == (
        "La verifica di Associazione Volontariato Biellese è stata revocata dagli amministratori della piattaforma")
    card = section(text(clients["maria"].get(f"/organizzazioni/{organisation_id}")), 'id="verifica"')
    assert "Non ancora verificata." in card and 'id="verification-form"' in card
    assert declared in text(clients["luca"].get(f"/organizzazioni/{organisation_id}"))


def test_two_requests_sent_at_once_make_one(graph, team, app):
    organisation_id, clients = team
    barrier, codes = threading.Barrier(4), []

    def ask():
        client = app.test_client()
        with clients["maria"].session_transaction() as theirs, client.session_transaction() as mine:
            mine.update(theirs)
        barrier.wait()
        codes.append(client.post(f"/organizzazioni/{organisation_id}/verifica/richiesta",
                                 data={"message": ""}).status_code)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes == [302] * 4
    assert [r["status"] for r in requests_of(graph, organisation_id)] == ["pending"]


def test_the_api_asks_shows_and_decides_as_the_page_does(graph, team, app):
    organisation_id, clients = team
    url = f"/api/v1/organisations/{organisation_id}/verification"
    assert app.test_client().get(url).status_code == 401
    assert clients["luca"].get(url).status_code == 403  # a member, not an administrator
    assert clients["maria"].get(url).get_json() == {"verified": False, "verified_at": None, "can_ask": True,
                                                     "requests": []}
    not_text = clients["maria"].post(url, json={"message": 12})
    assert not_text.status_code == 422
    assert not_text.get_json()["error"]["fields"] == {"message": ["Deve essere un testo."]}
    assert clients["maria"].post(url, data="[]", content_type="application/json").status_code == 400
    asked = clients["maria"].post(url, json={"message": "Repertorio 1234"})
    assert asked.status_code == 201
    body = asked.get_json()
    assert body["can_ask"] is False and [(r["status"], r["status_text"], r["message"], r["asked_by"])
                                         for r in body["requests"]] == [("pending", "in attesa", "Repertorio 1234",
                                                                         "Maria Rossi")]
    assert clients["maria"].post(url).status_code == 200  # already waiting: nothing new
    assert len(requests_of(graph, organisation_id)) == 1

    decide = f"{url}/decision"
    assert clients["maria"].post(decide, json={"decision": "verify"}).status_code == 403
    wrong = clients["anna"].post(decide, json={"decision": "approve", "note": ["x"]})
    assert wrong.status_code == 422 and set(wrong.get_json()["error"]["fields"]) == {"decision", "note"}
    no_note = clients["anna"].post(decide, json={"decision": "refuse", "reason": "altro"})
    assert no_note.status_code == 422 and "note" in no_note.get_json()["error"]["fields"]
    refused = clients["anna"].post(decide, json={"decision": "refuse", "reason": "runts", "note": ""})
    assert refused.status_code == 200
    assert [(r["status"], r["reason"], r["reason_text"], r["decided_by"]) for r in refused.get_json()["requests"]] == [
        ("refused", "runts", "L'iscrizione al RUNTS indicata nel profilo non risulta.", "Anna Admin")]
    assert clients["maria"].post(url, json={}).status_code == 201  # asked again
    verified = clients["anna"].post(decide, json={"decision": "verify"}).get_json()
    assert verified["verified"] is True and verified["verified_at"]
    assert [r["status"] for r in verified["requests"]] == ["approved", "refused"]
    assert app.test_client().get(f"/api/v1/organisations/{organisation_id}").get_json()["verified_at"] == \
        verified["verified_at"]
    with clients["maria"].session_transaction() as session:
        session["lang"] = "en"
    english = clients["maria"].get(url).get_json()
    assert english["requests"][1]["status_text"] == "not accepted"


def test_changing_what_was_verified_takes_the_verification_back(graph, team):
    organisation_id, clients = team
    clients["anna"].post(f"/organizzazioni/{organisation_id}/verifica", data={"verified": "1"})
    edit = f"/organizzazioni/{organisation_id}/modifica"
    assert "la verifica viene tolta" in text(clients["maria"].get(edit))
    verified = lambda: graph.read("MATCH (o:Organisation {id: $o}) RETURN o.verified AS v, o.verified_at AS at",  # noqa: E731
                                  o=organisation_id)[0]

    described = clients["maria"].post(edit, data={**PROFILE, "description": "Anche doposcuola per i ragazzi."})
    assert described.status_code == 302 and verified()["v"] is True  # not what was verified

    renamed = clients["maria"].post(edit, data={**PROFILE, "name": "Volontariato Biellese APS"})
    assert renamed.headers["Location"].endswith("#verifica")
    assert verified() == {"v": False, "at": None}
    page = text(clients["maria"].get(f"/organizzazioni/{organisation_id}"))
    assert "la verifica è stata tolta" in page and 'id="verification-form"' in page

    clients["anna"].post(f"/organizzazioni/{organisation_id}/verifica", data={"verified": "1"})
    assert "la verifica viene tolta" not in text(clients["anna"].get(edit))  # a platform admin's edit keeps it
    clients["anna"].post(edit, data={**PROFILE, "name": "Volontariato Biellese ETS"})
    assert verified()["v"] is True
    patched = clients["maria"].patch(f"/api/v1/organisations/{organisation_id}", json={"runts_number": "9999"})
    assert patched.status_code == 200 and patched.get_json()["verified"] is False


def test_the_queue_says_how_long_each_request_has_waited_and_marks_the_long_ones(graph, team):
    organisation_id, clients = team
    clients["maria"].post(f"/organizzazioni/{organisation_id}/verifica/richiesta", data={"message": ""})
    row = lambda: text(clients["anna"].get("/admin/")).split('id="verification-requests"', 1)[1].split("</tr>", 2)[1]  # noqa: E731
    assert "chiesta oggi" in row() and "text-danger" not in row()
    graph.write("MATCH (r:VerificationRequest)-[:FOR]->(:Organisation {id: $o}) "
                "SET r.created_at = datetime() - duration({days: 10})", o=organisation_id)
    assert "in attesa da 10 giorni" in row() and "text-danger" in row()
    graph.write("MATCH (r:VerificationRequest)-[:FOR]->(:Organisation {id: $o}) "
                "SET r.created_at = datetime() - duration({days: 1})", o=organisation_id)
    assert "in attesa da 1 giorno" in row() and "text-danger" not in row()


def test_an_administrator_withdraws_a_request_still_waiting(graph, team):
    organisation_id, clients = team
    url = f"/organizzazioni/{organisation_id}/verifica"
    clients["maria"].post(f"{url}/richiesta", data={"message": "Per errore"})
    card = section(text(clients["maria"].get(f"/organizzazioni/{organisation_id}")), 'id="verifica"')
    assert 'id="withdraw-form"' in card and "Ritirare la richiesta di verifica?" in card  # asked to confirm
    assert 'id="withdraw-form"' not in section(text(clients["anna"].get(f"/organizzazioni/{organisation_id}")),
                                               'id="verifica"')  # a platform admin decides instead
    assert clients["luca"].post(f"{url}/ritiro").status_code == 403  # a member, not an administrator
    assert clients["maria"].post(f"{url}/ritiro").headers["Location"].endswith("#verifica")
    assert [r["status"] for r in requests_of(graph, organisation_id)] == ["withdrawn"]
    page = text(clients["maria"].get(f"/organizzazioni/{organisation_id}"))
    card = section(page, 'id="verifica"')
    assert "Richiesta di verifica ritirata." in page  # said once
    assert 'id="verification-form"' in card and "ritirata" in card.split('id="verification-history"', 1)[1]
    assert "Associazione Volontariato Biellese" not in text(clients["anna"].get("/admin/")).split(
        'id="requests-title"', 1)[1].split('id="waiting-title"', 1)[0]
    clients["maria"].post(f"{url}/ritiro")  # nothing waits now: said, nothing written
    assert [r["status"] for r in requests_of(graph, organisation_id)] == ["withdrawn"]

    api = f"/api/v1/organisations/{organisation_id}/verification"
    clients["maria"].post(api, json={})
    withdrawn = clients["maria"].delete(api)
    assert withdrawn.status_code == 200 and [r["status"] for r in withdrawn.get_json()["requests"]][0] == "withdrawn"
    assert clients["maria"].delete(api).status_code == 422


def test_the_platform_admins_are_reminded_each_week_of_the_requests_still_waiting(graph, team, app):
    organisation_id, clients = team
    other = create_organisation(clients["maria"], name="Cooperativa Sociale Il Ponte", codice_fiscale="90012345618")
    decided = create_organisation(clients["maria"], name="Fondazione Decisa", codice_fiscale="90012345626")
    for oid in (organisation_id, other, decided):
        clients["maria"].post(f"/organizzazioni/{oid}/verifica/richiesta", data={"message": ""})
    graph.write("MATCH (r:VerificationRequest)-[:FOR]->(o:Organisation) WHERE o.id IN $old "
                "SET r.created_at = datetime() - duration({days: 10})", old=[organisation_id, decided])
    clients["anna"].post(f"/organizzazioni/{decided}/verifica", data={"verified": "1"})
    assert [r["status"] for r in requests_of(graph, decided)] == ["approved"]  # decided: never reminded
    runner, today = app.test_cli_runner(), clock.today()

    def remind(day):
        result = runner.invoke(cli, ["verification", "remind", "--today", day.isoformat()])
        assert result.exit_code == 0, result.output
        return result.output

    def reminders():
        return graph.read("MATCH (n:Notification)-[:FOR]->(:Person {email: 'anna@example.it'}) "
                          "WHERE n.title CONTAINS 'aspett' RETURN n.title AS title, n.url AS url "
                          "ORDER BY n.created_at")

    assert "ricordate agli amministratori: 1." in remind(today)  # the other has waited less than a week
    assert reminders() == [{"title": "La richiesta di verifica di Associazione Volontariato Biellese aspetta da 10 "
                                     "giorni", "url": "/admin/#requests-title"}]
    assert reminders()[0]["title"] in notification_titles(clients["anna"].get("/notifiche").get_data(as_text=True))
    assert "ricordate agli amministratori: 0." in remind(today)  # once a week, not at every run
    assert "ricordate agli amministratori: 0." in remind(today + dt.timedelta(days=6))
    assert "ricordate agli amministratori: 2." in remind(today + dt.timedelta(days=7))  # both waited a week since
    assert reminders()[1]["title"] == ("2 richieste di verifica aspettano da 7 giorni o più, la più vecchia da 17 "
                                       "giorni")
    clients["anna"].post(f"/organizzazioni/{other}/verifica", data={"verified": "1"})
    assert "ricordate agli amministratori: 1." in remind(today + dt.timedelta(days=14))
    assert len(reminders()) == 3
    bad = runner.invoke(cli, ["verification", "remind", "--today", "6/12/2026"])
    assert bad.exit_code == 2 and "AAAA-MM-GG" in bad.output
