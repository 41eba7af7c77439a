"""Communities on the real graph: the list and page, membership by mode (open, request,
invitation), leaving and following, facilitators' rights, administration by platform admins."""

import pytest

from mentore import create_app
from tests.conftest import app_config
from tests.integration.test_forum_web import as_, community, old
from tests.integration.test_organisations import person


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def cast(graph):
    fede = old(graph, person(graph, "Federica Verdi", "fede@example.it"))
    maria = old(graph, person(graph, "Maria Rossi", "maria@example.it"))
    olga = old(graph, person(graph, "Olga Esterna", "olga@example.it"))
    admin = old(graph, person(graph, "Ada Admin", "ada@example.it", roles=("platform_admin",)))
    return {"fede": fede, "maria": maria, "olga": olga, "admin": admin}


def relations(graph, who, slug):
    return sorted(r["type"] for r in graph.read(
        "MATCH (:Person {id: $id})-[r]->(:Community {slug: $slug}) RETURN type(r) AS type", id=who.id, slug=slug))


def act(client, slug, action, **extra):
    return client.post(f"/comunita/{slug}/partecipazione", data={"action": action, **extra})


def test_the_list_shows_counts_and_facilitators(graph, app, cast):
    community(graph, slug="welfare", name="Welfare di comunità", members=[cast["maria"]], facilitators=[cast["fede"]])
    page = app.test_client().get("/comunita").get_data(as_text=True)
    assert "Welfare di comunità" in page and "2 membri" in page and "0 discussioni" in page
    assert "Federica Verdi" in page
    detail = app.test_client().get("/comunita/welfare").get_data(as_text=True)
    assert "Aperta" in detail and "Accedi per partecipare" in detail and "Federica Verdi" in detail
    assert app.test_client().get("/comunita/non-esiste").status_code == 404


def test_in_english_the_section_is_communities_and_one_of_them_a_community(graph, app, cast):
    """"Comunità" is both singular and plural in Italian: in English the menu and the
    breadcrumbs name the section, "Communities" (the singular label keeps "Community")."""
    community(graph, slug="welfare", name="Welfare di comunità", members=[cast["maria"]], facilitators=[cast["fede"]])
    client = app.test_client()
    client.get("/lingua/en")
    listing = client.get("/comunita").get_data(as_text=True)
    assert 'aria-current="page">Communities</li>' in listing
    detail = client.get("/comunita/welfare").get_data(as_text=True)
    assert '<a href="/comunita">Communities</a>' in detail
    assert ">Comunità<" not in listing + detail


def test_the_members_list_marks_who_facilitates_in_words_that_fit_anyone(graph, app, cast):
    community(graph, slug="welfare", name="Welfare di comunità", members=[cast["maria"]], facilitators=[cast["fede"]])
    maria = as_(app, cast["maria"])
    page = maria.get("/comunita/welfare/membri").get_data(as_text=True)
    rows = {name: page.split(f"<strong>{name}</strong>", 1)[1].split("</li>", 1)[0]
            for name in ("Federica Verdi", "Maria Rossi")}
    assert "Facilita la comunità" in rows["Federica Verdi"] and "Facilita" not in rows["Maria Rossi"]
    assert "Facilitatore" not in page
    maria.get("/lingua/en")
    assert "Facilitator" in maria.get("/comunita/welfare/membri").get_data(as_text=True)


def test_anyone_joins_an_open_community_then_follows_leaves(graph, app, cast):
    community(graph, slug="welfare", facilitators=[cast["fede"]])
    olga = as_(app, cast["olga"])
    assert "Unisciti alla comunità" in olga.get("/comunita/welfare").get_data(as_text=True)
    assert act(olga, "welfare", "join").status_code == 302
    assert relations(graph, cast["olga"], "welfare") == ["BELONGS_TO", "FOLLOWS"]
    act(olga, "welfare", "unfollow")
    assert relations(graph, cast["olga"], "welfare") == ["BELONGS_TO"]
    assert "Segui" in olga.get("/comunita/welfare").get_data(as_text=True)
    act(olga, "welfare", "leave")
    assert relations(graph, cast["olga"], "welfare") == []


def test_on_request_a_facilitator_accepts_or_refuses_and_the_person_is_told(graph, app, cast):
    community(graph, slug="sport", mode="request", facilitators=[cast["fede"]])
    olga, maria = as_(app, cast["olga"]), as_(app, cast["maria"])
    act(olga, "sport", "join")  # not possible on request
    assert relations(graph, cast["olga"], "sport") == []
    act(olga, "sport", "request", message="Lavoro con una polisportiva <b>inclusiva</b>.")
    act(maria, "sport", "request", message="")
    assert relations(graph, cast["olga"], "sport") == ["REQUESTED"]
    fede = as_(app, cast["fede"])
    page = fede.get("/comunita/sport/membri").get_data(as_text=True)
    assert "Olga Esterna" in page and "&lt;b&gt;inclusiva&lt;/b&gt;" in page
    assert "Richieste di adesione" not in olga.get("/comunita/sport/membri").get_data(as_text=True)
    # only facilitators decide
    decide = f"/comunita/sport/membri/richieste/{cast['maria'].id}"
    assert olga.post(decide, data={"decision": "accept"}).status_code == 403
    fede.post(f"/comunita/sport/membri/richieste/{cast['olga'].id}", data={"decision": "accept"})
    fede.post(f"/comunita/sport/membri/richieste/{cast['maria'].id}", data={"decision": "refuse"})
    assert relations(graph, cast["olga"], "sport") == ["BELONGS_TO", "FOLLOWS"]
    assert relations(graph, cast["maria"], "sport") == []
    told = graph.read("MATCH (n:Notification {kind: 'membership'})-[:FOR]->(p:Person) RETURN p.name AS name, "
                      "n.title AS title ORDER BY name")
    assert [t["name"] for t in told] == ["Federica Verdi", "Federica Verdi", "Maria Rossi", "Olga Esterna"]
    assert "non è stata accolta" in told[2]["title"] and "è stata accolta" in told[3]["title"]


def test_by_invitation_only_invited_people_enter(graph, app, cast):
    community(graph, slug="pa", mode="invitation", facilitators=[cast["fede"]])
    olga = as_(app, cast["olga"])
    assert "Si entra in questa comunità su invito" in olga.get("/comunita/pa").get_data(as_text=True)
    act(olga, "pa", "join")
    act(olga, "pa", "request", message="Posso?")
    assert relations(graph, cast["olga"], "pa") == []
    fede = as_(app, cast["fede"])
    response = fede.post("/comunita/pa/membri/invita", data={"email": "nessuno@example.it"})
    assert response.status_code == 422 and "Nessun account attivo" in response.get_data(as_text=True)
    assert fede.post("/comunita/pa/membri/invita", data={"email": "OLGA@example.it"}).status_code == 302
    assert as_(app, cast["maria"]).post("/comunita/pa/membri/invita", data={"email": "x@y.it"}).status_code == 403
    assert 'name="action" value="accept"' in olga.get("/comunita/pa").get_data(as_text=True)
    act(olga, "pa", "accept")
    assert relations(graph, cast["olga"], "pa") == ["BELONGS_TO", "FOLLOWS"]


def test_removed_people_cannot_rejoin_nor_post(graph, app, cast):
    community(graph, slug="welfare", members=[cast["olga"]], facilitators=[cast["fede"]])
    graph.write("MATCH (:Person {id: $id})-[b:BELONGS_TO|FOLLOWS]->(:Community {slug: 'welfare'}) DELETE b",
                id=cast["olga"].id)
    graph.write("MATCH (p:Person {id: $id}), (c:Community {slug: 'welfare'}) "
                "CREATE (p)-[:REMOVED_FROM {at: datetime(), by: 'x', reason: 'spam'}]->(c)", id=cast["olga"].id)
    olga = as_(app, cast["olga"])
    act(olga, "welfare", "join")
    assert relations(graph, cast["olga"], "welfare") == ["REMOVED_FROM"]
    assert olga.get("/comunita/welfare/discussioni/nuova").status_code == 403
    # an invitation does not lift a removal behind the moderation log's back
    response = as_(app, cast["fede"]).post("/comunita/welfare/membri/invita", data={"email": "olga@example.it"})
    assert response.status_code == 422 and "riammettila prima" in response.get_data(as_text=True)
    assert relations(graph, cast["olga"], "welfare") == ["REMOVED_FROM"]


def test_platform_admins_create_and_edit_communities_and_appoint_facilitators(graph, app, cast):
    admin = as_(app, cast["admin"])
    data = {"name": "Povertà educativa", "description": "Scambio di pratiche contro la povertà educativa minorile.",
            "membership_mode": "request", "activities": ["d", "l"], "territories": ["regione:01"],
            "facilitators": "fede@example.it"}
    assert as_(app, cast["maria"]).post("/comunita/nuova", data=data).status_code == 403
    assert as_(app, cast["maria"]).get("/comunita/nuova").status_code == 403
    response = admin.post("/comunita/nuova", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/comunita/poverta-educativa")
    page = app.test_client().get("/comunita/poverta-educativa").get_data(as_text=True)
    assert "Povertà educativa" in page and "Federica Verdi" in page and "Piemonte" in page
    assert relations(graph, cast["fede"], "poverta-educativa") == ["BELONGS_TO", "FACILITATES", "FOLLOWS"]
    logged = graph.read("MATCH (:Person {id: $id})-[:TOOK]->(a:ModerationAction)-[:ON]->(p:Person) "
                        "RETURN a.action AS action, p.name AS name", id=cast["admin"].id)
    assert logged == [{"action": "appoint_facilitator", "name": "Federica Verdi"}]
    # editing: another facilitator named, an unknown e-mail refused with the input kept
    form = admin.get("/comunita/poverta-educativa/modifica").get_data(as_text=True)
    assert "fede@example.it" in form
    response = admin.post("/comunita/poverta-educativa/modifica",
                          data={**data, "membership_mode": "open", "facilitators": "fede@example.it\nnessuno@x.it"})
    assert response.status_code == 422 and "Nessun account attivo con questi indirizzi: nessuno@x.it." in \
        response.get_data(as_text=True)
    response = admin.post("/comunita/poverta-educativa/modifica?lang=en",
                          data={**data, "membership_mode": "open", "facilitators": "fede@example.it\nnessuno@x.it"})
    assert "No active account with these addresses: nessuno@x.it." in response.get_data(as_text=True)
    response = admin.post("/comunita/poverta-educativa/modifica",
                          data={**data, "membership_mode": "open", "facilitators": "maria@example.it"})
    assert response.status_code == 302
    assert relations(graph, cast["fede"], "poverta-educativa") == ["BELONGS_TO", "FOLLOWS"]
    assert "FACILITATES" in relations(graph, cast["maria"], "poverta-educativa")
    assert as_(app, cast["fede"]).get("/comunita/poverta-educativa/modifica").status_code == 403
    # a second community with the same name gets its own address
    response = admin.post("/comunita/nuova", data=data)
    assert response.headers["Location"].endswith("/comunita/poverta-educativa-2")


def test_a_community_name_with_markup_is_escaped(graph, app, cast):
    community(graph, slug="xss", name='<script>alert(1)</script>"><img src=x onerror=alert(1)>')
    for url in ("/comunita", "/comunita/xss"):
        page = app.test_client().get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
