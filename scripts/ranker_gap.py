#!/usr/bin/env python3
"""What the partner and lead rankers can do with their features, against what the matcher
delivers: from the files `mentore bench matching BUNDLE --features F.npz` saves, without running
the matcher again.

usage: scripts/ranker_gap.py F.npz [--bundle DIR] [--json PATH]

What it does:
  1. reads every query's candidates and features (F.npz) and the examples the rankers learned
     from (F.training.npz, beside it), and the bundle's queries and organisations (default
     ../shared/bench/partners-dev: the bundle the files came from);
  2. learns the rankers from those examples as the matcher does (`ranker.train`), and scores,
     with the command's own scorer (partner R@10, partner NGO/public R@10, handler R@10):
     - the learned rankers as the matcher orders their candidates (with the prior given
       third-sector entities and public bodies, `matching.CIVIC_PRIOR`): the command's figures;
     - the same by score alone (no prior);
     - the hand-set weights, both ways;
     - a ranker fitted on the bundle's own queries and answers (two folds by project,
       `evaluation.ceiling_rankings`): the bound of what learning the weights can give; a
       learned ranker far below it learns something from the history that the queries do not
       bear out;
     - the learned rankers with other priors (0 to 3): what each costs partners and gains
       third-sector entities and public bodies.
  3. prints the figures, and writes them as JSON with --json. Asserts nothing. Seconds, not
     minutes: the rankers are linear, the features saved. Not a `bench_*` script (`make bench`
     runs those without arguments): it reads what a run of the command saved.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from _venv import use_project_python

ROOT = use_project_python("ranker_gap", "numpy", "sklearn")

import numpy as np

from mentore.matcher import evaluation as ev
from mentore.matcher import ranker as rankers
from mentore.services import evaluation, matching

PRIORS = (0.0, 1.0, 1.5, 2.0, 2.5, 3.0)
COLUMNS = (("partner/all", "partner"), ("partner/ngo_public", "NGO/public"), ("handler/all", "handler"))


def _by(keys: np.ndarray) -> dict[str, np.ndarray]:
    """key → the indices of its rows, in the keys' order of first appearance (none without rows)."""
    if not keys.size:
        return {}
    order = np.argsort(keys, kind="stable")
    values, starts = np.unique(keys[order], return_index=True)
    parts = dict(zip(values.tolist(), np.split(order, starts[1:]), strict=True))
    return {str(k): parts[k] for k in dict.fromkeys(keys.tolist())}


def load(features: Path) -> tuple[dict[str, evaluation.Seen], dict[str, list[rankers.Group]]]:
    """(query id → its candidates as the matcher ranked them, task → the training examples)."""
    with np.load(features) as data:
        query, organisation, civic, matrix = data["query"], data["organisation"], data["civic"], data["matrix"]
    matrix = matrix.astype(np.float64)
    seen = {qid: evaluation.Seen(organisation[rows].tolist(), matrix[rows], civic[rows].tolist())
            for qid, rows in _by(query).items()}
    with np.load(evaluation.examples_path(features)) as data:
        task, example, label, key, matrix = data["task"], data["example"], data["label"], data["key"], data["matrix"]
    matrix = matrix.astype(np.float64)
    groups: dict[str, list[rankers.Group]] = {}
    for name, rows in _by(task).items():
        groups[name] = [rankers.Group(matrix[rows[part]], label[rows[part]], str(key[rows[part][0]]))
                        for part in _by(example[rows]).values()]
    return seen, groups


def measure(features: Path, bundle: Path) -> dict[str, dict[str, float]]:
    """Row name → column → R@10 (the rows and columns the script prints)."""
    queries = list(ev.read_jsonl(bundle / "queries.jsonl"))
    pool = {o["id"] for o in ev.read_jsonl(bundle / "organisations.jsonl") if (o.get("country") or "IT") == "IT"}
    seen, groups = load(features)
    tasks = sorted({q["task"] for q in queries})
    learned = {t: rankers.train(t, groups.get(t, [])) or rankers.hand_set(t) for t in tasks}
    hand = {t: rankers.hand_set(t) for t in tasks}
    ways = {
        "learned, as the matcher orders": evaluation.ranked_by(queries, seen, learned),
        "learned, by score alone": evaluation.ranked_by(queries, seen, learned, 0.0),
        "hand-set, as the matcher orders": evaluation.ranked_by(queries, seen, hand),
        "hand-set, by score alone": evaluation.ranked_by(queries, seen, hand, 0.0),
        "fitted on the queries (bound)": ev.ceiling_rankings(queries, seen),
        **{f"learned, prior {p:g}": evaluation.ranked_by(queries, seen, learned, p) for p in PRIORS},
    }
    out = {}
    for name, ranked in ways.items():
        figures = ev.score_partners(queries, pool, ranked)
        out[name] = {label: figures[key]["R@10"] for key, label in COLUMNS if key in figures}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("features", type=Path)
    parser.add_argument("--bundle", type=Path, default=ROOT.parent / "shared" / "bench" / "partners-dev")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures = measure(args.features, args.bundle)
    labels = [label for _, label in COLUMNS]
    print(f"{'R@10':34s}" + "".join(f"{label:>12s}" for label in labels))
    for name, row in figures.items():
        print(f"{name:34s}" + "".join(f"{row[label]:12.4f}" if label in row else f"{'':12s}" for label in labels))
    if args.json:
        args.json.write_text(json.dumps({"features": str(args.features), "bundle": str(args.bundle),
                                         "civic_prior": matching.CIVIC_PRIOR, "figures": figures}, indent=2))


if __name__ == "__main__":
    main()
