"""Failed logins are counted in the graph, so the limit holds across gunicorn workers."""

import pytest

from graph.repositories import people, throttle
from mentore import create_app
from mentore.services import accounts
from tests.conftest import app_config

PASSWORD = "una frase da ricordare"


@pytest.fixture()
def person(graph):
    return people.create(graph, name="Anna", email="anna@esempio.it",
                         password_hash=accounts.hash_password(PASSWORD))


def _worker(neo4j_server):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False)).test_client()


def _log_in(client, password, email="anna@esempio.it", ip="10.0.0.1"):
    return client.post("/accedi", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": ip})


def test_five_failures_across_two_workers_lock_the_email_with_a_429_in_italian(neo4j_server, person):
    first, second = _worker(neo4j_server), _worker(neo4j_server)  # two app objects, as two workers
    for i in range(5):
        worker = first if i % 2 else second
        assert _log_in(worker, "sbagliata!!").status_code == 200
    locked = _log_in(first, PASSWORD)  # even the right password waits for the window to close
    assert locked.status_code == 429
    assert "Troppi tentativi: riprova tra 15 minuti." in locked.get_data(as_text=True)
    assert 840 <= int(locked.headers["Retry-After"]) <= 900
    assert first.get("/account").status_code == 302  # not signed in
    assert _log_in(second, PASSWORD, ip="10.0.0.2").status_code == 429  # another address: same e-mail


def test_twenty_failures_from_one_address_lock_that_address_for_every_email(neo4j_server, person):
    client = _worker(neo4j_server)
    for i in range(20):
        assert _log_in(client, "sbagliata!!", email=f"utente{i}@esempio.it").status_code == 200
    assert _log_in(client, PASSWORD).status_code == 429
    assert _log_in(client, PASSWORD, ip="10.0.0.9").status_code == 302


def test_a_successful_login_clears_the_email_counter(neo4j_server, person):
    client = _worker(neo4j_server)
    for _ in range(4):
        _log_in(client, "sbagliata!!")
    assert _log_in(client, PASSWORD).status_code == 302
    client.post("/esci")
    for _ in range(5):  # a fresh allowance of five
        assert _log_in(client, "sbagliata!!").status_code == 200
    assert _log_in(client, PASSWORD).status_code == 429


def test_the_window_closes_and_counting_starts_again(graph):
    keys = ["login:test"]
    throttle.hit(graph, keys, window_seconds=900)
    assert throttle.hit(graph, keys, window_seconds=900)["login:test"].count == 2
    graph.write("MATCH (t:Throttle {key: 'login:test'}) SET t.window_start = datetime() - duration('PT16M')")
    assert throttle.status(graph, keys, window_seconds=900)["login:test"].count == 0
    assert throttle.hit(graph, keys, window_seconds=900)["login:test"].count == 1
    assert graph.read("MATCH (t:Throttle) RETURN count(t) AS n")[0]["n"] == 1
