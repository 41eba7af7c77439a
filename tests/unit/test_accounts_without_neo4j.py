"""When Neo4j cannot be reached, signed-in people and API clients get the Italian 503 answer,
not a crash while the error page draws the header. A real connection refusal, no mock."""

import pytest

from mentore import create_app
from tests.conftest import offline_config


@pytest.fixture()
def client():
    app = create_app(offline_config())
    return app.test_client()


def test_a_signed_in_person_gets_the_503_page_when_neo4j_is_down(client):
    with client.session_transaction() as session:
        session["_user_id"] = "some-person-id.0"
    for path in ("/chi-siamo", "/account"):
        response = client.get(path)
        assert response.status_code == 503
        page = response.get_data(as_text=True)
        assert "Servizio momentaneamente non disponibile" in page
        assert 'href="/accedi' in page  # the header is drawn as for a visitor


def test_a_token_request_gets_a_json_503_when_neo4j_is_down(client):
    response = client.get("/api/v1/stats", headers={"Authorization": "Bearer mnt_qualsiasi"})
    assert response.status_code == 503
    assert response.get_json()["error"]["status"] == 503


def test_the_login_page_needs_no_database(client):
    response = client.get("/accedi")
    assert response.status_code == 200
    assert "Password dimenticata?" in response.get_data(as_text=True)
