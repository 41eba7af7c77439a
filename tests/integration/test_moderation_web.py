"""Moderation on the real graph: flags, the review queues, actions on content and members, the
log, and who may do what (403 for everyone but the community's facilitators and platform admins)."""

import pytest

from mentore import create_app
from tests.conftest import app_config
from tests.integration.test_organisations import login, person

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'

COMMUNITY = """
CREATE (:Community {id: $id, slug: $slug, name: $name, description: 'Una comunità di prova',
                    membership_mode: 'open', created_at: datetime()})
"""
JOIN = """
MATCH (p:Person {id: $person}), (c:Community {id: $community})
MERGE (p)-[:BELONGS_TO {since: datetime()}]->(c)
MERGE (p)-[:FOLLOWS]->(c)
FOREACH (_ IN CASE WHEN $facilitator THEN [1] ELSE [] END | MERGE (p)-[:FACILITATES]->(c))
"""
TOPIC = """
MATCH (c:Community {id: $community}), (a:Person {id: $author})
CREATE (t:Topic {id: $id, title: $title, body: $body, community_id: c.id,
                 created_at: datetime('2026-01-01T10:00:00Z'), updated_at: datetime('2026-01-01T10:00:00Z'),
                 last_activity_at: datetime('2026-01-01T10:00:00Z'), reply_count: 0, last_number: 0,
                 pinned: false, locked: false, hidden: false, version: 1})
CREATE (t)-[:IN]->(c), (a)-[:WROTE]->(t)
"""
POST = """
MATCH (t:Topic {id: $topic}), (a:Person {id: $author})
SET t.last_number = t.last_number + 1, t.reply_count = t.reply_count + 1, t.last_activity_at = datetime($at)
CREATE (p:Post {id: $id, body: $body, topic_id: t.id, number: t.last_number, created_at: datetime($at),
                updated_at: datetime($at), hidden: false, version: 1})
CREATE (p)-[:IN]->(t), (a)-[:WROTE]->(p)
"""


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


class World:
    """Two communities (A: orti sociali, B: welfare), a facilitator of each, two members of A,
    an outsider and a platform admin; in A a topic by Maria with two replies (Luca, then Maria)."""

    def __init__(self, graph):
        self.graph = graph
        graph.write(COMMUNITY, id="com-a", slug="orti-sociali", name="Orti sociali")
        graph.write(COMMUNITY, id="com-b", slug="welfare", name="Welfare di comunità")
        self.facilitator = person(graph, name="Fabio Facilitatore", email="fabio@example.it")
        self.facilitator_b = person(graph, name="Beatrice Facilitatrice", email="bea@example.it")
        self.maria = person(graph, name="Maria Rossi", email="maria@example.it")
        self.luca = person(graph, name="Luca Bianchi", email="luca@example.it")
        self.outsider = person(graph, name="Olga Esterna", email="olga@example.it")
        self.admin = person(graph, name="Anna Admin", email="anna@example.it", roles=("platform_admin",))
        for who, community, facilitator in ((self.facilitator, "com-a", True), (self.facilitator_b, "com-b", True),
                                            (self.maria, "com-a", False), (self.luca, "com-a", False)):
            graph.write(JOIN, person=who.id, community=community, facilitator=facilitator)
        graph.write(TOPIC, id="topic-1", community="com-a", author=self.maria.id, title="Semi antichi da scambiare",
                    body="Chi ha **semi** di pomodoro antico?")
        graph.write(POST, id="post-1", topic="topic-1", author=self.luca.id, at="2026-01-02T10:00:00Z",
                    body="Compra i miei semi su spam.example, sconto 90%!")
        graph.write(POST, id="post-2", topic="topic-1", author=self.maria.id, at="2026-01-03T10:00:00Z",
                    body="Grazie, ma cerco uno scambio.")


@pytest.fixture()
def world(graph):
    return World(graph)


def as_(app, who):
    client = app.test_client()
    login(client, who)
    return client


def flag(client, target="post-1", reason="spam", text="", slug="orti-sociali"):
    return client.post(f"/comunita/{slug}/segnala/{target}", data={"reason": reason, "text": text})


def act(client, action, target="post-1", reason="Pubblicità non richiesta", slug="orti-sociali"):
    return client.post(f"/comunita/{slug}/moderazione/contenuti/{target}",
                       data={"action": action, "reason": reason, "next": "/comunita/orti-sociali/moderazione"})


def flags(graph, target="post-1"):
    return graph.read("MATCH (p:Person)-[:RAISED]->(f:Flag)-[:ON]->({id: $t}) MATCH (f)-[:IN]->(c) "
                      "RETURN p.name AS by, f.status AS status, f.reason AS reason, c.id AS community "
                      "ORDER BY p.name", t=target)


def log_entries(graph, community="com-a"):
    return graph.read("MATCH (c:Community {id: $c})<-[:IN]-(a:ModerationAction)<-[:TOOK]-(p:Person) "
                      "OPTIONAL MATCH (a)-[:ON]->(n) "
                      "RETURN a.action AS action, p.name AS by, a.reason AS reason, n.id AS target, "
                      "a.at IS NOT NULL AS dated ORDER BY a.at", c=community)


def notifications(graph, who):
    return graph.read("MATCH (n:Notification)-[:FOR]->(:Person {id: $p}) RETURN n.kind AS kind, n.title AS title, "
                      "n.url AS url ORDER BY n.created_at", p=who.id)


# ----------------------------------------------------------------------------- flags


def test_a_member_flags_a_post_and_the_facilitator_finds_it_in_the_queue(app, graph, world):
    maria = as_(app, world.maria)
    response = flag(maria, text="Link a un negozio")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/comunita/orti-sociali/discussioni/topic-1#post-1")
    assert "la segnalazione è stata inviata" in maria.get(response.headers["Location"]).get_data(as_text=True)
    assert flags(graph) == [{"by": "Maria Rossi", "status": "open", "reason": "spam", "community": "com-a"}]

    page = as_(app, world.facilitator).get("/comunita/orti-sociali/moderazione").get_data(as_text=True)
    assert "Semi antichi da scambiare" in page and "Compra i miei semi" in page
    assert "Maria Rossi" in page and "Link a un negozio" in page and "Spam o pubblicità" in page
    assert "1 segnalazione aperta" in page and 'value="hide"' in page and 'value="dismiss"' in page
    assert 'name="next" value="/comunita/orti-sociali/moderazione"' in page  # back to the queue after acting


def test_one_open_flag_per_person_and_target_and_other_is_explained(app, graph, world):
    maria = as_(app, world.maria)
    assert flag(maria).status_code == 302
    again = flag(maria, reason="offensivo")
    assert again.status_code == 422 and "Hai già segnalato questo contenuto" in again.get_data(as_text=True)
    again = maria.post("/comunita/orti-sociali/segnala/post-1?lang=en", data={"reason": "offensivo", "text": ""})
    assert again.status_code == 422
    assert "You have already reported this content" in again.get_data(as_text=True)
    other = flag(maria, target="topic-1", reason="altro", text="")
    assert other.status_code == 422
    page = other.get_data(as_text=True)
    assert "Spiega il motivo della segnalazione." in page and '<option selected value="altro">' in page
    assert len(flags(graph)) == 1
    assert flag(as_(app, world.luca), reason="offensivo").status_code == 422  # his own post
    assert flag(as_(app, world.facilitator), reason="offensivo").status_code == 302  # another person: a 2nd flag
    assert len(flags(graph)) == 2


def test_flagging_needs_membership_and_an_existing_target(app, graph, world):
    assert flag(as_(app, world.outsider)).status_code == 403
    assert as_(app, world.outsider).get("/comunita/orti-sociali/segnala/post-1").status_code == 403
    assert "Invia la segnalazione" in as_(app, world.maria).get("/comunita/orti-sociali/segnala/post-1").get_data(
        as_text=True)
    assert flag(as_(app, world.maria), target="nessuno").status_code == 404
    assert flag(as_(app, world.maria), slug="welfare").status_code == 404  # not a post of that community
    anonymous = app.test_client().post("/comunita/orti-sociali/segnala/post-1", data={"reason": "spam"})
    assert anonymous.status_code == 302 and "next=" in anonymous.headers["Location"]  # to the login page
    assert flags(graph) == []


def test_hidden_content_cannot_be_flagged_and_its_flag_page_does_not_show_it(app, graph, world):
    act(as_(app, world.facilitator), "hide")
    maria = as_(app, world.maria)
    page = maria.get("/comunita/orti-sociali/segnala/post-1")
    assert page.status_code == 404 and "spam.example" not in page.get_data(as_text=True)
    response = flag(maria)
    assert response.status_code == 404 and "spam.example" not in response.get_data(as_text=True)
    assert flags(graph) == []
    act(as_(app, world.facilitator), "hide", target="topic-1")  # a reply of a hidden topic: the same
    page = maria.get("/comunita/orti-sociali/segnala/post-2")
    assert page.status_code == 404 and "Semi antichi" not in page.get_data(as_text=True)


# ----------------------------------------------------------------------------- permissions


def every_moderation_request(client, slug="orti-sociali", topic="topic-1", post="post-1", person_id="x"):
    """(method, url, data) of every moderation page and action."""
    base = f"/comunita/{slug}/moderazione"
    yield "GET", base, None
    yield "GET", f"{base}/registro", None
    yield "GET", f"{base}/contenuti/{post}", None
    for action in ("hide", "restore", "dismiss"):
        yield "POST", f"{base}/contenuti/{post}", {"action": action, "reason": "Motivo valido"}
    for action in ("lock", "unlock", "pin", "unpin"):
        yield "POST", f"{base}/contenuti/{topic}", {"action": action, "reason": "Motivo valido"}
    yield "GET", f"{base}/discussioni/{topic}/sposta", None
    yield "POST", f"{base}/discussioni/{topic}/sposta", {"destination": "com-b", "reason": "Motivo valido"}
    for page in ("avviso", "rimuovi", "riammetti"):
        yield "GET", f"{base}/membri/{person_id}/{page}", None
        yield "POST", f"{base}/membri/{person_id}/{page}", {"reason": "Motivo valido"}


def test_members_and_outsiders_get_403_for_every_moderation_action(app, graph, world):
    flag(as_(app, world.maria))
    for who in (world.luca, world.outsider):
        client = as_(app, who)
        for method, url, data in every_moderation_request(client, person_id=world.maria.id):
            response = client.open(url, method=method, data=data)
            assert response.status_code == 403, (who.name, method, url)
    assert as_(app, world.facilitator).get("/moderazione").status_code == 403  # every queue: admins only
    for url in ("/moderazione", "/comunita/orti-sociali/moderazione", "/comunita/orti-sociali/moderazione/registro"):
        assert app.test_client().get(url).status_code == 302  # to the login page
    assert log_entries(graph) == []
    assert graph.read("MATCH (n {hidden: true}) RETURN count(n) AS n")[0]["n"] == 0
    assert flags(graph)[0]["status"] == "open"


def test_a_facilitator_of_one_community_cannot_moderate_another(app, graph, world):
    graph.write(TOPIC, id="topic-b", community="com-b", author=world.facilitator_b.id, title="Welfare e reti",
                body="Parliamone")
    graph.write(POST, id="post-b", topic="topic-b", author=world.facilitator_b.id, at="2026-01-02T10:00:00Z",
                body="Risposta")
    client = as_(app, world.facilitator)
    for method, url, data in every_moderation_request(client, slug="welfare", topic="topic-b", post="post-b",
                                                      person_id=world.facilitator_b.id):
        assert client.open(url, method=method, data=data).status_code == 403, (method, url)
    # and community B's facilitator cannot act on A's content
    assert act(as_(app, world.facilitator_b), "hide").status_code == 403
    assert log_entries(graph, "com-b") == [] and log_entries(graph) == []


def test_a_platform_admin_moderates_any_community_and_sees_every_queue(app, graph, world):
    flag(as_(app, world.maria), text="Pubblicità")
    admin = as_(app, world.admin)
    overview = admin.get("/moderazione")
    assert overview.status_code == 200
    page = overview.get_data(as_text=True)
    assert "Orti sociali" in page and "Welfare di comunità" in page and "Compra i miei semi" in page
    assert admin.get("/comunita/orti-sociali/moderazione").status_code == 200
    assert act(admin, "hide").status_code == 302
    assert log_entries(graph) == [{"action": "hide", "by": "Anna Admin", "reason": "Pubblicità non richiesta",
                                   "target": "post-1", "dated": True}]


# ----------------------------------------------------------------------------- hide and restore


def topic_counts(graph):
    return graph.read("MATCH (t:Topic {id: 'topic-1'}) RETURN t.reply_count AS replies, "
                      "toString(t.last_activity_at) AS last")[0]


def test_hiding_a_post_hides_it_from_readers_upholds_the_flags_and_keeps_the_text(app, graph, world):
    flag(as_(app, world.maria))
    graph.write(POST, id="post-3", topic="topic-1", author=world.maria.id, at="2026-01-04T10:00:00Z", body="Ultima")
    facilitator = as_(app, world.facilitator)
    act(facilitator, "hide", target="post-3", reason="Prova di nascondere l'ultima")
    assert topic_counts(graph) == {"replies": 2, "last": "2026-01-03T10:00:00Z"}  # the latest visible reply

    response = act(facilitator, "hide")
    assert response.status_code == 302 and response.headers["Location"] == "/comunita/orti-sociali/moderazione"
    stored = graph.read("MATCH (p:Post {id: 'post-1'}) RETURN p.hidden AS hidden, p.body AS body")[0]
    assert stored == {"hidden": True, "body": "Compra i miei semi su spam.example, sconto 90%!"}
    assert [f["status"] for f in flags(graph)] == ["upheld"]
    assert topic_counts(graph) == {"replies": 1, "last": "2026-01-03T10:00:00Z"}

    queue = facilitator.get("/comunita/orti-sociali/moderazione").get_data(as_text=True)
    assert "Nessuna segnalazione da esaminare" in queue
    assert "2 contenuti nascosti" in queue and "Compra i miei semi" in queue and 'value="restore"' in queue

    topic_url = "/comunita/orti-sociali/discussioni/topic-1"
    for reader in (app.test_client(), as_(app, world.maria)):
        page = reader.get(topic_url).get_data(as_text=True)
        assert "Compra i miei semi" not in page and "Contenuto nascosto dai facilitatori" in page
    assert "Compra i miei semi" in facilitator.get(topic_url).get_data(as_text=True)
    assert notifications(graph, world.luca)[0]["kind"] == "moderation"
    assert "nascosto" in notifications(graph, world.luca)[0]["title"]

    again = act(facilitator, "hide")  # already hidden: nothing logged twice
    assert again.status_code == 302
    assert [e["action"] for e in log_entries(graph)] == ["hide", "hide"]

    assert act(facilitator, "restore", reason="").status_code == 302  # the reason is optional here
    assert graph.read("MATCH (p:Post {id: 'post-1'}) RETURN p.hidden AS h")[0]["h"] is False
    assert topic_counts(graph) == {"replies": 2, "last": "2026-01-03T10:00:00Z"}
    assert "Compra i miei semi" in app.test_client().get(topic_url).get_data(as_text=True)


def test_dismissing_flags_removes_them_from_the_queue_without_hiding(app, graph, world):
    flag(as_(app, world.maria))
    facilitator = as_(app, world.facilitator)
    assert act(facilitator, "dismiss", reason="Non è pubblicità").status_code == 302
    assert [f["status"] for f in flags(graph)] == ["dismissed"]
    assert graph.read("MATCH (p:Post {id: 'post-1'}) RETURN p.hidden AS h")[0]["h"] is False
    assert "Nessuna segnalazione da esaminare" in facilitator.get("/comunita/orti-sociali/moderazione").get_data(
        as_text=True)
    assert flag(as_(app, world.maria)).status_code == 302  # a new flag may be raised after a dismissal


def test_an_action_without_a_reason_comes_back_with_the_input_and_does_nothing(app, graph, world):
    facilitator = as_(app, world.facilitator)
    response = act(facilitator, "hide", reason="x")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Indica il motivo" in page and 'value="x"' in page
    assert graph.read("MATCH (p:Post {id: 'post-1'}) RETURN p.hidden AS h")[0]["h"] is False
    assert log_entries(graph) == []


# ----------------------------------------------------------------------------- topics: lock, pin, move


def test_lock_and_pin_a_topic_and_lock_stops_replies_from_members(app, graph, world):
    facilitator = as_(app, world.facilitator)
    assert act(facilitator, "lock", target="topic-1", reason="Discussione conclusa").status_code == 302
    assert act(facilitator, "pin", target="topic-1", reason="Utile a tutti").status_code == 302
    state = "MATCH (t:Topic {id: 'topic-1'}) RETURN t.locked AS l, t.pinned AS p"
    assert graph.read(state)[0] == {"l": True, "p": True}
    reply = as_(app, world.luca).post("/comunita/orti-sociali/discussioni/topic-1/rispondi",
                                      data={"body": "Posso rispondere ancora?"})
    assert reply.status_code == 403
    assert act(facilitator, "lock", target="post-1").status_code == 302  # only topics: refused, flashed
    assert act(facilitator, "unlock", target="topic-1", reason="").status_code == 302
    assert act(facilitator, "unpin", target="topic-1", reason="").status_code == 302
    assert graph.read(state)[0] == {"l": False, "p": False}
    assert [e["action"] for e in log_entries(graph)] == ["lock", "pin", "unlock", "unpin"]
    assert [n["title"] for n in notifications(graph, world.maria)][:1] == [
        "I facilitatori hanno chiuso la tua discussione «Semi antichi da scambiare»"]


def test_moving_a_topic_changes_its_community_and_its_flags(app, graph, world):
    flag(as_(app, world.luca), target="topic-1", reason="fuori_tema")
    flag(as_(app, world.maria), target="post-1")
    facilitator = as_(app, world.facilitator)
    form = facilitator.get("/comunita/orti-sociali/moderazione/discussioni/topic-1/sposta").get_data(as_text=True)
    assert "Welfare di comunità" in form and "data-confirm" in form
    missing = facilitator.post("/comunita/orti-sociali/moderazione/discussioni/topic-1/sposta",
                               data={"destination": "", "reason": "Più adatta a welfare"})
    assert missing.status_code == 422 and 'value="Più adatta a welfare"' in missing.get_data(as_text=True)
    response = facilitator.post("/comunita/orti-sociali/moderazione/discussioni/topic-1/sposta",
                                data={"destination": "com-b", "reason": "Più adatta a welfare"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/comunita/welfare/discussioni/topic-1"
    stored = graph.read("MATCH (t:Topic {id: 'topic-1'})-[:IN]->(c) RETURN c.id AS c, t.community_id AS cid")
    assert stored == [{"c": "com-b", "cid": "com-b"}]
    assert {f["community"] for f in flags(graph, "topic-1") + flags(graph, "post-1")} == {"com-b"}
    assert log_entries(graph)[0]["action"] == "move"
    assert "2 segnalazioni aperte" in as_(app, world.facilitator_b).get("/comunita/welfare/moderazione").get_data(
        as_text=True)
    assert facilitator.get("/comunita/welfare/moderazione").status_code == 403
    assert app.test_client().get("/comunita/orti-sociali/discussioni/topic-1").status_code == 404


# ----------------------------------------------------------------------------- members


def test_warning_a_member_notifies_them_and_is_logged(app, graph, world):
    facilitator = as_(app, world.facilitator)
    url = f"/comunita/orti-sociali/moderazione/membri/{world.luca.id}/avviso"
    assert "Luca Bianchi" in facilitator.get(url).get_data(as_text=True)
    assert facilitator.post(url, data={"reason": "Niente pubblicità nella comunità, grazie."}).status_code == 302
    assert notifications(graph, world.luca) == [{
        "kind": "moderation", "title": "Avviso dai facilitatori della comunità «Orti sociali»",
        "url": "/comunita/orti-sociali"}]
    assert log_entries(graph)[0] | {"dated": True} == {
        "action": "warn", "by": "Fabio Facilitatore", "reason": "Niente pubblicità nella comunità, grazie.",
        "target": world.luca.id, "dated": True}
    outsider = f"/comunita/orti-sociali/moderazione/membri/{world.outsider.id}/avviso"
    assert facilitator.get(outsider).status_code == 404  # not a person of this community


def test_a_removed_member_cannot_post_nor_rejoin_until_readmitted(app, graph, world):
    facilitator = as_(app, world.facilitator)
    url = f"/comunita/orti-sociali/moderazione/membri/{world.luca.id}/rimuovi"
    confirm = facilitator.get(url).get_data(as_text=True)
    assert "Che cosa succede" in confirm and "Conferma la rimozione" in confirm and "data-confirm" in confirm
    assert facilitator.post(url, data={"reason": "Spam ripetuto"}).status_code == 302
    rels = graph.read("MATCH (:Person {id: $p})-[r]->(:Community {id: 'com-a'}) RETURN type(r) AS t, r.reason AS why",
                      p=world.luca.id)
    assert rels == [{"t": "REMOVED_FROM", "why": "Spam ripetuto"}]

    luca = as_(app, world.luca)
    reply = luca.post("/comunita/orti-sociali/discussioni/topic-1/rispondi", data={"body": "Sono ancora qui"})
    assert reply.status_code == 403
    luca.post("/comunita/orti-sociali/partecipazione", data={"action": "join"})
    assert graph.read("MATCH (:Person {id: $p})-[:BELONGS_TO]->(:Community {id: 'com-a'}) RETURN count(*) AS n",
                      p=world.luca.id)[0]["n"] == 0
    assert flag(luca, target="post-2").status_code == 403

    queue = facilitator.get("/comunita/orti-sociali/moderazione").get_data(as_text=True)
    assert "Luca Bianchi" in queue and "Spam ripetuto" in queue
    assert facilitator.post(f"/comunita/orti-sociali/moderazione/membri/{world.facilitator.id}/rimuovi",
                            data={"reason": "Prova"}).status_code == 422  # not oneself nor facilitators

    readmit = f"/comunita/orti-sociali/moderazione/membri/{world.luca.id}/riammetti"
    assert facilitator.post(readmit, data={"reason": "Si è scusato"}).status_code == 302
    luca.post("/comunita/orti-sociali/partecipazione", data={"action": "join"})
    assert graph.read("MATCH (:Person {id: $p})-[:BELONGS_TO]->(:Community {id: 'com-a'}) RETURN count(*) AS n",
                      p=world.luca.id)[0]["n"] == 1
    assert [e["action"] for e in log_entries(graph)] == ["remove_member", "readmit"]
    assert [n["kind"] for n in notifications(graph, world.luca)] == ["moderation", "moderation"]


# ----------------------------------------------------------------------------- log, page tools, XSS


def test_the_log_shows_who_when_what_and_why_and_pages(app, graph, world):
    facilitator = as_(app, world.facilitator)
    act(facilitator, "hide", reason="Pubblicità")
    act(facilitator, "lock", target="topic-1", reason="Chiusa per pausa")
    page = facilitator.get("/comunita/orti-sociali/moderazione/registro").get_data(as_text=True)
    assert "2 azioni registrate" in page and "Fabio Facilitatore" in page
    assert "Contenuto nascosto" in page and "Discussione chiusa" in page
    assert "Pubblicità" in page and "Chiusa per pausa" in page and "<time datetime=" in page
    assert "risposta n. 1 in" in page
    for number in range(25):
        act(facilitator, "unpin" if number % 2 else "pin", target="topic-1", reason=f"Prova {number}")
    second = facilitator.get("/comunita/orti-sociali/moderazione/registro?page=2").get_data(as_text=True)
    assert "27 azioni registrate" in second and "Prova 0" in second and 'aria-current="page">2<' in second
    assert as_(app, world.admin).get("/comunita/orti-sociali/moderazione/registro").status_code == 200


def test_the_topic_page_shows_tools_to_moderators_and_segnala_to_members(app, graph, world):
    url = "/comunita/orti-sociali/discussioni/topic-1"
    moderator = as_(app, world.facilitator).get(url).get_data(as_text=True)
    assert "Strumenti di moderazione" in moderator and "/moderazione/discussioni/topic-1/sposta" in moderator
    member = as_(app, world.maria).get(url).get_data(as_text=True)
    assert "Strumenti di moderazione" not in member
    assert "/comunita/orti-sociali/segnala/post-1" in member  # Luca's post
    assert "/comunita/orti-sociali/segnala/post-2" not in member  # her own
    assert "/segnala/" not in app.test_client().get(url).get_data(as_text=True)

    flag(as_(app, world.maria))
    community = as_(app, world.facilitator).get("/comunita/orti-sociali").get_data(as_text=True)
    assert 'id="moderation-queue-link"' in community and "Registro di moderazione" in community
    assert 'id="moderation-queue-link"' not in as_(app, world.maria).get("/comunita/orti-sociali").get_data(
        as_text=True)


def test_script_in_flags_and_reasons_is_shown_as_text(app, graph, world):
    graph.write(POST, id="post-x", topic="topic-1", author=world.luca.id, at="2026-01-05T10:00:00Z", body=XSS)
    flag(as_(app, world.maria), target="post-x", reason="altro", text=XSS)
    facilitator = as_(app, world.facilitator)
    queue = facilitator.get("/comunita/orti-sociali/moderazione").get_data(as_text=True)
    assert "<script>alert" not in queue and "onerror=alert" not in queue.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in queue or "&lt;script&gt;" in queue
    act(facilitator, "hide", target="post-x", reason=XSS)
    log = facilitator.get("/comunita/orti-sociali/moderazione/registro").get_data(as_text=True)
    assert "<script>alert" not in log and "<img src=x" not in log and "&lt;script&gt;" in log
    warn = facilitator.post(f"/comunita/orti-sociali/moderazione/membri/{world.luca.id}/avviso",
                            data={"reason": XSS})
    assert warn.status_code == 302
    hidden = facilitator.get("/comunita/orti-sociali/moderazione").get_data(as_text=True)
    assert "<script>alert" not in hidden and "<img src=x" not in hidden


# ----------------------------------------------------------------------------- empty states, pages, the log API

MANY_FLAGS = """
MATCH (t:Topic {id: 'topic-1'}), (c:Community {id: 'com-a'}), (by:Person {id: $by})
UNWIND range(1, $n) AS i
CREATE (p:Post {id: 'many-' + i, body: 'Messaggio numero ' + i, topic_id: t.id, number: 100 + i,
                created_at: datetime(), hidden: false, version: 1})-[:IN]->(t)
CREATE (by)-[:RAISED]->(f:Flag {id: 'flag-' + i, reason: 'spam', text: '', status: 'open',
                                created_at: datetime('2026-02-01T00:00:00Z') + duration({minutes: i})})-[:ON]->(p)
CREATE (f)-[:IN]->(c)
"""


def test_empty_queue_hidden_list_removed_list_and_log_say_so(app, graph, world):
    facilitator = as_(app, world.facilitator)
    queue = facilitator.get("/comunita/orti-sociali/moderazione").get_data(as_text=True)
    assert "Nessuna segnalazione da esaminare" in queue and "Nessun contenuto nascosto." in queue
    assert "Nessuna persona rimossa." in queue
    log = facilitator.get("/comunita/orti-sociali/moderazione/registro").get_data(as_text=True)
    assert "Nessuna azione registrata" in log
    overview = as_(app, world.admin).get("/moderazione").get_data(as_text=True)
    assert "Nessuna segnalazione da esaminare" in overview and 'id="queue-counts"' in overview


def test_the_queue_pages_flagged_content_latest_first(app, graph, world):
    graph.write(MANY_FLAGS, by=world.maria.id, n=23)
    facilitator = as_(app, world.facilitator)
    first = facilitator.get("/comunita/orti-sociali/moderazione").get_data(as_text=True)
    assert "23 segnalazioni aperte su 23 contenuti" in first
    assert "Messaggio numero 23" in first and "Messaggio numero 4<" in first and "Messaggio numero 3<" not in first
    second = facilitator.get("/comunita/orti-sociali/moderazione?page=2").get_data(as_text=True)
    assert "Messaggio numero 3<" in second and "Messaggio numero 1<" in second and "Messaggio numero 4<" not in second
    assert 'aria-current="page">2<' in second
    overview = as_(app, world.admin).get("/moderazione").get_data(as_text=True)
    assert "Messaggio numero 23" in overview and ">23<" in overview  # the count of Orti sociali


def test_the_forum_logs_its_own_moderator_actions_through_record(app, graph, world):
    from mentore.services import moderation

    action_id = moderation.record(graph, world.facilitator, "com-a", "edit", "post-1", reason="Tolto il link")
    assert log_entries(graph) == [{"action": "edit", "by": "Fabio Facilitatore", "reason": "Tolto il link",
                                   "target": "post-1", "dated": True}]
    assert graph.read("MATCH (a:ModerationAction {id: $id}) RETURN a.details AS d", id=action_id) == [{"d": ""}]
    page = as_(app, world.facilitator).get("/comunita/orti-sociali/moderazione/registro").get_data(as_text=True)
    assert "Testo modificato" in page and "Tolto il link" in page
    with pytest.raises(ValueError, match="unknown moderation action"):
        moderation.record(graph, world.facilitator, "com-a", "delete", "post-1")
