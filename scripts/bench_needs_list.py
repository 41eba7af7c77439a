#!/usr/bin/env python3
"""The needs' pages on a platform with years of needs behind it: the public list (the first
page, a deep one: the 200th, or the last when there are fewer; a text, a region, a status, one
organisation's needs, those an organisation helped to meet), its API, a need's page, an
organisation's page, its own list, the needs it could answer and the admins' report, p50/p95
each, next to the floor measured in the same run (GET /healthz: one RETURN 1 through the same
app).

usage: scripts/bench_needs_list.py [--needs 100000] [--active 0.1] [--suggestions 5] [--requests 20]
                                   [--json PATH] [--keep]

What it does:
  1. starts its own Neo4j (var/neo4j/bench-needs-list, reset first, free port, random password),
     applies the schema and the reference data, loads the demo data set and embeds it, as
     `make demo` does;
  2. adds --needs needs, copies of the demo's published needs (poster, text, place, activity,
     competencies), created over the past years: a share --active of them still open, matched or
     in progress, with their source's vector moved a little (cosine about 0.9), the others met,
     closed or expired, without a vector; each with --suggestions suggestions of organisations
     drawn at random, decided on as its status says (the first one chosen for a matched, in
     progress or met need; the others proposed, answered yes or no, contacted or declined), the
     one chosen for a met need named as having helped to meet it;
  3. asks each page --requests times in this process (the Flask test client: the view, its
     queries and its template; no HTTP), anonymously, as a member of the organisation with most
     needs, or as a platform admin, and prints p50/p95 per page. Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from _figures import summary
from _venv import use_project_python

ROOT = use_project_python("bench_needs_list", "neo4j", "numpy", "flask")

import numpy as np
from _demo import PAST_STATUSES, clone_needs, demo_instance, finish, home_of, moved

from graph.repositories import needs as needs_repo
from graph.repositories import people
from mentore import create_app, jobs
from mentore.services import needs as needs_service
from mentore.services import suggestions

SOURCES = """
MATCH (n:Need) WHERE n.status <> 'draft'
RETURN n.id AS id, n.embedding AS vector ORDER BY n.id
"""
BUSIEST = """
MATCH (p:Person)-[:MEMBER_OF]->(o:Organisation)-[:POSTED]->(n:Need)
WITH p, o, count(n) AS needs ORDER BY needs DESC, p.id LIMIT 1
RETURN p.id AS person, o.id AS organisation, needs
"""
A_REGION = """
MATCH (n:Need)-[:IN]->(:Territory)-[:PART_OF*0..2]->(r:Territory {level: 'regione'})
RETURN r.id AS id, count(n) AS needs ORDER BY needs DESC LIMIT 1
"""
AN_ACTIVE_NEED = "MATCH (n:ActiveNeed) WHERE n.id STARTS WITH 'copy-' RETURN n.id AS id ORDER BY n.id LIMIT 1"
PUBLISHED = "MATCH (n:Need) WHERE n.status <> 'draft' RETURN count(n) AS needs"
#: The deep page of the public list asked for (the last one when the list has fewer pages: a page
#: past the end is redirected to it).
DEEP_PAGE = 200


# Suggestions of the copies: each row {need, organisation, id, status, availability}; what a
# need's suggestions hold once people decided on them (the organisation chosen, contacted,
# declined, answers), without reasons or features (the pages here do not read them).
ADD_SUGGESTIONS = """
UNWIND $rows AS row
MATCH (n:Need {id: row.need}), (o:Organisation {id: row.organisation})
CREATE (n)<-[:FOR]-(s:Suggestion {id: row.id, status: row.status, availability: row.availability,
                                  created_at: n.created_at, rank: row.rank})-[:PROPOSES]->(o)
SET s.answered_at = CASE WHEN row.availability IS NULL THEN null ELSE n.created_at + duration({days: 2}) END,
    s.decided_at = CASE WHEN row.status = 'proposed' THEN null ELSE n.created_at + duration({days: 5}) END
"""
# The organisation chosen for a met copy helped to meet it, as the poster says on the met page.
ADD_HELPERS = """
MATCH (n:Need {status: 'met'})<-[:FOR]-(s)-[:PROPOSES]->(o:Organisation)
WHERE n.id STARTS WITH 'copy-' AND s.status = 'accepted'
CALL (n, s, o) {
  MERGE (n)-[m:MET_WITH]->(o)
  SET m.at = n.created_at + duration({days: 30}), s.helped = true
} IN TRANSACTIONS OF 5000 ROWS
"""
BUSIEST_HELPER = """
MATCH (o:Organisation)<-[:MET_WITH]-(n:Need)
WITH o, count(n) AS needs ORDER BY needs DESC, o.id LIMIT 1
RETURN o.id AS organisation, needs
"""
ORGANISATIONS = "MATCH (o:Organisation) WHERE coalesce(o.country, 'IT') = 'IT' RETURN o.id AS id ORDER BY id"
#: How the copies' suggestions stand, by the copy's status: the first suggestion's status and
#: availability (the organisation chosen, or not), the others' drawn from OTHERS.
FIRST = {"open": ("proposed", None), "matched": ("accepted", "yes"), "in_progress": ("accepted", "yes"),
         "met": ("accepted", "yes"), "closed": ("declined", None), "expired": ("proposed", None)}
OTHERS = (("proposed", None), ("proposed", None), ("proposed", "yes"), ("contacted", None), ("proposed", "no"),
          ("declined", None))


def add_suggestions(graph: Any, copies: list[dict[str, Any]], per_need: int, seed: int = 13,
                    batch: int = 1_000) -> int:
    """``per_need`` suggestions for each copy (see ADD_SUGGESTIONS), of organisations drawn at
    random; how many."""
    rng = np.random.default_rng(seed)
    organisations = [r["id"] for r in graph.read(ORGANISATIONS)]
    rows = []
    for copy in copies:
        chosen = rng.choice(len(organisations), size=per_need, replace=False)
        for rank, k in enumerate(chosen):
            status, availability = FIRST[copy["status"]] if rank == 0 else OTHERS[int(rng.integers(len(OTHERS)))]
            rows.append({"need": copy["id"], "organisation": organisations[k], "id": f"{copy['id']}-s{rank}",
                         "status": status, "availability": availability, "rank": rank + 1})
    started = time.perf_counter()
    for start in range(0, len(rows), batch * per_need):
        graph.write(ADD_SUGGESTIONS, rows=rows[start:start + batch * per_need])
        print(f"\r  {min(start + batch * per_need, len(rows))}/{len(rows)} suggestions "
              f"({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr)
    print(file=sys.stderr)
    return len(rows)


def add_needs(graph: Any, total: int, active_share: float,
              seed: int = 11) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """``total`` copies of the demo's published needs (see the module's docstring): how many are
    active and past, and the copies' rows (CLONE_NEEDS)."""
    rng = np.random.default_rng(seed)
    sources = graph.read(SOURCES)
    rows, counts = [], {"active": 0, "past": 0}
    for i in range(total):
        source = sources[i % len(sources)]
        active = rng.random() < active_share and source["vector"] is not None
        vector = moved(source["vector"], rng) if active else None
        rows.append({"id": f"copy-{i}", "source": source["id"], "vector": vector,
                     "status": (needs_repo.ACTIVE_STATUSES if active else PAST_STATUSES)[i % 3],
                     "age": int(rng.integers(1, 5 * 365))})
        counts["active" if active else "past"] += 1
    started = time.perf_counter()

    def progress(done: int) -> None:
        print(f"\r  {done}/{total} needs ({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr)

    clone_needs(graph, rows, progress=progress)
    print(file=sys.stderr)
    return counts, rows


def timed(client: Any, path: str, requests: int) -> dict[str, float]:
    samples = []
    client.get(path)  # warm: the plan cached, the pages read in
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
    figures = summary(samples)
    return {"p50": figures["p50"], "p95": figures["p95"]}


def measure(graph: Any, instance: Any, needs: int, active_share: float, requests: int,
            suggestions_per_need: int) -> dict[str, Any]:
    added, copies = add_needs(graph, needs, active_share)
    if suggestions_per_need:
        added["suggestions"] = add_suggestions(graph, copies, suggestions_per_need)
        with graph.driver.session(database=graph.database) as session:
            session.run(ADD_HELPERS).consume()  # CALL {} IN TRANSACTIONS needs an auto-commit run
    busiest = graph.read(BUSIEST)[0]
    helper = (graph.read(BUSIEST_HELPER) or [busiest])[0]
    admin = people.create(graph, name="Amministrazione", email="bench-admin@example.it", password_hash=None,
                          roles=("platform_admin",)).id
    region, need = graph.read(A_REGION)[0]["id"], graph.read(AN_ACTIVE_NEED)[0]["id"]
    per_page = needs_service.DEFAULT_PER_PAGE
    deep = min(DEEP_PAGE, max(1, -(-graph.read(PUBLISHED)[0]["needs"] // per_page)))
    app = create_app({"CONFIG": "testing", "NEO4J_URI": instance.uri, "NEO4J_PASSWORD": instance.password})
    anonymous, member, platform = app.test_client(), app.test_client(), app.test_client()
    for client, person_id in ((member, busiest["person"]), (platform, admin)):
        person = people.get(graph, person_id)
        with client.session_transaction() as session:
            session["_user_id"] = f"{person.id}.{person.session_version}"
            session["_fresh"] = True
    pages = {
        "floor: /healthz": (anonymous, "/healthz"),
        "the public list, first page": (anonymous, "/bisogni"),
        f"the public list, page {deep}": (anonymous, f"/bisogni?page={deep}"),
        "the public list, a text": (anonymous, "/bisogni?q=volontari+anziani"),
        "the public list, the busiest region": (anonymous, f"/bisogni?territory={region}"),
        "the public list, open ones": (anonymous, "/bisogni?status=open"),
        f"the public list, one organisation's ({busiest['needs']})": (
            anonymous, f"/bisogni?organisation={busiest['organisation']}"),
        f"the public list, those one helped to meet ({helper['needs']})": (
            anonymous, f"/bisogni?helped_by={helper['organisation']}"),
        "the API's list": (anonymous, "/api/v1/needs"),
        "a need's page": (anonymous, f"/bisogni/{need}"),
        "the page of the organisation with most needs": (anonymous, f"/organizzazioni/{busiest['organisation']}"),
        f"an organisation's own needs ({busiest['needs']})": (member, "/bisogni/mine"),
        "the needs an organisation could answer": (member, f"/organizzazioni/{busiest['organisation']}/bisogni-vicini"),
        "the admins' report, last 12 months": (platform, "/admin/bisogni"),
    }
    print(f"Asking each page {requests} times...", file=sys.stderr)
    ms = {name: timed(client, path, requests) for name, (client, path) in pages.items()}
    jobs.jobs_of(app).drain()  # the app's background jobs end before its Neo4j stops
    return {"needs added": added, "requests": requests, "suggested per need": suggestions.SUGGESTIONS_PER_NEED,
            "ms": ms}


def report(fig: dict[str, Any]) -> None:
    m = fig["measures"]
    print(f"\nNeeds' pages with {m['needs added']['active']} active and {m['needs added']['past']} past needs added "
          f"to the demo's, with {m['needs added'].get('suggestions', 0)} suggestions ({m['requests']} requests each, "
          "in process):")
    for name, t in m["ms"].items():
        print(f"  {name:52s} p50 {t['p50']:7.1f} ms  p95 {t['p95']:7.1f} ms")
    print(f"\nRun in {fig['runtime_s']:.0f} s.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--needs", type=int, default=100_000)
    parser.add_argument("--active", type=float, default=0.1, help="share of the needs added still active")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--suggestions", type=int, default=5,
                        help="suggestions of each need added, decided on as its status says (0: none)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the instance's home folder (it is stopped)")
    args = parser.parse_args()
    started = time.perf_counter()
    with demo_instance("bench-needs-list", keep=args.keep) as (graph, _, instance):
        fig = {"command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]), "home": str(home_of("bench-needs-list")),
               "measures": measure(graph, instance, args.needs, args.active, args.requests, args.suggestions)}
    finish(fig, started, report, args.json)


if __name__ == "__main__":
    main()
