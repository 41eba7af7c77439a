#!/usr/bin/env python3
"""Partner finder with a kind, an activity or a requirement asked: the time of a search and what
it finds, the way the matcher ranks them now (every organisation of that kind, activity or
requirement at once, when there are no more than `matching.FEW_OF_A_KIND`) next to the baseline
measured in the same run (the sources' candidates of that kind first, every one of them only when
the sources find fewer than asked: `FEW_OF_A_KIND` = 0, how the partner finder ranked them
before).

usage: scripts/bench_partner_filters.py [--searches 40] [--limit 20] [--json PATH] [--keep]

What it does:
  1. starts its own Neo4j (var/neo4j/bench-filters, reset first, free port, random password),
     applies the schema and the reference data, loads the demo data set (`setup.load_demo`),
     embeds every profile and past work with the default model and trains the rankers from the
     demo's partnerships, as `make demo` does (its needs have no decisions here: the need ranker
     keeps its hand-set weights, which the partner finder does not use);
  2. takes `--searches` of the demo needs' texts as project texts, without a known partner
     (who could lead it), and asks the partner finder for `--limit` organisations of each kind
     the demo has, of the activity fewest organisations carry out and of the one most do, only
     verified ones, only those enrolled in the RUNTS, and both;
  3. for each text and filter, both ways in turn (which goes first alternates), prints p50 / p95
     / mean in ms, how many searches ranked twice (the baseline's second pass), and the share of
     the first ten the two ways have in common. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from _figures import summary
from _machine import other_neo4j_servers, warning
from _venv import use_project_python

ROOT = use_project_python("bench_partner_filters", "neo4j", "numpy")

from _demo import demo_graph, finish, home_of

from mentore.services import matching

WAYS = {"one pass": None, "baseline: sources first": 0}  # FEW_OF_A_KIND (None: as it is)

FILTERS = """
CALL () {
  MATCH (o:Organisation) WHERE o.kind IS NOT NULL
  RETURN collect(DISTINCT o.kind) AS kinds
}
CALL () {
  MATCH (a:Activity)<-[:OPERATES_IN]-(o:Organisation)
  WITH a, count(o) AS n ORDER BY n, a.code
  RETURN collect({code: a.code, n: n}) AS activities
}
CALL () {
  MATCH (o:Organisation)
  RETURN count(CASE WHEN o.verified THEN 1 END) AS verified,
         count(CASE WHEN coalesce(o.runts_section, '') <> '' THEN 1 END) AS runts,
         count(CASE WHEN o.verified AND coalesce(o.runts_section, '') <> '' THEN 1 END) AS both
}
RETURN kinds, activities, verified, runts, both
"""


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def search(matcher: matching.Matcher, graph: Any, text: str, limit: int, few: int | None,
           filters: dict[str, Any]) -> tuple[float, int, list[str]]:
    """(ms, rankings made, the organisations found) of one search, ``few`` as FEW_OF_A_KIND."""
    rankings = []
    rank = matcher.rank
    default = matching.FEW_OF_A_KIND
    matcher.rank = lambda *args, **kw: rankings.append(1) or rank(*args, **kw)  # type: ignore[method-assign]
    matching.FEW_OF_A_KIND = default if few is None else few
    try:
        started = time.perf_counter()
        result = matching.suggest_partners(matcher, graph, text, limit=limit, **filters)
        took = ms_since(started)
    finally:
        matching.FEW_OF_A_KIND = default
        del matcher.rank
    return took, len(rankings), [s.organisation_id for s in result.items]


def measure(graph: Any, matcher: matching.Matcher, texts: list[str], limit: int,
            filters: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label, asked in filters.items():
        times: dict[str, list[float]] = defaultdict(list)
        twice: dict[str, int] = defaultdict(int)
        common = []
        for i, text in enumerate(texts):
            order = list(WAYS.items()) if i % 2 == 0 else list(WAYS.items())[::-1]
            found = {}
            for way, few in order:
                took, rankings, found[way] = search(matcher, graph, text, limit, few, asked)
                times[way].append(took)
                twice[way] += rankings > 1
            a, b = (found[way][:10] for way in WAYS)
            if a or b:
                common.append(len(set(a) & set(b)) / max(len(a), len(b)))
        out[label] = {"ms": {way: summary(times[way]) for way in WAYS}, "ranked_twice": dict(twice),
                      "first_ten_in_common": statistics.fmean(common) if common else None}
    return out


def report(fig: dict[str, Any]) -> None:
    print(f"\nPartner finder with a filter, {fig['searches']} demo needs' texts, no known partner, limit "
          f"{fig['limit']} ({fig['graph']['organisations']} organisations; FEW_OF_A_KIND "
          f"{fig['few_of_a_kind']}; rankers: {fig['rankers']}; load average {fig['load_average']}):")
    if fig["other_neo4j"]:
        print(warning(fig["other_neo4j"]))
    print(f"  {'filter':34s} {'way':26s} {'p50':>7s} {'p95':>7s} {'mean':>7s}  twice  first ten in common")
    for label, m in fig["measures"].items():
        for j, way in enumerate(WAYS):
            s = m["ms"][way]
            shared = f"{m['first_ten_in_common']:.3f}" if j == 0 and m["first_ten_in_common"] is not None else ""
            print(f"  {label if j == 0 else '':34s} {way:26s} {s['p50']:7.1f} {s['p95']:7.1f} {s['mean']:7.1f}  "
                  f"{m['ranked_twice'][way]:5d}  {shared}")
    print(f"\nRun in {fig['runtime_s']:.0f} s.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--searches", type=int, default=40, help="project texts (the demo needs')")
    parser.add_argument("--limit", type=int, default=20, help="organisations asked per search")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the instance's home folder (it is stopped)")
    args = parser.parse_args()
    run_started = time.perf_counter()
    with demo_graph("bench-filters", keep=args.keep) as (graph, matcher):
        print("Training the rankers from the demo's partnerships...", file=sys.stderr)
        trained = matching.train(matcher, graph)
        texts = [matching.need_text(r["need"]) for r in graph.read(
            "MATCH (n:Need) RETURN n {.title, .description, .beneficiaries} AS need ORDER BY n.id LIMIT $n",
            n=args.searches)]
        found = graph.read(FILTERS)[0]
        filters = {f"kind {kind}": {"kind": kind} for kind in sorted(found["kinds"])}
        rare, common = found["activities"][0], found["activities"][-1]
        filters[f"rarest activity {rare['code']} ({rare['n']})"] = {"activity": rare["code"]}
        filters[f"commonest activity {common['code']} ({common['n']})"] = {"activity": common["code"]}
        filters[f"verified ({found['verified']})"] = {"eligible": matching.Eligibility(verified=True)}
        filters[f"RUNTS ({found['runts']})"] = {"eligible": matching.Eligibility(runts=True)}
        filters[f"verified and RUNTS ({found['both']})"] = {"eligible": matching.Eligibility(verified=True,
                                                                                             runts=True)}
        for text in texts[:5]:  # warm up: the models, the matcher's copies of the graph
            matching.suggest_partners(matcher, graph, text)
        matcher.settle(60)
        fig = {
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
            "searches": len(texts), "limit": args.limit, "few_of_a_kind": matching.FEW_OF_A_KIND,
            "rankers": trained,
            "graph": graph.read("MATCH (o:Organisation) RETURN count(o) AS organisations")[0],
            "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "other_neo4j": other_neo4j_servers(home_of("bench-filters")),
            "measures": measure(graph, matcher, texts, args.limit, filters),
        }
    finish(fig, run_started, report, args.json)


if __name__ == "__main__":
    main()
