"""Platform administration: only platform admins get in; the competency vocabulary grows and
loses its duplicates without losing any organisation's competency."""

import pytest

from graph.repositories import people, seeding
from mentore import create_app
from tests.conftest import app_config
from tests.integration.test_organisations import login


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def admin(graph, app):
    client = app.test_client()
    login(client, people.create(graph, name="Admin", email="admin@example.it", password_hash=None,
                                roles=("platform_admin",)))
    return client


def test_only_platform_admins_enter(graph, app):
    visitor, member = app.test_client(), app.test_client()
    assert "/accedi" in visitor.get("/admin/").headers["Location"]
    login(member, people.create(graph, name="Maria", email="maria@example.it", password_hash=None))
    refused = member.get("/admin/competenze")
    assert refused.status_code == 403
    assert "riservata agli amministratori della piattaforma" in refused.get_data(as_text=True)
    assert member.post("/admin/competenze", data={"action": "add", "add-label": "Ciclofficina"}).status_code == 403


def test_an_added_competency_is_offered_and_searchable_at_once(graph, admin, app):
    response = admin.post("/admin/competenze", data={"action": "add", "add-label": "Ciclofficina popolare",
                                                     "add-label_en": "Community bike workshop"})
    assert response.status_code == 302
    form = admin.get("/organizzazioni/nuova").get_data(as_text=True)
    assert 'value="ciclofficina-popolare"' in form
    assert app.test_client().get("/api/v1/organisations?competency=ciclofficina-popolare").status_code == 200


def test_a_duplicate_name_is_refused_whatever_its_case_or_accents(graph, admin):
    response = admin.post("/admin/competenze", data={"action": "add", "add-label": "raccolta FONDI"})
    assert response.status_code == 422
    assert "Esiste già: «Raccolta fondi»" in response.get_data(as_text=True)
    response = admin.post("/admin/competenze?lang=en", data={"action": "add", "add-label": "raccolta FONDI"})
    assert response.status_code == 422
    assert "It already exists: “Raccolta fondi”" in response.get_data(as_text=True)


def test_merging_duplicates_keeps_every_organisation_s_competency(graph, admin, app):
    admin.post("/admin/competenze", data={"action": "add", "add-label": "Fund raising"})
    seeding.create_rows(graph, "organisations", [
        {"id": f"o{i}", "seat": "comune:096004", "works_in": [], "activities": [],
         "competencies": [competency], "created_at": "2026-01-01T00:00:00Z",
         "props": {"name": f"Ente {i}", "kind": "ETS", "codice_fiscale": f"cf{i}"}}
        for i, competency in enumerate(["fund-raising", "fundraising", "fund-raising"])])
    response = admin.post("/admin/competenze", data={"action": "merge", "merge-source": "fund-raising",
                                                     "merge-target": "fundraising"})
    assert response.status_code == 302
    left = graph.read("MATCH (c:Competency) WHERE c.id IN ['fund-raising', 'fundraising'] RETURN c.id AS id")
    assert left == [{"id": "fundraising"}]
    body = app.test_client().get("/api/v1/organisations?competency=fundraising").get_json()
    assert body["total"] == 3  # the search fields followed the merge


def test_merging_a_competency_into_itself_is_refused(graph, admin):
    response = admin.post("/admin/competenze", data={"action": "merge", "merge-source": "fundraising",
                                                     "merge-target": "fundraising"})
    assert response.status_code == 422
    assert "Scegli due competenze diverse." in response.get_data(as_text=True)


def test_the_verification_queue_lists_unverified_organisations(graph, admin):
    seeding.create_rows(graph, "organisations", [
        {"id": "o1", "seat": "comune:096004", "works_in": [], "activities": [], "competencies": [],
         "created_at": "2026-01-01T00:00:00Z",
         "props": {"name": "In attesa", "kind": "ETS", "codice_fiscale": "cf1", "verified": False}},
        {"id": "o2", "seat": "comune:096004", "works_in": [], "activities": [], "competencies": [],
         "created_at": "2026-01-01T00:00:00Z",
         "props": {"name": "Già verificata", "kind": "ETS", "codice_fiscale": "cf2", "verified": True}}])
    page = admin.get("/admin/").get_data(as_text=True)
    assert "In attesa" in page and "Già verificata" not in page
