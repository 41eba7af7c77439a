"""Best practices ("vetrina delle buone pratiche"): what worked, written up for others to reuse.

Model (see /work/issue5/SPEC.md): ``(:BestPractice {id, title, problem, solution, results,
materials, status, created_at, updated_at, published_at})`` where ``status`` is ``draft`` or
``published``, ``materials`` a list of ``"label<TAB>url"`` strings (labels never contain a tab)
and ``published_at`` the first publication (kept when edited); ``problem``, ``solution`` and
``results`` are Markdown. Links: ``(bp)-[:IN]->(:Territory)`` (comuni, province or regioni,
zero or more), ``(bp)-[:CONCERNS]->(:Activity)`` (one or more), ``(bp)-[:INVOLVES]->(:Organisation)``,
``(bp)-[:FROM_COMMUNITY]->(:Community)`` and ``(bp)-[:FROM_TOPIC]->(:Topic)`` (at most one each),
``(:Person)-[:WROTE]->(bp)`` (the author, set on creation).

The full-text index ``best_practice_text`` (Italian) covers title, problem, solution, results.
Reads return plain dicts with datetimes as ISO strings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.driver import Graph

#: Properties a best practice may set; anything else in a payload is ignored, never stored.
PROPERTIES = ("title", "problem", "solution", "results", "materials", "status")

# ----------------------------------------------------------------------------- writes

# Create or update one best practice and replace its links, in one statement (one transaction).
# ``$author`` is None on updates: the author never changes.
SAVE = """
MERGE (bp:BestPractice {id: $id})
ON CREATE SET bp.created_at = datetime()
SET bp += $props, bp.updated_at = datetime()
SET bp.published_at = CASE WHEN bp.status = 'published' THEN coalesce(bp.published_at, datetime())
                           ELSE bp.published_at END
WITH bp
CALL (bp) {
  OPTIONAL MATCH (bp)-[r:IN|CONCERNS|INVOLVES|FROM_COMMUNITY|FROM_TOPIC]->()
  DELETE r
}
CALL (bp) {
  MATCH (p:Person {id: $author})
  MERGE (p)-[:WROTE]->(bp)
}
CALL (bp) {
  UNWIND $territories AS tid
  MATCH (t:Territory {id: tid})
  MERGE (bp)-[:IN]->(t)
}
CALL (bp) {
  UNWIND $activities AS code
  MATCH (a:Activity {code: code})
  MERGE (bp)-[:CONCERNS]->(a)
}
CALL (bp) {
  UNWIND $organisations AS oid
  MATCH (o:Organisation {id: oid})
  MERGE (bp)-[:INVOLVES]->(o)
}
CALL (bp) {
  MATCH (c:Community {id: $community})
  MERGE (bp)-[:FROM_COMMUNITY]->(c)
}
CALL (bp) {
  MATCH (t:Topic {id: $topic})
  MERGE (bp)-[:FROM_TOPIC]->(t)
}
RETURN bp.id AS id
"""

DELETE = """
MATCH (bp:BestPractice {id: $id})
DETACH DELETE bp
RETURN count(*) AS deleted
"""

# Create-only bulk load of the demo data (graph.repositories.seeding, kind "best_practices").
SEED = """
UNWIND $rows AS row
MERGE (bp:BestPractice {id: row.id})
ON CREATE SET bp += row.props, bp.created_at = datetime(row.created_at),
              bp.updated_at = datetime(row.created_at), bp.published_at = datetime(row.created_at)
WITH bp, row
CALL (bp, row) {
  MATCH (p:Person {id: row.author})
  MERGE (p)-[:WROTE]->(bp)
}
CALL (bp, row) {
  UNWIND row.territories AS tid
  MATCH (t:Territory {id: tid})
  MERGE (bp)-[:IN]->(t)
}
CALL (bp, row) {
  UNWIND row.activities AS code
  MATCH (a:Activity {code: code})
  MERGE (bp)-[:CONCERNS]->(a)
}
CALL (bp, row) {
  UNWIND row.organisations AS oid
  MATCH (o:Organisation {id: oid})
  MERGE (bp)-[:INVOLVES]->(o)
}
CALL (bp, row) {
  MATCH (c:Community {id: row.community})
  MERGE (bp)-[:FROM_COMMUNITY]->(c)
}
CALL (bp, row) {
  MATCH (t:Topic {id: row.topic})
  MERGE (bp)-[:FROM_TOPIC]->(t)
}
"""

# ----------------------------------------------------------------------------- reads

FIELDS = """
  .id, .title, .problem, .solution, .results, .status,
  materials: coalesce(bp.materials, []),
  created_at: toString(bp.created_at), updated_at: toString(bp.updated_at),
  published_at: toString(bp.published_at),
  author_id: head(COLLECT { MATCH (p:Person)-[:WROTE]->(bp) RETURN p.id }),
  territories: COLLECT { MATCH (bp)-[:IN]->(t:Territory) RETURN t.id ORDER BY t.id },
  activities: COLLECT { MATCH (bp)-[:CONCERNS]->(a:Activity) RETURN a.code ORDER BY a.code },
  organisations: COLLECT { MATCH (bp)-[:INVOLVES]->(o:Organisation)
                           RETURN o {.id, .name, .kind} ORDER BY o.name },
  community: head(COLLECT { MATCH (bp)-[:FROM_COMMUNITY]->(c:Community) RETURN c {.id, .slug, .name} }),
  topic: head(COLLECT { MATCH (bp)-[:FROM_TOPIC]->(t:Topic)
                        OPTIONAL MATCH (t)-[:IN]->(tc:Community)
                        RETURN t {.id, .title, community_slug: tc.slug} }),
  facilitator_ids: COLLECT { MATCH (bp)-[:FROM_COMMUNITY]->(:Community)<-[:FACILITATES]-(f:Person)
                             RETURN f.id }
"""

FIND = f"""
MATCH (bp:BestPractice {{id: $id}})
RETURN bp {{{FIELDS}}} AS bp
"""

# The list: two fixed variants (with and without the full-text clause); user input is only
# ever a parameter. Activity counts are over every other filter, so they show the alternatives.
_FILTERS = """
WHERE bp.status = 'published'
  AND ($communities = [] OR EXISTS { (bp)-[:FROM_COMMUNITY]->(c:Community) WHERE c.id IN $communities })
  AND ($organisations = [] OR EXISTS { (bp)-[:INVOLVES]->(o:Organisation) WHERE o.id IN $organisations })
  AND ($territories = [] OR EXISTS {
        (bp)-[:IN]->(:Territory)-[:PART_OF*0..2]->(area:Territory) WHERE area.id IN $territories })
WITH bp, score, COLLECT { MATCH (bp)-[:CONCERNS]->(a:Activity) RETURN a.code } AS codes
WITH collect({bp: bp, score: score, codes: codes}) AS rows
WITH rows, [r IN rows WHERE $activities = [] OR any(code IN r.codes WHERE code IN $activities)] AS hits
CALL (rows) {
  UNWIND rows AS r
  UNWIND r.codes AS code
  WITH code, count(*) AS c
  ORDER BY code
  RETURN collect({value: code, count: c}) AS activity_counts
}
CALL (hits) {
  UNWIND hits AS r
  WITH r
  ORDER BY r.score DESC, coalesce(r.bp.published_at, r.bp.created_at) DESC, r.bp.id
  SKIP $skip LIMIT $limit
  WITH r.bp AS bp
  RETURN collect(bp {
    .id, .title, .status,
    summary: left(coalesce(bp.problem, ''), 240),
    created_at: toString(bp.created_at), published_at: toString(bp.published_at),
    territories: COLLECT { MATCH (bp)-[:IN]->(t:Territory) RETURN t.id ORDER BY t.id },
    activities: COLLECT { MATCH (bp)-[:CONCERNS]->(a:Activity) RETURN a.code ORDER BY a.code },
    organisations: COLLECT { MATCH (bp)-[:INVOLVES]->(o:Organisation) RETURN o {.id, .name} ORDER BY o.name },
    community: head(COLLECT { MATCH (bp)-[:FROM_COMMUNITY]->(c:Community) RETURN c {.id, .slug, .name} })
  }) AS items
}
RETURN size(hits) AS total, items, activity_counts
"""

SEARCH_ALL = "MATCH (bp:BestPractice)\nWITH bp, 0.0 AS score\n" + _FILTERS

SEARCH_TEXT = (
    "CALL db.index.fulltext.queryNodes('best_practice_text', $lucene, {limit: $text_limit})\n"
    "YIELD node AS bp, score\nWITH bp, score\n" + _FILTERS
)

DRAFTS_OF = """
MATCH (:Person {id: $person})-[:WROTE]->(bp:BestPractice {status: 'draft'})
RETURN bp {.id, .title, updated_at: toString(bp.updated_at)} AS bp
ORDER BY bp.updated_at DESC
LIMIT 50
"""

# ----------------------------------------------------------------------------- what the forms need

COMMUNITIES = """
MATCH (c:Community)
RETURN c.id AS id, c.name AS name, c.slug AS slug
ORDER BY c.name
"""

# Names (or ids) typed in the form → organisations; case and spaces do not matter.
RESOLVE_ORGANISATIONS = """
UNWIND $names AS name
OPTIONAL CALL (name) {
  MATCH (o:Organisation {id: name}) RETURN o
  UNION
  MATCH (o:Organisation) WHERE o.name_key = toLower(trim(name)) RETURN o
}
WITH name, collect(o {.id, .name}) AS found
RETURN name, found
"""

# Close names for an unknown one (the directory's Italian full-text index).
CLOSE_NAMES = """
CALL db.index.fulltext.queryNodes('organisation_text', $lucene, {limit: $limit})
YIELD node
RETURN node.name AS name
"""

ORGANISATION_NAMES = """
UNWIND $ids AS oid
MATCH (o:Organisation {id: oid})
RETURN o.id AS id, o.name AS name
"""

# A forum topic as the promotion needs it: its community, the accepted solution, the people
# who wrote in it (visible posts only) and their organisations, the community's theme.
TOPIC_FOR_PROMOTION = """
MATCH (t:Topic {id: $id})-[:IN]->(c:Community)
OPTIONAL MATCH (t)-[:SOLVED_BY]->(solution:Post)
RETURN t {.id, .title, .body} AS topic, c {.id, .slug, .name} AS community,
       solution {.id, .body} AS solution,
       COLLECT { MATCH (c)-[:ABOUT]->(a:Activity) RETURN a.code ORDER BY a.code } AS activities,
       COLLECT { MATCH (c)-[:COVERS]->(x:Territory) RETURN x.id ORDER BY x.id } AS territories,
       COLLECT { MATCH (w)-[:IN*0..1]->(t)
                 WHERE w = t OR (w:Post AND NOT coalesce(w.hidden, false))
                 MATCH (writer:Person)-[:WROTE]->(w), (writer)-[:MEMBER_OF]->(o:Organisation)
                 WITH DISTINCT o
                 RETURN o.id ORDER BY o.name } AS organisations
"""

PERSON_FACTS = """
MATCH (p:Person {id: $person})
RETURN EXISTS { (p)-[:MEMBER_OF]->(:Organisation) } AS is_member,
       EXISTS { (p)-[:FACILITATES]->(:Community) } AS facilitates,
       EXISTS { (p)-[:FACILITATES]->(:Community {id: $community}) } AS facilitates_community
"""

FOR_COMMUNITY = """
MATCH (bp:BestPractice {status: 'published'})-[:FROM_COMMUNITY]->(:Community {id: $community})
RETURN bp {.id, .title, summary: left(coalesce(bp.problem, ''), 160)} AS bp
ORDER BY coalesce(bp.published_at, bp.created_at) DESC, bp.id
LIMIT $limit
"""

FOR_ORGANISATION = """
MATCH (bp:BestPractice {status: 'published'})-[:INVOLVES]->(:Organisation {id: $organisation})
RETURN bp {.id, .title, summary: left(coalesce(bp.problem, ''), 160)} AS bp
ORDER BY coalesce(bp.published_at, bp.created_at) DESC, bp.id
LIMIT $limit
"""


@dataclass(frozen=True)
class Filters:
    lucene: str | None = None  # an already escaped full-text query, or None
    activities: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    total: int
    items: list[dict[str, Any]]
    activity_counts: dict[str, int]


@dataclass(frozen=True)
class Links:
    """What a best practice points to (ids), replaced as a whole on every save."""

    territories: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    community: str | None = None
    topic: str | None = None


def save(graph: Graph, bp_id: str, props: dict[str, Any], links: Links, author: str | None = None) -> str | None:
    clean = {k: v for k, v in props.items() if k in PROPERTIES}
    rows = graph.write(SAVE, id=bp_id, props=clean, author=author, territories=list(links.territories),
                       activities=list(links.activities), organisations=list(links.organisations),
                       community=links.community, topic=links.topic)
    return rows[0]["id"] if rows else None


def delete(graph: Graph, bp_id: str) -> bool:
    return bool(graph.write(DELETE, id=bp_id)[0]["deleted"])


def find(graph: Graph, bp_id: str) -> dict[str, Any] | None:
    rows = graph.read(FIND, id=bp_id)
    return rows[0]["bp"] if rows else None


def search(graph: Graph, filters: Filters, page: int, per_page: int) -> Page:
    params = {
        "activities": list(filters.activities), "territories": list(filters.territories),
        "communities": list(filters.communities), "organisations": list(filters.organisations),
        "skip": (page - 1) * per_page, "limit": per_page,
    }
    if filters.lucene:
        rows = graph.read(SEARCH_TEXT, lucene=filters.lucene, text_limit=10_000, **params)
    else:
        rows = graph.read(SEARCH_ALL, **params)
    row = rows[0]
    counts = {c["value"]: c["count"] for c in row["activity_counts"]}
    return Page(total=row["total"], items=row["items"], activity_counts=counts)


def drafts_of(graph: Graph, person_id: str) -> list[dict[str, Any]]:
    return [r["bp"] for r in graph.read(DRAFTS_OF, person=person_id)]


def communities(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(COMMUNITIES)


def resolve_organisations(graph: Graph, names: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Each name → the organisations with that name (or id): none, one, or several."""
    if not names:
        return {}
    return {r["name"]: r["found"] for r in graph.read(RESOLVE_ORGANISATIONS, names=list(names))}


def close_names(graph: Graph, lucene: str, limit: int = 3) -> list[str]:
    return [r["name"] for r in graph.read(CLOSE_NAMES, lucene=lucene, limit=limit)]


def organisation_names(graph: Graph, ids: Sequence[str]) -> dict[str, str]:
    return {r["id"]: r["name"] for r in graph.read(ORGANISATION_NAMES, ids=list(ids))} if ids else {}


def topic_for_promotion(graph: Graph, topic_id: str) -> dict[str, Any] | None:
    rows = graph.read(TOPIC_FOR_PROMOTION, id=topic_id)
    return rows[0] if rows else None


def person_facts(graph: Graph, person_id: str, community_id: str | None = None) -> dict[str, bool]:
    rows = graph.read(PERSON_FACTS, person=person_id, community=community_id)
    return rows[0] if rows else {"is_member": False, "facilitates": False, "facilitates_community": False}


def for_community(graph: Graph, community_id: str, limit: int = 10) -> list[dict[str, Any]]:
    return [r["bp"] for r in graph.read(FOR_COMMUNITY, community=community_id, limit=limit)]


def for_organisation(graph: Graph, organisation_id: str, limit: int = 10) -> list[dict[str, Any]]:
    return [r["bp"] for r in graph.read(FOR_ORGANISATION, organisation=organisation_id, limit=limit)]
