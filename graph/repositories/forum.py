"""The forum: topics and their replies, reactions, the accepted solution, edit history, search.

Model (SPEC): ``(:Topic {id, title, body, created_at, updated_at, community_id, last_activity_at,
reply_count, pinned, locked, hidden, version})-[:IN]->(:Community)``,
``(:Post {id, body, created_at, updated_at, topic_id, number, hidden, version})-[:IN]->(:Topic)``,
``(:Person)-[:WROTE]->(t|p)``, ``(t|p)-[:MENTIONS]->(:Person)``, ``(p)-[:QUOTES]->(:Post)``,
``(t)-[:SOLVED_BY]->(:Post)``, ``(:Person)-[:REACTED {kind, at}]->(t|p)``,
``(t|p)-[:HAS_REVISION]->(:Revision {id, title, body, edited_at, editor_id, reason})``.

Added here: ``Topic.last_number`` — the highest reply ``number`` handed out (hidden replies keep
theirs), so pages of replies are ranges of numbers read through the (topic_id, number) index.
Numbers are handed out under the topic's write lock: two replies never share one.
Reads return plain dicts with datetimes as ISO strings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.driver import Graph

#: Reaction kinds (kept equal to mentore.services.forum.REACTIONS).
REACTION_KINDS = ("utile", "grazie", "daccordo")

# Reaction counts of ``x`` and the kinds the actor gave, as ``reactions`` and ``mine``.
_REACTIONS = """
CALL (x) {
  OPTIONAL MATCH (:Person)-[r:REACTED]->(x)
  WITH r.kind AS kind, count(r) AS n
  RETURN collect(CASE WHEN kind IS NULL THEN null ELSE {kind: kind, n: n} END) AS reactions
}
CALL (x) {
  OPTIONAL MATCH (:Person {id: $actor})-[r:REACTED]->(x)
  RETURN collect(r.kind) AS mine
}
"""

# ----------------------------------------------------------------------------- reads

TOPIC = f"""
MATCH (x:Topic {{id: $id}})-[:IN]->(c:Community)
{_REACTIONS}
OPTIONAL MATCH (a:Person)-[:WROTE]->(x)
OPTIONAL MATCH (x)-[:SOLVED_BY]->(s:Post)
OPTIONAL MATCH (sa:Person)-[:WROTE]->(s)
RETURN x {{.id, .title, .body, .reply_count, .version, .last_number,
          pinned: coalesce(x.pinned, false), locked: coalesce(x.locked, false),
          hidden: coalesce(x.hidden, false), created_at: toString(x.created_at),
          updated_at: toString(x.updated_at), last_activity_at: toString(x.last_activity_at),
          community_id: c.id, community_slug: c.slug, community_name: c.name,
          author_id: a.id, author_name: a.name,
          reactions: reactions, mine: mine,
          revision_count: COUNT {{ (x)-[:HAS_REVISION]->() }}}} AS topic,
       CASE WHEN s IS NULL THEN null ELSE s {{.id, .body, .number, hidden: coalesce(s.hidden, false),
            author_id: sa.id, author_name: sa.name, created_at: toString(s.created_at)}} END AS solution
"""

POSTS_RANGE = f"""
MATCH (x:Post)
WHERE x.topic_id = $topic AND x.number >= $first AND x.number <= $last
{_REACTIONS}
OPTIONAL MATCH (a:Person)-[:WROTE]->(x)
RETURN x {{.id, .body, .number, .version, hidden: coalesce(x.hidden, false),
          created_at: toString(x.created_at), updated_at: toString(x.updated_at),
          author_id: a.id, author_name: a.name,
          quotes: [(x)-[:QUOTES]->(q:Post) | q.number][0],
          reactions: reactions, mine: mine,
          revision_count: COUNT {{ (x)-[:HAS_REVISION]->() }}}} AS post
ORDER BY x.number
"""

POST = """
MATCH (x:Post {id: $id})
OPTIONAL MATCH (a:Person)-[:WROTE]->(x)
RETURN x {.id, .body, .number, .version, .topic_id, hidden: coalesce(x.hidden, false),
          author_id: a.id, author_name: a.name} AS post
"""

POST_BY_NUMBER = """
MATCH (x:Post) WHERE x.topic_id = $topic AND x.number = $number
OPTIONAL MATCH (a:Person)-[:WROTE]->(x)
RETURN x {.id, .body, .number, .version, .topic_id, hidden: coalesce(x.hidden, false),
          author_id: a.id, author_name: a.name} AS post
"""

# Pinned topics are few: read through the pinned index, then filtered by community.
PINNED_TOPICS = """
MATCH (t:Topic)
WHERE t.pinned = true AND t.community_id = $community
OPTIONAL MATCH (a:Person)-[:WROTE]->(t)
RETURN t {.id, .title, .reply_count, pinned: true, locked: coalesce(t.locked, false),
          hidden: coalesce(t.hidden, false), last_activity_at: toString(t.last_activity_at),
          created_at: toString(t.created_at), author_name: a.name,
          solved: EXISTS { (t)-[:SOLVED_BY]->() }} AS topic
ORDER BY t.last_activity_at DESC
"""

# The other topics, newest activity first, in the order of the (community_id, last_activity_at)
# index: no sort over the whole community, SKIP walks index entries only. The hint keeps that plan
# whatever the statistics say (with few topics, or after a run of pinned ones, the planner was seen
# to prefer a label scan and a sort).
TOPICS_PAGE = """
MATCH (t:Topic)
USING INDEX t:Topic(community_id, last_activity_at)
WHERE t.community_id = $community AND t.last_activity_at IS NOT NULL
  AND (t.pinned IS NULL OR t.pinned = false)
WITH t ORDER BY t.community_id, t.last_activity_at DESC
SKIP $skip LIMIT $limit
OPTIONAL MATCH (a:Person)-[:WROTE]->(t)
RETURN t {.id, .title, .reply_count, pinned: false, locked: coalesce(t.locked, false),
          hidden: coalesce(t.hidden, false), last_activity_at: toString(t.last_activity_at),
          created_at: toString(t.created_at), author_name: a.name,
          solved: EXISTS { (t)-[:SOLVED_BY]->() }} AS topic
"""

COUNT_TOPICS = """
MATCH (t:Topic)
USING INDEX t:Topic(community_id, last_activity_at)
WHERE t.community_id = $community AND t.last_activity_at IS NOT NULL
  AND (t.pinned IS NULL OR t.pinned = false)
RETURN count(t) AS n
"""

REVISIONS = """
UNWIND $ids AS xid
CALL (xid) {
  MATCH (x:Topic {id: xid}) RETURN x
  UNION
  MATCH (x:Post {id: xid}) RETURN x
}
MATCH (x)-[:HAS_REVISION]->(r:Revision)
OPTIONAL MATCH (e:Person {id: r.editor_id})
RETURN xid AS target, r {.id, .title, .body, .reason, edited_at: toString(r.edited_at), editor_name: e.name} AS revision
ORDER BY r.edited_at DESC
"""

PARTICIPANTS = """
MATCH (t:Topic {id: $topic})
OPTIONAL MATCH (starter:Person)-[:WROTE]->(t)
RETURN starter.id AS starter_id
"""

SEARCH = """
CALL db.index.fulltext.queryNodes('forum_text', $query) YIELD node, score
WHERE coalesce(node.hidden, false) = false
WITH node, score, CASE WHEN node:Topic THEN node ELSE COLLECT { MATCH (node)-[:IN]->(t:Topic) RETURN t }[0] END AS topic
WHERE topic IS NOT NULL AND coalesce(topic.hidden, false) = false
  AND ($community IS NULL OR topic.community_id = $community)
MATCH (topic)-[:IN]->(c:Community)
RETURN topic.id AS topic_id, topic.title AS title, c.slug AS community_slug, c.name AS community_name,
       CASE WHEN node:Post THEN node.number END AS number, node.body AS body, score,
       toString(node.created_at) AS created_at
ORDER BY score DESC, created_at DESC
SKIP $skip LIMIT $limit
"""

# ----------------------------------------------------------------------------- writes

CREATE_TOPIC = """
MATCH (c:Community {id: $community}), (a:Person {id: $author})
CREATE (t:Topic {id: $id, title: $title, body: $body, community_id: c.id, created_at: datetime(),
                 updated_at: datetime(), last_activity_at: datetime(), reply_count: 0, last_number: 0,
                 pinned: false, locked: false, hidden: false, version: 1})
CREATE (t)-[:IN]->(c)
CREATE (a)-[:WROTE]->(t)
WITH t
CALL (t) {
  UNWIND $mentions AS pid
  MATCH (m:Person {id: pid})
  MERGE (t)-[:MENTIONS]->(m)
}
RETURN t.id AS id
"""

# ``_lock`` takes the topic's write lock (held until the commit) before last_number is read:
# numbers are handed out one at a time. A locked
# topic takes replies only from moderators ($moderator).
CREATE_POST = """
MATCH (t:Topic {id: $topic}), (a:Person {id: $author})
WHERE $moderator OR coalesce(t.locked, false) = false
SET t._lock = true
REMOVE t._lock
WITH t, a
SET t.last_number = coalesce(t.last_number, 0) + 1
SET t.reply_count = coalesce(t.reply_count, 0) + 1, t.last_activity_at = datetime()
WITH t, a
CREATE (p:Post {id: $id, body: $body, topic_id: t.id, number: t.last_number, created_at: datetime(),
                updated_at: datetime(), hidden: false, version: 1})
CREATE (p)-[:IN]->(t)
CREATE (a)-[:WROTE]->(p)
WITH p
CALL (p) {
  UNWIND $mentions AS pid
  MATCH (m:Person {id: pid})
  MERGE (p)-[:MENTIONS]->(m)
}
CALL (p) {
  MATCH (q:Post {id: $quotes})
  WHERE q.topic_id = p.topic_id
  MERGE (p)-[:QUOTES]->(q)
}
RETURN p.id AS id, p.number AS number
"""

# What follows an edit of topic or post ``x``: its mentions become those of the new text.
_EDITED_MENTIONS = """
WITH x
CALL (x) {  // a mention taken out of the text goes too
  MATCH (x)-[r:MENTIONS]->(m:Person)
  WHERE NOT m.id IN $mentions
  DELETE r
}
CALL (x) {
  UNWIND $mentions AS pid
  MATCH (m:Person {id: pid})
  MERGE (x)-[:MENTIONS]->(m)
}
RETURN x.version AS version
"""

# Compare-and-set on ``version``: setting (and removing) ``_lock`` takes the node's write lock,
# held until the commit, before the version is compared: of two concurrent edits of the same
# version only one wins.
EDIT_TOPIC = """
MATCH (x:Topic {id: $id})
SET x._lock = true
REMOVE x._lock
WITH x WHERE x.version = $version
CREATE (x)-[:HAS_REVISION]->(:Revision {id: randomUUID(), title: x.title, body: x.body,
                                        edited_at: datetime(), editor_id: $editor, reason: $reason})
SET x.title = $title, x.body = $body, x.version = x.version + 1, x.updated_at = datetime()
""" + _EDITED_MENTIONS

EDIT_POST = """
MATCH (x:Post {id: $id})
SET x._lock = true
REMOVE x._lock
WITH x WHERE x.version = $version
CREATE (x)-[:HAS_REVISION]->(:Revision {id: randomUUID(), body: x.body, edited_at: datetime(),
                                        editor_id: $editor, reason: $reason})
SET x.body = $body, x.version = x.version + 1, x.updated_at = datetime()
""" + _EDITED_MENTIONS

ALREADY_MENTIONED = """
CALL () {
  MATCH (x:Topic {id: $id}) RETURN x
  UNION
  MATCH (x:Post {id: $id}) RETURN x
}
MATCH (x)-[:MENTIONS]->(m:Person)
RETURN m.id AS id
"""

SET_SOLUTION = """
MATCH (t:Topic {id: $topic})
CALL (t) {
  MATCH (t)-[s:SOLVED_BY]->()
  DELETE s
}
CALL (t) {
  MATCH (p:Post {id: $post})
  WHERE p.topic_id = t.id
  MERGE (t)-[:SOLVED_BY]->(p)
}
RETURN t.id AS id
"""

TOGGLE_REACTION = {
    label: f"""
MATCH (me:Person {{id: $person}}), (x:{label} {{id: $target}})
OPTIONAL MATCH (me)-[r:REACTED {{kind: $kind}}]->(x)
CALL (me, x, r) {{
  WITH me, x, r WHERE r IS NULL
  CREATE (me)-[:REACTED {{kind: $kind, at: datetime()}}]->(x)
}}
CALL (r) {{
  WITH r WHERE r IS NOT NULL
  DELETE r
}}
RETURN r IS NULL AS added
"""
    for label in ("Topic", "Post")
}


def _revisions_by_target(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row["target"], []).append(row["revision"])
    return found


def _counts(item: dict[str, Any]) -> dict[str, Any]:
    item["reactions"] = {k["kind"]: k["n"] for k in item.get("reactions") or []}
    item["mine"] = set(item.get("mine") or [])
    return item


def topic(graph: Graph, topic_id: str, actor_id: str | None) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
    """(topic, accepted solution or None), or None when there is no such topic."""
    rows = graph.read(TOPIC, id=topic_id, actor=actor_id)
    if not rows:
        return None
    return _counts(dict(rows[0]["topic"])), rows[0]["solution"]


def posts(graph: Graph, topic_id: str, first: int, last: int, actor_id: str | None) -> list[dict[str, Any]]:
    """The replies numbered ``first``..``last`` (inclusive), in order."""
    return [_counts(dict(r["post"]))
            for r in graph.read(POSTS_RANGE, topic=topic_id, first=first, last=last, actor=actor_id)]


def post(graph: Graph, post_id: str) -> dict[str, Any] | None:
    rows = graph.read(POST, id=post_id)
    return rows[0]["post"] if rows else None


def post_by_number(graph: Graph, topic_id: str, number: int) -> dict[str, Any] | None:
    rows = graph.read(POST_BY_NUMBER, topic=topic_id, number=number)
    return rows[0]["post"] if rows else None


def pinned_topics(graph: Graph, community_id: str) -> list[dict[str, Any]]:
    return [r["topic"] for r in graph.read(PINNED_TOPICS, community=community_id)]


def topics_page(graph: Graph, community_id: str, skip: int, limit: int) -> list[dict[str, Any]]:
    return [r["topic"] for r in graph.read(TOPICS_PAGE, community=community_id, skip=skip, limit=limit)]


def count_topics(graph: Graph, community_id: str) -> int:
    return graph.read(COUNT_TOPICS, community=community_id)[0]["n"]


def revisions(graph: Graph, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """target id → its revisions, newest first."""
    return _revisions_by_target(graph.read(REVISIONS, ids=list(ids))) if ids else {}


def starter_id(graph: Graph, topic_id: str) -> str | None:
    rows = graph.read(PARTICIPANTS, topic=topic_id)
    return rows[0]["starter_id"] if rows else None


def search(graph: Graph, query: str, community_id: str | None, skip: int, limit: int) -> list[dict[str, Any]]:
    return graph.read(SEARCH, query=query, community=community_id, skip=skip, limit=limit)


def create_topic(graph: Graph, topic_id: str, community_id: str, author_id: str, title: str, body: str,
                 mentions: Sequence[str]) -> str | None:
    rows = graph.write(CREATE_TOPIC, id=topic_id, community=community_id, author=author_id, title=title,
                       body=body, mentions=list(mentions))
    return rows[0]["id"] if rows else None


def create_post(graph: Graph, post_id: str, topic_id: str, author_id: str, body: str, *,
                mentions: Sequence[str], quotes: str | None, moderator: bool) -> int | None:
    """The new reply's number, or None when the topic is locked (and the author no moderator)."""
    rows = graph.write(CREATE_POST, id=post_id, topic=topic_id, author=author_id, body=body,
                       mentions=list(mentions), quotes=quotes, moderator=moderator)
    return rows[0]["number"] if rows else None


def edit_topic(graph: Graph, topic_id: str, version: int, *, title: str, body: str, editor_id: str,
               reason: str, mentions: Sequence[str]) -> int | None:
    """The new version, or None when ``version`` is not the current one any more."""
    rows = graph.write(EDIT_TOPIC, id=topic_id, version=version, title=title, body=body, editor=editor_id,
                       reason=reason, mentions=list(mentions))
    return rows[0]["version"] if rows else None


def edit_post(graph: Graph, post_id: str, version: int, *, body: str, editor_id: str, reason: str,
              mentions: Sequence[str]) -> int | None:
    rows = graph.write(EDIT_POST, id=post_id, version=version, body=body, editor=editor_id, reason=reason,
                       mentions=list(mentions))
    return rows[0]["version"] if rows else None


def already_mentioned(graph: Graph, target_id: str) -> set[str]:
    return {r["id"] for r in graph.read(ALREADY_MENTIONED, id=target_id)}


def set_solution(graph: Graph, topic_id: str, post_id: str | None) -> bool:
    return bool(graph.write(SET_SOLUTION, topic=topic_id, post=post_id))


def toggle_reaction(graph: Graph, person_id: str, label: str, target_id: str, kind: str) -> bool | None:
    """True when the reaction was added, False when removed, None when the target does not exist."""
    if kind not in REACTION_KINDS:
        raise ValueError(f"unknown reaction: {kind}")
    rows = graph.write(TOGGLE_REACTION[label], person=person_id, target=target_id, kind=kind)
    return rows[0]["added"] if rows else None
