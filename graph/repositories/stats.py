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
