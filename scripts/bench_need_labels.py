#!/usr/bin/env python3
"""How often the activity and the competencies the need form proposes from the text
(`services.need_labels`, prototypes of `mentore/matcher/labels.py`, read from the need's title,
description and beneficiaries) are those the poster chose,
next to baselines measured in the same run: the labels' names alone, their examples alone, and
the most frequent labels (what a form would propose without reading the text).

The demo's needs are written from 97 templates (mentore/demo/content.py): needs of the same
template share their title and their labels. Each template is measured once, on its first need,
with every need of that template left out of the examples: the proposals never see the answer
nor its siblings. The organisations' profiles stay (they are the examples a new need finds).
The same figures for the organisation profile's form (name and description), each organisation
left out of the examples itself; the others of its demo theme stay, so those are optimistic.

usage: scripts/bench_need_labels.py [--json PATH] [--keep]

What it does:
  1. starts its own Neo4j (var/neo4j/bench-need-labels, reset first, free port, random
     password), applies the schema and the reference data, loads the demo data set and embeds
     it with the default model, as `make demo` does;
  2. reads every label's examples as the form's service does (`labels.label_examples`);
  3. for each template: the prototypes without its needs, the proposals for its first need's
     title, description and beneficiaries, and the baselines; then for each organisation with a
     description, without itself; prints the figures. Asserts nothing.

Figures: activity, first proposed / any of the 3 proposed is the need's; competencies, the share
of the need's competencies among the 5 proposed (recall) and of the 5 proposed that are the
need's (precision), and whether the first proposed is one of them.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from _venv import use_project_python

ROOT = use_project_python("bench_need_labels", "neo4j", "numpy")

import numpy as np
from _demo import main_of

from graph.repositories import labels as labels_repo
from mentore.demo import content
from mentore.demo.generator import _euphony
from mentore.matcher.labels import TEXT_WEIGHT, LabelSet, prototypes
from mentore.services import need_labels

NEEDS = """
MATCH (n:Need) WHERE n.status <> 'draft'
OPTIONAL MATCH (n)-[:CONCERNS]->(a:Activity)
OPTIONAL MATCH (n)-[:REQUIRES]->(c:Competency)
RETURN n.id AS id, n.title AS title, n.description AS description, n.beneficiaries AS beneficiaries,
       collect(DISTINCT a.code) AS activities,
       collect(DISTINCT c.id) AS competencies ORDER BY n.id
"""
ORGANISATIONS = """
MATCH (o:Organisation) WHERE coalesce(o.description, '') <> ''
RETURN o.id AS id, o.name AS name, o.description AS description, coalesce(o.activity_codes, []) AS activities,
       coalesce(o.competency_ids, []) AS competencies ORDER BY o.id
"""
WAYS = ("prototypes (the form's)", "names alone", "examples alone", "most frequent")


def template_of(title: str, titles: list[str]) -> str | None:
    """The demo template a need's title comes from (titles get ", Comune" or "(Comune, year)")."""
    found = [t for t in titles if title == t or title.startswith(t + " ")]
    return max(found, key=len) if found else None


def label_sets(examples: dict[str, list[dict[str, Any]]], names: dict[str, np.ndarray], left_out: set[str],
               weight: float, model: str, names_only: bool = False) -> dict[str, LabelSet]:
    """The prototypes without the examples whose id is in ``left_out`` (needs or organisations)."""
    sets = {}
    for vocabulary, rows in examples.items():
        vectors = []
        for row in rows:
            pairs = [*zip(row["organisations"], row["organisation_vectors"], strict=True),
                     *zip(row["needs"], row["need_vectors"], strict=True)]
            kept = [] if names_only else [v for i, v in pairs if i not in left_out]
            vectors.append(np.asarray(kept, dtype=np.float32))
        sets[vocabulary] = prototypes([r["id"] for r in rows], names[vocabulary], vectors, model, weight)
    return sets


def examples_alone(sets: dict[str, LabelSet], examples: dict[str, list[dict[str, Any]]], vector: np.ndarray,
                   vocabulary: str, limit: int, left_out: set[str]) -> list[str]:
    """The closest labels by the mean of their examples alone; labels without examples last."""
    ranked = sets[vocabulary].closest(vector, len(sets[vocabulary].ids))
    has = {r["id"] for r in examples[vocabulary] if set(r["organisations"]) - left_out or set(r["needs"]) - left_out}
    return [label for label, _ in ranked if label in has][:limit] or [label for label, _ in ranked][:limit]


def score(cases: list[dict[str, Any]], examples: dict[str, list[dict[str, Any]]], names: dict[str, np.ndarray],
          matcher: Any, frequent: tuple[list[str], list[str]]) -> dict[str, dict[str, float | None]]:
    """Each way's figures over ``cases`` ({text, left_out, activities, competencies})."""
    scores: dict[str, dict[str, list[float]]] = {way: {k: [] for k in ("a1", "a3", "cR", "cP", "c1")} for way in WAYS}
    a_k, c_k = need_labels.ACTIVITIES_PROPOSED, need_labels.COMPETENCIES_PROPOSED
    vectors = matcher.encode([case["text"] for case in cases])
    for case, vector in zip(cases, vectors, strict=True):
        left_out = case["left_out"]
        both = label_sets(examples, names, left_out, TEXT_WEIGHT, matcher.model)
        only_names = label_sets(examples, names, left_out, TEXT_WEIGHT, matcher.model, names_only=True)
        only_examples = label_sets(examples, names, left_out, 0.0, matcher.model)
        proposed = {
            WAYS[0]: ([a for a, _ in both["activity"].closest(vector, a_k)],
                      [c for c, _ in both["competency"].closest(vector, c_k)]),
            WAYS[1]: ([a for a, _ in only_names["activity"].closest(vector, a_k)],
                      [c for c, _ in only_names["competency"].closest(vector, c_k)]),
            WAYS[2]: (examples_alone(only_examples, examples, vector, "activity", a_k, left_out),
                      examples_alone(only_examples, examples, vector, "competency", c_k, left_out)),
            WAYS[3]: (frequent[0][:a_k], frequent[1][:c_k]),
        }
        truth_a, truth_c = set(case["activities"]), set(case["competencies"])
        for way, (activities, competencies) in proposed.items():
            s = scores[way]
            if truth_a:
                s["a1"].append(float(bool(activities) and activities[0] in truth_a))
                s["a3"].append(float(bool(set(activities) & truth_a)))
            if truth_c:
                hits = len(set(competencies) & truth_c)
                s["cR"].append(hits / len(truth_c))
                s["cP"].append(hits / max(len(competencies), 1))
                s["c1"].append(float(bool(competencies) and competencies[0] in truth_c))
    return {way: {k: statistics.fmean(v) if v else None for k, v in s.items()} for way, s in scores.items()}


def measure(graph: Any, matcher: Any) -> dict[str, Any]:
    examples = labels_repo.label_examples(graph, matcher.model, need_labels.PER_LABEL)
    names = {vocabulary: matcher.encode([r["name"] for r in rows]) for vocabulary, rows in examples.items()}
    titles = [_euphony(t["title"]) for theme in content.THEMES.values() for t in theme["needs"]]
    titles += [_euphony(t["title"]) for needs in content.PUBLIC_NEEDS.values() for t in needs]
    needs = graph.read(NEEDS)
    groups: dict[str, list[dict[str, Any]]] = {}
    for need in needs:
        groups.setdefault(template_of(need["title"], titles) or need["title"], []).append(need)
    frequent = ([code for code, _ in Counter(a for n in needs for a in n["activities"]).most_common()],
                [cid for cid, _ in Counter(c for n in needs for c in n["competencies"]).most_common()])
    need_cases = [{"text": need_labels.text_of(first["title"], first["description"], first["beneficiaries"]),
                   "left_out": {n["id"] for n in siblings}, "activities": first["activities"],
                   "competencies": first["competencies"]}
                  for first, siblings in ((siblings[0], siblings) for siblings in groups.values())]
    organisations = graph.read(ORGANISATIONS)
    org_frequent = ([code for code, _ in Counter(a for o in organisations for a in o["activities"]).most_common()],
                    [cid for cid, _ in Counter(c for o in organisations for c in o["competencies"]).most_common()])
    org_cases = [{"text": need_labels.text_of(o["name"], o["description"]), "left_out": {o["id"]},
                  "activities": o["activities"], "competencies": o["competencies"]} for o in organisations]
    return {"templates": len(groups), "needs": len(needs), "organisations": len(organisations),
            "examples": {v: sum(len(r["organisations"]) + len(r["needs"]) for r in rows)
                         for v, rows in examples.items()},
            "ways": score(need_cases, examples, names, matcher, frequent),
            "organisation_ways": score(org_cases, examples, names, matcher, org_frequent)}


def table(ways: dict[str, dict[str, float | None]]) -> None:
    print(f"  {'way':26s} {'activity, first':>15s} {'activity, in 3':>14s} {'comp. recall@5':>14s} "
          f"{'comp. precision@5':>17s} {'comp., first':>12s}")
    for way, s in ways.items():
        print(f"  {way:26s} {s['a1']:15.3f} {s['a3']:14.3f} {s['cR']:14.3f} {s['cP']:17.3f} {s['c1']:12.3f}")


def report(fig: dict[str, Any]) -> None:
    m = fig["measures"]
    print(f"\nProposals from the text on the demo's needs: {m['templates']} templates measured once each "
          f"({m['needs']} published needs), their needs left out of the examples; examples: "
          f"{m['examples']['activity']} for the activities, {m['examples']['competency']} for the competencies.")
    table(m["ways"])
    print(f"\nThe same for the {m['organisations']} organisations with a description (the profile's form: name "
          f"and description), each left out of the examples itself; others of its theme stay (optimistic):")
    table(m["organisation_ways"])
    print(f"\nRun in {fig['runtime_s']:.0f} s.")


if __name__ == "__main__":
    main_of(__doc__, "bench-need-labels", measure, report)
