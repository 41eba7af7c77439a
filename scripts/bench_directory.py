#!/usr/bin/env python3
"""Directory benchmark: 10k organisations, imported through `mentore import organisations`'s
code into a throwaway Neo4j instance; then directory searches through HTTP (gunicorn, as in
`make run`), p50/p95 per query, next to baselines measured in the same run:

  - floor:  GET /healthz over HTTP (one RETURN 1): the cost of HTTP + one Neo4j round trip;
  - direct: the same search called in-process through the repository (no HTTP, no template).

Then a name as a person types it on the need's met page and in the partner search
(`resolve_name`), in-process, next to the directory search for the same text it replaced (five
results, with the facets and the count).

usage: scripts/bench_directory.py [--organisations 10000] [--requests 60] [--vectors] [--keep]
Prints figures; asserts nothing. Runs on its own instance (var/neo4j/bench) and port.

With --vectors every organisation also gets a profile vector (512 numbers, as the default model
makes; random ones, seeded), as on a platform whose profiles are embedded: the directory's
queries then read nodes that weigh what they weigh in use (a list of them once went past the
transaction's memory at 60k organisations).
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import signal
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from _figures import summary
from _venv import use_project_python

ROOT = use_project_python("bench_directory", "neo4j", "flask", "numpy")

import numpy as np

from graph import DriverSettings, connect, server
from mentore import create_app
from mentore.demo import generate
from mentore.organisations import importer
from mentore.reference.territories import load_istat
from mentore.services import organisations as service
from mentore.services import setup

QUERIES = {
    "all, first page": "/organizzazioni",
    "text 'volontari'": "/organizzazioni?q=volontari",
    "text + activity + region": "/organizzazioni?q=anziani&activity=a&territory=regione:01",
    "activity + province": "/organizzazioni?activity=l&territory=provincia:096",
    "public bodies, page 5": "/organizzazioni?kind=PUBLIC_BODY&page=5",
    "API text, 50/page": "/api/v1/organisations?q=cooperativa&per_page=50",
}


VECTORS = """
UNWIND $rows AS row
MATCH (o:Organisation {codice_fiscale: row.cf})
CALL db.create.setNodeVectorProperty(o, 'embedding', row.vector)
SET o.embedding_model = 'bench-random'
"""


def add_vectors(graph: Any, codes: list[str], seed: int = 13, batch: int = 1000) -> None:
    """A random unit vector of 512 numbers for each organisation (by codice fiscale)."""
    rng = np.random.default_rng(seed)
    for start in range(0, len(codes), batch):
        chunk = codes[start:start + batch]
        vectors = rng.normal(size=(len(chunk), 512)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        graph.write(VECTORS, rows=[{"cf": cf, "vector": v.tolist()} for cf, v in zip(chunk, vectors, strict=True)])
    graph.write("CALL db.awaitIndexes(900)")


def csv_rows(target: int) -> list[dict[str, str]]:
    """Realistic profiles from the demo generator's vocabulary, as the import's CSV columns."""
    table, rows, seen, seed = load_istat(), [], set(), 0
    while len(rows) < target:
        for org in generate(table, seed=seed).organisations:
            p = org["props"]
            if p["codice_fiscale"] in seen:
                continue
            seen.add(p["codice_fiscale"])
            rows.append({
                "codice_fiscale": p["codice_fiscale"], "nome": f"{p['name']} {seed}" if seed else p["name"],
                "tipo": p["kind"], "forma_giuridica": p["legal_form"], "sezione_runts": p.get("runts_section", ""),
                "numero_runts": p.get("runts_number", ""), "comune": org["seat"].split(":")[1],
                "attivita": ";".join(org["activities"]), "competenze": ";".join(org["competencies"]),
                "risorse": ";".join(p.get("resources", [])),
                "territori": ";".join(t for t in org["works_in"] if not t.startswith("comune:")),
                "descrizione": p.get("description", ""), "sito_web": p.get("website", ""),
                "email": p.get("email", ""), "telefono": p.get("phone", ""),
                "anno_fondazione": str(p.get("founded", "")),
            })
            if len(rows) >= target:
                break
        seed += 1
    return rows


def time_http(url: str, n: int) -> tuple[float, float]:
    def fetch() -> None:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")

    return time_call(fetch, n)


def time_call(call: Any, n: int) -> tuple[float, float]:
    """p50 and p95 in ms of ``n`` calls, after one to warm up."""
    call()
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    figures = summary(samples)
    return figures["p50"], figures["p95"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--vectors", action="store_true", help="give every organisation a profile vector")
    parser.add_argument("--keep", action="store_true", help="leave the bench instance running")
    args = parser.parse_args()

    lib = ROOT / "var" / "neo4j" / f"lib-{server.NEO4J_VERSION}"
    server.install(lib, quiet=True)
    instance = server.Instance(home=ROOT / "var" / "neo4j" / "bench", lib=lib, port=server.free_port(),
                               password=secrets.token_urlsafe(18), heap="1g", pagecache="512m")
    server.reset(instance)
    server.start(instance)
    gunicorn = None
    try:
        started = time.perf_counter()
        server.wait_ready(instance, timeout=120)
        print(f"Neo4j (bench) ready in {time.perf_counter() - started:.1f} s on {instance.uri}")
        graph = connect(DriverSettings(instance.uri, "neo4j", instance.password))
        setup.apply_schema(graph)
        setup.load_reference(graph)

        rows = csv_rows(args.organisations)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "organisations.csv"
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=";")
                writer.writeheader()
                writer.writerows(rows)
            app = create_app({"CONFIG": "testing", "NEO4J_URI": instance.uri, "NEO4J_PASSWORD": instance.password})
            with app.app_context():
                started = time.perf_counter()
                report = importer.import_organisations(graph, path)
                elapsed = time.perf_counter() - started
        print(f"\nImport: {len(rows)} rows in {elapsed:.1f} s = {len(rows) / elapsed:.0f} rows/s "
              f"(created {report.created}, updated {report.updated}, rejected {len(report.rejected)})")
        graph.write("CALL db.awaitIndexes(300)")
        if args.vectors:
            started = time.perf_counter()
            add_vectors(graph, [r["codice_fiscale"] for r in rows])
            print(f"Profile vectors: {len(rows)} in {time.perf_counter() - started:.1f} s")

        port = server.free_port()
        env = {**os.environ, "MENTORE_CONFIG": "production", "MENTORE_SECRET_KEY": secrets.token_urlsafe(32),
               "MENTORE_NEO4J_URI": instance.uri, "MENTORE_NEO4J_PASSWORD": instance.password,
               "MENTORE_SETTINGS_FILE": "/nonexistent"}
        gunicorn = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "--workers", "2", "--threads", "4",
             "--bind", f"127.0.0.1:{port}", "mentore:create_app()"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)

        floor = time_http(base + "/healthz", args.requests)
        print(f"\n{'query (HTTP, ms)':32s} {'p50':>7s} {'p95':>7s}   {'direct p50':>10s} {'direct p95':>10s}")
        print(f"{'baseline: /healthz':32s} {floor[0]:7.1f} {floor[1]:7.1f}")
        with app.test_request_context():
            for name, path in QUERIES.items():
                http = time_http(base + path, args.requests)
                query, _ = service.parse_directory_query(
                    urllib.parse.parse_qs(urllib.parse.urlsplit(path).query))
                d50, d95 = time_call(lambda query=query: service.directory(graph, query), args.requests)
                print(f"{name:32s} {http[0]:7.1f} {http[1]:7.1f}   {d50:10.1f} {d95:10.1f}")
            names = {"a whole name": rows[len(rows) // 2]["nome"].upper(), "part of names": "cooperativa sociale",
                     "a word of many names": "associazione"}
            print(f"\n{'name typed (in-process, ms)':32s} {'p50':>7s} {'p95':>7s}   {'directory p50':>13s} {'p95':>7s}")
            for name, text in names.items():
                lookup = time_call(lambda text=text: service.resolve_name(graph, text), args.requests)
                query = service.DirectoryQuery(q=text, per_page=5)
                search = time_call(lambda query=query: service.directory(graph, query), args.requests)
                print(f"{name:32s} {lookup[0]:7.1f} {lookup[1]:7.1f}   {search[0]:13.1f} {search[1]:7.1f}")
        graph.close()
    finally:
        if gunicorn:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=10)
        if not args.keep:
            server.stop(instance)


if __name__ == "__main__":
    main()
