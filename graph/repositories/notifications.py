"""Notifications: what happened that concerns a person, shown in-app and mailed as digests.

``(:Notification {id, kind, created_at, read_at, digested_at, actor_id, actor_name, title,
title_template, title_params, excerpt, url})-[:FOR]->(:Person)``. ``title`` is the Italian text;
``title_template`` (a catalogue message) and ``title_params`` (its values as a JSON object, the
actor's name excepted: it is ``actor_name``) let each reader see it in their own language.
``read_at`` / ``digested_at`` are null until the person opens it / until a digest mail carried it.
``actor_id`` (indexed) lets an account deletion replace the deleted person's name in the
notifications they caused (graph/repositories/accounts.py).
On the Person: ``digest`` ∈ none | daily | weekly (missing means weekly) and ``digest_sent_at``
(when the last digest was handed to the mail server).
A person's notifications are always reached from their Person node (unique ``id``), so the
unread count of the header is one indexed look-up plus a walk over that person's FOR edges.
Datetimes are stored as Neo4j datetimes and returned as ISO strings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.driver import Graph

NOTIFICATION_FIELDS = """
  .id, .kind, .title, .title_template, .title_params, .excerpt, .url, .actor_name,
  created_at: toString(n.created_at), read_at: toString(n.read_at), digested_at: toString(n.digested_at)
"""

# ----------------------------------------------------------------------------- writes

# One statement = one transaction. Recipients are deduplicated, the actor is skipped, and only
# existing, active, non-deleted people get a notification.
CREATE_NOTIFICATIONS = """
UNWIND $recipients AS rid
WITH DISTINCT rid
WHERE rid IS NOT NULL AND ($actor_id IS NULL OR rid <> $actor_id)
MATCH (p:Person {id: rid})
WHERE coalesce(p.active, true) AND NOT coalesce(p.deleted, false)
CREATE (n:Notification {id: randomUUID(), kind: $kind, created_at: datetime($now), actor_id: $actor_id,
                        actor_name: $actor_name, title: $title, title_template: $title_template,
                        title_params: $title_params, excerpt: $excerpt, url: $url})
CREATE (n)-[:FOR]->(p)
RETURN count(n) AS created
"""

# Only the person's own notification; a second click keeps the first read_at.
MARK_READ = """
MATCH (n:Notification {id: $id})-[:FOR]->(:Person {id: $person_id})
SET n.read_at = coalesce(n.read_at, datetime($now))
RETURN n.url AS url
"""

MARK_ALL_READ = """
MATCH (n:Notification)-[:FOR]->(:Person {id: $person_id})
WHERE n.read_at IS NULL
SET n.read_at = datetime($now)
RETURN count(n) AS marked
"""

SET_DIGEST = """
MATCH (p:Person {id: $person_id})
SET p.digest = $digest
RETURN p.id AS id
"""

# After the digest mail was handed over: the notifications it carried, and the person's clock.
MARK_DIGESTED = """
MATCH (p:Person {id: $person_id})
SET p.digest_sent_at = datetime($now)
WITH p
CALL (p) {
  UNWIND $ids AS nid
  MATCH (n:Notification {id: nid})-[:FOR]->(p)
  SET n.digested_at = datetime($now)
  RETURN count(n) AS marked
}
RETURN marked
"""

# Retention, in batches (a managed transaction cannot use CALL ... IN TRANSACTIONS).
DELETE_OLD_READ = """
MATCH (n:Notification)
WHERE n.read_at < datetime($cutoff)
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
"""

# ----------------------------------------------------------------------------- reads

# Capped: the bell shows "99+" beyond, and the count never walks a huge backlog.
UNREAD_COUNT = """
MATCH (p:Person {id: $person_id})
CALL (p) {
  MATCH (n:Notification)-[:FOR]->(p)
  WHERE n.read_at IS NULL
  RETURN n LIMIT $cap
}
RETURN count(n) AS unread
"""

# Unread first, then newest first within each group.
PAGE = f"""
MATCH (n:Notification)-[:FOR]->(:Person {{id: $person_id}})
WITH n ORDER BY n.read_at IS NULL DESC, n.created_at DESC, n.id
SKIP $skip LIMIT $limit
RETURN n {{{NOTIFICATION_FIELDS}}} AS notification
"""

TOTALS = """
MATCH (p:Person {id: $person_id})
RETURN COUNT { (n:Notification)-[:FOR]->(p) } AS total,
       COUNT { (n:Notification)-[:FOR]->(p) WHERE n.read_at IS NULL } AS unread,
       coalesce(p.digest, $default_digest) AS digest, toString(p.digest_sent_at) AS digest_sent_at
"""

# Who is due a digest: active people with an e-mail whose frequency is asked for and whose last
# digest is older than that frequency's cutoff (or who never had one), with what is pending:
# not yet digested and still unread (a notification already read needs no mail).
DUE = """
MATCH (p:Person)
WHERE coalesce(p.digest, $default_digest) IN $frequencies
  AND coalesce(p.active, true) AND NOT coalesce(p.deleted, false) AND p.email IS NOT NULL
  AND (p.digest_sent_at IS NULL OR p.digest_sent_at <= datetime($cutoffs[coalesce(p.digest, $default_digest)]))
RETURN p.id AS id, p.name AS name, p.email AS email, p.locale AS locale,
       coalesce(p.digest, $default_digest) AS digest,
       toString(p.digest_sent_at) AS digest_sent_at,
       COUNT { (n:Notification)-[:FOR]->(p) WHERE n.digested_at IS NULL AND n.read_at IS NULL } AS pending
ORDER BY p.id
"""

PENDING = f"""
MATCH (n:Notification)-[:FOR]->(:Person {{id: $person_id}})
WHERE n.digested_at IS NULL AND n.read_at IS NULL
WITH n ORDER BY n.created_at, n.id
LIMIT $limit
RETURN n {{{NOTIFICATION_FIELDS}}} AS notification
"""


# ----------------------------------------------------------------------------- functions


def create(graph: Graph, kind: str, recipients: Sequence[str], *, actor_id: str | None,
           actor_name: str | None, title: str, title_template: str | None = None, title_params: str | None = None,
           excerpt: str, url: str, now: str) -> int:
    """One Notification per eligible recipient, in one transaction; returns how many."""
    rows = graph.write(CREATE_NOTIFICATIONS, recipients=list(recipients), actor_id=actor_id,
                       actor_name=actor_name, kind=kind, title=title, title_template=title_template,
                       title_params=title_params, excerpt=excerpt, url=url, now=now)
    return int(rows[0]["created"]) if rows else 0


def mark_read(graph: Graph, person_id: str, notification_id: str, now: str) -> str | None:
    """Mark the person's notification read; its url, or None when it is not theirs."""
    rows = graph.write(MARK_READ, id=notification_id, person_id=person_id, now=now)
    return rows[0]["url"] if rows else None


def mark_all_read(graph: Graph, person_id: str, now: str) -> int:
    return int(graph.write(MARK_ALL_READ, person_id=person_id, now=now)[0]["marked"])


def set_digest(graph: Graph, person_id: str, digest: str) -> bool:
    return bool(graph.write(SET_DIGEST, person_id=person_id, digest=digest))


def mark_digested(graph: Graph, person_id: str, ids: Sequence[str], now: str) -> int:
    rows = graph.write(MARK_DIGESTED, person_id=person_id, ids=list(ids), now=now)
    return int(rows[0]["marked"]) if rows else 0


def delete_read_before(graph: Graph, cutoff: str, batch: int = 5000) -> int:
    """Delete notifications read before ``cutoff``, ``batch`` at a time; how many went."""
    deleted = 0
    while True:
        n = int(graph.write(DELETE_OLD_READ, cutoff=cutoff, batch=batch)[0]["deleted"])
        deleted += n
        if n < batch:
            return deleted


def unread_count(graph: Graph, person_id: str, cap: int) -> int:
    rows = graph.read(UNREAD_COUNT, person_id=person_id, cap=cap)
    return int(rows[0]["unread"]) if rows else 0


def page(graph: Graph, person_id: str, skip: int, limit: int) -> list[dict[str, Any]]:
    return [row["notification"] for row in graph.read(PAGE, person_id=person_id, skip=skip, limit=limit)]


def totals(graph: Graph, person_id: str, default_digest: str) -> dict[str, Any] | None:
    """total, unread, digest (the preference, default applied) and digest_sent_at of a person."""
    rows = graph.read(TOTALS, person_id=person_id, default_digest=default_digest)
    return rows[0] if rows else None


def due(graph: Graph, frequencies: Sequence[str], cutoffs: dict[str, str],
        default_digest: str) -> list[dict[str, Any]]:
    return graph.read(DUE, frequencies=list(frequencies), cutoffs=cutoffs, default_digest=default_digest)


def pending(graph: Graph, person_id: str, limit: int) -> list[dict[str, Any]]:
    return [row["notification"] for row in graph.read(PENDING, person_id=person_id, limit=limit)]
