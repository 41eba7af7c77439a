#!/usr/bin/env python3
"""The needs an organisation could answer unasked ("Bisogni a cui potreste rispondere",
`suggestions.near_needs`): how many of the needs the matcher would suggest an organisation for
are in the twenty its page lists, the way it orders them now (`suggestions.NEAR_WEIGHTS`) next to
baselines measured in the same run (the texts alone; the territory, activity and competencies
alone); and how long the list takes, next to the vector index query it starts from.

The matcher's suggestions are not the truth of who should help: this measures whether the two
directions agree, the organisation's list finding the needs whose posters would be shown it.

usage: scripts/bench_needs_near.py [--json PATH] [--keep]

What it does:
  1. starts its own Neo4j (var/neo4j/bench-needs-near, reset first, free port, random password),
     applies the schema and the reference data, loads the demo data set (`setup.load_demo`) and
     embeds it with the default model, as `make demo` does; no suggestion is stored, so no need
     is left out of a list for having been suggested;
  2. ranks every active need of the demo, ten organisations each (the matcher's hand-set need
     ranker), and keeps, for each organisation, the needs it is among the ten of;
  3. lists twenty needs for each of those organisations each way, and times the list (the way
     of the page) and the vector index query alone;
  4. prints the share of each organisation's needs in its list (mean over organisations, and
     over all the pairs);
  5. gives the platform a history: HISTORY needs met, closed or expired for each active need, a
     copy of it (poster, place, activity, competencies) whose vector is its own moved a little
     (cosine about 0.9), and measures the page's share and time again, next to the way before the
     index of the active needs (the nearest among all the needs, the past ones filtered out after).
  Asserts nothing.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from typing import Any

from _figures import percentile
from _venv import use_project_python

ROOT = use_project_python("bench_needs_near", "neo4j", "numpy")

import numpy as np
from _demo import PAST_STATUSES, clone_needs, main_of, moved

from graph.repositories import matching as matching_repo
from graph.repositories import needs as needs_repo
from mentore.services import matching, suggestions

NEEDS = "MATCH (n:Need) WHERE n.status IN $active RETURN n.id AS id ORDER BY n.id"
INDEX_ALONE = """
MATCH (o:Organisation {id: $organisation})
CALL db.index.vector.queryNodes('active_need_embedding', $k, o.embedding) YIELD node AS n, score
RETURN count(n) AS found
"""
#: The list's query before the index of the active needs: the nearest among all the needs.
ALL_NEEDS_NEAR = (matching_repo.NEEDS_NEAR.replace("'active_need_embedding'", "'need_embedding'")
                  .replace("(n:ActiveNeed)", "(n:Need)"))
HISTORY = 20  # past needs per active need
VECTORS = "MATCH (n:Need) WHERE n.status IN $active RETURN n.id AS id, n.embedding AS vector ORDER BY n.id"
WAYS = {
    "the page (NEAR_WEIGHTS)": suggestions.NEAR_WEIGHTS,
    "baseline: the texts alone": {"text": 1.0, "territory": 0.0, "activity": 0.0, "competencies": 0.0},
    "baseline: territory, activity, competencies": {**suggestions.NEAR_WEIGHTS, "text": 0.0},
}
SUGGESTED = 10  # the matcher's suggestions per need


def add_history(graph: Any, per_need: int, seed: int = 7) -> int:
    """``per_need`` past needs for each active need (see the module's docstring); how many."""
    rng = np.random.default_rng(seed)
    rows = []
    for need in graph.read(VECTORS, active=list(suggestions.ACTIVE)):
        for i in range(per_need):
            rows.append({"id": f"past-{need['id']}-{i}", "source": need["id"], "status": PAST_STATUSES[i % 3],
                         "age": 60 + 30 * i, "vector": moved(need["vector"], rng)})
    return clone_needs(graph, rows)


def shares(matcher: matching.Matcher, graph: Any, wanted: dict[str, set[str]], pairs: int,
           weights: dict[str, float], timings: list[float] | None = None) -> dict[str, float]:
    """The mean share per organisation of its wanted needs in its list, and the share of all the
    pairs; each list's time into ``timings``."""
    per_organisation, found = [], 0
    for organisation_id, expected in sorted(wanted.items()):
        started = time.perf_counter()
        listed = {n.need["id"] for n in suggestions.near_needs(matcher, graph, organisation_id,
                                                               weights=weights).items}
        if timings is not None:
            timings.append((time.perf_counter() - started) * 1000)
        per_organisation.append(len(listed & expected) / len(expected))
        found += len(listed & expected)
    return {"mean share per organisation": statistics.fmean(per_organisation), "share of all pairs": found / pairs}


def measure(graph: Any, matcher: matching.Matcher) -> dict[str, Any]:
    wanted: dict[str, set[str]] = defaultdict(set)
    needs = [r["id"] for r in graph.read(NEEDS, active=list(suggestions.ACTIVE))]
    for need_id in needs:
        need = needs_repo.find(graph, need_id)
        for s in matching.suggest_for_need(matcher, graph, need, matching.place_of(need["territory"]),
                                           limit=SUGGESTED).items:
            wanted[s.organisation_id].add(need_id)
    figures: dict[str, Any] = {"needs": len(needs), "organisations": len(wanted),
                               "pairs": sum(len(v) for v in wanted.values())}
    timings: dict[str, list[float]] = {"the list": [], "the vector index query alone": []}
    for way, weights in WAYS.items():
        page = weights is suggestions.NEAR_WEIGHTS
        figures[way] = shares(matcher, graph, wanted, figures["pairs"], weights, timings["the list"] if page else None)
    for organisation_id in sorted(wanted):
        started = time.perf_counter()
        graph.read(INDEX_ALONE, organisation=organisation_id, k=suggestions.NEAR_CANDIDATES)
        timings["the vector index query alone"].append((time.perf_counter() - started) * 1000)

    figures["past needs"] = add_history(graph, HISTORY)
    timings["with the history: the list"], timings["with the history: before, all needs"] = [], []
    figures["with the history: the page"] = shares(matcher, graph, wanted, figures["pairs"], suggestions.NEAR_WEIGHTS,
                                                   timings["with the history: the list"])
    page_query, matching_repo.NEEDS_NEAR = matching_repo.NEEDS_NEAR, ALL_NEEDS_NEAR
    try:
        figures["with the history: before, all needs"] = shares(
            matcher, graph, wanted, figures["pairs"], suggestions.NEAR_WEIGHTS,
            timings["with the history: before, all needs"])
    finally:
        matching_repo.NEEDS_NEAR = page_query
    figures["ms"] = {name: {"p50": percentile(t, 0.5), "p95": percentile(t, 0.95)} for name, t in timings.items()}
    return figures


def report(fig: dict[str, Any]) -> None:
    m = fig["measures"]
    print(f"\nThe needs the matcher would suggest an organisation for, in the {suggestions.NEEDS_NEAR} of its "
          f"list ({m['needs']} active needs, {SUGGESTED} suggestions each: {m['pairs']} pairs, "
          f"{m['organisations']} organisations):")
    print(f"  {'way':46s} {'per organisation':>16s} {'all pairs':>10s}")
    for way in WAYS:
        print(f"  {way:46s} {m[way]['mean share per organisation']:16.3f} {m[way]['share of all pairs']:10.3f}")
    print(f"\nWith a history of {m['past needs']} needs met, closed or expired ({HISTORY} per active need):")
    for way in ("with the history: the page", "with the history: before, all needs"):
        print(f"  {way:46s} {m[way]['mean share per organisation']:16.3f} {m[way]['share of all pairs']:10.3f}")
    print("\nTime per organisation (ms):")
    for name, t in m["ms"].items():
        print(f"  {name:46s} p50 {t['p50']:6.1f}  p95 {t['p95']:6.1f}")
    print(f"\nRun in {fig['runtime_s']:.0f} s.")


if __name__ == "__main__":
    main_of(__doc__, "bench-needs-near", measure, report)
