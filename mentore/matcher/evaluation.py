"""Benchmark bundles (see the shared bench README): reading them, the simple baselines run next
to the matcher, and the scores, computed exactly as the bundle's ``score.py`` does."""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from mentore.matcher import ranker as rankers

TOP = 100


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def bundle_kind(bundle: Path) -> str:
    if (bundle / "needs.jsonl").exists() and (bundle / "entities.jsonl").exists():
        return "needs"
    if all((bundle / f).exists() for f in ("organisations.jsonl", "projects.jsonl", "queries.jsonl")):
        return "partners"
    raise ValueError(f"{bundle}: not a benchmark bundle (needs.jsonl + entities.jsonl, or "
                     "organisations.jsonl + projects.jsonl + queries.jsonl)")


def project_text(project: dict[str, Any]) -> str:
    return ". ".join(x for x in (project.get("title"), project.get("keywords"), project.get("objective")) if x)


# ----------------------------------------------------------------------------- scores


def target_rank(query: dict[str, Any], pool: set[str], ranking: Sequence[str]) -> int | None:
    """The rank (from 1) of a partners query's target among the first TOP organisations of the
    ranking that are of the pool and not among its known members, as ``score.py`` counts it;
    None when it is not there."""
    known = set(query["known_members"])
    ranked = [o for o in ranking if o in pool and o not in known][:TOP]
    return ranked.index(query["target"]) + 1 if query["target"] in ranked else None


def score_partners(queries: Sequence[dict[str, Any]], pool: set[str], rankings: dict[str, list[str]]) -> dict:
    rows: dict[tuple[str, str], list[int | None]] = defaultdict(list)
    for q in queries:
        rank = target_rank(q, pool, rankings.get(q["id"], []))
        for group in ("all", "ngo_public") if q["target_kind"] in ("OTH", "PUB") else ("all",):
            rows[(q["task"], group)].append(rank)
    out = {}
    for (task, group), ranks in sorted(rows.items()):
        n = len(ranks)
        out[f"{task}/{group}"] = {
            "n": n,
            "R@10": round(sum(1 for r in ranks if r and r <= 10) / n, 4),
            "nDCG@10": round(sum(1 / math.log2(r + 1) for r in ranks if r and r <= 10) / n, 4),
            "MRR": round(sum(1 / r for r in ranks if r) / n, 4),
            "answered": sum(1 for q in queries if q["task"] == task and q["id"] in rankings),
        }
    return out


def score_needs(needs: Sequence[dict[str, Any]], pool: set[str], rankings: dict[str, list[str]]) -> dict:
    ranks = []
    for n in needs:
        ok = {n["target"], *n.get("also_correct", [])}
        ranked = [e for e in rankings.get(n["id"], []) if e in pool][:TOP]
        ranks.append(next((i + 1 for i, e in enumerate(ranked) if e in ok), None))
    k = len(ranks)
    return {"needs/all": {"n": k, "top1": round(sum(1 for r in ranks if r == 1) / k, 4),
                          "R@5": round(sum(1 for r in ranks if r and r <= 5) / k, 4),
                          "MRR": round(sum(1 / r for r in ranks if r) / k, 4)}}


# ----------------------------------------------------------------------------- ceiling

#: Folds of the ceiling: each query is ranked by a ranker fitted on the other folds' queries.
CEILING_FOLDS = 2


def ceiling_rankings(queries: Sequence[dict[str, Any]], seen: dict[str, tuple[list[str], np.ndarray, Any]],
                     folds: int = CEILING_FOLDS) -> dict[str, list[str]]:
    """How far the matcher's features can take its ranker on this bundle: each query ranked by
    a ranker fitted (``ranker.train``, as the matcher learns) on the bundle's other queries of
    its task with their answers, the queries of one project in one fold, so that no project is
    learned and ranked at once. ``seen``: query id → (the ids of its candidates, their feature
    matrix, ...), as the matcher ranked them. A bound of what learning the weights can give, not a
    figure of the matcher (it learns from the answers); a fold with too little to learn from is
    ranked by the hand-set weights."""
    out: dict[str, list[str]] = {}
    for task in sorted({q["task"] for q in queries}):
        mine = [q for q in queries if q["task"] == task and q["id"] in seen]
        fold = {q["id"]: zlib.crc32(str(q["project"]["id"]).encode()) % folds for q in mine}
        for f in range(folds):
            learn = [rankers.Group(seen[q["id"]][1], np.array([int(c == q["target"]) for c in seen[q["id"]][0]]),
                                   q["target"]) for q in mine if fold[q["id"]] != f]
            model = rankers.train(task, learn) or rankers.hand_set(task)
            for q in mine:
                if fold[q["id"]] == f:
                    ids, matrix = seen[q["id"]][:2]
                    order = np.argsort(-model.score(model.prepare(matrix)), kind="stable")[:TOP]
                    out[q["id"]] = [ids[i] for i in order]
    return out


# ----------------------------------------------------------------------------- baselines


def _top(ids: Sequence[str], scores: np.ndarray, exclude: set[str]) -> list[str]:
    order = np.argsort(-scores, kind="stable")
    return [ids[i] for i in order if ids[i] not in exclude][:TOP]


def _z(x: np.ndarray) -> np.ndarray:
    sd = x.std()
    return (x - x.mean()) / sd if sd > 1e-12 else np.zeros_like(x)


def partner_baselines(projects: Sequence[dict[str, Any]], pool: Sequence[str],
                      queries: Sequence[dict[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """Popularity; TF-IDF of each organisation's history texts; co-participation counts with the
    known members; their z-scored sum. Rankings over ``pool``, per baseline."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    index = {o: i for i, o in enumerate(pool)}
    popularity = np.zeros(len(pool))
    docs: list[list[str]] = [[] for _ in pool]
    together: dict[str, Counter] = defaultdict(Counter)
    for p in projects:
        members = [m["org"] for m in p["members"]]
        for m in members:
            if m in index:
                popularity[index[m]] += 1
                docs[index[m]].append(project_text(p))
                for other in members:
                    if other != m:
                        together[other][m] += 1
    tfidf = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5, stop_words="english")
    matrix = tfidf.fit_transform([" ".join(d) for d in docs])
    out: dict[str, dict[str, list[str]]] = {"popularity": {}, "tfidf": {}, "co-participation": {}, "sum": {}}
    for q in queries:
        known = set(q["known_members"])
        text = (tfidf.transform([project_text(q["project"])]) @ matrix.T).toarray()[0]
        co = np.zeros(len(pool))
        for k in known:
            for m, n in together.get(k, {}).items():
                co[index[m]] += n
        out["popularity"][q["id"]] = _top(pool, popularity, known)
        out["tfidf"][q["id"]] = _top(pool, text, known)
        if q["task"] == "partner":
            out["co-participation"][q["id"]] = _top(pool, co, known)
        total = _z(text) + _z(np.log1p(popularity)) + (_z(co) if known else 0)
        out["sum"][q["id"]] = _top(pool, total, known)
    return out


def needs_baselines(entities: Sequence[dict[str, Any]],
                    needs: Sequence[dict[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """TF-IDF of the entity descriptions (the only simple baseline a needs bundle allows)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = [e["id"] for e in entities]
    tfidf = TfidfVectorizer(sublinear_tf=True, strip_accents="unicode")
    matrix = tfidf.fit_transform([f"{e['name']} {e['description']}" for e in entities])
    out: dict[str, list[str]] = {}
    for n in needs:
        scores = (tfidf.transform([n["text"]]) @ matrix.T).toarray()[0]
        out[n["id"]] = _top(ids, scores, set())
    return {"tfidf": out}
