"""Organisations waiting for a platform admin's verification."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph

# Counted, then paged, as rows that stream: a list of the organisations themselves would carry
# all their properties, their vectors among them, past the transaction's memory with many.
UNVERIFIED = """
CALL () {
  MATCH (o:Organisation) WHERE NOT coalesce(o.verified, false)
  RETURN count(o) AS total
}
CALL () {
  MATCH (o:Organisation) WHERE NOT coalesce(o.verified, false)
  WITH o ORDER BY o.created_at DESC, o.id SKIP $skip LIMIT $limit
  RETURN collect(o {.id, .name, .kind, .legal_form, .codice_fiscale, .runts_section, .runts_number,
                    created_at: toString(o.created_at)}) AS items
}
RETURN total, items
"""


def unverified(graph: Graph, page: int, per_page: int) -> tuple[int, list[dict[str, Any]]]:
    row = graph.read(UNVERIFIED, skip=(page - 1) * per_page, limit=per_page)[0]
    return row["total"], row["items"]
