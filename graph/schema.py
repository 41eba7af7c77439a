"""Apply ``schema.cypher`` and wait until every index is ONLINE."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.driver import Graph

SCHEMA_FILE = Path(__file__).with_name("schema.cypher")

LIST_INDEXES = "SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties RETURN *"
LIST_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *"
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"


@dataclass(frozen=True)
class IndexInfo:
    name: str
    type: str
    state: str
    labels: tuple[str, ...]
    properties: tuple[str, ...]


def statements(text: str | None = None) -> list[str]:
    """The schema's statements, comments dropped."""
    text = SCHEMA_FILE.read_text(encoding="utf-8") if text is None else text
    without_comments = re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE)
    return [s.strip() for s in without_comments.split(";") if s.strip()]


def apply(graph: Graph, wait_seconds: int = 300) -> int:
    """Create what is missing (existing constraints and indexes are left alone)."""
    stmts = statements()
    for stmt in stmts:
        graph.write(stmt)
    graph.write(AWAIT_INDEXES, seconds=wait_seconds)
    return len(stmts)


def indexes(graph: Graph) -> list[IndexInfo]:
    return [
        IndexInfo(r["name"], r["type"], r["state"], tuple(r["labelsOrTypes"] or ()), tuple(r["properties"] or ()))
        for r in graph.read(LIST_INDEXES)
    ]


def constraint_names(graph: Graph) -> set[str]:
    return {r["name"] for r in graph.read(LIST_CONSTRAINTS)}
