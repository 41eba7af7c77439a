#!/usr/bin/env python3
"""Needs and entities written in different languages: the matcher of `mentore bench matching`
on the Italian needs bundle and on copies of it in which the needs, the entities or both are in
English, next to the text model's cosine alone and TF-IDF, measured in the same run.

usage: scripts/bench_needs_languages.py [--bundle DIR] [--json PATH]

The held-out needs bundles mix languages; needs-dev is all Italian. The English texts are in
scripts/data/needs-dev-en (the same ids: each need's text and each entity's description, written
again in English, names unchanged, as an organisation keeps its name in any language).

What it does:
  1. builds five bundles in a temporary folder from BUNDLE (default ../shared/bench/needs-dev):
       it → it   the bundle itself;
       en → it   English needs, Italian entities;
       it → en   Italian needs, English entities;
       en → en   both in English;
       mixed     every other entity in English, each need in both languages (twice as many);
  2. runs `mentore bench matching` on each (its own throwaway Neo4j, the real model) and scores
     its rankings with the scorer the command uses;
  3. in the same run, two baselines: the model's cosine alone between the need and the entity's
     name and description, and TF-IDF of them;
  4. for the mixed bundle, of the needs whose first answer is wrong, how many got an entity
     written in the need's own language: a matcher that leans on words shared with the need puts
     them first.
Prints the figures, and writes them as JSON with --json. Asserts nothing. 25 needs: one need
is 4 points of top-1.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _venv import use_project_python

ROOT = use_project_python("bench_needs_languages", "numpy", "sklearn")

import numpy as np

from mentore.matcher import embedding
from mentore.matcher import evaluation as ev

ENGLISH = ROOT / "scripts" / "data" / "needs-dev-en"
DEFAULT_BUNDLE = ROOT.parent / "shared" / "bench" / "needs-dev"
MENTORE = ROOT / ".venv" / "bin" / "mentore"


def _write(folder: Path, entities: list[dict[str, Any]], needs: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True)
    for name, rows in (("entities.jsonl", entities), ("needs.jsonl", needs)):
        with open(folder / name, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return folder


def bundles(source: Path, english: Path, into: Path) -> dict[str, Path]:
    """The five bundles (see the module's text), by name, written under ``into``."""
    entities = list(ev.read_jsonl(source / "entities.jsonl"))
    needs = list(ev.read_jsonl(source / "needs.jsonl"))
    described = {row["id"]: row["description"] for row in ev.read_jsonl(english / "entities.jsonl")}
    said = {row["id"]: row["text"] for row in ev.read_jsonl(english / "needs.jsonl")}
    missing = sorted({e["id"] for e in entities} - described.keys()) + sorted({n["id"] for n in needs} - said.keys())
    if missing:
        sys.exit(f"bench_needs_languages: {english} has no English text for {', '.join(missing)}")
    entities_en = [{**e, "description": described[e["id"]], "language": "en"} for e in entities]
    needs_en = [{**n, "text": said[n["id"]]} for n in needs]
    mixed = [e if i % 2 == 0 else e_en for i, (e, e_en) in enumerate(zip(entities, entities_en, strict=True))]
    both = [{**n, "id": f"{n['id']}-it", "language": "it"} for n in needs] + \
           [{**n, "id": f"{n['id']}-en", "language": "en"} for n in needs_en]
    return {"it → it": _write(into / "it-it", entities, needs),
            "en → it": _write(into / "en-it", entities, needs_en),
            "it → en": _write(into / "it-en", entities_en, needs),
            "en → en": _write(into / "en-en", entities_en, needs_en),
            "mixed": _write(into / "mixed", mixed, both)}


def cosine_rankings(embedder: Any, entities: list[dict[str, Any]], needs: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Each need's entities by the model's cosine with their name and description alone."""
    ids = [e["id"] for e in entities]
    described = np.asarray(embedder.encode([f"{e['name']}. {e['description']}" for e in entities]))
    asked = np.asarray(embedder.encode([n["text"] for n in needs]))
    scores = asked @ described.T
    return {n["id"]: [ids[j] for j in np.argsort(-scores[i], kind="stable")] for i, n in enumerate(needs)}


def own_language_misses(entities: list[dict[str, Any]], needs: list[dict[str, Any]],
                        rankings: dict[str, list[str]]) -> tuple[int, int]:
    """(wrong first answers written in the need's language, wrong first answers)."""
    language = {e["id"]: e.get("language", "it") for e in entities}
    wrong = [n for n in needs if rankings.get(n["id"]) and rankings[n["id"]][0] != n["target"]]
    return sum(1 for n in wrong if language[rankings[n["id"]][0]] == n["language"]), len(wrong)


def measure(name: str, bundle: Path, embedder: Any) -> dict[str, Any]:
    entities = list(ev.read_jsonl(bundle / "entities.jsonl"))
    needs = list(ev.read_jsonl(bundle / "needs.jsonl"))
    out = bundle.parent / f"{bundle.name}.rankings.jsonl"
    started = time.perf_counter()
    run = subprocess.run([str(MENTORE), "bench", "matching", str(bundle), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    if run.returncode != 0:
        sys.exit(f"bench_needs_languages: `mentore bench matching` failed on {name}:\n{run.stderr[-2000:]}")
    seconds = time.perf_counter() - started
    rankings = {row["id"]: row["ranking"] for row in ev.read_jsonl(out)}
    pool = {e["id"] for e in entities}
    figures = {"mentore": ev.score_needs(needs, pool, rankings)["needs/all"],
               "model cosine": ev.score_needs(needs, pool, cosine_rankings(embedder, entities, needs))["needs/all"],
               "tfidf": ev.score_needs(needs, pool, ev.needs_baselines(entities, needs)["tfidf"])["needs/all"]}
    result: dict[str, Any] = {"figures": figures, "seconds": round(seconds, 1),
                              "misses": [n["id"] for n in needs if rankings[n["id"]][:1] != [n["target"]]]}
    if all("language" in n for n in needs):
        own, wrong = own_language_misses(entities, needs, rankings)
        result["wrong_first_in_need_language"] = {"count": own, "of": wrong}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="the Italian needs bundle")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    if not (args.bundle / "needs.jsonl").exists():
        sys.exit(f"bench_needs_languages: no needs bundle at {args.bundle} (needs.jsonl, entities.jsonl)")
    embedder = embedding.load()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="needs-languages-") as tmp:
        for name, bundle in bundles(args.bundle, ENGLISH, Path(tmp)).items():
            print(f"{name}: mentore bench matching…", flush=True)
            results[name] = measure(name, bundle, embedder)
    print(f"\n{'needs → entities':<18}{'n':>4}  {'mentore top1 / R@5 / MRR':<26}{'model cosine':<22}{'tfidf':<22}")
    for name, result in results.items():
        row = [" / ".join(f"{f[k]:.2f}" for k in ("top1", "R@5", "MRR")) for f in result["figures"].values()]
        n = result["figures"]["mentore"]["n"]
        print(f"{name:<18}{n:>4}  {row[0]:<26}{row[1]:<22}{row[2]:<22}")
    for name, result in results.items():
        print(f"{name}: first answer wrong for {', '.join(result['misses']) or 'none'} ({result['seconds']} s)")
        if "wrong_first_in_need_language" in result:
            own = result["wrong_first_in_need_language"]
            print(f"{name}: of {own['of']} wrong first answers, {own['count']} are written in the need's language")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
