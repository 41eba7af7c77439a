"""The communities API on the real graph: the list with facilitators and topic counts, one
community, its topics page by page (pinned first, hidden ones left out), a topic with its
replies page by page, JSON 404s, and hostile text that stays inert in the HTML fields."""

import re

import pytest

from graph.repositories import people, seeding
from mentore import create_app
from mentore.services import communities, forum
from tests.conftest import app_config
from tests.integration.test_organisations import person

XSS_TITLE = '<img src=x onerror=alert(1)> Come <script>alert("t")</script> organizzarsi'
XSS_BODY = ('Ciao <script>alert("b")</script> [clic](javascript:alert(2)) <a href="#" onclick="alert(3)">qui</a> '
            '<iframe src="https://evil.example"></iframe> **grassetto**')


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server))


def seasoned(graph, name, email, roles=()):
    """A person whose account is old enough not to be rate-limited as new."""
    p = person(graph, name=name, email=email, roles=roles)
    graph.write("MATCH (p:Person {id: $id}) SET p.created_at = datetime() - duration({days: 60})", id=p.id)
    return people.get(graph, p.id)


def community_row(cid, slug, name, facilitators=(), members=(), activities=("a",)):
    return {"id": cid, "activities": list(activities), "facilitators": list(facilitators),
            "members": list(members), "created_at": "2026-01-01T00:00:00Z",
            "props": {"slug": slug, "name": name, "description": f"La comunità {name}", "membership_mode": "open"}}


@pytest.fixture()
def world(graph):
    fac = seasoned(graph, "Franca Facilitatrice", "franca@example.it")
    mario = seasoned(graph, "Mario Membro", "mario@example.it")
    luisa = seasoned(graph, "Luisa Lettrice", "luisa@example.it")
    seeding.create_rows(graph, "communities", [
        community_row("com-a", "anziani", "Anziani e domiciliarità", [fac.id], [fac.id, mario.id, luisa.id]),
        community_row("com-b", "giovani", "Giovani e scuola", [], [mario.id], activities=("l",)),
    ])
    return {"fac": fac, "mario": mario, "luisa": luisa,
            "anziani": communities.by_slug(graph, "anziani"), "giovani": communities.by_slug(graph, "giovani")}


def new_topic(graph, who, place, title, body="Un testo di prova per la discussione."):
    return forum.create_topic(graph, who, place, title, body)


def set_flag(graph, label, node_id, flag):
    """Pin or hide a topic or post directly (the moderation part's actions), from fixed lists."""
    assert label in ("Topic", "Post") and flag in ("pinned", "hidden")
    graph.write(f"MATCH (x:{label} {{id: $id}}) SET x.{flag} = true", id=node_id)


# ----------------------------------------------------------------------------- communities


def test_the_list_has_every_community_with_facilitators_and_visible_topic_count(graph, client, world):
    for n in range(3):
        new_topic(graph, world["mario"], world["anziani"], f"Discussione numero {n}")
    hidden = new_topic(graph, world["mario"], world["anziani"], "Discussione nascosta")
    set_flag(graph, "Topic", hidden, "hidden")
    response = client.get("/api/v1/communities")
    assert response.status_code == 200 and response.is_json
    body = response.get_json()
    assert body["total"] == 2
    first = body["items"][0]
    assert first == {
        "id": "com-a", "slug": "anziani", "name": "Anziani e domiciliarità",
        "description": "La comunità Anziani e domiciliarità", "membership_mode": "open", "activities": ["a"],
        "member_count": 3, "topic_count": 3,
        "facilitators": [{"id": world["fac"].id, "name": "Franca Facilitatrice"}],
    }
    assert body["items"][1]["facilitators"] == [] and body["items"][1]["topic_count"] == 0


def test_one_community_and_a_json_404_for_an_unknown_slug(client, world):
    body = client.get("/api/v1/communities/giovani").get_json()
    assert body["slug"] == "giovani" and body["activities"] == ["l"] and body["url"] == "/comunita/giovani"
    for path in ("/api/v1/communities/non-esiste", "/api/v1/communities/non-esiste/topics",
                 "/api/v1/topics/non-esiste"):
        response = client.get(path)
        assert response.status_code == 404 and response.is_json, path
        assert response.get_json()["error"]["status"] == 404


# ----------------------------------------------------------------------------- topics


def test_topics_are_paginated_pinned_first_then_by_latest_activity_without_hidden_ones(graph, client, world):
    ids = [new_topic(graph, world["mario"], world["anziani"], f"Discussione numero {n:02d}") for n in range(25)]
    set_flag(graph, "Topic", ids[3], "pinned")
    set_flag(graph, "Topic", ids[10], "pinned")
    set_flag(graph, "Topic", ids[20], "hidden")
    # a reply brings an old topic back to the top
    forum.reply(graph, world["luisa"], forum.get_topic(graph, world["luisa"], world["anziani"], ids[0]),
                "Rispondo volentieri.")
    pages = [client.get(f"/api/v1/communities/anziani/topics?per_page=10&page={p}").get_json() for p in (1, 2, 3)]
    assert [p["total"] for p in pages] == [24, 24, 24] and pages[0]["pages"] == 3
    listed = [t["id"] for p in pages for t in p["items"]]
    assert len(listed) == 24 and len(set(listed)) == 24 and ids[20] not in listed
    assert listed[:2] == [ids[10], ids[3]] and all(t["pinned"] for t in pages[0]["items"][:2])
    assert listed[2] == ids[0]  # latest activity: the reply
    others = [i for i in reversed(ids) if i not in (ids[0], ids[3], ids[10], ids[20])]
    assert listed[3:] == others
    item = pages[0]["items"][2]
    assert item["reply_count"] == 1 and item["author"] == {"id": world["mario"].id, "name": "Mario Membro"}
    assert item["url"] == f"/comunita/anziani/discussioni/{ids[0]}"
    assert client.get("/api/v1/communities/anziani/topics?page=0").status_code == 400


def test_a_topic_has_its_replies_page_by_page_without_hidden_ones(graph, client, world):
    topic_id = new_topic(graph, world["mario"], world["anziani"], "Trasporto sociale in valle",
                         "Chi ha esperienza di **trasporto** sociale?")
    topic = forum.get_topic(graph, world["fac"], world["anziani"], topic_id)
    for n in range(1, 46):
        forum.reply(graph, world["fac"], topic, f"Risposta numero {n}")
    hidden = graph.read("MATCH (p:Post {topic_id: $t, number: 22}) RETURN p.id AS id", t=topic_id)[0]["id"]
    set_flag(graph, "Post", hidden, "hidden")
    first = client.get(f"/api/v1/topics/{topic_id}").get_json()
    assert first["title"] == "Trasporto sociale in valle" and first["community"]["slug"] == "anziani"
    assert first["body"] == "Chi ha esperienza di **trasporto** sociale?"
    assert "<strong>trasporto</strong>" in first["html"]
    assert first["posts"]["pages"] == 3 and first["posts"]["page"] == 1
    assert [p["number"] for p in first["posts"]["items"]] == list(range(1, 21))
    second = client.get(f"/api/v1/topics/{topic_id}?page=2").get_json()
    assert [p["number"] for p in second["posts"]["items"]] == [n for n in range(21, 41) if n != 22]
    assert hidden not in [p["id"] for p in second["posts"]["items"]]
    last = client.get(f"/api/v1/topics/{topic_id}?page=3").get_json()
    assert [p["body"] for p in last["posts"]["items"]] == [f"Risposta numero {n}" for n in range(41, 46)]
    assert last["posts"]["items"][0]["url"] == f"/comunita/anziani/discussioni/{topic_id}?page=3#post-41"


def test_a_hidden_topic_is_not_served(graph, client, world):
    topic_id = new_topic(graph, world["mario"], world["anziani"], "Da nascondere subito")
    set_flag(graph, "Topic", topic_id, "hidden")
    response = client.get(f"/api/v1/topics/{topic_id}")
    assert response.status_code == 404 and response.is_json


def test_script_injection_in_titles_and_bodies_stays_inert(graph, client, world):
    topic_id = new_topic(graph, world["mario"], world["anziani"], XSS_TITLE, XSS_BODY)
    topic = forum.get_topic(graph, world["luisa"], world["anziani"], topic_id)
    forum.reply(graph, world["luisa"], topic, XSS_BODY)
    listed = client.get("/api/v1/communities/anziani/topics")
    assert listed.headers["Content-Type"].startswith("application/json")
    assert listed.get_json()["items"][0]["title"] == XSS_TITLE  # data, returned as JSON text, never as HTML
    body = client.get(f"/api/v1/topics/{topic_id}").get_json()
    assert body["title"] == XSS_TITLE and body["body"] == XSS_BODY
    for html in (body["html"], body["posts"]["items"][0]["html"]):
        tags = re.findall(r"<[a-z][^>]*>", html.lower())  # real elements; escaped text (&lt;...) is inert
        assert tags and not [t for t in tags if t.startswith(("<script", "<iframe", "<img"))]
        assert not [t for t in tags if re.search(r"\son\w+\s*=|javascript:", t)]
        assert "&lt;script&gt;" in html and "<strong>grassetto</strong>" in html


def test_the_openapi_document_describes_the_communities_api(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/communities", "/communities/{slug}", "/communities/{slug}/topics", "/topics/{id}"):
        assert "get" in paths[path], path
