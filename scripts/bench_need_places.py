#!/usr/bin/env python3
"""Where the organisations suggested for a need are: how many of the first three and of the
first ten are seated outside the need's region (and province), for needs whose help is given on
site (`matching.ON_SITE_HELP`: volunteers, a space, equipment; or any the poster says must be
given in person, `in_person`) and for the others, the way the matcher ranks them now (for help
given on site, only organisations based or working in the need's region, `matching.on_site_region`,
and the territory counted once more, `territory_on_site`, weighed as `ranker.HAND_SET` says) next
to the baseline measured in the same run (neither: how the matcher ranked every need before).
Also what the text gives up for it: the mean text closeness of the first three (1: the closest
profile among the candidates, 0: 0.4 behind).

usage: scripts/bench_need_places.py [--json PATH] [--keep]

What it does:
  1. starts its own Neo4j (var/neo4j/bench-need-places, reset first, free port, random
     password), applies the schema and the reference data, loads the demo data set
     (`setup.load_demo`) and embeds it with the default model, as `make demo` does (the need
     ranker has its hand-set weights: the demo's needs have no decisions here);
  2. ranks every open need of the demo both ways, ten organisations each, the poster left out;
  3. prints the figures per kind of help and both ways. Asserts nothing.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import replace
from typing import Any

from _venv import use_project_python

ROOT = use_project_python("bench_need_places", "neo4j", "numpy")

from _demo import main_of

from graph.repositories import needs as needs_repo
from mentore.matcher.features import INDEX
from mentore.services import matching

NEEDS = "MATCH (n:Need {status: 'open'}) RETURN n.id AS id ORDER BY n.id"
SEATS = "MATCH (o:Organisation)-[:LOCATED_IN]->(c:Territory) RETURN o.id AS id, c.id AS seat"
WAYS = ("region and territory_on_site", "baseline: neither")


def share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def measure(graph: Any, matcher: matching.Matcher) -> dict[str, Any]:
    seats = {r["id"]: matching.place_of(r["seat"]) for r in graph.read(SEATS)}
    rows: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for record in graph.read(NEEDS):
        need = needs_repo.find(graph, record["id"])
        place = matching.place_of(need["territory"])
        query = matching.need_query(matcher, need, place)
        group = "on site" if query.on_site else "elsewhere"
        found = {}
        for way in WAYS:
            if way == WAYS[0]:
                items = matching.suggest_for_need(matcher, graph, need, query=query).items
            else:  # the need's requirements given: they alone, not the region of help given on site
                items = matching.suggest_for_need(matcher, graph, need, query=replace(query, on_site=False),
                                                  eligible=matching.need_eligibility(need)).items
            found[way] = [s.organisation_id for s in items]
            out = rows[(group, way)]
            for rank, s in enumerate(items, 1):
                seat = seats.get(s.organisation_id)
                other_region = seat is None or seat.region != place.region
                other_province = seat is None or seat.province != place.province
                out["region 10"].append(other_region)
                out["province 10"].append(other_province)
                if rank <= 3:
                    out["region 3"].append(other_region)
                    out["province 3"].append(other_province)
                    out["text 3"].append(s.features[INDEX["text_similarity"]])
        a, b = found.values()
        rows[(group, WAYS[0])]["in common"].append(len(set(a) & set(b)) / max(len(a), len(b), 1))
        rows[(group, WAYS[0])]["needs"].append(1)
    return {f"{group} / {way}": {"needs": len(rows[(group, WAYS[0])]["needs"]),
                                 "outside the region, first 3": share(r["region 3"]),
                                 "outside the region, first 10": share(r["region 10"]),
                                 "outside the province, first 3": share(r["province 3"]),
                                 "text closeness, first 3": statistics.fmean(r["text 3"]) if r["text 3"] else None,
                                 **({"first ten in common": statistics.fmean(r["in common"])}
                                    if way == WAYS[0] else {})}
            for (group, way), r in sorted(rows.items())}


def report(fig: dict[str, Any]) -> None:
    print(f"\nWhere the suggestions of the demo's open needs are ({fig['graph']['organisations']} organisations; "
          f"help given on site: {', '.join(sorted(matching.ON_SITE_HELP))}, or in person):")
    print(f"  {'needs / way':38s} {'needs':>5s}  {'region, 3':>9s} {'region, 10':>10s} {'province, 3':>11s} "
          f"{'text, 3':>7s}  first ten in common")
    for label, m in fig["measures"].items():
        common = m.get("first ten in common")
        print(f"  {label:38s} {m['needs']:5d}  {m['outside the region, first 3']:9.3f} "
              f"{m['outside the region, first 10']:10.3f} {m['outside the province, first 3']:11.3f} "
              f"{m['text closeness, first 3']:7.3f}  {'' if common is None else f'{common:.3f}'}")
    print("  (region, province: the share seated outside the need's; text: mean text closeness)")
    print(f"\nRun in {fig['runtime_s']:.0f} s.")


if __name__ == "__main__":
    main_of(__doc__, "bench-need-places", measure, report,
            about=lambda graph: {"graph": graph.read("MATCH (o:Organisation) RETURN count(o) AS organisations")[0]})
