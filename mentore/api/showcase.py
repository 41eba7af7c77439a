"""``/api/v1/best-practices``: the best-practice showcase as JSON, on the ``api`` blueprint. Same
filters as the page; drafts exist only for their author and platform admins. Markdown fields come
as written and, in ``*_html``, rendered and sanitised like on the page."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request, url_for

from mentore.api.views import bad_parameters, bp
from mentore.extensions import neo4j
from mentore.reference.places import place_label
from mentore.services import showcase as service
from mentore.showcase.views import render_markdown
from mentore.web import current_actor, query_lists

TEXT_FIELDS = ("problem", "solution", "results")


@bp.get("/best-practices")
def list_best_practices():
    query, errors = service.parse_query(query_lists(request))
    if errors:
        return bad_parameters(errors)
    result = service.search(neo4j.graph, query)
    items = [{**_places(item), "url": url_for("showcase.detail", bp_id=item["id"], _external=True)}
             for item in result.items]
    return jsonify({"items": items, "total": result.total, "page": query.page, "per_page": query.per_page,
                    "pages": result.pages, "activity_counts": result.activity_counts})


@bp.get("/best-practices/<bp_id>")
def get_best_practice(bp_id: str):
    view = service.get(neo4j.graph, current_actor(), bp_id)  # 404 (JSON) for unknown ids and others' drafts
    item = view.bp
    body = {k: item.get(k) for k in ("id", "title", "status", "problem", "solution", "results", "activities",
                                     "organisations", "community", "created_at", "updated_at", "published_at")}
    body.update({f"{k}_html": str(render_markdown(item.get(k))) for k in TEXT_FIELDS})
    body["materials"] = view.materials
    body["topic"] = {"id": item["topic"]["id"], "title": item["topic"]["title"]} if item.get("topic") else None
    body["url"] = url_for("showcase.detail", bp_id=bp_id, _external=True)
    return jsonify(_places(body | {"territories": item["territories"]}))


def _places(item: dict[str, Any]) -> dict[str, Any]:
    """Territory ids with their names."""
    territories = [{"id": t, "name": place_label(t)} for t in item.get("territories") or []]
    return {**item, "territories": territories}
