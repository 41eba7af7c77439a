"""Moderation: flags raised by members, the review queue, the moderation log, and the writes of
the moderators' actions (hide, restore, lock, pin, move, remove a member, re-admit).

Graph shapes (see the issue 5 SPEC):
``(:Person)-[:RAISED]->(f:Flag {id, reason, text, created_at, status: open|upheld|dismissed,
resolved_at, resolved_by})-[:ON]->(:Topic|:Post)``, ``(f)-[:IN]->(:Community)`` (the community of
the content, moved with it); ``(:Person)-[:TOOK]->(a:ModerationAction {id, action, reason, at,
details})-[:ON]->(:Topic|:Post|:Person)``, ``(a)-[:IN]->(:Community)``. Moderation adds to topics
and posts ``hidden``, ``hidden_at``, ``hidden_by`` (person id); to topics ``locked``, ``pinned``;
``(:Person)-[:REMOVED_FROM {at, by, reason}]->(:Community)``.

Every action is one managed write transaction: the change, then its log entry; a change that
finds nothing to do (already hidden, moved meanwhile...) writes nothing and logs nothing.
Dates are Neo4j datetimes, returned as ISO strings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.driver import Graph

# ----------------------------------------------------------------------------- the log

# One log entry; the target may be a Topic, a Post or a Person (each matched through its index).
RECORD_ACTION = """
MATCH (actor:Person {id: $actor}), (c:Community {id: $community})
CREATE (a:ModerationAction {id: $id, action: $action, reason: $reason, details: $details, at: datetime()})
CREATE (actor)-[:TOOK]->(a)-[:IN]->(c)
WITH a
CALL (a) {
  OPTIONAL CALL () {
    MATCH (n:Topic {id: $target}) RETURN n
    UNION
    MATCH (n:Post {id: $target}) RETURN n
    UNION
    MATCH (n:Person {id: $target}) RETURN n
  }
  WITH a, n LIMIT 1
  FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | CREATE (a)-[:ON]->(n))
}
RETURN a.id AS id
"""

COUNT_LOG = """
MATCH (:Community {id: $community})<-[:IN]-(a:ModerationAction)
RETURN count(a) AS total
"""

LOG_PAGE = """
MATCH (:Community {id: $community})<-[:IN]-(a:ModerationAction)
WITH a ORDER BY a.at DESC, a.id SKIP $skip LIMIT $limit
OPTIONAL MATCH (actor:Person)-[:TOOK]->(a)
OPTIONAL MATCH (a)-[:ON]->(n)
OPTIONAL MATCH (n)-[:IN]->(parent:Topic)
RETURN a {
  .id, .action, .reason, .details, at: toString(a.at),
  actor_id: actor.id, actor_name: actor.name,
  target_kind: CASE WHEN n:Topic THEN 'topic' WHEN n:Post THEN 'post' WHEN n:Person THEN 'person' END,
  target_id: n.id, target_name: CASE WHEN n:Person THEN n.name END,
  topic_id: coalesce(parent.id, CASE WHEN n:Topic THEN n.id END),
  topic_title: coalesce(parent.title, CASE WHEN n:Topic THEN n.title END),
  topic_community: coalesce(parent.community_id, CASE WHEN n:Topic THEN n.community_id END),
  number: CASE WHEN n:Post THEN n.number END
} AS entry
ORDER BY a.at DESC, a.id
"""

# ----------------------------------------------------------------------------- communities, targets, people

COMMUNITY_BY_SLUG = """
MATCH (c:Community {slug: $slug})
RETURN c {.id, .slug, .name} AS community
"""

COMMUNITIES = """
MATCH (c:Community)
RETURN c {.id, .slug, .name} AS community
ORDER BY c.name
"""

# A topic or a post with what moderation needs to know of it.
TARGET = """
CALL () {
  MATCH (n:Topic {id: $id})-[:IN]->(c:Community)
  RETURN 'topic' AS kind, n, n AS topic, c
  UNION
  MATCH (n:Post {id: $id})-[:IN]->(topic:Topic)-[:IN]->(c:Community)
  RETURN 'post' AS kind, n, topic, c
}
OPTIONAL MATCH (author:Person)-[:WROTE]->(n)
RETURN kind, n.id AS id, n.body AS body, coalesce(n.hidden, false) AS hidden, n.number AS number,
       topic.id AS topic_id, topic.title AS topic_title, coalesce(topic.hidden, false) AS topic_hidden,
       coalesce(topic.locked, false) AS locked, coalesce(topic.pinned, false) AS pinned,
       c.id AS community_id, c.slug AS community_slug, c.name AS community_name,
       author.id AS author_id, author.name AS author_name
LIMIT 1
"""

# A person as the community sees them (the target of a warning, a removal, a re-admission).
PERSON_IN_COMMUNITY = """
MATCH (p:Person {id: $person}), (c:Community {id: $community})
OPTIONAL MATCH (p)-[x:REMOVED_FROM]->(c)
RETURN p.id AS id, p.name AS name, coalesce(p.deleted, false) AS deleted,
       EXISTS { (p)-[:BELONGS_TO]->(c) } AS is_member,
       EXISTS { (p)-[:FACILITATES]->(c) } AS is_facilitator,
       'platform_admin' IN coalesce(p.roles, []) AS is_admin,
       x IS NOT NULL AS removed, toString(x.at) AS removed_at, x.reason AS removed_reason,
       EXISTS { (p)-[:WROTE]->(:Topic)-[:IN]->(c) } OR EXISTS { (p)-[:WROTE]->(:Post)-[:IN]->(:Topic)-[:IN]->(c) }
         AS wrote_here
"""

REMOVED_MEMBERS = """
MATCH (p:Person)-[x:REMOVED_FROM]->(:Community {id: $community})
OPTIONAL MATCH (by:Person {id: x.by})
RETURN p.id AS id, p.name AS name, toString(x.at) AS at, x.reason AS reason, by.name AS by_name
ORDER BY x.at DESC
LIMIT $limit
"""

# ----------------------------------------------------------------------------- flags

# Taking the person's write lock first serialises their flags: "one open flag per person and
# target" holds even when the button is pressed twice.
LOCK_PERSON = """
MATCH (p:Person {id: $person})
SET p.flagging = true
REMOVE p.flagging
RETURN p.id AS id
"""

CREATE_FLAG = """
MATCH (p:Person {id: $person}), (c:Community {id: $community})
CALL () {
  MATCH (n:Topic {id: $target}) RETURN n
  UNION
  MATCH (n:Post {id: $target}) RETURN n
}
WITH p, c, n
WHERE NOT EXISTS { (p)-[:RAISED]->(:Flag {status: 'open'})-[:ON]->(n) }
CREATE (p)-[:RAISED]->(f:Flag {id: $id, reason: $reason, text: $text, status: 'open', created_at: datetime()})
CREATE (f)-[:ON]->(n)
CREATE (f)-[:IN]->(c)
RETURN f.id AS id
"""

RESOLVE_FLAGS = """
MATCH (f:Flag {status: 'open'})-[:ON]->(n)
WHERE n.id = $target
SET f.status = $status, f.resolved_at = datetime(), f.resolved_by = $actor
RETURN count(f) AS resolved
"""

# Dismissing needs at least one open flag (else nothing is logged).
DISMISS_FLAGS = """
MATCH (f:Flag {status: 'open'})-[:ON]->(n)
WHERE n.id = $target
SET f.status = 'dismissed', f.resolved_at = datetime(), f.resolved_by = $actor
WITH count(f) AS resolved
WHERE resolved > 0
RETURN resolved
"""

OPEN_FLAG_COUNT = """
MATCH (:Community {id: $community})<-[:IN]-(f:Flag {status: 'open'})
RETURN count(f) AS flags
"""

# The queue: open flags grouped by their target, most recently flagged first; $community null
# means every community (the platform admins' view).
QUEUE = """
MATCH (c:Community)<-[:IN]-(f:Flag {status: 'open'})-[:ON]->(n)
WHERE $community IS NULL OR c.id = $community
WITH c, n, count(f) AS flag_count, max(f.created_at) AS latest
WITH collect({c: c, n: n, flag_count: flag_count, latest: latest}) AS groups
CALL (groups) {
  UNWIND groups AS g
  WITH g ORDER BY g.latest DESC, g.n.id SKIP $skip LIMIT $limit
  WITH g.c AS c, g.n AS n, g.flag_count AS flag_count, g.latest AS latest
  OPTIONAL MATCH (n)-[:IN]->(parent:Topic)
  OPTIONAL MATCH (author:Person)-[:WROTE]->(n)
  WITH c, n, flag_count, latest, coalesce(parent, n) AS topic, author
  ORDER BY latest DESC, n.id
  RETURN collect({
    kind: CASE WHEN n:Topic THEN 'topic' ELSE 'post' END, id: n.id, body: n.body,
    hidden: coalesce(n.hidden, false), number: n.number, created_at: toString(n.created_at),
    topic_id: topic.id, topic_title: topic.title,
    locked: coalesce(topic.locked, false), pinned: coalesce(topic.pinned, false),
    community_id: c.id, community_slug: c.slug, community_name: c.name,
    author_id: author.id, author_name: author.name, flag_count: flag_count,
    flags: COLLECT {
      MATCH (by:Person)-[:RAISED]->(f:Flag {status: 'open'})-[:ON]->(n)
      RETURN f {.id, .reason, .text, created_at: toString(f.created_at), by_id: by.id, by_name: by.name}
      ORDER BY f.created_at
    }
  }) AS items
}
RETURN size(groups) AS total, reduce(s = 0, g IN groups | s + g.flag_count) AS flags, items
"""

# Hidden content, through the ``hidden`` indexes of topics and posts.
HIDDEN = """
CALL () {
  MATCH (n:Topic {hidden: true})-[:IN]->(c:Community)
  WHERE $community IS NULL OR c.id = $community
  RETURN n, n AS topic, c
  UNION
  MATCH (n:Post {hidden: true})-[:IN]->(topic:Topic)-[:IN]->(c:Community)
  WHERE $community IS NULL OR c.id = $community
  RETURN n, topic, c
}
WITH collect({n: n, topic: topic, c: c}) AS rows
CALL (rows) {
  UNWIND rows AS r
  WITH r ORDER BY r.n.hidden_at DESC, r.n.id SKIP $skip LIMIT $limit
  WITH r.n AS n, r.topic AS topic, r.c AS c
  OPTIONAL MATCH (author:Person)-[:WROTE]->(n)
  OPTIONAL MATCH (by:Person {id: n.hidden_by})
  ORDER BY n.hidden_at DESC, n.id
  RETURN collect({
    kind: CASE WHEN n:Topic THEN 'topic' ELSE 'post' END, id: n.id, body: n.body, hidden: true,
    number: n.number, hidden_at: toString(n.hidden_at), hidden_by_name: by.name,
    topic_id: topic.id, topic_title: topic.title,
    locked: coalesce(topic.locked, false), pinned: coalesce(topic.pinned, false),
    community_id: c.id, community_slug: c.slug, community_name: c.name,
    author_id: author.id, author_name: author.name
  }) AS items
}
RETURN size(rows) AS total, items
"""

# Open flags and hidden content per community (the platform admins' overview).
COUNTS = """
MATCH (c:Community)
RETURN c.id AS id, c.slug AS slug, c.name AS name,
       COUNT { (c)<-[:IN]-(:Flag {status: 'open'}) } AS open_flags,
       size(COLLECT { MATCH (c)<-[:IN]-(:Flag {status: 'open'})-[:ON]->(n) RETURN DISTINCT n }) AS targets
ORDER BY open_flags DESC, c.name
"""

HIDDEN_COUNTS = """
CALL () {
  MATCH (:Topic {hidden: true})-[:IN]->(c:Community) RETURN c
  UNION ALL
  MATCH (:Post {hidden: true})-[:IN]->(:Topic)-[:IN]->(c:Community) RETURN c
}
RETURN c.id AS id, count(*) AS hidden
"""

# ----------------------------------------------------------------------------- actions

# Compare-and-set: nothing happens (no row) when the content is already in the asked state.
SET_HIDDEN = """
CALL () {
  MATCH (n:Topic {id: $target}) RETURN n
  UNION
  MATCH (n:Post {id: $target}) RETURN n
}
WITH n WHERE coalesce(n.hidden, false) <> $hidden
SET n.hidden = $hidden,
    n.hidden_at = CASE WHEN $hidden THEN datetime() END,
    n.hidden_by = CASE WHEN $hidden THEN $actor END
RETURN n.id AS id
"""

# The forum's definitions: reply_count counts the visible replies, last_activity_at is the
# creation of the topic or of its latest visible reply.
RECOUNT_TOPIC = """
MATCH (t:Topic {id: $topic})
CALL (t) {
  OPTIONAL MATCH (p:Post)-[:IN]->(t)
  WHERE NOT coalesce(p.hidden, false)
  RETURN count(p) AS replies, max(p.created_at) AS latest
}
SET t.reply_count = replies, t.last_activity_at = coalesce(latest, t.created_at)
RETURN t.id AS id
"""

SET_LOCKED = """
MATCH (t:Topic {id: $topic})
WHERE coalesce(t.locked, false) <> $value
SET t.locked = $value
RETURN t.id AS id
"""

SET_PINNED = """
MATCH (t:Topic {id: $topic})
WHERE coalesce(t.pinned, false) <> $value
SET t.pinned = $value
RETURN t.id AS id
"""

# The topic, its flags (on it and on its replies) change community; the log stays where it was.
MOVE_TOPIC = """
MATCH (t:Topic {id: $topic})-[r:IN]->(old:Community {id: $source})
MATCH (new:Community {id: $destination})
WHERE new <> old
DELETE r
CREATE (t)-[:IN]->(new)
SET t.community_id = new.id
WITH t, old, new
CALL (t, old, new) {
  CALL (t) {
    MATCH (f:Flag)-[:ON]->(t) RETURN f
    UNION
    MATCH (f:Flag)-[:ON]->(:Post)-[:IN]->(t) RETURN f
  }
  MATCH (f)-[fr:IN]->(old)
  DELETE fr
  CREATE (f)-[:IN]->(new)
}
RETURN t.id AS id
"""

REMOVE_MEMBER = """
MATCH (p:Person {id: $person}), (c:Community {id: $community})
WHERE NOT EXISTS { (p)-[:REMOVED_FROM]->(c) }
CALL (p, c) {
  OPTIONAL MATCH (p)-[r:BELONGS_TO|FOLLOWS|REQUESTED|INVITED]->(c)
  DELETE r
}
CREATE (p)-[:REMOVED_FROM {at: datetime(), by: $actor, reason: $reason}]->(c)
RETURN p.id AS id
"""

READMIT = """
MATCH (p:Person {id: $person})-[x:REMOVED_FROM]->(:Community {id: $community})
DELETE x
RETURN p.id AS id
"""

# Warnings change nothing but the log: a statement that only checks the person is there.
PERSON_EXISTS = """
MATCH (p:Person {id: $person})
RETURN p.id AS id
"""


# ----------------------------------------------------------------------------- functions


@dataclass(frozen=True)
class LogEntry:
    id: str
    actor_id: str
    community_id: str
    action: str
    target_id: str
    reason: str = ""
    details: str = ""

    def params(self) -> dict[str, Any]:
        return {"id": self.id, "actor": self.actor_id, "community": self.community_id, "action": self.action,
                "target": self.target_id, "reason": self.reason, "details": self.details}


@dataclass(frozen=True)
class Page:
    total: int
    items: list[dict[str, Any]]


Statement = tuple[str, dict[str, Any]]


def _apply(graph: Graph, change: Statement, then: Sequence[Statement], entry: LogEntry | None) -> bool:
    """One write transaction: ``change`` (a compare-and-set returning a row when it did something),
    the ``then`` statements and the log entry. False, with nothing written, when ``change`` found
    nothing to do."""

    def work(tx: Any) -> bool:
        if not list(tx.run(*change)):
            return False
        for cypher, params in then:
            tx.run(cypher, params).consume()
        if entry is not None:
            tx.run(RECORD_ACTION, entry.params()).consume()
        return True

    return graph.write_transaction(work)


def record(graph: Graph, entry: LogEntry) -> str | None:
    rows = graph.write(RECORD_ACTION, **entry.params())
    return rows[0]["id"] if rows else None


def log_page(graph: Graph, community_id: str, page: int, per_page: int) -> Page:
    total = graph.read(COUNT_LOG, community=community_id)[0]["total"]
    rows = graph.read(LOG_PAGE, community=community_id, skip=(page - 1) * per_page, limit=per_page)
    return Page(total=total, items=[r["entry"] for r in rows])


def community_by_slug(graph: Graph, slug: str) -> dict[str, Any] | None:
    rows = graph.read(COMMUNITY_BY_SLUG, slug=slug)
    return rows[0]["community"] if rows else None


def communities(graph: Graph) -> list[dict[str, Any]]:
    return [r["community"] for r in graph.read(COMMUNITIES)]


def target(graph: Graph, target_id: str) -> dict[str, Any] | None:
    rows = graph.read(TARGET, id=target_id)
    return rows[0] if rows else None


def person_in_community(graph: Graph, person_id: str, community_id: str) -> dict[str, Any] | None:
    rows = graph.read(PERSON_IN_COMMUNITY, person=person_id, community=community_id)
    return rows[0] if rows else None


def removed_members(graph: Graph, community_id: str, limit: int = 200) -> list[dict[str, Any]]:
    return graph.read(REMOVED_MEMBERS, community=community_id, limit=limit)


def create_flag(graph: Graph, flag_id: str, person_id: str, community_id: str, target_id: str,
                reason: str, text: str) -> bool:
    """A new open flag; False when the person already has an open flag on the target."""

    def work(tx: Any) -> bool:
        tx.run(LOCK_PERSON, person=person_id).consume()
        return bool(list(tx.run(CREATE_FLAG, id=flag_id, person=person_id, community=community_id,
                                target=target_id, reason=reason, text=text)))

    return graph.write_transaction(work)


def open_flag_count(graph: Graph, community_id: str) -> int:
    return graph.read(OPEN_FLAG_COUNT, community=community_id)[0]["flags"]


def queue(graph: Graph, community_id: str | None, page: int, per_page: int) -> tuple[Page, int]:
    """Open flags grouped by target (a page of targets) and the number of open flags."""
    row = graph.read(QUEUE, community=community_id, skip=(page - 1) * per_page, limit=per_page)[0]
    return Page(total=row["total"], items=row["items"]), row["flags"]


def hidden(graph: Graph, community_id: str | None, page: int, per_page: int) -> Page:
    row = graph.read(HIDDEN, community=community_id, skip=(page - 1) * per_page, limit=per_page)[0]
    return Page(total=row["total"], items=row["items"])


def counts(graph: Graph) -> list[dict[str, Any]]:
    """Every community with its open flags, flagged targets and hidden content."""
    hidden_by_community = {r["id"]: r["hidden"] for r in graph.read(HIDDEN_COUNTS)}
    return [{**r, "hidden": hidden_by_community.get(r["id"], 0)} for r in graph.read(COUNTS)]


def set_hidden(graph: Graph, target_id: str, topic_id: str, is_post: bool, hidden: bool,
               flag_status: str | None, entry: LogEntry) -> bool:
    """Hide or restore a topic or post; ``flag_status`` resolves its open flags (hiding upholds
    them); a post's topic gets its reply count and last activity recomputed."""
    then: list[Statement] = []
    if flag_status:
        then.append((RESOLVE_FLAGS, {"target": target_id, "status": flag_status, "actor": entry.actor_id}))
    if is_post:
        then.append((RECOUNT_TOPIC, {"topic": topic_id}))
    change = (SET_HIDDEN, {"target": target_id, "hidden": hidden, "actor": entry.actor_id})
    return _apply(graph, change, then, entry)


def dismiss_flags(graph: Graph, target_id: str, entry: LogEntry) -> bool:
    return _apply(graph, (DISMISS_FLAGS, {"target": target_id, "actor": entry.actor_id}), (), entry)


def set_locked(graph: Graph, topic_id: str, value: bool, entry: LogEntry) -> bool:
    return _apply(graph, (SET_LOCKED, {"topic": topic_id, "value": value}), (), entry)


def set_pinned(graph: Graph, topic_id: str, value: bool, entry: LogEntry) -> bool:
    return _apply(graph, (SET_PINNED, {"topic": topic_id, "value": value}), (), entry)


def move_topic(graph: Graph, topic_id: str, source_id: str, destination_id: str, entry: LogEntry) -> bool:
    change = (MOVE_TOPIC, {"topic": topic_id, "source": source_id, "destination": destination_id})
    return _apply(graph, change, (), entry)


def remove_member(graph: Graph, person_id: str, community_id: str, entry: LogEntry) -> bool:
    change = (REMOVE_MEMBER, {"person": person_id, "community": community_id, "actor": entry.actor_id,
                              "reason": entry.reason})
    return _apply(graph, change, (), entry)


def readmit(graph: Graph, person_id: str, community_id: str, entry: LogEntry) -> bool:
    return _apply(graph, (READMIT, {"person": person_id, "community": community_id}), (), entry)


def warn(graph: Graph, person_id: str, entry: LogEntry) -> bool:
    return _apply(graph, (PERSON_EXISTS, {"person": person_id}), (), entry)
