"""Password reset through the link sent by e-mail (read from the test outbox)."""

import re

import pytest

from graph.repositories import people
from mentore import create_app
from mentore.services import accounts
from tests.conftest import app_config

PASSWORD = "una frase da ricordare"
NEW_PASSWORD = "un'altra frase, nuova"
SAME_ANSWER = "Se l&#39;indirizzo corrisponde a un account, ti abbiamo inviato un messaggio"


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def person(graph):
    return people.create(graph, name="Anna", email="anna@esempio.it",
                         password_hash=accounts.hash_password(PASSWORD))


def _ask_reset(client, email="anna@esempio.it"):
    return client.post("/password/dimenticata", data={"email": email}, follow_redirects=True)


def _link(app) -> str:
    mail = app.extensions["mail_outbox"][-1]
    return re.search(r"http://localhost(/password/reimposta/\S+)", mail.body).group(1)


def _log_in(client, password):
    return client.post("/accedi", data={"email": "anna@esempio.it", "password": password})


def test_the_reset_link_sets_a_new_password_and_works_once(app, client, person, graph):
    page = _ask_reset(client).get_data(as_text=True)
    assert SAME_ANSWER in page
    [mail] = app.extensions["mail_outbox"]
    assert mail.to == "anna@esempio.it" and "reimposta la password" in mail.subject
    link = _link(app)
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/accedi"
    assert _log_in(client, PASSWORD).status_code == 200  # the old one no longer works
    assert _log_in(client, NEW_PASSWORD).status_code == 302
    client.post("/esci")
    again = client.get(link, follow_redirects=True)
    assert "non è valido o è scaduto" in again.get_data(as_text=True)
    assert client.post(link, data={"password": "terza frase lunga", "confirm": "terza frase lunga"}).status_code == 302
    assert accounts.verify_password(people.get(graph, person.id).password_hash, NEW_PASSWORD)


def test_an_unknown_email_gets_the_same_answer_and_no_mail(app, client, person):
    page = _ask_reset(client, "nessuno@esempio.it").get_data(as_text=True)
    assert SAME_ANSWER in page
    assert app.extensions.get("mail_outbox", []) == []


def test_an_expired_link_is_refused(neo4j_server, graph, person):
    app = create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False, PASSWORD_RESET_MAX_AGE=-1))
    client = app.test_client()
    _ask_reset(client)
    link = _link(app)
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, follow_redirects=True)
    assert "non è valido o è scaduto" in response.get_data(as_text=True)
    assert accounts.verify_password(people.get(graph, person.id).password_hash, PASSWORD)


def test_a_reset_signs_out_the_sessions_already_open(app, client, person):
    _log_in(client, PASSWORD)
    assert client.get("/account").status_code == 200
    other = app.test_client()
    _ask_reset(other)
    other.post(_link(app), data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert client.get("/account").status_code == 302


def test_the_new_password_must_follow_the_rules_and_the_input_stays_private(app, client, person):
    _ask_reset(client)
    page = client.post(_link(app), data={"password": "corta", "confirm": "corta"}).get_data(as_text=True)
    assert "La password deve avere almeno 10 caratteri." in page
    assert 'value="corta"' not in page


def test_reset_mails_to_one_address_are_limited(app, client, person):
    for _ in range(5):
        assert SAME_ANSWER in _ask_reset(client).get_data(as_text=True)  # the answer never changes
    assert len(app.extensions["mail_outbox"]) == 3
