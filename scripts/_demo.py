"""The demo data set in a throwaway Neo4j, as `make demo` loads it, for the benchmarks that
measure on it (bench_partner_filters.py, bench_need_places.py, bench_need_ranker.py,
bench_need_labels.py, bench_needs_near.py, bench_needs_list.py), copies of its needs for those that need many
(`clone_needs`), how they end, and the whole run of those that take only --json and --keep
(`main_of`). Import it after `_venv.use_project_python`: it needs the project's packages."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from graph import DriverSettings, Graph, connect, server
from graph.repositories.needs import KEEP_ACTIVE_LABEL
from mentore.matcher import embedding
from mentore.services import matching, setup

ROOT = Path(__file__).resolve().parent.parent

# Copies of needs: each row {id, source, status, age (days before the source), vector or null}
# makes a need of the source's poster, text, place, activity and competencies, created and due
# ``age`` days before it, in ``status``, with the vector given (none with null).
CLONE_NEEDS = """
UNWIND $rows AS row
MATCH (poster:Organisation)-[:POSTED]->(src:Need {id: row.source})
CREATE (poster)-[:POSTED]->(n:Need {id: row.id, title: src.title, description: src.description,
                                   help_kind: src.help_kind, in_person: src.in_person, status: row.status,
                                   created_at: src.created_at - duration({days: row.age}),
                                   published_at: src.created_at - duration({days: row.age}),
                                   deadline: src.deadline - duration({days: row.age})})
WITH n, src, row
""" + KEEP_ACTIVE_LABEL + """
WITH n, src, row
CALL (n, row, src) {
  WITH n, row, src WHERE row.vector IS NOT NULL
  CALL db.create.setNodeVectorProperty(n, 'embedding', row.vector)
  SET n.embedding_model = src.embedding_model
}
CALL (n, src) { MATCH (src)-[:IN]->(t:Territory) CREATE (n)-[:IN]->(t) }
CALL (n, src) { MATCH (src)-[:CONCERNS]->(a:Activity) CREATE (n)-[:CONCERNS]->(a) }
CALL (n, src) { MATCH (src)-[:REQUIRES]->(c:Competency) CREATE (n)-[:REQUIRES]->(c) }
"""


#: The statuses of needs no longer active, which the copies of needs of the past take in turn.
PAST_STATUSES = ("met", "closed", "expired")


def moved(vector: Sequence[float], rng: np.random.Generator, spread: float = 0.02) -> list[float]:
    """``vector`` moved a little and brought back to length 1 (spread 0.02 on 512 numbers: a
    cosine of about 0.9 with it), for a copy of a need that says much the same."""
    near = np.asarray(vector, dtype=np.float64) + rng.normal(0.0, spread, len(vector))
    return (near / np.linalg.norm(near)).tolist()


def clone_needs(graph: Graph, rows: list[dict[str, Any]], batch: int = 500,
                progress: Callable[[int], None] | None = None) -> int:
    """Write ``rows`` (see CLONE_NEEDS) in batches; how many. Waits for the indexes."""
    for start in range(0, len(rows), batch):
        graph.write(CLONE_NEEDS, rows=rows[start:start + batch])
        if progress:
            progress(min(start + batch, len(rows)))
    graph.write("CALL db.awaitIndexes(600)")
    return len(rows)


def home_of(name: str) -> Path:
    """Where the benchmark's Neo4j lives: var/neo4j/<name>."""
    return ROOT / "var" / "neo4j" / name


@contextmanager
def demo_instance(name: str, keep: bool = False) -> Iterator[tuple[Graph, matching.Matcher, server.Instance]]:
    """A Neo4j of its own in ``home_of(name)`` (reset first, free port, random password; stopped
    at the end, its folder removed unless ``keep``) with the schema, the reference data and the
    demo data set, every profile and past work embedded with the default model; a matcher; and
    the instance (its address and password, for an app of its own)."""
    lib = ROOT / "var" / "neo4j" / f"lib-{server.NEO4J_VERSION}"
    with server.throwaway(home_of(name), lib, timeout=180, keep=keep) as instance:
        graph = connect(DriverSettings(instance.uri, "neo4j", instance.password))
        try:
            setup.apply_schema(graph)
            setup.load_reference(graph)
            print("Loading the demo data set and embedding it...", file=sys.stderr)
            setup.load_demo(graph)
            matcher = matching.Matcher(load_embedder=embedding.load)
            matching.embed_all(matcher, graph)
            yield graph, matcher, instance
        finally:
            graph.close()


@contextmanager
def demo_graph(name: str, keep: bool = False) -> Iterator[tuple[Graph, matching.Matcher]]:
    """``demo_instance``'s graph and matcher."""
    with demo_instance(name, keep) as (graph, matcher, _):
        yield graph, matcher


def main_of(doc: str, name: str, measure: Callable[[Graph, matching.Matcher], dict[str, Any]],
            report: Callable[[dict[str, Any]], None],
            about: Callable[[Graph], dict[str, Any]] | None = None) -> None:
    """The whole run of a benchmark that takes only --json and --keep: the demo graph of
    ``name``, the figures of ``measure`` (and of ``about`` the graph, when given), the report."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the instance's home folder (it is stopped)")
    args = parser.parse_args()
    run_started = time.perf_counter()
    with demo_graph(name, keep=args.keep) as (graph, matcher):
        fig = {"command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]), **(about(graph) if about else {}),
               "measures": measure(graph, matcher)}
    finish(fig, run_started, report, args.json)


def finish(fig: dict[str, Any], started: float, report: Callable[[dict[str, Any]], None],
           json_path: Path | None) -> None:
    """The run's time into ``fig``, then its report; the figures also as JSON to ``json_path``."""
    fig["runtime_s"] = time.perf_counter() - started
    report(fig)
    if json_path:
        json_path.write_text(json.dumps(fig, indent=2, ensure_ascii=False))
