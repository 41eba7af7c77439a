"""Organisations end to end on the real graph: profiles, permissions, membership, verification,
the directory's search and facets, the JSON API."""

import re

import pytest

from graph.repositories import people, seeding
from mentore import create_app
from mentore.services import organisations as organisations_service
from tests.conftest import app_config

PROFILE = {
    "name": "Associazione Volontariato Biellese", "kind": "ETS", "legal_form": "odv",
    "codice_fiscale": "90012345675", "runts_section": "a", "runts_number": "1234", "seat": "Biella",
    "works_in": ["provincia:096"], "activities": ["a", "l"], "competencies": ["gestione-volontari"],
    "resources": ["volontari"], "description": "Promuoviamo il volontariato con gli anziani soli.",
    "website": "https://avb.example.it", "email": "info@avb.example.it", "founded": "2012",
}


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


def person(graph, name="Maria Rossi", email="maria@example.it", roles=()):
    return people.create(graph, name=name, email=email, password_hash=None, roles=roles)


def login(client, who):
    with client.session_transaction() as session:
        session["_user_id"] = f"{who.id}.{who.session_version}"
        session["_fresh"] = True


def create_organisation(client, **changes):
    data = {**PROFILE, **changes}
    response = client.post("/organizzazioni/nuova", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"].rsplit("/", 1)[1]


def seed(graph, rows):
    seeding.create_rows(graph, "organisations", [
        {"id": r["id"], "seat": r.get("seat", "comune:096004"), "works_in": r.get("works_in", []),
         "activities": r.get("activities", []), "competencies": r.get("competencies", []),
         "created_at": "2026-01-01T00:00:00Z",
         "props": {"name": r["name"], "kind": r.get("kind", "ETS"), "codice_fiscale": r["id"],
                   "description": r.get("description", ""), "verified": r.get("verified", False),
                   "legal_form": r.get("legal_form", "odv")}} for r in rows])


# ----------------------------------------------------------------------------- profiles


def test_a_signed_in_person_registers_an_organisation_and_becomes_its_admin(graph, client):
    maria = person(graph)
    login(client, maria)
    organisation_id = create_organisation(client)
    page = client.get(f"/organizzazioni/{organisation_id}").get_data(as_text=True)
    assert "Associazione Volontariato Biellese" in page and "Modifica il profilo" in page
    stored = graph.read("MATCH (p:Person {id: $p})-[m:MEMBER_OF]->(o:Organisation {id: $o})-[:LOCATED_IN]->(t) "
                        "RETURN m.role AS role, t.name AS seat, o.founded AS founded, "
                        "COUNT { (o)-[:OPERATES_IN]->() } AS activities", p=maria.id, o=organisation_id)
    assert stored == [{"role": "admin", "seat": "Biella", "founded": 2012, "activities": 2}]


def test_anonymous_visitors_are_sent_to_login_to_register_an_organisation(client):
    response = client.get("/organizzazioni/nuova")
    assert response.status_code == 302 and "/accedi" in response.headers["Location"]


def test_invalid_profile_keeps_what_was_typed_and_explains_in_italian(graph, client):
    login(client, person(graph))
    response = client.post("/organizzazioni/nuova", data={**PROFILE, "codice_fiscale": "90012345679", "seat": "Castro"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Codice fiscale non valido" in page and "Castro (LE)" in page
    assert 'value="Associazione Volontariato Biellese"' in page  # input kept
    assert "Promuoviamo il volontariato con gli anziani soli." in page
    assert graph.read("MATCH (o:Organisation) RETURN count(o) AS n")[0]["n"] == 0


def test_a_duplicate_codice_fiscale_is_refused_with_a_clear_message(graph, client):
    login(client, person(graph))
    create_organisation(client)
    response = client.post("/organizzazioni/nuova", data={**PROFILE, "name": "Un altro nome"})
    assert response.status_code == 422
    assert "Esiste già un&#39;organizzazione con questo codice fiscale." in response.get_data(as_text=True)
    assert graph.read("MATCH (o:Organisation) RETURN count(o) AS n")[0]["n"] == 1


def test_editing_an_organisation_you_do_not_administer_is_forbidden(graph, app):
    owner, other = app.test_client(), app.test_client()
    login(owner, person(graph))
    organisation_id = create_organisation(owner)
    login(other, person(graph, "Luca Bianchi", "luca@example.it"))
    refused = other.get(f"/organizzazioni/{organisation_id}/modifica")
    assert refused.status_code == 403  # and the page says why
    assert "Solo gli amministratori dell&#39;organizzazione possono modificarla." in refused.get_data(as_text=True)
    response = other.post(f"/organizzazioni/{organisation_id}/modifica", data={**PROFILE, "name": "Rubata"})
    assert response.status_code == 403
    stored = graph.read("MATCH (o:Organisation {id: $id}) RETURN o.name AS n", id=organisation_id)
    assert stored[0]["n"] == PROFILE["name"]
    assert owner.get("/organizzazioni/non-esiste/modifica").status_code == 404


def test_admins_edit_their_profile_and_nothing_else_is_lost(graph, client):
    login(client, person(graph))
    organisation_id = create_organisation(client)
    form = client.get(f"/organizzazioni/{organisation_id}/modifica").get_data(as_text=True)
    assert 'value="90012345675"' in form and "Biella (BI)" in form
    response = client.post(f"/organizzazioni/{organisation_id}/modifica",
                           data={**PROFILE, "description": "Nuova descrizione", "activities": ["a"]})
    assert response.status_code == 302
    row = graph.read("MATCH (o:Organisation {id: $id}) RETURN o.description AS d, "
                     "COUNT { (o)-[:OPERATES_IN]->() } AS a, COUNT { (o)<-[:MEMBER_OF]-() } AS m", id=organisation_id)
    assert row == [{"d": "Nuova descrizione", "a": 1, "m": 1}]


def test_people_are_visible_only_to_members_and_platform_admins(graph, app):
    owner, visitor, admin = app.test_client(), app.test_client(), app.test_client()
    login(owner, person(graph))
    organisation_id = create_organisation(owner)
    url = f"/organizzazioni/{organisation_id}"
    assert "maria@example.it" in owner.get(url).get_data(as_text=True)
    assert "maria@example.it" not in visitor.get(url).get_data(as_text=True)
    login(admin, person(graph, "Admin", "admin@example.it", roles=("platform_admin",)))
    assert "maria@example.it" in admin.get(url).get_data(as_text=True)


def test_joining_needs_the_approval_of_an_admin(graph, app):
    owner, applicant = app.test_client(), app.test_client()
    login(owner, person(graph))
    organisation_id = create_organisation(owner)
    luca = person(graph, "Luca Bianchi", "luca@example.it")
    login(applicant, luca)
    applicant.post(f"/organizzazioni/{organisation_id}/aderisci", data={"message": "Sono il tesoriere"})
    assert "Hai chiesto di aderire" in applicant.get(f"/organizzazioni/{organisation_id}").get_data(as_text=True)
    assert "Sono il tesoriere" in owner.get(f"/organizzazioni/{organisation_id}").get_data(as_text=True)
    assert applicant.post(f"/organizzazioni/{organisation_id}/richieste/{luca.id}",
                          data={"decision": "approve"}).status_code == 403
    owner.post(f"/organizzazioni/{organisation_id}/richieste/{luca.id}", data={"decision": "approve"})
    assert "luca@example.it" in applicant.get(f"/organizzazioni/{organisation_id}").get_data(as_text=True)


def test_only_platform_admins_verify_and_the_badge_appears(graph, app):
    owner, admin = app.test_client(), app.test_client()
    login(owner, person(graph))
    organisation_id = create_organisation(owner)
    assert owner.post(f"/organizzazioni/{organisation_id}/verifica", data={"verified": "1"}).status_code == 403
    login(admin, person(graph, "Admin", "admin@example.it", roles=("platform_admin",)))
    admin.post(f"/organizzazioni/{organisation_id}/verifica", data={"verified": "1"})
    assert 'id="verified-badge"' in owner.get(f"/organizzazioni/{organisation_id}").get_data(as_text=True)


# ----------------------------------------------------------------------------- directory


def test_text_search_finds_word_families_and_filters_combine(graph, client):
    seed(graph, [
        {"id": "o1", "name": "Amici del volontariato", "description": "Volontariato con gli anziani",
         "activities": ["a"], "seat": "comune:096004"},  # Biella, Piemonte
        {"id": "o2", "name": "Casa dei giovani", "description": "Volontari nei quartieri",
         "activities": ["l"], "seat": "comune:001272"},  # Torino, Piemonte
        {"id": "o3", "name": "Volontari di Roma", "description": "Sostegno agli anziani",
         "activities": ["a"], "seat": "comune:058091"},  # Roma, Lazio
        {"id": "o4", "name": "Banda musicale", "description": "Concerti", "activities": ["i"], "seat": "comune:096004"},
    ])
    graph.write("CALL db.awaitIndexes(30)")
    ids = lambda r: sorted(i["id"] for i in r.get_json()["items"])  # noqa: E731
    assert ids(client.get("/api/v1/organisations?q=volontari")) == ["o1", "o2", "o3"]
    assert ids(client.get("/api/v1/organisations?q=volontari&activity=a")) == ["o1", "o3"]
    assert ids(client.get("/api/v1/organisations?q=volontari&activity=a&territory=regione:01")) == ["o1"]
    assert ids(client.get("/api/v1/organisations?territory=provincia:096")) == ["o1", "o4"]
    assert ids(client.get("/api/v1/organisations?activity=a&activity=l")) == ["o1", "o2", "o3"]
    page = client.get("/organizzazioni?q=volontari&activity=a&territory=regione:01").get_data(as_text=True)
    assert "Amici del volontariato" in page and "Volontari di Roma" not in page
    assert "1 organizzazione trovata" in page


def test_a_name_typed_finds_the_organisation_whose_name_it_is_before_those_the_text_search_ranks_higher(
        graph, client, app):
    """On the need's met page and in the partner finder a person types an organisation's name:
    the one whose name it is, whatever the case and the spaces around it, even when others say
    the words more often; the only one the text search finds; else a choice among at most five."""
    seed(graph, [{"id": "cv", "name": "Croce Verde"},
                 {"id": "cvb", "name": "Croce Verde Biella", "description": "Croce Verde: soccorso della croce verde."},
                 *({"id": f"v{i}", "name": f"Volontari del Soccorso {i}"} for i in range(7))])
    with app.app_context():
        assert organisations_service.resolve_name(graph, "  CROCE verde ")[:2] == ("cv", [])
        assert organisations_service.resolve_name(graph, "verde biella")[:2] == ("cvb", [])  # the only one found
        found, candidates, error = organisations_service.resolve_name(graph, "volontari soccorso")
        assert found is None and len(candidates) == organisations_service.NAME_CANDIDATES
        assert {c["id"] for c in candidates} < {f"v{i}" for i in range(7)} and error
        assert organisations_service.resolve_name(graph, "della")[:2] == (None, [])  # a stop word finds nothing

        login(client, person(graph))  # a name changed is found by its new name only
        organisation_id = create_organisation(client, name="Pubblica Assistenza")
        edited = client.post(f"/organizzazioni/{organisation_id}/modifica", data={**PROFILE, "name": "P.A. Biellese"})
        assert edited.status_code == 302
        assert organisations_service.resolve_name(graph, "p.a. biellese")[0] == organisation_id
        assert organisations_service.resolve_name(graph, "Pubblica Assistenza")[0] is None


def test_facet_counts_match_the_results(graph, client):
    seed(graph, [{"id": f"o{i}", "name": f"Ente {i}", "activities": ["a"] if i % 2 else ["a", "d"],
                  "verified": i % 3 == 0, "seat": "comune:096004" if i < 5 else "comune:058091"} for i in range(9)])
    body = client.get("/api/v1/organisations?territory=regione:01").get_json()
    assert body["total"] == 5
    facets = {f["value"]: f["count"] for f in body["facets"]["activity"]}
    assert facets == {"a": 5, "d": 3}
    assert body["facets"]["verified"] == 2  # o0, o3
    regions = {f["value"]: f["count"] for f in client.get("/api/v1/organisations").get_json()["facets"]["regione"]}
    assert regions == {"regione:01": 5, "regione:12": 4}


def test_pages_hold_the_filters_and_cover_every_result_once(graph, client):
    seed(graph, [{"id": f"o{i:02d}", "name": f"Ente {i:02d}", "activities": ["a"]} for i in range(45)])
    seen = []
    for number in (1, 2, 3):
        body = client.get(f"/api/v1/organisations?activity=a&per_page=20&page={number}").get_json()
        assert body["total"] == 45 and body["page"] == number
        seen += [i["id"] for i in body["items"]]
    assert sorted(seen) == [f"o{i:02d}" for i in range(45)]
    page = client.get("/organizzazioni?activity=a&page=2").get_data(as_text=True)
    assert "activity=a&amp;page=3" in page and "activity=a&amp;page=1" not in page  # page 1 has no page param
    assert 'href="/organizzazioni?activity=a"' in page


def test_an_empty_result_says_so_and_offers_a_way_back(graph, client):
    page = client.get("/organizzazioni?q=zzzzzzzz").get_data(as_text=True)
    assert 'id="no-results"' in page and "Vedi tutte le organizzazioni" in page


# ----------------------------------------------------------------------------- API


def test_api_lists_with_the_documented_shape_and_rejects_bad_filters(graph, client):
    seed(graph, [{"id": "o1", "name": "Ente uno"}])
    body = client.get("/api/v1/organisations").get_json()
    assert {"items", "total", "page"} <= set(body) and body["total"] == 1
    bad = client.get("/api/v1/organisations?activity=zz")
    assert bad.status_code == 400 and "activity" in bad.get_json()["error"]["fields"]
    assert client.get("/api/v1/organisations/o1").get_json()["name"] == "Ente uno"
    assert client.get("/api/v1/organisations/nope").status_code == 404


def test_api_writes_need_a_person_and_validate_like_the_form(graph, client):
    payload = {**PROFILE, "founded": 2012}
    assert client.post("/api/v1/organisations", json=payload).status_code == 401
    login(client, person(graph))
    bad = client.post("/api/v1/organisations", json={**payload, "codice_fiscale": "123", "activities": "a"})
    assert bad.status_code == 422
    assert set(bad.get_json()["error"]["fields"]) == {"activities"}
    bad = client.post("/api/v1/organisations", json={**payload, "codice_fiscale": "123"})
    assert "Codice fiscale non valido" in bad.get_json()["error"]["fields"]["codice_fiscale"][0]
    created = client.post("/api/v1/organisations", json=payload)
    assert created.status_code == 201
    organisation_id = created.get_json()["id"]
    assert created.headers["Location"].endswith(f"/api/v1/organisations/{organisation_id}")
    duplicate = client.post("/api/v1/organisations", json=payload)
    assert duplicate.status_code == 422 and "codice_fiscale" in duplicate.get_json()["error"]["fields"]
    patched = client.patch(f"/api/v1/organisations/{organisation_id}", json={"description": "Aggiornata"})
    assert patched.status_code == 200
    assert patched.get_json()["description"] == "Aggiornata"
    assert patched.get_json()["activities"] == ["a", "l"]  # PATCH keeps what it was not given


def test_api_update_by_someone_else_is_403(graph, app):
    owner, other = app.test_client(), app.test_client()
    login(owner, person(graph))
    organisation_id = owner.post("/api/v1/organisations", json=PROFILE).get_json()["id"]
    login(other, person(graph, "Luca", "luca@example.it"))
    response = other.put(f"/api/v1/organisations/{organisation_id}", json={**PROFILE, "name": "Rubata"})
    assert response.status_code == 403 and response.is_json
    assert response.get_json()["error"]["title"] == "Accesso negato"
    in_english = other.put(f"/api/v1/organisations/{organisation_id}?lang=en", json={**PROFILE, "name": "Rubata"})
    assert in_english.get_json()["error"]["message"] == "Only the organisation's administrators can change it."


def test_openapi_document_describes_the_directory(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"get", "post"} <= set(spec["paths"]["/organisations"])
    assert {"get", "put", "patch"} <= set(spec["paths"]["/organisations/{id}"])


def test_the_directory_speaks_english_when_asked(graph, client):
    seed(graph, [{"id": "o1", "name": "Ente uno", "activities": ["a"], "legal_form": "aps"}])
    client.get("/lingua/en")
    page = client.get("/organizzazioni").get_data(as_text=True)
    assert "1 organisation found" in page
    assert "Third-Sector entity" in page and "Social promotion association (APS)" in page
    assert "a) Social services" in page


def test_the_organisation_page_lists_published_needs_but_never_drafts(graph, client):
    seed(graph, [{"id": "o1", "name": "Ente uno"}])
    seeding.create_rows(graph, "needs", [
        {"id": f"n-{status}", "organisation": "o1", "territory": "comune:096004", "activity": "a",
         "competencies": [], "created_at": "2026-10-01T09:00:00Z", "deadline": "2027-01-31",
         "props": {"title": f"Bisogno {status}", "description": "Serve aiuto", "status": status,
                   "help_kind": "volontari"}} for status in ("open", "draft")])
    page = client.get("/organizzazioni/o1").get_data(as_text=True)
    assert 'href="/bisogni/n-open"' in page
    assert "Bisogno draft" not in page


def test_the_openapi_document_describes_every_route_of_the_api(app, client):
    """Each route under /api/v1 and each of its methods is in the document (path parameters
    compared by place, not by name)."""
    shape = lambda path: re.sub(r"\{[^}]*\}", "{}", path)  # noqa: E731
    documented = {(shape(path), method.upper()) for path, item in
                  client.get("/api/v1/openapi.json").get_json()["paths"].items() for method in item
                  if method != "parameters"}
    routes = {(shape(re.sub(r"<(?:[^:>]*:)?([^>]*)>", r"{\1}", rule.rule.removeprefix("/api/v1"))), method)
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")
              for method in rule.methods - {"HEAD", "OPTIONS"} if rule.rule != "/api/v1/openapi.json"}
    assert routes - documented == set()
