"""Feature rows and per-query matrices against a slow re-computation written from the definitions
(the docstrings of ``CandidateFacts``, ``Place.closeness`` and ``feature_matrix``)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mentore.matcher import ranker as rankers
from mentore.matcher.features import (
    FEATURE_NAMES,
    FEATURES,
    PROFILE,
    SIMILARITY_RANGE,
    CandidateFacts,
    Place,
    Query,
    evidence_of,
    feature_matrix,
    feature_row,
    programme_family,
    raw_features,
    reason_detail,
    reason_holds,
)

# A small territory tree: 3 regions, 2 provinces each, 3 comuni per province.
REGIONS = [f"R{r}" for r in range(3)]
PROVINCES = {f"P{r}{p}": f"R{r}" for r in range(3) for p in range(2)}
COMUNI = {f"C{r}{p}{c}": f"P{r}{p}" for r in range(3) for p in range(2) for c in range(3)}

# Seat closeness (Place.closeness) and area closeness (_territory: the query's place is in the
# territories where the candidate works), by the most precise level that matches.
SEAT_VALUE = {"comune": 1.0, "province": 2 / 3, "region": 1 / 3}
AREA_VALUE = {"comune": 2 / 3, "province": 1 / 2, "region": 1 / 3}

CO_NAMES = [f"K{i}" for i in range(6)]  # organisations that may be known partners
COSINE_COLUMNS = ("text_similarity", "consortium_similarity", "best_similar_work")
RELATIVE_COLUMNS = ("similar_work", "led_similar_work", "lexical", "best_lexical", "led_lexical", "similar_co_work",
                    "adamic_adar", "co_work")


def col(name: str) -> int:
    return FEATURE_NAMES.index(name)


# ----------------------------------------------------------------------------- random facts


def random_place(rng: np.random.Generator) -> Place | None:
    kind = rng.integers(0, 5)
    comune = str(rng.choice(sorted(COMUNI)))
    province = COMUNI[comune]
    region = PROVINCES[province]
    if kind == 0:
        return None
    if kind == 1:
        return Place(comune, province, region)
    if kind == 2:
        return Place(None, province, region)
    if kind == 3:
        return Place(None, None, region)
    return Place(comune, province, region)


KINDS = ("HES", "REC", "PRC", "ETS")


def random_areas(rng: np.random.Generator) -> frozenset[str]:
    """Territories where it works, each with its parents, as the graph stores them."""
    areas: set[str] = set()
    for _ in range(rng.integers(0, 3)):
        level = rng.integers(0, 3)
        if level == 0:
            comune = str(rng.choice(sorted(COMUNI)))
            areas |= {comune, COMUNI[comune], PROVINCES[COMUNI[comune]]}
        elif level == 1:
            province = str(rng.choice(sorted(PROVINCES)))
            areas |= {province, PROVINCES[province]}
        else:
            areas.add(str(rng.choice(REGIONS)))
    return frozenset(areas)


def random_codes(rng: np.random.Generator, prefix: str, most: int) -> frozenset[str]:
    size = int(rng.integers(0, most + 1))
    return frozenset(f"{prefix}{i}" for i in rng.choice(8, size=size, replace=False))


def random_query(rng: np.random.Generator) -> Query:
    known = frozenset(str(k) for k in rng.choice(CO_NAMES, size=int(rng.integers(0, 4)), replace=False))
    places = tuple(p for p in (random_place(rng) for _ in range(rng.integers(0, 3))) if p is not None)
    # the places a text names are among those that place it (matching.placed_by_text)
    named = tuple(p for p in places if rng.random() < 0.5)
    degrees = {k: int(rng.integers(5, 20)) for k in known}  # at least what any candidate shares
    shares = {kind: float(rng.uniform(0, 1)) for kind in KINDS if rng.random() < 0.6}
    return Query(task=str(rng.choice(["need", "partner", "handler"])), text="testo",
                 activities=random_codes(rng, "A", 3), competencies=random_codes(rng, "C", 3),
                 places=places, known=known, known_degrees=degrees, kind_shares=shares,
                 on_site=bool(rng.random() < 0.5), named=named)


def random_facts(rng: np.random.Generator, i: int, with_cosines: bool) -> CandidateFacts:
    degree = int(rng.integers(0, 12))
    suggested = int(rng.integers(0, 6))
    co_with = rng.choice(CO_NAMES, size=int(rng.integers(0, 4)), replace=False)
    has_text = with_cosines or rng.random() < 0.7
    has_work = with_cosines or rng.random() < 0.6
    return CandidateFacts(
        id=f"o{i}",
        kind=str(rng.choice(["ETS", "PUBLIC_BODY"])),
        category=str(rng.choice(KINDS + ("",))),
        place=random_place(rng),
        areas=random_areas(rng),
        activities=random_codes(rng, "A", 4),
        competencies=random_codes(rng, "C", 4),
        degree=degree,
        led=int(rng.integers(0, degree + 1)),
        suggested=suggested,
        answered=int(rng.integers(0, suggested + 1)),
        text_similarity=float(rng.uniform(-0.5, 1.0)) if has_text else None,
        similar_work=float(rng.uniform(0.1, 4.0)) if has_work else 0.0,
        best_similar_work=float(rng.uniform(0.05, 1.0)) if has_work else 0.0,
        led_similar_work=float(rng.uniform(0, 2.0)) if has_work and rng.random() < 0.5 else 0.0,
        lexical=(lexical := float(rng.exponential(3.0)) if rng.random() < 0.7 else 0.0),
        best_lexical=float(rng.uniform(0, lexical)),
        led_lexical=float(rng.uniform(0, lexical)) if rng.random() < 0.5 else 0.0,
        lexical_profile=float(rng.uniform(0, 1)) if has_work else 0.0,
        co_work={str(k): int(rng.integers(1, 5)) for k in co_with},
        adamic_adar=float(rng.uniform(0, 3)) if len(co_with) else 0.0,
        consortium_overlap=float(rng.uniform(0, 1)),
        similar_co_work=float(rng.uniform(0, 3)) if len(co_with) else 0.0,
        shared_partnerships=int(rng.integers(0, degree + 1)) if len(co_with) else 0,
        same_programme=int(rng.integers(0, degree + 1)) if rng.random() < 0.5 else 0,
        consortium_similarity=float(rng.uniform(-0.3, 1.0)) if with_cosines or rng.random() < 0.6 else None,
        named_in_text=float(rng.uniform(0.2, 1.0)) if rng.random() < 0.2 else 0.0,
        poster_network=float(rng.choice([0.0, 0.5, 1.0])),
    )


# ----------------------------------------------------------------------------- the oracle


def slow_territory(query: Query, facts: CandidateFacts, places: tuple | None = None) -> float:
    best = 0.0
    for wanted in query.places if places is None else places:
        for level in ("comune", "province", "region"):
            here = getattr(wanted, level)
            if here is None:
                continue
            if facts.place is not None and getattr(facts.place, level) == here:
                best = max(best, SEAT_VALUE[level])
            if here in facts.areas:
                best = max(best, AREA_VALUE[level])
    return best


def slow_share(wanted: frozenset[str], has: frozenset[str]) -> float:
    if not wanted:
        return 0.0
    return sum(1 for w in wanted if w in has) / len(wanted)


def slow_row(query: Query, facts: CandidateFacts) -> dict[str, float]:
    shared = 0
    share = 0.0
    for k in sorted(query.known):
        n = facts.co_work.get(k, 0)
        shared += n
        share += n / query.known_degrees[k]
    return {
        "text_similarity": facts.text_similarity,  # None: unknown
        "similar_work": math.log(1 + facts.similar_work),
        "best_similar_work": facts.best_similar_work if facts.best_similar_work else None,
        "led_similar_work": math.log(1 + facts.led_similar_work),
        "lexical": math.log(1 + facts.lexical),
        "best_lexical": math.log(1 + facts.best_lexical),
        "led_lexical": math.log(1 + facts.led_lexical),
        "lexical_profile": facts.lexical_profile,  # a cosine, kept as it is
        "activity_overlap": slow_share(query.activities, facts.activities),
        "competency_overlap": slow_share(query.competencies, facts.competencies),
        "territory": slow_territory(query, facts),
        "co_work": math.log(1 + shared),
        "co_work_share": share,
        "adamic_adar": facts.adamic_adar,
        "consortium_overlap": facts.consortium_overlap,
        "similar_co_work": math.log(1 + facts.similar_co_work),
        # of the candidate's own partnerships, the share that had a known partner in it
        "partner_share": facts.shared_partnerships / facts.degree if facts.degree else 0.0,
        "consortium_similarity": facts.consortium_similarity,  # None: unknown
        "same_programme": math.log(1 + facts.same_programme),
        # the share of the kinds of organisation in the closest past work: the finer category
        # when known, else the kind
        "kind_affinity": query.kind_shares.get(facts.category if facts.category else facts.kind, 0.0),
        "popularity": math.log(1 + facts.degree),
        "lead_share": facts.led / facts.degree if facts.degree else 0.0,
        "responsiveness": (facts.answered + 1) / (facts.suggested + 2),
        # help given on site (volunteers, a space): the territory once more; else nothing
        "territory_on_site": slow_territory(query, facts) if query.on_site else 0.0,
        # the places the text names, on their own
        "named_place": slow_territory(query, facts, query.named),
        # how strongly the text names it, as the name index said
        "named_in_text": facts.named_in_text,
        "poster_network": facts.poster_network,
    }


def slow_matrix(query: Query, candidates: list[CandidateFacts]) -> list[dict[str, float]]:
    rows = [slow_row(query, c) for c in candidates]
    # cosines: 1 for the closest candidate, falling linearly to 0 at SIMILARITY_RANGE behind it
    # (and below); 0 when unknown
    for name in COSINE_COLUMNS:
        known_values = [r[name] for r in rows if r[name] is not None]
        closest = max(known_values)
        for r in rows:
            if r[name] is None:
                r[name] = 0.0
            else:
                behind = closest - r[name]
                r[name] = 0.0 if behind >= SIMILARITY_RANGE else 1.0 - behind / SIMILARITY_RANGE
    for name in RELATIVE_COLUMNS:
        best = max(r[name] for r in rows)
        if best > 0:
            for r in rows:
                r[name] = r[name] / best
    return rows


# ----------------------------------------------------------------------------- tests


def test_place_closeness_is_one_two_thirds_one_third_or_nothing():
    here = Place("C000", "P00", "R0")
    assert here.closeness(Place("C000", "P00", "R0")) == 1.0
    assert here.closeness(Place("C001", "P00", "R0")) == pytest.approx(2 / 3)
    assert here.closeness(Place("C010", "P01", "R0")) == pytest.approx(1 / 3)
    assert here.closeness(Place("C100", "P10", "R1")) == 0.0
    assert here.closeness(None) == 0.0
    assert here.closeness(Place()) == 0.0
    assert Place().closeness(Place()) == 0.0, "two unknown places are not the same place"
    assert Place(None, "P00", "R0").closeness(Place(None, "P00", "R0")) == pytest.approx(2 / 3)


def test_feature_row_matches_a_slow_recomputation_on_random_candidates():
    rng = np.random.default_rng(20240611)
    for _ in range(400):
        query = random_query(rng)
        facts = random_facts(rng, 0, with_cosines=False)
        expected = slow_row(query, facts)
        row = feature_row(query, facts)
        assert row.shape == (len(FEATURES),)
        for name in FEATURE_NAMES:
            if expected[name] is not None:  # an unknown cosine is only defined relative to the query
                assert row[col(name)] == pytest.approx(expected[name], abs=1e-12), name


def test_the_feature_matrix_is_built_with_the_same_numbers_as_feature_row_one_candidate_at_a_time():
    rng = np.random.default_rng(20261204)
    for _ in range(60):
        query = random_query(rng)
        candidates = [random_facts(rng, i, with_cosines=False) for i in range(int(rng.integers(0, 40)))]
        for facts in candidates[::3]:  # sums of scores below zero count as zero, in both
            facts.similar_work, facts.led_similar_work, facts.lexical = -0.3, -0.1, -2.0
            facts.similar_co_work = -0.5
        expected = (np.vstack([feature_row(query, c) for c in candidates]) if candidates
                    else np.zeros((0, len(FEATURES))))
        np.testing.assert_allclose(raw_features(query, candidates), expected, rtol=1e-12, atol=0)


def test_territory_covers_seats_areas_and_every_known_place():
    rng = np.random.default_rng(7)
    seen = set()
    for _ in range(600):
        query = random_query(rng)
        facts = random_facts(rng, 0, with_cosines=True)
        value = feature_row(query, facts)[col("territory")]
        assert value == pytest.approx(slow_territory(query, facts))
        seen.add(round(value, 6))
    # every level of closeness occurs in the sample, so the comparison above covered each one
    assert seen >= {round(v, 6) for v in (0.0, 1 / 3, 1 / 2, 2 / 3, 1.0)}


def test_an_organisation_the_text_names_is_told_by_the_words_of_its_name_as_written():
    query = Query(task="partner", text="con il Colibri")
    named = CandidateFacts(id="o1", name="Associazione Il Colibrì APS", named_in_text=1.0, name_words=("colibri",))
    assert reason_detail("named_in_text", query, named) == ["Colibrì"]
    assert reason_detail("named_in_text", query, CandidateFacts(id="o2", name="Altra APS")) is None


def test_a_link_in_the_poster_s_network_is_told_by_the_partners_it_goes_through():
    query = Query(task="need", text="volontari", poster="poster")
    through = CandidateFacts(id="o1", poster_network=0.5, network_via=("p1", "p2"), network_work="w1")
    direct = CandidateFacts(id="o2", poster_network=1.0, network_work="w2")
    assert reason_detail("poster_network", query, through) == ["p1", "p2"]
    assert reason_detail("poster_network", query, direct) is None  # it worked with the poster itself
    assert (evidence_of("poster_network", through), evidence_of("poster_network", direct)) == ("w1", "w2")


def test_each_reason_names_what_it_is_about_as_its_feature_saw_it():
    rng = np.random.default_rng(11)
    levels = {1.0: "comune", 2 / 3: "provincia", 1 / 2: "provincia", 1 / 3: "regione"}
    for _ in range(300):
        query = random_query(rng)
        facts = random_facts(rng, 0, with_cosines=True)
        competencies = reason_detail("competency_overlap", query, facts)
        assert competencies == (sorted(query.competencies & facts.competencies) or None)
        assert (competencies is None) == (feature_row(query, facts)[col("competency_overlap")] == 0)
        territory = slow_territory(query, facts)
        assert reason_detail("territory", query, facts) == ([levels[territory]] if territory else None)
        partners = reason_detail("co_work", query, facts)
        assert partners == (sorted(k for k in query.known if facts.co_work.get(k)) or None)
        assert reason_detail("adamic_adar", query, facts) == partners
        # close to what the known partners do: all of them are named
        assert reason_detail("consortium_similarity", query, facts) == (sorted(query.known) or None)
        # the counts behind activity and answers, as the features were computed from them
        assert reason_detail("popularity", query, facts) == ([str(facts.degree)] if facts.degree else None)
        assert reason_detail("lead_share", query, facts) == (
            [str(facts.led), str(facts.degree)] if facts.degree else None)
        assert reason_detail("responsiveness", query, facts) == (
            [str(facts.answered), str(facts.suggested)] if facts.suggested else None)
        assert reason_detail("text_similarity", query, facts) is None  # nothing to name
    # words that matched best in its own presentation say so; a past work is named by its id elsewhere
    facts = random_facts(rng, 0, with_cosines=True)
    facts.lexical_work, facts.lexical_led_work = PROFILE, "p7"
    assert reason_detail("best_lexical", query, facts) == [PROFILE]
    assert reason_detail("led_lexical", query, facts) is None and evidence_of("led_lexical", facts) == "p7"


def test_responsiveness_is_a_reason_only_for_an_organisation_that_answers():
    """Whatever the ranker (hand-set, or learned with any mean), "Risponde alle proposte" is
    given to an organisation that answered at least one proposal and at least half of them."""
    from mentore.services.matching import _reasons

    query = Query(task="need", text="Consegna della spesa", vector=None)
    column = col("responsiveness")
    for answered, suggested, holds in ((0, 0, False), (0, 5, False), (1, 3, False), (1, 2, True), (3, 4, True),
                                       (5, 5, True)):
        facts = CandidateFacts(id="o1", answered=answered, suggested=suggested)
        assert reason_holds("responsiveness", facts) == holds
        for mean in (0.0, 0.1, 0.5):  # hand-set (0) and learned means, below and at the prior
            ranker = rankers.LinearRanker(task="need", weights=np.zeros(len(FEATURES)), mean=np.zeros(len(FEATURES)),
                                          scale=np.ones(len(FEATURES)))
            ranker.weights[column], ranker.mean[column] = 1.0, mean
            row = feature_matrix(query, [facts])[0]
            pushed = ranker.contributions(row[None, :])[0][column] >= 0.05
            given = [r["feature"] for r in _reasons(ranker, row, query, facts)]
            assert given == (["responsiveness"] if holds and pushed else []), (answered, suggested, mean)
    assert all(reason_holds(name, CandidateFacts(id="o1")) for name in FEATURE_NAMES
               if name not in ("responsiveness", "similar_co_work"))


def test_work_shared_with_the_known_partners_is_on_similar_themes_only_when_closer_than_past_work_in_general():
    """The feature counts every partnership shared with the known partners by its cosine; the
    reason "Ha lavorato con i partner indicati su temi simili" is given only when some of it is
    closer to the project than past work in general, whatever the ranker weighs."""
    from mentore.services.matching import _reasons

    query = Query(task="partner", text="Orti didattici", vector=None, known=frozenset({"k1"}))
    column = col("similar_co_work")
    ranker = rankers.LinearRanker(task="partner", weights=np.zeros(len(FEATURES)), mean=np.zeros(len(FEATURES)),
                                  scale=np.ones(len(FEATURES)))
    ranker.weights[column] = 1.0
    for closer, holds in ((0.0, False), (0.2, True)):
        facts = CandidateFacts(id="o1", co_work={"k1": 2}, shared_partnerships=2, similar_co_work=0.5,
                               closer_co_work=closer, shared_work="p1")
        assert reason_holds("similar_co_work", facts) == holds
        row = feature_matrix(query, [facts])[0]
        given = [r["feature"] for r in _reasons(ranker, row, query, facts)]
        assert given == (["similar_co_work"] if holds else []), closer


def test_feature_matrix_matches_a_slow_recomputation_per_query():
    rng = np.random.default_rng(11)
    for _ in range(300):
        query = random_query(rng)
        candidates = [random_facts(rng, i, with_cosines=(i == 0)) for i in range(int(rng.integers(1, 12)))]
        rng.shuffle(candidates)
        matrix = feature_matrix(query, candidates)
        expected = slow_matrix(query, candidates)
        assert matrix.shape == (len(candidates), len(FEATURES))
        for i, row in enumerate(expected):
            for name in FEATURE_NAMES:
                assert matrix[i, col(name)] == pytest.approx(row[name], abs=1e-9), (name, i)


def test_cosines_become_closeness_to_the_closest_candidate():
    query = Query(task="need", text="testo", vector=np.ones(4))
    behind = SIMILARITY_RANGE / 4
    sims = [0.9, 0.9 - behind, 0.9 - SIMILARITY_RANGE - 0.01, None, -0.2, 0.9 - 3 * behind]
    candidates = [CandidateFacts(id=f"o{i}", text_similarity=s) for i, s in enumerate(sims)]
    column = feature_matrix(query, candidates)[:, col("text_similarity")]
    assert column[0] == pytest.approx(1.0), "the closest candidate"
    assert column[1] == pytest.approx(0.75)
    assert column[5] == pytest.approx(0.25)
    assert column[2] == 0.0, "further than the range behind is as far as possible"
    assert column[3] == 0.0, "an unknown similarity is as far as possible"
    assert column[4] == 0.0
    assert list(np.argsort(-column, kind="stable")[:3]) == [0, 1, 5], "closer candidates rank higher"


def test_relative_columns_have_their_best_candidate_at_one():
    rng = np.random.default_rng(3)
    query = random_query(rng)
    candidates = [random_facts(rng, i, with_cosines=True) for i in range(20)]
    matrix = feature_matrix(query, candidates)
    for name in RELATIVE_COLUMNS:
        column = matrix[:, col(name)]
        assert column.min() >= 0.0
        assert column.max() == pytest.approx(1.0) or column.max() == 0.0, name


def test_reordering_candidates_reorders_rows_only():
    rng = np.random.default_rng(5)
    for _ in range(50):
        query = random_query(rng)
        candidates = [random_facts(rng, i, with_cosines=(i == 0)) for i in range(8)]
        matrix = feature_matrix(query, candidates)
        order = rng.permutation(len(candidates))
        shuffled = feature_matrix(query, [candidates[i] for i in order])
        np.testing.assert_allclose(shuffled, matrix[order], atol=1e-12)


def test_no_candidates_give_an_empty_matrix_with_every_feature():
    matrix = feature_matrix(Query(task="need", text="testo"), [])
    assert matrix.shape == (0, len(FEATURES))


def test_cosine_columns_read_unknown_when_no_candidate_has_a_similarity():
    """Without the text model (query.vector None) no candidate has a text similarity: every
    candidate must get the value an unknown similarity gets next to known ones."""
    query = Query(task="need", text="testo", vector=np.ones(4))
    mixed = feature_matrix(query, [CandidateFacts(id="a", text_similarity=0.7, best_similar_work=0.6),
                                   CandidateFacts(id="b")])
    candidates = [CandidateFacts(id=f"o{i}", lexical=float(i + 1), degree=3) for i in range(4)]
    matrix = feature_matrix(Query(task="need", text="testo"), candidates)
    for name in COSINE_COLUMNS:
        assert (matrix[:, col(name)] == mixed[1, col(name)]).all(), name


def test_a_learned_ranker_does_not_claim_text_closeness_when_the_model_is_unavailable():
    """A learned ranker gives weight to text closeness; in degraded mode (no text model) no
    suggestion may say "Il profilo è vicino al testo"."""
    rng = np.random.default_rng(17)
    groups = []
    for _ in range(60):
        query = Query(task="need", text="testo", vector=np.ones(4))
        candidates = [CandidateFacts(id=f"o{i}", text_similarity=float(rng.uniform(-0.2, 0.8)),
                                     best_similar_work=float(rng.uniform(0.1, 0.9)),
                                     lexical=float(rng.uniform(0, 5)), degree=int(rng.integers(0, 10)))
                      for i in range(10)]
        matrix = feature_matrix(query, candidates)
        labels = np.zeros(len(candidates))
        labels[np.argmax(matrix[:, col("text_similarity")] + 0.3 * rng.normal(size=len(candidates)))] = 1
        groups.append((matrix, labels))
    learned = rankers.train("need", groups)
    assert learned is not None and learned.weights[col("text_similarity")] > 0

    degraded = Query(task="need", text="testo", vector=None)
    candidates = [CandidateFacts(id=f"o{i}", lexical=float(rng.uniform(0, 5)), degree=3) for i in range(5)]
    matrix = feature_matrix(degraded, candidates)
    for row in matrix:
        assert "text_similarity" not in [r.feature for r in learned.reasons(row)]


def test_programme_family_meets_calls_of_one_programme_across_years():
    assert programme_family("HORIZON-MSCA-2023-PF-01") == programme_family("HORIZON-MSCA-2021-PF-01-01") \
        == "horizon-msca-pf"
    assert programme_family("Bando Welfare 2024") == programme_family("bando  welfare (2025)") == "bando-welfare"
    assert programme_family("ERC-2023-STG") != programme_family("ERC-2023-COG")
    assert programme_family("2024-01") is None
    assert programme_family("") is None and programme_family(None) is None
