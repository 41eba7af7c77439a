"""Apply ``schema.cypher`` and wait until every index is ONLINE."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.driver import Graph

SCHEMA_FILE = Path(__file__).with_name("schema.cypher")

LIST_INDEXES = "SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties RETURN *"
LIST_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *"
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"
VECTOR_OPTIONS = "SHOW VECTOR INDEXES YIELD name, options RETURN name, options"
INDEX_LABELS = ("SHOW INDEXES YIELD name, type, labelsOrTypes WHERE type IN ['VECTOR', 'FULLTEXT'] "
                "RETURN name, labelsOrTypes")

log = logging.getLogger(__name__)


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


#: the option of a vector index that follows the embedding model, not the schema
DIMENSIONS = "vector.dimensions"


def apply(graph: Graph, wait_seconds: int = 300) -> int:
    """Create what is missing. Existing constraints and indexes are left alone, except a vector
    index whose options are not the schema's, or a vector or full-text index on other labels (a
    graph made before they changed): it is dropped and built again from what is stored (about a
    minute at 100k organisations; meanwhile suggestions fall back to lexical and graph signals).
    A vector index's dimension is the embedding model's (``fit_vector_indexes``): the schema's
    512, those of the default model, are only those of a new index."""
    stmts = statements()
    for name in sorted({*outdated_vector_indexes(graph, stmts), *relabelled_indexes(graph, stmts)}):
        log.warning("index %s has other options or labels than the schema's: rebuilding it", name)
        # an index name cannot be a parameter; this one is a \w+ name read from schema.cypher
        graph.write(f"DROP INDEX {name} IF EXISTS")
    for stmt in stmts:
        graph.write(stmt)
    graph.write(AWAIT_INDEXES, seconds=wait_seconds)
    return len(stmts)


def vector_configs(stmts: list[str]) -> dict[str, dict[str, Any]]:
    """The ``indexConfig`` each CREATE VECTOR INDEX statement asks for, by index name."""
    configs = {}
    for stmt in stmts:
        name = re.match(r"CREATE VECTOR INDEX (\w+)", stmt)
        if name:
            configs[name.group(1)] = {key: _literal(value) for key, value in
                                      re.findall(r"`(vector\.[\w.]+)`:\s*('[^']*'|true|false|\d+)", stmt)}
    return configs


def index_labels(stmts: list[str]) -> dict[str, frozenset[str]]:
    """The labels each CREATE VECTOR or FULLTEXT INDEX statement indexes, by index name."""
    found = (re.match(r"CREATE (?:VECTOR|FULLTEXT) INDEX (\w+) .*?FOR \(\w+:([\w|]+)\)", stmt, re.DOTALL)
             for stmt in stmts)
    return {m.group(1): frozenset(m.group(2).split("|")) for m in found if m}


def _literal(text: str) -> Any:
    if text.startswith("'"):
        return text[1:-1]
    return text == "true" if text in ("true", "false") else int(text)


def _same(wanted: Any, found: Any) -> bool:
    if isinstance(wanted, str) and isinstance(found, str):
        return wanted.casefold() == found.casefold()  # the server spells 'cosine' as 'COSINE'
    return wanted == found


def outdated_vector_indexes(graph: Graph, stmts: list[str]) -> list[str]:
    """Existing vector indexes with an option other than the one the schema gives it (but for
    their dimension: the embedding model's)."""
    wanted = vector_configs(stmts)
    outdated = []
    for row in graph.read(VECTOR_OPTIONS):
        config = (row["options"] or {}).get("indexConfig") or {}
        if row["name"] in wanted and any(not _same(v, config.get(k)) for k, v in wanted[row["name"]].items()
                                         if k != DIMENSIONS):
            outdated.append(row["name"])
    return sorted(outdated)


def relabelled_indexes(graph: Graph, stmts: list[str]) -> list[str]:
    """Existing vector and full-text indexes of the schema built on other labels than the
    schema's (a graph made before an index moved to a label of its own, as the profiles' index
    to the organisations of the pool)."""
    wanted = index_labels(stmts)
    return sorted(row["name"] for row in graph.read(INDEX_LABELS)
                  if row["name"] in wanted and frozenset(row["labelsOrTypes"] or ()) != wanted[row["name"]])


def vector_dimensions(graph: Graph) -> dict[str, int]:
    """The dimension of each vector index of the schema that exists, by name."""
    wanted = vector_configs(statements())
    return {row["name"]: int(((row["options"] or {}).get("indexConfig") or {}).get(DIMENSIONS) or 0)
            for row in graph.read(VECTOR_OPTIONS) if row["name"] in wanted}


def fit_vector_indexes(graph: Graph, dimensions: int, wait_seconds: int = 300) -> list[str]:
    """Make every vector index of the schema hold vectors of ``dimensions`` (the embedding
    model's): an index of another dimension is dropped and created again with the schema's other
    options (a missing one is left to ``apply``). Vectors of another length are never indexed, and a query
    vector of another length fails: after a change of model, suggestions would fall back to
    lexical and graph signals for good. The indexes fill as the vectors of the new model are
    stored (``mentore embeddings rebuild --all``). Returns the names of those rebuilt."""
    if dimensions <= 0:
        raise ValueError(f"a vector index needs a positive dimension, not {dimensions}")
    found = vector_dimensions(graph)
    dropped = []
    for stmt in statements():
        name = re.match(r"CREATE VECTOR INDEX (\w+)", stmt)
        if not name or found.get(name.group(1), dimensions) == dimensions:
            continue
        log.warning("vector index %s holds vectors of %d dimensions, the model's have %d: rebuilding it",
                    name.group(1), found[name.group(1)], dimensions)
        # an index name cannot be a parameter; this one is a \w+ name read from schema.cypher
        graph.write(f"DROP INDEX {name.group(1)} IF EXISTS")
        graph.write(re.sub(r"`vector\.dimensions`:\s*\d+", f"`{DIMENSIONS}`: {int(dimensions)}", stmt))
        dropped.append(name.group(1))
    if dropped:
        graph.write(AWAIT_INDEXES, seconds=wait_seconds)
    return dropped


def indexes(graph: Graph) -> list[IndexInfo]:
    return [
        IndexInfo(r["name"], r["type"], r["state"], tuple(r["labelsOrTypes"] or ()), tuple(r["properties"] or ()))
        for r in graph.read(LIST_INDEXES)
    ]


def constraint_names(graph: Graph) -> set[str]:
    return {r["name"] for r in graph.read(LIST_CONSTRAINTS)}
