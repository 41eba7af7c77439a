#!/usr/bin/env python3
"""Forum benchmark: a community with 10,000 topics (replies spread among them) and one topic with
500 replies, in a throwaway Neo4j; the real app served over HTTP on 127.0.0.1 (gunicorn, 2
workers, as `make run`); p50/p95/max of the pages that must hold up, next to a baseline
measured in the same run (GET /healthz: HTTP plus one Neo4j round trip).

usage: scripts/bench_forum.py [--topics 10000] [--big-replies 500] [--requests 200] [--warm-up 10]
                              [--server gunicorn|werkzeug] [--heap 1g] [--pagecache 512m]
                              [--json FILE] [--keep]

What it does:
  1. starts its own Neo4j (var/neo4j/bench-forum, reset first, free port, random password),
     applies the schema (with the forum's indexes) and loads the reference data;
  2. writes 300 people, one community (ABOUT a, c; two facilitators; everybody a member) and
     `--topics` topics whose texts are the demo's Italian forum discussions (mentore.demo.content
     COMMUNITIES) recombined, with Markdown here and there (bold, lists, links, @mentions),
     replies spread as forums are (many topics with none or a few, some with dozens), a few
     hidden replies and topics, three pinned topics, accepted solutions and reactions; plus one
     topic with `--big-replies` replies, the most recently active. Every node carries the
     SPEC's properties (community_id, topic_id, number, last_number, last_activity_at,
     reply_count of visible replies, version, hidden, pinned, locked). All writes are
     `UNWIND` batches;
  3. serves the app (production config, matcher not warmed) on a free port, warms every URL up,
     then times `--requests` sequential GETs of each URL, anonymous and, for the two topic pages,
     as a signed-in member (personal API token: the member's roles and reactions are read too);
     the JSON API's deep pages and the facilitator cockpit of the big community are timed too;
  4. prints p50 / p95 / max / mean in ms and the page sizes; the machine's load average at start
     and before measuring; `--json FILE` writes the same figures. Asserts nothing (but fails if a
     page does not answer 200 or misses the content it should have).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _figures import summary
from _machine import other_neo4j_servers, warning
from _venv import use_project_python

ROOT = use_project_python("bench_forum", "neo4j")

from graph import DriverSettings, Graph, connect, server
from graph.repositories import people as people_repo
from mentore.demo import content as C
from mentore.services import accounts, setup

SLUG = "bench-anziani-fragilita"
COMMUNITY_ID = "bench-community"
BIG_TOPIC_ID = "bench-topic-500"
PEOPLE = 300
POSTS_PER_PAGE = 20  # the forum's pages of replies (mentore.services.forum.POSTS_PER_PAGE)
TOPICS_PER_PAGE = 20  # the forum's pages of topics
BATCH = 2000
NOW = time.time()
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mentore.example.it/bench-forum")

# ----------------------------------------------------------------------------- Cypher (UNWIND batches)

WRITE_PEOPLE = """
UNWIND $rows AS row
CREATE (p:Person {id: row.id, name: row.name, email: row.email, roles: [], locale: 'it', active: true,
                  session_version: 0, digest: 'none', created_at: datetime(row.created_at)})
"""

WRITE_COMMUNITY = """
CREATE (c:Community {id: $id, slug: $slug, name: $name, description: $description, membership_mode: 'open',
                     created_at: datetime($created_at), updated_at: datetime($created_at)})
WITH c
CALL (c) {
  UNWIND $activities AS code
  MATCH (a:Activity {code: code})
  CREATE (c)-[:ABOUT]->(a)
}
CALL (c) {
  UNWIND $members AS pid
  MATCH (p:Person {id: pid})
  CREATE (p)-[:BELONGS_TO {since: c.created_at}]->(c)
  CREATE (p)-[:FOLLOWS {since: c.created_at}]->(c)
}
CALL (c) {
  UNWIND $facilitators AS pid
  MATCH (p:Person {id: pid})
  CREATE (p)-[:FACILITATES]->(c)
}
"""

WRITE_TOPICS = """
UNWIND $rows AS row
MATCH (c:Community {id: $community}), (a:Person {id: row.author})
CREATE (t:Topic {id: row.id, title: row.title, body: row.body, community_id: c.id,
                 created_at: datetime(row.created_at), updated_at: datetime(row.created_at),
                 last_activity_at: datetime(row.last_activity_at), reply_count: row.reply_count,
                 last_number: row.last_number, pinned: row.pinned, locked: row.locked, hidden: row.hidden,
                 version: 1})
CREATE (t)-[:IN]->(c)
CREATE (a)-[:WROTE]->(t)
"""

WRITE_POSTS = """
UNWIND $rows AS row
MATCH (t:Topic {id: row.topic}), (a:Person {id: row.author})
CREATE (p:Post {id: row.id, body: row.body, topic_id: t.id, number: row.number,
                created_at: datetime(row.created_at), updated_at: datetime(row.created_at),
                hidden: row.hidden, version: 1})
CREATE (p)-[:IN]->(t)
CREATE (a)-[:WROTE]->(p)
"""

WRITE_LINKS = """
UNWIND $rows AS row
MATCH (t:Topic {id: row.topic})
OPTIONAL MATCH (s:Post {id: row.solution})
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | CREATE (t)-[:SOLVED_BY]->(s))
WITH t, row
CALL (t, row) {
  UNWIND row.reactions AS r
  MATCH (who:Person {id: r.person}), (x:Post {id: r.post})
  MERGE (who)-[re:REACTED {kind: r.kind}]->(x)
  ON CREATE SET re.at = x.created_at
}
"""

COUNTS = """
MATCH (c:Community {id: $community})
RETURN COUNT { (:Topic)-[:IN]->(c) } AS topics,
       COUNT { (:Post)-[:IN]->(:Topic)-[:IN]->(c) } AS posts,
       COUNT { (:Post)-[:IN]->(:Topic {id: $big}) } AS big_replies,
       COUNT { (t:Topic)-[:IN]->(c) WHERE t.pinned } AS pinned,
       COUNT { (t:Topic)-[:IN]->(c) WHERE t.hidden } AS hidden_topics,
       COUNT { (:Person)-[:REACTED]->() } AS reactions
"""

# ----------------------------------------------------------------------------- synthetic forum


class Texts:
    """Titles, opening texts and replies of the demo's discussions, placeholders filled."""

    def __init__(self) -> None:
        self.titles: list[str] = []
        self.bodies: list[str] = []
        self.replies: list[str] = []
        for community in C.COMMUNITIES:
            for topic in community.get("topics", ()):
                self.titles.append(topic["title"])
                self.bodies.append(topic["body"])
                self.replies += [text for _who, text in topic.get("replies", ())]
        if not self.titles:
            raise SystemExit("bench_forum: the demo content has no forum discussions to draw from")
        self.towns = [town for towns in C.TOWNS.values() for town in towns]

    def fill(self, text: str, rng: random.Random, names: Sequence[str]) -> str:
        """The demo's placeholders ({comune}, {r1}, {prev}, ...) with a town or a person's name."""
        slots = _Slots(lambda key: rng.choice(self.towns) if key == "comune" else rng.choice(names).split()[0])
        return string.Formatter().vformat(text, (), slots)


class _Slots(dict):
    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> str:
        return self.make(key)


OPENINGS = ("", "", "", "Domanda per tutti: ", "Aggiornamento: ", "Esperienze? ", "Consiglio: ", "Bando: ")
MARKDOWN_EXTRAS = (
    "",
    "",
    "\n\nIn sintesi:\n\n- chi coinvolgere\n- quanto costa\n- come misurare i risultati",
    "\n\n**Importante**: scriveteci entro fine mese.",
    "\n\nMateriale utile: [la guida del CSV](https://www.csvnet.it/) e il *regolamento* interno.",
    "\n\n> Il volontariato è la risposta di una comunità che si prende cura di sé.",
)


def _iso(seconds_ago: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW - seconds_ago))


def _replies_count(rng: random.Random) -> int:
    """As forums are: a third without replies, most with a few, some long threads."""
    return rng.choices((0, 1, 2, 3, 4, 5, 7, 10, 15, 25, 40), weights=(30, 14, 12, 10, 8, 7, 6, 5, 4, 3, 1))[0]


@dataclass
class Forum:
    people: list[dict[str, Any]]
    topics: list[dict[str, Any]]
    posts: list[dict[str, Any]]
    links: list[dict[str, Any]]


def synthesise(n_topics: int, big_replies: int, seed: int = 7) -> Forum:
    rng = random.Random(seed)  # noqa: S311 - test data
    texts = Texts()
    persons = []
    for i in range(PEOPLE):
        first = rng.choice(C.FEMALE_NAMES + C.MALE_NAMES)
        name = f"{first} {rng.choice(C.SURNAMES_ITALY)}"
        persons.append({"id": str(uuid.uuid5(NAMESPACE, f"person:{i}")), "name": name,
                       "email": f"persona{i}@bench.example.it", "created_at": _iso(400 * 86400)})
    names = [p["name"] for p in persons]
    topics: list[dict[str, Any]] = []
    posts: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []

    def add_topic(topic_id: str, created_ago: float, n_replies: int, pinned: bool = False) -> None:
        author = rng.choice(persons)
        title = rng.choice(OPENINGS) + rng.choice(texts.titles)
        title = f"{title} ({len(topics) + 1})" if len(title) < 150 else title
        body = texts.fill(rng.choice(texts.bodies), rng, names) + rng.choice(MARKDOWN_EXTRAS)
        hidden_topic = rng.random() < 0.01 and not pinned and topic_id != BIG_TOPIC_ID
        last_visible, visible, thread = created_ago, 0, []
        step = created_ago / (n_replies + 1)
        for number in range(1, n_replies + 1):
            ago = max(60.0, created_ago - number * step * rng.uniform(0.6, 1.0))
            who = rng.choice(persons)
            text = texts.fill(rng.choice(texts.replies), rng, names)
            if rng.random() < 0.15:
                text = f"@[{rng.choice(names)}] " + text
            text += rng.choice(MARKDOWN_EXTRAS) if rng.random() < 0.3 else ""
            hidden = rng.random() < 0.02
            post_id = str(uuid.uuid5(NAMESPACE, f"post:{topic_id}:{number}"))
            thread.append({"id": post_id, "topic": topic_id, "author": who["id"], "body": text, "number": number,
                           "created_at": _iso(ago), "hidden": hidden})
            if not hidden:
                visible += 1
                last_visible = min(last_visible, ago)
        posts.extend(thread)
        topics.append({"id": topic_id, "author": author["id"], "title": title[:160], "body": body,
                       "created_at": _iso(created_ago), "last_activity_at": _iso(last_visible),
                       "reply_count": visible, "last_number": n_replies, "pinned": pinned,
                       "locked": rng.random() < 0.02, "hidden": hidden_topic})
        shown = [p for p in thread if not p["hidden"]]
        solution = rng.choice(shown)["id"] if shown and rng.random() < 0.25 else None
        reactions = [{"person": rng.choice(persons)["id"], "post": p["id"], "kind": rng.choice(("utile", "grazie",
                                                                                               "daccordo"))}
                     for p in shown for _ in range(rng.choice((0, 0, 0, 1, 2, 3)))]
        if solution or reactions:
            links.append({"topic": topic_id, "solution": solution, "reactions": reactions})

    two_years = 730 * 86400
    add_topic(BIG_TOPIC_ID, 30 * 86400, big_replies)
    for i in range(n_topics - 1):
        add_topic(str(uuid.uuid5(NAMESPACE, f"topic:{i}")), rng.uniform(3600, two_years), _replies_count(rng),
                  pinned=i < 3)
    return Forum(persons, topics, posts, links)


def write(graph: Graph, forum: Forum) -> dict[str, float]:
    times: dict[str, float] = {}
    started = time.perf_counter()
    graph.write(WRITE_PEOPLE, rows=forum.people)
    member_ids = [p["id"] for p in forum.people]
    graph.write(WRITE_COMMUNITY, id=COMMUNITY_ID, slug=SLUG, name="Anziani e fragilità (banco di prova)",
                description=C.COMMUNITIES[0]["description"], created_at=_iso(800 * 86400), activities=["a", "c"],
                members=member_ids, facilitators=member_ids[:2])
    for kind, statement, rows in (("topics", WRITE_TOPICS, forum.topics), ("posts", WRITE_POSTS, forum.posts),
                                  ("solutions and reactions", WRITE_LINKS, forum.links)):
        t = time.perf_counter()
        for start in range(0, len(rows), BATCH):
            graph.write(statement, rows=rows[start:start + BATCH], community=COMMUNITY_ID)
        times[kind] = time.perf_counter() - t
        print(f"  {len(rows):,} {kind} written in {times[kind]:.1f} s", file=sys.stderr)
    graph.write("CALL db.awaitIndexes(300)")
    times["total"] = time.perf_counter() - started
    return times


# ----------------------------------------------------------------------------- serving


@contextmanager
def serve(kind: str, instance: server.Instance) -> Iterator[str]:
    """The app on 127.0.0.1:<free port>; yields its base URL."""
    port = server.free_port()
    settings = {"MENTORE_CONFIG": "production", "MENTORE_SECRET_KEY": uuid.uuid4().hex + uuid.uuid4().hex,
                "MENTORE_NEO4J_URI": instance.uri, "MENTORE_NEO4J_PASSWORD": instance.password,
                "MENTORE_SETTINGS_FILE": "/nonexistent", "MENTORE_WARM_MATCHER": "false"}
    base = f"http://127.0.0.1:{port}"
    if kind == "gunicorn":
        process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "--workers", "2", "--threads", "4",
             "--bind", f"127.0.0.1:{port}", "mentore:create_app()"],
            cwd=ROOT, env={**os.environ, **settings}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        try:
            _wait(base)
            yield base
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        return
    from werkzeug.serving import make_server

    from mentore import create_app

    os.environ.update(settings)
    app = create_app()
    httpd = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        _wait(base)
        yield base
    finally:
        httpd.shutdown()


def _wait(base: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"bench_forum: the app did not answer on {base}")


@dataclass(frozen=True)
class Target:
    label: str
    path: str
    must_contain: str = ""
    token: str | None = None


def fetch(base: str, target: Target) -> tuple[float, int]:
    headers = {"Authorization": f"Bearer {target.token}"} if target.token else {}
    request = urllib.request.Request(base + target.path, headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"bench_forum: {target.path} answered {exc.code}") from exc
    elapsed = (time.perf_counter() - started) * 1000
    if target.must_contain and target.must_contain.encode() not in body:
        raise SystemExit(f"bench_forum: {target.path} does not contain {target.must_contain!r}")
    return elapsed, len(body)


def measure(base: str, targets: Sequence[Target], n: int, warm_up: int) -> dict[str, dict[str, float]]:
    for target in targets:  # every URL warmed first: caches, query plans, templates
        for _ in range(warm_up):
            fetch(base, target)
    figures = {}
    for target in targets:
        samples, size = [], 0
        for _ in range(n):
            elapsed, size = fetch(base, target)
            samples.append(elapsed)
        figures[target.label] = {**summary(samples), "bytes": size, "path": target.path}
        s = figures[target.label]
        print(f"  {target.label:58s} p50 {s['p50']:7.1f}  p95 {s['p95']:7.1f}  max {s['max']:7.1f} ms",
              file=sys.stderr)
    return figures


def member_token(graph: Graph, person_id: str) -> str:
    person = people_repo.get(graph, person_id)
    if person is None:
        raise SystemExit("bench_forum: the member to sign in as is missing")
    return accounts.create_api_token(graph, person, "bench").secret


def report(fig: dict[str, Any]) -> None:
    g = fig["graph"]
    print(f"\nForum benchmark — {g['topics']:,} topics ({g['pinned']} pinned, {g['hidden_topics']} hidden), "
          f"{g['posts']:,} replies, {g['reactions']:,} reactions; the big topic has {g['big_replies']} replies.")
    print(f"Neo4j {fig['neo4j']['version']} (heap {fig['neo4j']['heap']}, page cache {fig['neo4j']['pagecache']}); "
          f"app: {fig['server']}; {os.cpu_count()} CPUs; load average at start {fig['load_average_at_start']}, "
          f"before measuring {fig['load_average_measuring']}.")
    if fig["other_neo4j"]:
        print(warning(fig["other_neo4j"]))
    print(f"Data written in {fig['write_s']['total']:.0f} s; {fig['requests']} sequential requests per URL after "
          f"{fig['warm_up']} warm-up ones.\n")
    header = f"{'GET (ms)':60s} {'p50':>7s} {'p95':>7s} {'max':>7s} {'mean':>7s} {'KiB':>6s}"
    print(header)
    print("-" * len(header))
    for label, s in fig["measures"].items():
        print(f"{label:60s} {s['p50']:7.1f} {s['p95']:7.1f} {s['max']:7.1f} {s['mean']:7.1f} "
              f"{s['bytes'] / 1024:6.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topics", type=int, default=10_000)
    parser.add_argument("--big-replies", type=int, default=500)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per URL")
    parser.add_argument("--warm-up", type=int, default=10, help="untimed requests per URL first")
    parser.add_argument("--server", choices=("gunicorn", "werkzeug"), default="gunicorn")
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--pagecache", default="512m")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the instance's home folder (it is stopped)")
    args = parser.parse_args()
    load_average = " ".join(f"{x:.2f}" for x in os.getloadavg())
    run_started = time.perf_counter()

    lib = ROOT / "var" / "neo4j" / f"lib-{server.NEO4J_VERSION}"
    home = ROOT / "var" / "neo4j" / "bench-forum"
    with server.throwaway(home, lib, timeout=180, keep=args.keep, heap=args.heap, pagecache=args.pagecache) as instance:
        graph = connect(DriverSettings(instance.uri, "neo4j", instance.password))
        try:
            setup.apply_schema(graph)
            setup.load_reference(graph)
            started = time.perf_counter()
            forum = synthesise(args.topics, args.big_replies)
            print(f"Synthesised {len(forum.topics):,} topics and {len(forum.posts):,} replies in "
                  f"{time.perf_counter() - started:.1f} s; writing:", file=sys.stderr)
            times = write(graph, forum)
            counts = graph.read(COUNTS, community=COMMUNITY_ID, big=BIG_TOPIC_ID)[0]
            token = member_token(graph, forum.people[10]["id"])
            facilitator = member_token(graph, forum.people[0]["id"])
            last_page = max(1, -(-args.big_replies // POSTS_PER_PAGE))
            visible_others = sum(1 for t in forum.topics if not t["pinned"])
            community_pages = max(1, -(-visible_others // TOPICS_PER_PAGE))
            deep = max(1, int(community_pages * 0.8))
            topic_path = f"/comunita/{SLUG}/discussioni/{BIG_TOPIC_ID}"
            targets = [
                Target("baseline: /healthz (HTTP + RETURN 1)", "/healthz", '"status"'),
                Target(f"topic page, {args.big_replies} replies, first page", topic_path, "post-1"),
                Target(f"topic page, {args.big_replies} replies, last page ({last_page})",
                       f"{topic_path}?page={last_page}", f"post-{args.big_replies}"),
                Target(f"community page, {args.topics:,} topics, first page", f"/comunita/{SLUG}"),
                Target(f"community page, {args.topics:,} topics, page {deep} of {community_pages}",
                       f"/comunita/{SLUG}?page={deep}"),
                Target("topic page, first page, signed-in member", topic_path, "post-1", token),
                Target(f"topic page, last page ({last_page}), signed-in member", f"{topic_path}?page={last_page}",
                       f"post-{args.big_replies}", token),
                Target(f"API /topics/<id>?page={last_page}", f"/api/v1/topics/{BIG_TOPIC_ID}?page={last_page}",
                       '"posts"'),
                Target(f"API /communities/<slug>/topics?page={deep}",
                       f"/api/v1/communities/{SLUG}/topics?page={deep}", '"items"'),
                Target(f"facilitator cockpit, {args.topics:,} topics", f"/comunita/{SLUG}/cruscotto",
                       "activity-chart", facilitator),
            ]
            with serve(args.server, instance) as base:
                load_measuring = " ".join(f"{x:.2f}" for x in os.getloadavg())
                print(f"Measuring on {base} ({args.server}):", file=sys.stderr)
                figures = measure(base, targets, args.requests, args.warm_up)
            fig = {
                "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
                "graph": counts,
                "neo4j": {"version": server.NEO4J_VERSION, "heap": args.heap, "pagecache": args.pagecache},
                "server": "gunicorn, 2 workers x 4 threads" if args.server == "gunicorn" else "werkzeug, threaded",
                "requests": args.requests, "warm_up": args.warm_up,
                "load_average_at_start": load_average, "load_average_measuring": load_measuring,
                "other_neo4j": other_neo4j_servers(home),
                "write_s": times, "measures": figures,
            }
            report(fig)
            fig["runtime_s"] = time.perf_counter() - run_started
            print(f"\nRun time {fig['runtime_s']:.0f} s.")
            if args.json:
                args.json.parent.mkdir(parents=True, exist_ok=True)
                args.json.write_text(json.dumps(fig, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
                print(f"Figures written to {args.json}")
        finally:
            graph.close()


if __name__ == "__main__":
    main()
