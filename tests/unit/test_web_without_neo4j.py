"""What people see when Neo4j cannot be reached, and the pages that need no database.

The app points at a port where nothing listens: a real connection refusal, no mock."""

import pytest

from mentore import create_app
from tests.conftest import offline_config


@pytest.fixture()
def client():
    app = create_app(offline_config())
    return app.test_client()


def test_home_answers_503_in_italian_when_neo4j_is_down(client):
    response = client.get("/")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    page = response.get_data(as_text=True)
    assert "Servizio momentaneamente non disponibile" in page
    assert '<html lang="it">' in page


def test_api_answers_a_json_error_when_neo4j_is_down(client):
    response = client.get("/api/v1/stats")
    assert response.status_code == 503
    assert response.is_json
    assert response.get_json()["error"]["status"] == 503


def test_healthz_reports_neo4j_unavailable(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "degraded"
    assert body["neo4j"] == "unavailable"
    assert "127.0.0.1" not in response.get_data(as_text=True)  # no internals leaked


def test_about_page_needs_no_database(client):
    response = client.get("/chi-siamo")
    assert response.status_code == 200
    assert "M.EN.T.O.RE." in response.get_data(as_text=True)


def test_unknown_page_is_an_italian_404(client):
    response = client.get("/non-esiste")
    assert response.status_code == 404
    assert "Pagina non trovata" in response.get_data(as_text=True)


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/non-esiste")
    assert response.status_code == 404
    assert response.get_json()["error"]["title"] == "Pagina non trovata"


def test_language_switch_turns_pages_english_and_back(client):
    client.get("/lingua/en")
    page = client.get("/chi-siamo").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "The M.EN.T.O.RE. project" in page
    client.get("/lingua/it")
    assert "Il progetto M.EN.T.O.RE." in client.get("/chi-siamo").get_data(as_text=True)


def test_errors_follow_the_chosen_language(client):
    client.get("/lingua/en")
    assert "Page not found" in client.get("/non-esiste").get_data(as_text=True)


@pytest.mark.parametrize("target", ["https://example.org/", "//example.org/x", "javascript:alert(1)", "chi-siamo"])
def test_language_switch_never_redirects_off_site(client, target):
    response = client.get("/lingua/en", query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_language_switch_returns_to_the_page_it_came_from(client):
    response = client.get("/lingua/en", query_string={"next": "/chi-siamo"})
    assert response.headers["Location"] == "/chi-siamo"


def test_unknown_language_is_a_404(client):
    assert client.get("/lingua/xx").status_code == 404


def test_pages_carry_security_headers(client):
    headers = client.get("/chi-siamo").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
