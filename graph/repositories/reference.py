"""Reference nodes: territories (comune → provincia → regione), art. 5 activities, competencies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from graph.driver import Graph

UPSERT_TERRITORIES = """
UNWIND $rows AS row
MERGE (t:Territory {id: row.id})
SET t.level = row.level, t.istat_code = row.istat_code, t.name = row.name, t.nuts = row.nuts,
    t.sigla = row.sigla, t.kind = row.kind, t.capoluogo = row.capoluogo,
    t.codice_catastale = row.codice_catastale
WITH t, row WHERE row.parent_id IS NOT NULL
MATCH (p:Territory {id: row.parent_id})
MERGE (t)-[:PART_OF]->(p)
"""

UPSERT_ACTIVITIES = """
UNWIND $rows AS row
MERGE (a:Activity {code: row.code})
SET a.label = row.label, a.short = row.short, a.short_en = row.short_en
"""

# Competencies are extendable by admins: seeding never renames one an admin has edited.
SEED_COMPETENCIES = """
UNWIND $rows AS row
MERGE (c:Competency {id: row.id})
ON CREATE SET c.label = row.label, c.label_en = row.label_en, c.curated = true
"""

COUNT_REFERENCE = """
RETURN COUNT { (:Territory {level: 'regione'}) } AS regioni,
       COUNT { (:Territory {level: 'provincia'}) } AS province,
       COUNT { (:Territory {level: 'comune'}) } AS comuni,
       COUNT { (:Activity) } AS activities,
       COUNT { (:Competency) } AS competencies
"""


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterable[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def upsert_territories(graph: Graph, rows: Sequence[dict[str, Any]], batch: int = 2000,
                       progress=None) -> int:
    """Rows must come parents first (regions, then provinces, then comuni)."""
    for chunk in _batches(rows, batch):
        graph.write(UPSERT_TERRITORIES, rows=list(chunk))
        if progress:
            progress(len(chunk))
    return len(rows)


def upsert_activities(graph: Graph, rows: Sequence[dict[str, Any]]) -> int:
    graph.write(UPSERT_ACTIVITIES, rows=list(rows))
    return len(rows)


def seed_competencies(graph: Graph, rows: Sequence[dict[str, Any]]) -> int:
    graph.write(SEED_COMPETENCIES, rows=list(rows))
    return len(rows)


def reference_counts(graph: Graph) -> dict[str, int]:
    return graph.read(COUNT_REFERENCE)[0]
