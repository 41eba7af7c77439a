"""What the public JSON API reads of the forum: visible content only (``hidden`` topics are left
out of lists and counts). Written by the API part next to the forum's own queries
(graph/repositories/forum.py), which show hidden topics as placeholders on the site.

Model: /work/issue5/SPEC.md; no property of its own. Topic lists use the forum's
``(community_id, last_activity_at)`` index like the community page does."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph

_TOPIC_FIELDS = """
  .id, .title, reply_count: coalesce(t.reply_count, 0), pinned: coalesce(t.pinned, false),
  locked: coalesce(t.locked, false), solved: EXISTS { (t)-[:SOLVED_BY]->() },
  created_at: toString(t.created_at), last_activity_at: toString(t.last_activity_at),
  author: head([(a:Person)-[:WROTE]->(t) | a {.id, .name}])
"""

VISIBLE_TOPIC_COUNTS = """
MATCH (c:Community)
RETURN c.id AS id, COUNT { (t:Topic)-[:IN]->(c) WHERE NOT coalesce(t.hidden, false) } AS topics
"""

PINNED = f"""
MATCH (t:Topic)
WHERE t.pinned = true AND t.community_id = $community AND NOT coalesce(t.hidden, false)
RETURN t {{{_TOPIC_FIELDS}}} AS topic
ORDER BY t.last_activity_at DESC, t.id
"""

# Newest activity first through the (community_id, last_activity_at) index; SKIP walks entries.
OTHERS_PAGE = f"""
MATCH (t:Topic)
USING INDEX t:Topic(community_id, last_activity_at)
WHERE t.community_id = $community AND t.last_activity_at IS NOT NULL
  AND (t.pinned IS NULL OR t.pinned = false) AND NOT coalesce(t.hidden, false)
WITH t ORDER BY t.community_id, t.last_activity_at DESC
SKIP $skip LIMIT $limit
RETURN t {{{_TOPIC_FIELDS}}} AS topic
"""

COUNT_OTHERS = """
MATCH (t:Topic)
USING INDEX t:Topic(community_id, last_activity_at)
WHERE t.community_id = $community AND t.last_activity_at IS NOT NULL
  AND (t.pinned IS NULL OR t.pinned = false) AND NOT coalesce(t.hidden, false)
RETURN count(t) AS n
"""


def visible_topic_counts(graph: Graph) -> dict[str, int]:
    """Community id → number of visible topics."""
    return {r["id"]: r["topics"] for r in graph.read(VISIBLE_TOPIC_COUNTS)}


def pinned(graph: Graph, community_id: str) -> list[dict[str, Any]]:
    return [r["topic"] for r in graph.read(PINNED, community=community_id)]


def others_page(graph: Graph, community_id: str, skip: int, limit: int) -> list[dict[str, Any]]:
    if limit <= 0:
        return []
    return [r["topic"] for r in graph.read(OTHERS_PAGE, community=community_id, skip=skip, limit=limit)]


def count_others(graph: Graph, community_id: str) -> int:
    return graph.read(COUNT_OTHERS, community=community_id)[0]["n"]
