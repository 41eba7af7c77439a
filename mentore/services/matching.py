"""The matcher at work: candidates from the graph, features, ranking, reasons; suggestions for
needs and partners; embeddings kept up to date; rankers trained from history and feedback.

Degraded modes: when the embedding model fails or a vector index is not online, suggestions
still come, from the full-text index and the graph, with ``degraded=True`` and a note saying
why; the log says it too. Nothing here imports Flask.
"""

from __future__ import annotations

import gc
import hashlib
import heapq
import logging
import threading
import time
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Any, Generic, NamedTuple, TypeVar

import numpy as np

from graph import Graph
from graph import schema as graph_schema
from graph.errors import IndexUnavailable
from graph.repositories import matching as repo
from graph.repositories import throttle
from mentore.matcher import language
from mentore.matcher import ranker as rankers
from mentore.matcher.embedding import DEFAULT_MODEL, Embedder, EmbeddingError, normalise
from mentore.matcher.features import (
    FEATURE_NAMES,
    NETWORK_CLOSENESS,
    PROFILE,
    CandidateFacts,
    Place,
    Query,
    evidence_of,
    feature_matrix,
    programme_family,
    reason_detail,
    reason_holds,
)
from mentore.matcher.lexical import LexicalProfiles, Work
from mentore.matcher.names import NameIndex, WordCounts
from mentore.matcher.vectors import Background, VectorTable
from mentore.matcher.work import WorkMembers, by_member
from mentore.reference.activities import BY_CODE as ACTIVITIES
from mentore.reference.places import NamedPlace, gazetteer, named_places, place_phrases, place_words
from mentore.reference.vocabularies import LEGAL_FORMS, N_, ORGANISATION_KINDS, Message
from mentore.services import search as text_search
from mentore.services.errors import ServiceError, ValidationFailed

log = logging.getLogger(__name__)

MAX_TEXT = 10_000  # characters of a query text
MAX_PROGRAMME = 200  # characters of a programme or call name
MIN_WORDS = 2
VECTOR_K = 200  # neighbours asked of each vector index
KINDS_K = 30  # past work read to learn which kinds of organisation take part
POPULAR_K = 150  # most active organisations added as candidates (partners and leads)
POPULAR_TTL = 600.0  # seconds the list is kept
#: Seconds between two looks at whether the work changed (then the matcher's copy is read again)
WORK_CHECK_EVERY = 60.0
LEXICAL_K = 200
#: Organisations of the need's area working on its activity, the closest to its text first (they
#: come with their cosine, as the profile index's do).
AREA_K = 50
#: Organisations of the poster's network added as candidates of a need (its contacts first, then
#: the partners of its contacts, the strongest links first): they are ranked as the others are.
NETWORK_K = 30
#: Per task, the candidates of the full-text and past-work sources whose facts are read and
#: ranked: the best this many of each (the profile index's and the area's candidates are all
#: kept: they come with their cosine, the costliest fact). Facts cost about as much as all the
#: sources together. For a need the cut is worth it. Among 100k organisations and 20k
#: partnerships (scripts/bench_matching_latency.py and an A/B of 100 needs, each way in turn):
#: with the facts of every candidate (and 100 of the area), p50 315 ms; cut at 50 with 50 of the
#: area, p50 75 ms, and 91.3% of the first ten kept (before: cut at 100, 100 of the area taken in
#: no order, 86.1% kept). For partners it is not: on partners-dev, a cut at 100 lost 44 hidden
#: partners from the first ten and found 15 others. Nor for leads (a partner search without
#: partners): cut at 50, handler R@10 0.6314 -> 0.6229 on partners-dev, the learned ranker's
#: (the hand-set one's the same, 0.6081). Tasks not listed are not cut.
FACTS_PER_SOURCE: dict[str, int] = {"need": 50}
#: Organisations of a territory ranked at most (the partner finder's territory, an organisation's
#: possible partners): beyond, those the sources found and the AMONG_MAX closest to the text. A
#: province holds some hundreds of organisations; a large region, among 100k, many thousands, whose
#: facts alone would take seconds.
AMONG_MAX = 500
#: The partner finder ranks every organisation of the kind or activity asked, in one pass, when
#: there are no more than these; beyond, the sources' candidates of that kind, and every one only
#: when they find too few, which then took two passes. On the demo (`scripts/bench_partner_filters.py`,
#: both ways in one run): the 3 organisations of the rarest activity p50 73 -> 33 ms, public bodies
#: (152) 48 -> 44 ms, the first ten nearly the same (0.985 in common).
FEW_OF_A_KIND = AMONG_MAX
DEFAULT_LIMIT = 10
MAX_LIMIT = 100
#: Territories a partner search may be limited to at once (an area is its provinces: Salento 3).
MAX_TERRITORIES = 10

NOTE_NO_MODEL = N_("Il modello del testo non è disponibile: suggerimenti basati su parole chiave e relazioni.")
NOTE_NO_INDEX = N_("L'indice dei vettori non è pronto: suggerimenti basati su parole chiave e relazioni.")
RETRY_MODEL_AFTER = 60.0  # seconds before loading a model that failed is tried again
VECTOR_PAGE = 2000  # organisations' vectors read at a time into the matcher's copy
#: needs and partnerships whose vectors make the background of each (spread evenly over their
#: order by id): the level a query's cosine with one of them must pass to count (Background);
#: 4,000 unit vectors put the query's mean cosine within a thousandth of that over all of them
BACKGROUND_SAMPLE = 4000
#: Partners for a consortium: a third-sector entity or a public body (rankers.CIVIC_KINDS) ranks
#: with CIVIC_PRIOR added to its score. The history the rankers learn from is mostly universities,
#: research centres and companies, and a ranker learned from it gives the others the odds they had
#: in those consortia; the platform's users look for the actors of their territory, and a
#: co-design table under art. 55 needs them. The learned rankers' scores are log-odds: the prior
#: takes a civic actor's odds of being the partner sought as e² ≈ 7.4 times those the history
#: gives (a correction for the shift of that share between the history and the platform, set,
#: not learned: no history holds the platform's share). Unlike places kept in the list whatever
#: ranks above them (two of the first ten, before), it moves up the civic actors nearly as likely
#: as the ones above and leaves those far below where they are: on partners-dev the two places
#: gave partner R@10 0.4691 and NGO/public 0.4630, the prior 0.4804 and 0.4938 (README). Among
#: registered organisations only (all of them ETS or public bodies) nothing changes.
CIVIC_PRIOR = 2.0
#: A civic actor among the first CIVIC_TOP that the prior brought there says so (Suggestion.promoted).
CIVIC_TOP = 10

def check_text(text: str, field_name: str = "text") -> str:
    """The text, stripped, or ValidationFailed: empty, too long, without any word, or clearly
    written in a language other than Italian and English."""
    text = (text or "").strip()
    if not text:
        raise ValidationFailed({field_name: Message(N_("Scrivi un testo: serve per cercare chi può aiutare."))})
    if len(text) > MAX_TEXT:
        raise ValidationFailed({field_name: Message(N_("Il testo è troppo lungo: al massimo %(max)d caratteri."),
                                                    max=MAX_TEXT)})
    if language.word_count(text) < MIN_WORDS:
        raise ValidationFailed({field_name: Message(N_("Il testo non contiene parole riconoscibili: descrivi il "
                                                    "bisogno con qualche parola."))})
    foreign = language.foreign_language(text)
    if foreign:
        raise ValidationFailed({field_name: language.refusal(foreign)})
    return text


def check_programme(programme: str | None) -> str | None:
    """The programme or call, stripped (None when empty), or ValidationFailed when too long."""
    if programme and len(programme) > MAX_PROGRAMME:
        raise ValidationFailed({"programme": Message(N_("Il nome del bando è troppo lungo: al massimo %(max)d "
                                                     "caratteri."), max=MAX_PROGRAMME)})
    return (programme or "").strip() or None


def _one_of(field_name: str, value: str | None, allowed: Collection[str], message: Message) -> str | None:
    """``value`` (None when empty: any), or ValidationFailed with ``message`` on ``field_name``
    when ``allowed`` does not hold it."""
    if value and value not in allowed:
        raise ValidationFailed({field_name: message})
    return value or None


def check_kind(kind: str | None) -> str | None:
    """The kind of organisation sought (one of ORGANISATION_KINDS; None or empty: any), or
    ValidationFailed."""
    return _one_of("kind", kind, ORGANISATION_KINDS, Message(N_(
        "Tipo di organizzazione sconosciuto: scegli tra enti del Terzo settore ed enti pubblici, o lascia vuoto per "
        "cercare tra tutte.")))


def place_of(territory_id: str | None) -> Place | None:
    """The comune, province and region of a territory, as far as it goes down (None: none)."""
    if not territory_id:
        return None
    chain = [territory_id] + [t.id for t in gazetteer().ancestors(territory_id)]
    by_level = {gazetteer().by_id[t].level: t for t in chain if t in gazetteer().by_id}
    return Place(by_level.get("comune"), by_level.get("provincia"), by_level.get("regione"))


def check_territory(territory: str | None) -> str | None:
    """The territory where partners are sought (a comune, province or region id; None or empty:
    anywhere), or ValidationFailed."""
    return _one_of("territory", territory, gazetteer().by_id, Message(N_(
        "Territorio sconosciuto: scrivi un comune, «Provincia di …» o il nome della regione.")))


def check_territories(territory: str | Sequence[str] | None) -> tuple[str, ...]:
    """The territories where partners are sought: one id, or several (an area's provinces); none
    (None, empty): anywhere. ValidationFailed for an unknown one or more than MAX_TERRITORIES."""
    ids = [territory] if isinstance(territory, str) else list(territory or ())
    if len(ids) > MAX_TERRITORIES:
        raise ValidationFailed({"territory": Message(N_("Al massimo %(max)d territori."), max=MAX_TERRITORIES)})
    return tuple(dict.fromkeys(t for t in map(check_territory, ids) if t))


def check_activity(activity: str | None) -> str | None:
    """The art. 5 activity the partners must carry out (a letter a–z; None or empty: any), or
    ValidationFailed."""
    return _one_of("activity", activity, ACTIVITIES, Message(N_(
        "Attività di interesse generale sconosciuta: scegli una lettera dell'art. 5, o lascia vuoto.")))


@dataclass(frozen=True)
class Suggestion:
    organisation_id: str
    name: str
    score: float
    reasons: list[dict[str, Any]]  # [{feature, label, contribution}]
    features: list[float] = field(default_factory=list)
    sources: tuple[str, ...] = ()
    #: among the first CIVIC_TOP thanks to the prior given third-sector entities and public
    #: bodies (CIVIC_PRIOR), and not without it
    promoted: bool = False


@dataclass(frozen=True)
class Result:
    items: list[Suggestion]
    degraded: bool = False
    note: str | None = None
    ranker: str = "hand-set"
    #: the places the text names, when no territory was chosen (the partner finder): the page
    #: offers to look only there (and they place the project, next to its known partners)
    text_places: tuple[NamedPlace, ...] = ()
    #: the query's vector (the partner finder: what the text is about is read from it again,
    #: need_labels.clear_activity, without embedding the text twice); None when not embedded
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)


# ----------------------------------------------------------------------------- the matcher


T = TypeVar("T")


class _Kept(Generic[T]):
    """A copy of something in the graph that the matcher keeps in memory (the work, the
    organisations' vectors): read on first use; None while it cannot be read. Every
    WORK_CHECK_EVERY seconds its stamp is read; when it changed, the copy is read again on a
    thread while the old one keeps serving: no request waits for that."""

    def __init__(self, what: str, stamp: Callable[[Graph], Any], read: Callable[[Graph, T | None], T]) -> None:
        """``read(graph, previous)``: the copy, given the one it replaces (None the first time)."""
        self._what, self._stamp, self._read = what, stamp, read
        self._state: tuple[float, Any, T | None] | None = None  # (checked, stamp, copy)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._generation = 0  # what was read of the graph before a reset is not kept after it

    @property
    def loaded(self) -> bool:
        return self._state is not None and self._state[2] is not None

    def get(self, graph: Graph) -> T | None:
        with self._lock:
            state = self._state
            if state is None:
                stamp = self._stamp(graph)
                try:
                    value = self._read(graph, None)
                except Exception:  # suggestions go without it; the next look tries again
                    log.exception("%s not read: suggestions go without it", self._what)
                    stamp, value = None, None
                state = self._state = (time.monotonic(), stamp, value)
            elif time.monotonic() - state[0] >= WORK_CHECK_EVERY and self._thread is None:
                stamp = self._stamp(graph)
                self._state = (time.monotonic(), state[1], state[2])
                if stamp != state[1]:
                    self._thread = threading.Thread(target=self._read_again,
                                                    args=(graph, stamp, state[2], self._generation),
                                                    name="matcher-copy", daemon=True)
                    self._thread.start()
            return state[2]

    def _read_again(self, graph: Graph, stamp: Any, previous: T | None, generation: int) -> None:
        try:
            value = self._read(graph, previous)
            del previous
            with self._lock:
                if generation == self._generation:
                    self._state = (time.monotonic(), stamp, value)
            del value
            freeze_heap()  # the new copy out of the collector's sight, the old one gone
        except Exception:  # the old copy keeps serving; the next look at the stamp tries again
            log.exception("%s not read again", self._what)
        finally:
            self._thread = None

    def reset(self) -> None:
        with self._lock:
            self._state = None
            self._generation += 1

    def settle(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)


@dataclass(frozen=True)
class Eligibility:
    """Who may take part: only the organisations the platform's administrators verified
    (``verified``), only those enrolled in the RUNTS (``runts``: a section given, as a co-design
    table under art. 55 asks of third-sector entities), only those based or working in an area
    (``within``: a province or a region id; a need asking for help from its own territory). Hard
    filters: a candidate that fails one is not ranked, whatever its score."""

    verified: bool = False
    runts: bool = False
    within: str | None = None

    def __bool__(self) -> bool:
        return self.verified or self.runts or bool(self.within)

    def admits(self, facts: CandidateFacts) -> bool:
        return not self.lacks(facts.verified, facts.runts, facts.areas)

    def lacks(self, verified: bool, runts: bool, areas: Collection[str] = ()) -> tuple[str, ...]:
        """What an organisation (``verified``, enrolled in the RUNTS: ``runts``, based or working
        in ``areas`` and below them: its area ids) lacks of what is asked: "verified", "runts",
        "within", in that order; nothing when it may take part."""
        return tuple(name for name, asked, has in (("verified", self.verified, verified), ("runts", self.runts, runts),
                                                   ("within", bool(self.within), self.within in areas))
                     if asked and not has)


#: No eligibility asked: every organisation may take part.
ANYONE = Eligibility()


class Matcher:
    """One per process: the embedder (loaded lazily through ``load_embedder``) and the rankers
    (a copy of those stored in the graph, read again when they change, or by ``reload_rankers``
    after a training in this process)."""

    def __init__(self, load_embedder: Callable[[], Embedder] | None = None, model: str = DEFAULT_MODEL) -> None:
        self._load_embedder = load_embedder
        self._embedder: Embedder | None = None
        self._embedder_error: str | None = None
        self._failed_at = 0.0
        self.model = model
        # the nightly training runs in another process: its rankers are seen within WORK_CHECK_EVERY
        self._rankers: _Kept[dict[str, rankers.LinearRanker]] = _Kept(
            "the rankers", repo.rankers_stamp, lambda graph, _previous: read_rankers(graph))
        self._popular: tuple[float, list[str]] | None = None
        self._lock = threading.Lock()
        self._work: _Kept[KnownWork] = _Kept("the work in the graph", repo.work_stamp,
                                             lambda graph, _previous: read_work(graph))
        self._vectors: _Kept[VectorTable] = _Kept("the organisations' vectors",
                                                  lambda graph: (repo.vectors_stamp(graph), self.model),
                                                  lambda graph, previous: read_vectors(graph, self.model, previous))
        self._names: _Kept[NameIndex] = _Kept("the organisations' names", repo.names_stamp,
                                              lambda graph, _previous: read_names(graph))
        self._background: _Kept[Background] = _Kept(
            "the background of past work and needs", lambda graph: (repo.text_vectors_stamp(graph), self.model),
            lambda graph, _previous: read_background(graph, self.model))
        self._more: dict[str, _Kept[Any]] = {}  # other copies, kept for other services (``kept``)

    # -- the embedding model, loaded once; a failure is remembered (not retried at every call,
    # only after RETRY_MODEL_AFTER seconds)
    def embedder(self) -> Embedder | None:
        with self._lock:
            retry = self._embedder_error is None or time.monotonic() - self._failed_at > RETRY_MODEL_AFTER
            if self._embedder is None and retry and self._load_embedder:
                try:
                    self._embedder = self._load_embedder()
                    self.model = self._embedder.name
                    self._embedder_error = None
                except EmbeddingError as exc:
                    self._embedder_error, self._failed_at = str(exc), time.monotonic()
                    log.error("embedding model unavailable, matching falls back to lexical and graph signals: %s", exc)
            return self._embedder

    def encode(self, texts: Sequence[str]) -> np.ndarray | None:
        embedder = self.embedder()
        if embedder is None:
            return None
        try:
            return embedder.encode(list(texts))
        except EmbeddingError as exc:
            log.error("embedding failed, matching falls back to lexical and graph signals: %s", exc)
            return None

    # -- rankers
    def rankers(self, graph: Graph) -> dict[str, rankers.LinearRanker]:
        """The learned rankers stored in the graph, by task (a copy read again when a training,
        in this process or another, stores new ones; see ``_Kept``)."""
        return self._rankers.get(graph) or {}

    def ranker(self, graph: Graph, task: str) -> rankers.LinearRanker:
        return self.rankers(graph).get(task) or rankers.hand_set(task)

    def reload_rankers(self) -> None:
        """Read the rankers again now (after a training in this process). The copies of the graph
        stay: their stamps say when they change, and reading them again takes seconds at 100k
        organisations."""
        self._rankers.reset()
        self._popular = None

    def forget_graph(self) -> None:
        """Drop everything read of the graph (another graph is used from now on: tests)."""
        self.reload_rankers()
        self._work.reset()
        self._vectors.reset()
        self._names.reset()
        self._background.reset()
        for copy in list(self._more.values()):
            copy.reset()

    def work(self, graph: Graph) -> KnownWork | None:
        """The matcher's copy of the work in the graph (``KnownWork``; see ``_Kept``)."""
        return self._work.get(graph)

    def names(self, graph: Graph) -> NameIndex | None:
        """The matcher's copy of the distinctive words of the organisations' names
        (``NameIndex``; see ``_Kept``)."""
        return self._names.get(graph)

    def vectors(self, graph: Graph) -> VectorTable | None:
        """The matcher's copy of the organisations' vectors of its model (``VectorTable``; see
        ``_Kept``)."""
        table = self._vectors.get(graph)
        return table if table is not None and table.model == self.model else None

    def background(self, graph: Graph) -> Background | None:
        """The matcher's copy of how close a query is to all past work and all needs of its
        model (``Background``; see ``_Kept``)."""
        found = self._background.get(graph)
        return found if found is not None and found.model == self.model else None

    def settle(self, timeout: float | None = None) -> None:
        """Wait for new readings of the graph under way, if any (tests, benchmarks)."""
        self._work.settle(timeout)
        self._vectors.settle(timeout)
        self._names.settle(timeout)
        self._background.settle(timeout)
        self._rankers.settle(timeout)
        for copy in list(self._more.values()):
            copy.settle(timeout)

    def kept(self, what: str, stamp: Callable[[Graph], Any], read: Callable[[Graph, Any], Any]) -> _Kept[Any]:
        """Another copy of something in the graph that this matcher keeps (see ``_Kept``): made
        on the first call for ``what``, the same one afterwards."""
        with self._lock:
            if what not in self._more:
                self._more[what] = _Kept(what, stamp, read)
            return self._more[what]

    def most_active(self, graph: Graph) -> list[str]:
        """The most active organisations, read again every POPULAR_TTL seconds."""
        now = time.monotonic()
        if self._popular is None or now - self._popular[0] > POPULAR_TTL:
            self._popular = (now, repo.most_active(graph, POPULAR_K))
        return self._popular[1]

    # -- ranking
    def rank(self, graph: Graph, query: Query, limit: int = DEFAULT_LIMIT, exclude: Sequence[str] = (),
             exclude_work: Sequence[str] = (), ranker: rankers.LinearRanker | None = None,
             observe: Callable[[list[CandidateFacts], np.ndarray], None] | None = None,
             kinds: Sequence[str] = (), among: Collection[str] | None = None,
             activity: str | None = None, eligible: Eligibility = ANYONE, near: str | None = None) -> Result:
        """The best ``limit`` candidates for the query, each with its reasons; with ``kinds``,
        only organisations of those kinds; with ``among``, only those organisations (all of them
        are ranked); with ``activity``, only those carrying out that art. 5 activity; with
        ``eligible``, only those it admits (verified, enrolled in the RUNTS); with ``near`` (an
        area id: ``on_site_region``), only those based or working there.
        ``observe`` is given every candidate and the feature matrix they were ranked by (the
        benchmark's ceiling)."""
        popular = self.most_active(graph) if query.task in ("partner", "handler") and among is None else ()
        found = gather(graph, query, self.model, exclude=exclude, exclude_work=exclude_work, popular=popular,
                       work=self.work(graph), vectors=self.vectors(graph), among=among, names=self.names(graph),
                       background=self.background(graph))
        candidates, query = found.candidates, found.query
        if kinds:
            candidates = [c for c in candidates if c.kind in kinds]
        if activity:
            candidates = [c for c in candidates if activity in c.activities]
        if eligible:
            candidates = [c for c in candidates if eligible.admits(c)]
        if near:
            candidates = [c for c in candidates if near in c.areas]
        note = found.note
        matrix = feature_matrix(query, candidates)
        if observe is not None:
            observe(candidates, matrix)
        chosen = ranker or self.ranker(graph, query.task)
        weighed = chosen.prepare(matrix)  # the features stored with a suggestion stay as computed (training)
        order, scores, promoted = ranked_order(query.task, chosen.score(weighed), civic_flags(candidates))
        order = order[:limit]
        items = [Suggestion(organisation_id=candidates[i].id, name=candidates[i].name,
                            score=round(float(scores[i]), 4),
                            reasons=_reasons(chosen, weighed[i], query, candidates[i]),
                            features=[round(float(x), 5) for x in matrix[i]],
                            sources=tuple(sorted(candidates[i].sources)), promoted=int(i) in promoted)
                 for i in order]
        _name_work(graph, items)
        return Result(items=items, degraded=note is not None, note=note, ranker=chosen.source)


def civic_flags(candidates: Sequence[CandidateFacts]) -> list[bool]:
    """Whether each candidate is a third-sector entity or a public body (rankers.CIVIC_KINDS)."""
    return [(c.category or c.kind) in rankers.CIVIC_KINDS for c in candidates]


def ranked_order(task: str, scores: np.ndarray, civic: Sequence[bool],
                 prior: float | None = None) -> tuple[list[int], np.ndarray, set[int]]:
    """(the candidates' indices best first, the scores they are ranked by, those the prior
    brought among the first CIVIC_TOP): for partners, third-sector entities and public bodies
    rank with ``prior`` (by default CIVIC_PRIOR) added to their score; ties keep the
    candidates' order."""
    prior = CIVIC_PRIOR if prior is None else prior
    scores = np.asarray(scores, dtype=np.float64)
    plain = [int(i) for i in np.argsort(-scores, kind="stable")]
    if task != "partner" or not prior:
        return plain, scores, set()
    ranked = scores + prior * np.asarray(civic, dtype=np.float64)
    order = [int(i) for i in np.argsort(-ranked, kind="stable")]
    return order, ranked, set(order[:CIVIC_TOP]) - set(plain[:CIVIC_TOP])


def _reasons(ranker: rankers.LinearRanker, row: np.ndarray, query: Query,
             facts: CandidateFacts) -> list[dict[str, Any]]:
    """The reasons of one suggestion, each with what it is about when that can be named
    (``detail``: competencies, activities, the territory's level, the known partners); a reason
    whose label the candidate's facts contradict is left out (features.reason_holds)."""
    out = []
    for reason in ranker.reasons(row):
        if not reason_holds(reason.feature, facts):
            continue
        item = dict(reason.__dict__)
        detail = reason_detail(reason.feature, query, facts)
        if detail:
            item["detail"] = detail
        work = evidence_of(reason.feature, facts)
        if work and work != PROFILE:
            item["work"] = work  # an id until _name_work names it
        out.append(item)
    return _one_place_reason(out)


def _one_place_reason(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A project placed only by the places its text names is "in the same territory" for the
    same reason it is "where the text says": one reason, named_place, with both contributions
    (the territory stays apart when it says more, a known partner's comune, say)."""
    by_feature = {r["feature"]: r for r in reasons}
    territory, named = by_feature.get("territory"), by_feature.get("named_place")
    if territory is None or named is None or territory.get("detail") != named.get("detail"):
        return reasons
    named["contribution"] = round(named["contribution"] + territory["contribution"], 3)
    return sorted((r for r in reasons if r is not territory), key=lambda r: -r["contribution"])


def _name_work(graph: Graph, items: Sequence[Suggestion]) -> None:
    """The past work named by the reasons of ``items`` as {id, kind, title, year}, and the
    organisations a link in the poster's network goes through (``via``: id → name), in one read
    for all of them; a work or an organisation the graph no longer shows is left unnamed."""
    reasons = [r for s in items for r in s.reasons if "work" in r or r["feature"] == "poster_network"]
    if not reasons:
        return
    via = [oid for r in reasons if r["feature"] == "poster_network" for oid in r.get("detail") or ()]
    titles, names = repo.reason_evidence(graph, [r["work"] for r in reasons if "work" in r], via)
    for reason in reasons:
        if "work" in reason:
            work = titles.get(reason.pop("work"))
            if work is not None:
                reason["work"] = work
        if reason["feature"] == "poster_network" and reason.get("detail"):
            reason["via"] = {oid: names[oid] for oid in reason["detail"] if oid in names}


@dataclass(frozen=True)
class KnownWork:
    """What the matcher keeps in memory of the partnerships in the graph."""

    profiles: LexicalProfiles | None  # what each organisation's work is about (None: no words to learn)
    members: WorkMembers  # who took part in what (the text sources sum their hits per member)
    words: WordCounts  # in how many partnerships' texts each word is (the names a text says)


@dataclass
class Gathered:
    candidates: list[CandidateFacts]
    query: Query  # with what the past work says of kinds of organisation (kind_shares)
    note: str | None = None  # why a source was unavailable


#: The sources of candidates are independent reads: they run side by side on these threads
#: (the Neo4j driver is thread-safe), so a suggestion waits for the slowest source, not their sum.
_SOURCES = ThreadPoolExecutor(max_workers=4, thread_name_prefix="matcher-source")


def gather(graph: Graph, query: Query, model: str, exclude: Sequence[str] = (),
           exclude_work: Sequence[str] = (), popular: Sequence[str] = (),
           work: KnownWork | None = None, vectors: VectorTable | None = None, consortium: bool = True,
           among: Collection[str] | None = None, names: NameIndex | None = None,
           background: Background | None = None) -> Gathered:
    """Candidates from every source (vector indexes, full-text indexes, the known partners'
    neighbourhood, the need's area, the most active organisations), with their facts. With
    ``work`` (``Matcher.work``), the members of the partnerships hit come from its copy, and how
    close the words of each candidate's whole work are to the query's is computed. With
    ``vectors`` (``Matcher.vectors``), the cosines of the area's organisations and of the
    candidates are computed from its copy (the graph computes those it does not hold). With known
    partners and ``consortium``, each candidate's profile is compared with theirs
    (``consortium_similarities``; training compares them as they were then). With ``among``, the
    candidates are those organisations (all of them, those the sources found with their
    sources' facts), and no other. With ``names`` (``Matcher.names``), the organisations the
    text names are candidates too (``named_in_text``). With ``background``
    (``Matcher.background``), past work and needs met count by how much closer to the query they
    are than past work and needs in general, and so do the partnerships shared with the known
    partners in ``closer_co_work`` (whether the reason of ``similar_co_work`` holds); without it,
    from a cosine of zero."""
    found: dict[str, CandidateFacts] = {}
    kind_shares: dict[str, float] = {}
    exclude = list(set(exclude) | set(query.known))
    note = None

    def get(oid: str, source: str) -> CandidateFacts:
        facts = found.setdefault(oid, CandidateFacts(id=oid))
        facts.sources.add(source)
        return facts

    vector = None if query.vector is None else [float(x) for x in query.vector]
    lucene = text_search.lucene_any(query.text)
    reads: dict[str, Future[Any]] = {}
    levels = ((background.level("work", query.vector), background.level("need", query.vector))
              if background is not None else (0.0, 0.0))
    if vector is not None:
        reads["profile"] = _SOURCES.submit(repo.profile_neighbours, graph, vector, model, VECTOR_K, exclude)
        reads["past_work"] = _SOURCES.submit(_past_work, graph, vector, model, exclude, exclude_work, work, levels,
                                             query.need)
    if lucene:
        reads["lexical"] = _SOURCES.submit(_lexical_matches, graph, lucene, exclude, exclude_work, work)
    reads["partners"] = _SOURCES.submit(repo.co_work, graph, sorted(query.known), vector, model, exclude,
                                        exclude_work)
    if query.poster and work:
        reads["met"] = _SOURCES.submit(repo.met_together, graph, query.poster, exclude_work)
    if query.activities and query.places and vectors is not None and vector is not None:
        reads["neighbourhood"] = _SOURCES.submit(_area, graph, sorted(query.activities), _areas(query.places),
                                                 query.vector, model, exclude, vectors)
    elif query.activities and query.places:
        reads["neighbourhood"] = _SOURCES.submit(repo.neighbourhood, graph, sorted(query.activities),
                                                 _areas(query.places), vector, model, exclude, AREA_K)
    # wait for every read before looking at any, so that none is left running on failure
    wait(list(reads.values()))
    similarities: dict[str, float] = {}  # cosines the sources gave (profile index, area): not computed again
    # the cut sources' rows (thousands when past partnerships are large) are summed per
    # organisation as plain numbers first, on their sources' threads: only the candidates kept
    # become CandidateFacts
    scored: dict[str, dict[str, list[Any]]] = {"past_work": {}, "lexical": {}}
    if vector is not None:
        try:
            for row in reads["profile"].result():
                get(row["id"], "profile")
                similarities[row["id"]] = row["similarity"]
            scored["past_work"], kinds = reads["past_work"].result()
            kind_shares = _kind_shares(kinds, leads=query.task != "partner")
        except IndexUnavailable as exc:
            log.error("vector index unavailable, matching falls back to lexical and graph signals: %s%s", exc,
                      " (vectors of another length than the index's: after a change of model, run "
                      "`mentore embeddings rebuild --all`)" if "dimensions" in str(exc) else "")
            note = NOTE_NO_INDEX
    else:
        note = NOTE_NO_MODEL
    if "lexical" in reads:
        try:
            scored["lexical"] = reads["lexical"].result()
        except IndexUnavailable as exc:
            log.error("full-text index unavailable: %s", exc)
    known_count = max(len(query.known), 1)
    shared: dict[str, tuple[float, str]] = {}  # the shared partnership closest to the query (evidence)
    for row in reads["partners"].result():
        facts = get(row["id"], "partners")
        facts.shared_partnerships += 1
        with_known = row["with_known"]
        for k in with_known:
            facts.co_work[k] = facts.co_work.get(k, 0) + 1
        facts.adamic_adar += len(with_known) / np.log(max(row["size"], 2) + 1)
        facts.consortium_overlap = max(facts.consortium_overlap, len(with_known) / known_count)
        facts.similar_co_work += len(with_known) * max(row["similarity"], 0.0)
        facts.closer_co_work += len(with_known) * Background.lifted(row["similarity"], levels[0])
        closest = shared.get(row["id"])
        if closest is None or (row["similarity"], closest[1]) > (closest[0], row["work"]):  # ties: the smaller id
            shared[row["id"]] = (row["similarity"], row["work"])
    for oid, (_, work_id) in shared.items():
        found[oid].shared_work = work_id
    if "neighbourhood" in reads:
        for row in reads["neighbourhood"].result():
            get(row["id"], "neighbourhood")
            if row["similarity"] is not None:
                similarities.setdefault(row["id"], row["similarity"])
    excluded = set(exclude)
    for oid in popular:
        if oid not in excluded:
            get(oid, "most_active")
    if names is not None:
        own = {*query.known, query.poster} - {None}
        for oid, named in names.named(query.text, work.words if work else None, own=own).items():
            if oid not in excluded:
                facts = get(oid, "named")
                facts.named_in_text, facts.name_words = named.score, named.words
    network = (work.members.network(query.poster, exclude_work, met=reads["met"].result())
               if query.poster and work else {})
    for oid in sorted(network, key=lambda o: (network[o].distance, -network[o].strength, o))[:NETWORK_K]:
        if oid not in excluded:
            get(oid, "network")
    for oid in _strongest(scored, FACTS_PER_SOURCE.get(query.task)):
        found.setdefault(oid, CandidateFacts(id=oid))  # its sources are added just below
    if among is not None:
        found = {oid: found.get(oid) or CandidateFacts(id=oid, sources={"area"})
                 for oid in _within(among, excluded, found, query.vector, vectors, similarities)}
    for oid, facts in found.items():  # the cut sources' sums, for every candidate kept
        link = network.get(oid)
        if link is not None:
            facts.poster_network = NETWORK_CLOSENESS[link.distance]
            facts.network_via, facts.network_work = link.via, link.work
        if oid in scored["past_work"]:
            facts.sources.add("past_work")
            (facts.similar_work, facts.best_similar_work, facts.led_similar_work, facts.closest_work, _,
             facts.closest_led_work, _) = scored["past_work"][oid]
        if oid in scored["lexical"]:
            facts.sources.add("lexical")
            (facts.lexical, facts.best_lexical, facts.led_lexical, facts.lexical_work, _, facts.lexical_led_work,
             _) = scored["lexical"][oid]
    if found and vectors is not None and query.vector is not None:
        # the cosines the sources did not give, from the copy: the facts read no stored vector
        similarities.update(vectors.cosines(query.vector, [oid for oid in found if oid not in similarities]))
    if found:
        # numpy work: it runs while the graph reads the facts
        profiles = work.profiles if work else None
        profile_words = (None if profiles is None
                         else _SOURCES.submit(profiles.similarity, query.text, list(found), exclude_work))
        alike = (_SOURCES.submit(consortium_similarities, graph, sorted(query.known), list(found), model, vectors)
                 if consortium and query.known else None)
        for row in repo.facts(graph, list(found), vector, model, exclude_work, similarities=similarities,
                              programme=query.programme, need=query.need):
            facts = found[row["id"]]
            facts.name, facts.kind, facts.category = row["name"] or "", row["kind"] or "", row["category"] or ""
            facts.verified, facts.runts = row["verified"], row["runts"]
            facts.place = Place(row["comune"], row["province"], row["region"])
            facts.areas = frozenset(row["areas"])
            facts.activities, facts.competencies = frozenset(row["activities"]), frozenset(row["competencies"])
            facts.degree, facts.led = row["degree"], row["led"]
            facts.suggested, facts.answered = row["suggested"], row["answered"]
            facts.text_similarity = row["text_similarity"]
            facts.same_programme = row["same_programme"]
        if profile_words is not None:
            for oid, value in profile_words.result().items():
                found[oid].lexical_profile = value
        if alike is not None:
            for oid, value in alike.result().items():
                found[oid].consortium_similarity = value
    query = replace(query, kind_shares=kind_shares)
    return Gathered([found[k] for k in sorted(found)], query, note)


def unit_profiles(graph: Graph, ids: Sequence[str], model: str,
                  vectors: VectorTable | None = None) -> dict[str, np.ndarray]:
    """id → its profile vector of ``model``, of unit length: from the matcher's copy, from the
    graph for those it does not hold (ids without a vector are left out)."""
    found = vectors.unit_vectors(ids) if vectors is not None else {}
    missing = [oid for oid in ids if oid not in found]
    for oid, vector in repo.vectors_of(graph, missing, model).items():
        found[oid] = normalise(np.asarray(vector, dtype=np.float32))[0]
    return found


def consortium_vector(profiles: Sequence[np.ndarray]) -> np.ndarray | None:
    """The direction of a partnership's members' work: the mean of their unit profile vectors,
    of unit length (each member counts once, however much it did); None without any."""
    if not len(profiles):
        return None
    total = np.sum(np.asarray(profiles, dtype=np.float64), axis=0)
    norm = float(np.linalg.norm(total))
    return total / norm if norm > 1e-9 else None


def profile_cosines(graph: Graph, vector: np.ndarray, ids: Sequence[str], model: str,
                    vectors: VectorTable | None = None) -> dict[str, float]:
    """id → cosine between its profile vector of ``model`` and ``vector``: from the matcher's
    copy, from the graph for the ids it does not hold (ids without a vector are left out)."""
    found = vectors.cosines(vector, ids) if vectors is not None else {}
    missing = [oid for oid in ids if oid not in found]  # embedded since the copy was read, or never
    if missing:
        found.update(repo.cosines(graph, missing, [float(x) for x in vector], model))
    return found


def consortium_similarities(graph: Graph, known: Sequence[str], ids: Sequence[str], model: str,
                            vectors: VectorTable | None = None,
                            as_then: dict[str, np.ndarray] | None = None) -> dict[str, float]:
    """id → cosine between its profile vector and the known partners' ``consortium_vector``:
    whether it works on what they work on, whether or not it ever worked with them (ids without
    a vector, and every id when no known partner has one, are left out). ``as_then`` (training):
    profile sums as they were then, in place of the stored profiles of their ids. On partners-dev
    (``mentore bench matching --ceiling``): the ceiling went from partner R@10 0.486 to 0.4935 and
    NGO/public 0.309 to 0.340; the matcher, trained on the history, from NGO/public 0.272 to 0.290,
    partner R@10 unchanged at 0.4827 (37 hidden partners gained in the first ten, 37 lost)."""
    as_then = as_then or {}

    def unit_then(oid: str) -> np.ndarray | None:
        norm = float(np.linalg.norm(as_then[oid]))
        return as_then[oid] / norm if norm > 1e-6 else None

    profiles = unit_profiles(graph, [k for k in known if k not in as_then], model, vectors)
    profiles.update({k: v for k in known if k in as_then and (v := unit_then(k)) is not None})
    centre = consortium_vector(list(profiles.values()))
    if centre is None:
        return {}
    found = {oid: float(v @ centre) for oid in ids if oid in as_then and (v := unit_then(oid)) is not None}
    found.update(profile_cosines(graph, centre, [oid for oid in ids if oid not in as_then], model, vectors))
    return found


def _within(among: Collection[str], excluded: set[str], found: Mapping[str, CandidateFacts],
            query_vector: np.ndarray | None, vectors: VectorTable | None, similarities: dict[str, float]) -> list[str]:
    """The organisations of ``among`` to rank: all of them, up to AMONG_MAX; beyond, those the
    sources found and the AMONG_MAX closest to the query's text (from the copy of the vectors;
    their cosines are kept in ``similarities``), or the first AMONG_MAX by id without a vector."""
    wanted = sorted(set(among) - excluded)
    if len(wanted) <= AMONG_MAX:
        return wanted
    if vectors is not None and query_vector is not None:
        cosines = vectors.cosines(query_vector, wanted)
        closest = sorted(cosines, key=lambda oid: (-cosines[oid], oid))[:AMONG_MAX]
        similarities.update({oid: cosines[oid] for oid in closest})
    else:
        closest = wanted[:AMONG_MAX]
    return sorted(set(closest) | (set(found) & set(wanted)))


def _area(graph: Graph, activities: Sequence[str], areas: Sequence[str], query_vector: np.ndarray, model: str,
          exclude: Sequence[str], table: VectorTable) -> list[dict[str, Any]]:
    """``repo.neighbourhood`` with the cosines from the matcher's copy of the vectors: the AREA_K
    organisations of the area closest to the query (id, cosine; those without a vector last),
    ties by id, as the graph orders them."""
    ids = repo.neighbourhood_ids(graph, activities, areas, exclude)
    found = profile_cosines(graph, query_vector, ids, model, table)
    ranked = sorted(ids, key=lambda oid: (-found[oid] if oid in found else 2.0, oid))[:AREA_K]
    return [{"id": oid, "similarity": found.get(oid)} for oid in ranked]


def _past_work(graph: Graph, vector: list[float], model: str, exclude: Sequence[str], exclude_work: Sequence[str],
               work: KnownWork | None, levels: tuple[float, float] = (0.0, 0.0), need: str | None = None
               ) -> tuple[dict[str, list[Any]], list[dict[str, Any]]]:
    """(the organisations whose past work is near the query, their rows summed (``_sum_rows``),
    weights of the kinds of organisation among it): the past-work source. ``levels``: the
    query's background levels of past work and of needs (``Background``); ``need``: the query's
    own, which is not past work. Summed here, on the source's thread, while the other sources'
    reads run: not after all of them, when the suggestion waits for it."""
    hits, met, kinds = repo.past_work(graph, vector, model, VECTOR_K, KINDS_K, exclude, exclude_work, *levels,
                                      need=need)
    summed: dict[str, list[Any]] = {}
    _sum_rows(summed, _by_member(graph, hits, exclude, work) + met)
    return summed, kinds


def _lexical_matches(graph: Graph, lucene: str, exclude: Sequence[str], exclude_work: Sequence[str],
                     work: KnownWork | None) -> dict[str, list[Any]]:
    """The organisations whose words, or whose past work's, match the query, their rows summed
    (``_sum_rows``, on the source's thread as in ``_past_work``): the full-text source."""
    profiles, hits = repo.lexical_matches(graph, lucene, LEXICAL_K, exclude, exclude_work)
    summed: dict[str, list[Any]] = {}
    _sum_rows(summed, profiles + _by_member(graph, hits, exclude, work))
    return summed


def _by_member(graph: Graph, hits: Sequence[dict[str, Any]], exclude: Sequence[str],
               work: KnownWork | None) -> list[dict[str, Any]]:
    """The partnerships hit (id, score, size), summed per member of the pool: members from the
    matcher's copy, or from the graph for the partnerships it does not hold as they are now."""
    members: dict[str, Sequence[tuple[str, bool]]] = {}
    unknown = []
    for hit in hits:
        held = work.members.get(hit["id"], hit["size"]) if work else None
        if held is None:
            unknown.append(hit["id"])
        else:
            members[hit["id"]] = held
    for row in repo.members_of(graph, unknown):
        members[row["id"]] = _pool_members(row["members"])
    return by_member(((h["id"], h["score"]) for h in hits), members, set(exclude))


def _pool_members(members: Sequence[dict[str, Any]]) -> list[tuple[str, bool]]:
    """(id, led) of a partnership's members that may be suggested, from ``repo.MEMBERS`` maps."""
    return [(m["id"], m["led"]) for m in members if m["pool"]]


def _sum_rows(into: dict[str, list[Any]], rows: Sequence[dict[str, Any]]) -> None:
    """Add a cut source's rows to ``into``: id → [sum of scores, best, sum of led scores, where
    the best is (a partnership or need id, or PROFILE: the organisation's own words), its
    score, the best led work, its score] (scores below zero count as zero, as dissimilar work
    adds nothing)."""
    for row in rows:
        sums = into.get(row["id"])
        if sums is None:
            into[row["id"]] = [max(row["score"], 0.0), max(row["best"], 0.0), max(row["led"], 0.0),
                               row["work"] or PROFILE, row["best"], row["led_work"], row["led_best"]]
            continue
        sums[0] += max(row["score"], 0.0)
        sums[1] = max(sums[1], row["best"])
        sums[2] += max(row["led"], 0.0)
        if row["best"] > sums[4]:
            sums[3], sums[4] = row["work"] or PROFILE, row["best"]
        if row["led_work"] is not None and (sums[5] is None or row["led_best"] > sums[6]):
            sums[5], sums[6] = row["led_work"], row["led_best"]


def _strongest(scored: dict[str, dict[str, list[Any]]], per_source: int | None) -> set[str]:
    """The ids among the ``per_source`` best of each cut source (by their summed score; ties
    broken by id, so the set does not depend on the order the rows came in); all of them when
    ``per_source`` is None. The other sources' candidates are all kept anyway."""
    if per_source is None:
        return {oid for sums in scored.values() for oid in sums}
    keep: set[str] = set()
    for sums in scored.values():
        keep.update(oid for _, oid in heapq.nsmallest(per_source, ((-s[0], oid) for oid, s in sums.items())))
    return keep


def _kind_shares(rows: Sequence[dict[str, Any]], leads: bool) -> dict[str, float]:
    weights: dict[str, float] = {}
    for row in rows:
        if row["category"] and (row["lead"] or not leads):
            weights[row["category"]] = weights.get(row["category"], 0.0) + max(row["weight"], 0.0)
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()} if total > 0 else {}


def read_work(graph: Graph) -> KnownWork:
    """The matcher's copy of the partnerships in the graph: their members, and the lexical
    profiles of every organisation's work (the log says their size and how long they took)."""
    started = time.monotonic()
    rows = repo.work_documents(graph)
    members = WorkMembers({r["id"]: _pool_members(r["members"]) for r in rows},
                          {r["id"]: len(r["members"]) for r in rows})
    works = [Work(r["id"], ". ".join(x for x in (r["title"], r["theme"], r["description"]) if x),
                  tuple(m["id"] for m in r["members"])) for r in rows]
    profiles = LexicalProfiles.fit(works, stop_words=text_search.MATCH_STOP_WORDS)
    words = WordCounts.of(w.text for w in works)
    log.info("work read in %.1f s: %d partnerships, %d members of the pool; lexical profiles of %s "
             "(organisations, partnerships, words)", time.monotonic() - started, len(members),
             members.memberships, profiles.size if profiles else (0, 0, 0))
    return KnownWork(profiles, members, words)


def read_names(graph: Graph) -> NameIndex:
    """The matcher's copy of the distinctive words of the organisations' names (``NameIndex``):
    every name counts in how common a word is, those of the pool only are found; their seats
    tell namesakes apart, and so do their legal forms' Italian names ("Associazione di
    promozione sociale (APS)" is an APS and an associazione: ``names.forms``)."""
    started = time.monotonic()
    rows = repo.organisation_names(graph)
    index = NameIndex.fit(((r["id"], r["name"]) for r in rows), not_names=place_words(),
                          keep={r["id"] for r in rows if r["pool"]}, not_phrases=place_phrases(),
                          seats={r["id"]: r["seat"] for r in rows if r["seat"]},
                          legal_forms={r["id"]: LEGAL_FORMS[r["legal_form"]] for r in rows
                                       if r["legal_form"] in LEGAL_FORMS})
    log.info("organisations' names read in %.1f s: %d names, %d of the pool with words of their own",
             time.monotonic() - started, len(rows), len(index))
    return index


def read_background(graph: Graph, model: str) -> Background:
    """The matcher's background of ``model``: the mean of the vectors of BACKGROUND_SAMPLE
    partnerships and needs, spread over their order by id (``Background``; the log says how long
    it took)."""
    started = time.monotonic()
    background = Background.of(model, {kind: np.asarray(repo.text_vectors(graph, label, model, BACKGROUND_SAMPLE),
                                                        dtype=np.float64)
                                       for kind, label in (("work", "Partnership"), ("need", "Need"))})
    log.info("background of past work and needs read in %.1f s: %s", time.monotonic() - started,
             ", ".join(f"{n} {kind}" for kind, n in background.counts.items()) or "none")
    return background


def read_vectors(graph: Graph, model: str, previous: VectorTable | None = None) -> VectorTable:
    """The matcher's copy of the organisations' vectors of ``model``, read a page at a time (the
    log says its size and how long it took); with the ``previous`` copy (of the same model), only
    the vectors stored since it was read are read (100k organisations take some 30 s to read)."""
    started = time.monotonic()
    read_at = repo.server_time(graph)
    since = previous.read_at if previous is not None and previous.model == model and previous.read_at else None
    ids: list[str] = []
    pages: list[np.ndarray] = []
    after = ""
    while True:  # a page at a time, even after `embeddings rebuild --all`: one answer would not fit
        page = repo.organisation_vectors(graph, model, after, VECTOR_PAGE, since=since)
        if not page:
            break
        ids.extend(r["id"] for r in page)
        pages.append(np.asarray([r["vector"] for r in page], dtype=np.float32))
        after = page[-1]["id"]
    sizes = {p.shape[1] for p in pages}
    if len(sizes) > 1:  # vectors of one model with another length: nothing is kept, the graph answers
        raise ValueError(f"vectors of {model} with different lengths: {sorted(sizes)}")
    vectors = np.vstack(pages) if pages else np.zeros((0, 0), dtype=np.float32)
    if previous is not None and since is not None:
        table = previous.updated(ids, vectors, read_at=read_at)
        log.info("organisations' vectors: %d stored since the last reading, read in %.1f s", len(ids),
                 time.monotonic() - started)
        return table
    table = VectorTable(model, ids, vectors, read_at=read_at)
    log.info("organisations' vectors read in %.1f s: %d of %s, %.0f MB", time.monotonic() - started, len(table),
             model, table.nbytes / 1e6)
    return table


def freeze_heap() -> None:
    """Put what the process holds now (the models, the matcher's copy of the work, the app) out
    of the cyclic garbage collector's sight, once the garbage is collected. A full collection
    walks every object the process holds: at 100k organisations one came every dozen suggestions
    and took 80-110 ms of it, the tail of the latency (p95 182 ms; with the heap frozen, 103 ms).
    Objects frozen are still freed when no longer referenced; unfreezing first lets a later call
    collect the cycles that became garbage since the last one."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _areas(places: Sequence[Place]) -> list[str]:
    """The comune and the province of each place (the region only when nothing finer is known)."""
    return sorted({x for p in places for x in ((p.comune, p.province) if p.comune or p.province else (p.region,)) if x})


# ----------------------------------------------------------------------------- queries


def known_context(graph: Graph, known: Sequence[str],
                  exclude_work: Sequence[str] = ()) -> tuple[dict[str, int], tuple[Place, ...]]:
    rows = repo.known_organisations(graph, known, exclude_work)
    degrees = {r["id"]: r["degree"] for r in rows}
    places = tuple(Place(r["comune"], r["province"], r["region"]) for r in rows
                   if r["country"] == "IT" and (r["comune"] or r["region"]))
    return degrees, places


def partner_query(matcher: Matcher, graph: Graph, text: str, known: Sequence[str], task: str = "partner",
                  vector: np.ndarray | None = None, exclude_work: Sequence[str] = (),
                  context: tuple[dict[str, int], tuple[Place, ...]] | None = None,
                  programme: str | None = None, activities: Sequence[str] = (),
                  named: Sequence[Place] = ()) -> Query:
    """``context``: what known_context already read of the known partners, if it did;
    ``programme``: the call or programme the project answers to, if known (any spelling: its
    family is what is compared); ``activities``: the art. 5 activities it is about, if known;
    ``named``: the places its text names (``placed_by_text``)."""
    degrees, places = context or known_context(graph, known, exclude_work)
    if vector is None:
        encoded = matcher.encode([text])
        vector = None if encoded is None else encoded[0]
    return Query(task=task, text=text, vector=vector, known=frozenset(known), known_degrees=degrees, places=places,
                 programme=programme_family(programme), activities=frozenset(activities), named=tuple(named))


class Placed(NamedTuple):
    """Where a project's text places it (``placed_by_text``)."""

    text_places: tuple[NamedPlace, ...]  # the places its text names, as the page offers them
    named: tuple[Place, ...]  # the same, as the matcher compares them (Query.named)
    places: tuple[Place, ...]  # those, then the places given (its known partners'), once each


def placed_by_text(text: str, places: Sequence[Place] = ()) -> Placed:
    """The places a project's text names (``named_places``: "in provincia di Biella", "at the
    University of Parma") and where that places the project: those places first, then ``places``
    (its known partners'). A search for partners, the benchmark's queries and the examples the
    rankers learn from are placed so alike."""
    text_places = tuple(named_places(text))
    named = tuple(dict.fromkeys(p for place in text_places for p in map(place_of, place.ids) if p is not None))
    return Placed(text_places, named, tuple(dict.fromkeys((*named, *places))))


def suggest_partners(matcher: Matcher, graph: Graph, text: str, known: Sequence[str] = (),
                     limit: int = DEFAULT_LIMIT, programme: str | None = None,
                     gate: Callable[[], None] | None = None, kind: str | None = None,
                     territory: str | Sequence[str] | None = None, activity: str | None = None,
                     eligible: Eligibility = ANYONE) -> Result:
    """Organisations that could join a project described by ``text`` whose partners ``known``
    are already in (no known partner: who could lead it); ``programme``: the call it answers to;
    ``kind``: only organisations of that kind (a co-design table under art. 55 is with ETS);
    ``territory``: only those based or working there, or in any of several (an area's
    provinces); every one of them is ranked, and it places the project when no partner is known;
    without one, the places the text names place the project next to the known partners' own,
    and the result says which (``text_places``); ``activity``: only those carrying out that
    art. 5 activity; ``eligible``: only those verified, or enrolled in the RUNTS. Every
    organisation of the kind, activity or eligibility asked is ranked when they are FEW_OF_A_KIND
    at most, or when the sources find fewer than ``limit`` of them. ``gate`` is
    called once everything is valid, just before the matcher runs (a rate limit: it may raise
    SearchRateLimited; a request with errors is not counted)."""
    text = check_text(text)
    programme = check_programme(programme)
    kind = check_kind(kind)
    territories = check_territories(territory)
    activity = check_activity(activity)
    known = list(dict.fromkeys(known))
    context = known_context(graph, known)
    missing = sorted(set(known) - set(context[0]))  # the context holds only organisations that exist
    if missing:
        raise ValidationFailed({"known_partners": Message(N_("Organizzazioni sconosciute: %(ids)s"),
                                                         ids=", ".join(missing[:5]))})
    if gate is not None:
        gate()
    # the places the text names ("nella provincia di Biella"), unless a territory was chosen: the
    # page offers to look only there, and they place the project, next to its known partners (a
    # Roman body looking for partners "a Biella": those of Biella are as near as those of Rome)
    placed = Placed((), (), context[1])
    if territories and not context[1]:
        context = (context[0], tuple(p for p in map(place_of, territories) if p is not None))
    elif not territories:
        placed = placed_by_text(text, context[1])
        context = (context[0], placed.places)
    text_places = placed.text_places
    query = partner_query(matcher, graph, text, known, task="partner" if known else "handler", context=context,
                          programme=programme, activities=(activity,) if activity else (), named=placed.named)
    limit = min(max(limit, 1), MAX_LIMIT)
    # in a territory, those of it meeting the requirements (a big region holds more than AMONG_MAX:
    # the closest to the text of them, not of every organisation there)
    among = repo.organisations_in(graph, territories, known, verified=eligible.verified,
                                  runts=eligible.runts) if territories else None
    result = rank_filtered(matcher, graph, query, limit, known, among, kind=kind, activity=activity, eligible=eligible)
    return replace(result, text_places=text_places, vector=query.vector)


def rank_filtered(matcher: Matcher, graph: Graph, query: Query, limit: int, exclude: Sequence[str],
                  among: Sequence[str] | None, kind: str | None = None, activity: str | None = None,
                  eligible: Eligibility = ANYONE, near: str | None = None) -> Result:
    """``Matcher.rank`` with hard filters (``kind``, ``activity``, ``eligible``), ``exclude`` left
    out. With ``among`` (a territory's organisations), those. Else, when the filters admit
    FEW_OF_A_KIND organisations at most, every one of them, in one pass; else the sources' that
    pass them, and every one of them (up to AMONG_MAX, the closest to the text, as in a
    territory) when the sources find fewer than ``limit``. With ``near`` (an area id), only
    organisations based or working there, and no more than the sources find (the caller ranks the
    area's own organisations: ``suggest_for_need``)."""
    filtered = bool(kind or activity or eligible) and among is None
    if filtered:
        few = repo.organisations_of(graph, kind, activity, exclude, limit=FEW_OF_A_KIND + 1,
                                    verified=eligible.verified, runts=eligible.runts)
        among = few if len(few) <= FEW_OF_A_KIND else None
    result = matcher.rank(graph, query, limit=limit, exclude=exclude, kinds=(kind,) if kind else (), among=among,
                          activity=activity, eligible=eligible, near=near)
    if filtered and among is None and len(result.items) < limit and not near:  # near: see suggest_for_need
        result = matcher.rank(graph, query, limit=limit, exclude=exclude, among=repo.organisations_of(
            graph, kind, activity, exclude, verified=eligible.verified, runts=eligible.runts))
    return result


def need_text(need: dict[str, Any]) -> str:
    parts = [need.get("title") or "", need.get("description") or "", need.get("beneficiaries") or ""]
    return ". ".join(p.strip() for p in parts if p and p.strip())


#: Kinds of help given where the need is: volunteers, a space, equipment (not competence, which
#: may be given from afar unless the poster says it must be given in person, nor funding or a
#: partnership). For them the territory counts more (territory_on_site).
ON_SITE_HELP = frozenset({"volontari", "spazi", "attrezzature"})


def given_on_site(need: Mapping[str, Any]) -> bool:
    """Whether a need's help is given where the need is: its kind (ON_SITE_HELP), or the poster
    said so (``in_person``)."""
    return need.get("help_kind") in ON_SITE_HELP or bool(need.get("in_person"))


def need_query(matcher: Matcher, need: dict[str, Any], place: Place | None) -> Query:
    text = need_text(need)
    encoded = matcher.encode([text])
    return Query(task="need", text=text, vector=None if encoded is None else encoded[0],
                 activities=frozenset([need["activity"]] if need.get("activity") else []),
                 competencies=frozenset(need.get("competencies") or ()), places=(place,) if place else (),
                 on_site=given_on_site(need), poster=need.get("organisation_id"), need=need.get("id"))


#: How far from a need its poster may ask its helpers to be (``helpers_within``): the need's
#: province, its region. A need placed in a region asks for the region either way.
HELPERS_WITHIN = ("provincia", "regione")
#: ``helpers_within`` of a poster who asks for helpers from all of Italy even for help given on
#: site (volunteers who travel to a summer camp): no region is then assumed (``on_site_region``).
ANYWHERE = "italia"


def anywhere_on_site(need: Mapping[str, Any]) -> bool:
    """Whether the poster asked all of Italy (``ANYWHERE``) for help given on site: what its page
    and the list say of it (for help given from afar, all of Italy is asked anyway)."""
    return need.get("helpers_within") == ANYWHERE and given_on_site(need)


def helpers_area(need: Mapping[str, Any]) -> str | None:
    """The area (a province or region id) the need's helpers must be based or work in, when its
    poster asked for one (``helpers_within``); None otherwise."""
    within = need.get("helpers_within")
    place = place_of(need.get("territory")) if within in HELPERS_WITHIN else None
    if place is None:
        return None
    return (place.province if within == "provincia" else None) or place.region


def on_site_region(need: Mapping[str, Any], place: Place | None = None) -> str | None:
    """The region of a need whose help is given on site (``given_on_site``: volunteers, a space,
    equipment, or in person), when its poster asked for helpers from no area of their own
    (``helpers_within``): the platform suggests only organisations based or working in it, as it
    leaves such a need out of the needs near an organisation of another region
    (services.suggestions.near_needs). ``place``: the need's, when already at hand. None
    otherwise: for a need placed nowhere (or in all of Italy), or whose poster asked for helpers
    from an area, or from all of Italy (``ANYWHERE``)."""
    if not given_on_site(need) or need.get("helpers_within"):
        return None
    place = place or place_of(need.get("territory"))
    return place.region if place else None


def need_eligibility(need: Mapping[str, Any]) -> Eligibility:
    """Who the poster said may help with the need (its requirements): only verified
    organisations, only those enrolled in the RUNTS, only those of its province or region."""
    return Eligibility(verified=bool(need.get("only_verified")), runts=bool(need.get("only_runts")),
                       within=helpers_area(need))


def eligible_count(graph: Graph, need: Mapping[str, Any]) -> int | None:
    """How many organisations (the poster's aside) the need's requirements of who helps admit,
    those of its region only for help given on site (``on_site_region``), as the form tells its
    poster before posting; None when it has neither, nor asks all of Italy for help given on site
    (``anywhere_on_site``: then all are counted, as the widening the poster chose)."""
    eligible, region = need_eligibility(need), on_site_region(need)
    if not (eligible or region or anywhere_on_site(need)):
        return None
    area = eligible.within or region
    return repo.count_eligible(graph, [area] if area else None,
                               [need["organisation_id"]] if need.get("organisation_id") else [],
                               verified=eligible.verified, runts=eligible.runts)


def suggest_for_need(matcher: Matcher, graph: Graph, need: dict[str, Any], place: Place | None = None,
                     limit: int = DEFAULT_LIMIT, exclude: Sequence[str] = (),
                     among: Sequence[str] | None = None, query: Query | None = None,
                     eligible: Eligibility | None = None) -> Result:
    """Who could meet the need, the poster and ``exclude`` left out (``among``: only those).
    ``query``: the need's ``need_query``, when one is at hand (its text is embedded once, its
    place is the query's); else it is made here, placed at ``place``. ``eligible``: who may take
    part (by default the need's requirements, ``need_eligibility``, and for help given on site
    only organisations of its region, ``on_site_region``), as in a partner search
    (``rank_filtered``)."""
    query = query or need_query(matcher, need, place)
    near = None
    if eligible is None:
        eligible = need_eligibility(need)
        near = on_site_region(need, query.places[0] if query.places else None)
    exclude = [need["organisation_id"], *exclude]
    if among is None and eligible.within:
        # every organisation of the area meeting the other requirements is ranked (those the
        # sources found and the closest to the text, beyond AMONG_MAX)
        among = repo.organisations_in(graph, [eligible.within], exclude, verified=eligible.verified,
                                      runts=eligible.runts)
    if among is not None or not near:
        return rank_filtered(matcher, graph, query, limit, exclude, among, eligible=eligible)
    result = rank_filtered(matcher, graph, query, limit, exclude, None, eligible=eligible, near=near)
    if len(result.items) < limit:
        # the sources found too few there: every organisation of the region is ranked, as for
        # a need asking for helpers from its region
        result = rank_filtered(matcher, graph, query, limit, exclude, repo.organisations_in(
            graph, [near], exclude, verified=eligible.verified, runts=eligible.runts), eligible=eligible)
    return result


def store_need_suggestions(graph: Graph, need_id: str, result: Result, method: int) -> dict[str, str]:
    """``method``: the way they were found (suggestions found another way are due again).
    Returns the organisations suggested for the need for the first time, with their suggestion's
    id: organisation → suggestion."""
    rows = [{"id": str(uuid.uuid4()), "organisation": s.organisation_id, "rank": i + 1, "score": s.score,
             "reasons": s.reasons, "features": s.features} for i, s in enumerate(result.items)]
    first = set(repo.replace_suggestions(graph, need_id, rows, result.ranker, result.degraded, result.note, method))
    return {r["organisation"]: r["id"] for r in rows if r["organisation"] in first}


# ----------------------------------------------------------------------------- embeddings


def embed_all(matcher: Matcher, graph: Graph, everything: bool = False, batch: int = 64,
              progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Embed what has no vector of the current model (or everything): partnerships and needs
    from their texts, then organisations from their own words plus their past work. The vector
    indexes are made to hold vectors of the model's length first (``fit_vector_indexes``)."""
    embedder = matcher.embedder()
    if embedder is None:
        raise EmbeddingError(matcher._embedder_error or "no embedding model")
    # the vector indexes take the model's length first (after a change of model: they were empty
    # of its vectors anyway)
    graph_schema.fit_vector_indexes(graph, embedder.dimensions)
    done = {}
    for label in ("Partnership", "Need", "Organisation"):
        total = repo.count_to_embed(graph, label, embedder.name, everything)
        count = 0
        while count < total:
            # rows that got a vector drop out of the "stale" selection: always read from the start,
            # unless everything is re-embedded (then page through)
            rows = repo.texts_to_embed(graph, label, embedder.name, everything, count if everything else 0, batch)
            if not rows:
                break
            repo.store_embeddings(graph, label, embedder.name, _vectors(embedder, label, rows))
            count += len(rows)
            if progress:
                progress(label, count, total)
        done[label] = count
    return done


def _embed_one(matcher: Matcher, graph: Graph, label: str, node_id: str, outdated_only: bool = False) -> bool:
    """Embed one node (only when its vector is missing, of another model or older than the node,
    with ``outdated_only``); True when a vector was stored."""
    embedder = matcher.embedder()
    if embedder is None:
        return False
    rows = repo.texts_to_embed(graph, label, embedder.name, not outdated_only, 0, 1, ids=[node_id])
    if rows:
        try:
            repo.store_embeddings(graph, label, embedder.name, _vectors(embedder, label, rows))
        except EmbeddingError as exc:
            log.error("cannot embed %s %s: %s", label, node_id, exc)
            return False
    return bool(rows)


def embed_need(matcher: Matcher, graph: Graph, need_id: str, outdated_only: bool = False) -> bool:
    return _embed_one(matcher, graph, "Need", need_id, outdated_only)


def embed_organisation(matcher: Matcher, graph: Graph, organisation_id: str) -> bool:
    return _embed_one(matcher, graph, "Organisation", organisation_id)


ORGANISATION_TEXT_WEIGHT = 1.0  # own words against one past partnership
NAME_ONLY_WEIGHT = 0.5


def _vectors(embedder: Embedder, label: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if label == "Need":
        texts = [need_text(r) for r in rows]
    elif label == "Partnership":
        texts = [". ".join(x for x in (r["title"], r.get("theme"), r.get("description")) if x) for r in rows]
    else:
        texts = [". ".join(x for x in (r["name"], r.get("description"), ", ".join(r["activities"]),
                                         ", ".join(r["competencies"])) if x) for r in rows]
    vectors = embedder.encode(texts)
    if label != "Organisation":
        return [{"id": r["id"], "vector": v.tolist(), "weight": None} for r, v in zip(rows, vectors, strict=True)]
    out = []
    for row, own in zip(rows, vectors, strict=True):
        described = bool(row.get("description") or row["activities"] or row["competencies"])
        total = own * (ORGANISATION_TEXT_WEIGHT if described else NAME_ONLY_WEIGHT)
        if row["work"]:
            total = total + np.asarray(row["work"], dtype=np.float32).sum(axis=0)
        weight = float(np.linalg.norm(total))
        out.append({"id": row["id"], "vector": normalise(total)[0].tolist(), "weight": weight})
    return out


# ----------------------------------------------------------------------------- training

TRAINING_QUERIES = 800  # latest partnerships used as examples (about a third with a lead in the pool)


def _pick(members: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """A deterministic choice among members (the same at every training)."""
    return min(members, key=lambda m: _draw(f"{key}:{m['id']}"))


def _placed(key: str) -> bool:
    """Whether a training partnership's lead example is placed (half of them, the same at every training)."""
    return int(_draw(f"placed:{key}")[:2], 16) % 2 == 0


def _draw(text: str) -> str:
    """A stable pseudo-random draw from ``text`` (hex digits: the same at every training)."""
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


Group = rankers.Group  # one query's feature matrix, its 0/1 labels, the organisation to find


@dataclass(frozen=True)
class History:
    """The graph as it was before the training partnerships started: the work it leaves out, and
    the profile sums (vector times weight) of the organisations that took part in that work,
    without it."""

    work: list[str]
    profiles: dict[str, np.ndarray]


@dataclass(frozen=True)
class Timeline:
    """The recent work and what it added to the graph: each partnership's start, and for the
    organisations that took part in it (of the pool or not: known partners may be foreign), their
    stored profile sum with the vectors of that work; ``before`` and ``without`` give the history
    without some of it."""

    work: list[tuple[str, str | None]]  # (id, start: ISO date or None)
    totals: dict[str, np.ndarray]  # organisation → stored profile (vector times weight)
    #: organisation → (ids of its recent work, their starts: "" without one, their vectors)
    parts: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]

    def before(self, start: str | None) -> History:
        """The history as it was before ``start``: the work that started on that day or later is
        left out, and the work without a date (all of it when ``start`` is None)."""
        out = [wid for wid, began in self.work if start is None or began is None or began >= start]
        return self._leaving_out(out, lambda _ids, starts: (starts == "") | (starts >= (start or "")))

    def without(self, work: Sequence[str]) -> History:
        """The history with only ``work`` (some of the recent work) left out."""
        return self._leaving_out(list(work), lambda ids, _starts: np.isin(ids, work))

    def _leaving_out(self, out: list[str], which: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> History:
        """``out`` left out: ``which(ids, starts)`` says which of an organisation's recent work it is."""
        profiles = {}
        for oid, (ids, starts, vectors) in self.parts.items():
            left_out = which(ids, starts)
            if left_out.any():
                profiles[oid] = self.totals[oid] - vectors[left_out].sum(axis=0)
        return History(work=out, profiles=profiles)


def recent_and_history(graph: Graph, model: str, limit: int) -> tuple[list[dict[str, Any]], Timeline]:
    """The latest partnerships to learn from (at most ``limit``, at most half of them all and none
    older than the median start, so that half the history stays to describe them) and the
    timeline of the work since the oldest of them (``Timeline.before``: the history each one
    had when it started).

    Each example is seen with the graph as it was on the day it started, as a new project is:
    the work that started that day or later is left out of every signal and of the profiles,
    the sibling and earlier projects of its consortium stay (a new project has them too). Left
    out alone, a partnership's consortium would still show in the follow-up projects, and
    co-work would look stronger in training than it is in use."""
    span = repo.history_span(graph)
    rows = repo.training_partnerships(graph, model, min(limit, span["total"] // 2))
    if span["median"]:
        rows = [r for r in rows if not r.get("start") or r["start"] >= span["median"]]
    starts = [r["start"] for r in rows if r.get("start")]
    work = [(w["id"], w["start"]) for w in repo.work_since(graph, min(starts) if starts else None,
                                                             [r["id"] for r in rows])]
    began = dict(work)
    totals, parts = {}, {}
    for row in repo.profiles_with_work(graph, [wid for wid, _ in work], model):
        totals[row["id"]] = np.asarray(row["embedding"], dtype=np.float64) * row["weight"]
        parts[row["id"]] = (np.array(row["work_ids"], dtype=str),
                            np.array([began.get(w) or "" for w in row["work_ids"]], dtype=str),
                            np.asarray(row["work"], dtype=np.float64))
    return rows, Timeline(work, totals, parts)


def training_groups(matcher: Matcher, graph: Graph, limit: int = TRAINING_QUERIES,
                    progress: Callable[[int, int], None] | None = None) -> dict[str, list[Group]]:
    """Examples from history: each recent partnership, seen as if it were being formed.

    Partner task: one member of the pool hidden (one the graph knew otherwise: ``_known_otherwise``),
    the others known, with the graph as it was on the day the partnership started
    (``recent_and_history``). Handler task: the text, placed for half of them where the other
    members are (``_placed``: a search for a lead is placed by a territory chosen or named in its
    text, or not at all), the lead member as the answer (when it has other work or a profile of
    its own), with only the partnership itself left out: there
    are no known partners whose co-work could leak, and the recent history is what describes the
    leads best. The candidates come from the vector index of the profiles as they are now (their
    text similarity is then taken as it was): with the exact nearest profiles as they were then,
    on partners-dev, partner R@10 went from 0.4827 to 0.4733 and NGO/public from 0.272 to 0.259.
    Measured on partners-dev (the same 800 examples): the history before them all for partners
    gained 41 hidden partners in the first ten and lost 25 against the partnership alone left
    out; for leads it lost 9 and gained 3."""
    groups: dict[str, list[Group]] = {"partner": [], "handler": []}
    rows, timeline = recent_and_history(graph, matcher.model, limit)

    def examples(p: dict[str, Any]) -> dict[str, Group]:
        text = ". ".join(x for x in (p["title"], p.get("description")) if x)
        vector = np.asarray(p["vector"], dtype=np.float32)
        out: dict[str, Group] = {}
        # a dated partnership's example sees only the earlier work (Timeline.before)
        findable = [m for m in p["members"] if m["pool"] and _known_otherwise(m, earlier_only=bool(p.get("start")))]
        if findable:
            hidden = _pick(findable, p["id"])
            known = [m["id"] for m in p["members"] if m["id"] != hidden["id"]]
            history = timeline.before(p.get("start"))
            degrees, places = known_context(graph, known, history.work)
            placed = placed_by_text(text, places)
            query = partner_query(matcher, graph, text, known, "partner", vector, exclude_work=history.work,
                                  context=(degrees, placed.places), programme=p.get("programme"), named=placed.named)
            out["partner"] = _labelled(graph, matcher, query, hidden["id"], history)
        # a lead's example sees all the other work (Timeline.without)
        leads = [m for m in p["members"] if m["pool"] and m["role"] in ("lead", "coordinator")
                 and _known_otherwise(m, earlier_only=False)]
        if leads:
            # half of them placed where the other members are, as a territory chosen places a
            # search for a lead (the other half as a text alone); the places the text names place
            # both halves, as they place a search
            others = [m["id"] for m in p["members"] if m["id"] != leads[0]["id"]]
            places = known_context(graph, others)[1] if others and _placed(p["id"]) else ()
            placed = placed_by_text(text, places)
            query = Query(task="handler", text=text, vector=vector, programme=p.get("programme"),
                          places=placed.places, named=placed.named)
            out["handler"] = _labelled(graph, matcher, query, leads[0]["id"], timeline.without([p["id"]]))
        return out

    # two partnerships at a time, as the benchmark does; groups stay in the partnerships' order
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="training") as workers:
        for i, made in enumerate(workers.map(examples, rows)):
            for task, group in made.items():
                groups[task].append(group)
            if progress:
                progress(i + 1, len(rows))
    return groups


def _known_otherwise(member: dict[str, Any], earlier_only: bool) -> bool:
    """Whether the graph knew a member of a training partnership otherwise than through it: a
    profile written by the organisation, or other work (with ``earlier_only``, work that started
    before it). An organisation known by nothing else is never asked for in use, and its stored
    profile, which holds this very partnership, found it as a candidate: on partners-dev, 191 of
    the 800 hidden partners had no earlier work, and every one of them was among the candidates."""
    return bool(member["described"] or (member["before"] if earlier_only else member["others"]))


def _labelled(graph: Graph, matcher: Matcher, query: Query, target: str, history: History) -> Group:
    popular = matcher.most_active(graph) if query.task in ("partner", "handler") else ()
    found = gather(graph, query, matcher.model, exclude_work=history.work, popular=popular,
                   work=matcher.work(graph), consortium=False, names=matcher.names(graph),
                   background=matcher.background(graph))
    candidates, query = found.candidates, found.query
    _profiles_as_then(query, candidates, history)
    _consortium_as_then(graph, matcher, query, candidates, history)
    matrix = feature_matrix(query, candidates)
    labels = np.array([1 if c.id == target else 0 for c in candidates])
    return Group(matrix, labels, target)


def _profiles_as_then(query: Query, candidates: list[CandidateFacts], history: History) -> None:
    """A stored profile vector includes the work left out of the history (the query itself among
    it): its text similarity is taken again from the profile without that work, or it would look
    stronger in training than it is in use."""
    if query.vector is None:
        return
    q = np.asarray(query.vector, dtype=np.float64)
    for c in candidates:
        total = history.profiles.get(c.id)
        if total is not None:
            norm = np.linalg.norm(total)
            c.text_similarity = float(total @ q / norm) if norm > 1e-6 else 0.0


def _consortium_as_then(graph: Graph, matcher: Matcher, query: Query, candidates: list[CandidateFacts],
                        history: History) -> None:
    """``consortium_similarities`` with the profiles as they were then: the known partners' and
    the candidates' without the work left out of the history (the query itself among it), or the
    known partners' profiles would hold the very partnership whose member is hidden."""
    if not query.known:
        return
    values = consortium_similarities(graph, sorted(query.known), [c.id for c in candidates], matcher.model,
                                     matcher.vectors(graph), as_then=history.profiles)
    for c in candidates:
        c.consortium_similarity = values.get(c.id)


def feedback_label(status: str, availability: str | None, helped: bool = False) -> int:
    """What people said of a suggestion, as a training label: 1 when the poster named the
    organisation as having helped to meet the need, whatever was said before; else 0 when the
    poster declined it or the organisation answered it cannot help; 1 when the poster accepted it
    or the organisation answered it can (in full or in part)."""
    if helped:
        return 1
    return 0 if status == "declined" or availability == "no" else 1


#: The reason a request for help the poster took back is declined with (services.suggestions;
#: not offered when declining): it says nothing of the organisation, and is no feedback (training
#: leaves those out: feedback_groups).
REQUEST_WITHDRAWN = "withdrawn"

#: The features from territory_on_site on came after suggestions were first stored: a stored
#: suggestion with fewer features is padded with what they would have said then (feedback_groups).
LATER_FEATURES = FEATURE_NAMES.index("territory_on_site")


def feedback_groups(graph: Graph) -> list[Group]:
    """People's answers to need suggestions (``feedback_label``), grouped by need, with the
    features the suggestion had when it was made."""
    by_need: dict[str, list[tuple[list[float], int]]] = {}
    territory, size = FEATURE_NAMES.index("territory"), len(FEATURE_NAMES)
    for row in repo.feedback(graph, unsaid=REQUEST_WITHDRAWN):
        features = list(row["features"])
        if LATER_FEATURES <= len(features) < size:  # stored before the last features came
            for name in FEATURE_NAMES[len(features):]:
                # territory_on_site is the territory's for help given on site; named_place 0 (a
                # need is not placed by its text); named_in_text, poster_network 0: not known then
                features.append(features[territory] if name == "territory_on_site" and given_on_site(row) else 0.0)
        if len(features) == size:
            label = feedback_label(row["status"], row.get("availability"), row.get("helped", False))
            by_need.setdefault(row["need"], []).append((features, label))
    return [Group(np.asarray([f for f, _ in rows]), np.asarray([y for _, y in rows]), need)
            for need, rows in by_need.items()]


def read_rankers(graph: Graph) -> dict[str, rankers.LinearRanker]:
    """The learned rankers stored in the graph, by task (one unreadable is left out: its task
    keeps the hand-set weights)."""
    stored = {}
    for task, params in repo.load_rankers(graph).items():
        try:
            stored[task] = rankers.LinearRanker.from_params(params)
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("stored ranker %s unreadable, hand-set weights used: %s", task, exc)
    return stored


def has_learned_rankers(graph: Graph) -> bool:
    """Whether a ranker learned by ``train`` is stored (for any task)."""
    return bool(repo.load_rankers(graph))


def train(matcher: Matcher, graph: Graph, limit: int = TRAINING_QUERIES,
          progress: Callable[[int, int], None] | None = None,
          examples: Callable[[dict[str, list[Group]]], None] | None = None) -> dict[str, str]:
    """Train the three rankers and store them in the graph; a task with too little to learn
    from keeps the hand-set weights. Returns task → what was done. ``examples``: given each
    task's examples before the rankers learn from them (the benchmark saves them)."""
    groups = training_groups(matcher, graph, limit, progress)
    groups["need"] = feedback_groups(graph)
    if examples is not None:
        examples(groups)
    outcome = {}
    for task in ("need", "partner", "handler"):
        model = rankers.train(task, groups[task], prior_queries=rankers.FEEDBACK_PRIOR if task == "need" else 0)
        if model is None:
            outcome[task] = f"hand-set (examples: {sum(int(g.labels.sum()) for g in groups[task])})"
            continue
        repo.save_ranker(graph, task, model.to_params())
        outcome[task] = f"learned from {model.trained_on} examples ({model.meta['method']})"
    matcher.reload_rankers()
    return outcome


# ----------------------------------------------------------------------------- rate limit

#: Each partner search runs the whole matcher: a person (or an address) gets so many per window.
PARTNER_SEARCHES_PER_WINDOW = 30
PARTNER_SEARCH_WINDOW = 600


class SearchRateLimited(ServiceError):
    """Too many partner searches in the window (HTTP 429)."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, -(-retry_after // 60))
        super().__init__(Message(N_("Hai fatto molte ricerche di partner in poco tempo: riprova tra %(minutes)d "
                                    "minuti. Il testo del progetto è rimasto nel modulo."), minutes=minutes))
        self.retry_after = retry_after


def count_partner_search(graph: Graph, who: str) -> None:
    """Count one partner search of ``who`` (a person id, or a client address for anonymous
    visitors); raises SearchRateLimited past PARTNER_SEARCHES_PER_WINDOW in the window."""
    key = f"partner-search:{who}"
    window = throttle.hit(graph, [key], PARTNER_SEARCH_WINDOW)[key]
    if window.count > PARTNER_SEARCHES_PER_WINDOW:
        raise SearchRateLimited(window.retry_after)
