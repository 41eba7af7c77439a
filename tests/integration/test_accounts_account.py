"""The account page: profile, password change (which signs out the other sessions)."""

import pytest

from graph.repositories import people
from mentore import create_app
from mentore.services import accounts
from tests.conftest import app_config

PASSWORD = "una frase da ricordare"
NEW_PASSWORD = "un'altra frase, nuova"


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def person(graph):
    return people.create(graph, name="Anna Verdi", email="anna@esempio.it",
                         password_hash=accounts.hash_password(PASSWORD), roles=("facilitator",))


def _log_in(client, password=PASSWORD):
    return client.post("/accedi", data={"email": "anna@esempio.it", "password": password})


def _change(client, current, new):
    return client.post("/account", data={"pw-current": current, "pw-password": new, "pw-confirm": new})


def test_the_account_page_shows_the_profile(client, person):
    _log_in(client)
    page = client.get("/account").get_data(as_text=True)
    assert "Anna Verdi" in page and "anna@esempio.it" in page
    assert "Facilitazione delle comunità di pratica" in page
    assert "password_hash" not in page and "$argon2" not in page


def test_changing_the_password_signs_out_another_session_but_not_this_one(app, client, person, graph):
    other = app.test_client()
    _log_in(client)
    _log_in(other)
    response = _change(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert "Password cambiata" in client.get("/account").get_data(as_text=True)
    assert other.get("/account").status_code == 302  # the other session is over
    assert people.get(graph, person.id).session_version == person.session_version + 1
    client.post("/esci")
    assert _log_in(client, NEW_PASSWORD).status_code == 302


def test_changing_the_password_needs_the_current_one(client, person, graph):
    _log_in(client)
    page = _change(client, "non è questa", NEW_PASSWORD).get_data(as_text=True)
    assert "La password attuale non è corretta." in page
    assert "non è questa" not in page and NEW_PASSWORD not in page
    assert accounts.verify_password(people.get(graph, person.id).password_hash, PASSWORD)


def test_the_account_pages_need_a_signed_in_person(client):
    for path in ("/account", "/account/dati.json", "/account/elimina"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/accedi?next=")
