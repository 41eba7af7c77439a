"""The facilitator cockpit of a community: what needs attention, read from the forum's graph.

Reads only; the model is the one of /work/issue5/SPEC.md (``(t:Topic)-[:IN]->(c:Community)``,
``(p:Post)-[:IN]->(t)``, ``(:Person)-[:WROTE]->(t|p)``, ``hidden`` flags, ``(:Flag {status})
-[:IN]->(c)``, memberships ``BELONGS_TO | FACILITATES | REMOVED_FROM | INVITED | REQUESTED``).
No property of its own. Times arrive as ISO strings (``$now``) so that every figure is relative
to one instant the caller chose (tests pass a fixed one).

"People worth inviting" are people of organisations not represented in the community (no person
of theirs BELONGS_TO it), themselves neither members, removed, invited nor waiting for an answer
to a request (and with an account that can be invited: active, with an e-mail), whose
organisation ``OPERATES_IN`` one of the community's ``ABOUT`` activities or ``HAS_COMPETENCY``
one of the competencies most common among the members' organisations. The ranking weights are
here (``INVITE_WEIGHTS``); the reasons are composed by the service."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.driver import Graph

#: Score of each reason an organisation is close to the community's theme.
INVITE_WEIGHTS = {"activity": 3.0, "competency": 2.0, "territory": 2.0, "region": 1.0}
PEOPLE_PER_ORGANISATION = 2

COMMUNITY_BY_SLUG = """
MATCH (c:Community {slug: $slug})
RETURN c {
  .id, .slug, .name, .description, .membership_mode,
  activities: COLLECT { MATCH (c)-[:ABOUT]->(a:Activity) RETURN a.code ORDER BY a.code },
  territories: COLLECT { MATCH (c)-[:COVERS]->(t:Territory) RETURN t {.id, .name, .level} ORDER BY t.id },
  members: COUNT { (:Person)-[:BELONGS_TO]->(c) },
  topics: COUNT { (:Topic)-[:IN]->(c) }
} AS community
LIMIT 1
"""

# Visible topics without any visible reply, oldest first.
UNANSWERED = """
MATCH (c:Community {id: $community})<-[:IN]-(t:Topic)
WHERE NOT coalesce(t.hidden, false)
  AND NOT EXISTS { MATCH (p:Post)-[:IN]->(t) WHERE NOT coalesce(p.hidden, false) }
WITH t ORDER BY t.created_at, t.id
WITH collect(t) AS topics
RETURN size(topics) AS total,
       [t IN topics[0..$limit] | t {
          .id, .title, created_at: toString(t.created_at),
          locked: coalesce(t.locked, false),
          author_id: head([(a:Person)-[:WROTE]->(t) | a.id]),
          author_name: head([(a:Person)-[:WROTE]->(t) | a.name])
       }] AS items
"""

OPEN_FLAGS = """
MATCH (c:Community {id: $community})
RETURN COUNT { (f:Flag)-[:IN]->(c) WHERE f.status = 'open' } AS open_flags
"""

# Members (facilitators and removed people aside) whose latest topic or reply in this community
# is older than $days days, or who never wrote anything in it. First, cheaply, who wrote since the
# cutoff: the authors of the topics and replies of the topics active since then (the
# (community_id, last_activity_at) index). Only the others are looked at one by one, exactly: the
# first step only narrows the search, so a topic missing its denormalised fields costs time, not
# correctness.
QUIET_MEMBERS = """
MATCH (c:Community {id: $community})
WITH c, datetime($now) - duration({days: $days}) AS cutoff
CALL (c, cutoff) {
  OPTIONAL MATCH (t:Topic)
  WHERE t.community_id = c.id AND t.last_activity_at >= cutoff
  OPTIONAL MATCH (t)<-[:IN]-(p:Post)
  WHERE p.created_at >= cutoff
  WITH cutoff, collect(DISTINCT CASE WHEN t.created_at >= cutoff THEN t END) + collect(p) AS recent
  RETURN COLLECT { UNWIND recent AS x MATCH (w:Person)-[:WROTE]->(x) RETURN DISTINCT w.id } AS recent_writers
}
MATCH (c)<-[b:BELONGS_TO]-(p:Person)
WHERE NOT p.id IN recent_writers
  AND NOT EXISTS { (p)-[:FACILITATES]->(c) } AND NOT EXISTS { (p)-[:REMOVED_FROM]->(c) }
  AND coalesce(p.active, true) AND NOT coalesce(p.deleted, false)
WITH c, p, b, cutoff,
     [(p)-[:WROTE]->(t:Topic)-[:IN]->(c) | t.created_at]
     + [(p)-[:WROTE]->(x:Post)-[:IN]->(:Topic)-[:IN]->(c) | x.created_at] AS dates
WITH c, p, b, cutoff, size(dates) AS writings,
     reduce(latest = null, d IN dates | CASE WHEN latest IS NULL OR d > latest THEN d ELSE latest END) AS latest
WHERE latest IS NULL OR latest < cutoff
RETURN p.id AS id, p.name AS name, toString(b.since) AS since, toString(latest) AS last_written_at,
       writings,
       COLLECT { MATCH (p)-[:MEMBER_OF]->(o:Organisation) RETURN o {.id, .name} ORDER BY o.name } AS organisations
ORDER BY latest IS NULL, latest, p.name, p.id
"""

# Visible topics and replies per week (weeks start on Monday, at midnight in $zone: a reply
# written at 00:30 on a Monday in Italy is 23:30 on Sunday in UTC) since $since. A visible reply
# written since then is in a topic whose last activity is since then: the topics are read
# through the (community_id, last_activity_at) index, not all of them.
WEEKLY_ACTIVITY = """
MATCH (t:Topic)
WHERE t.community_id = $community AND t.last_activity_at >= datetime($since) AND NOT coalesce(t.hidden, false)
CALL (t) {
  WITH t WHERE t.created_at >= datetime($since)
  RETURN date(datetime.truncate('week', datetime({datetime: t.created_at, timezone: $zone}))) AS week, 'topics' AS kind
  UNION ALL
  MATCH (p:Post)-[:IN]->(t)
  WHERE p.created_at >= datetime($since) AND NOT coalesce(p.hidden, false)
  RETURN date(datetime.truncate('week', datetime({datetime: p.created_at, timezone: $zone}))) AS week, 'replies' AS kind
}
RETURN toString(week) AS week, kind, count(*) AS count
ORDER BY week, kind
"""

# What the community is about, beyond its ABOUT activities: the competencies of the members'
# organisations (most common first), the regions of their seats, the organisations represented.
MEMBER_PROFILE = """
MATCH (c:Community {id: $community})
CALL (c) {
  MATCH (p:Person)-[:BELONGS_TO]->(c)
  OPTIONAL MATCH (p)-[:MEMBER_OF]->(o:Organisation)
  RETURN collect(DISTINCT o.id) AS organisations
}
CALL (c) {
  MATCH (p:Person)-[:BELONGS_TO]->(c)
  MATCH (p)-[:MEMBER_OF]->(:Organisation)-[:HAS_COMPETENCY]->(k:Competency)
  WITH k, count(DISTINCT p) AS members
  ORDER BY members DESC, k.id
  RETURN collect({id: k.id, label: k.label, members: members})[0..$top] AS competencies
}
CALL (c) {
  MATCH (p:Person)-[:BELONGS_TO]->(c)
  MATCH (p)-[:MEMBER_OF]->(:Organisation)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..2]->(r:Territory {level: 'regione'})
  WITH r, count(DISTINCT p) AS members
  ORDER BY members DESC, r.id
  RETURN collect({id: r.id, name: r.name, members: members}) AS regions
}
RETURN organisations, competencies, regions
"""

# Organisations close to the theme, scored; the people of each who could be invited (at most
# $per_organisation, the organisation's administrators first: the list shows many organisations).
INVITE_CANDIDATES = """
MATCH (c:Community {id: $community})
MATCH (o:Organisation)
WHERE NOT o.id IN $represented
  AND (EXISTS { (o)-[:OPERATES_IN]->(a:Activity) WHERE a.code IN $activities }
       OR EXISTS { (o)-[:HAS_COMPETENCY]->(k:Competency) WHERE k.id IN $competencies })
WITH c, o,
     COLLECT { MATCH (o)-[:OPERATES_IN]->(a:Activity) WHERE a.code IN $activities
               RETURN a.code ORDER BY a.code } AS activities,
     COLLECT { MATCH (o)-[:HAS_COMPETENCY]->(k:Competency) WHERE k.id IN $competencies
               RETURN k.id ORDER BY k.id } AS competencies,
     head(COLLECT { MATCH (o)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..2]->(r:Territory {level: 'regione'})
                    RETURN r {.id, .name} }) AS region,
     COLLECT { MATCH (o)-[:LOCATED_IN|WORKS_IN]->(:Territory)-[:PART_OF*0..2]->(t:Territory)
               WHERE t.id IN $territories RETURN DISTINCT t.id } AS territories
WITH c, o, activities, competencies, region, territories,
     $weights.activity * size(activities) + $weights.competency * size(competencies)
     + CASE WHEN territories <> [] THEN $weights.territory ELSE 0.0 END
     + CASE WHEN region IS NOT NULL AND region.id IN keys($regions) THEN $weights.region ELSE 0.0 END AS score
WITH c, o, activities, competencies, region, territories, score,
     COLLECT { MATCH (p:Person)-[m:MEMBER_OF]->(o)
               WHERE coalesce(p.active, true) AND NOT coalesce(p.deleted, false) AND p.email IS NOT NULL
                 AND NOT EXISTS { (p)-[:BELONGS_TO|FACILITATES|REMOVED_FROM|INVITED|REQUESTED]->(c) }
               RETURN p {.id, .name, .job_title} ORDER BY m.role = 'admin' DESC, p.name, p.id
               LIMIT $per_organisation } AS people
WHERE people <> []
RETURN o.id AS organisation_id, o.name AS organisation_name, activities, competencies, region, territories,
       score, people
ORDER BY score DESC, organisation_name, organisation_id
LIMIT $limit
"""


@dataclass(frozen=True)
class Unanswered:
    total: int
    items: list[dict[str, Any]]


@dataclass(frozen=True)
class MemberProfile:
    organisations: list[str]
    competencies: list[dict[str, Any]]  # {id, label, members}, most common first
    regions: list[dict[str, Any]]  # {id, name, members}, most members first


def community_by_slug(graph: Graph, slug: str) -> dict[str, Any] | None:
    rows = graph.read(COMMUNITY_BY_SLUG, slug=slug)
    return rows[0]["community"] if rows else None


def unanswered(graph: Graph, community_id: str, limit: int) -> Unanswered:
    rows = graph.read(UNANSWERED, community=community_id, limit=limit)
    return Unanswered(total=rows[0]["total"], items=rows[0]["items"]) if rows else Unanswered(0, [])


def open_flags(graph: Graph, community_id: str) -> int:
    rows = graph.read(OPEN_FLAGS, community=community_id)
    return rows[0]["open_flags"] if rows else 0


def quiet_members(graph: Graph, community_id: str, now: str, days: int) -> list[dict[str, Any]]:
    return graph.read(QUIET_MEMBERS, community=community_id, now=now, days=days)


def weekly_activity(graph: Graph, community_id: str, since: str, zone: str) -> list[dict[str, Any]]:
    """Rows {week: 'YYYY-MM-DD' (a Monday in ``zone``), kind: 'topics' | 'replies', count}."""
    return graph.read(WEEKLY_ACTIVITY, community=community_id, since=since, zone=zone)


def member_profile(graph: Graph, community_id: str, top_competencies: int) -> MemberProfile:
    rows = graph.read(MEMBER_PROFILE, community=community_id, top=top_competencies)
    if not rows:
        return MemberProfile([], [], [])
    row = rows[0]
    return MemberProfile(organisations=[o for o in row["organisations"] if o], competencies=row["competencies"],
                         regions=row["regions"])


def invite_candidates(graph: Graph, community_id: str, *, represented: Sequence[str], activities: Sequence[str],
                      competencies: Sequence[str], territories: Sequence[str], regions: Mapping[str, int],
                      limit: int) -> list[dict[str, Any]]:
    """Organisations close to the theme, best first, each with the people who could be invited."""
    if not activities and not competencies:
        return []
    return graph.read(INVITE_CANDIDATES, community=community_id, represented=list(represented),
                      activities=list(activities), competencies=list(competencies),
                      territories=list(territories), regions=dict(regions), weights=INVITE_WEIGHTS, limit=limit,
                      per_organisation=PEOPLE_PER_ORGANISATION)
