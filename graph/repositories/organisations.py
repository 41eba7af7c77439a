"""Organisations: profiles, membership, verification, and the directory search with facets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.driver import Graph

# ----------------------------------------------------------------------------- writes

#: Properties a profile may set; anything else in a payload is ignored, never stored.
PROFILE_PROPERTIES = (
    "name", "kind", "legal_form", "runts_section", "runts_number", "codice_fiscale", "description",
    "website", "email", "phone", "resources", "founded",
)

# The directory filters and counts on these properties, derived from the organisation's links
# whenever they change: one property read per organisation instead of several traversals
# (at 10k organisations the facets of an unfiltered page cost 5x less). `name_key` is the name
# as a person types it (lowercase, trimmed): a name typed is found by an index seek, not a scan
# of every organisation. Expects `o` in scope.
REFRESH_SEARCH_FIELDS = """
CALL (o) {
  OPTIONAL MATCH (o)-[:LOCATED_IN|WORKS_IN]->(:Territory)-[:PART_OF*0..2]->(area:Territory)
  WITH collect(DISTINCT area.id) AS areas
  OPTIONAL MATCH (o)-[:LOCATED_IN]->(:Territory)-[:PART_OF]->(prov:Territory)-[:PART_OF]->(reg:Territory)
  SET o.area_ids = areas, o.province_id = prov.id, o.region_id = reg.id, o.name_key = toLower(trim(o.name)),
      o.activity_codes = COLLECT { MATCH (o)-[:OPERATES_IN]->(a:Activity) RETURN a.code ORDER BY a.code },
      o.competency_ids = COLLECT { MATCH (o)-[:HAS_COMPETENCY]->(c:Competency) RETURN c.id ORDER BY c.id }
}
"""

REFRESH_ALL_SEARCH_FIELDS = """
MATCH (o:Organisation) WHERE o.area_ids IS NULL OR o.name_key IS NULL OR $all
""" + REFRESH_SEARCH_FIELDS + """
RETURN count(o) AS refreshed
"""

# A profile's links, from a `row` {seat, works_in, activities, competencies}; expects `o` and
# `row` in scope. Shared by the form, the import and the data sets, so they cannot drift apart.
LINK_PROFILE = """
CALL (o, row) {
  MATCH (seat:Territory {id: row.seat, level: 'comune'})
  MERGE (o)-[:LOCATED_IN]->(seat)
}
CALL (o, row) {
  UNWIND row.works_in AS tid
  MATCH (t:Territory {id: tid})
  MERGE (o)-[:WORKS_IN]->(t)
}
CALL (o, row) {
  UNWIND row.activities AS code
  MATCH (a:Activity {code: code})
  MERGE (o)-[:OPERATES_IN]->(a)
}
CALL (o, row) {
  UNWIND row.competencies AS cid
  MATCH (c:Competency {id: cid})
  MERGE (o)-[:HAS_COMPETENCY]->(c)
}
""" + REFRESH_SEARCH_FIELDS

UNLINK_PROFILE = """
CALL (o) {
  OPTIONAL MATCH (o)-[r:LOCATED_IN|WORKS_IN|OPERATES_IN|HAS_COMPETENCY]->()
  DELETE r
}
"""

# Create or update one organisation and replace its links; runs inside one transaction.
# A verified organisation whose verified data change (VERIFIED_PROPERTIES) is no longer verified,
# unless ``$keep_verified`` (a platform admin's edit): in the same write.
SAVE_PROFILE = """
WITH $row AS row
MERGE (o:Organisation {id: row.id})
ON CREATE SET o.created_at = datetime(), o.verified = false
WITH o, row, coalesce(o.verified, false) AND NOT $keep_verified
     AND any(k IN $verified_properties WHERE coalesce(toString(o[k]), '') <> coalesce(toString(row.props[k]), ''))
     AS unverified
SET o += row.props, o.updated_at = datetime()
FOREACH (_ IN CASE WHEN unverified THEN [1] ELSE [] END |
  SET o.verified = false, o.verified_at = null, o.verified_by = null)
WITH o, row, unverified
""" + UNLINK_PROFILE + LINK_PROFILE + """
RETURN o.id AS id, unverified
"""

#: What the platform's administrators check when they verify an organisation: changed by its own
#: administrators, the verification is taken back (SAVE_PROFILE).
VERIFIED_PROPERTIES = ("name", "kind", "legal_form", "codice_fiscale", "runts_section", "runts_number")

# Import: the codice fiscale is the key, so the same file twice creates nothing new.
UPSERT_BY_CODICE_FISCALE = """
UNWIND $rows AS row
MERGE (o:Organisation {codice_fiscale: row.props.codice_fiscale})
ON CREATE SET o.id = randomUUID(), o.created_at = datetime(), o.verified = false
SET o += row.props, o.updated_at = datetime()
WITH o, row
""" + UNLINK_PROFILE + LINK_PROFILE + """
RETURN count(o) AS written
"""

EXISTING_CODICI_FISCALI = """
UNWIND $codes AS cf
MATCH (o:Organisation {codice_fiscale: cf})
RETURN cf
"""

ADD_MEMBER = """
MATCH (p:Person {id: $person}), (o:Organisation {id: $organisation})
MERGE (p)-[m:MEMBER_OF]->(o)
ON CREATE SET m.role = $role, m.since = date()
SET m.role = $role
WITH p, o
OPTIONAL MATCH (p)-[req:REQUESTED_TO_JOIN]->(o)
DELETE req
RETURN o.id AS id
"""

REQUEST_TO_JOIN = """
MATCH (p:Person {id: $person}), (o:Organisation {id: $organisation})
WHERE NOT (p)-[:MEMBER_OF]->(o)
MERGE (p)-[r:REQUESTED_TO_JOIN]->(o)
ON CREATE SET r.at = datetime(), r.message = $message
RETURN o.id AS id
"""

DECLINE_REQUEST = """
MATCH (:Person {id: $person})-[r:REQUESTED_TO_JOIN]->(:Organisation {id: $organisation})
DELETE r
RETURN count(*) AS removed
"""

# ----------------------------------------------------------------------------- reads

MEMBER_ROLE = """
MATCH (:Person {id: $person})-[m:MEMBER_OF]->(:Organisation {id: $organisation})
RETURN m.role AS role
"""

JOIN_REQUESTED = """
RETURN EXISTS { (:Person {id: $person})-[:REQUESTED_TO_JOIN]->(:Organisation {id: $organisation}) } AS requested
"""

# What a need's requirements of who helps ask of an organisation `o`
# (services.suggestions.unmet_requirements).
_REQUIREMENT_FIELDS = ("coalesce(o.verified, false) AS verified, coalesce(o.runts_section, '') <> '' AS runts, "
                       "coalesce(o.area_ids, []) AS areas")

PERSON_ORGANISATIONS = f"""
MATCH (:Person {{id: $person}})-[m:MEMBER_OF]->(o:Organisation)
RETURN o.id AS id, o.name AS name, m.role AS role, {_REQUIREMENT_FIELDS}
ORDER BY o.name
"""

PROFILE = """
MATCH (o:Organisation {id: $id})
OPTIONAL MATCH (o)-[:LOCATED_IN]->(seat:Territory)
OPTIONAL MATCH (seat)-[:PART_OF]->(prov:Territory)-[:PART_OF]->(reg:Territory)
RETURN o {
  .id, .name, .kind, .legal_form, .runts_section, .runts_number, .codice_fiscale, .description,
  .website, .email, .phone, .founded, .verified,
  resources: coalesce(o.resources, []),
  created_at: toString(o.created_at), updated_at: toString(o.updated_at), verified_at: toString(o.verified_at),
  seat: seat.id, seat_name: seat.name, provincia: prov.name, sigla: seat.sigla, regione: reg.name,
  works_in: COLLECT { MATCH (o)-[:WORKS_IN]->(t) RETURN t.id ORDER BY t.id },
  activities: COLLECT { MATCH (o)-[:OPERATES_IN]->(a) RETURN a.code ORDER BY a.code },
  competencies: COLLECT { MATCH (o)-[:HAS_COMPETENCY]->(c) RETURN c.id ORDER BY c.id }
} AS org
"""

CARDS = """
UNWIND $ids AS id
MATCH (o:Organisation {id: id})
OPTIONAL MATCH (o)-[:LOCATED_IN]->(seat:Territory)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.email AS email, o.phone AS phone, o.website AS website,
       seat.id AS seat, coalesce(o.verified, false) AS verified, o.runts_section AS runts_section
"""

MEMBERS = """
MATCH (p:Person)-[m:MEMBER_OF]->(:Organisation {id: $id})
WHERE NOT coalesce(p.deleted, false)
RETURN p.id AS id, p.name AS name, p.email AS email, p.job_title AS job_title, m.role AS role
ORDER BY m.role, p.name
"""

JOIN_REQUESTS = """
MATCH (p:Person)-[r:REQUESTED_TO_JOIN]->(:Organisation {id: $id})
RETURN p.id AS id, p.name AS name, p.email AS email, r.message AS message, toString(r.at) AS at
ORDER BY r.at
"""

ACTIVITY_OF_ORGANISATION = """
MATCH (o:Organisation {id: $id})
RETURN
  COLLECT { MATCH (o)-[:POSTED]->(n:Need) WHERE n.status <> 'draft'  // drafts stay with the members
            RETURN n {.id, .title, .status, deadline: toString(n.deadline)}
            ORDER BY n.created_at DESC LIMIT 20 } AS needs,
  COLLECT { MATCH (poster:Organisation)-[:POSTED]->(n:Need)-[m:MET_WITH]->(o)  // named by the poster as a helper
            RETURN n {.id, .title, poster_id: poster.id, poster_name: poster.name, met_at: toString(m.at)}
            ORDER BY m.at DESC, n.id LIMIT 20 } AS helped,
  COUNT { (o)-[:POSTED]->(n:Need) WHERE n.status <> 'draft' } AS needs_total,
  COUNT { (o)<-[:MET_WITH]-(:Need) } AS helped_total,
  COLLECT { MATCH (o)-[r:PARTNER_IN]->(p:Partnership)
            RETURN p {.id, .title, .status, .funder, role: r.role,
                      start: toString(p.start), end: toString(p.end),
                      partners: COLLECT { MATCH (p)<-[:PARTNER_IN]-(x) WHERE x <> o
                                          RETURN x {.id, .name} ORDER BY x.name }}
            ORDER BY p.start DESC } AS partnerships,
  COLLECT { MATCH (o)<-[:MEMBER_OF]-(:Person)-[:BELONGS_TO|FACILITATES]->(c:Community)
            WITH DISTINCT c RETURN c {.id, .slug, .name} ORDER BY c.name } AS communities
"""

# Directory search. Two fixed variants (with and without the full-text clause): user input
# never becomes Cypher text. Facet semantics: OR inside a facet, AND across facets.
_FILTERS = """
WHERE ($kinds = [] OR o.kind IN $kinds)
  AND ($legal_forms = [] OR o.legal_form IN $legal_forms)
  AND ($sections = [] OR o.runts_section IN $sections)
  AND (NOT $verified OR o.verified = true)
  AND ($activities = [] OR any(x IN o.activity_codes WHERE x IN $activities))
  AND ($competencies = [] OR any(x IN o.competency_ids WHERE x IN $competencies))
  AND ($territories = [] OR any(x IN o.area_ids WHERE x IN $territories))
"""

# The facets and the page are read as rows that stream, never gathered in one list: an
# organisation in a list carries all its properties, its vector among them, and a list of every
# organisation went past the transaction's memory at 60k organisations. The facets in one pass:
# each organisation gives a (facet, value) pair per facet it has a value for, counted at once.
_FACETS = """
  UNWIND [['kind', o.kind], ['legal_form', o.legal_form], ['runts_section', o.runts_section],
          ['regione', o.region_id], ['provincia', o.province_id], ['total', 'all'],
          ['verified', CASE WHEN o.verified = true THEN 'yes' END]]
         + [x IN coalesce(o.activity_codes, []) | ['activity', x]]
         + [x IN coalesce(o.competency_ids, []) | ['competency', x]] AS pair
  WITH pair[0] AS facet, pair[1] AS value
  WHERE value IS NOT NULL
  WITH facet, value, count(*) AS n
  ORDER BY n DESC, value
  WITH facet, collect({value: value, count: n}) AS counts
  RETURN collect({facet: facet, counts: counts}) AS facets
"""

_PAGE = """
  WITH o, score
  ORDER BY CASE WHEN $sort = 'relevance' THEN -score ELSE 0 END, o.name, o.id
  SKIP $skip LIMIT $limit
  OPTIONAL MATCH (o)-[:LOCATED_IN]->(seat:Territory)-[:PART_OF]->(:Territory)-[:PART_OF]->(reg:Territory)
  RETURN collect(o {
    .id, .name, .kind, .legal_form, .runts_section, .verified,
    summary: left(coalesce(o.description, ''), 240),
    seat_name: seat.name, sigla: seat.sigla, regione: reg.name,
    activities: coalesce(o.activity_codes, [])
  }) AS items
"""


def _search(source: str) -> str:
    where = _FILTERS.strip()
    return f"""
CALL () {{
  {source}
  {where}{_FACETS}}}
CALL () {{
  {source}
  {where}{_PAGE}}}
RETURN facets, items
"""


SEARCH_ALL = _search("MATCH (o:Organisation)\n  WITH o, 0.0 AS score")

SEARCH_TEXT = _search(
    "CALL db.index.fulltext.queryNodes('organisation_text', $lucene, {limit: $text_limit})\n"
    "  YIELD node AS o, score\n  WITH o, score"
)

# An organisation's name as a person types it: those whose name it is (an index seek on
# `name_key`), then the full-text index's best, without the directory's facets and count (a
# name typed needs a handful of organisations, not every match counted: 0.5 s at 60k).
_NAMED = """
CALL () {
  MATCH (o:Organisation) WHERE o.name_key = toLower(trim($name))
  RETURN o, 1 AS exact, 0.0 AS score
  %s
}
WITH o, max(exact) AS exact, max(score) AS score
ORDER BY exact DESC, score DESC, o.name, o.id
LIMIT $limit
OPTIONAL MATCH (o)-[:LOCATED_IN]->(seat:Territory)
RETURN o.id AS id, o.name AS name, o.kind AS kind, seat.name AS seat_name, seat.sigla AS sigla, exact = 1 AS exact
"""
NAMED_EXACTLY = _NAMED % ""
NAMED = _NAMED % """UNION
  CALL db.index.fulltext.queryNodes('organisation_text', $lucene, {limit: $limit})
  YIELD node AS o, score
  RETURN o, 0 AS exact, score"""

EMPTY_FACETS: dict[str, Any] = {
    "kind": [], "legal_form": [], "runts_section": [], "verified": 0, "activity": [], "competency": [],
    "regione": [], "provincia": [],
}

SORTS = ("relevance", "name")


@dataclass(frozen=True)
class DirectoryFilters:
    lucene: str | None = None  # an already escaped full-text query, or None
    kinds: tuple[str, ...] = ()
    legal_forms: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    verified: bool = False
    sort: str = "relevance"


@dataclass(frozen=True)
class DirectoryPage:
    total: int
    items: list[dict[str, Any]]
    facets: dict[str, Any] = field(default_factory=dict)


def search(graph: Graph, filters: DirectoryFilters, page: int, per_page: int) -> DirectoryPage:
    if filters.sort not in SORTS:
        raise ValueError(f"unknown sort {filters.sort!r}")
    params = {
        "kinds": list(filters.kinds), "legal_forms": list(filters.legal_forms),
        "sections": list(filters.sections), "activities": list(filters.activities),
        "competencies": list(filters.competencies), "territories": list(filters.territories),
        "verified": filters.verified, "sort": filters.sort if filters.lucene else "name",
        "skip": (page - 1) * per_page, "limit": per_page,
    }
    if filters.lucene:
        rows = graph.read(SEARCH_TEXT, lucene=filters.lucene, text_limit=100_000, **params)
    else:
        rows = graph.read(SEARCH_ALL, **params)
    row = rows[0]
    counted = {f["facet"]: f["counts"] for f in row["facets"]}
    facets = {name: counted.get(name, []) for name in EMPTY_FACETS if name != "verified"}
    facets["verified"] = sum(c["count"] for c in counted.get("verified", []))
    return DirectoryPage(total=sum(c["count"] for c in counted.get("total", [])), items=row["items"], facets=facets)


def named(graph: Graph, name: str, lucene: str | None, limit: int) -> list[dict[str, Any]]:
    """At most ``limit`` organisations for a name typed, best first: those whose name it is
    (``exact``, whatever the case and the spaces around it), then the full-text matches of
    ``lucene`` (an already escaped query; None: the exact ones only)."""
    if lucene:
        return graph.read(NAMED, name=name, lucene=lucene, limit=limit)
    return graph.read(NAMED_EXACTLY, name=name, limit=limit)


def profile(graph: Graph, organisation_id: str) -> dict[str, Any] | None:
    rows = graph.read(PROFILE, id=organisation_id)
    return rows[0]["org"] if rows else None


def cards(graph: Graph, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Name, kind, seat, public contacts (as on the profile page), whether verified and the RUNTS
    section of the organisations of ``ids`` that exist, in no particular order."""
    return graph.read(CARDS, ids=list(ids)) if ids else []


def activity(graph: Graph, organisation_id: str) -> dict[str, Any]:
    rows = graph.read(ACTIVITY_OF_ORGANISATION, id=organisation_id)
    return rows[0] if rows else {"needs": [], "helped": [], "needs_total": 0, "helped_total": 0, "partnerships": [],
                                 "communities": []}


def members(graph: Graph, organisation_id: str) -> list[dict[str, Any]]:
    return graph.read(MEMBERS, id=organisation_id)


def join_requests(graph: Graph, organisation_id: str) -> list[dict[str, Any]]:
    return graph.read(JOIN_REQUESTS, id=organisation_id)


def member_role(graph: Graph, person_id: str, organisation_id: str) -> str | None:
    rows = graph.read(MEMBER_ROLE, person=person_id, organisation=organisation_id)
    return rows[0]["role"] if rows else None


def join_requested(graph: Graph, person_id: str, organisation_id: str) -> bool:
    return graph.read(JOIN_REQUESTED, person=person_id, organisation=organisation_id)[0]["requested"]


def organisations_of(graph: Graph, person_id: str) -> list[dict[str, Any]]:
    return graph.read(PERSON_ORGANISATIONS, person=person_id)


REQUIREMENT_FACTS = f"""
MATCH (o:Organisation {{id: $id}})
RETURN o.id AS id, o.name AS name, {_REQUIREMENT_FIELDS}
"""


def requirement_facts(graph: Graph, organisation_id: str) -> dict[str, Any] | None:
    """{id, name, verified, runts, areas} of the organisation; None when there is none."""
    rows = graph.read(REQUIREMENT_FACTS, id=organisation_id)
    return rows[0] if rows else None


def save_profile(graph: Graph, organisation_id: str, props: dict[str, Any], seat: str,
                 works_in: Sequence[str], activities: Sequence[str], competencies: Sequence[str],
                 admin_person_id: str | None = None, keep_verified: bool = False) -> bool:
    """Create or update a profile in one transaction; with ``admin_person_id`` that person
    becomes its administrator in the same transaction. Raises graph.Conflict on a duplicate
    codice fiscale. True when the change took its verification back (VERIFIED_PROPERTIES
    changed on a verified organisation, unless ``keep_verified``)."""
    clean = {k: v for k, v in props.items() if k in PROFILE_PROPERTIES}

    def work(tx) -> bool:
        row = {"id": organisation_id, "props": clean, "seat": seat, "works_in": list(works_in),
               "activities": list(activities), "competencies": list(competencies)}
        saved = tx.run(SAVE_PROFILE, row=row, keep_verified=keep_verified,
                       verified_properties=list(VERIFIED_PROPERTIES)).single()
        if admin_person_id:
            tx.run(ADD_MEMBER, person=admin_person_id, organisation=organisation_id, role="admin").consume()
        return bool(saved and saved["unverified"])

    return graph.write_transaction(work)


def refresh_search_fields(graph: Graph, everything: bool = False) -> int:
    """Derive the search properties of organisations that lack them (or of all)."""
    return graph.write(REFRESH_ALL_SEARCH_FIELDS, all=everything)[0]["refreshed"]


def upsert_by_codice_fiscale(graph: Graph, rows: Sequence[dict[str, Any]]) -> int:
    for row in rows:
        row["props"] = {k: v for k, v in row["props"].items() if k in PROFILE_PROPERTIES}
    return graph.write(UPSERT_BY_CODICE_FISCALE, rows=list(rows))[0]["written"] if rows else 0


def existing_codici_fiscali(graph: Graph, codes: Sequence[str]) -> set[str]:
    return {r["cf"] for r in graph.read(EXISTING_CODICI_FISCALI, codes=list(codes))}


def add_member(graph: Graph, person_id: str, organisation_id: str, role: str) -> bool:
    if role not in ("member", "admin"):
        raise ValueError(f"unknown role {role!r}")
    return bool(graph.write(ADD_MEMBER, person=person_id, organisation=organisation_id, role=role))


def request_to_join(graph: Graph, person_id: str, organisation_id: str, message: str) -> bool:
    return bool(graph.write(REQUEST_TO_JOIN, person=person_id, organisation=organisation_id, message=message))


def decline_request(graph: Graph, person_id: str, organisation_id: str) -> bool:
    return graph.write(DECLINE_REQUEST, person=person_id, organisation=organisation_id)[0]["removed"] > 0
