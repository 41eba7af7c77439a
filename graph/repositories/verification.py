"""Verification of organisations: the requests their administrators send, the platform admins'
decisions, and the queue of organisations waiting.

A request is a node, ``(:Person)-[:ASKED]->(:VerificationRequest)-[:FOR]->(:Organisation)``, with
``status`` pending, approved, refused (``reason`` and ``note``) or withdrawn, ``decided_at`` and
``(:Person)-[:DECIDED]->(r)`` for the admin who decided: the history stays. An organisation has at
most one pending request: ``ask`` takes the organisation's write lock before it looks for one."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph

REQUEST_FIELDS = """r {.id, .status, .message, .reason, .note, created_at: toString(r.created_at),
                   decided_at: toString(r.decided_at), asked_by: asker.name, asked_by_id: asker.id,
                   decided_by: decider.name}"""

# Counted, then paged, as rows that stream: a list of the organisations themselves would carry
# all their properties, their vectors among them, past the transaction's memory with many.
# Those with a pending request are in PENDING, not here.
UNVERIFIED = """
CALL () {
  MATCH (o:Organisation) WHERE NOT coalesce(o.verified, false)
    AND NOT EXISTS { (o)<-[:FOR]-(:VerificationRequest {status: 'pending'}) }
  RETURN count(o) AS total
}
CALL () {
  MATCH (o:Organisation) WHERE NOT coalesce(o.verified, false)
    AND NOT EXISTS { (o)<-[:FOR]-(:VerificationRequest {status: 'pending'}) }
  WITH o ORDER BY o.created_at DESC, o.id SKIP $skip LIMIT $limit
  RETURN collect(o {.id, .name, .kind, .legal_form, .codice_fiscale, .runts_section, .runts_number,
                    created_at: toString(o.created_at)}) AS items
}
RETURN total, items
"""

# The oldest first: who has waited longest.
PENDING = """
CALL () {
  MATCH (:VerificationRequest {status: 'pending'})-[:FOR]->(o:Organisation)
  RETURN count(o) AS total
}
CALL () {
  MATCH (r:VerificationRequest {status: 'pending'})-[:FOR]->(o:Organisation)
  OPTIONAL MATCH (asker:Person)-[:ASKED]->(r)
  WITH r, o, asker, null AS decider ORDER BY r.created_at, r.id SKIP $skip LIMIT $limit
  RETURN collect(o {.id, .name, .kind, .legal_form, .codice_fiscale, .runts_section, .runts_number,
                    created_at: toString(o.created_at), request: """ + REQUEST_FIELDS + """}) AS items
}
RETURN total, items
"""

HISTORY = """
MATCH (r:VerificationRequest)-[:FOR]->(:Organisation {id: $organisation})
OPTIONAL MATCH (asker:Person)-[:ASKED]->(r)
OPTIONAL MATCH (decider:Person)-[:DECIDED]->(r)
WITH r, asker, decider ORDER BY r.created_at DESC, r.id LIMIT $limit
RETURN """ + REQUEST_FIELDS + """ AS request
"""

# Setting (and removing) ``_lock`` takes the organisation's write lock, held until the commit:
# two requests sent at once find each other's.
LOCKED = """
MATCH (o:Organisation {id: $organisation})
SET o._lock = true
REMOVE o._lock
RETURN coalesce(o.verified, false) AS verified,
       [(r:VerificationRequest {status: 'pending'})-[:FOR]->(o) | r.id][0] AS pending
"""

CREATE = """
MATCH (o:Organisation {id: $organisation}), (p:Person {id: $person})
CREATE (p)-[:ASKED]->(r:VerificationRequest {id: $id, status: 'pending', message: $message,
                                             created_at: datetime($now)})-[:FOR]->(o)
RETURN r.id AS id
"""

# Verified or not, by a platform admin; verified, its pending request is approved.
SET_VERIFIED = """
MATCH (o:Organisation {id: $organisation})
SET o.verified = $verified, o.verified_at = CASE WHEN $verified THEN datetime($now) END,
    o.verified_by = CASE WHEN $verified THEN $admin END
WITH o
CALL (o) {
  MATCH (r:VerificationRequest {status: 'pending'})-[:FOR]->(o) WHERE $verified
  MATCH (admin:Person {id: $admin})
  SET r.status = 'approved', r.decided_at = datetime($now)
  CREATE (admin)-[:DECIDED]->(r)
  RETURN count(r) AS approved
}
RETURN o.id AS id, approved
"""

REFUSE = """
MATCH (r:VerificationRequest {status: 'pending'})-[:FOR]->(:Organisation {id: $organisation})
MATCH (admin:Person {id: $admin})
SET r.status = 'refused', r.decided_at = datetime($now), r.reason = $reason, r.note = $note
CREATE (admin)-[:DECIDED]->(r)
RETURN r.id AS id
"""


# The demo's requests (repositories/seeding.py): created once, by id.
SEED = """
UNWIND $rows AS row
MATCH (o:Organisation {id: row.organisation}), (p:Person {id: row.person})
MERGE (r:VerificationRequest {id: row.id})
ON CREATE SET r += row.props, r.created_at = datetime(row.created_at), r.decided_at = datetime(row.decided_at)
MERGE (p)-[:ASKED]->(r)
MERGE (r)-[:FOR]->(o)
"""

PLATFORM_ADMINS = """
MATCH (p:Person) WHERE 'platform_admin' IN coalesce(p.roles, []) AND NOT coalesce(p.deleted, false)
RETURN p.id AS id
"""


def platform_admins(graph: Graph) -> list[dict[str, Any]]:
    """Who is told of a request: the platform's administrators."""
    return graph.read(PLATFORM_ADMINS)


def unverified(graph: Graph, page: int, per_page: int) -> tuple[int, list[dict[str, Any]]]:
    """Organisations not verified that have not asked to be, newest first."""
    row = graph.read(UNVERIFIED, skip=(page - 1) * per_page, limit=per_page)[0]
    return row["total"], row["items"]


def pending(graph: Graph, page: int, per_page: int) -> tuple[int, list[dict[str, Any]]]:
    """Organisations with a pending request (``request``), the oldest request first."""
    row = graph.read(PENDING, skip=(page - 1) * per_page, limit=per_page)[0]
    return row["total"], row["items"]


def history(graph: Graph, organisation_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """An organisation's requests, the newest first."""
    return [row["request"] for row in graph.read(HISTORY, organisation=organisation_id, limit=limit)]


def ask(graph: Graph, organisation_id: str, person_id: str, request_id: str, message: str,
        now: str) -> tuple[str, str | None]:
    """("created", id) for a new pending request; ("pending", id) when one was already waiting;
    ("verified", None) for an organisation verified already; ("missing", None) for none."""

    def work(tx: ManagedTransaction) -> tuple[str, str | None]:
        row = tx.run(LOCKED, organisation=organisation_id).single()
        if row is None:
            return "missing", None
        if row["verified"]:
            return "verified", None
        if row["pending"]:
            return "pending", row["pending"]
        made = tx.run(CREATE, organisation=organisation_id, person=person_id, id=request_id, message=message,
                      now=now).single()
        return ("created", made["id"]) if made else ("missing", None)

    return graph.write_transaction(work)


def set_verified(graph: Graph, organisation_id: str, verified: bool, admin_id: str, now: str) -> int | None:
    """Verify an organisation (or take its verification back); None for an unknown one, else how
    many pending requests this approved (0 or 1)."""
    rows = graph.write(SET_VERIFIED, organisation=organisation_id, verified=verified, admin=admin_id, now=now)
    return rows[0]["approved"] if rows else None


WITHDRAW = """
MATCH (r:VerificationRequest {status: 'pending'})-[:FOR]->(:Organisation {id: $organisation})
SET r.status = 'withdrawn', r.decided_at = datetime($now)
RETURN r.id AS id
"""


def withdraw(graph: Graph, organisation_id: str, now: str) -> str | None:
    """The organisation's pending request withdrawn by its administrators; its id, None when none
    was pending."""
    rows = graph.write(WITHDRAW, organisation=organisation_id, now=now)
    return rows[0]["id"] if rows else None


def refuse(graph: Graph, organisation_id: str, admin_id: str, reason: str, note: str, now: str) -> str | None:
    """Refuse the organisation's pending request; its id, None when none was pending."""
    rows = graph.write(REFUSE, organisation=organisation_id, admin=admin_id, reason=reason, note=note, now=now)
    return rows[0]["id"] if rows else None


# Pending requests asked before the instant $before and not reminded of since then (the first
# instant of the day after the cutoff, in Italy, as ``waiting_days`` counts days), the oldest first.
DUE_REMINDER = """
MATCH (r:VerificationRequest {status: 'pending'})-[:FOR]->(o:Organisation)
WHERE r.created_at < datetime($before) AND (r.reminded_at IS NULL OR r.reminded_at < datetime($before))
RETURN r.id AS id, o.name AS organisation, toString(r.created_at) AS created_at
ORDER BY r.created_at, r.id
"""

MARK_REMINDED = """
UNWIND $ids AS id
MATCH (r:VerificationRequest {id: id, status: 'pending'})
SET r.reminded_at = datetime($now)
RETURN count(r) AS marked
"""


def due_reminder(graph: Graph, before: str) -> list[dict[str, Any]]:
    """The pending requests asked before the instant ``before`` (ISO text), and not reminded of
    since then: the oldest first."""
    return graph.read(DUE_REMINDER, before=before)


def mark_reminded(graph: Graph, request_ids: list[str], now: str) -> int:
    """Note that the platform admins were reminded of these requests (those still pending)."""
    return graph.write(MARK_REMINDED, ids=request_ids, now=now)[0]["marked"]
