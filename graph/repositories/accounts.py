"""Accounts beyond identity: personal API tokens, the personal data export and the anonymisation
of a deleted account (GDPR). Tokens are stored only as SHA-256 hashes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.driver import Graph
from graph.repositories.people import PERSON_FIELDS, Person, from_row

#: The name a deleted account keeps, so that what it wrote stays attributed to someone.
REMOVED_NAME = "utente rimosso"

#: Relationships exported in their own sections; any other one goes to "other_relationships".
EXPORTED_RELATIONSHIPS = ["MEMBER_OF", "HAS_TOKEN", "BELONGS_TO", "FACILITATES", "WROTE", "FOR"]

TOKEN_FIELDS = "id: t.id, name: t.name, created_at: toString(t.created_at), last_used_at: toString(t.last_used_at)"

CREATE_TOKEN = f"""
MATCH (p:Person {{id: $person_id}})
WHERE NOT coalesce(p.deleted, false)
CREATE (p)-[:HAS_TOKEN]->(t:ApiToken {{id: randomUUID(), hash: $hash, name: $name, created_at: datetime()}})
RETURN t {{{TOKEN_FIELDS}}} AS token
"""

LIST_TOKENS = f"""
MATCH (:Person {{id: $person_id}})-[:HAS_TOKEN]->(t:ApiToken)
RETURN t {{{TOKEN_FIELDS}}} AS token
ORDER BY t.created_at DESC
"""

FIND_TOKEN = f"""
MATCH (:Person {{id: $person_id}})-[:HAS_TOKEN]->(t:ApiToken {{id: $token_id}})
RETURN t {{{TOKEN_FIELDS}}} AS token
"""

REVOKE_TOKEN = """
MATCH (:Person {id: $person_id})-[:HAS_TOKEN]->(t:ApiToken {id: $token_id})
DETACH DELETE t
RETURN count(*) AS revoked
"""

PERSON_BY_TOKEN = f"""
MATCH (p:Person)-[:HAS_TOKEN]->(t:ApiToken {{hash: $hash}})
SET t.last_used_at = datetime()
RETURN p {{{PERSON_FIELDS}}} AS person
"""

# Compare-and-set: a rehash never overwrites a password changed in the meantime, and it does
# not bump the session version (the password is the same, other sessions stay signed in).
REPLACE_HASH = """
MATCH (p:Person {id: $id})
WHERE p.password_hash = $old_hash
SET p.password_hash = $new_hash
RETURN p.id AS id
"""

EXPORT = """
MATCH (p:Person {id: $id})
RETURN [k IN keys(p) WHERE k <> 'password_hash' | [k, p[k]]] AS profile,
  COLLECT { MATCH (p)-[m:MEMBER_OF]->(o:Organisation)
            RETURN {id: o.id, name: o.name, role: m.role, since: m.since} } AS memberships,
  COLLECT { MATCH (p)-[:HAS_TOKEN]->(t:ApiToken)
            RETURN {id: t.id, name: t.name, created_at: t.created_at, last_used_at: t.last_used_at} } AS tokens,
  COLLECT { MATCH (p)-[b:BELONGS_TO]->(c:Community)
            RETURN {id: c.id, name: c.name, since: b.since} } AS communities,
  COLLECT { MATCH (p)-[:FACILITATES]->(c:Community)
            RETURN {id: c.id, name: c.name} } AS facilitates,
  COLLECT { MATCH (p)-[:WROTE]->(x)
            RETURN {id: x.id, kind: head(labels(x)), title: x.title, body: x.body, created_at: x.created_at} }
    AS authored,
  COLLECT { MATCH (n:Notification)-[:FOR]->(p)
            RETURN {id: n.id, kind: n.kind, title: n.title, excerpt: n.excerpt, url: n.url, actor_name: n.actor_name,
                    created_at: n.created_at, read_at: n.read_at, digested_at: n.digested_at} } AS notifications,
  COLLECT { MATCH (p)-[r]-(x) WHERE NOT type(r) IN $exported
            RETURN {type: type(r), direction: CASE WHEN startNode(r) = p THEN 'out' ELSE 'in' END,
                    labels: labels(x), id: x.id, properties: properties(r)} } AS other_relationships
"""

# One statement, so one transaction: tokens go, mentions in other people's texts become the
# removed user's, every relationship but WROTE goes, and the node keeps only its id, its
# creation date and the marks of a removed account.
ANONYMISE = """
MATCH (p:Person {id: $id})
CALL (p) {
  MATCH (p)-[:HAS_TOKEN]->(t:ApiToken)
  DETACH DELETE t
}
CALL (p) {
  MATCH (n:Notification)-[:FOR]->(p)
  DETACH DELETE n
}
CALL (p) {
  MATCH (n:Notification {actor_id: p.id})
  SET n.actor_name = $removed_name,
      n.title = CASE WHEN coalesce(p.name, '') = '' THEN n.title ELSE replace(n.title, p.name, $removed_name) END
}
// mentions of the person in other people's texts (and in their edit history) name the removed
// user instead: the name goes, the sentence stays readable
CALL (p) {
  MATCH (x)-[:MENTIONS]->(p)
  WHERE coalesce(p.name, '') <> ''
  WITH p, x, '@[' + p.name + ']' AS mention, '@[' + $removed_name + ']' AS removed
  SET x.body = replace(x.body, mention, removed)
  WITH x, mention, removed
  OPTIONAL MATCH (x)-[:HAS_REVISION]->(r:Revision)
  WITH mention, removed, collect(r) AS revisions
  FOREACH (r IN revisions | SET r.body = replace(r.body, mention, removed))
}
CALL (p) {
  MATCH (p)-[r]-()
  WHERE type(r) <> 'WROTE'
  DELETE r
}
SET p = {id: p.id, created_at: p.created_at, name: $removed_name, deleted: true, deleted_at: datetime(),
         active: false, roles: [], session_version: coalesce(p.session_version, 0) + 1}
RETURN p.id AS id
"""


@dataclass(frozen=True)
class ApiToken:
    id: str
    name: str
    created_at: str | None
    last_used_at: str | None


def plain(value: Any) -> Any:
    """Driver values made JSON-ready: temporal values as ISO 8601 text, containers recursively."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return str(value)


def create_token(graph: Graph, person_id: str, *, token_hash: str, name: str) -> ApiToken | None:
    rows = graph.write(CREATE_TOKEN, person_id=person_id, hash=token_hash, name=name)
    return ApiToken(**rows[0]["token"]) if rows else None


def tokens(graph: Graph, person_id: str) -> list[ApiToken]:
    return [ApiToken(**row["token"]) for row in graph.read(LIST_TOKENS, person_id=person_id)]


def token(graph: Graph, person_id: str, token_id: str) -> ApiToken | None:
    rows = graph.read(FIND_TOKEN, person_id=person_id, token_id=token_id)
    return ApiToken(**rows[0]["token"]) if rows else None


def revoke_token(graph: Graph, person_id: str, token_id: str) -> bool:
    """Delete the token if it belongs to the person; False when there was nothing to revoke."""
    return graph.write(REVOKE_TOKEN, person_id=person_id, token_id=token_id)[0]["revoked"] > 0


def person_by_token(graph: Graph, token_hash: str) -> Person | None:
    """The owner of the token with this hash (and note when it was used), or None."""
    rows = graph.write(PERSON_BY_TOKEN, hash=token_hash)
    return from_row(rows[0]) if rows else None


def replace_hash(graph: Graph, person_id: str, *, old_hash: str, new_hash: str) -> bool:
    return bool(graph.write(REPLACE_HASH, id=person_id, old_hash=old_hash, new_hash=new_hash))


def export(graph: Graph, person_id: str) -> dict[str, Any] | None:
    """Everything the graph holds about the person, without the password hash, JSON-ready."""
    rows = graph.read(EXPORT, id=person_id, exported=EXPORTED_RELATIONSHIPS)
    if not rows:
        return None
    row = rows[0]
    data = {key: plain(value) for key, value in row.items() if key != "profile"}
    return {"profile": {k: plain(v) for k, v in sorted(row["profile"])}, **data}


def anonymise(graph: Graph, person_id: str) -> bool:
    return bool(graph.write(ANONYMISE, id=person_id, removed_name=REMOVED_NAME))
