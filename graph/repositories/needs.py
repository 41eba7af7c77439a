"""Needs ("bisogni"): what an organisation posts, its lifecycle, the public list and its filters.

A need is ``(o:Organisation)-[:POSTED]->(n:Need)`` with ``(n)-[:IN]->(:Territory)``,
``(n)-[:CONCERNS]->(:Activity)`` and ``(n)-[:REQUIRES]->(:Competency)``; ``deadline`` is a
Neo4j date, ``created_at`` a datetime. Reads return plain dicts with dates as ISO strings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.driver import Graph
from graph.repositories.matching import IN_PLAY, NOBODY_IN_PLAY, label_in_step, label_synced, marked_now, still_chosen

#: Properties a need may set; anything else in a payload is ignored, never stored.
NEED_PROPERTIES = ("title", "description", "beneficiaries", "help_kind", "volunteers_needed", "in_person", "status",
                   "place_kept", "only_verified", "only_runts", "helpers_within")

#: The statuses of a need the matcher works for. Such a need carries the label ActiveNeed, on
#: which the vector index of the active needs (active_need_embedding) is built: the needs closest
#: to a profile are sought among them alone, since in time the closed ones outnumber them.
ACTIVE_STATUSES = ("open", "matched", "in_progress")
_ACTIVE_LIST = "[" + ", ".join(f"'{status}'" for status in ACTIVE_STATUSES) + "]"
#: Puts the label of ``n`` in step with its status: after every write of n.status.
KEEP_ACTIVE_LABEL = label_in_step("n", "ActiveNeed", f"n.status IN {_ACTIVE_LIST}")

# Graphs written before the label: the needs whose label is not in step with their status.
SYNC_ACTIVE_LABEL = label_synced("Need", "n", "ActiveNeed", f"n.status IN {_ACTIVE_LIST}")

# Graphs written before published_at was recorded, and needs loaded without it: a need out of the
# drafts was published when it was created (what the pages said of it already: PUBLISHED_AT).
DATE_PUBLICATIONS = """
MATCH (n:Need)
WHERE n.published_at IS NULL AND n.status <> 'draft'
SET n.published_at = n.created_at
RETURN count(n) AS dated
"""

# ----------------------------------------------------------------------------- writes

# Create or update one need and replace its links, in one statement (one transaction). Its
# suggestions are due for a refresh (suggestions_stale, cleared when they are stored again), and
# its text vector (edited_at: what it asks changed; a change of status alone moves updated_at only).
SAVE_NEED = """
MATCH (o:Organisation {id: $organisation})
MERGE (n:Need {id: $id})
ON CREATE SET n.created_at = datetime()
SET n += $props, n.deadline = date($deadline), n.updated_at = datetime(), n.edited_at = datetime(),
    n.suggestions_stale = true
// published: when it first left the drafts (posted at once, or published later)
SET n.published_at = coalesce(n.published_at, CASE WHEN n.status <> 'draft' THEN datetime() END)
""" + KEEP_ACTIVE_LABEL + """
MERGE (o)-[:POSTED]->(n)
WITH n
CALL (n) {
  OPTIONAL MATCH (n)-[r:IN|CONCERNS|REQUIRES]->()
  DELETE r
}
CALL (n) {
  MATCH (t:Territory {id: $territory})
  MERGE (n)-[:IN]->(t)
}
CALL (n) {
  MATCH (a:Activity {code: $activity})
  MERGE (n)-[:CONCERNS]->(a)
}
CALL (n) {
  UNWIND $competencies AS cid
  MATCH (c:Competency {id: cid})
  MERGE (n)-[:REQUIRES]->(c)
}
RETURN n.id AS id
"""

# The organisations of $helpers (among those with a suggestion or an offer on need n) named by
# $person as having helped to meet it, those not named yet: a MET_WITH relationship each, and their
# suggestion marked `helped` (what the ranker learns from, the past work a later need is matched
# against). `added`: their ids.
_NAME_HELPERS = """
CALL (n) {
  MATCH (n)<-[:FOR]-(s)-[:PROPOSES]->(o:Organisation)
  WHERE o.id IN $helpers AND NOT EXISTS { (n)-[:MET_WITH]->(o) }
  SET s.helped = true
  WITH DISTINCT n, o
  MERGE (n)-[m:MET_WITH]->(o)
  SET m.at = datetime(), m.by = $person
  RETURN collect(o.id) AS added
}
"""

# The body of a subquery with the need n and `changed`, the ids of the organisations that now
# count as having met n with its poster, or no longer do (a need met together is in the network
# of both: the matcher's poster_network): the suggestions of their active needs, and of the
# poster's other ones, are due again. Nothing when `changed` is empty. Its variables are none of
# those of the queries it goes into: a variable a `CALL (n, o, ...)` imports stays bound for the
# whole subquery, whatever WITH comes between (Neo4j 5.26), so in ANSWER_CLAIM a MATCH of `o`
# here matched the confirmed organisation alone.
_NETWORK_CHANGED = """
  WITH n, changed WHERE size(changed) > 0
  MATCH (poster:Organisation)-[:POSTED]->(n)
  WITH n, changed + poster.id AS changed
  MATCH (each:Organisation)-[:POSTED]->(other:ActiveNeed)
  WHERE other <> n AND each.id IN changed
  SET other.suggestions_stale = true
"""

# Compare-and-set: the status changes only if nobody changed it in the meantime.
# A need met names, in the same write, the organisations that helped to meet it (_NAME_HELPERS),
# and the suggestions of their active needs and of the poster's are due again.
SET_STATUS = """
MATCH (n:Need {id: $id})
WHERE n.status = $current
SET n.status = $target, n.status_changed_at = datetime(), n.updated_at = datetime(),
    n.published_at = coalesce(n.published_at, CASE WHEN $target <> 'draft' THEN datetime() END)
""" + KEEP_ACTIVE_LABEL + """
WITH n
""" + _NAME_HELPERS + """
CALL (n, added) {
  WITH n, added AS changed""" + _NETWORK_CHANGED + """}
RETURN n.id AS id, size(added) AS helpers
"""

# Who helped to meet a need already met, said again ($helpers: the whole list, among those with a
# suggestion or an offer on it): those no longer named lose their MET_WITH and their suggestion's
# `helped`; those newly named get them (_NAME_HELPERS); the active needs of both and of the
# poster are due again (_NETWORK_CHANGED). Only while the need is met; the ids added and removed.
SET_HELPERS = """
MATCH (n:Need {id: $id})
WHERE n.status = 'met'
CALL (n) {
  MATCH (n)-[m:MET_WITH]->(o:Organisation)
  WHERE NOT o.id IN $helpers
  DELETE m
  WITH n, o
  OPTIONAL MATCH (n)<-[:FOR]-(s)-[:PROPOSES]->(o)
  REMOVE s.helped
  RETURN collect(DISTINCT o.id) AS removed
}
""" + _NAME_HELPERS + """
CALL (n, added, removed) {
  WITH n, added + removed AS changed""" + _NETWORK_CHANGED + """}
SET n.updated_at = datetime()
RETURN added, removed
"""

# The organisations that may be named as having helped to meet a need: those the poster chose or
# contacted, and those that said they can help (offers included), the chosen first; then those of
# the directory that confirmed they helped (a claim, below). `checked`: those named already once it
# is met, before that those chosen and still able to help (the likely helpers).
_NAMEABLE = "(s.status IN ['accepted', 'contacted'] OR s.availability IN ['yes', 'partly'])"
HELPER_CHOICES = """
MATCH (n:Need {id: $id})
CALL (n) {
  MATCH (n)<-[:FOR]-(s)-[:PROPOSES]->(o:Organisation)
  WHERE """ + _NAMEABLE + """
  RETURN o, s.status AS status, s.availability AS availability, coalesce(s.offered, false) AS offered,
         """ + still_chosen() + """ AS chosen
  UNION
  MATCH (n)-[:MET_WITH]->(o:Organisation)
  WHERE NOT EXISTS { (n)<-[:FOR]-(s)-[:PROPOSES]->(o) WHERE """ + _NAMEABLE + """ }
  RETURN o, null AS status, null AS availability, false AS offered, false AS chosen
}
RETURN o.id AS id, o.name AS name, status, availability, offered, status IS NULL AS confirmed,
       CASE WHEN n.status = 'met' THEN EXISTS { (n)-[:MET_WITH]->(o) } ELSE chosen END AS checked
ORDER BY CASE WHEN status IS NULL THEN 3 WHEN status = 'accepted' THEN 0 WHEN status = 'contacted' THEN 1 ELSE 2 END,
         toLower(o.name), o.id
"""

# An organisation of the directory that helped to meet a need outside the platform's suggestions,
# named by the poster's members: a claim, (n)-[:HELP_CLAIMED {at, by}]->(o), that its members
# confirm or decline. Not the poster itself, nor one named already. The claimed organisation, or
# nothing.
CLAIM_HELP = """
MATCH (poster:Organisation)-[:POSTED]->(n:Need {id: $id})
MATCH (o:Organisation {id: $organisation})
WHERE n.status = 'met' AND o <> poster AND NOT EXISTS { (n)-[:MET_WITH]->(o) }
MERGE (n)-[c:HELP_CLAIMED]->(o)
ON CREATE SET c.at = datetime(), c.by = $person
RETURN o.id AS id, o.name AS name
"""

# A claim answered (or withdrawn by the poster): it goes; confirmed while the need is met, the
# organisation helped as one named from the suggestions does (MET_WITH with the claim's date and
# author, and `helped` on its suggestion if it had one that did not count); declined by the
# organisation, it stays as HELP_DECLINED (the report counts it, and it is not asked again),
# which the organisation may still confirm (a refusal by mistake); confirmed, the active needs of
# the organisation and of the poster are due again (_NETWORK_CHANGED). Whether it was there.
ANSWER_CLAIM = """
MATCH (n:Need {id: $id})-[c:HELP_CLAIMED|HELP_DECLINED]->(o:Organisation {id: $organisation})
WHERE type(c) = 'HELP_CLAIMED' OR $confirm
WITH n, o, c, c.at AS at, c.by AS by
DELETE c
WITH n, o, at, by
CALL (n, o, at, by) {
  WITH n, o, at, by
  WHERE $declined
  MERGE (n)-[d:HELP_DECLINED]->(o)
  SET d.at = at, d.by = by, d.declined_by = $person, d.declined_at = datetime()
}
CALL (n, o, at, by) {
  WITH n, o, at, by
  WHERE $confirm AND n.status = 'met'
  MERGE (n)-[m:MET_WITH]->(o)
  SET m.at = at, m.by = by, m.confirmed_by = $person, m.confirmed_at = datetime()
  WITH n, o
  OPTIONAL MATCH (n)<-[:FOR]-(s)-[:PROPOSES]->(o)
  SET s.helped = true
  WITH DISTINCT n, [o.id] AS changed""" + _NETWORK_CHANGED + """}
RETURN true AS answered
"""

EXPIRE = """
MATCH (n:Need)
WHERE n.status IN $statuses AND n.deadline < date($today)
SET n.status = 'expired', n.status_changed_at = datetime()
""" + KEEP_ACTIVE_LABEL + """
RETURN count(n) AS expired
"""

DUE_FOR_REMINDER = """
MATCH (o:Organisation)-[:POSTED]->(n:Need)
WHERE n.status IN $statuses AND n.reminded_at IS NULL
  AND n.deadline >= date($today) AND n.deadline <= date($today) + duration({days: $days})
RETURN n.id AS id, n.title AS title, toString(n.deadline) AS deadline, o.id AS organisation_id,
       o.name AS organisation_name,
       COLLECT { MATCH (p:Person)-[:MEMBER_OF {role: 'admin'}]->(o)
                 WHERE p.email IS NOT NULL AND NOT coalesce(p.deleted, false)
                 RETURN {email: p.email, locale: p.locale} ORDER BY p.email } AS admins
ORDER BY n.deadline, n.title
"""

MARK_REMINDED = marked_now("Need", "reminded_at")

# A need past its deadline (since $since) whose outcome its poster has still to say: still in
# progress, or expired while an organisation the poster chose could still help. Here and below a
# need's suggestions are reached as (n)<-[:FOR]-(s), without the label: with it the planner may
# seek every suggestion of a status through the status index, for each need (measured: 13 s for
# one organisation's list with 150k suggestions, against 8 ms expanding from the need).
_OUTCOME_TO_SAY = """n.deadline < date($today) AND n.deadline >= date($since)
  AND (n.status = 'in_progress'
       OR (n.status = 'expired' AND EXISTS { (n)<-[:FOR]-(s) WHERE """ + still_chosen() + """ }))"""

# An open need for which the platform, its suggestions computed and no refresh due, has nobody in
# play: every organisation suggested or offered was declined or said it cannot help, or none was
# found (requirements of who helps, help given on site far from any organisation, a vague text).
_UNMATCHED = ("(n.status = 'open' AND n.suggested_at IS NOT NULL AND NOT coalesce(n.suggestions_stale, false) AND "
              + NOBODY_IN_PLAY + ")")

# The needs whose poster was never asked about their outcome (_OUTCOME_TO_SAY; $since, so that a
# graph written before the question is not asked about years of needs), with the names of the
# organisations chosen that could still help.
OUTCOME_DUE = f"""
MATCH (o:Organisation)-[:POSTED]->(n:Need)
WHERE n.status IN ['in_progress', 'expired'] AND n.outcome_asked_at IS NULL AND {_OUTCOME_TO_SAY}
RETURN n.id AS id, n.title AS title, n.status AS status, o.id AS organisation_id,
       COLLECT {{ MATCH (n)<-[:FOR]-(s)-[:PROPOSES]->(h:Organisation) WHERE {still_chosen()}
                  RETURN h.name ORDER BY toLower(h.name) }} AS chosen
ORDER BY n.deadline, n.id
"""

# What the posting organisations' members have to do about their needs: answers that say an
# organisation can help waiting for their decision (active needs), an outcome to say
# (_OUTCOME_TO_SAY), an open need whose chosen organisation could no longer help (another to
# choose), an open need with nobody in play (_UNMATCHED: what to change). The oldest deadline first.
TO_DO = f"""
UNWIND $organisations AS oid
MATCH (:Organisation {{id: oid}})-[:POSTED]->(n:Need)
WHERE n.status IN ['open', 'matched', 'in_progress'] OR (n.status = 'expired' AND n.deadline >= date($since))
WITH n,
     CASE WHEN n.status IN $active
          THEN COUNT {{ (n)<-[:FOR]-(s) WHERE s.status IN ['proposed', 'contacted']
                                         AND s.availability IN ['yes', 'partly'] }}
          ELSE 0 END AS waiting,
     n.status IN ['in_progress', 'expired'] AND {_OUTCOME_TO_SAY} AS outcome,
     n.status = 'open' AND EXISTS {{ (n)<-[:FOR]-(s) WHERE s.status = 'accepted' AND s.availability = 'no' }}
       AS reopened,
     {_UNMATCHED} AS unmatched
WHERE waiting > 0 OR outcome OR reopened OR unmatched
RETURN n.id AS id, n.title AS title, n.status AS status, toString(n.deadline) AS deadline, waiting, outcome,
       reopened, unmatched
ORDER BY n.deadline, n.id
LIMIT $limit
"""

MARK_OUTCOME_ASKED = """
UNWIND $ids AS nid
MATCH (n:Need {id: nid})
SET n.outcome_asked_at = datetime()
RETURN count(n) AS marked
"""

# ----------------------------------------------------------------------------- reads

# When a need was published: recorded since published_at was; before, and for the data sets, its
# creation (drafts: never).
PUBLISHED_AT = "coalesce(n.published_at, CASE WHEN n.status <> 'draft' THEN n.created_at END)"

NEED_FIELDS = """
  .id, .title, .description, .beneficiaries, .help_kind, .volunteers_needed, .status, .place_kept,
  in_person: coalesce(n.in_person, false),
  only_verified: coalesce(n.only_verified, false), only_runts: coalesce(n.only_runts, false), .helpers_within,
  deadline: toString(n.deadline), created_at: toString(n.created_at), updated_at: toString(n.updated_at),
  reminded_at: toString(n.reminded_at), published_at: toString({PUBLISHED_AT}),
  organisation_id: o.id, organisation_name: o.name,
  territory: t.id, territory_name: t.name,
  activity: head(COLLECT { MATCH (n)-[:CONCERNS]->(a:Activity) RETURN a.code ORDER BY a.code }),
  competencies: COLLECT { MATCH (n)-[:REQUIRES]->(c:Competency) RETURN c.id ORDER BY c.id }
""".replace("{PUBLISHED_AT}", PUBLISHED_AT)

# The organisations the poster named as having helped to meet the need, as {id, name}.
_HELPED_BY = ("COLLECT { MATCH (n)-[:MET_WITH]->(h:Organisation) RETURN {id: h.id, name: h.name} "
              "ORDER BY toLower(h.name), h.id }")
# The organisations of the directory the poster (`o`) said helped, waiting for them to confirm:
# with their members, and those of them who may answer (not members of the poster too).
_HELP_CLAIMS = """COLLECT { MATCH (n)-[c:HELP_CLAIMED]->(h:Organisation)
  RETURN {id: h.id, name: h.name, at: toString(c.at),
          members: COUNT { (h)<-[:MEMBER_OF]-(p:Person) WHERE NOT coalesce(p.deleted, false) },
          answerers: COUNT { (h)<-[:MEMBER_OF]-(p:Person) WHERE NOT coalesce(p.deleted, false)
                                                         AND NOT (p)-[:MEMBER_OF]->(o) }}
  ORDER BY toLower(h.name), h.id }"""

# Those of them that said they did not help.
_HELP_DECLINED = ("COLLECT { MATCH (n)-[:HELP_DECLINED]->(h:Organisation) RETURN {id: h.id, name: h.name} "
                  "ORDER BY toLower(h.name), h.id }")

FIND_NEED = f"""
MATCH (o:Organisation)-[:POSTED]->(n:Need {{id: $id}})
OPTIONAL MATCH (n)-[:IN]->(t:Territory)
RETURN n {{{NEED_FIELDS}, helped_by: {_HELPED_BY}, help_claims: {_HELP_CLAIMS},
          help_declined: {_HELP_DECLINED}}} AS need
LIMIT 1
"""

# The list. User input is only ever a parameter: the variants below are fixed texts, one picked
# by which filters are set. Status counts are over every other filter, so they show the
# alternatives. The needs are read twice, as rows that stream (counted by status; then sorted,
# of which only a page is kept), never gathered in a list: a node in a list carries all its
# properties, its vector and its organisation's among them (about 18 kB a need), and a list of
# every need went past the transaction's memory at a few thousand needs.
_FILTERS = """
WHERE ($include_drafts OR n.status <> 'draft')
  AND ($organisations = [] OR o.id IN $organisations)
  AND ($helpers = [] OR EXISTS { (n)-[:MET_WITH]->(h) WHERE h.id IN $helpers })
  AND ($help_kinds = [] OR n.help_kind IN $help_kinds)
  AND ($activities = [] OR EXISTS { (n)-[:CONCERNS]->(a:Activity) WHERE a.code IN $activities })
  AND ($territories = [] OR EXISTS {
        (n)-[:IN]->(:Territory)-[:PART_OF*0..2]->(area:Territory) WHERE area.id IN $territories })
""".strip()

# A need of the list, from n, its organisation o and its place t.
_ITEM = """n {
    .id, .title, .help_kind, .volunteers_needed, .status, .beneficiaries, in_person: coalesce(n.in_person, false),
    only_verified: coalesce(n.only_verified, false), only_runts: coalesce(n.only_runts, false), .helpers_within,
    summary: left(coalesce(n.description, ''), 240),
    deadline: toString(n.deadline), created_at: toString(n.created_at),
    organisation_id: o.id, organisation_name: o.name, territory: t.id, territory_name: t.name,
    activity: head(COLLECT { MATCH (n)-[:CONCERNS]->(a:Activity) RETURN a.code ORDER BY a.code }),
    // what the need page shows of its suggestions: the declined ones are the poster's business, and
    // those whose organisation answered it cannot help are not shown to others either; the
    // organisations that offered to help unasked, and those the poster asked of their own accord, apart
    suggestion_count: COUNT { (n)<-[:FOR]-(s:Suggestion) WHERE """ + IN_PLAY + """
                                AND NOT coalesce(s.offered, false) AND NOT coalesce(s.invited, false) },
    offer_count: COUNT { (n)<-[:FOR]-(s:Suggestion {offered: true}) WHERE """ + IN_PLAY + """ },
    invite_count: COUNT { (n)<-[:FOR]-(s:Suggestion {invited: true}) WHERE """ + IN_PLAY + """ },
    answer_count: COUNT { (n)<-[:FOR]-(s:Suggestion) WHERE s.status <> 'declined' AND s.answer IS NOT NULL },
    unmatched: """ + _UNMATCHED + """,
    helped_by: """ + _HELPED_BY + """
  }"""

_PAGE = f"""
  AND ($statuses = [] OR n.status IN $statuses)
  WITH o, n, score
  // needs still waiting for help first (open, matched, in progress), then the rest
  ORDER BY n.status IN {_ACTIVE_LIST} DESC, score DESC, n.created_at DESC, n.id
  SKIP $skip LIMIT $limit
  OPTIONAL MATCH (n)-[:IN]->(t:Territory)
  RETURN collect({_ITEM}) AS items
"""

# Where the needs are read from: the narrowest of the filters set (the others are checked on
# each need): the full-text index, the organisations, those that helped, the places, the
# activities, or all.
_SOURCES = {
    "text": "CALL db.index.fulltext.queryNodes('need_text', $lucene, {limit: $text_limit})\n"
            "  YIELD node AS n, score\n  MATCH (o:Organisation)-[:POSTED]->(n)\n  WITH o, n, score",
    "organisations": "MATCH (o:Organisation) WHERE o.id IN $organisations\n"
                     "  MATCH (o)-[:POSTED]->(n:Need)\n  WITH o, n, 0.0 AS score",
    "helpers": "MATCH (h:Organisation) WHERE h.id IN $helpers\n"
               "  MATCH (h)<-[:MET_WITH]-(n:Need)<-[:POSTED]-(o:Organisation)\n  WITH DISTINCT o, n, 0.0 AS score",
    "territories": "MATCH (area:Territory) WHERE area.id IN $territories\n"
                   "  MATCH (area)<-[:PART_OF*0..2]-(:Territory)<-[:IN]-(n:Need)<-[:POSTED]-(o:Organisation)\n"
                   "  WITH DISTINCT o, n, 0.0 AS score",
    "activities": "MATCH (a:Activity) WHERE a.code IN $activities\n"
                  "  MATCH (a)<-[:CONCERNS]-(n:Need)<-[:POSTED]-(o:Organisation)\n  WITH DISTINCT o, n, 0.0 AS score",
    "all": "MATCH (o:Organisation)-[:POSTED]->(n:Need)\n  WITH o, n, 0.0 AS score",
}


def _search(source: str) -> str:
    return f"""
CALL () {{
  {source}
  {_FILTERS}
  WITH n.status AS status, count(*) AS c
  ORDER BY status
  RETURN collect({{value: status, count: c}}) AS status_counts
}}
CALL () {{
  {source}
  {_FILTERS}{_PAGE}}}
RETURN reduce(total = 0, s IN status_counts |
              total + CASE WHEN $statuses = [] OR s.value IN $statuses THEN s.count ELSE 0 END) AS total,
       items, status_counts
"""


SEARCHES = {name: _search(source) for name, source in _SOURCES.items()}

# The public list with no filter but the statuses (its first page, the most seen): the counts and
# the page from the index on the status, the needs still waiting for help first.
COUNT_BY_STATUS = """
UNWIND $statuses AS status
CALL (status) {
  MATCH (n:Need) WHERE n.status = status
  RETURN count(n) AS c
}
RETURN status, c
"""
PAGE_BY_STATUS = f"""
MATCH (n:Need) WHERE n.status IN $statuses
WITH n ORDER BY n.created_at DESC, n.id SKIP $skip LIMIT $limit
MATCH (o:Organisation)-[:POSTED]->(n)
OPTIONAL MATCH (n)-[:IN]->(t:Territory)
WITH n, o, t ORDER BY n.created_at DESC, n.id
RETURN collect({_ITEM}) AS items
"""
#: Every status a need may have (mentore.reference.vocabularies.NEED_STATUSES names them).
STATUSES = ("draft", "open", "matched", "in_progress", "met", "closed", "expired")


@dataclass(frozen=True)
class NeedFilters:
    lucene: str | None = None  # an already escaped full-text query, or None
    statuses: tuple[str, ...] = ()
    help_kinds: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()  # empty: every organisation
    helpers: tuple[str, ...] = ()  # needs met with the help of one of these (empty: any need)
    include_drafts: bool = False


@dataclass(frozen=True)
class NeedPage:
    total: int
    items: list[dict[str, Any]]
    status_counts: dict[str, int]


def search(graph: Graph, filters: NeedFilters, page: int, per_page: int) -> NeedPage:
    skip = (page - 1) * per_page
    if not (filters.lucene or filters.organisations or filters.helpers or filters.territories or filters.activities
            or filters.help_kinds or filters.include_drafts):
        return _by_status(graph, filters.statuses, skip, per_page)
    params = {
        "statuses": list(filters.statuses), "help_kinds": list(filters.help_kinds),
        "activities": list(filters.activities), "territories": list(filters.territories),
        "organisations": list(filters.organisations), "helpers": list(filters.helpers),
        "include_drafts": filters.include_drafts,
        "skip": skip, "limit": per_page,
    }
    source = next(name for name, wanted in (("text", filters.lucene), ("organisations", filters.organisations),
                                            ("helpers", filters.helpers), ("territories", filters.territories),
                                            ("activities", filters.activities), ("all", True)) if wanted)
    row = graph.read(SEARCHES[source], lucene=filters.lucene, text_limit=10_000, **params)[0]
    counts = {c["value"]: c["count"] for c in row["status_counts"]}
    return NeedPage(total=row["total"], items=row["items"], status_counts=counts)


def _by_status(graph: Graph, statuses: Sequence[str], skip: int, limit: int) -> NeedPage:
    """The public list filtered by status alone: the needs waiting for help (ACTIVE_STATUSES)
    first, then the others, each newest first; read from the index on the status."""
    published = [s for s in STATUSES if s != "draft"]
    counts = {r["status"]: r["c"] for r in graph.read(COUNT_BY_STATUS, statuses=published) if r["c"]}
    wanted = [s for s in published if not statuses or s in statuses]
    first, rest = [s for s in wanted if s in ACTIVE_STATUSES], [s for s in wanted if s not in ACTIVE_STATUSES]
    waiting = sum(counts.get(s, 0) for s in first)
    items: list[dict[str, Any]] = []
    if skip < waiting:
        items += graph.read(PAGE_BY_STATUS, statuses=first, skip=skip, limit=min(limit, waiting - skip))[0]["items"]
    if skip + limit > waiting and rest:
        items += graph.read(PAGE_BY_STATUS, statuses=rest, skip=max(0, skip - waiting),
                            limit=skip + limit - max(skip, waiting))[0]["items"]
    return NeedPage(total=sum(counts.get(s, 0) for s in wanted), items=items, status_counts=counts)


# The organisation's needs in $statuses: id, title, status (newest first).
TITLES_OF = """
MATCH (:Organisation {id: $organisation})-[:POSTED]->(n:Need)
WHERE n.status IN $statuses
RETURN n.id AS id, n.title AS title, n.status AS status
ORDER BY n.created_at DESC
"""


def find(graph: Graph, need_id: str) -> dict[str, Any] | None:
    rows = graph.read(FIND_NEED, id=need_id)
    return rows[0]["need"] if rows else None


def save(graph: Graph, need_id: str, organisation_id: str, props: dict[str, Any], deadline: str,
         territory: str, activity: str, competencies: Sequence[str]) -> str | None:
    """Create or update a need (``deadline`` as YYYY-MM-DD); None when the organisation is gone."""
    clean = {k: v for k, v in props.items() if k in NEED_PROPERTIES}
    rows = graph.write(SAVE_NEED, id=need_id, organisation=organisation_id, props=clean, deadline=deadline,
                       territory=territory, activity=activity, competencies=list(competencies))
    return rows[0]["id"] if rows else None


# Writing on the organisation takes its lock until the transaction ends: two new needs of one
# organisation are written one after the other, and the second sees the first.
LOCK_NEEDS_OF = """
MATCH (o:Organisation {id: $organisation})
SET o.need_posted_at = datetime()
RETURN o.id AS id
"""


def create_unless(graph: Graph, need_id: str, organisation_id: str, props: dict[str, Any], deadline: str,
                  territory: str, activity: str, competencies: Sequence[str], statuses: Sequence[str],
                  clash: Callable[[list[dict[str, Any]]], dict[str, Any] | None]) -> dict[str, Any] | None:
    """Create a need unless ``clash`` finds one it must not repeat among the organisation's needs
    in ``statuses`` (id, title, status; newest first), all in one transaction that holds the
    organisation's lock: returns what ``clash`` found (nothing is written), or None (created)."""
    clean = {k: v for k, v in props.items() if k in NEED_PROPERTIES}

    def work(tx: Any) -> dict[str, Any] | None:
        tx.run(LOCK_NEEDS_OF, organisation=organisation_id).consume()
        found = clash(tx.run(TITLES_OF, organisation=organisation_id, statuses=list(statuses)).data())
        if found is None:
            tx.run(SAVE_NEED, id=need_id, organisation=organisation_id, props=clean, deadline=deadline,
                   territory=territory, activity=activity, competencies=list(competencies)).consume()
        return found

    return graph.write_transaction(work)


def set_status(graph: Graph, need_id: str, current: str, target: str, helpers: Sequence[str] = (),
               person: str | None = None) -> int | None:
    """Move the need from ``current`` to ``target`` (None when its status is no longer
    ``current``); ``helpers``: the organisations that helped to meet it (SET_STATUS), named by
    ``person``. Returns how many of them were recorded."""
    rows = graph.write(SET_STATUS, id=need_id, current=current, target=target, helpers=list(helpers), person=person)
    return rows[0]["helpers"] if rows else None


def outcome_due(graph: Graph, today: str, since: str) -> list[dict[str, Any]]:
    return graph.read(OUTCOME_DUE, today=today, since=since)


# The active needs of a person's organisations (not those of $organisation), the newest first, in
# two lists of at most $limit: those that may ask $organisation whether it can help (it is neither
# among their suggestions nor their offers: may_ask), and those that have it among their
# suggestions, offers or requests, with where it stands there (in_touch).
ASKING = f"""
MATCH (:Person {{id: $person}})-[:MEMBER_OF]->(poster:Organisation)-[:POSTED]->(n:Need)
WHERE poster.id <> $organisation AND n.status IN {_ACTIVE_LIST}
OPTIONAL MATCH (n)<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(:Organisation {{id: $organisation}})
WITH poster, n, s ORDER BY n.created_at DESC, n.id
RETURN collect(CASE WHEN s IS NULL THEN {{id: n.id, title: n.title, organisation_name: poster.name}} END)[..$limit]
         AS may_ask,
       collect(CASE WHEN s IS NOT NULL THEN {{
         id: n.id, title: n.title, suggestion_id: s.id, status: s.status, availability: s.availability,
         offered: coalesce(s.offered, false), invited: coalesce(s.invited, false), decline_reason: s.decline_reason,
         since: toString(coalesce(s.decided_at, s.created_at))}} END)[..$limit] AS in_touch
"""


def asking(graph: Graph, person_id: str, organisation_id: str, limit: int) -> dict[str, list[dict[str, Any]]]:
    """{may_ask, in_touch}: see ASKING."""
    return graph.read(ASKING, person=person_id, organisation=organisation_id, limit=limit)[0]


def to_do(graph: Graph, organisation_ids: Sequence[str], active: Sequence[str], today: str, since: str,
          limit: int) -> list[dict[str, Any]]:
    return graph.read(TO_DO, organisations=list(organisation_ids), active=list(active), today=today, since=since,
                      limit=limit)


def mark_outcome_asked(graph: Graph, need_ids: Sequence[str]) -> int:
    return graph.write(MARK_OUTCOME_ASKED, ids=list(need_ids))[0]["marked"] if need_ids else 0


def helper_choices(graph: Graph, need_id: str) -> list[dict[str, Any]]:
    return graph.read(HELPER_CHOICES, id=need_id)


# The questions waiting for an organisation that a person of it may answer: the needs whose
# poster said it helped to meet them (not those of another organisation of the person's), the
# newest first.
CLAIMS_ON = """
MATCH (:Organisation {id: $organisation})<-[c:HELP_CLAIMED]-(n:Need)<-[:POSTED]-(poster:Organisation)
WHERE NOT EXISTS { (:Person {id: $person})-[:MEMBER_OF]->(poster) }
RETURN n.id AS need_id, n.title AS need_title, poster.name AS poster_name, toString(c.at) AS at
ORDER BY c.at DESC, n.id
LIMIT $limit
"""


def claims_on(graph: Graph, organisation_id: str, person_id: str, limit: int) -> list[dict[str, Any]]:
    return graph.read(CLAIMS_ON, organisation=organisation_id, person=person_id, limit=limit)


def claim_help(graph: Graph, need_id: str, organisation_id: str, person: str | None) -> dict[str, Any] | None:
    """A claim that ``organisation_id`` helped to meet the need (CLAIM_HELP): {id, name}, or None
    when it cannot be made (the need not met, the poster itself, one named already)."""
    rows = graph.write(CLAIM_HELP, id=need_id, organisation=organisation_id, person=person)
    return rows[0] if rows else None


def answer_claim(graph: Graph, need_id: str, organisation_id: str, decision: str, person: str | None) -> bool:
    """The claim answered (ANSWER_CLAIM) by ``decision``: "confirm" or "decline" (the
    organisation), "withdraw" (the poster); whether there was one."""
    return bool(graph.write(ANSWER_CLAIM, id=need_id, organisation=organisation_id, confirm=decision == "confirm",
                            declined=decision == "decline", person=person))


def set_helpers(graph: Graph, need_id: str, helpers: Sequence[str], person: str | None) -> dict[str, list[str]] | None:
    """Who helped to meet a need met, said again by ``person`` (SET_HELPERS): {added, removed}
    ids, or None when the need is not met."""
    rows = graph.write(SET_HELPERS, id=need_id, helpers=list(helpers), person=person)
    return {"added": rows[0]["added"], "removed": rows[0]["removed"]} if rows else None


def expire(graph: Graph, statuses: Sequence[str], today: str) -> int:
    return graph.write(EXPIRE, statuses=list(statuses), today=today)[0]["expired"]


def date_publications(graph: Graph) -> int:
    return graph.write(DATE_PUBLICATIONS)[0]["dated"]


def sync_active_label(graph: Graph) -> int:
    """Label the active needs of a graph written before the label existed (and unlabel the
    others); how many changed. Idempotent."""
    return graph.write(SYNC_ACTIVE_LABEL)[0]["synced"]


def due_for_reminder(graph: Graph, statuses: Sequence[str], today: str, days: int) -> list[dict[str, Any]]:
    return graph.read(DUE_FOR_REMINDER, statuses=list(statuses), today=today, days=days)


def mark_reminded(graph: Graph, need_ids: Sequence[str]) -> int:
    return graph.write(MARK_REMINDED, ids=list(need_ids))[0]["marked"] if need_ids else 0
