"""Sign-up, login and logout against the real graph."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from argon2 import PasswordHasher

from graph.repositories import people
from mentore import create_app
from tests.conftest import app_config

PASSWORD = "una frase da ricordare"


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


def sign_up(client, email="anna@esempio.it", name="Anna Verdi", password=PASSWORD, **query):
    return client.post("/registrati", query_string=query, data={
        "name": name, "email": email, "password": password, "confirm": password, "privacy": "y"})


def log_in(client, email="anna@esempio.it", password=PASSWORD, **extra):
    return client.post("/accedi", data={"email": email, "password": password, **extra})


def test_sign_up_creates_the_account_and_signs_the_person_in(graph, client):
    response = sign_up(client, email=" Anna@Esempio.it ", next="/chi-siamo")
    assert response.status_code == 302 and response.headers["Location"] == "/chi-siamo"
    person = people.by_email(graph, "anna@esempio.it")
    assert person is not None and person.name == "Anna Verdi"
    assert person.password_hash.startswith("$argon2id$")
    page = client.get("/chi-siamo").get_data(as_text=True)
    assert "Anna Verdi" in page and 'action="/esci"' in page
    assert client.get("/account").status_code == 200


def test_sign_up_never_redirects_to_another_site(client):
    assert sign_up(client, next="https://example.org/").headers["Location"] == "/"


def test_duplicate_email_is_refused_with_the_message_and_the_input_kept(graph, client):
    sign_up(client)
    other = client.application.test_client()
    response = sign_up(other, email="ANNA@esempio.it", name="Anna Seconda")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Esiste già un account con questo indirizzo e-mail." in page
    assert 'value="Anna Seconda"' in page and 'value="ANNA@esempio.it"' in page
    assert PASSWORD not in page  # password fields are never sent back
    assert graph.read("MATCH (p:Person) RETURN count(p) AS n")[0]["n"] == 1


def test_login_with_a_wrong_password_or_unknown_email_gives_the_same_generic_message(client):
    sign_up(client)
    client.post("/esci")
    wrong_password = log_in(client, password="non è questa la password")
    unknown_email = log_in(client, email="nessuno@esempio.it")
    for response in (wrong_password, unknown_email):
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Indirizzo e-mail o password non corretti." in page
        assert "non è questa" not in page
    assert 'value="anna@esempio.it"' in wrong_password.get_data(as_text=True)  # the e-mail stays typed
    assert client.get("/account").status_code == 302


def test_login_then_logout(client):
    sign_up(client)
    client.post("/esci")
    assert log_in(client).status_code == 302
    assert client.get("/account").status_code == 200
    assert client.get("/esci").status_code == 405  # logging out is a POST
    response = client.post("/esci")
    assert response.status_code == 302
    assert client.get("/account").headers["Location"].startswith("/accedi")


def test_login_goes_back_to_the_page_that_asked_for_it(client):
    sign_up(client)
    client.post("/esci")
    redirect_to_login = client.get("/account")
    login_url = redirect_to_login.headers["Location"]
    assert urlsplit(login_url).path == "/accedi" and parse_qs(urlsplit(login_url).query)["next"] == ["/account"]
    response = client.post(login_url, data={"email": "anna@esempio.it", "password": PASSWORD})
    assert response.headers["Location"] == "/account"


def test_remember_me_sets_a_lasting_cookie_only_when_asked(client):
    sign_up(client)
    client.post("/esci")
    log_in(client)
    assert client.get_cookie("remember_token") is None
    client.post("/esci")
    log_in(client, remember="y")
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and cookie.http_only and cookie.expires is not None
    client.post("/esci")
    assert client.get_cookie("remember_token") is None  # logout drops it too


def test_login_starts_a_new_session_keeping_only_the_language(client):
    sign_up(client)
    client.post("/esci")
    client.get("/lingua/en")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    log_in(client)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["lang"] == "en"


def test_the_language_chosen_is_kept_on_the_account_and_comes_back_at_the_next_sign_in(graph, client, app):
    sign_up(client)
    assert people.by_email(graph, "anna@esempio.it").locale == "it"
    client.get("/lingua/en")  # signed in: the account remembers it (the digests are written in it)
    assert people.by_email(graph, "anna@esempio.it").locale == "en"
    client.post("/esci")

    elsewhere = app.test_client()  # a new browser, no language chosen in it
    log_in(elsewhere)
    with elsewhere.session_transaction() as session:
        assert session["lang"] == "en"
    assert 'lang="en"' in elsewhere.get("/chi-siamo").get_data(as_text=True)

    chosen_before = app.test_client()  # a choice made before signing in wins, and is remembered
    chosen_before.get("/lingua/it")
    log_in(chosen_before)
    assert people.by_email(graph, "anna@esempio.it").locale == "it"


def test_an_outdated_hash_is_upgraded_at_login_without_signing_out_other_sessions(graph, client, app):
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    person = people.create(graph, name="Carla", email="carla@esempio.it", password_hash=old)
    other = app.test_client()
    assert log_in(other, email="carla@esempio.it").status_code == 302
    assert log_in(client, email="carla@esempio.it").status_code == 302
    upgraded = people.get(graph, person.id)
    assert upgraded.password_hash != old and upgraded.password_hash.startswith("$argon2id$v=19$m=65536")
    assert upgraded.session_version == person.session_version
    assert other.get("/account").status_code == 200


def test_a_post_without_the_csrf_token_is_refused(neo4j_server, graph):
    client = create_app(app_config(neo4j_server)).test_client()  # CSRF on, as in production
    response = client.post("/registrati", data={"name": "Anna", "email": "anna@esempio.it",
                                                "password": PASSWORD, "confirm": PASSWORD, "privacy": "y"})
    assert response.status_code == 400
    assert people.by_email(graph, "anna@esempio.it") is None
    token = re.search(r'name="(?:[\w-]+-)?csrf_token"[^>]*? value="([^"]+)"',
                      client.get("/registrati").get_data(as_text=True)).group(1)
    response = client.post("/registrati", data={"csrf_token": token, "name": "Anna", "email": "anna@esempio.it",
                                                "password": PASSWORD, "confirm": PASSWORD, "privacy": "y"})
    assert response.status_code == 302
    assert client.post("/esci").status_code == 400  # the logout button carries it too: without it, refused
    assert client.get("/account").status_code == 200
