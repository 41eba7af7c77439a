"""The demo data set in a throwaway Neo4j, as `make demo` loads it, for the benchmarks that
measure on it (bench_partner_filters.py, bench_need_places.py, bench_need_labels.py), how they
end, and the whole run of those that take only --json and --keep (`main_of`). Import it after
`_venv.use_project_python`: it needs the project's packages."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph import DriverSettings, Graph, connect, server
from mentore.matcher import embedding
from mentore.services import matching, setup

ROOT = Path(__file__).resolve().parent.parent


def home_of(name: str) -> Path:
    """Where the benchmark's Neo4j lives: var/neo4j/<name>."""
    return ROOT / "var" / "neo4j" / name


@contextmanager
def demo_graph(name: str, keep: bool = False) -> Iterator[tuple[Graph, matching.Matcher]]:
    """A Neo4j of its own in ``home_of(name)`` (reset first, free port, random password; stopped
    at the end, its folder removed unless ``keep``) with the schema, the reference data and the
    demo data set, every profile and past work embedded with the default model; and a matcher."""
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
            yield graph, matcher
        finally:
            graph.close()


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
