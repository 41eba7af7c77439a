"""Platform-wide figures and health."""

from __future__ import annotations

from dataclasses import dataclass

from graph import Graph, GraphUnavailable
from graph.repositories import stats


def counts(graph: Graph) -> stats.PlatformCounts:
    return stats.platform_counts(graph)


@dataclass(frozen=True)
class Health:
    ok: bool
    neo4j: str  # "ok" | "unavailable"
    neo4j_ms: float | None
    detail: str | None = None


def health(graph: Graph) -> Health:
    try:
        return Health(ok=True, neo4j="ok", neo4j_ms=round(graph.ping(), 1))
    except GraphUnavailable as exc:
        return Health(ok=False, neo4j="unavailable", neo4j_ms=None, detail=str(exc))
