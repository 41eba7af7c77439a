#!/usr/bin/env python3
"""Where a partners bundle's misses are, by how much history the target has: from the rankings
files `mentore bench matching BUNDLE --out RANKINGS.jsonl` writes, without running the matcher
again.

usage: scripts/rankings_by_history.py RANKINGS.jsonl [RANKINGS.jsonl ...] [--bundle DIR] [--json PATH]

What it does:
  1. reads the bundle's queries, organisations and history projects (default
     ../shared/bench/partners-dev), and counts each organisation's history projects;
  2. for each rankings file, for each task and each band of the target's history projects
     (BANDS: none, 1-2, 3-9, 10-29, 30 or more), prints how many queries, their R@10 as the
     bundle's score.py counts it (`evaluation.target_rank`), how many targets are ranked 11th
     to 100th, and how many are not among the first 100 at all;
  3. writes the same figures as JSON with --json. Asserts nothing. Seconds. Not a `bench_*`
     script (`make bench` runs those without arguments): it reads what a run of the command wrote.

Targets the history barely knows are organisations whose profile is one or two projects: the
figures say whether a change of the matcher reaches them or only the well documented.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from _venv import use_project_python

ROOT = use_project_python("rankings_by_history", "numpy")

from mentore.matcher import evaluation as ev

#: (label, fewest history projects) of each band, the fewest first.
BANDS = (("0", 0), ("1-2", 1), ("3-9", 3), ("10-29", 10), ("30+", 30))


def band_of(projects: int) -> str:
    return [label for label, least in BANDS if projects >= least][-1]


def history_counts(bundle: Path) -> Counter[str]:
    """Organisation id → how many history projects it took part in."""
    counts: Counter[str] = Counter()
    for project in ev.read_jsonl(bundle / "projects.jsonl"):
        counts.update({m["org"] for m in project["members"]})
    return counts


def by_history(queries: list[dict[str, Any]], pool: set[str], history: Counter[str],
               rankings: dict[str, list[str]]) -> dict[str, dict[str, dict[str, float]]]:
    """task → band (and "all") → {n, R@10, ranked 11-100, not ranked}."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for q in queries:
        rank = ev.target_rank(q, pool, rankings.get(q["id"], []))
        for band in (band_of(history[q["target"]]), "all"):
            row = out.setdefault(q["task"], {}).setdefault(band, {"n": 0, "hits": 0, "ranked 11-100": 0,
                                                                   "not ranked": 0})
            row["n"] += 1
            row["hits"] += bool(rank and rank <= 10)
            row["ranked 11-100"] += bool(rank and rank > 10)
            row["not ranked"] += rank is None
    order = [label for label, _ in BANDS] + ["all"]
    return {task: {band: {**rows[band], "R@10": round(rows[band]["hits"] / rows[band]["n"], 4)}
                   for band in order if band in rows}
            for task, rows in sorted(out.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rankings", type=Path, nargs="+")
    parser.add_argument("--bundle", type=Path, default=ROOT.parent / "shared" / "bench" / "partners-dev")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    queries = list(ev.read_jsonl(args.bundle / "queries.jsonl"))
    pool = {o["id"] for o in ev.read_jsonl(args.bundle / "organisations.jsonl") if (o.get("country") or "IT") == "IT"}
    history = history_counts(args.bundle)
    figures = {}
    for path in args.rankings:
        rankings = {row["id"]: row["ranking"] for row in ev.read_jsonl(path)}
        figures[str(path)] = by_history(queries, pool, history, rankings)
        print(path)
        print(f"  {'task':8s} {'history':>8s} {'queries':>8s} {'R@10':>7s} {'11-100':>7s} {'not ranked':>11s}")
        for task, rows in figures[str(path)].items():
            for band, row in rows.items():
                print(f"  {task:8s} {band:>8s} {row['n']:8d} {row['R@10']:7.4f} {row['ranked 11-100']:7d} "
                      f"{row['not ranked']:11d}")
    if args.json:
        args.json.write_text(json.dumps({"bundle": str(args.bundle), "figures": figures}, indent=2))


if __name__ == "__main__":
    main()
