"""Organisations waiting for a platform admin's verification."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph

UNVERIFIED = """
MATCH (o:Organisation) WHERE NOT coalesce(o.verified, false)
WITH o ORDER BY o.created_at DESC
WITH collect(o) AS waiting
RETURN size(waiting) AS total,
       [o IN waiting[$skip..$skip + $limit] | o {.id, .name, .kind, .legal_form, .codice_fiscale, .runts_section,
                                                  .runts_number, created_at: toString(o.created_at)}] AS items
"""


def unverified(graph: Graph, page: int, per_page: int) -> tuple[int, list[dict[str, Any]]]:
    row = graph.read(UNVERIFIED, skip=(page - 1) * per_page, limit=per_page)[0]
    return row["total"], row["items"]
