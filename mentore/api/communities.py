"""``/api/v1/communities`` and ``/api/v1/topics``: the communities of practice and their forum as
JSON, on the ``api`` blueprint. Read only and public, like the pages; hidden content is left out.
Topic and reply bodies come as raw Markdown (``body``) and as sanitised HTML (``html``)."""

from __future__ import annotations

from flask import jsonify, request

from mentore.api.views import bad_parameters, bp
from mentore.extensions import neo4j
from mentore.services import forum_public as service
from mentore.services.querystring import QueryReader
from mentore.web import current_actor, query_lists


@bp.get("/communities")
def list_communities():
    items = service.list_communities(neo4j.graph)
    return jsonify({"items": items, "total": len(items)})


@bp.get("/communities/<slug>")
def get_community(slug: str):
    return jsonify(service.community(neo4j.graph, slug))


@bp.get("/communities/<slug>/topics")
def list_topics(slug: str):
    read = QueryReader(query_lists(request))
    page = read.integer("page", 1, 1, 100_000)
    per_page = read.integer("per_page", service.DEFAULT_PER_PAGE, 1, service.MAX_PER_PAGE)
    if read.errors:
        return bad_parameters(read.errors)
    found = service.topics(neo4j.graph, slug, page, per_page)
    return jsonify({"community": found.community, "items": found.items, "total": found.total, "page": found.page,
                    "per_page": found.per_page, "pages": found.pages})


@bp.get("/topics/<topic_id>")
def get_topic(topic_id: str):
    read = QueryReader(query_lists(request))
    page = read.integer("page", 1, 1, 100_000)
    if read.errors:
        return bad_parameters(read.errors)
    found = service.topic(neo4j.graph, current_actor(), topic_id, page)
    return jsonify({**found.topic, "posts": {"items": found.posts, "page": found.page, "pages": found.pages,
                                             "per_page": found.per_page}})
