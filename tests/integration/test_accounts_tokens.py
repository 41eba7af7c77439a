"""Personal API tokens: shown once, stored hashed, accepted as `Authorization: Bearer`."""

import re

import pytest

from graph.repositories import people
from mentore import create_app
from mentore.services import accounts
from tests.conftest import app_config

PASSWORD = "una frase da ricordare"


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server))  # CSRF on: token requests must not need it


@pytest.fixture()
def person(graph):
    return people.create(graph, name="Anna", email="anna@esempio.it",
                         password_hash=accounts.hash_password(PASSWORD))


def _csrf(client, path="/accedi") -> str:
    return re.search(r'name="(?:[\w-]+-)?csrf_token"[^>]*? value="([^"]+)"',
                     client.get(path).get_data(as_text=True)).group(1)


def _signed_in(client):
    client.post("/accedi", data={"csrf_token": _csrf(client), "email": "anna@esempio.it", "password": PASSWORD})
    return client


def _create_token(client, name="script di prova") -> str:
    page = client.post("/account/token", data={"csrf_token": _csrf(client, "/account"), "token-name": name})
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    return re.search(r'id="new-token-value" value="(mnt_[^"]+)"', page.get_data(as_text=True)).group(1)


def _bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def test_a_token_is_shown_once_and_stored_only_as_a_hash(client, person, graph):
    secret = _create_token(_signed_in(client))
    stored = graph.read("MATCH (:Person {id: $id})-[:HAS_TOKEN]->(t:ApiToken) RETURN t", id=person.id)
    [token] = [row["t"] for row in stored]
    assert token["hash"] == accounts.token_hash(secret) and secret not in str(token)
    page = client.get("/account").get_data(as_text=True)
    assert "script di prova" in page and secret not in page


def test_a_token_authenticates_the_data_download_until_it_is_revoked(app, client, person, graph):
    secret = _create_token(_signed_in(client))
    api = app.test_client()  # no cookies at all
    response = api.get("/account/dati.json", headers=_bearer(secret))
    assert response.status_code == 200
    assert response.get_json()["profile"]["email"] == "anna@esempio.it"
    [token_id] = [row["id"] for row in graph.read("MATCH (t:ApiToken) RETURN t.id AS id, t.last_used_at AS used")
                  if row["used"] is not None]
    assert "revoca" in client.get(f"/account/token/{token_id}/revoca").get_data(as_text=True).lower()
    response = client.post(f"/account/token/{token_id}/revoca", data={"csrf_token": _csrf(client, "/account")})
    assert response.status_code == 302
    refused = api.get("/account/dati.json", headers=_bearer(secret))
    assert refused.status_code == 401
    assert refused.get_json()["error"]["message"] == "Il token API non è valido o è stato revocato."


def test_token_requests_skip_csrf_but_session_requests_do_not(app, client, person, graph):
    secret = _create_token(_signed_in(client))
    api = app.test_client()
    assert api.post("/account/token", data={"token-name": "dal programma"}, headers=_bearer(secret)).status_code == 200
    assert client.post("/account/token", data={"token-name": "senza csrf"}).status_code == 400
    token = _csrf(client, "/account")
    assert client.post("/account/token", data={"token-name": "con intestazione"},
                       headers={"X-CSRFToken": token}).status_code == 200
    names = {row["name"] for row in graph.read("MATCH (t:ApiToken) RETURN t.name AS name")}
    assert names == {"script di prova", "dal programma", "con intestazione"}


def test_a_made_up_token_is_refused_even_with_a_session_cookie(client, person):
    _signed_in(client)
    response = client.get("/account/dati.json", headers=_bearer("mnt_inventato"))
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")


def test_nobody_can_revoke_someone_elses_token(app, client, person, graph):
    secret = _create_token(_signed_in(client))
    people.create(graph, name="Bruno", email="bruno@esempio.it", password_hash=accounts.hash_password(PASSWORD))
    bruno = app.test_client()
    bruno.post("/accedi", data={"csrf_token": _csrf(bruno), "email": "bruno@esempio.it", "password": PASSWORD})
    token_id = graph.read("MATCH (t:ApiToken) RETURN t.id AS id")[0]["id"]
    assert bruno.get(f"/account/token/{token_id}/revoca").status_code == 404
    assert bruno.post(f"/account/token/{token_id}/revoca",
                      data={"csrf_token": _csrf(bruno, "/account")}).status_code == 404
    assert app.test_client().get("/account/dati.json", headers=_bearer(secret)).status_code == 200


def test_json_clients_without_credentials_get_a_401_not_the_login_page(app):
    response = app.test_client().get("/account/dati.json", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.get_json()["error"]["title"] == "Autenticazione richiesta"
