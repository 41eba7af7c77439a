"""Personal data: the JSON download, and deleting an account (anonymised, content kept)."""

import pytest

from graph.repositories import people
from mentore import create_app
from mentore.services import accounts
from tests.conftest import app_config

PASSWORD = "una frase da ricordare"

WORLD = """
MATCH (p:Person {id: $id})
SET p.job_title = 'Coordinatrice'
CREATE (o:Organisation {id: 'org-1', name: 'APS Il Ponte', kind: 'ETS'})
CREATE (p)-[:MEMBER_OF {role: 'admin', since: date('2024-03-01')}]->(o)
CREATE (c:Community {id: 'com-1', name: 'Inclusione sociale', slug: 'inclusione'})
CREATE (p)-[:BELONGS_TO {since: datetime('2024-04-01T10:00:00Z')}]->(c)
CREATE (p)-[:FACILITATES]->(c)
CREATE (t:Topic {id: 'topic-1', title: 'Trasporto disabili', body: 'Chi ha un pulmino?'})-[:IN]->(c)
CREATE (p)-[:WROTE]->(t)
CREATE (post:Post {id: 'post-1', body: 'Noi ne abbiamo uno attrezzato.'})-[:IN]->(t)
CREATE (p)-[:WROTE]->(post)
"""


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def person(graph):
    person = people.create(graph, name="Anna Verdi", email="anna@esempio.it",
                           password_hash=accounts.hash_password(PASSWORD))
    graph.write(WORLD, id=person.id)
    return person


@pytest.fixture()
def signed_in(client, person):
    client.post("/accedi", data={"email": "anna@esempio.it", "password": PASSWORD})
    return client


def test_the_download_holds_everything_about_the_person_but_the_password_hash(signed_in, person, graph):
    signed_in.post("/account/token", data={"token-name": "script"})
    graph.write("MATCH (o:Organisation {id: 'org-1'}) SET o.codice_fiscale = '90000000001'")
    assert signed_in.post("/organizzazioni/org-1/verifica/richiesta",
                          data={"message": "Repertorio RUNTS 42"}).status_code == 302
    response = signed_in.get("/account/dati.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = response.get_json()
    assert data["profile"]["name"] == "Anna Verdi" and data["profile"]["job_title"] == "Coordinatrice"
    assert "password_hash" not in data["profile"] and "$argon2" not in response.get_data(as_text=True)
    assert data["memberships"] == [{"id": "org-1", "name": "APS Il Ponte", "role": "admin", "since": "2024-03-01"}]
    assert data["communities"][0]["name"] == "Inclusione sociale"
    assert data["facilitates"] == [{"id": "com-1", "name": "Inclusione sociale"}]
    assert {a["id"] for a in data["authored"]} == {"topic-1", "post-1"}
    assert {a["body"] for a in data["authored"]} >= {"Noi ne abbiamo uno attrezzato."}
    assert [t["name"] for t in data["tokens"]] == ["script"]
    assert "hash" not in data["tokens"][0]
    assert [(r["organisation"], r["role"], r["status"], r["message"]) for r in data["verification_requests"]] == [
        ("APS Il Ponte", "asked", "pending", "Repertorio RUNTS 42")]
    assert not [r for r in data["other_relationships"] if r["type"] in ("ASKED", "DECIDED")]


def test_deleting_needs_the_right_email_typed(signed_in, person, graph):
    page = signed_in.get("/account/elimina").get_data(as_text=True)
    assert "utente rimosso" in page
    response = signed_in.post("/account/elimina", data={"email": "altra@esempio.it"})
    assert "L&#39;indirizzo non corrisponde a quello del tuo account." in response.get_data(as_text=True)
    assert people.get(graph, person.id).email == "anna@esempio.it"


def test_deleting_anonymises_the_person_and_keeps_their_posts(signed_in, person, graph):
    signed_in.post("/account/token", data={"token-name": "script"})
    response = signed_in.post("/account/elimina", data={"email": "Anna@Esempio.it"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert signed_in.get("/account").status_code == 302  # signed out
    node = graph.read("MATCH (p:Person {id: $id}) RETURN properties(p) AS p", id=person.id)[0]["p"]
    assert node["name"] == "utente rimosso" and node["deleted"] is True
    assert not {"email", "password_hash", "job_title"} & set(node)
    links = graph.read("MATCH (:Person {id: $id})-[r]-() RETURN collect(type(r)) AS types", id=person.id)[0]["types"]
    assert sorted(links) == ["WROTE", "WROTE"]
    author = graph.read("MATCH (a:Person)-[:WROTE]->(:Post {id: 'post-1'}) RETURN a.name AS name")
    assert author == [{"name": "utente rimosso"}]
    kept = graph.read("MATCH (o:Organisation {id: 'org-1'}), (c:Community {id: 'com-1'}), (t:Topic {id: 'topic-1'}) "
                      "RETURN count(*) AS n")[0]["n"]
    assert kept == 1
    assert graph.read("MATCH (t:ApiToken) RETURN count(t) AS n")[0]["n"] == 0


def test_deleting_takes_the_name_out_of_other_peoples_mentions_and_their_history(signed_in, person, graph):
    graph.write("""
        MATCH (anna:Person {id: $id}), (t:Topic {id: 'topic-1'})
        CREATE (other:Person {id: 'p-2', name: 'Marco Neri'})
        CREATE (reply:Post {id: 'post-2', body: 'Grazie @[Anna Verdi], chiedo anche a @[Marco Neri].'})-[:IN]->(t)
        CREATE (other)-[:WROTE]->(reply)
        CREATE (reply)-[:MENTIONS]->(anna), (reply)-[:MENTIONS]->(other)
        CREATE (reply)-[:HAS_REVISION]->(:Revision {id: 'rev-1', body: 'Grazie @[Anna Verdi]!'})
        CREATE (typed:Post {id: 'post-4', body: 'Ciao @[anna  VERDI] e @[Anna Verdina].'})-[:IN]->(t)
        CREATE (other)-[:WROTE]->(typed)
        CREATE (typed)-[:MENTIONS]->(anna)
        CREATE (untouched:Post {id: 'post-3', body: 'Anna Verdi ha scritto un bel messaggio.'})-[:IN]->(t)
        """, id=person.id)
    signed_in.post("/account/elimina", data={"email": "anna@esempio.it"})
    texts = {r["id"]: r["body"] for r in graph.read(
        "MATCH (x) WHERE x.id IN ['post-2', 'rev-1', 'post-3', 'post-4'] RETURN x.id AS id, x.body AS body")}
    assert texts["post-2"] == "Grazie @[utente rimosso], chiedo anche a @[Marco Neri]."
    assert texts["rev-1"] == "Grazie @[utente rimosso]!"
    assert texts["post-3"] == "Anna Verdi ha scritto un bel messaggio."  # not a mention: left alone
    # typed with other capitals and spaces (the site links it all the same); another name stays
    assert texts["post-4"] == "Ciao @[utente rimosso] e @[Anna Verdina]."
    assert graph.read("MATCH (:Post {id: 'post-2'})-[:MENTIONS]->(m) RETURN m.name AS name") == [
        {"name": "Marco Neri"}]


def test_a_deleted_account_cannot_log_in_and_its_email_is_free_again(signed_in, person, client):
    signed_in.post("/account/elimina", data={"email": "anna@esempio.it"})
    response = client.post("/accedi", data={"email": "anna@esempio.it", "password": PASSWORD})
    assert "Indirizzo e-mail o password non corretti." in response.get_data(as_text=True)
    response = client.post("/registrati", data={"name": "Anna", "email": "anna@esempio.it", "password": PASSWORD,
                                                "confirm": PASSWORD, "privacy": "y"})
    assert response.status_code == 302
