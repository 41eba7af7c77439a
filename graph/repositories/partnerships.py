"""Partnerships and the organisations in them, written in bulk (import of a history of
projects: a funding programme's records, a network's past co-design tables).

``UPSERT_ORGANISATIONS`` creates an organisation known only from partnerships (name, kind,
country, seat) or refreshes those fields; profiles written by people are never overwritten
(``ON CREATE`` for everything a person may have edited)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.driver import Graph
from graph.repositories.matching import keep_pool_label
from graph.repositories.organisations import REFRESH_SEARCH_FIELDS

UPSERT_ORGANISATIONS = """
UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
ON CREATE SET o.name = row.name, o.kind = row.kind, o.category = row.category, o.created_at = datetime(),
              o.imported_from = $source, o.verified = false,
              o.description = row.description
SET o.country = row.country, o.city = row.city
""" + keep_pool_label() + """WITH o, row
CALL (o, row) {
  WITH o, row WHERE row.seat IS NOT NULL
  MATCH (seat:Territory {id: row.seat, level: 'comune'})
  MERGE (o)-[:LOCATED_IN]->(seat)
}
""" + REFRESH_SEARCH_FIELDS

UPSERT_PARTNERSHIPS = """
UNWIND $rows AS row
MERGE (p:Partnership {id: row.id})
// a new text: its vector, and the profiles of its members (which include it), are embedded again
WITH p, row, coalesce(p.title, '') <> coalesce(row.title, '')
             OR coalesce(p.description, '') <> coalesce(row.description, '')
             OR coalesce(p.theme, '') <> coalesce(row.theme, '') AS rewritten
SET p.text_changed_at = CASE WHEN rewritten THEN datetime() ELSE p.text_changed_at END,
    p.title = row.title, p.description = row.description, p.theme = row.theme, p.programme = row.programme,
    p.programme_family = row.programme_family,
    p.start = CASE WHEN row.start IS NULL THEN null ELSE date(row.start) END,
    p.status = coalesce(row.status, p.status, 'concluded'), p.imported_from = $source
WITH p, row, rewritten
CALL (p, row, rewritten) {
  UNWIND row.members AS m
  MATCH (o:Organisation {id: m.organisation})
  OPTIONAL MATCH (o)-[was:PARTNER_IN]->(p)
  WITH p, rewritten, o, m, was IS NULL AS joins
  MERGE (o)-[r:PARTNER_IN]->(p)
  ON CREATE SET o.work_changed_at = datetime()  // its profile vector includes its work: re-embed it
  ON MATCH SET o.work_changed_at = CASE WHEN rewritten THEN datetime() ELSE o.work_changed_at END
  WITH r, m, joins, coalesce(r.role, '') <> coalesce(m.role, '') AS recast
  SET r.role = m.role
  RETURN count(CASE WHEN recast THEN 1 END) AS recast, count(CASE WHEN joins THEN 1 END) AS joined
}
// a record that lists its members is the whole consortium: members it no longer lists leave (and
// their profiles, which included this work, are embedded again); a record without members
// leaves the memberships as they are
CALL (p, row) {
  WITH p, row WHERE size(row.members) > 0
  MATCH (o:Organisation)-[r:PARTNER_IN]->(p)
  WHERE NOT o.id IN [m IN row.members | m.organisation]
  SET o.work_changed_at = datetime()
  DELETE r
  RETURN collect(o.id) AS gone
}
// who worked with whom changed (a member joined or left): the network of every member, and of
// those who left, changed (the matcher's poster_network), and the suggestions of their active
// needs are due again
CALL (p, joined, gone) {
  WITH p, joined, gone WHERE joined > 0 OR size(gone) > 0
  CALL (p, gone) {
    MATCH (member:Organisation)-[:PARTNER_IN]->(p)
    RETURN member
    UNION
    UNWIND gone AS id
    MATCH (member:Organisation {id: id})
    RETURN member
  }
  MATCH (member)-[:POSTED]->(active:ActiveNeed)
  SET active.suggestions_stale = true
}
WITH p, row, rewritten, recast, size(gone) AS dropped
// the matcher's copy of the work (every partnership's text, members and their roles) is read
// again when this changes (or the count of partnerships or of memberships does)
WITH count(CASE WHEN rewritten OR recast > 0 OR dropped > 0 THEN 1 END) AS rewrites
CALL (rewrites) {
  WITH rewrites WHERE rewrites > 0
  MERGE (v:Revision {name: 'work'})
  SET v.value = coalesce(v.value, 0) + 1
}
"""


def upsert_organisations(graph: Graph, rows: Sequence[dict[str, Any]], source: str) -> None:
    graph.write(UPSERT_ORGANISATIONS, rows=list(rows), source=source)


def upsert_partnerships(graph: Graph, rows: Sequence[dict[str, Any]], source: str) -> None:
    graph.write(UPSERT_PARTNERSHIPS, rows=list(rows), source=source)
