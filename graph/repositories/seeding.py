"""Create-only bulk writes (``UNWIND`` batches) for whole data sets: the demo data today.

Every statement MERGEs on the node's key and sets properties only ON CREATE, so running a data
set twice creates no duplicate and overwrites nothing a user has changed since.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from graph.driver import Graph
from graph.repositories.needs import KEEP_ACTIVE_LABEL
from graph.repositories.organisations import LINK_PROFILE
from graph.repositories.showcase import SEED as CREATE_BEST_PRACTICES
from graph.repositories.verification import SEED as CREATE_VERIFICATION_REQUESTS

CREATE_ORGANISATIONS = """
UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
ON CREATE SET o += row.props, o.created_at = datetime(row.created_at)
WITH o, row
""" + LINK_PROFILE

CREATE_PEOPLE = """
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
ON CREATE SET p += row.props, p.created_at = datetime(row.created_at)
WITH p, row
MATCH (o:Organisation {id: row.organisation})
MERGE (p)-[m:MEMBER_OF]->(o)
ON CREATE SET m.role = row.role, m.since = date(row.since)
"""

CREATE_NEEDS = """
UNWIND $rows AS row
MATCH (o:Organisation {id: row.organisation})
MERGE (n:Need {id: row.id})
ON CREATE SET n += row.props, n.created_at = datetime(row.created_at),
              n.deadline = date(row.deadline),
              n.published_at = CASE WHEN row.props.status <> 'draft' THEN datetime(row.created_at) END
""" + KEEP_ACTIVE_LABEL + """
MERGE (o)-[:POSTED]->(n)
WITH n, row
MATCH (t:Territory {id: row.territory})
MERGE (n)-[:IN]->(t)
WITH n, row
MATCH (a:Activity {code: row.activity})
MERGE (n)-[:CONCERNS]->(a)
WITH n, row
CALL (n, row) {
  UNWIND row.competencies AS cid
  MATCH (c:Competency {id: cid})
  MERGE (n)-[:REQUIRES]->(c)
}
"""

CREATE_PARTNERSHIPS = """
UNWIND $rows AS row
MERGE (p:Partnership {id: row.id})
ON CREATE SET p += row.props, p.start = date(row.start), p.end = date(row.end)
WITH p, row
CALL (p, row) {
  UNWIND row.members AS m
  MATCH (o:Organisation {id: m.organisation})
  MERGE (o)-[r:PARTNER_IN]->(p)
  ON CREATE SET r.role = m.role
}
"""

CREATE_COMMUNITIES = """
UNWIND $rows AS row
MERGE (c:Community {id: row.id})
ON CREATE SET c += row.props, c.created_at = datetime(row.created_at)
WITH c, row
CALL (c, row) {
  UNWIND row.activities AS code
  MATCH (a:Activity {code: code})
  MERGE (c)-[:ABOUT]->(a)
}
CALL (c, row) {
  UNWIND row.facilitators AS pid
  MATCH (p:Person {id: pid})
  MERGE (p)-[:FACILITATES]->(c)
}
CALL (c, row) {
  UNWIND row.members AS pid
  MATCH (p:Person {id: pid})
  MERGE (p)-[b:BELONGS_TO]->(c)
  ON CREATE SET b.since = c.created_at
  MERGE (p)-[f:FOLLOWS]->(c)
  ON CREATE SET f.since = c.created_at
}
"""

CREATE_TOPICS = """
UNWIND $rows AS row
MATCH (c:Community {id: row.community}), (author:Person {id: row.author})
MERGE (t:Topic {id: row.id})
ON CREATE SET t += row.props, t.created_at = datetime(row.created_at), t.updated_at = datetime(row.created_at)
// forum fields of topics loaded by an older demo version: filled in, never overwritten
SET t.community_id = coalesce(t.community_id, c.id),
    t.last_activity_at = coalesce(t.last_activity_at, datetime(coalesce(row.last_activity_at, row.created_at))),
    t.reply_count = coalesce(t.reply_count, size(row.posts)), t.last_number = coalesce(t.last_number, size(row.posts)),
    t.version = coalesce(t.version, 1), t.pinned = coalesce(t.pinned, false), t.locked = coalesce(t.locked, false),
    t.hidden = coalesce(t.hidden, false)
MERGE (t)-[:IN]->(c)
MERGE (author)-[:WROTE]->(t)
WITH t, row
CALL (t, row) {
  UNWIND row.posts AS post
  MATCH (writer:Person {id: post.author})
  MERGE (p:Post {id: post.id})
  ON CREATE SET p.body = post.body, p.created_at = datetime(post.created_at), p.updated_at = datetime(post.created_at)
  SET p.topic_id = coalesce(p.topic_id, t.id), p.number = coalesce(p.number, post.number),
      p.version = coalesce(p.version, 1), p.hidden = coalesce(p.hidden, false)
  MERGE (p)-[:IN]->(t)
  MERGE (writer)-[:WROTE]->(p)
}
CALL (t, row) {
  UNWIND coalesce(row.reactions, []) AS reaction
  MATCH (who:Person {id: reaction.person}), (target:Post {id: reaction.target})
  MERGE (who)-[r:REACTED {kind: reaction.kind}]->(target)
  ON CREATE SET r.at = datetime(reaction.at)
}
CALL (t, row) {
  UNWIND coalesce(row.flags, []) AS flag
  MATCH (who:Person {id: flag.person}), (target:Post {id: flag.target}), (c:Community {id: row.community})
  MERGE (f:Flag {id: flag.id})
  ON CREATE SET f.reason = flag.reason, f.text = flag.text, f.status = 'open', f.created_at = datetime(flag.at)
  MERGE (who)-[:RAISED]->(f)
  MERGE (f)-[:ON]->(target)
  MERGE (f)-[:IN]->(c)
}
CALL (t, row) {
  MATCH (solution:Post {id: row.solution})
  WHERE NOT EXISTS { (t)-[:SOLVED_BY]->() }
  MERGE (t)-[:SOLVED_BY]->(solution)
}
"""

DATASET_VERSION = "MATCH (d:Dataset {name: $name}) RETURN d.version AS version"
MARK_DATASET = """
MERGE (d:Dataset {name: $name})
SET d.version = $version, d.loaded_at = datetime()
"""

STATEMENTS = {
    "organisations": CREATE_ORGANISATIONS,
    "people": CREATE_PEOPLE,
    "needs": CREATE_NEEDS,
    "partnerships": CREATE_PARTNERSHIPS,
    "communities": CREATE_COMMUNITIES,
    "topics": CREATE_TOPICS,
    "best_practices": CREATE_BEST_PRACTICES,
    "verification_requests": CREATE_VERIFICATION_REQUESTS,
}


def create_rows(graph: Graph, kind: str, rows: Sequence[dict[str, Any]], batch: int = 500,
                progress: Callable[[int], None] | None = None) -> int:
    """Write ``rows`` of one kind (a key of STATEMENTS) in batches, each its own transaction."""
    statement = STATEMENTS[kind]  # KeyError on an unknown kind: never formatted into Cypher
    for start in range(0, len(rows), batch):
        chunk = list(rows[start:start + batch])
        graph.write(statement, rows=chunk)
        if progress:
            progress(len(chunk))
    return len(rows)


def dataset_version(graph: Graph, name: str) -> str | None:
    found = graph.read(DATASET_VERSION, name=name)
    return found[0]["version"] if found else None


def mark_dataset(graph: Graph, name: str, version: str) -> None:
    graph.write(MARK_DATASET, name=name, version=version)


# The demo needs that have suggestions, each with a member of its organisation (an admin when
# there is one) and its suggestions in rank order, each with a member of the suggested organisation.
_POSTER_MEMBER = """CALL (poster) {
  OPTIONAL MATCH (p:Person)-[m:MEMBER_OF]->(poster)
  WHERE coalesce(p.active, true)
  RETURN p.id AS poster_member ORDER BY m.role = 'admin' DESC, p.id LIMIT 1
}"""
DEMO_SUGGESTIONS = """
UNWIND $needs AS nid
MATCH (poster:Organisation)-[:POSTED]->(n:Need {id: nid})
WHERE n.status IN $statuses AND EXISTS { (n)<-[:FOR]-(:Suggestion) }
""" + _POSTER_MEMBER + """
RETURN n.id AS need, n.status AS status, poster_member,
       COLLECT { MATCH (n)<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(so:Organisation)
                 WITH s, so ORDER BY s.rank
                 RETURN {id: s.id, rank: s.rank, status: s.status, answered: s.answered_at IS NOT NULL,
                         organisation: so.id,
                         member: COLLECT { MATCH (q:Person)-[:MEMBER_OF]->(so) WHERE coalesce(q.active, true)
                                           RETURN q.id ORDER BY q.id LIMIT 1 }[0]} } AS suggestions
ORDER BY n.id
"""


def demo_suggestions(graph: Graph, need_ids: Sequence[str], statuses: Sequence[str]) -> list[dict[str, Any]]:
    return graph.read(DEMO_SUGGESTIONS, needs=list(need_ids), statuses=list(statuses))


# For each open demo need among $needs (with what its requirements of who helps are read from,
# and a member of its organisation, as DEMO_SUGGESTIONS), the organisations that could offer to
# help unasked, or that its poster could ask, at most $k: in the need's region, carrying out the
# need's activity, neither its poster nor suggested for it, with an active member (third-sector
# entities first, then by id, so that runs agree); each with what the requirements ask of it
# (verified, enrolled in the RUNTS, its areas).
DEMO_OFFERERS = """
UNWIND $needs AS nid
MATCH (poster:Organisation)-[:POSTED]->(n:Need {id: nid})-[:CONCERNS]->(a:Activity)
WHERE n.status = 'open'
MATCH (n)-[:IN]->(t:Territory)-[:PART_OF*0..2]->(r:Territory {level: 'regione'})
CALL (n, poster, a, r) {
  MATCH (o:Organisation)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..2]->(r)
  WHERE o <> poster AND a.code IN coalesce(o.activity_codes, [])
    AND NOT EXISTS { (n)<-[:FOR]-(:Suggestion)-[:PROPOSES]->(o) }
  MATCH (p:Person)-[:MEMBER_OF]->(o) WHERE coalesce(p.active, true)
  WITH o, min(p.id) AS member ORDER BY o.kind = 'ETS' DESC, o.id LIMIT $k
  RETURN collect({organisation: o.id, member: member, name: o.name, verified: coalesce(o.verified, false),
                  runts: coalesce(o.runts_section, '') <> '', areas: coalesce(o.area_ids, [])}) AS candidates
}
WITH n, t, poster, candidates WHERE size(candidates) > 0
""" + _POSTER_MEMBER + """
RETURN n.id AS need, n {.status, .only_verified, .only_runts, .helpers_within, territory: t.id,
                        organisation_id: poster.id} AS asked, poster_member, candidates
ORDER BY n.id
"""


def demo_offerers(graph: Graph, need_ids: Sequence[str], k: int = 10) -> list[dict[str, Any]]:
    return graph.read(DEMO_OFFERERS, needs=list(need_ids), k=k)


# People of the demo to sign in as (``mentore demo accounts``), one per kind of user, among
# ``$people`` (the demo's own): the admin of the ETS with the most needs that have suggestions,
# the admin of another organisation suggested most often, the admin of the public body with the
# most partnerships, the person facilitating the most communities.
DEMO_ACCOUNTS = {
    "poster": """
UNWIND $people AS pid
MATCH (p:Person {id: pid})-[:MEMBER_OF {role: 'admin'}]->(o:Organisation {kind: 'ETS'})-[:POSTED]->(n:Need)
WHERE EXISTS { (n)<-[:FOR]-(:Suggestion) }
WITH p, o, count(n) AS score ORDER BY score DESC, p.id LIMIT 1
RETURN p.id AS id, o.id AS organisation, o.name AS organisation_name
""",
    "suggested": """
UNWIND $people AS pid
MATCH (p:Person {id: pid})-[:MEMBER_OF {role: 'admin'}]->(o:Organisation)<-[:PROPOSES]-(:Suggestion)
WHERE NOT o.id IN $taken
WITH p, o, count(*) AS score ORDER BY score DESC, p.id LIMIT 1
RETURN p.id AS id, o.id AS organisation, o.name AS organisation_name
""",
    "officer": """
UNWIND $people AS pid
MATCH (p:Person {id: pid})-[:MEMBER_OF {role: 'admin'}]->(o:Organisation {kind: 'PUBLIC_BODY'})
WITH p, o, COUNT { (o)-[:PARTNER_IN]->() } AS score ORDER BY score DESC, p.id LIMIT 1
RETURN p.id AS id, o.id AS organisation, o.name AS organisation_name
""",
    "facilitator": """
UNWIND $people AS pid
MATCH (p:Person {id: pid})-[:FACILITATES]->(c:Community)
WITH p, count(c) AS score ORDER BY score DESC, p.id LIMIT 1
RETURN p.id AS id, null AS organisation, null AS organisation_name
""",
}


def demo_accounts(graph: Graph, people: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Kind of user → {id, organisation, organisation_name} of the demo person chosen for it (kinds the graph has
    nobody for are missing)."""
    chosen: dict[str, dict[str, Any]] = {}
    for kind, cypher in DEMO_ACCOUNTS.items():
        taken = [c["organisation"] for c in chosen.values() if c["organisation"]]
        rows = graph.read(cypher, people=list(people), taken=taken)
        if rows:
            chosen[kind] = rows[0]
    return chosen
