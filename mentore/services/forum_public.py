"""The forum as the public JSON API shows it: communities, their topics and a topic's replies,
hidden content left out. Builds on the forum's services (communities.list_all / by_slug,
forum.topic_page: the same reads, pagination and Markdown rendering as the site).

Topic lists: pinned topics first, then the others by latest activity; pages of ``per_page``.
Replies: page N holds the replies numbered (N-1)*20+1 … N*20, as on the site (anchors and
links stay valid), minus the hidden ones."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from graph import Graph
from graph.repositories import forum as forum_repo
from graph.repositories import forum_public as repo
from graph.repositories.people import Person
from mentore.services import communities, forum
from mentore.services.errors import NotFoundError

DEFAULT_PER_PAGE = forum.TOPICS_PER_PAGE
MAX_PER_PAGE = 100
COMMUNITY_FIELDS = ("id", "slug", "name", "description", "membership_mode", "activities", "member_count",
                    "topic_count", "facilitators")


def _public(community: dict[str, Any], topic_count: int) -> dict[str, Any]:
    body = {k: community.get(k) for k in COMMUNITY_FIELDS}
    body["topic_count"] = topic_count
    body["facilitators"] = [{"id": f["id"], "name": f["name"]} for f in community.get("facilitators") or []]
    return body


def list_communities(graph: Graph) -> list[dict[str, Any]]:
    """Every community with its facilitators (id, name) and its number of visible topics."""
    counts = repo.visible_topic_counts(graph)
    return [_public(c, counts.get(c["id"], 0)) for c in communities.list_all(graph)]


def community(graph: Graph, slug: str) -> dict[str, Any]:
    found = communities.by_slug(graph, slug)  # NotFoundError
    body = _public(found, repo.visible_topic_counts(graph).get(found["id"], 0))
    body["territories"] = found.get("territories") or []
    body["url"] = f"/comunita/{found['slug']}"
    return body


@dataclass(frozen=True)
class TopicsPage:
    community: dict[str, Any]
    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    pages: int


def topics(graph: Graph, slug: str, page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> TopicsPage:
    """One page of a community's visible topics: pinned first, then by latest activity."""
    found = communities.by_slug(graph, slug)
    per_page = min(max(1, per_page), MAX_PER_PAGE)
    page = max(1, page)
    pinned = repo.pinned(graph, found["id"])
    total = len(pinned) + repo.count_others(graph, found["id"])
    skip = (page - 1) * per_page
    items = pinned[skip:skip + per_page]
    items += repo.others_page(graph, found["id"], max(0, skip - len(pinned)), per_page - len(items))
    for item in items:
        item["url"] = forum.topic_url(found["slug"], item["id"])
    return TopicsPage(community={"id": found["id"], "slug": found["slug"], "name": found["name"]},
                      items=items, total=total, page=page, per_page=per_page,
                      pages=max(1, math.ceil(total / per_page)))


@dataclass(frozen=True)
class TopicDetail:
    topic: dict[str, Any]
    posts: list[dict[str, Any]]
    page: int
    pages: int
    per_page: int


def topic(graph: Graph, actor: Person | None, topic_id: str, page: int = 1) -> TopicDetail:
    """A visible topic with one page of its visible replies; bodies as raw Markdown and as the
    sanitised HTML of ``markdown.render`` (through the forum's topic page)."""
    found = forum_repo.topic(graph, topic_id, actor.id if actor else None)
    if found is None or found[0]["hidden"]:
        raise NotFoundError(topic_id)
    place = communities.by_slug(graph, found[0]["community_slug"])
    view = forum.topic_page(graph, actor, place, topic_id, max(1, page))
    t, solution = view.topic, view.solution
    body = {
        "id": t["id"], "title": t["title"], "body": t["body"], "html": view.html.get(t["id"], ""),
        "community": {"id": place["id"], "slug": place["slug"], "name": place["name"]},
        "author": {"id": t.get("author_id"), "name": t.get("author_name")} if t.get("author_id") else None,
        "created_at": t.get("created_at"), "updated_at": t.get("updated_at"),
        "last_activity_at": t.get("last_activity_at"), "reply_count": t.get("reply_count") or 0,
        "pinned": t["pinned"], "locked": t["locked"],
        "solution": solution["number"] if solution and not solution["hidden"] else None,
        "reactions": t.get("reactions") or {}, "url": forum.topic_url(place["slug"], t["id"]),
    }
    posts = [{
        "id": p["id"], "number": p["number"], "body": p["body"], "html": view.html.get(p["id"], ""),
        "author": {"id": p.get("author_id"), "name": p.get("author_name")} if p.get("author_id") else None,
        "created_at": p.get("created_at"), "updated_at": p.get("updated_at"),
        "quotes": p.get("quotes"), "reactions": p.get("reactions") or {},
        "url": forum.topic_url(place["slug"], t["id"], p["number"]),
    } for p in view.posts if not p["hidden"]]
    return TopicDetail(topic=body, posts=posts, page=view.page, pages=view.pages, per_page=forum.POSTS_PER_PAGE)
