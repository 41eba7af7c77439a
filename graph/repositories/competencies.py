"""The competency vocabulary: curated by the project, extended and de-duplicated by admins."""

from __future__ import annotations

from dataclasses import dataclass

from graph.driver import Graph
from graph.repositories.organisations import REFRESH_SEARCH_FIELDS

ALL = """
MATCH (c:Competency)
RETURN c.id AS id, c.label AS label, coalesce(c.label_en, c.label) AS label_en,
       coalesce(c.curated, false) AS curated,
       COUNT { (c)<-[:HAS_COMPETENCY]-(:Organisation) } AS organisations,
       COUNT { (c)<-[:REQUIRES]-(:Need) } AS needs
ORDER BY c.label
"""

CREATE = """
CREATE (c:Competency {id: $id, label: $label, label_en: $label_en, curated: false,
                      created_at: datetime(), created_by: $by})
RETURN c.id AS id
"""

# Move every link from the duplicate to the competency that stays, then delete the duplicate
# and recompute the search fields of the organisations concerned. One transaction.
MERGE_INTO = """
MATCH (dup:Competency {id: $source}), (keep:Competency {id: $target})
WHERE dup <> keep
CALL (dup, keep) {
  MATCH (o:Organisation)-[r:HAS_COMPETENCY]->(dup)
  MERGE (o)-[:HAS_COMPETENCY]->(keep)
  DELETE r
  RETURN collect(DISTINCT o) AS organisations
}
CALL (dup, keep) {
  MATCH (n:Need)-[r:REQUIRES]->(dup)
  MERGE (n)-[:REQUIRES]->(keep)
  DELETE r
  RETURN count(r) AS needs
}
SET keep.aliases = coalesce(keep.aliases, []) + dup.label
DETACH DELETE dup
WITH organisations, needs
UNWIND (CASE WHEN organisations = [] THEN [null] ELSE organisations END) AS o
CALL (o) {
  WITH o WHERE o IS NOT NULL
""" + REFRESH_SEARCH_FIELDS + """
}
RETURN count(o) AS organisations, max(needs) AS needs
"""


@dataclass(frozen=True)
class CompetencyUsage:
    id: str
    label: str
    label_en: str
    curated: bool
    organisations: int
    needs: int


def all_with_usage(graph: Graph) -> list[CompetencyUsage]:
    return [CompetencyUsage(**row) for row in graph.read(ALL)]


def create(graph: Graph, competency_id: str, label: str, label_en: str, by: str) -> str:
    """Raises graph.Conflict when the id is taken."""
    return graph.write(CREATE, id=competency_id, label=label, label_en=label_en, by=by)[0]["id"]


def merge_into(graph: Graph, source: str, target: str) -> dict[str, int] | None:
    rows = graph.write(MERGE_INTO, source=source, target=target)
    return rows[0] if rows else None
