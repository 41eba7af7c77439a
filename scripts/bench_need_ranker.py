#!/usr/bin/env python3
"""The need ranker learned from people's answers, against the hand-set weights it starts from:
how well each ranks the answers it did not learn from, and where it puts the organisations
suggested for needs whose help is given on site.

usage: scripts/bench_need_ranker.py [--json PATH] [--keep]

What it does:
  1. starts its own Neo4j (var/neo4j/bench-need-ranker, reset first, free port, random
     password), loads the demo data set and embeds it, as `make demo` does, then its demo steps:
     the suggestions of the open needs, the demo's decisions on them (posters accept, contact,
     decline; organisations answer and offer), the suggestions again;
  2. takes people's answers as the need ranker's examples (`matching.feedback_groups`) and, for
     each way of learning (the hand-set weights; learned without a prior; learned drawn back to
     the hand-set weights as much as FEEDBACK_PRIOR answered needs, `ranker.FEEDBACK_PRIOR`):
     - held-out answers: five folds by need (`ranker.folds_of`), each ranked by what the other
       four taught; the mean reciprocal rank of the first organisation accepted (or that said it
       can help) among those answered, over the needs with at least one answer of each kind;
     - the open needs ranked by what all the answers taught, ten organisations each: the share of
       the first three seated outside the need's region, for needs whose help is given on site
       (`matching.given_on_site`) and for the others.
  3. prints the figures. Asserts nothing. The demo's decisions are generated (the poster accepts
     the first suggestion), not people's: they show how far a few dozen answers move a ranking,
     not what a site's answers would teach.
"""

from __future__ import annotations

from typing import Any

from _venv import use_project_python

ROOT = use_project_python("bench_need_ranker", "neo4j", "numpy")

from _demo import main_of

from graph.repositories import needs as needs_repo
from mentore.matcher import ranker as rankers
from mentore.services import matching, setup, suggestions

NEEDS = "MATCH (n:Need {status: 'open'}) RETURN n.id AS id ORDER BY n.id"
SEATS = "MATCH (o:Organisation)-[:LOCATED_IN]->(c:Territory) RETURN o.id AS id, c.id AS seat"
WAYS = {"hand-set": None, "learned, no prior": 0, "learned, prior (FEEDBACK_PRIOR)": rankers.FEEDBACK_PRIOR}


def _refresh(graph: Any, matcher: matching.Matcher) -> int:
    due = suggestions.needs_to_refresh(graph, False)
    for need_id in due:
        suggestions.refresh(matcher, graph, need_id)
    return len(due)


def _learn(groups: list[rankers.Group], prior: int | None) -> rankers.LinearRanker:
    if prior is None:
        return rankers.hand_set("need")
    return rankers.train("need", groups, prior_queries=prior) or rankers.hand_set("need")


def measure(graph: Any, matcher: matching.Matcher) -> dict[str, Any]:
    first = _refresh(graph, matcher)
    decided = setup.load_demo_decisions(graph).written
    again = _refresh(graph, matcher)
    groups = [g for g in matching.feedback_groups(graph) if g.labels.sum() > 0]
    folds = rankers.folds_of(groups)
    mixed = int(sum(g.labels.min() == 0 for g in groups))  # the needs with answers of both kinds
    seats = {r["id"]: matching.place_of(r["seat"]) for r in graph.read(SEATS)}
    needs = [needs_repo.find(graph, r["id"]) for r in graph.read(NEEDS)]
    ways: dict[str, Any] = {}
    for way, prior in WAYS.items():
        held_out = 0.0
        for fold in range(rankers.CV_FOLDS):
            learn = [g for g, f in zip(groups, folds, strict=True) if f != fold]
            test = [g for g, f in zip(groups, folds, strict=True) if f == fold and g.labels.min() == 0]
            held_out += rankers._reciprocal_rank(_learn(learn, prior), test)
        ranker = _learn(groups, prior)
        matcher.rankers = lambda _graph, ranker=ranker: {"need": ranker}  # this way's ranker, for this run
        outside: dict[str, list[bool]] = {"on site": [], "elsewhere": []}
        for need in needs:
            place = matching.place_of(need["territory"])
            query = matching.need_query(matcher, need, place)
            for s in matching.suggest_for_need(matcher, graph, need, query=query).items[:3]:
                seat = seats.get(s.organisation_id)
                outside["on site" if query.on_site else "elsewhere"].append(seat is None or seat.region != place.region)
        ways[way] = {"held-out MRR": held_out / mixed if mixed else None,
                     "needs held out": mixed, "source": ranker.source,
                     "method": ranker.meta.get("method", "hand-set"),
                     **{f"{group}: outside the region, first 3": sum(v) / len(v) if v else None
                        for group, v in outside.items()},
                     **{f"{group}: needs": len(v) // 3 for group, v in outside.items()}}
    return {"setup": {"needs refreshed": first, "decisions": decided, "refreshed again": again,
                      "answered needs": len(groups), "answers": int(sum(len(g.labels) for g in groups)),
                      "accepted or able": int(sum(g.labels.sum() for g in groups))},
            "ways": ways}


def report(fig: dict[str, Any]) -> None:
    s = fig["measures"]["setup"]
    print(f"\nThe demo's answers: {s['answers']} on {s['answered needs']} needs, {s['accepted or able']} accepted or "
          f"able to help ({s['decisions']} decisions; suggestions of {s['needs refreshed']} needs, then "
          f"{s['refreshed again']} again).")
    print(f"  {'way':34s} {'method':>10s} {'held-out MRR':>12s} {'(needs)':>7s}  "
          f"{'on site: outside the region, first 3':>36s}  {'others':>6s}")
    for way, m in fig["measures"]["ways"].items():
        mrr = m["held-out MRR"]
        print(f"  {way:34s} {m['method']:>10s} {'—' if mrr is None else f'{mrr:.3f}':>12s} {m['needs held out']:7d}  "
              f"{m['on site: outside the region, first 3']:36.3f}  {m['elsewhere: outside the region, first 3']:6.3f}")
    print(f"  (FEEDBACK_PRIOR = {rankers.FEEDBACK_PRIOR} answered needs; held-out: five folds by need, the needs "
          f"with an answer of each kind)")
    print(f"\nRun in {fig['runtime_s']:.0f} s.")


if __name__ == "__main__":
    main_of(__doc__, "bench-need-ranker", measure, report)
