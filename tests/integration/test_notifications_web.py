"""In-app notifications on the real graph: notify() and who it skips, the list (unread first,
paginated, empty state), opening one (read, then followed only to a path on this site), "mark all
as read", the bell in the header, the digest preference, and the personal data of a person."""

import json
import re

import pytest

from graph.repositories import accounts as accounts_repo
from mentore import create_app
from mentore.reference.vocabularies import N_, Message
from mentore.services import markdown
from mentore.services import notifications as service
from mentore.services.errors import ValidationFailed
from tests.conftest import app_config
from tests.integration.test_organisations import login, person

TOPIC_URL = "/comunita/inclusione/discussioni/t-1#post-2"


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def maria(graph):
    return person(graph, name="Maria Rossi", email="maria@example.it")


@pytest.fixture()
def luca(graph):
    return person(graph, name="Luca Bianchi", email="luca@example.it")


def notify(graph, recipient, title, kind="reply", actor=None, url=TOPIC_URL, excerpt=""):
    return service.notify(graph, kind, [recipient.id], actor=actor, title=title, excerpt=excerpt, url=url)


def stored(graph, person_id):
    return graph.read("MATCH (n:Notification)-[:FOR]->(:Person {id: $id}) "
                      "RETURN n.title AS title, n.kind AS kind, n.actor_name AS actor, n.read_at IS NOT NULL AS read, "
                      "n.id AS id ORDER BY n.created_at, n.title", id=person_id)


def titles_in(page: str) -> list[str]:
    found = re.findall(r'class="[^"]*notification-title">(?:<span class="visually-hidden">[^<]*</span>)?([^<]+)<', page)
    return [t.strip() for t in found]


# ----------------------------------------------------------------------------- notify()


REPLIED = N_("%(actor)s ha risposto a «%(topic)s»")


def test_a_title_is_read_in_the_reader_s_language_with_the_actor_s_name_as_it_is_now(app, graph, maria, luca):
    notify(graph, maria, Message(REPLIED, actor=luca.name, topic="Trasporto disabili"), actor=luca)
    assert stored(graph, maria.id)[0]["title"] == "Luca Bianchi ha risposto a «Trasporto disabili»"
    client = app.test_client()
    login(client, maria)
    assert titles_in(client.get("/notifiche").get_data(as_text=True)) == [
        "Luca Bianchi ha risposto a «Trasporto disabili»"]
    client.get("/lingua/en")
    assert titles_in(client.get("/notifiche").get_data(as_text=True)) == [
        "Luca Bianchi replied to “Trasporto disabili”"]

    accounts_repo.anonymise(graph, luca.id, markdown.unmention)  # the name comes from the notification's actor
    assert titles_in(client.get("/notifiche").get_data(as_text=True)) == [
        "utente rimosso replied to “Trasporto disabili”"]


def test_a_title_s_values_are_clipped_and_a_title_that_no_longer_fits_its_template_is_shown_as_stored(graph, maria,
                                                                                                      luca):
    notify(graph, maria, Message(REPLIED, actor=luca.name, topic="lungo " * 100), actor=luca)
    row = graph.read("MATCH (n:Notification) RETURN n {.*} AS n")[0]["n"]
    assert len(row["title"]) == service.TITLE_MAX and row["title"].endswith("…")
    assert row["title_template"] == REPLIED and "actor" not in row["title_params"]
    assert len(json.loads(row["title_params"])["topic"]) == service.TITLE_MAX
    assert service.title_of(row).template == REPLIED and service.title_of(row).params["actor"] == "Luca Bianchi"

    assert service.title_of({**row, "title_params": '{"argomento": "x"}'}) == row["title"]  # a changed template
    assert service.title_of({**row, "title_params": "non è JSON"}) == row["title"]
    assert service.title_of({"title": "Scritta prima", "title_template": None}) == "Scritta prima"




def test_notify_skips_the_actor_and_deleted_inactive_unknown_people_and_counts_duplicates_once(graph, maria, luca):
    gone = person(graph, name="Anna Verdi", email="anna@example.it")
    accounts_repo.anonymise(graph, gone.id, markdown.unmention)
    idle = person(graph, name="Gino Neri", email="gino@example.it")
    graph.write("MATCH (p:Person {id: $id}) SET p.active = false", id=idle.id)

    written = service.notify(graph, "reply", [maria.id, luca.id, luca.id, gone.id, idle.id, "nessuno", ""],
                             actor=maria, title="Maria ha risposto alla tua discussione «Trasporto disabili»",
                             excerpt="Noi  abbiamo\nun pulmino", url=TOPIC_URL)

    assert written == 1
    assert stored(graph, luca.id) == [{"title": "Maria ha risposto alla tua discussione «Trasporto disabili»",
                                       "kind": "reply", "actor": "Maria Rossi", "read": False,
                                       "id": stored(graph, luca.id)[0]["id"]}]
    assert graph.read("MATCH (n:Notification) RETURN count(n) AS n, collect(n.excerpt) AS e")[0] == \
        {"n": 1, "e": ["Noi abbiamo un pulmino"]}


def test_notify_refuses_an_unknown_kind_and_a_link_to_another_site(graph, luca):
    with pytest.raises(ValidationFailed):
        notify(graph, luca, "Titolo", kind="spam")
    for url in ("https://altro.example/x", "//altro.example/x", "comunita/x"):
        with pytest.raises(ValidationFailed):
            notify(graph, luca, "Titolo", url=url)
    assert service.notify(graph, "mention", [], actor=None, title="Nessuno", url="/") == 0
    assert stored(graph, luca.id) == []


# ----------------------------------------------------------------------------- the list


def test_anonymous_visitors_are_sent_to_login(client):
    for response in (client.get("/notifiche"), client.get("/notifiche/preferenze"), client.post("/notifiche/lette")):
        assert response.status_code == 302 and "/accedi" in response.headers["Location"]


def test_the_page_shows_an_empty_state_when_there_is_nothing(client, luca):
    login(client, luca)
    page = client.get("/notifiche").get_data(as_text=True)
    assert 'id="no-notifications"' in page and "Nessuna notifica" in page
    assert 'aria-label="Notifiche: nessuna non letta"' in page and "Segna tutte come lette" not in page


def test_the_page_shows_unread_first_highlighted_and_opening_one_marks_it_read_and_follows_it(
        graph, client, maria, luca):
    notify(graph, luca, "Prima, già letta", actor=maria)
    notify(graph, luca, "Seconda, da leggere", kind="mention", actor=maria, excerpt="Ciao @luca")
    notify(graph, luca, "Terza, da leggere", kind="new_topic", actor=maria)
    first = next(n for n in stored(graph, luca.id) if n["title"].startswith("Prima"))
    graph.write("MATCH (n:Notification {id: $id}) SET n.read_at = datetime()", id=first["id"])
    login(client, luca)

    page = client.get("/notifiche").get_data(as_text=True)

    assert titles_in(page) == ["Terza, da leggere", "Seconda, da leggere", "Prima, già letta"]
    assert page.count("notification-unread") == 2 and page.count("notification-read") == 1
    assert 'aria-label="2 notifiche non lette"' in page and "2 notifiche da leggere." in page
    assert "Menzione" in page and "Da Maria Rossi" in page and "Ciao @luca" in page

    second = next(n for n in stored(graph, luca.id) if n["title"].startswith("Seconda"))
    opened = client.post(f"/notifiche/{second['id']}/apri")
    assert opened.status_code == 302 and opened.headers["Location"] == TOPIC_URL
    assert next(n for n in stored(graph, luca.id) if n["id"] == second["id"])["read"] is True
    assert 'aria-label="1 notifica non letta"' in client.get("/notifiche").get_data(as_text=True)


@pytest.mark.parametrize("url", ["https://altro.example/truffa", "//altro.example/truffa", "/\\altro.example",
                                 "javascript:alert(1)"])
def test_a_notification_url_to_another_site_is_not_followed(graph, client, luca, url):
    # written behind notify()'s back: the view must not trust what is stored
    graph.write("MATCH (p:Person {id: $id}) CREATE (:Notification {id: 'n-x', kind: 'reply', title: 'Trappola', "
                "url: $url, created_at: datetime()})-[:FOR]->(p)", id=luca.id, url=url)
    login(client, luca)
    response = client.post("/notifiche/n-x/apri", follow_redirects=False)
    assert response.status_code == 302 and response.headers["Location"] == "/notifiche"
    assert "non lo seguiamo" in client.get("/notifiche").get_data(as_text=True)
    assert stored(graph, luca.id)[0]["read"] is True


def test_someone_elses_notification_is_not_found_and_stays_unread(graph, client, maria, luca):
    notify(graph, luca, "Solo per Luca", actor=maria)
    login(client, maria)
    assert client.post(f"/notifiche/{stored(graph, luca.id)[0]['id']}/apri").status_code == 404
    assert client.post("/notifiche/nessuna/apri").status_code == 404
    assert stored(graph, luca.id)[0]["read"] is False


def test_mark_all_as_read_reads_every_notification_of_the_person_only(graph, client, maria, luca):
    for i in range(3):
        notify(graph, luca, f"Per Luca {i}", actor=maria)
    notify(graph, maria, "Per Maria", actor=luca)
    login(client, luca)
    assert "Segna tutte come lette" in client.get("/notifiche").get_data(as_text=True)

    response = client.post("/notifiche/lette", follow_redirects=True)

    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Tutte le notifiche sono segnate come lette." in page
    assert all(n["read"] for n in stored(graph, luca.id)) and stored(graph, maria.id)[0]["read"] is False
    assert 'aria-label="Notifiche: nessuna non letta"' in page


def test_the_list_is_paginated_and_the_bell_caps_its_count(graph, client, luca):
    graph.write("MATCH (p:Person {id: $id}) UNWIND range(1, 105) AS i "
                "CREATE (:Notification {id: 'n-' + i, kind: 'new_topic', title: 'Discussione ' + i, url: '/comunita', "
                "created_at: datetime('2026-01-01T00:00:00Z') + duration({minutes: i})})-[:FOR]->(p)", id=luca.id)
    login(client, luca)
    first = client.get("/notifiche").get_data(as_text=True)
    assert titles_in(first)[:2] == ["Discussione 105", "Discussione 104"] and len(titles_in(first)) == 20
    assert 'aria-label="99+ notifiche non lette"' in first and "105 notifiche da leggere." in first
    assert 'href="/notifiche?page=6"' in first
    last = client.get("/notifiche?page=6").get_data(as_text=True)
    assert titles_in(last) == [f"Discussione {i}" for i in range(5, 0, -1)]
    assert titles_in(client.get("/notifiche?page=99").get_data(as_text=True)) == titles_in(last)


def test_the_bell_is_shown_to_signed_in_people_only(client, graph, maria, luca):
    notify(graph, luca, "Una", actor=maria)
    assert 'id="notifications-bell"' not in client.get("/").get_data(as_text=True)
    login(client, luca)
    page = client.get("/").get_data(as_text=True)
    assert 'id="notifications-bell"' in page and 'aria-label="1 notifica non letta"' in page


def test_changing_state_needs_a_csrf_token(neo4j_server, graph, maria, luca):
    notify(graph, luca, "Una", actor=maria)
    client = create_app(app_config(neo4j_server)).test_client()
    login(client, luca)
    assert client.post("/notifiche/lette").status_code == 400
    assert client.post(f"/notifiche/{stored(graph, luca.id)[0]['id']}/apri").status_code == 400
    assert stored(graph, luca.id)[0]["read"] is False


# ----------------------------------------------------------------------------- preferences


def test_the_digest_preference_defaults_to_weekly_and_is_saved_on_the_person(graph, client, luca):
    login(client, luca)
    page = client.get("/notifiche/preferenze").get_data(as_text=True)
    assert re.search(r'<input[^>]*checked[^>]*value="weekly"|<input[^>]*value="weekly"[^>]*checked', page)
    assert "mai una e-mail per ogni singolo evento" in page

    response = client.post("/notifiche/preferenze", data={"digest": "daily"})
    assert response.status_code == 302
    assert graph.read("MATCH (p:Person {id: $id}) RETURN p.digest AS d", id=luca.id)[0]["d"] == "daily"
    client.post("/notifiche/preferenze", data={"digest": "none"})
    assert graph.read("MATCH (p:Person {id: $id}) RETURN p.digest AS d", id=luca.id)[0]["d"] == "none"


def test_an_unknown_digest_frequency_comes_back_with_a_422(graph, client, luca):
    login(client, luca)
    response = client.post("/notifiche/preferenze", data={"digest": "hourly"})
    assert response.status_code == 422 and 'id="form-errors"' in response.get_data(as_text=True)
    assert graph.read("MATCH (p:Person {id: $id}) RETURN p.digest AS d", id=luca.id)[0]["d"] is None


# ----------------------------------------------------------------------------- personal data


def anna_of(graph):
    return person(graph, name="Anna Verdi", email="anna@example.it")


def test_notifications_are_in_the_personal_data_export_and_deleted_with_the_account(graph, maria, luca):
    notify(graph, luca, "Risposta per Luca", actor=maria, excerpt="Testo")
    notify(graph, maria, "Per Maria", actor=anna_of(graph))

    exported = accounts_repo.export(graph, luca.id)
    assert [(n["title"], n["kind"], n["url"], n["actor_name"]) for n in exported["notifications"]] == [
        ("Risposta per Luca", "reply", TOPIC_URL, "Maria Rossi")]
    assert not [r for r in exported["other_relationships"] if r["type"] == "FOR"]

    accounts_repo.anonymise(graph, luca.id, markdown.unmention)
    assert stored(graph, luca.id) == [] and len(stored(graph, maria.id)) == 1
    assert graph.read("MATCH (n:Notification) RETURN count(n) AS n")[0]["n"] == 1


def test_a_deleted_account_s_name_leaves_the_notifications_it_caused(graph, maria, luca):
    notify(graph, maria, "Luca Bianchi ha risposto a «Trasporto disabili»", actor=luca)
    notify(graph, maria, "Nuova discussione in «Inclusione»", kind="new_topic", actor=None)

    accounts_repo.anonymise(graph, luca.id, markdown.unmention)

    assert [(n["title"], n["actor"]) for n in stored(graph, maria.id)] == [
        ("utente rimosso ha risposto a «Trasporto disabili»", "utente rimosso"),
        ("Nuova discussione in «Inclusione»", None)]
