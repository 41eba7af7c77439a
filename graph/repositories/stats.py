"""Live platform figures for the home page and the API."""

from __future__ import annotations

from dataclasses import dataclass

from graph.driver import Graph

PLATFORM_COUNTS = """
RETURN COUNT { (:Organisation {kind: 'ETS'}) } AS ets,
       COUNT { (:Organisation {kind: 'PUBLIC_BODY'}) } AS public_bodies,
       COUNT { (:Person) } AS people,
       COUNT { (n:Need) WHERE n.status IN ['open', 'matched', 'in_progress'] } AS open_needs,
       COUNT { (:Community) } AS communities,
       COUNT { (:Partnership) } AS partnerships,
       COUNT { MATCH (:Organisation)-[:LOCATED_IN]->(r:Territory)
               RETURN DISTINCT r } AS comuni_covered,
       COUNT { MATCH (:Organisation)-[:LOCATED_IN]->(:Territory)-[:PART_OF]->(:Territory)
                     -[:PART_OF]->(r:Territory {level: 'regione'})
               RETURN DISTINCT r } AS regions_covered
"""


@dataclass(frozen=True)
class PlatformCounts:
    ets: int
    public_bodies: int
    people: int
    open_needs: int
    communities: int
    partnerships: int
    comuni_covered: int
    regions_covered: int


def platform_counts(graph: Graph) -> PlatformCounts:
    return PlatformCounts(**graph.read(PLATFORM_COUNTS)[0])


# ----------------------------------------------------------------------------- needs and matching, for reports

# The needs published between $since and $until (dates inclusive; needs published before
# published_at was recorded, and those of the data sets, by their creation), in a region or all,
# with what became of them: one row per need, its region, its status now, and its suggestions'
# outcome (how many, answered, positive answers, offers, accepted, declined and why), with the
# days from its publication to its first positive answer and to its first acceptance, and how
# many organisations the poster named as having helped to meet it.
NEED_OUTCOMES = """
MATCH (:Organisation)-[:POSTED]->(n:Need)
WHERE n.status <> 'draft'
WITH n, coalesce(n.published_at, n.created_at) AS published
WHERE date(published) >= date($since) AND date(published) <= date($until)
OPTIONAL MATCH (n)-[:IN]->(:Territory)-[:PART_OF*0..2]->(r:Territory {level: 'regione'})
WITH n, r, published
WHERE $region IS NULL OR r.id = $region
RETURN n.id AS id, n.status AS status, r.id AS region, r.name AS region_name,
       COUNT { (n)-[:MET_WITH]->(:Organisation) } AS helpers,
       COLLECT { MATCH (n)<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(so:Organisation)
                 RETURN {organisation: so.id, status: s.status, availability: s.availability,
                         offered: coalesce(s.offered, false), decline_reason: s.decline_reason,
                         to_answer: CASE WHEN s.availability IN ['yes', 'partly']
                                         THEN duration.inDays(published, s.answered_at).days END,
                         to_accept: CASE WHEN s.status = 'accepted'
                                         THEN duration.inDays(published, s.decided_at).days END} } AS suggestions
ORDER BY id
"""


def need_outcomes(graph: Graph, since: str, until: str, region: str | None = None) -> list[dict]:
    return graph.read(NEED_OUTCOMES, since=since, until=until, region=region)
