"""Explainable features of a (query, candidate) pair, computed from facts the graph gave.

The graph layer collects, for each candidate organisation, plain facts (``CandidateFacts``);
this module turns them into one row of numbers per candidate, in the fixed order of
``FEATURES``. Every feature has a reason label (Italian, translated in the pages) so that a
score can be told back as (reason, contribution) pairs. Pure numpy: no Flask, no Neo4j.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from mentore.matcher.names import as_written

try:  # the label marker of the app's catalogue; a no-op outside it
    from mentore.reference.vocabularies import N_
except ImportError:  # pragma: no cover
    def N_(text: str) -> str:
        return text

#: Tasks the matcher answers; each has its own ranker.
TASKS = ("need", "partner", "handler")


@dataclass(frozen=True)
class Feature:
    name: str
    reason: str  # what a positive contribution means, for the person reading the suggestion


FEATURES: tuple[Feature, ...] = (
    Feature("text_similarity", N_("Il profilo è vicino al testo")),
    Feature("similar_work", N_("Ha già lavorato su temi simili")),
    Feature("best_similar_work", N_("Ha un'esperienza molto vicina")),
    Feature("led_similar_work", N_("Ha guidato progetti simili o soddisfatto bisogni simili")),
    Feature("lexical", N_("Parole chiave in comune")),
    Feature("best_lexical", N_("Usa le parole chiave del testo")),
    Feature("led_lexical", N_("Ha guidato progetti con le stesse parole chiave")),
    Feature("lexical_profile", N_("Nel complesso, i suoi progetti parlano di questi temi")),
    Feature("activity_overlap", N_("Stessa attività di interesse generale")),
    Feature("competency_overlap", N_("Ha le competenze richieste")),
    Feature("territory", N_("Opera nello stesso territorio")),
    Feature("co_work", N_("Ha già lavorato con i partner indicati")),
    Feature("co_work_share", N_("È un partner abituale dei partner indicati")),
    Feature("adamic_adar", N_("Partenariati ristretti in comune con i partner indicati")),
    Feature("consortium_overlap", N_("Ha fatto parte di un gruppo simile a questo")),
    Feature("similar_co_work", N_("Ha lavorato con i partner indicati su temi simili")),
    Feature("partner_share", N_("Gran parte dei suoi partenariati include i partner indicati")),
    Feature("consortium_similarity", N_("Lavora sugli stessi temi dei partner indicati")),
    Feature("same_programme", N_("Ha partecipato a progetti dello stesso programma")),
    Feature("kind_affinity", N_("Enti di questo tipo partecipano spesso a progetti simili")),
    Feature("popularity", N_("Molto attiva nei partenariati")),
    Feature("lead_share", N_("Ha guidato progetti come capofila")),
    Feature("responsiveness", N_("Risponde alle proposte")),
    # the last four: the suggestions stored before they came have fewer features (feedback_groups)
    Feature("territory_on_site", N_("L'aiuto si dà sul posto, e opera vicino")),
    Feature("named_place", N_("Ha sede o opera nel luogo che il testo nomina")),
    Feature("named_in_text", N_("Il testo la nomina")),
    Feature("poster_network", N_("Ha già lavorato con chi ha pubblicato il bisogno o con i suoi partner")),
)
FEATURE_NAMES = tuple(f.name for f in FEATURES)
#: Labels features had before, kept in the catalogues: suggestions stored then still show them.
FORMER_LABELS = (N_("Un suo progetto usa le stesse parole chiave"),)
INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}


@dataclass(frozen=True)
class Place:
    """Where something is: ids of the comune, the province and the region (any may be None)."""

    comune: str | None = None
    province: str | None = None
    region: str | None = None

    def closeness(self, other: Place | None) -> float:
        """1 same comune, 2/3 same province, 1/3 same region, 0 otherwise or unknown."""
        if other is None:
            return 0.0
        if self.comune and self.comune == other.comune:
            return 1.0
        if self.province and self.province == other.province:
            return 2 / 3
        if self.region and self.region == other.region:
            return 1 / 3
        return 0.0


@dataclass(frozen=True)
class Query:
    """What is being matched: a need, a project looking for partners, or a text to handle."""

    task: str
    text: str
    vector: np.ndarray | None = None  # None when the model failed: text similarity is unknown
    activities: frozenset[str] = frozenset()
    competencies: frozenset[str] = frozenset()
    places: tuple[Place, ...] = ()  # the need's place, or the places of the known partners (and ``named``)
    #: the places a project's text names ("at the University of Parma", "in provincia di Biella"):
    #: they place it with the others, and count once more on their own, as ``named_place``
    named: tuple[Place, ...] = ()
    known: frozenset[str] = frozenset()  # organisations already in the partnership
    known_degrees: dict[str, int] = field(default_factory=dict)  # partnerships of each known one
    #: the funding programme or call the work answers to, as programme_family() gives it
    programme: str | None = None
    #: kind of organisation → its share among the participants (partner task) or the leads
    #: (other tasks) of the past work closest to the query
    kind_shares: dict[str, float] = field(default_factory=dict)
    #: the help asked for is given where the need is (volunteers, a space, equipment, or any help
    #: its poster says must be given in person): the territory counts once more, as
    #: ``territory_on_site``
    on_site: bool = False
    #: the organisation that posted the need: those it worked with (in partnerships, or meeting a
    #: need), and their partners, are its network (``poster_network``)
    poster: str | None = None
    #: the need being matched: the answers to its own suggestions are left out of each candidate's
    #: responsiveness (ranked again, an accepted suggestion would count its own acceptance)
    need: str | None = None


@dataclass
class CandidateFacts:
    """What the graph knows of one candidate with respect to one query."""

    id: str
    name: str = ""
    kind: str = ""
    category: str = ""  # finer kind when known (university, research centre, company, ...)
    verified: bool = False  # verified by the platform's administrators (a hard filter, no feature)
    runts: bool = False  # enrolled in the RUNTS: a section of it given (a hard filter, no feature)
    place: Place | None = None
    areas: frozenset[str] = frozenset()  # every territory id where it works (with its parents)
    activities: frozenset[str] = frozenset()
    competencies: frozenset[str] = frozenset()
    degree: int = 0  # partnerships (and needs met) it took part in
    led: int = 0  # of which as lead
    suggested: int = 0  # times it was suggested for a need
    answered: int = 0  # times it answered (accepted or replied)
    text_similarity: float | None = None  # cosine(query, profile vector)
    similar_work: float = 0.0  # sum of similarities of its past work among the closest to the query
    best_similar_work: float = 0.0  # the closest of its past work
    led_similar_work: float = 0.0  # sum of similarities of the past work it led (or needs it met)
    lexical: float = 0.0  # full-text score of its name, profile and past work
    best_lexical: float = 0.0  # the best full-text score of its profile or of one past work
    led_lexical: float = 0.0  # full-text score of the past work it led
    #: cosine between the query's words and those of all its past work (mentore/matcher/lexical.py)
    lexical_profile: float = 0.0
    co_work: dict[str, int] = field(default_factory=dict)  # known id → partnerships shared
    adamic_adar: float = 0.0  # shared partnerships with the known ones, each 1/log(size)
    consortium_overlap: float = 0.0  # largest share of the known ones met in one of its partnerships
    similar_co_work: float = 0.0  # shared partnerships weighted by their similarity to the query
    #: the same, each counted by how much closer to the query it is than past work in general
    #: (vectors.Background.lifted): whether any of that work is on similar themes (reason_holds)
    closer_co_work: float = 0.0
    #: cosine(its profile vector, the mean of the known partners' unit profile vectors): whether it
    #: works on what the partnership's members work on, co-worker or not (None: no known partner
    #: with a vector, or no vector of its own)
    consortium_similarity: float | None = None
    shared_partnerships: int = 0  # its partnerships that included at least one known partner
    same_programme: int = 0  # its partnerships in the query's programme
    #: the past work behind its reasons (a partnership's or a met need's id; EVIDENCE says whose):
    #: the closest to the query and the closest it led; the one whose words match best (PROFILE:
    #: its own name and description match better than any) and the best of those it led; the
    #: partnership shared with the known partners that is closest to the query
    closest_work: str | None = None
    closest_led_work: str | None = None
    lexical_work: str | None = None
    lexical_led_work: str | None = None
    shared_work: str | None = None
    #: how strongly the query's text names it (mentore/matcher/names.py), and by which words
    named_in_text: float = 0.0
    name_words: tuple[str, ...] = ()
    #: how close it is in the poster's network (NETWORK_CLOSENESS by the link's distance), the
    #: poster's contacts it is linked through (none: it worked with the poster) and a partnership
    #: or a need met of that link
    poster_network: float = 0.0
    network_via: tuple[str, ...] = ()
    network_work: str | None = None
    sources: set[str] = field(default_factory=set)


_CODE_PARTS = re.compile(r"[^\W_]+", re.UNICODE)


def programme_family(code: str | None) -> str | None:
    """A call's code without its years and numbers, so that the calls of one programme in
    different years meet: "HORIZON-MSCA-2023-PF-01" → "horizon-msca-pf", "Bando Welfare 2024" →
    "bando-welfare". None when nothing is left."""
    parts = [w for w in _CODE_PARTS.findall((code or "").lower()) if not w.isdigit()]
    return "-".join(parts) or None


def _overlap(wanted: frozenset[str], has: frozenset[str]) -> float:
    return len(wanted & has) / len(wanted) if wanted else 0.0


def _territory(query: Query, facts: CandidateFacts) -> float:
    return territory_match(query, facts)[0]


#: How close the best territorial match is, by its value: seated in the same comune; seated in
#: the same province or working in the comune; working in the province; the same region.
TERRITORY_LEVELS = {1.0: "comune", 2 / 3: "provincia", 1 / 2: "provincia", 1 / 3: "regione"}


def territory_match(query: Query, facts: CandidateFacts, named: bool = False) -> tuple[float, str | None]:
    """(the territory feature, its level: "comune", "provincia", "regione" or None); ``named``:
    of the places the text names only (the named_place feature)."""
    best = 0.0
    for place in query.named if named else query.places:
        best = max(best, place.closeness(facts.place))
        # working in an area (not seated there): comune 2/3, province 1/2, region 1/3
        if facts.areas and place.comune in facts.areas:
            best = max(best, 2 / 3)
        elif facts.areas and place.province in facts.areas:
            best = max(best, 1 / 2)
        elif facts.areas and place.region in facts.areas:
            best = max(best, 1 / 3)
    return best, TERRITORY_LEVELS.get(best)


#: ``poster_network`` by the distance of the link (``mentore.matcher.work.Link``): one the poster
#: worked with (a partner, or a need met together), or a partner of theirs.
NETWORK_CLOSENESS = {1: 1.0, 2: 0.5}


#: Where a reason's evidence is when it is the candidate's own name and description, not a past
#: work (its ``detail``; ``CandidateFacts.lexical_work``).
PROFILE = "profile"

#: Reasons of partnership with the known partners: their detail is which of them.
CO_WORK_FEATURES = frozenset({"co_work", "co_work_share", "adamic_adar", "consortium_overlap", "similar_co_work",
                              "partner_share"})
#: The reasons backed by one past work of the candidate: the CandidateFacts field that names it.
EVIDENCE = {"similar_work": "closest_work", "best_similar_work": "closest_work", "led_similar_work": "closest_led_work",
            "best_lexical": "lexical_work", "led_lexical": "lexical_led_work", "poster_network": "network_work",
            **dict.fromkeys(CO_WORK_FEATURES, "shared_work")}


def evidence_of(feature: str, facts: CandidateFacts) -> str | None:
    """The past work behind a reason (an id, or PROFILE), when it has one."""
    return getattr(facts, EVIDENCE[feature]) if feature in EVIDENCE else None


def reason_holds(feature: str, facts: CandidateFacts) -> bool:
    """Whether a reason's label is true of the candidate, whatever the feature contributes:
    "Risponde alle proposte" only for one that answered at least one proposal and at least half
    of them. The feature gives a newcomer the prior 0.5 and 0 answers out of 5 still 1/7, which a
    ranker with a positive weight counts in its favour (on the demo a suggestion said "Risponde
    alle proposte: ha risposto a 0 su 5 proposte"). "Ha lavorato con i partner indicati su temi
    simili" only when some of that work is closer to the query than past work in general: the
    feature counts every shared partnership by its cosine, and cosines between texts of one field
    are never near zero."""
    if feature == "responsiveness":
        return facts.answered >= 1 and 2 * facts.answered >= facts.suggested
    if feature == "similar_co_work":
        return facts.closer_co_work > 0
    return True


#: Features whose reason names known partners (their ids in its detail): the co-work ones, those
#: it worked with; consortium_similarity, all of them (it is close to what they do together).
NAMES_PARTNERS = CO_WORK_FEATURES | {"consortium_similarity"}


def reason_detail(feature: str, query: Query, facts: CandidateFacts) -> list[str] | None:
    """What a reason is about, when it can be named: the competencies and activities in common
    (ids), the level of the territory in common, the known partners it worked with, or whose work
    it is close to (ids); PROFILE when its words matched best in its own presentation; the counts
    behind activity and answers (partnerships; led and partnerships; answered and suggested;
    partnerships in the programme)."""
    if feature == "competency_overlap":
        return sorted(query.competencies & facts.competencies) or None
    if feature == "activity_overlap":
        return sorted(query.activities & facts.activities) or None
    if feature in ("territory", "named_place"):
        level = territory_match(query, facts, named=feature == "named_place")[1]
        return [level] if level else None
    if feature in CO_WORK_FEATURES:
        return sorted(k for k in query.known if facts.co_work.get(k)) or None
    if feature == "named_in_text":  # the words of its name the text says, as its name writes them
        return as_written(facts.name_words, facts.name) or None
    if feature == "poster_network":  # the poster's contacts it worked with (none: with the poster)
        return list(facts.network_via) or None
    if feature == "consortium_similarity":
        return sorted(query.known) or None
    if evidence_of(feature, facts) == PROFILE:  # its best words are its own presentation
        return [PROFILE]
    counts = {"popularity": (facts.degree,), "lead_share": (facts.led, facts.degree),
              "responsiveness": (facts.answered, facts.suggested), "same_programme": (facts.same_programme,)}
    if feature in counts and counts[feature][-1] > 0:
        return [str(n) for n in counts[feature]]
    return None


def feature_row(query: Query, facts: CandidateFacts) -> np.ndarray:
    """The raw features of one candidate, in FEATURES order (text and consortium similarity NaN
    when unknown; feature_matrix turns them into closeness to the best candidate)."""
    known = query.known
    co = sum(facts.co_work.get(k, 0) for k in known)
    share = sum(n / max(query.known_degrees.get(k, 1), 1) for k, n in facts.co_work.items() if k in known)
    row = np.zeros(len(FEATURES), dtype=np.float64)
    row[INDEX["text_similarity"]] = np.nan if facts.text_similarity is None else facts.text_similarity
    row[INDEX["similar_work"]] = math.log1p(max(facts.similar_work, 0.0))
    row[INDEX["best_similar_work"]] = facts.best_similar_work
    row[INDEX["led_similar_work"]] = math.log1p(max(facts.led_similar_work, 0.0))
    row[INDEX["lexical"]] = math.log1p(max(facts.lexical, 0.0))
    row[INDEX["best_lexical"]] = math.log1p(max(facts.best_lexical, 0.0))
    row[INDEX["led_lexical"]] = math.log1p(max(facts.led_lexical, 0.0))
    row[INDEX["lexical_profile"]] = facts.lexical_profile
    row[INDEX["activity_overlap"]] = _overlap(query.activities, facts.activities)
    row[INDEX["competency_overlap"]] = _overlap(query.competencies, facts.competencies)
    row[INDEX["territory"]] = _territory(query, facts)
    row[INDEX["territory_on_site"]] = row[INDEX["territory"]] if query.on_site else 0.0
    row[INDEX["named_place"]] = territory_match(query, facts, named=True)[0] if query.named else 0.0
    row[INDEX["named_in_text"]] = facts.named_in_text
    row[INDEX["poster_network"]] = facts.poster_network
    row[INDEX["co_work"]] = math.log1p(co)
    row[INDEX["co_work_share"]] = share
    row[INDEX["adamic_adar"]] = facts.adamic_adar
    row[INDEX["consortium_overlap"]] = facts.consortium_overlap
    row[INDEX["similar_co_work"]] = math.log1p(max(facts.similar_co_work, 0.0))
    # the candidate's side of co-work: a small organisation whose few partnerships were with the
    # known partners is closer to them than a large one that met them once among hundreds
    row[INDEX["partner_share"]] = min(facts.shared_partnerships / facts.degree, 1.0) if facts.degree else 0.0
    row[INDEX["consortium_similarity"]] = np.nan if facts.consortium_similarity is None else facts.consortium_similarity
    row[INDEX["same_programme"]] = math.log1p(facts.same_programme)
    row[INDEX["kind_affinity"]] = query.kind_shares.get(facts.category or facts.kind, 0.0)
    row[INDEX["popularity"]] = math.log1p(facts.degree)
    row[INDEX["lead_share"]] = facts.led / facts.degree if facts.degree else 0.0
    # answered / suggested with one answered and one ignored suggestion as prior (0.5 for newcomers)
    row[INDEX["responsiveness"]] = (facts.answered + 1) / (facts.suggested + 2)
    return row


def raw_features(query: Query, candidates: Sequence[CandidateFacts]) -> np.ndarray:
    """``feature_row`` of every candidate, the same numbers built column by column: row by row,
    a few hundred candidates took some 9 ms of each suggestion (scripts/bench_matching_latency.py,
    cProfile); what needs the sets stays one pass of Python, the arithmetic is numpy's."""
    n = len(candidates)
    matrix = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if not n:
        return matrix
    nan = float("nan")
    numbers = np.array([(nan if c.text_similarity is None else c.text_similarity, c.similar_work,
                         c.best_similar_work, c.led_similar_work, c.lexical, c.best_lexical, c.led_lexical,
                         c.lexical_profile, c.adamic_adar, c.consortium_overlap, c.similar_co_work,
                         c.shared_partnerships, c.same_programme, c.degree, c.led, c.suggested, c.answered,
                         nan if c.consortium_similarity is None else c.consortium_similarity, c.named_in_text,
                         c.poster_network)
                        for c in candidates], dtype=np.float64)
    (similarity, similar_work, best_similar_work, led_similar_work, lexical, best_lexical, led_lexical,
     lexical_profile, adamic_adar, consortium_overlap, similar_co_work, shared, same_programme, degree, led,
     suggested, answered, consortium_similarity, named_in_text, poster_network) = numbers.T
    activities, competencies, known = query.activities, query.competencies, query.known
    kinds = query.kind_shares
    sets = np.array([(_overlap(activities, c.activities), _overlap(competencies, c.competencies),
                      _territory(query, c), kinds.get(c.category or c.kind, 0.0),
                      territory_match(query, c, named=True)[0] if query.named else 0.0) for c in candidates],
                    dtype=np.float64)
    if known:
        degrees = query.known_degrees
        co_work = np.array([(sum(c.co_work.get(k, 0) for k in known),
                             sum(x / max(degrees.get(k, 1), 1) for k, x in c.co_work.items() if k in known))
                            if c.co_work else (0, 0.0) for c in candidates], dtype=np.float64)
    else:
        co_work = np.zeros((n, 2))

    def log1p_positive(column: np.ndarray) -> np.ndarray:
        return np.log1p(np.maximum(column, 0.0))

    with np.errstate(divide="ignore", invalid="ignore"):
        columns = {
            "text_similarity": similarity,
            "similar_work": log1p_positive(similar_work),
            "best_similar_work": best_similar_work,
            "led_similar_work": log1p_positive(led_similar_work),
            "lexical": log1p_positive(lexical),
            "best_lexical": log1p_positive(best_lexical),
            "led_lexical": log1p_positive(led_lexical),
            "lexical_profile": lexical_profile,
            "activity_overlap": sets[:, 0],
            "competency_overlap": sets[:, 1],
            "territory": sets[:, 2],
            "territory_on_site": sets[:, 2] if query.on_site else np.zeros(n),
            "named_place": sets[:, 4],
            "named_in_text": named_in_text,
            "poster_network": poster_network,
            "co_work": np.log1p(co_work[:, 0]),
            "co_work_share": co_work[:, 1],
            "adamic_adar": adamic_adar,
            "consortium_overlap": consortium_overlap,
            "similar_co_work": log1p_positive(similar_co_work),
            "partner_share": np.where(degree > 0, np.minimum(shared / degree, 1.0), 0.0),
            "consortium_similarity": consortium_similarity,
            "same_programme": np.log1p(same_programme),
            "kind_affinity": sets[:, 3],
            "popularity": np.log1p(degree),
            "lead_share": np.where(degree > 0, led / degree, 0.0),
            "responsiveness": (answered + 1) / (suggested + 2),
        }
    for name, column in columns.items():
        matrix[:, INDEX[name]] = column
    return matrix


SIMILARITY_RANGE = 0.4


def feature_matrix(query: Query, candidates: Sequence[CandidateFacts]) -> np.ndarray:
    """Raw features, one row per candidate, then made relative to the query where raw values
    are not comparable across queries: cosines become closeness to the closest candidate (1 for
    it, 0 at SIMILARITY_RANGE behind; 0 when unknown), counts and lexical scores are divided by
    the best one."""
    if not candidates:
        return np.zeros((0, len(FEATURES)))
    matrix = raw_features(query, candidates)
    # cosines: what matters is how far each candidate is from the closest one: 1 for the
    # closest, 0 at SIMILARITY_RANGE behind it or more (and when the similarity is unknown)
    for name in ("text_similarity", "consortium_similarity", "best_similar_work"):
        column = matrix[:, INDEX[name]]
        # unknown: no vector (text, consortium) or no similar past work (best_similar_work)
        present = column != 0 if name == "best_similar_work" else ~np.isnan(column)
        if present.any():
            top = column[present].max()
            closeness = np.clip(1 - (top - np.nan_to_num(column)) / SIMILARITY_RANGE, 0, 1)
            matrix[:, INDEX[name]] = np.where(present, closeness, 0)
        else:
            matrix[:, INDEX[name]] = 0
    for name in ("similar_work", "led_similar_work", "lexical", "best_lexical", "led_lexical", "similar_co_work",
                 "adamic_adar", "co_work"):
        column = matrix[:, INDEX[name]]
        top = column.max()
        if top > 0:
            matrix[:, INDEX[name]] = column / top
    return matrix
