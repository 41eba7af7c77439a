"""``mentore bench matching``: load a benchmark bundle into a graph through the project's own
import code, run the real matcher for every query, write the rankings, and score them next to
simple baselines computed in the same run."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from graph import Graph
from mentore.matcher import evaluation as ev
from mentore.matcher import ranker as rankers
from mentore.matcher.features import FEATURE_NAMES, Query, programme_family
from mentore.services import matching, partnerships, setup

#: ``progress(label, total)`` → a context whose value is ``advance(n)`` (as in services.setup).
Progress = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]
SOURCE = "bench"
WORKERS = 2  # queries answered side by side


@dataclass
class BenchReport:
    kind: str
    figures: dict[str, dict[str, dict[str, Any]]]  # method → group → metric → value
    timings: dict[str, float] = field(default_factory=dict)
    training: dict[str, str] = field(default_factory=dict)


def _timed(timings: dict[str, float], name: str, started: float) -> float:
    now = time.perf_counter()
    timings[name] = round(now - started, 1)
    return now


class Seen(NamedTuple):
    """A query's candidates as the matcher ranked them: their ids, feature matrix, and whether
    each is a third-sector entity or a public body."""

    ids: list[str]
    matrix: np.ndarray
    civic: list[bool]


@dataclass(frozen=True)
class Extras:
    """What a partners bench may do besides the matcher's own figures: ``ceiling``, rank every
    query with a ranker fitted on the bundle's own answers (``ev.ceiling_rankings``), the bound of
    what learning the weights of the matcher's features can give; ``hand_set``, rank the same
    candidates with the hand-set weights, as a site that has learned nothing yet would;
    ``features``, save every query's candidates and features there (NumPy .npz) to study the
    rankers without running the matcher again."""

    ceiling: bool = False
    hand_set: bool = False
    features: Path | None = None

    @property
    def observe(self) -> bool:
        return self.ceiling or self.hand_set or self.features is not None


def run(graph: Graph, matcher: matching.Matcher, bundle: Path, out: Path,
        progress: Progress = setup.silent, extras: Extras = Extras()) -> BenchReport:
    kind = ev.bundle_kind(bundle)
    setup.apply_schema(graph)
    setup.load_reference(graph)
    if kind == "needs":
        return _run_needs(graph, matcher, bundle, out, progress)
    return _run_partners(graph, matcher, bundle, out, progress, extras)


def _embed(graph: Graph, matcher: matching.Matcher, progress: Progress) -> None:
    matching.embed_all(matcher, graph, everything=False, batch=128, progress=setup.by_label(progress, "Vettori "))


def _run_partners(graph: Graph, matcher: matching.Matcher, bundle: Path, out: Path,
                  progress: Progress, extras: Extras = Extras()) -> BenchReport:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    organisations = list(ev.read_jsonl(bundle / "organisations.jsonl"))
    projects = list(ev.read_jsonl(bundle / "projects.jsonl"))
    queries = list(ev.read_jsonl(bundle / "queries.jsonl"))
    with progress("Organizzazioni", len(organisations)) as advance:
        partnerships.import_organisations(graph, organisations, SOURCE, advance)
    with progress("Partenariati", len(projects)) as advance:
        partnerships.import_partnerships(graph, projects, SOURCE, advance)
    started = _timed(timings, "import", started)
    _embed(graph, matcher, progress)
    started = _timed(timings, "embeddings", started)
    learned_from: dict[str, list[rankers.Group]] = {}
    with progress("Addestramento", matching.TRAINING_QUERIES) as advance:
        training = matching.train(matcher, graph, progress=lambda i, n: advance(1), examples=learned_from.update)
    started = _timed(timings, "training", started)
    known_ids = {o["id"] for o in organisations}
    texts = [ev.project_text(q["project"]) for q in queries]
    vectors = matcher.encode(texts)
    seen: dict[str, Seen] = {}  # the candidates and features of each query (extras)

    def answer(i: int) -> list[str]:
        q = queries[i]
        known = [k for k in q["known_members"] if k in known_ids]
        vector = None if vectors is None else vectors[i]
        calls = q["project"].get("calls") or []
        programme = str(calls[0]) if calls else None
        # placed as the partner finder places a text: the places it names, then the known partners'
        if q["task"] == "partner":
            degrees, places = matching.known_context(graph, known)
            placed = matching.placed_by_text(texts[i], places)
            query = matching.partner_query(matcher, graph, texts[i], known, "partner", vector, programme=programme,
                                           context=(degrees, placed.places), named=placed.named)
        else:
            placed = matching.placed_by_text(texts[i])
            query = Query(task="handler", text=texts[i], vector=vector, programme=programme_family(programme),
                          places=placed.places, named=placed.named)

        def observe(candidates: list[Any], matrix: np.ndarray) -> None:
            seen[q["id"]] = Seen([c.id for c in candidates], matrix.astype(np.float32),
                                 matching.civic_flags(candidates))

        result = matcher.rank(graph, query, limit=ev.TOP, exclude=q["known_members"],
                              observe=observe if extras.observe else None)
        return [s.organisation_id for s in result.items]

    rankings: dict[str, list[str]] = {}
    # two queries at a time: while one waits on Neo4j the other ranks (the machine has 2 cores)
    with progress("Richieste", len(queries)) as advance, open(out, "w", encoding="utf-8") as handle, \
            ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="bench") as pool:
        for q, ranking in zip(queries, pool.map(answer, range(len(queries))), strict=True):
            rankings[q["id"]] = ranking
            handle.write(json.dumps({"id": q["id"], "ranking": ranking}) + "\n")
            advance(1)
    started = _timed(timings, "queries", started)
    pool = [o["id"] for o in organisations if (o.get("country") or "IT") == "IT"]
    figures = {"mentore": ev.score_partners(queries, set(pool), rankings)}
    if extras.hand_set:
        figures["hand-set"] = ev.score_partners(queries, set(pool), hand_set_rankings(queries, seen))
    if extras.ceiling:
        figures["ceiling"] = ev.score_partners(queries, set(pool), ev.ceiling_rankings(queries, seen))
        started = _timed(timings, "ceiling", started)
    if extras.features is not None:
        save_features(extras.features, seen)
        save_examples(examples_path(extras.features), learned_from)
    for name, ranked in ev.partner_baselines(projects, pool, queries).items():
        figures[name] = ev.score_partners(queries, set(pool), ranked) if ranked else {}
    _timed(timings, "baselines", started)
    return BenchReport(kind="partners", figures=figures, timings=timings, training=training)


def hand_set_rankings(queries: list[dict[str, Any]], seen: dict[str, Seen]) -> dict[str, list[str]]:
    """Each query's candidates ranked by the hand-set weights of its task, the prior given
    third-sector entities and public bodies included, as the matcher would without a learned
    ranker."""
    return ranked_by(queries, seen, {q["task"]: rankers.hand_set(q["task"]) for q in queries})


def ranked_by(queries: list[dict[str, Any]], seen: dict[str, Seen], chosen: dict[str, rankers.LinearRanker],
              prior: float | None = None) -> dict[str, list[str]]:
    """Each query's candidates ranked by the ranker ``chosen`` for its task as the matcher ranks
    them (``matching.ranked_order``: with ``prior``, by default CIVIC_PRIOR, given third-sector
    entities and public bodies; 0, by score alone); queries of a task without one are left out."""
    out = {}
    for q in queries:
        if q["id"] in seen and q["task"] in chosen:
            ids, matrix, civic = seen[q["id"]]
            ranker = chosen[q["task"]]
            order, _, _ = matching.ranked_order(q["task"], ranker.score(ranker.prepare(matrix)), civic, prior)
            out[q["id"]] = [ids[i] for i in order[:ev.TOP]]
    return out


def save_features(path: Path, seen: dict[str, Seen]) -> None:
    """One row per (query, candidate): ``query``, ``organisation``, ``civic`` and ``matrix``
    arrays, and the ``features``' names (the matrix's columns)."""
    queries = [q for q in seen for _ in seen[q].ids]
    matrices = [s.matrix for s in seen.values() if len(s.ids)]
    np.savez_compressed(path, query=np.array(queries, dtype=str),
                        organisation=np.array([o for s in seen.values() for o in s.ids], dtype=str),
                        civic=np.array([c for s in seen.values() for c in s.civic], dtype=bool),
                        matrix=np.vstack(matrices) if matrices else np.zeros((0, len(FEATURE_NAMES)), np.float32),
                        features=np.array(FEATURE_NAMES, dtype=str))


def examples_path(features: Path) -> Path:
    """Where the training examples are saved beside the queries' features: ``F.npz`` → ``F.training.npz``."""
    return features.with_name(features.stem + ".training.npz")


def save_examples(path: Path, groups: dict[str, list[rankers.Group]]) -> None:
    """The examples the rankers learned from, one row per (example, candidate) as
    ``save_features`` writes the queries': ``task``, ``example`` (its number within the task),
    ``key`` (the organisation it is about), ``label`` (1 the right candidate) and ``matrix``,
    and the ``features``' names. The training and the queries compared tell what the history
    teaches that the queries do not bear out."""
    rows = [(task, i, g) for task, task_groups in sorted(groups.items()) for i, g in enumerate(task_groups)
            if len(g.labels)]
    np.savez_compressed(path, task=np.array([t for t, _, g in rows for _ in g.labels], dtype=str),
                        example=np.array([i for _, i, g in rows for _ in g.labels], dtype=np.int32),
                        key=np.array([g.key for _, _, g in rows for _ in g.labels], dtype=str),
                        label=np.concatenate([g.labels for _, _, g in rows]) if rows else np.zeros(0, np.int8),
                        matrix=(np.vstack([g.matrix for _, _, g in rows]).astype(np.float32) if rows
                                else np.zeros((0, len(FEATURE_NAMES)), np.float32)),
                        features=np.array(FEATURE_NAMES, dtype=str))


def _run_needs(graph: Graph, matcher: matching.Matcher, bundle: Path, out: Path, progress: Progress) -> BenchReport:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    entities = list(ev.read_jsonl(bundle / "entities.jsonl"))
    needs = list(ev.read_jsonl(bundle / "needs.jsonl"))
    with progress("Organizzazioni", len(entities)) as advance:
        partnerships.import_organisations(graph, entities, SOURCE, advance)
    started = _timed(timings, "import", started)
    _embed(graph, matcher, progress)
    started = _timed(timings, "embeddings", started)
    rankings: dict[str, list[str]] = {}
    with progress("Bisogni", len(needs)) as advance, open(out, "w", encoding="utf-8") as handle:
        for need in needs:
            text = need["text"]
            encoded = matcher.encode([text])
            query = Query(task="need", text=text, vector=None if encoded is None else encoded[0])
            result = matcher.rank(graph, query, limit=ev.TOP)
            rankings[need["id"]] = [s.organisation_id for s in result.items]
            handle.write(json.dumps({"id": need["id"], "ranking": rankings[need["id"]]}) + "\n")
            advance(1)
    started = _timed(timings, "queries", started)
    pool = {e["id"] for e in entities}
    figures = {"mentore": ev.score_needs(needs, pool, rankings)}
    for name, ranked in ev.needs_baselines(entities, needs).items():
        figures[name] = ev.score_needs(needs, pool, ranked)
    _timed(timings, "baselines", started)
    return BenchReport(kind="needs", figures=figures, timings=timings)
