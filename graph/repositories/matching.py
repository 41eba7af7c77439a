"""What the matcher needs from the graph: candidates from several sources, facts about them,
embeddings to store, suggestions and their feedback, and the learned rankers' parameters.

Similarities from Neo4j's vector functions are (1 + cosine) / 2; they are turned back into
cosines here, so the matcher sees plain cosines. The pool of candidates is the organisations of
the platform's country (``country`` missing means Italy): foreign partners known from imported
partnerships help the graph signals but are never suggested. The queries of a suggestion return
their hundreds of rows collected in one (``Graph.read_collected``): rows one by one cost the
driver more than the server's work.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from neo4j.exceptions import Neo4jError

from graph.driver import Graph
from graph.errors import IndexUnavailable


def in_pool(o: str = "o") -> str:
    """Cypher: the organisation ``o`` may be suggested (Italian, or of no country given, and not
    deleted). ``o``: this code's own variable name, never input."""
    return f"coalesce({o}.country, 'IT') = 'IT' AND NOT coalesce({o}.deleted, false)"


IN_POOL = in_pool()

#: The label of the organisations of the pool, on which the vector index of their profiles
#: (organisation_embedding) is built: the profiles closest to a query are sought among them
#: alone. Built on every organisation, the index gave the nearest of all, and those outside the
#: pool were dropped after: where foreign partners come in with imported partnerships they are the
#: many (CORDIS: 1,586 Italian organisations of 18,370), and of the 200 nearest asked for, by
#: their share, about 17 were left. Kept in step with IN_POOL where a vector is stored and where
#: a country is written (``keep_pool_label``), and on older graphs by ``graph init``
#: (SYNC_POOL_LABEL).
POOL_LABEL = "PoolOrganisation"


def label_in_step(node: str, label: str, condition: str) -> str:
    """Cypher that gives the node ``node`` the label ``label`` when ``condition`` holds and takes
    it away when it does not: a label an index is built on, kept in step with what it stands for
    (the active needs, the pool). All three are this code's own Cypher, never input."""
    return f"""
FOREACH (_ IN CASE WHEN {condition} THEN [1] ELSE [] END | SET {node}:{label})
FOREACH (_ IN CASE WHEN {condition} THEN [] ELSE [1] END | REMOVE {node}:{label})
"""


def label_synced(of: str, node: str, label: str, condition: str) -> str:
    """Cypher that puts ``label_in_step`` every node of the label ``of`` whose label is not (graphs
    written before the label existed), and returns how many (``synced``)."""
    return f"""
MATCH ({node}:{of})
WHERE ({condition}) <> ({node}:{label})
{label_in_step(node, label, condition)}
RETURN count({node}) AS synced
"""


def keep_pool_label(o: str = "o") -> str:
    """Cypher that puts the pool's label of the organisation ``o`` in step with ``in_pool`` (``o``:
    this code's own variable name, never input)."""
    return label_in_step(o, POOL_LABEL, in_pool(o))


# Graphs written before the label: the organisations whose label is not in step with the pool.
SYNC_POOL_LABEL = label_synced("Organisation", "o", POOL_LABEL, IN_POOL)


def marked_now(label: str, key: str) -> str:
    """Cypher that sets ``key`` to the present instant on the nodes of ``label`` whose ids are
    $ids, and returns how many (``marked``): a reminder sent is marked so. ``label`` and ``key``
    are this code's own names, never input."""
    return f"""
UNWIND $ids AS nid
MATCH (x:{label} {{id: nid}})
SET x.{key} = datetime()
RETURN count(x) AS marked
"""


def still_chosen(s: str = "s") -> str:
    """Cypher: the suggestion ``s`` is of an organisation the poster chose (accepted) that has not
    said since that it can no longer help: the one on a matched need, a helper of a need met."""
    return f"({s}.status = 'accepted' AND coalesce({s}.availability, '') <> 'no')"

POOL = IN_POOL + " AND NOT o.id IN $exclude"

VECTOR_PROFILES = f"""
CALL db.index.vector.queryNodes('organisation_embedding', $k, $vector) YIELD node AS o, score
WHERE o.embedding_model = $model AND {POOL}  // the label may lag behind a country written by hand
RETURN collect({{id: o.id, similarity: 2 * score - 1}}) AS rows
"""

# Past work close to the query, in one statement: the partnerships nearest to it (`hits`: their
# id, cosine and count of members, whose scores the matcher sums per member from its own copy of
# who took part: see mentore/matcher/work.py), the kinds and roles of every member of the first
# $kinds_k (`kinds`), and the needs nearest to it that an organisation helped to meet (its
# accepted suggestions, unless it then said it could no longer help, and the needs met that name
# it as a helper: `met`). A partnership's or need's score is its cosine above $work_level or
# $need_level, the query's mean cosine with all of them, on a scale where 1 is the same text:
# (cosine - level) / (1 - level); those no closer than the level are left out
# (mentore/matcher/vectors.py: Background). The query's own need ($need) is not past work: the
# organisation chosen for it would be "close to" the very need it was chosen for.
VECTOR_PAST_WORK = f"""
CALL () {{
  CALL db.index.vector.queryNodes('partnership_embedding', $fetch, $vector) YIELD node AS p, score
  WHERE p.embedding_model = $model AND NOT p.id IN $exclude_work
  WITH p, 2 * score - 1 AS similarity
  WHERE similarity > $work_level
  WITH p, (similarity - $work_level) / (1 - $work_level) AS similarity ORDER BY similarity DESC LIMIT $k
  RETURN collect({{p: p, similarity: similarity}}) AS nearest
}}
CALL (nearest) {{
  UNWIND nearest AS hit
  WITH hit.p AS p, hit.similarity AS similarity
  RETURN collect({{id: p.id, score: similarity, size: COUNT {{ (p)<-[:PARTNER_IN]-() }}}}) AS hits
}}
CALL (nearest) {{
  UNWIND nearest[..$kinds_k] AS hit
  WITH hit.p AS p, hit.similarity AS similarity
  MATCH (o:Organisation)-[r:PARTNER_IN]->(p)
  WITH coalesce(o.category, o.kind) AS category, r.role IN ['lead', 'coordinator'] AS lead,
       sum(similarity) AS weight
  RETURN collect({{category: category, lead: lead, weight: weight}}) AS kinds
}}
CALL () {{
  CALL db.index.vector.queryNodes('need_embedding', $fetch, $vector) YIELD node AS n, score
  WHERE n.embedding_model = $model AND NOT n.id IN $exclude_work AND n.id <> coalesce($need, '')
  WITH n, 2 * score - 1 AS similarity
  WHERE similarity > $need_level
  WITH n, (similarity - $need_level) / (1 - $need_level) AS similarity ORDER BY similarity DESC LIMIT $k
  CALL (n) {{
    MATCH (n)<-[:FOR]-(s)-[:PROPOSES]->(o:Organisation)  // no label: expanded from the need, not sought
    WHERE {still_chosen()}
    RETURN o
    UNION
    MATCH (n)-[:MET_WITH]->(o:Organisation)
    RETURN o
  }}
  WITH n, similarity, o WHERE {POOL}
  WITH o.id AS id, n.id AS need, similarity ORDER BY similarity DESC, need
  WITH id, sum(similarity) AS total, max(similarity) AS best, collect(need)[0] AS work
  RETURN collect({{id: id, score: total, best: best, work: work, led: total, led_best: best,
                  led_work: work}}) AS met
}}
RETURN hits, met, kinds
"""

# The most active organisations of the pool (a source of candidates when nothing else is known).
MOST_ACTIVE = """
MATCH (o:Organisation)-[:PARTNER_IN]->()
WHERE """ + IN_POOL + """
WITH o, count(*) AS degree
ORDER BY degree DESC, o.id
LIMIT $k
RETURN o.id AS id
"""

# Full-text matches in one statement: organisations by their own words (`profiles`), and the
# partnerships whose words match (`hits`, as in VECTOR_PAST_WORK).
LEXICAL = f"""
CALL () {{
  CALL db.index.fulltext.queryNodes('organisation_text', $lucene, {{limit: $k}}) YIELD node AS o, score
  WHERE {POOL}
  RETURN collect({{id: o.id, score: score, best: score, work: null, led: 0.0, led_best: 0.0,
                  led_work: null}}) AS profiles
}}
CALL () {{
  CALL db.index.fulltext.queryNodes('partnership_text', $lucene, {{limit: $fetch}}) YIELD node AS p, score
  WHERE NOT p.id IN $exclude_work
  WITH p, score ORDER BY score DESC LIMIT $k
  RETURN collect({{id: p.id, score: score, size: COUNT {{ (p)<-[:PARTNER_IN]-() }}}}) AS hits
}}
RETURN profiles, hits
"""

# Who took part in a partnership: every member, whether it led, whether it may be suggested
# (the pool, without the query's exclusions). Their count is the `size` the hits above give (only
# organisations are PARTNER_IN a partnership, so the hits count its relationships alone).
MEMBERS = f"""
COLLECT {{
  MATCH (o:Organisation)-[r:PARTNER_IN]->(p)
  RETURN {{id: o.id, led: r.role IN ['lead', 'coordinator'], pool: {IN_POOL}}}
}}"""

MEMBERS_OF = f"""
UNWIND $ids AS pid
MATCH (p:Partnership {{id: pid}})
RETURN collect({{id: p.id, members: {MEMBERS}}}) AS rows
"""

# Partnerships shared with the known partners: one map per (candidate, partnership).
CO_WORK = f"""
MATCH (k:Organisation)-[:PARTNER_IN]->(p:Partnership)<-[:PARTNER_IN]-(o:Organisation)
WHERE k.id IN $known AND NOT o.id IN $known AND NOT p.id IN $exclude_work AND {POOL}
WITH o, p, collect(k.id) AS with_known
RETURN collect({{id: o.id, work: p.id, with_known: with_known, size: COUNT {{ (p)<-[:PARTNER_IN]-() }},
                 similarity: CASE WHEN $vector IS NULL OR p.embedding IS NULL OR p.embedding_model <> $model
                                  THEN 0.0 ELSE 2 * vector.similarity.cosine(p.embedding, $vector) - 1 END}}) AS rows
"""

# The branches of a union, inside a subquery that imports `me`: (n, o) for each need `me` met
# together with the organisation o: those it posted that o helped to meet, and those of o's it
# helped to meet (MET_WITH, while the need is met). Shared by MET_TOGETHER and CO_PARTNERS.
_MET_TOGETHER_BRANCHES = """
  MATCH (me)-[:POSTED]->(n:Need {status: 'met'})-[:MET_WITH]->(o:Organisation)
  RETURN n, o
  UNION
  MATCH (me)<-[:MET_WITH]-(n:Need {status: 'met'})<-[:POSTED]-(o:Organisation)
  RETURN n, o
"""

# The needs an organisation met together with others of the pool (_MET_TOGETHER_BRANCHES), the
# most recently met first. One row per (organisation, need).
MET_TOGETHER = """
MATCH (me:Organisation {id: $organisation})
CALL (me) {""" + _MET_TOGETHER_BRANCHES + """}
WITH me, n, o WHERE NOT n.id IN $exclude_work AND o <> me AND """ + IN_POOL + """
WITH o, n ORDER BY n.status_changed_at DESC, n.id
RETURN collect([o.id, n.id]) AS rows
"""

# Organisations working on the activity in the area: seated in it (or in one of its comuni) or
# working there; from the territory nodes, never a scan of every organisation. The $k closest to
# the query's vector (when there is one) come first, each with its cosine.
NEIGHBOURHOOD = f"""
UNWIND $areas AS aid
MATCH (t:Territory {{id: aid}})
CALL (t) {{
  MATCH (t)<-[:LOCATED_IN|WORKS_IN]-(o:Organisation) RETURN o
  UNION
  MATCH (t)<-[:PART_OF]-(:Territory)<-[:LOCATED_IN]-(o:Organisation) RETURN o
}}
WITH DISTINCT o
WHERE any(code IN o.activity_codes WHERE code IN $activities) AND {POOL}
WITH o, CASE WHEN $vector IS NULL OR o.embedding IS NULL OR o.embedding_model <> $model THEN null
             ELSE 2 * vector.similarity.cosine(o.embedding, $vector) - 1 END AS similarity
ORDER BY coalesce(similarity, -2.0) DESC, o.id
LIMIT $k
RETURN collect({{id: o.id, similarity: similarity}}) AS rows
"""

# The need's area without the cosines: the matcher computes them from its copy of the vectors.
NEIGHBOURHOOD_IDS = f"""
UNWIND $areas AS aid
MATCH (t:Territory {{id: aid}})
CALL (t) {{
  MATCH (t)<-[:LOCATED_IN|WORKS_IN]-(o:Organisation) RETURN o
  UNION
  MATCH (t)<-[:PART_OF]-(:Territory)<-[:LOCATED_IN]-(o:Organisation) RETURN o
}}
WITH DISTINCT o
WHERE any(code IN o.activity_codes WHERE code IN $activities) AND {POOL}
RETURN collect(o.id) AS rows
"""

#: The conditions on an organisation `o` of being verified, and enrolled in the RUNTS.
VERIFIED = "o.verified = true"
ENROLLED = "o.runts_section IS NOT NULL AND o.runts_section <> ''"


def _admitted(verified: bool, runts: bool) -> list[str]:
    """Cypher conditions on ``o``: of the pool, not in $exclude; verified, enrolled in the RUNTS
    (each only when asked)."""
    return [POOL] + [c for c, asked in ((VERIFIED, verified), (ENROLLED, runts)) if asked]


def _area_organisations(verified: bool, runts: bool, returns: str = "collect(o.id) AS rows") -> str:
    """Cypher: the organisations of the pool whose seat or whose working area is in one of the
    $areas (a region, a province or a comune), with the territories below them; verified,
    enrolled in the RUNTS (each condition only when asked); ``returns``: what of them."""
    return f"""
UNWIND $areas AS aid
MATCH (:Territory {{id: aid}})<-[:PART_OF*0..2]-(:Territory)<-[:LOCATED_IN|WORKS_IN]-(o:Organisation)
WITH DISTINCT o
WHERE {' AND '.join(_admitted(verified, runts))}
RETURN {returns}
"""

def _organisations_of(activity: bool, kind: bool, verified: bool, runts: bool) -> str:
    """Cypher: the organisations of the pool carrying out $activity, of $kind, verified, enrolled
    in the RUNTS (each condition only when asked: the planner starts from the activity or from an
    index of the Organisation's kind or verification), any $limit of them."""
    conditions = _admitted(verified, runts) + (["o.kind = $kind"] if kind else [])
    start = ("MATCH (:Activity {code: $activity})<-[:OPERATES_IN]-(o:Organisation)" if activity
             else "MATCH (o:Organisation)")
    return f"{start}\nWHERE {' AND '.join(conditions)}\nWITH o LIMIT $limit\nRETURN collect(o.id) AS rows"


KNOWN = """
UNWIND $known AS kid
MATCH (k:Organisation {id: kid})
OPTIONAL MATCH (k)-[:LOCATED_IN]->(c:Territory)
RETURN k.id AS id, k.name AS name, COUNT { (k)-[:PARTNER_IN]->(p) WHERE NOT p.id IN $exclude_work } AS degree,
       coalesce(k.country, 'IT') AS country, c.id AS comune, k.province_id AS province, k.region_id AS region
"""

FACTS = """
UNWIND $ids AS cid
MATCH (o:Organisation {id: cid})
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Territory)
CALL (o) {
  OPTIONAL MATCH (o)<-[:PROPOSES]-(s:Suggestion) WHERE $need IS NULL OR NOT (s)-[:FOR]->(:Need {id: $need})
  RETURN count(s) AS suggested,
         count(CASE WHEN s.status = 'accepted' OR s.answered_at IS NOT NULL THEN 1 END) AS answered
}
RETURN collect({
  id: o.id, name: o.name, kind: o.kind, category: coalesce(o.category, o.kind), comune: c.id,
  verified: coalesce(o.verified, false), runts: coalesce(o.runts_section, '') <> '',
  province: o.province_id, region: o.region_id, areas: coalesce(o.area_ids, []),
  activities: coalesce(o.activity_codes, []), competencies: coalesce(o.competency_ids, []),
  degree: CASE WHEN size($exclude_work) = 0 THEN COUNT { (o)-[:PARTNER_IN]->() }
               ELSE COUNT { (o)-[:PARTNER_IN]->(p) WHERE NOT p.id IN $exclude_work } END,
  led: CASE WHEN size($exclude_work) = 0 THEN COUNT { (o)-[r:PARTNER_IN]->() WHERE r.role IN ['lead', 'coordinator'] }
            ELSE COUNT { (o)-[r:PARTNER_IN]->(p) WHERE r.role IN ['lead', 'coordinator'] AND NOT p.id IN $exclude_work }
       END,
  suggested: suggested, answered: answered,
  same_programme: CASE WHEN $programme IS NULL THEN 0
                       ELSE COUNT { (o)-[:PARTNER_IN]->(p) WHERE NOT p.id IN $exclude_work
                                    AND ('-' + p.programme_family + '-') CONTAINS ('-' + $programme + '-') } END,
  text_similarity: CASE WHEN NOT cid IN $compute OR $vector IS NULL OR o.embedding IS NULL
                             OR o.embedding_model <> $model THEN null
                        ELSE 2 * vector.similarity.cosine(o.embedding, $vector) - 1 END
}) AS rows
"""


@contextmanager
def _through_index() -> Iterator[None]:
    """A read that goes through a vector or full-text index: any server error means the index
    is missing, still populating, or of another dimension."""
    try:
        yield
    except Neo4jError as exc:
        raise IndexUnavailable(str(exc)) from exc


def _fetch(k: int, exclude_work: Sequence[str]) -> int:
    """How many hits to ask of an index so that about ``k`` are left once the excluded work is
    filtered out (training leaves out many partnerships: see ``work_since``)."""
    return k + min(len(exclude_work), 2 * k)


def profile_neighbours(graph: Graph, vector: list[float], model: str, k: int,
                       exclude: Sequence[str] = ()) -> list[dict[str, Any]]:
    with _through_index():
        return graph.read_collected(VECTOR_PROFILES, vector=vector, model=model, k=k, exclude=list(exclude))


def past_work(graph: Graph, vector: list[float], model: str, k: int, kinds_k: int, exclude: Sequence[str] = (),
              exclude_work: Sequence[str] = (), work_level: float = 0.0, need_level: float = 0.0,
              need: str | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(the ``k`` partnerships nearest the query: id, score, size; rows of the organisations that
    met the needs nearest it, ``need`` (the query's own) left out; weights of the kinds of
    organisation and roles in the ``kinds_k`` nearest partnerships). Scores count from the
    levels: the query's mean cosine with all past work and with all needs (``VECTOR_PAST_WORK``)."""
    with _through_index():
        rows = graph.read_at_once(VECTOR_PAST_WORK, vector=vector, model=model, k=k, fetch=_fetch(k, exclude_work),
                                  kinds_k=kinds_k, exclude=list(exclude), exclude_work=list(exclude_work),
                                  work_level=work_level, need_level=need_level, need=need)
    return rows[0]["hits"], rows[0]["met"], rows[0]["kinds"]


def most_active(graph: Graph, k: int) -> list[str]:
    return [r["id"] for r in graph.read(MOST_ACTIVE, k=k)]


def lexical_matches(graph: Graph, lucene: str, k: int, exclude: Sequence[str] = (),
                    exclude_work: Sequence[str] = ()) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(rows of the organisations whose own words match, the ``k`` partnerships whose words match
    best: id, score, size)."""
    with _through_index():
        rows = graph.read_at_once(LEXICAL, lucene=lucene, k=k, fetch=_fetch(k, exclude_work), exclude=list(exclude),
                                  exclude_work=list(exclude_work))
    return rows[0]["profiles"], rows[0]["hits"]


def members_of(graph: Graph, work_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Each partnership's members (``MEMBERS``), for partnerships the matcher has no copy of."""
    return graph.read_collected(MEMBERS_OF, ids=list(work_ids)) if work_ids else []


def co_work(graph: Graph, known: Sequence[str], vector: list[float] | None, model: str,
            exclude: Sequence[str] = (), exclude_work: Sequence[str] = ()) -> list[dict[str, Any]]:
    if not known:
        return []
    return graph.read_collected(CO_WORK, known=list(known), vector=vector, model=model, exclude=list(exclude),
                      exclude_work=list(exclude_work))


def met_together(graph: Graph, organisation: str, exclude_work: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(organisation, need) for each need ``organisation`` met together with another of the pool
    (``MET_TOGETHER``), the most recently met first."""
    rows = graph.read_collected(MET_TOGETHER, organisation=organisation, exclude_work=list(exclude_work))
    return [(oid, need_id) for oid, need_id in rows]


def known_organisations(graph: Graph, known: Sequence[str], exclude_work: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The known partners of a partner search (id, name, partnerships, country, place): one
    auto-commit read, as the matcher's other reads of a request (``Graph.read_at_once``)."""
    return graph.read_at_once(KNOWN, known=list(known), exclude_work=list(exclude_work)) if known else []


def facts(graph: Graph, ids: Sequence[str], vector: list[float] | None, model: str,
          exclude_work: Sequence[str] = (),
          similarities: dict[str, float] | None = None, programme: str | None = None,
          need: str | None = None) -> list[dict[str, Any]]:
    """``similarities``: cosines already known (from the profile vector index, the matcher's
    copy of the vectors): given back as they are, neither sent to the server nor computed again
    (reading a stored vector is the costliest part of this query; sending and reading back a few
    hundred known cosines took a few milliseconds). ``programme``: the query's programme family;
    each candidate's partnerships whose family holds it as a run of whole words are counted
    ("bando-welfare" is in "regione-puglia-bando-welfare"; "welfar" is in none). ``need``: the
    need being matched, whose own suggestions are not counted among those each candidate was
    made and answered."""
    known = similarities or {}
    compute = [oid for oid in ids if oid not in known]
    rows = graph.read_collected(FACTS, ids=list(ids), vector=vector if compute else None, model=model,
                                exclude_work=list(exclude_work), compute=compute, programme=programme, need=need)
    for row in rows:
        if row["id"] in known:
            row["text_similarity"] = known[row["id"]]
    return rows


def neighbourhood(graph: Graph, activities: Sequence[str], areas: Sequence[str], vector: list[float] | None,
                  model: str, exclude: Sequence[str] = (), k: int = 100) -> list[dict[str, Any]]:
    """The ``k`` organisations of the pool working on one of the activities in one of the areas
    closest to ``vector`` (id, cosine; when there is no vector, or an organisation has none of
    ``model``, its cosine is None and it comes after the others)."""
    return graph.read_collected(NEIGHBOURHOOD, activities=list(activities), areas=list(areas), vector=vector,
                                model=model, exclude=list(exclude), k=k)


def neighbourhood_ids(graph: Graph, activities: Sequence[str], areas: Sequence[str],
                      exclude: Sequence[str] = ()) -> list[str]:
    """Every organisation of the pool working on one of the activities in one of the areas (the
    organisations ``neighbourhood`` ranks)."""
    return graph.read_collected(NEIGHBOURHOOD_IDS, activities=list(activities), areas=list(areas),
                                exclude=list(exclude))


def organisations_in(graph: Graph, areas: Sequence[str], exclude: Sequence[str] = (), verified: bool = False,
                     runts: bool = False) -> list[str]:
    """Every organisation of the pool based or working in one of the areas, or below them; only
    the verified ones with ``verified``, only those enrolled in the RUNTS with ``runts``."""
    return graph.read_collected(_area_organisations(verified, runts), areas=list(areas), exclude=list(exclude))


def count_eligible(graph: Graph, areas: Sequence[str] | None, exclude: Sequence[str] = (), verified: bool = False,
                   runts: bool = False) -> int:
    """How many organisations of the pool are based or working in one of ``areas`` (None: anywhere),
    verified with ``verified``, enrolled in the RUNTS with ``runts``: those a need's requirements
    of who helps admit."""
    if areas is not None:
        cypher = _area_organisations(verified, runts, returns="count(o) AS n")
    else:
        cypher = f"MATCH (o:Organisation) WHERE {' AND '.join(_admitted(verified, runts))} RETURN count(o) AS n"
    return graph.read(cypher, areas=list(areas or ()), exclude=list(exclude))[0]["n"]


def organisations_of(graph: Graph, kind: str | None, activity: str | None, exclude: Sequence[str] = (),
                     limit: int | None = None, verified: bool = False, runts: bool = False) -> list[str]:
    """Every organisation of the pool of ``kind`` carrying out ``activity`` (None: any; not all
    four), only the verified ones with ``verified``, only those enrolled in the RUNTS with
    ``runts``; or any ``limit`` of them."""
    cypher = _organisations_of(bool(activity), bool(kind), verified, runts)
    return graph.read_collected(cypher, kind=kind, activity=activity, exclude=list(exclude),
                                limit=limit if limit is not None else 2**62)


def cosines(graph: Graph, ids: Sequence[str], vector: list[float], model: str) -> dict[str, float]:
    """id → cosine between its stored vector of ``model`` and ``vector`` (ids without one are left
    out)."""
    if not ids:
        return {}
    return {r["id"]: r["similarity"] for r in graph.read_collected(COSINES, ids=list(ids), vector=vector, model=model)}


def reason_evidence(graph: Graph, ids: Sequence[str],
                    organisations: Sequence[str] = ()) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """(id → {kind ("partnership" or "need"), title, year (a partnership's start, the year a need
    was met; None for a need not met, or when unknown)} of the past work named in reasons (ids
    not found, and draft needs, left out); id → name of the ``organisations`` they name (deleted
    ones left out)), in one read."""
    if not ids and not organisations:
        return {}, {}
    row = graph.read_at_once(REASON_EVIDENCE, ids=sorted(set(ids)), organisations=sorted(set(organisations)))[0]
    return {r["id"]: r for r in row["rows"]}, dict(row["names"])


def vectors_of(graph: Graph, ids: Sequence[str], model: str) -> dict[str, list[float]]:
    """id → its stored profile vector of ``model`` (ids without one are left out)."""
    if not ids:
        return {}
    return {r["id"]: r["vector"] for r in graph.read_collected(VECTORS_OF, ids=list(ids), model=model)}


def organisation_vectors(graph: Graph, model: str, after: str = "", limit: int = 2000,
                         since: str | None = None) -> list[dict[str, Any]]:
    """A page of the organisations' vectors of ``model`` ({id, vector}), by id after ``after``;
    with ``since`` (an ISO datetime of the server's clock), only those stored at or after it."""
    if since is None:
        return graph.read_collected(ORGANISATION_VECTORS, model=model, after=after, limit=limit)
    return graph.read_collected(VECTORS_SINCE, model=model, after=after, limit=limit, since=since)


def server_time(graph: Graph) -> str:
    return graph.read(SERVER_TIME)[0]["now"]


def vectors_stamp(graph: Graph) -> int | None:
    """Changes whenever organisations' vectors are stored."""
    return graph.read(VECTORS_STAMP)[0]["revision"]


def text_vectors_stamp(graph: Graph) -> int | None:
    """Changes whenever vectors of needs or partnerships are stored."""
    return graph.read(TEXT_VECTORS_STAMP)[0]["revision"]


def text_vectors(graph: Graph, label: str, model: str, limit: int) -> list[list[float]]:
    """The vectors of ``model`` of ``limit`` needs or partnerships (``label``), spread evenly over
    their order by id: the i-th of ``limit`` is the (i × n // limit)-th of the n there are."""
    return [row["vector"] for row in graph.read(TEXT_VECTORS[label], model=model, limit=limit)]


# ----------------------------------------------------------------------------- embeddings

# When what a need asks last changed (older needs: their last change of any kind); a change of
# its status alone neither re-embeds it nor makes its suggestions due.
NEED_EDITED = "coalesce(n.edited_at, n.updated_at)"

# What each kind of node is embedded from. Organisations: their own words plus their past work
# (see the service); needs: what is needed and for whom; partnerships: title and description.
NEED_TEXTS = f"""
MATCH (n:Need)
WHERE ($ids IS NULL OR n.id IN $ids)
  AND ($all OR n.embedding IS NULL OR n.embedding_model <> $model OR n.embedded_at < {NEED_EDITED})
WITH n ORDER BY n.id SKIP $skip LIMIT $limit
RETURN n.id AS id, n.title AS title, n.description AS description, n.beneficiaries AS beneficiaries
"""

PARTNERSHIP_TEXTS = """
MATCH (p:Partnership)
WHERE ($ids IS NULL OR p.id IN $ids)
  AND ($all OR p.embedding IS NULL OR p.embedding_model <> $model OR p.embedded_at < p.text_changed_at)
WITH p ORDER BY p.id SKIP $skip LIMIT $limit
RETURN p.id AS id, p.title AS title, p.description AS description, p.theme AS theme
"""

ORGANISATION_TEXTS = """
MATCH (o:Organisation)
WHERE ($ids IS NULL OR o.id IN $ids)
  AND ($all OR o.embedding IS NULL OR o.embedding_model <> $model OR o.embedded_at < o.updated_at
       OR o.embedded_at < o.work_changed_at)
WITH o ORDER BY o.id SKIP $skip LIMIT $limit
RETURN o.id AS id, o.name AS name, o.description AS description,
       COLLECT { MATCH (o)-[:OPERATES_IN]->(a:Activity) RETURN coalesce(a.short, a.label, a.code) } AS activities,
       COLLECT { MATCH (o)-[:HAS_COMPETENCY]->(c:Competency) RETURN coalesce(c.label, c.id) } AS competencies,
       COLLECT { MATCH (o)-[:PARTNER_IN]->(p:Partnership) WHERE p.embedding_model = $model
                 RETURN p.embedding } AS work
"""

# One statement per label (labels cannot be parameters); rows: {id, vector, weight}. Vectors are
# stored as 32-bit floats (setNodeVectorProperty): half the bytes of a list set with SET, and
# reading them back is what comparing a candidate with the query costs.
SET_BY_LABEL = {
    label: f"""
UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})
CALL db.create.setNodeVectorProperty(n, 'embedding', row.vector)
SET n.embedding_model = $model, n.embedded_at = datetime(), n.embedding_weight = row.weight
"""
    for label in ("Need", "Partnership", "Organisation")
}
# the matcher's copy of the organisations' vectors (mentore/matcher/vectors.py) is read again when
# this changes
SET_BY_LABEL["Organisation"] += keep_pool_label("n") + """WITH count(*) AS stored
MERGE (v:Revision {name: 'organisation_vectors'})
SET v.value = coalesce(v.value, 0) + 1
"""

VECTORS_STAMP = "OPTIONAL MATCH (v:Revision {name: 'organisation_vectors'}) RETURN v.value AS revision"

# the matcher's background of past work and needs (mentore/matcher/vectors.py: Background) is read
# again when this changes
for _label in ("Need", "Partnership"):
    SET_BY_LABEL[_label] += """WITH count(*) AS stored
MERGE (v:Revision {name: 'text_vectors'})
SET v.value = coalesce(v.value, 0) + 1
"""

TEXT_VECTORS_STAMP = "OPTIONAL MATCH (v:Revision {name: 'text_vectors'}) RETURN v.value AS revision"

# A sample of the vectors of ``model`` of a label: $limit of them spread evenly over their order
# by id (all of them when there are no more), not the first $limit: ids given in order of time (the
# projects of an import) would make the sample the oldest, or the newest, work.
TEXT_VECTORS = {
    label: f"""
MATCH (n:{label})
WHERE n.embedding_model = $model
WITH n ORDER BY n.id
WITH collect(n) AS nodes
WITH nodes, size(nodes) AS total, CASE WHEN size(nodes) < $limit THEN size(nodes) ELSE $limit END AS taken
UNWIND range(0, taken - 1) AS i
RETURN nodes[i * total / taken].embedding AS vector
"""
    for label in ("Need", "Partnership")
}

ORGANISATION_VECTORS = """
MATCH (o:Organisation)
WHERE o.id > $after AND o.embedding_model = $model
WITH o ORDER BY o.id LIMIT $limit
RETURN collect({id: o.id, vector: o.embedding}) AS rows
"""

VECTORS_SINCE = """
MATCH (o:Organisation)
WHERE o.embedded_at >= datetime($since) AND o.id > $after AND o.embedding_model = $model
WITH o ORDER BY o.id LIMIT $limit
RETURN collect({id: o.id, vector: o.embedding}) AS rows
"""

SERVER_TIME = "RETURN toString(datetime()) AS now"

COSINES = """
UNWIND $ids AS cid
MATCH (o:Organisation {id: cid})
WHERE o.embedding_model = $model
RETURN collect({id: o.id, similarity: 2 * vector.similarity.cosine(o.embedding, $vector) - 1}) AS rows
"""

# What reasons name as evidence: past work (partnerships, and needs met that are not drafts) and
# the organisations a link in a poster's network goes through.
REASON_EVIDENCE = """
CALL () {
  UNWIND $ids AS wid
  OPTIONAL MATCH (p:Partnership {id: wid})
  OPTIONAL MATCH (n:Need {id: wid}) WHERE n.status <> 'draft'
  WITH wid, p, n WHERE p IS NOT NULL OR n IS NOT NULL
  RETURN collect({id: wid, kind: CASE WHEN p IS NULL THEN 'need' ELSE 'partnership' END,
                  title: coalesce(p.title, n.title),
                  year: coalesce(p.start.year, CASE WHEN n.status = 'met' THEN n.status_changed_at.year END)}) AS rows
}
CALL () {
  UNWIND $organisations AS oid
  MATCH (o:Organisation {id: oid}) WHERE NOT coalesce(o.deleted, false)
  RETURN collect([o.id, o.name]) AS names
}
RETURN rows, names
"""

VECTORS_OF = """
UNWIND $ids AS oid
MATCH (o:Organisation {id: oid})
WHERE o.embedding_model = $model
RETURN collect({id: o.id, vector: o.embedding}) AS rows
"""

COUNT_STALE = {
    "Need": "MATCH (n:Need) WHERE $all OR n.embedding IS NULL OR n.embedding_model <> $model "
            f"OR n.embedded_at < {NEED_EDITED} RETURN count(n) AS n",
    "Partnership": "MATCH (n:Partnership) WHERE $all OR n.embedding IS NULL OR n.embedding_model <> $model "
                   "OR n.embedded_at < n.text_changed_at RETURN count(n) AS n",
    "Organisation": "MATCH (n:Organisation) WHERE $all OR n.embedding IS NULL OR n.embedding_model <> $model "
                    "OR n.embedded_at < n.updated_at OR n.embedded_at < n.work_changed_at RETURN count(n) AS n",
}
TEXTS = {"Need": NEED_TEXTS, "Partnership": PARTNERSHIP_TEXTS, "Organisation": ORGANISATION_TEXTS}


def count_to_embed(graph: Graph, label: str, model: str, everything: bool) -> int:
    return graph.read(COUNT_STALE[label], model=model, all=everything)[0]["n"]


def texts_to_embed(graph: Graph, label: str, model: str, everything: bool, skip: int, limit: int,
                   ids: Sequence[str] | None = None) -> list[dict]:
    return graph.read(TEXTS[label], model=model, all=everything, skip=skip, limit=limit,
                      ids=None if ids is None else list(ids))


def store_embeddings(graph: Graph, label: str, model: str, rows: Sequence[dict[str, Any]]) -> None:
    """rows: {id, vector (list of floats), weight (None, or the norm of the sum it came from)}.
    An organisation's vector is indexed with those of the pool when it is of it (POOL_LABEL)."""
    graph.write(SET_BY_LABEL[label], model=model, rows=list(rows))


def sync_pool_label(graph: Graph) -> int:
    """Label the organisations of the pool, and unlabel the others, where the label is not in
    step (graphs written before it existed); how many."""
    return graph.write(SYNC_POOL_LABEL)[0]["synced"]


# ----------------------------------------------------------------------------- suggestions

# A suggestion set aside: the poster declined it, or the organisation answered it cannot help (one
# not answered yet is not: true or false, never null).
SET_ASIDE = "(s.status = 'declined' OR coalesce(s.availability, '') = 'no')"
#: The condition on a suggestion (or offer) `s` of being in play: not set aside.
IN_PLAY = "(s.status <> 'declined' AND coalesce(s.availability, '') <> 'no')"
#: The condition on a need `n` of having nobody in play.
NOBODY_IN_PLAY = f"NOT EXISTS {{ (n)<-[:FOR]-(s:Suggestion) WHERE {IN_PLAY} }}"

# The need's write lock first (a property set and removed: the lock is held to the end of the
# transaction, and nothing stays): a refresh and an offer (OFFER) of the same need do not both
# create a suggestion for one organisation.
REPLACE_SUGGESTIONS = """
MATCH (n:Need {id: $need})
SET n._lock = true REMOVE n._lock
WITH n
CALL (n) {
  OPTIONAL MATCH (n)<-[:FOR]-(old)  // no label: expanded from the need (see graph/repositories/needs.py)
  WHERE old.status = 'proposed' AND old.answered_at IS NULL
    AND NOT EXISTS { (old)-[:PROPOSES]->(o:Organisation) WHERE o.id IN [row IN $rows | row.organisation] }
  DETACH DELETE old
}
CALL (n) {
  UNWIND $rows AS row
  MATCH (o:Organisation {id: row.organisation})
  OPTIONAL MATCH (n)<-[:FOR]-(kept:Suggestion)-[:PROPOSES]->(o)
  CALL (n, o, row, kept) {
    WITH n, o, row, kept WHERE kept IS NULL
    CREATE (s:Suggestion {id: row.id, status: 'proposed', created_at: datetime()})
    CREATE (s)-[:FOR]->(n)
    CREATE (s)-[:PROPOSES]->(o)
    SET s.rank = row.rank, s.score = row.score, s.reasons = row.reasons, s.ranker = $ranker,
        s.degraded = $degraded, s.features = row.features
  }
  CALL (kept, row) {
    WITH kept, row WHERE kept IS NOT NULL
    SET kept.rank = row.rank, kept.score = row.score, kept.reasons = row.reasons, kept.features = row.features
    WITH kept WHERE kept.status = 'proposed' AND kept.answered_at IS NULL
    SET kept.ranker = $ranker, kept.degraded = $degraded
  }
  RETURN collect(CASE WHEN kept IS NULL THEN o.id END) AS created
}
// the organisations suggested for the first time: their members are told once (told_organisations)
WITH n, [id IN created WHERE NOT id IN coalesce(n.told_organisations, [])] AS told
// set even when there is no candidate at all: the need was looked at; found_nobody_at: when it
// was, if it found nobody in play
SET n.suggested_at = datetime(), n.suggestions_degraded = $degraded, n.suggestions_note = $note,
    n.suggestions_stale = false, n.suggestions_method = $method,
    n.told_organisations = coalesce(n.told_organisations, []) + told,
    n.found_nobody_at = CASE WHEN """ + NOBODY_IN_PLAY + """ THEN datetime() END
RETURN n.id AS id, told
"""

# Suggestions found another way than $method (those stored before methods were recorded: 1).
OTHER_METHOD = "coalesce(n.suggestions_method, 1) <> $method"

# Needs whose suggestions are missing, older than the need, marked stale or found another way
# (all, or the one $need).
STALE_NEEDS = f"""
MATCH (n:Need)
WHERE ($need IS NULL OR n.id = $need) AND n.status IN $statuses
  AND ($all OR n.suggested_at IS NULL OR n.suggested_at < {NEED_EDITED} OR coalesce(n.suggestions_stale, false)
       OR {OTHER_METHOD})
RETURN n.id AS id ORDER BY n.created_at
"""

# The active needs on the activities of the organisation o, as rows (o, n): from each activity to
# the needs on it, for their places to be checked next; not the places of every active need
# first (the plan the planner prefers when the activities are a list).
_ON_ITS_ACTIVITIES = """\
  UNWIND coalesce(o.activity_codes, []) AS code
  CALL (code) {
    MATCH (:Activity {code: code})<-[:CONCERNS]-(n:ActiveNeed)
    RETURN n
  }
  WITH o, n
"""

# The active needs a changed organisation could enter or leave: those it is suggested for, those
# on its activities in its areas, and those closest to its profile.
NEEDS_NEAR_ORGANISATION = """
MATCH (o:Organisation {id: $organisation})
CALL (o) {
  MATCH (o)<-[:PROPOSES]-(:Suggestion)-[:FOR]->(n:Need) RETURN n
  UNION
""" + _ON_ITS_ACTIVITIES + """  WHERE EXISTS { (n)-[:IN]->(t:Territory) WHERE t.id IN coalesce(o.area_ids, []) }
  RETURN n
  UNION
  WITH o WHERE o.embedding IS NOT NULL
  CALL db.index.vector.queryNodes('active_need_embedding', $k, o.embedding) YIELD node AS n
  RETURN n
}
WITH DISTINCT n WHERE n.status IN $statuses
SET n.suggestions_stale = true
RETURN n.id AS id
"""

NEED_SUGGESTIONS = f"""
MATCH (n:Need {{id: $need}})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o:Organisation)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Territory)
RETURN s {{.id, .status, .rank, .score, .reasons, .decline_reason, .answer, .availability, .degraded, .ranker,
          offered: coalesce(s.offered, false), invited: coalesce(s.invited, false), .invitation,
          created_at: toString(s.created_at), decided_at: toString(s.decided_at),
          answered_at: toString(s.answered_at),
          organisation_id: o.id, organisation_name: o.name, organisation_kind: o.kind,
          organisation_verified: coalesce(o.verified, false), organisation_runts_section: o.runts_section,
          organisation_email: o.email, organisation_phone: o.phone, comune_name: c.name}} AS suggestion
ORDER BY CASE WHEN s.status = 'accepted' THEN 0 WHEN {SET_ASIDE} THEN 4
              WHEN s.status = 'contacted' THEN 1 WHEN s.availability IN ['yes', 'partly'] THEN 2 ELSE 3 END,
         s.rank, s.created_at
"""

# The organisations whose suggestion a refresh keeps whether ranked again or not (REPLACE_SUGGESTIONS
# replaces only those proposed and unanswered): those that offered to help unasked (OFFER), that
# answered, or that the poster accepted or contacted; not those set aside.
KEPT_ORGANISATIONS = f"""
MATCH (:Need {{id: $need}})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o:Organisation)
WHERE NOT {SET_ASIDE} AND (coalesce(s.offered, false) OR s.status <> 'proposed' OR s.answered_at IS NOT NULL)
RETURN o.id AS id ORDER BY o.id
"""

def _unless_suggested(props: str) -> str:
    """Cypher: a suggestion with ``props`` of the organisation $organisation for the active need
    $need, unless it has one already: {id, status, created (false: the one it had, unchanged),
    organisation_name}; no row when the need is not in $active. Under the need's write lock (a
    property set and removed, held to the end of the transaction), so that a refresh
    (REPLACE_SUGGESTIONS) and this do not both create one for the organisation. The need's
    suggestions are marked stale: the refresh gives the new one its reasons."""
    return f"""
MATCH (n:Need {{id: $need}}), (o:Organisation {{id: $organisation}})
WHERE n.status IN $active
SET n._lock = true REMOVE n._lock
WITH n, o
WHERE n.status IN $active  // again, under the lock: closed in the meantime, nothing is created
OPTIONAL MATCH (n)<-[:FOR]-(found:Suggestion)-[:PROPOSES]->(o)
CALL (n, o, found) {{
  WITH n, o, found WHERE found IS NULL
  CREATE (s:Suggestion {props})
  CREATE (s)-[:FOR]->(n)
  CREATE (s)-[:PROPOSES]->(o)
  SET n.suggestions_stale = true
  RETURN s
  UNION
  WITH found WHERE found IS NOT NULL
  RETURN found AS s
}}
RETURN s.id AS id, s.status AS status, s.id = $id AS created, o.name AS organisation_name
"""


# An organisation offers to help with an active need it was not suggested for: a suggestion of its
# own, already answered, that the poster decides on as any other.
OFFER = _unless_suggested("{id: $id, status: 'proposed', offered: true, created_at: datetime(), offered_by: $person, "
                          "answer: $answer, availability: $availability, answered_at: datetime(), "
                          "answered_by: $person}")

# The poster asks an organisation the matcher did not suggest whether it can help: a suggestion the
# poster wants to contact, already (invited).
INVITE = _unless_suggested("{id: $id, status: 'contacted', invited: true, created_at: datetime(), "
                           "invited_by: $person, decided_at: datetime(), decided_by: $person, invitation: $message}")

# The reasons, features and score of offers the matcher did not rank among the need's suggestions,
# found by ranking them with those (their answer and decision stay as they were).
# Kept suggestions (KEPT_ORGANISATIONS) the new list does not rank: their reasons of today, and no
# rank of their own, which would be another's in the new list.
RENEW_KEPT = """
UNWIND $rows AS row
MATCH (:Need {id: $need})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(:Organisation {id: row.organisation})
SET s.reasons = row.reasons, s.features = row.features, s.score = row.score, s.rank = null
RETURN count(s) AS renewed
"""

# Organisations set aside for the need: the poster declined them, or they answered that they
# cannot help. A refresh suggests others in their place.
SET_ASIDE_ORGANISATIONS = f"""
MATCH (:Need {{id: $need}})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o:Organisation)
WHERE {SET_ASIDE}
RETURN o.id AS id ORDER BY o.id
"""

# stale: a refresh of the suggestions is due (the need was saved, an organisation was declined, a
# profile nearby changed); the refresh clears it. waiting: the last refresh found nobody in play,
# and since then neither the poster changed the need nor anyone offered to help.
NEED_SUGGESTION_STATE = f"""
MATCH (n:Need {{id: $need}})
RETURN toString(n.suggested_at) AS suggested_at, n.suggestions_degraded AS degraded,
       n.suggestions_note AS note,
       coalesce(n.suggestions_stale, false) OR (n.suggested_at IS NOT NULL AND {OTHER_METHOD}) AS stale,
       coalesce(n.suggestions_method, 1) AS method,
       n.found_nobody_at IS NOT NULL AND {NEED_EDITED} <= n.found_nobody_at AND {NOBODY_IN_PLAY} AS waiting
"""

# The reasons of the organisations set aside, renewed
RENEW_SET_ASIDE_REASONS = f"""
UNWIND $rows AS row
MATCH (:Need {{id: $need}})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(:Organisation {{id: row.organisation}})
WHERE {SET_ASIDE}
SET s.reasons = row.reasons
RETURN count(s) AS renewed
"""

FIND_SUGGESTION = """
MATCH (n:Need)<-[:FOR]-(s:Suggestion {id: $id})-[:PROPOSES]->(o:Organisation)
MATCH (poster:Organisation)-[:POSTED]->(n)
RETURN s {.id, .status, .reasons, .answer, .availability, .decline_reason, offered: coalesce(s.offered, false),
          invited: coalesce(s.invited, false),
          need_id: n.id, need_status: n.status, need_title: n.title,
          organisation_id: o.id, organisation_name: o.name, poster_id: poster.id, poster_name: poster.name}
       AS suggestion
"""

# A decline also marks the need's suggestions stale, in the same write: another organisation is to
# be proposed in its place (a restart before the refresh loses nothing).
DECIDE = """
MATCH (s:Suggestion {id: $id})
WHERE s.status = $current
SET s.status = $status, s.decided_at = datetime(), s.decline_reason = $reason, s.decided_by = $person
WITH s
CALL (s) {
  WITH s WHERE s.status = 'declined'
  MATCH (s)-[:FOR]->(n:Need)
  SET n.suggestions_stale = true
}
RETURN s.id AS id
"""

# An organisation's possible partners, as the matcher ranked them from its profile (a JSON list of
# {organisation, score, reasons}), the territory they were sought in and the way they were found
# ($method); read with whether they are due again: never computed, found another way, the
# organisation changed since (its profile or its partnerships), or older than $max_age_days (the
# others change too).
STORE_ORGANISATION_PARTNERS = """
MATCH (o:Organisation {id: $organisation})
SET o.partner_suggestions = $items, o.partners_suggested_at = datetime(), o.partners_degraded = $degraded,
    o.partners_area = $area, o.partners_method = $method
RETURN o.id AS id
"""

_PARTNERS_DUE = """(at IS NULL OR coalesce(o.partners_method, 1) <> $method OR at < coalesce(o.updated_at, at)
       OR at < coalesce(o.work_changed_at, at) OR at < datetime() - duration({days: $max_age_days}))"""

ORGANISATION_PARTNERS = f"""
MATCH (o:Organisation {{id: $organisation}})
WITH o, o.partners_suggested_at AS at
RETURN o.name AS name, o.partner_suggestions AS items, toString(at) AS suggested_at,
       coalesce(o.partners_degraded, false) AS degraded, o.partners_area AS area,
       {_PARTNERS_DUE} AS due
"""

ORGANISATIONS_WITH_PARTNERS_DUE = f"""
MATCH (o:Organisation)
WITH o, o.partners_suggested_at AS at
WHERE $all OR {_PARTNERS_DUE}
RETURN o.id AS id ORDER BY id
"""

# The organisations that already worked with this one: in a partnership of the graph, or meeting a
# need (one helped the other: _MET_TOGETHER_BRANCHES).
CO_PARTNERS = """
MATCH (me:Organisation {id: $organisation})
CALL (me) {
  MATCH (me)-[:PARTNER_IN]->(:Partnership)<-[:PARTNER_IN]-(o:Organisation)
  RETURN null AS n, o
  UNION""" + _MET_TOGETHER_BRANCHES + """}
WITH me, o WHERE o <> me
RETURN DISTINCT o.id AS id ORDER BY id
"""

# An answer that says the organisation cannot help marks the need's suggestions stale, in the same
# write: another organisation is to be proposed in its place, as after a decline. An organisation
# the poster chose (accepted) that answers "no" leaves a matched need with nobody on it unless
# another chosen one can still help: the need goes back to open; one that takes its "no" back
# brings an open need back to matched. Returns the need's status before and after.
ANSWER = """
MATCH (s:Suggestion {id: $id})-[:FOR]->(n:Need)
WITH s, n, coalesce(s.availability, '') AS before, n.status AS was
SET s.answer = $answer, s.availability = $availability, s.answered_at = datetime(), s.answered_by = $person
FOREACH (_ IN CASE WHEN $availability = 'no' THEN [1] ELSE [] END | SET n.suggestions_stale = true)
WITH s, n, was, s.status = 'accepted' AND (before = 'no') <> ($availability = 'no') AS turned,
     EXISTS { (n)<-[:FOR]-(a) WHERE """ + still_chosen("a") + """ } AS helped
WITH s, n, was, CASE WHEN turned AND was = 'matched' AND NOT helped THEN 'open'
                     WHEN turned AND was = 'open' AND helped THEN 'matched' END AS target
FOREACH (_ IN CASE WHEN target IS NULL THEN [] ELSE [1] END |
  SET n.status = target, n.status_changed_at = datetime(), n.updated_at = datetime())
RETURN s.id AS id, was, n.status AS now
"""

# Active needs an organisation could answer unasked: the closest to its profile's vector, and those
# on its activities in its areas (the region of its seat included); neither its own nor one it was
# suggested for or offered to help with. Each with the cosine of the two vectors (null without one
# of the current model), what its reasons are read from, and its requirements of who helps (the
# service leaves out those the organisation does not meet: matching.need_eligibility). $k:
# candidates of each source.
NEEDS_NEAR = """
MATCH (o:Organisation {id: $organisation})
CALL (o) {
  WITH o WHERE o.embedding IS NOT NULL AND o.embedding_model = $model
  CALL db.index.vector.queryNodes('active_need_embedding', $k, o.embedding) YIELD node AS n
  RETURN n
  UNION
""" + _ON_ITS_ACTIVITIES + """  WHERE n.status IN $active
    AND EXISTS { (n)-[:IN]->(:Territory)-[:PART_OF*0..2]->(t:Territory) WHERE t.id IN coalesce(o.area_ids, []) }
  WITH n ORDER BY n.created_at DESC LIMIT $k
  RETURN n
}
WITH o, n
WHERE n.status IN $active AND NOT EXISTS { (o)-[:POSTED]->(n) }
  AND NOT EXISTS { (n)<-[:FOR]-(:Suggestion)-[:PROPOSES]->(o) }
MATCH (poster:Organisation)-[:POSTED]->(n)
OPTIONAL MATCH (n)-[:IN]->(t:Territory)
RETURN n {.id, .title, .status, .help_kind, in_person: coalesce(n.in_person, false),
          only_verified: coalesce(n.only_verified, false), only_runts: coalesce(n.only_runts, false),
          .helpers_within, summary: left(coalesce(n.description, ''), 240), deadline: toString(n.deadline),
          territory: t.id, territory_name: t.name, poster_id: poster.id, poster_name: poster.name,
          activity: head(COLLECT { MATCH (n)-[:CONCERNS]->(a:Activity) RETURN a.code ORDER BY a.code }),
          competencies: COLLECT { MATCH (n)-[:REQUIRES]->(c:Competency) RETURN c.id ORDER BY c.id },
          similarity: CASE WHEN o.embedding IS NULL OR n.embedding IS NULL OR o.embedding_model <> $model
                                OR n.embedding_model <> $model THEN null
                           ELSE 2 * vector.similarity.cosine(o.embedding, n.embedding) - 1 END} AS need
"""

# The organisation's own facts the reasons of NEEDS_NEAR are read against.
ORGANISATION_REACH = """
MATCH (o:Organisation {id: $organisation})
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Territory)
RETURN o.name AS name, c.id AS comune, o.province_id AS province, o.region_id AS region,
       coalesce(o.area_ids, []) AS areas, coalesce(o.activity_codes, []) AS activities,
       coalesce(o.competency_ids, []) AS competencies, o.embedding IS NOT NULL AND o.embedding_model = $model AS vector,
       coalesce(o.verified, false) AS verified, coalesce(o.runts_section, '') <> '' AS runts
"""

# The inbox's order: the accepted, the organisations the poster wants to contact, then the
# newest; the id settles ties, so that a suggestion is on one page only.
_INBOX_ORDER = "CASE s.status WHEN 'accepted' THEN 0 WHEN 'contacted' THEN 1 ELSE 2 END, s.created_at DESC, s.id"
# What the inbox lists of an organisation's suggestions: those of published needs it was not
# declined for; with $waiting, only those waiting for its answer on active needs; with $requests,
# only the requests for help the posters sent it (invite).
_INBOX_MATCH = """
MATCH (o:Organisation {id: $organisation})<-[:PROPOSES]-(s:Suggestion)-[:FOR]->(n:Need)<-[:POSTED]-(poster:Organisation)
WHERE n.status <> 'draft' AND s.status <> 'declined'
  AND (NOT $waiting OR (s.answered_at IS NULL AND n.status IN $active))
  AND (NOT $requests OR coalesce(s.invited, false))
"""

INBOX = _INBOX_MATCH + """
OPTIONAL MATCH (n)-[:IN]->(t:Territory)
RETURN s {.id, .status, .rank, .reasons, .answer, .availability, offered: coalesce(s.offered, false),
          invited: coalesce(s.invited, false), .invitation,
          helped: coalesce(s.helped, false), answered_at: toString(s.answered_at),
          created_at: toString(s.created_at), need_id: n.id, need_title: n.title, need_status: n.status,
          deadline: toString(n.deadline), territory_name: t.name, poster_id: poster.id,
          poster_name: poster.name} AS suggestion
ORDER BY """ + _INBOX_ORDER + """
SKIP $skip LIMIT $limit
"""

# Where a suggestion stands in the inbox (0 first; null when the inbox does not list it).
INBOX_POSITION = _INBOX_MATCH + """
WITH s ORDER BY """ + _INBOX_ORDER + """
WITH collect(s.id) AS ids
RETURN [i IN range(0, size(ids) - 1) WHERE ids[i] = $suggestion][0] AS position
"""

INBOX_COUNT = """
MATCH (o:Organisation {id: $organisation})<-[:PROPOSES]-(s:Suggestion)-[:FOR]->(n:Need)
WHERE n.status <> 'draft' AND s.status <> 'declined'
RETURN count(s) AS total, count(CASE WHEN s.answered_at IS NULL AND n.status IN $active THEN 1 END) AS waiting,
       count(CASE WHEN coalesce(s.invited, false) THEN 1 END) AS requests
"""


def replace_suggestions(graph: Graph, need_id: str, rows: Sequence[dict[str, Any]], ranker: str,
                        degraded: bool, note: str | None, method: int) -> list[str]:
    """Replace the need's unanswered proposals with ``rows`` (one transaction); suggestions that
    were accepted, declined, contacted or answered are kept, with their new rank. A proposal whose
    organisation is ranked again is updated in place, so that its id, the one on the poster's
    page, stays valid across a refresh (a decline refreshes while the poster goes on deciding).
    Returns the organisations suggested for the need for the first time (recorded as told)."""
    clean = _encoded(rows)
    done = graph.write(REPLACE_SUGGESTIONS, need=need_id, rows=clean, ranker=ranker, degraded=degraded, note=note,
                       method=method)
    return list(done[0]["told"]) if done else []


def _encoded(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows to write, their ``reasons`` (a list) as the JSON text stored (``_decoded`` reads it)."""
    return [{**r, "reasons": json.dumps(r["reasons"], ensure_ascii=False)} for r in rows]


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["reasons"] = json.loads(row["reasons"]) if row.get("reasons") else []
    return row


def stale_needs(graph: Graph, statuses: Sequence[str], everything: bool, method: int,
                need_id: str | None = None) -> list[str]:
    """Needs in ``statuses`` whose suggestions are due (or all of them): missing, older than the
    need, marked stale, or found another way than ``method``."""
    return [r["id"] for r in graph.read(STALE_NEEDS, statuses=list(statuses), all=everything, method=method,
                                        need=need_id)]


def mark_needs_near(graph: Graph, organisation_id: str, statuses: Sequence[str], k: int = 50) -> list[str]:
    """Mark stale (and return) the active needs whose suggestions a profile change may alter."""
    try:
        rows = graph.write(NEEDS_NEAR_ORGANISATION, organisation=organisation_id, statuses=list(statuses), k=k)
    except Neo4jError as exc:
        raise IndexUnavailable(str(exc)) from exc
    return [r["id"] for r in rows]


def need_suggestions(graph: Graph, need_id: str) -> list[dict[str, Any]]:
    return [_decoded(r["suggestion"]) for r in graph.read(NEED_SUGGESTIONS, need=need_id)]


def set_aside_organisations(graph: Graph, need_id: str) -> list[str]:
    return [r["id"] for r in graph.read(SET_ASIDE_ORGANISATIONS, need=need_id)]


def need_suggestion_state(graph: Graph, need_id: str, method: int) -> dict[str, Any]:
    """{suggested_at, degraded, note, stale, method}: stale also when they were found another way
    than ``method``; method: the way they were found (1 when stored before methods were)."""
    rows = graph.read(NEED_SUGGESTION_STATE, need=need_id, method=method)
    return rows[0] if rows else {}


def renew_set_aside_reasons(graph: Graph, need_id: str, reasons: dict[str, list[dict[str, Any]]]) -> int:
    """The reasons of the need's suggestions set aside, by organisation (their decision, answer
    and features stay as they were); how many were renewed."""
    rows = [{"organisation": o, "reasons": json.dumps(r, ensure_ascii=False)} for o, r in reasons.items()]
    return graph.write(RENEW_SET_ASIDE_REASONS, need=need_id, rows=rows)[0]["renewed"] if rows else 0


def kept_organisations(graph: Graph, need_id: str) -> list[str]:
    return [r["id"] for r in graph.read(KEPT_ORGANISATIONS, need=need_id)]


def offer(graph: Graph, suggestion_id: str, need_id: str, organisation_id: str, text: str, availability: str,
          person: str, active: Sequence[str]) -> dict[str, Any] | None:
    """The organisation's offer to help with the need, in one transaction, as the suggestion
    ``suggestion_id``: {id, status, created, organisation_name}, where created is false when the
    organisation already had a suggestion for the need (that one is returned, unchanged); None
    when the need is gone or not in ``active``."""
    rows = graph.write(OFFER, need=need_id, organisation=organisation_id, id=suggestion_id, answer=text,
                       availability=availability, person=person, active=list(active))
    return rows[0] if rows else None


INVITED_COUNT = "MATCH (:Need {id: $need})<-[:FOR]-(s:Suggestion {invited: true}) RETURN count(s) AS n"


def invited_count(graph: Graph, need_id: str) -> int:
    """How many organisations the need's poster asked of their own accord (INVITE)."""
    return graph.read(INVITED_COUNT, need=need_id)[0]["n"]


def invite(graph: Graph, suggestion_id: str, need_id: str, organisation_id: str, message: str,
           person: str, active: Sequence[str]) -> dict[str, Any] | None:
    """The poster's question to an organisation, in one transaction, as the suggestion
    ``suggestion_id``: {id, status, created, organisation_name}, as ``offer`` returns it."""
    rows = graph.write(INVITE, need=need_id, organisation=organisation_id, id=suggestion_id, message=message or None,
                       person=person, active=list(active))
    return rows[0] if rows else None


def renew_kept(graph: Graph, need_id: str, rows: Sequence[dict[str, Any]]) -> int:
    """rows: {organisation, reasons (a list), features, score} of the need's kept suggestions
    (``kept_organisations``) that the new list does not rank; how many were renewed."""
    clean = _encoded(rows)
    return graph.write(RENEW_KEPT, need=need_id, rows=clean)[0]["renewed"] if clean else 0


def find_suggestion(graph: Graph, suggestion_id: str) -> dict[str, Any] | None:
    rows = graph.read(FIND_SUGGESTION, id=suggestion_id)
    return _decoded(rows[0]["suggestion"]) if rows else None


def decide(graph: Graph, suggestion_id: str, current: str, status: str, reason: str | None, person: str) -> bool:
    return bool(graph.write(DECIDE, id=suggestion_id, current=current, status=status, reason=reason, person=person))


def store_organisation_partners(graph: Graph, organisation_id: str, items: Sequence[dict[str, Any]],
                                degraded: bool, area: str | None, method: int) -> None:
    """items: {organisation, score, reasons (a list)}, best first; area: where they were sought;
    method: the way they were found (another one makes them due)."""
    graph.write(STORE_ORGANISATION_PARTNERS, organisation=organisation_id, items=json.dumps(list(items)),
                degraded=degraded, area=area, method=method)


def organisation_partners(graph: Graph, organisation_id: str, max_age_days: int,
                          method: int) -> dict[str, Any] | None:
    """{name (the organisation's), items (decoded), suggested_at, degraded, area, due}; None when
    the organisation is gone."""
    rows = graph.read(ORGANISATION_PARTNERS, organisation=organisation_id, max_age_days=max_age_days, method=method)
    if not rows:
        return None
    return {**rows[0], "items": json.loads(rows[0]["items"]) if rows[0]["items"] else []}


def organisations_with_partners_due(graph: Graph, max_age_days: int, method: int,
                                    everything: bool = False) -> list[str]:
    return [r["id"] for r in graph.read(ORGANISATIONS_WITH_PARTNERS_DUE, max_age_days=max_age_days, method=method,
                                        all=everything)]


def co_partners(graph: Graph, organisation_id: str) -> list[str]:
    """The organisations that already worked with this one (``CO_PARTNERS``), by id."""
    return [r["id"] for r in graph.read(CO_PARTNERS, organisation=organisation_id)]


def answer(graph: Graph, suggestion_id: str, text: str, availability: str, person: str) -> dict[str, Any] | None:
    """Store the answer (ANSWER): {id, was, now}, the need's status before and after it; None
    when the suggestion is gone."""
    rows = graph.write(ANSWER, id=suggestion_id, answer=text, availability=availability, person=person)
    return rows[0] if rows else None


def needs_near(graph: Graph, organisation_id: str, model: str, active: Sequence[str],
               k: int) -> list[dict[str, Any]]:
    """The active needs an organisation could answer unasked (NEEDS_NEAR), unordered."""
    try:
        rows = graph.read(NEEDS_NEAR, organisation=organisation_id, model=model, active=list(active), k=k)
    except Neo4jError as exc:
        raise IndexUnavailable(str(exc)) from exc
    return [r["need"] for r in rows]


def organisation_reach(graph: Graph, organisation_id: str, model: str) -> dict[str, Any] | None:
    rows = graph.read(ORGANISATION_REACH, organisation=organisation_id, model=model)
    return rows[0] if rows else None


def inbox(graph: Graph, organisation_id: str, skip: int, limit: int, active: Sequence[str],
          waiting: bool = False, requests: bool = False) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """({total, waiting, requests}: how many needs the organisation was suggested for, how many
    of them wait for its answer, for how many a poster asked it; the page of them, or of the
    waiting ones only, or of the requests only)."""
    counts = graph.read(INBOX_COUNT, organisation=organisation_id, active=list(active))[0]
    rows = graph.read(INBOX, organisation=organisation_id, skip=skip, limit=limit, active=list(active),
                      waiting=waiting, requests=requests)
    return counts, [_decoded(r["suggestion"]) for r in rows]


def inbox_position(graph: Graph, organisation_id: str, suggestion_id: str, active: Sequence[str]) -> int | None:
    """Where the suggestion stands in the organisation's whole inbox (0: first); None when it is
    not there (declined, of a draft, of another organisation, unknown)."""
    rows = graph.read(INBOX_POSITION, organisation=organisation_id, suggestion=suggestion_id, active=list(active),
                      waiting=False, requests=False)
    return rows[0]["position"] if rows else None


# Answers that say the organisation can help (in full or in part: offers too), on active needs,
# still waiting for the poster's decision since before the instant $before, of which the poster
# was not yet reminded: by need, the suggestions and the organisations' names.
WAITING_FOR_DECISION = """
MATCH (o:Organisation)-[:POSTED]->(n:Need)<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(so:Organisation)
WHERE n.status IN $active AND s.status = 'proposed' AND s.availability IN ['yes', 'partly']
  AND s.answered_at < datetime($before)
  AND s.waiting_reminded_at IS NULL
WITH o, n, s, so ORDER BY s.answered_at
RETURN n.id AS need, n.title AS title, o.id AS poster, collect(s.id) AS suggestions, collect(so.name) AS names
ORDER BY need
"""

MARK_WAITING_REMINDED = marked_now("Suggestion", "waiting_reminded_at")


# Requests for help (organisations the poster asked of their own accord) on active needs, made
# before the instant $before, neither answered nor decided since, of which nobody was reminded:
# one row each, the oldest first.
REQUESTS_UNANSWERED = """
MATCH (poster:Organisation)-[:POSTED]->(n:Need)<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o:Organisation)
WHERE n.status IN $active AND coalesce(s.invited, false) AND s.status = 'contacted' AND s.answered_at IS NULL
  AND s.created_at < datetime($before) AND s.request_reminded_at IS NULL
RETURN s.id AS suggestion, n.id AS need, n.title AS title, poster.id AS poster, poster.name AS poster_name,
       o.id AS organisation, o.name AS name, s.invitation AS invitation, toString(s.created_at) AS asked_at
ORDER BY s.created_at, s.id
"""

MARK_REQUESTS_REMINDED = marked_now("Suggestion", "request_reminded_at")


def waiting_for_decision(graph: Graph, active: Sequence[str], before: str) -> list[dict[str, Any]]:
    return graph.read(WAITING_FOR_DECISION, active=list(active), before=before)


def mark_waiting_reminded(graph: Graph, suggestion_ids: Sequence[str]) -> None:
    graph.write(MARK_WAITING_REMINDED, ids=list(suggestion_ids))


def requests_unanswered(graph: Graph, active: Sequence[str], before: str) -> list[dict[str, Any]]:
    return graph.read(REQUESTS_UNANSWERED, active=list(active), before=before)


def mark_requests_reminded(graph: Graph, suggestion_ids: Sequence[str]) -> None:
    graph.write(MARK_REQUESTS_REMINDED, ids=list(suggestion_ids))


# ----------------------------------------------------------------------------- training data

# The answers to need suggestions, with the features each had when last ranked; not those ranked
# again once chosen before suggestions method 5, whose features counted the need itself as the
# organisation's past work (their reasons name it: mentore/services/suggestions.py), nor the
# requests for help the poster took back ($unsaid: the reason they are declined with), which say
# nothing of the organisation.
FEEDBACK = """
MATCH (n:Need)<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o:Organisation)
WHERE (s.status IN ['accepted', 'declined'] OR s.availability IS NOT NULL OR s.helped) AND s.features IS NOT NULL
  AND NOT coalesce(s.reasons, '') CONTAINS n.id AND coalesce(s.decline_reason, '') <> $unsaid
RETURN n.id AS need, n.help_kind AS help_kind, n.in_person AS in_person, o.id AS organisation, s.status AS status,
       s.availability AS availability, coalesce(s.helped, false) AS helped, s.features AS features
"""

TRAINING_PARTNERSHIPS = """
MATCH (p:Partnership)
WHERE p.embedding_model = $model
  AND COUNT { (p)<-[:PARTNER_IN]-(o:Organisation) WHERE coalesce(o.country, 'IT') = 'IT' } >= 1
  AND COUNT { (p)<-[:PARTNER_IN]-() } >= 2
WITH p ORDER BY p.start DESC, p.id LIMIT $limit
RETURN p.id AS id, p.title AS title, p.description AS description, p.embedding AS vector,
       p.programme_family AS programme, toString(p.start) AS start,
       COLLECT { MATCH (p)<-[r:PARTNER_IN]-(o:Organisation)
                 RETURN {id: o.id, role: r.role, pool: coalesce(o.country, 'IT') = 'IT',
                         described: coalesce(trim(o.description), '') <> ''
                                    OR size(coalesce(o.activity_codes, [])) > 0
                                    OR size(coalesce(o.competency_ids, [])) > 0,
                         others: COUNT { (o)-[:PARTNER_IN]->(q:Partnership) WHERE q <> p },
                         before: COUNT { (o)-[:PARTNER_IN]->(q:Partnership) WHERE q <> p AND q.start < p.start }}
       } AS members
"""

SAVE_RANKER = """
MERGE (m:RankerModel {task: $task})
SET m.params = $params, m.trained_at = datetime(), m.source = $source, m.trained_on = $trained_on
"""

LOAD_RANKERS = "MATCH (m:RankerModel) RETURN m.task AS task, m.params AS params, toString(m.trained_at) AS trained_at"
RANKERS_STAMP = "MATCH (m:RankerModel) WITH m ORDER BY m.task RETURN collect([m.task, toString(m.trained_at)]) AS stamp"


def feedback(graph: Graph, unsaid: str) -> list[dict[str, Any]]:
    return graph.read(FEEDBACK, unsaid=unsaid)


def training_partnerships(graph: Graph, model: str, limit: int) -> list[dict[str, Any]]:
    """The latest ``limit`` partnerships with an Italian member: text, vector, programme, start,
    and each member's id, role, whether it is in the pool, whether it wrote a profile of its own
    (``described``), how many other partnerships it has (``others``) and how many of them started
    before this one (``before``)."""
    return graph.read(TRAINING_PARTNERSHIPS, model=model, limit=limit)


# How many partnerships there are, and the start date that half the dated ones reach or pass.
HISTORY_SPAN = """
MATCH (p:Partnership)
WITH p.start AS start ORDER BY start DESC
WITH count(*) AS total, [s IN collect(start) WHERE s IS NOT NULL] AS starts
RETURN total, CASE WHEN size(starts) = 0 THEN null ELSE toString(starts[size(starts) / 2]) END AS median
"""

WORK_SINCE = """
MATCH (p:Partnership) WHERE p.start >= date($since) OR p.id IN $also
RETURN collect({id: p.id, start: toString(p.start)}) AS rows
"""

# Every pool organisation's stored profile (the sum of its own words and its past work: vector
# times weight) with the vectors of the given partnerships it took part in.
PROFILES_WITH_WORK = """
MATCH (o:Organisation)-[:PARTNER_IN]->(p:Partnership)
WHERE p.id IN $work AND p.embedding_model = $model AND o.embedding_model = $model
  AND o.embedding_weight IS NOT NULL
RETURN o.id AS id, o.embedding AS embedding, o.embedding_weight AS weight, collect(p.id) AS work_ids,
       collect(p.embedding) AS work
"""


def history_span(graph: Graph) -> dict[str, Any]:
    """{total: partnerships, median: the median start date (ISO) of the dated ones, or None}."""
    return graph.read(HISTORY_SPAN)[0]


def work_since(graph: Graph, since: str | None, also: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The partnerships that started on ``since`` (ISO date) or later, and ``also``: id, start
    (ISO date or None)."""
    return graph.read_collected(WORK_SINCE, since=since, also=list(also))


def profiles_with_work(graph: Graph, work: Sequence[str], model: str) -> list[dict[str, Any]]:
    """Every organisation (of the pool or not: known partners may be foreign) that took part in
    ``work``: its stored profile (vector, weight), and the ids and vectors of that work."""
    return graph.read(PROFILES_WITH_WORK, work=list(work), model=model)


# Every partnership's words and members: the matcher's lexical profiles (mentore/matcher/lexical.py)
# and its copy of who took part in what (mentore/matcher/work.py).
WORK_DOCUMENTS = f"""
MATCH (p:Partnership)
RETURN p.id AS id, p.title AS title, p.theme AS theme, p.description AS description, {MEMBERS} AS members
"""

# What changes when work is added or rewritten (counts come from the count store: no scan).
WORK_STAMP = """
CALL () { MATCH (p:Partnership) RETURN count(p) AS partnerships }
CALL () { MATCH ()-[r:PARTNER_IN]->() RETURN count(r) AS memberships }
CALL () { OPTIONAL MATCH (v:Revision {name: 'work'}) RETURN v.value AS revision }
RETURN partnerships, memberships, revision
"""


# Every organisation's name, whether it may be suggested, its legal form and the names of its
# seat's comune and province (they tell namesakes apart): the matcher's NameIndex.
ORGANISATION_NAMES = f"""
MATCH (o:Organisation)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Territory)
OPTIONAL MATCH (c)-[:PART_OF]->(p:Territory {{level: 'provincia'}})
RETURN o.id AS id, coalesce(o.name, '') AS name, {IN_POOL} AS pool, o.legal_form AS legal_form,
       [x IN [c.name, p.name] WHERE x IS NOT NULL] AS seat
"""

# What changes when organisations come or are renamed: their count (from the count store) and
# the revision of their vectors (a profile changed is embedded again).
NAMES_STAMP = """
CALL () { MATCH (o:Organisation) RETURN count(o) AS organisations }
CALL () { OPTIONAL MATCH (v:Revision {name: 'organisation_vectors'}) RETURN v.value AS revision }
RETURN organisations, revision
"""


def organisation_names(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(ORGANISATION_NAMES)


def names_stamp(graph: Graph) -> tuple[int, int | None]:
    """(organisations, revision of their vectors): equal stamps, same names (but for a rename
    not embedded yet)."""
    row = graph.read(NAMES_STAMP)[0]
    return row["organisations"], row["revision"]


def work_documents(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(WORK_DOCUMENTS)


def work_stamp(graph: Graph) -> tuple[int, int, int | None]:
    """(partnerships, memberships, import revision): equal stamps, same work."""
    row = graph.read(WORK_STAMP)[0]
    return row["partnerships"], row["memberships"], row["revision"]


def save_ranker(graph: Graph, task: str, params: dict[str, Any]) -> None:
    graph.write(SAVE_RANKER, task=task, params=json.dumps(params), source=params.get("source"),
                trained_on=params.get("trained_on", 0))


def rankers_stamp(graph: Graph) -> list[list[str]]:
    """[task, trained_at] of every stored ranker: equal stamps, same rankers."""
    return graph.read(RANKERS_STAMP)[0]["stamp"]


def load_rankers(graph: Graph) -> dict[str, dict[str, Any]]:
    return {r["task"]: {**json.loads(r["params"]), "trained_at": r["trained_at"]} for r in graph.read(LOAD_RANKERS)}
