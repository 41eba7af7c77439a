"""Communities of practice: the list, one community, membership and its waiting requests.

Model (see /work/issue5/SPEC.md): ``(:Community {id, slug, name, description, membership_mode,
created_at, updated_at})``, ``(c)-[:ABOUT]->(:Activity)``, ``(c)-[:COVERS]->(:Territory)``,
``(:Person)-[:FACILITATES]->(c)``, ``(:Person)-[:BELONGS_TO {since}]->(c)``,
``(:Person)-[:FOLLOWS {since}]->(c)``, ``(:Person)-[:REQUESTED {at, message}]->(c)``,
``(:Person)-[:INVITED {at, by}]->(c)``, ``(:Person)-[:REMOVED_FROM {at, by, reason}]->(c)``.
Reads return plain dicts with datetimes as ISO strings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.driver import Graph

ACCESS = """
MATCH (c:Community {id: $community})
OPTIONAL MATCH (p:Person {id: $person})
RETURN c.id AS community_id,
       p IS NOT NULL AND EXISTS { (p)-[:BELONGS_TO]->(c) } AS is_member,
       p IS NOT NULL AND EXISTS { (p)-[:FACILITATES]->(c) } AS is_facilitator,
       p IS NOT NULL AND EXISTS { (p)-[:REMOVED_FROM]->(c) } AS removed,
       p IS NOT NULL AND EXISTS { (p)-[:REQUESTED]->(c) } AS requested,
       p IS NOT NULL AND EXISTS { (p)-[:INVITED]->(c) } AS invited
"""

_FACILITATORS = """COLLECT { MATCH (f:Person)-[:FACILITATES]->(c) WHERE NOT coalesce(f.deleted, false)
                  RETURN f {.id, .name} AS f ORDER BY f.name }"""

LIST = f"""
MATCH (c:Community)
RETURN c {{.id, .slug, .name, .description, .membership_mode}} AS community,
       COUNT {{ (:Person)-[:BELONGS_TO]->(c) }} AS member_count,
       COUNT {{ (:Topic)-[:IN]->(c) }} AS topic_count,
       {_FACILITATORS} AS facilitators,
       [(c)-[:ABOUT]->(a:Activity) | a.code] AS activities
ORDER BY c.name
"""

FIND_BY_SLUG = f"""
MATCH (c:Community {{slug: $slug}})
RETURN c {{.id, .slug, .name, .description, .membership_mode,
          created_at: toString(c.created_at), updated_at: toString(c.updated_at)}} AS community,
       COUNT {{ (:Person)-[:BELONGS_TO]->(c) }} AS member_count,
       COUNT {{ (:Person)-[:FOLLOWS]->(c) }} AS follower_count,
       {_FACILITATORS} AS facilitators,
       COLLECT {{ MATCH (c)-[:ABOUT]->(a:Activity) RETURN a.code ORDER BY a.code }} AS activities,
       COLLECT {{ MATCH (c)-[:COVERS]->(t:Territory) RETURN t.id ORDER BY t.id }} AS territories
"""

FIND_BY_ID = "MATCH (c:Community {id: $id}) RETURN c.slug AS slug, c.name AS name"

FOLLOWING = """
MATCH (p:Person {id: $person}), (c:Community {id: $community})
RETURN EXISTS { (p)-[:FOLLOWS]->(c) } AS follows
"""

MEMBERS = """
MATCH (p:Person)-[b:BELONGS_TO]->(c:Community {id: $community})
WHERE NOT coalesce(p.deleted, false)
RETURN p.id AS id, p.name AS name, p.job_title AS job_title, toString(b.since) AS since,
       EXISTS { (p)-[:FACILITATES]->(c) } AS facilitator,
       [(p)-[:MEMBER_OF]->(o:Organisation) | o.name][0] AS organisation
ORDER BY facilitator DESC, p.name
SKIP $skip LIMIT $limit
"""

REQUESTS = """
MATCH (p:Person)-[r:REQUESTED]->(c:Community {id: $community})
RETURN p.id AS id, p.name AS name, p.email AS email, toString(r.at) AS at, r.message AS message,
       [(p)-[:MEMBER_OF]->(o:Organisation) | o.name][0] AS organisation
ORDER BY r.at
"""

INVITATIONS = """
MATCH (p:Person)-[r:INVITED]->(c:Community {id: $community})
RETURN p.id AS id, p.name AS name, toString(r.at) AS at
ORDER BY r.at
"""

#: Members of a community with one of these names (mentions), case-insensitive.
MEMBERS_NAMED = """
UNWIND $names AS name
MATCH (p:Person)-[:BELONGS_TO]->(c:Community {id: $community})
WHERE toLower(p.name) = toLower(name) AND NOT coalesce(p.deleted, false)
RETURN name, p.id AS id, p.name AS person_name
"""

FOLLOWER_IDS = """
MATCH (p:Person)-[:FOLLOWS]->(c:Community {id: $community})
WHERE NOT coalesce(p.deleted, false)
RETURN p.id AS id
"""

# ----------------------------------------------------------------------------- membership writes

JOIN = """
MATCH (p:Person {id: $person}), (c:Community {id: $community})
WHERE NOT EXISTS { (p)-[:REMOVED_FROM]->(c) }
MERGE (p)-[b:BELONGS_TO]->(c)
ON CREATE SET b.since = datetime()
MERGE (p)-[f:FOLLOWS]->(c)
ON CREATE SET f.since = datetime()
WITH p, c
OPTIONAL MATCH (p)-[w:REQUESTED|INVITED]->(c)
DELETE w
RETURN DISTINCT c.id AS id
"""

REQUEST = """
MATCH (p:Person {id: $person}), (c:Community {id: $community})
WHERE NOT EXISTS { (p)-[:REMOVED_FROM]->(c) } AND NOT EXISTS { (p)-[:BELONGS_TO]->(c) }
MERGE (p)-[r:REQUESTED]->(c)
SET r.at = datetime(), r.message = $message
RETURN c.id AS id
"""

WITHDRAW = """
MATCH (p:Person {id: $person})-[r:REQUESTED]->(c:Community {id: $community})
DELETE r
RETURN c.id AS id
"""

# Answer a waiting request: accepting creates the membership, refusing only drops the request.
DECIDE_REQUEST = """
MATCH (p:Person {id: $person})-[r:REQUESTED]->(c:Community {id: $community})
DELETE r
WITH p, c
CALL (p, c) {
  WITH p, c WHERE $accept
  MERGE (p)-[b:BELONGS_TO]->(c)
  ON CREATE SET b.since = datetime()
  MERGE (p)-[f:FOLLOWS]->(c)
  ON CREATE SET f.since = datetime()
}
RETURN p.id AS id
"""

INVITE = """
MATCH (p:Person {id: $person}), (c:Community {id: $community})
WHERE NOT EXISTS { (p)-[:BELONGS_TO]->(c) } AND NOT EXISTS { (p)-[:REMOVED_FROM]->(c) }
MERGE (p)-[i:INVITED]->(c)
SET i.at = datetime(), i.by = $by
RETURN p.id AS id
"""

DECLINE_INVITATION = """
MATCH (p:Person {id: $person})-[i:INVITED]->(c:Community {id: $community})
DELETE i
RETURN c.id AS id
"""

LEAVE = """
MATCH (p:Person {id: $person})-[b:BELONGS_TO]->(c:Community {id: $community})
DELETE b
WITH p, c
OPTIONAL MATCH (p)-[f:FOLLOWS]->(c)
DELETE f
RETURN DISTINCT c.id AS id
"""

FOLLOW = """
MATCH (p:Person {id: $person}), (c:Community {id: $community})
MERGE (p)-[f:FOLLOWS]->(c)
ON CREATE SET f.since = datetime()
RETURN c.id AS id
"""

UNFOLLOW = """
MATCH (p:Person {id: $person})-[f:FOLLOWS]->(c:Community {id: $community})
DELETE f
RETURN c.id AS id
"""

# ----------------------------------------------------------------------------- administration

SAVE = """
MERGE (c:Community {id: $id})
ON CREATE SET c.created_at = datetime(), c.slug = $slug
SET c.name = $name, c.description = $description, c.membership_mode = $mode, c.updated_at = datetime()
WITH c
CALL (c) {
  OPTIONAL MATCH (c)-[r:ABOUT|COVERS]->()
  DELETE r
}
CALL (c) {
  UNWIND $activities AS code
  MATCH (a:Activity {code: code})
  MERGE (c)-[:ABOUT]->(a)
}
CALL (c) {
  UNWIND $territories AS tid
  MATCH (t:Territory {id: tid})
  MERGE (c)-[:COVERS]->(t)
}
RETURN c.id AS id
"""

FACILITATOR_EMAILS = """
MATCH (f:Person)-[:FACILITATES]->(c:Community {id: $community})
RETURN f.email AS email ORDER BY f.name
"""

SLUG_TAKEN = "MATCH (c:Community {slug: $slug}) RETURN c.id AS id"

# The facilitators become exactly ``$people`` (each also a member and a follower); returns the
# newly appointed ones.
SET_FACILITATORS = """
MATCH (c:Community {id: $community})
CALL (c) {
  MATCH (old:Person)-[r:FACILITATES]->(c)
  WHERE NOT old.id IN $people
  DELETE r
}
WITH c
UNWIND $people AS pid
MATCH (p:Person {id: pid})
OPTIONAL MATCH (p)-[existing:FACILITATES]->(c)
WITH c, p, existing IS NULL AS appointed
MERGE (p)-[:FACILITATES]->(c)
MERGE (p)-[b:BELONGS_TO]->(c)
ON CREATE SET b.since = datetime()
MERGE (p)-[f:FOLLOWS]->(c)
ON CREATE SET f.since = datetime()
WITH p, appointed
OPTIONAL MATCH (p)-[x:REMOVED_FROM|REQUESTED|INVITED]->(:Community {id: $community})
DELETE x
RETURN DISTINCT p.id AS id, appointed
"""


def access_row(graph: Graph, community_id: str, person_id: str | None) -> dict[str, Any] | None:
    """The person's relationships with the community, or None when the community does not exist."""
    rows = graph.read(ACCESS, community=community_id, person=person_id)
    return rows[0] if rows else None


def list_all(graph: Graph) -> list[dict[str, Any]]:
    return [{**r["community"], "member_count": r["member_count"], "topic_count": r["topic_count"],
             "facilitators": r["facilitators"], "activities": r["activities"]} for r in graph.read(LIST)]


def by_slug(graph: Graph, slug: str) -> dict[str, Any] | None:
    rows = graph.read(FIND_BY_SLUG, slug=slug)
    if not rows:
        return None
    row = rows[0]
    return {**row["community"], **{k: row[k] for k in ("member_count", "follower_count", "facilitators",
                                                        "activities", "territories")}}


def by_id(graph: Graph, community_id: str) -> dict[str, Any] | None:
    rows = graph.read(FIND_BY_ID, id=community_id)
    return rows[0] if rows else None


def follows(graph: Graph, person_id: str, community_id: str) -> bool:
    rows = graph.read(FOLLOWING, person=person_id, community=community_id)
    return bool(rows and rows[0]["follows"])


def members(graph: Graph, community_id: str, skip: int = 0, limit: int = 500) -> list[dict[str, Any]]:
    return graph.read(MEMBERS, community=community_id, skip=skip, limit=limit)


def requests(graph: Graph, community_id: str) -> list[dict[str, Any]]:
    return graph.read(REQUESTS, community=community_id)


def invitations(graph: Graph, community_id: str) -> list[dict[str, Any]]:
    return graph.read(INVITATIONS, community=community_id)


def members_named(graph: Graph, community_id: str, names: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    """name (as written) → [(person id, person name)] of the members called so."""
    found: dict[str, list[tuple[str, str]]] = {}
    for row in graph.read(MEMBERS_NAMED, community=community_id, names=list(names)):
        found.setdefault(row["name"], []).append((row["id"], row["person_name"]))
    return found


def follower_ids(graph: Graph, community_id: str) -> list[str]:
    return [r["id"] for r in graph.read(FOLLOWER_IDS, community=community_id)]


def join(graph: Graph, person_id: str, community_id: str) -> bool:
    return bool(graph.write(JOIN, person=person_id, community=community_id))


def request(graph: Graph, person_id: str, community_id: str, message: str) -> bool:
    return bool(graph.write(REQUEST, person=person_id, community=community_id, message=message))


def withdraw(graph: Graph, person_id: str, community_id: str) -> bool:
    return bool(graph.write(WITHDRAW, person=person_id, community=community_id))


def decide_request(graph: Graph, person_id: str, community_id: str, accept: bool) -> bool:
    return bool(graph.write(DECIDE_REQUEST, person=person_id, community=community_id, accept=accept))


def invite(graph: Graph, person_id: str, community_id: str, by: str) -> bool:
    return bool(graph.write(INVITE, person=person_id, community=community_id, by=by))


def decline_invitation(graph: Graph, person_id: str, community_id: str) -> bool:
    return bool(graph.write(DECLINE_INVITATION, person=person_id, community=community_id))


def leave(graph: Graph, person_id: str, community_id: str) -> bool:
    return bool(graph.write(LEAVE, person=person_id, community=community_id))


def follow(graph: Graph, person_id: str, community_id: str, on: bool) -> bool:
    return bool(graph.write(FOLLOW if on else UNFOLLOW, person=person_id, community=community_id))


def save(graph: Graph, community_id: str, *, slug: str, name: str, description: str, mode: str,
         activities: Sequence[str], territories: Sequence[str]) -> str:
    rows = graph.write(SAVE, id=community_id, slug=slug, name=name, description=description, mode=mode,
                       activities=list(activities), territories=list(territories))
    return rows[0]["id"]


def facilitator_emails(graph: Graph, community_id: str) -> list[str]:
    return [r["email"] for r in graph.read(FACILITATOR_EMAILS, community=community_id) if r["email"]]


def slug_taken(graph: Graph, slug: str) -> bool:
    return bool(graph.read(SLUG_TAKEN, slug=slug))


def set_facilitators(graph: Graph, community_id: str, person_ids: Sequence[str]) -> list[str]:
    """Make exactly these people the facilitators; returns the ids of those newly appointed."""
    rows = graph.write(SET_FACILITATORS, community=community_id, people=list(person_ids))
    return [r["id"] for r in rows if r["appointed"]]
