"""Accounts beyond identity: personal API tokens, the personal data export and the anonymisation
of a deleted account (GDPR). Tokens are stored only as SHA-256 hashes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph.driver import Graph
from graph.repositories.people import PERSON_FIELDS, Person, from_row

#: The name a deleted account keeps, so that what it wrote stays attributed to someone.
REMOVED_NAME = "utente rimosso"

#: Relationships exported in their own sections; any other one goes to "other_relationships".
EXPORTED_RELATIONSHIPS = ["MEMBER_OF", "HAS_TOKEN", "BELONGS_TO", "FACILITATES", "WROTE", "FOR", "ASKED", "DECIDED"]

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
  COLLECT { MATCH (p)-[link:ASKED|DECIDED]->(r:VerificationRequest)-[:FOR]->(o:Organisation)
            RETURN {id: r.id, organisation: o.name, role: CASE type(link) WHEN 'ASKED' THEN 'asked' ELSE 'decided' END,
                    status: r.status, message: r.message, reason: r.reason, note: r.note,
                    created_at: r.created_at, decided_at: r.decided_at} } AS verification_requests,
  COLLECT { MATCH (p)-[r]-(x) WHERE NOT type(r) IN $exported
            RETURN {type: type(r), direction: CASE WHEN startNode(r) = p THEN 'out' ELSE 'in' END,
                    labels: labels(x), id: x.id, properties: properties(r)} } AS other_relationships
"""

# Texts that mention the person (other people's posts, and their edit history), with the name.
MENTIONING_TEXTS = """
MATCH (x)-[:MENTIONS]->(p:Person {id: $id})
WHERE coalesce(p.name, '') <> ''
OPTIONAL MATCH (x)-[:HAS_REVISION]->(r:Revision)
WITH p, x, collect(r) AS revisions
UNWIND [x] + revisions AS text
RETURN DISTINCT elementId(text) AS element, text.body AS body, p.name AS name
"""

SET_BODIES = """
UNWIND $rows AS row
MATCH (x) WHERE elementId(x) = row.element
SET x.body = row.body
"""

# Tokens go, every relationship but WROTE goes, and the node keeps only its id, its creation
# date and the marks of a removed account (run with the mentions' rewriting, in one transaction).
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


def anonymise(graph: Graph, person_id: str, unmention: Callable[[str, str, str], str]) -> bool:
    """Anonymise the account in one transaction. ``unmention(text, name, replacement)`` rewrites
    the mentions of ``name`` in a text (the service knows how mentions are written and matched);
    the person's mentions in other people's texts and their edit history name the removed user
    instead: the name goes, the sentence stays readable."""
    def work(tx: Any) -> bool:
        texts = [(r["element"], r["body"], unmention(r["body"], r["name"], REMOVED_NAME))
                 for r in tx.run(MENTIONING_TEXTS, id=person_id) if r["body"]]
        tx.run(SET_BODIES, rows=[{"element": e, "body": new} for e, old, new in texts if new != old]).consume()
        return tx.run(ANONYMISE, id=person_id, removed_name=REMOVED_NAME).single() is not None

    return graph.write_transaction(work)
