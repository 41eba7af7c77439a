"""The best-practice showcase on the real graph: writing and its permissions, promotion of a
solved topic, drafts, the public list with full-text search and filters, XSS, the JSON API."""

import re

import pytest

from graph.repositories import organisations as organisations_repo
from mentore import create_app
from tests.conftest import app_config
from tests.integration.test_organisations import login, person, seed

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
PRACTICE = {
    "title": "Trasporto sociale con volontari autisti",
    "problem": "Gli anziani soli delle frazioni non riuscivano a raggiungere le visite mediche in città.",
    "solution": "Un'associazione di volontariato e il Comune hanno organizzato turni di autisti volontari "
                "assicurati, con un numero unico per le prenotazioni.",
    "results": "In un anno **1.200 viaggi** e 85 persone accompagnate.",
    "activities": ["a", "c"], "territories": "Biella\nProvincia di Biella",
    "organisations": "Associazione Volontariato Biellese",
    "materials-label": ["Regolamento del servizio", ""],
    "materials-url": ["https://avb.example.it/regolamento.pdf", ""],
    "publish": "1",
}


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def member(graph):
    """Maria, member of the Biella organisation "org-avb" (a second one, "org-comune", exists)."""
    seed(graph, [{"id": "org-avb", "name": "Associazione Volontariato Biellese"},
                 {"id": "org-comune", "name": "Comune di Biella", "kind": "PUBLIC_BODY", "legal_form": "comune"}])
    maria = person(graph)
    organisations_repo.add_member(graph, maria.id, "org-avb", "member")
    return maria


def other(graph, name="Luca Bianchi", email="luca@example.it", roles=()):
    return person(graph, name=name, email=email, roles=roles)


def post_practice(client, **changes):
    data = {**PRACTICE, **changes}
    response = client.post("/buone-pratiche/nuova", data={k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return response.headers["Location"].rsplit("/", 1)[1]


COMMUNITY_WITH_TOPIC = """
MATCH (fac:Person {id: $facilitator}), (op:Person {id: $op}), (replier:Person {id: $replier})
CREATE (c:Community {id: 'com-1', slug: 'anziani-fragilita', name: 'Anziani e fragilità',
                     description: 'Comunità', membership_mode: 'open', created_at: datetime()})
CREATE (fac)-[:FACILITATES]->(c), (fac)-[:BELONGS_TO]->(c), (op)-[:BELONGS_TO]->(c), (replier)-[:BELONGS_TO]->(c)
WITH c, op, replier
MATCH (a:Activity) WHERE a.code IN ['a', 'c']
MERGE (c)-[:ABOUT]->(a)
WITH DISTINCT c, op, replier
CREATE (t:Topic {id: 'topic-1', title: 'Trasporto sociale: come gestite i rimborsi?',
                 body: 'Da noi i volontari autisti anticipano la benzina: come li rimborsate?',
                 community_id: 'com-1', created_at: datetime()})-[:IN]->(c)
CREATE (op)-[:WROTE]->(t)
CREATE (p1:Post {id: 'post-1', number: 1, topic_id: 'topic-1', created_at: datetime(),
                 body: 'Noi usiamo i rimborsi chilometrici con il registro dei viaggi firmato.'})-[:IN]->(t)
CREATE (replier)-[:WROTE]->(p1)
CREATE (t2:Topic {id: 'topic-2', title: 'Domanda aperta senza soluzione', body: 'Qualcuno ha esperienza?',
                  community_id: 'com-1', created_at: datetime()})-[:IN]->(c)
CREATE (op)-[:WROTE]->(t2)
"""


@pytest.fixture()
def forum(graph, member):
    """A community facilitated by Fabio; Maria (org-avb) opened topic-1, Carla (Comune di Biella)
    replied; topic-2 has no solution. Returns the facilitator."""
    fabio = other(graph, name="Fabio Verdi", email="fabio@example.it")
    carla = other(graph, name="Carla Neri", email="carla@example.it")
    organisations_repo.add_member(graph, carla.id, "org-comune", "member")
    graph.write(COMMUNITY_WITH_TOPIC, facilitator=fabio.id, op=member.id, replier=carla.id)
    return fabio


def solve(graph, topic_id="topic-1", post_id="post-1"):
    graph.write("MATCH (t:Topic {id: $t}), (p:Post {id: $p}) MERGE (t)-[:SOLVED_BY]->(p)", t=topic_id, p=post_id)


# ----------------------------------------------------------------------------- writing


def test_a_member_publishes_a_best_practice_with_all_its_links(graph, client, member):
    login(client, member)
    bp_id = post_practice(client)
    stored = graph.read("""
        MATCH (p:Person)-[:WROTE]->(bp:BestPractice {id: $id})
        RETURN p.id AS author, bp.status AS status, bp.materials AS materials,
               [(bp)-[:IN]->(t) | t.id] AS places, [(bp)-[:CONCERNS]->(a) | a.code] AS activities,
               [(bp)-[:INVOLVES]->(o) | o.id] AS organisations""", id=bp_id)[0]
    assert stored["author"] == member.id and stored["status"] == "published"
    assert sorted(stored["places"]) == ["comune:096004", "provincia:096"]
    assert sorted(stored["activities"]) == ["a", "c"] and stored["organisations"] == ["org-avb"]
    assert stored["materials"] == ["Regolamento del servizio\thttps://avb.example.it/regolamento.pdf"]

    page = client.application.test_client().get(f"/buone-pratiche/{bp_id}").get_data(as_text=True)
    assert "Trasporto sociale con volontari autisti" in page and "<strong>1.200 viaggi</strong>" in page
    assert 'href="/organizzazioni/org-avb"' in page and 'href="https://avb.example.it/regolamento.pdf"' in page
    assert "Biella (BI)" in page and "Provincia di Biella" in page
    profile = client.get("/organizzazioni/org-avb").get_data(as_text=True)
    assert f'href="/buone-pratiche/{bp_id}"' in profile


def test_an_area_among_the_territories_is_its_provinces(graph, client, member):
    login(client, member)
    bp_id = post_practice(client, territories="Salento\nBiella")
    stored = graph.read("MATCH (:BestPractice {id: $id})-[:IN]->(t) RETURN t.id AS t ORDER BY t", id=bp_id)
    assert [r["t"] for r in stored] == ["comune:096004", "provincia:073", "provincia:074", "provincia:075"]
    too_many = client.post("/buone-pratiche/nuova", data={  # ten lines, fifteen territories
        **PRACTICE, "territories": "\n".join(["Salento", "Monferrato", "Chianti", "Carso", "Torino", "Asti", "Novara",
                                              "Cuneo", "Alessandria", "Vercelli"])})
    assert too_many.status_code == 422 and "Indica al massimo 10 territori." in too_many.get_data(as_text=True)


def test_the_form_keeps_input_and_explains_errors_in_italian(graph, client, member):
    login(client, member)
    response = client.post("/buone-pratiche/nuova", data={
        **PRACTICE, "activities": [], "territories": "Atlantide", "organisations": "Ente Che Non Esiste",
        "materials-label": ["Guida", "Senza indirizzo"], "materials-url": ["javascript:alert(1)", ""]})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Scegli almeno un&#39;attività." in page or "Scegli almeno un'attività." in page
    assert "Luogo non trovato" in page and "http:// o https://" in page and "manca l&#39;indirizzo" in page
    assert 'value="Trasporto sociale con volontari autisti"' in page and 'value="javascript:alert(1)"' in page
    assert graph.read("MATCH (bp:BestPractice) RETURN count(bp) AS n")[0]["n"] == 0


def test_the_form_explains_errors_in_english_on_the_english_page(graph, client, member):
    login(client, member)
    response = client.post("/buone-pratiche/nuova?lang=en", data={
        **PRACTICE, "territories": "Atlantide", "organisations": "Volontariato Biellese"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Place not found: “Atlantide”" in page
    response = client.post("/buone-pratiche/nuova?lang=en", data={**PRACTICE, "organisations": "Volontariato Biellese"})
    page = response.get_data(as_text=True)
    assert "Not found in the directory: «Volontariato Biellese»." in page
    assert "Did you mean: «Associazione Volontariato Biellese»?" in page
    assert "Non trovate" not in page


def test_unknown_organisation_names_are_reported_with_close_names(graph, client, member):
    login(client, member)
    response = client.post("/buone-pratiche/nuova", data={**PRACTICE, "organisations": "Volontariato Biellese"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Non trovate nella directory" in page and "Associazione Volontariato Biellese" in page
    assert graph.read("MATCH (bp:BestPractice) RETURN count(bp) AS n")[0]["n"] == 0
    # names are matched whatever their case
    bp_id = post_practice(client, organisations="associazione volontariato biellese\nComune di Biella")
    assert graph.read("MATCH (:BestPractice {id: $id})-[:INVOLVES]->(o) RETURN count(o) AS n", id=bp_id)[0]["n"] == 2


def test_an_extra_material_row_is_added_without_saving(graph, client, member):
    login(client, member)
    response = client.post("/buone-pratiche/nuova", data={**PRACTICE, "publish": None, "add_material": "1"})
    assert response.status_code == 200
    assert response.get_data(as_text=True).count('name="materials-url"') == 4
    assert graph.read("MATCH (bp:BestPractice) RETURN count(bp) AS n")[0]["n"] == 0


def test_people_without_organisation_cannot_write_and_anonymous_go_to_login(graph, client):
    assert "/accedi" in client.get("/buone-pratiche/nuova").headers["Location"]
    login(client, other(graph))
    assert client.get("/buone-pratiche/nuova").status_code == 403
    assert client.post("/buone-pratiche/nuova", data=PRACTICE).status_code == 403
    assert graph.read("MATCH (bp:BestPractice) RETURN count(bp) AS n")[0]["n"] == 0


def test_only_author_admins_and_community_facilitators_edit_and_delete(graph, app, member, forum):
    author, outsider, admin, facilitator = (app.test_client() for _ in range(4))
    login(author, member)
    bp_id = post_practice(author, community="com-1")
    login(outsider, other(graph))
    assert outsider.get(f"/buone-pratiche/{bp_id}/modifica").status_code == 403
    assert outsider.post(f"/buone-pratiche/{bp_id}/modifica", data={**PRACTICE, "title": "Presa"}).status_code == 403
    assert outsider.post(f"/buone-pratiche/{bp_id}/elimina").status_code == 403
    assert "/modifica" not in outsider.get(f"/buone-pratiche/{bp_id}").get_data(as_text=True)

    login(facilitator, forum)
    response = facilitator.post(f"/buone-pratiche/{bp_id}/modifica",
                                data={**PRACTICE, "community": "com-1", "title": "Trasporto sociale solidale"})
    assert response.status_code == 302
    login(admin, other(graph, name="Ada Admin", email="ada@example.it", roles=("platform_admin",)))
    assert admin.get(f"/buone-pratiche/{bp_id}/modifica").status_code == 200
    assert graph.read("MATCH (bp:BestPractice {id: $id}) RETURN bp.title AS t", id=bp_id) == [
        {"t": "Trasporto sociale solidale"}]

    confirm = author.get(f"/buone-pratiche/{bp_id}/elimina").get_data(as_text=True)
    assert "Eliminare questa buona pratica?" in confirm and 'method="post"' in confirm
    assert graph.read("MATCH (bp:BestPractice) RETURN count(bp) AS n")[0]["n"] == 1
    assert author.post(f"/buone-pratiche/{bp_id}/elimina").status_code == 302
    assert graph.read("MATCH (bp:BestPractice) RETURN count(bp) AS n")[0]["n"] == 0
    assert author.get(f"/buone-pratiche/{bp_id}").status_code == 404


def test_a_draft_is_visible_only_to_its_author_and_admins(graph, app, member):
    author, outsider, anonymous, admin = (app.test_client() for _ in range(4))
    login(author, member)
    bp_id = post_practice(author, publish=None, save_draft="1")
    assert graph.read("MATCH (bp:BestPractice {id: $id}) RETURN bp.status AS s", id=bp_id) == [{"s": "draft"}]
    assert "Le tue bozze" in author.get("/buone-pratiche").get_data(as_text=True)
    assert author.get(f"/buone-pratiche/{bp_id}").status_code == 200

    login(outsider, other(graph))
    login(admin, other(graph, name="Ada Admin", email="ada@example.it", roles=("platform_admin",)))
    for client in (outsider, anonymous):
        assert client.get(f"/buone-pratiche/{bp_id}").status_code == 404
        assert client.get(f"/api/v1/best-practices/{bp_id}").status_code == 404
        assert "Trasporto sociale" not in client.get("/buone-pratiche").get_data(as_text=True)
    assert outsider.get(f"/buone-pratiche/{bp_id}/modifica").status_code == 404
    assert admin.get(f"/buone-pratiche/{bp_id}").status_code == 200
    assert "Trasporto sociale" not in anonymous.get("/api/v1/best-practices").get_data(as_text=True)

    author.post(f"/buone-pratiche/{bp_id}/modifica", data=PRACTICE)  # published now
    assert anonymous.get(f"/buone-pratiche/{bp_id}").status_code == 200


# ----------------------------------------------------------------------------- promotion


def test_a_facilitator_promotes_a_solved_topic_with_the_form_pre_filled(graph, app, member, forum):
    solve(graph)
    client = app.test_client()
    login(client, forum)
    page = client.get("/buone-pratiche/nuova?topic=topic-1").get_data(as_text=True)
    assert 'value="Trasporto sociale: come gestite i rimborsi?"' in page
    assert "Da noi i volontari autisti anticipano la benzina" in page  # the opening text: the problem
    assert "Noi usiamo i rimborsi chilometrici" in page  # the accepted solution
    assert "Anziani e fragilità" in page and "/comunita/anziani-fragilita/discussioni/topic-1" in page
    assert "Associazione Volontariato Biellese\nComune di Biella" in page  # the writers' organisations
    checked = re.findall(r'<input checked[^>]* value="([a-z])"', page)
    assert checked == ["a", "c"]  # the community's theme

    response = client.post("/buone-pratiche/nuova?topic=topic-1", data={
        "title": "Rimborsi chilometrici per i volontari autisti",
        "problem": "I volontari autisti anticipavano la benzina senza regole chiare.",
        "solution": "Rimborsi chilometrici con il registro dei viaggi firmato dal beneficiario.",
        "activities": ["a", "c"], "organisations": "Associazione Volontariato Biellese\nComune di Biella",
        "publish": "1"})
    assert response.status_code == 302
    bp_id = response.headers["Location"].rsplit("/", 1)[1]
    links = graph.read("""MATCH (bp:BestPractice {id: $id})
        RETURN [(bp)-[:FROM_TOPIC]->(t) | t.id] AS topics, [(bp)-[:FROM_COMMUNITY]->(c) | c.id] AS communities""",
                       id=bp_id)
    assert links == [{"topics": ["topic-1"], "communities": ["com-1"]}]
    detail = client.get(f"/buone-pratiche/{bp_id}").get_data(as_text=True)
    assert 'href="/comunita/anziani-fragilita"' in detail and "/discussioni/topic-1" in detail
    edit = client.get(f"/buone-pratiche/{bp_id}/modifica").get_data(as_text=True)
    assert 'id="linked-topic"' in edit and 'name="community"' not in edit  # fixed by the promotion
    assert client.post(f"/buone-pratiche/{bp_id}/modifica", data={**PRACTICE, "organisations": ""}).status_code == 302
    assert graph.read("MATCH (:BestPractice {id: $id})-[:FROM_TOPIC|FROM_COMMUNITY]->(x) RETURN count(x) AS n",
                      id=bp_id) == [{"n": 2}]
    of_community = client.get("/buone-pratiche?community=com-1").get_data(as_text=True)
    assert "1 buona pratica trovata" in of_community and 'id="community-filter"' in of_community
    # the community page's partial lists it through the template global
    with app.test_request_context():
        from flask import render_template_string
        html = render_template_string('{% include "showcase/_for_community.html" %}',
                                      community={"id": "com-1", "slug": "anziani-fragilita"})
    assert "Trasporto sociale con volontari autisti" in html  # the title as edited


def test_promotion_is_refused_without_a_solution_and_for_non_facilitators(graph, app, member, forum):
    facilitator, author = app.test_client(), app.test_client()
    login(facilitator, forum)
    response = facilitator.get("/buone-pratiche/nuova?topic=topic-2")
    assert response.status_code == 409
    assert "non ha ancora una soluzione accettata" in response.get_data(as_text=True)
    in_english = facilitator.get("/buone-pratiche/nuova?topic=topic-2&lang=en").get_data(as_text=True)
    assert "This discussion has no accepted solution yet" in in_english
    assert facilitator.post("/buone-pratiche/nuova?topic=topic-2", data=PRACTICE).status_code == 409
    assert facilitator.get("/buone-pratiche/nuova?topic=nessuno").status_code == 404

    solve(graph)
    login(author, member)  # she opened the topic, but does not facilitate the community
    assert author.get("/buone-pratiche/nuova?topic=topic-1").status_code == 403
    assert author.post("/buone-pratiche/nuova?topic=topic-1", data=PRACTICE).status_code == 403
    assert graph.read("MATCH (bp:BestPractice) RETURN count(bp) AS n")[0]["n"] == 0


# ----------------------------------------------------------------------------- list, search, filters


def test_search_and_filters_find_published_practices(graph, client, member):
    login(client, member)
    post_practice(client)
    post_practice(client, title="Orti comunitari nelle scuole di Palermo", territories="Palermo",
                  problem="Cortili scolastici abbandonati e bambini senza spazi verdi nel quartiere.",
                  solution="Un patto di collaborazione tra scuola, Comune e associazioni per coltivare gli orti.",
                  results="", activities=["e"], organisations="")
    anonymous = client.application.test_client()
    everything = anonymous.get("/buone-pratiche").get_data(as_text=True)
    assert 'href="/buone-pratiche" aria-current="page"' in everything  # the menu entry
    assert "2 buone pratiche trovate" in everything and 'data-activity="e"' in everything
    found = anonymous.get("/buone-pratiche?q=viaggio").get_data(as_text=True)  # stemmed, Italian full text
    assert "1 buona pratica trovata" in found and "Trasporto sociale con volontari autisti" in found
    assert "1 buona pratica trovata" in anonymous.get("/buone-pratiche?activity=e").get_data(as_text=True)
    piedmont = anonymous.get("/buone-pratiche?territory=regione:01").get_data(as_text=True)
    assert "1 buona pratica trovata" in piedmont and "Orti comunitari" not in piedmont
    assert "1 buona pratica trovata" in anonymous.get("/buone-pratiche?comune=Palermo").get_data(as_text=True)
    empty = anonymous.get("/buone-pratiche?q=falegnameria").get_data(as_text=True)
    assert "Nessuna buona pratica trovata" in empty and "0 buone pratiche trovate" in empty
    assert "Comune non trovato" in anonymous.get("/buone-pratiche?comune=Atlantide").get_data(as_text=True)


def test_the_list_is_paginated(graph, client, member):
    login(client, member)
    for i in range(3):
        post_practice(client, title=f"Buona pratica numero {i}")
    anonymous = client.application.test_client()
    first = anonymous.get("/buone-pratiche?per_page=2").get_data(as_text=True)
    second = anonymous.get("/buone-pratiche?per_page=2&page=2").get_data(as_text=True)
    assert first.count('class="card shadow-sm mb-3 result"') == 2 and 'rel="next"' in first
    assert second.count('class="card shadow-sm mb-3 result"') == 1
    body = anonymous.get("/api/v1/best-practices?per_page=2&page=2").get_json()
    assert body["total"] == 3 and body["pages"] == 2 and len(body["items"]) == 1


# ----------------------------------------------------------------------------- XSS and the API


def test_script_injection_is_neutralised_in_page_and_api(graph, client, member):
    login(client, member)
    bp_id = post_practice(client, title=f"Titolo {XSS}", problem=f"Problema serio {XSS} [clic](javascript:alert(1))",
                          **{"materials-label": [f"Guida {XSS}"], "materials-url": ["https://example.it/guida"]})
    page = client.get(f"/buone-pratiche/{bp_id}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page and 'href="javascript:' not in page
    assert "&lt;script&gt;" in page
    listing = client.get("/buone-pratiche").get_data(as_text=True)
    assert "<script>alert" not in listing and "&lt;script&gt;" in listing

    response = client.get(f"/api/v1/best-practices/{bp_id}")
    assert response.mimetype == "application/json" and response.headers["X-Content-Type-Options"] == "nosniff"
    body = response.get_json()
    assert body["title"] == f"Titolo {XSS}"  # data as written, served as JSON (never HTML)
    html = body["problem_html"]
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html and "&lt;script&gt;" in html
    assert body["materials"] == [{"label": f"Guida {XSS}", "url": "https://example.it/guida"}]


def test_the_api_lists_and_describes_best_practices(graph, client, member):
    login(client, member)
    bp_id = post_practice(client)
    anonymous = client.application.test_client()
    body = anonymous.get("/api/v1/best-practices?q=anziani&activity=a&territory=provincia:096").get_json()
    assert body["total"] == 1 and body["items"][0]["id"] == bp_id
    assert body["items"][0]["organisations"] == [{"id": "org-avb", "name": "Associazione Volontariato Biellese"}]
    assert body["activity_counts"] == {"a": 1, "c": 1}
    detail = anonymous.get(f"/api/v1/best-practices/{bp_id}").get_json()
    assert detail["status"] == "published" and detail["activities"] == ["a", "c"]
    assert {"id": "provincia:096", "name": "Provincia di Biella"} in detail["territories"]
    assert "<strong>1.200 viaggi</strong>" in detail["results_html"]
    assert anonymous.get("/api/v1/best-practices/nessuna").status_code == 404
    assert anonymous.get("/api/v1/best-practices/nessuna").get_json()["error"]["status"] == 404
    assert anonymous.get("/api/v1/best-practices?activity=zz").status_code == 400
    error = anonymous.get("/api/v1/best-practices?activity=zz&comune=Atlantide&lang=en").get_json()["error"]
    assert error["title"] == "Invalid parameters"
    assert error["fields"] == {"activity": "Invalid value: zz.", "comune": "Municipality not found: Atlantide."}
    spec = anonymous.get("/api/v1/openapi.json").get_json()
    assert "/best-practices" in spec["paths"] and "/best-practices/{id}" in spec["paths"]
