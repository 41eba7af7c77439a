"""Linear rankers: scores, reasons, stored parameters and training, on random and synthetic data."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mentore.matcher import ranker as rankers
from mentore.matcher.features import FEATURE_NAMES, FEATURES
from mentore.matcher.ranker import MIN_POSITIVES, LinearRanker, hand_set, train

N = len(FEATURES)
LABELS = {f.name: f.reason for f in FEATURES}


def random_ranker(rng: np.random.Generator, task: str = "need") -> LinearRanker:
    return LinearRanker(task=task, weights=rng.normal(size=N), mean=rng.normal(size=N),
                        scale=rng.uniform(0.2, 3.0, size=N), bias=float(rng.normal()), source="learned",
                        trained_on=int(rng.integers(30, 500)), meta={"examples": 1234, "queries": 56})


def slow_score(ranker: LinearRanker, row: np.ndarray) -> float:
    total = ranker.bias
    for j in range(N):
        total += ranker.weights[j] * (row[j] - ranker.mean[j]) / ranker.scale[j]
    return total


def test_score_is_the_bias_plus_the_sum_of_contributions():
    rng = np.random.default_rng(1)
    for _ in range(100):
        ranker = random_ranker(rng)
        matrix = rng.normal(size=(int(rng.integers(1, 20)), N))
        scores = ranker.score(matrix)
        contributions = ranker.contributions(matrix)
        assert scores.shape == (len(matrix),)
        np.testing.assert_allclose(scores, ranker.bias + contributions.sum(axis=1), atol=1e-12)
        for i, row in enumerate(matrix):
            assert scores[i] == pytest.approx(slow_score(ranker, row), abs=1e-9)


def test_an_empty_matrix_scores_nothing():
    assert hand_set("need").score(np.zeros((0, N))).shape == (0,)


def test_reasons_are_the_largest_positive_contributions_in_order():
    rng = np.random.default_rng(2)
    for _ in range(300):
        ranker = random_ranker(rng)
        row = rng.normal(size=N)
        limit = int(rng.integers(1, 8))
        limit = None if limit == 7 else limit  # every one of them
        reasons = ranker.reasons(row, limit=limit)
        contributions = ranker.contributions(row[None, :])[0]
        by_name = dict(zip(FEATURE_NAMES, contributions, strict=True))
        assert len(reasons) <= (limit or N)
        values = [r.contribution for r in reasons]
        assert values == sorted(values, reverse=True), "largest first"
        assert all(v > 0 for v in values), "a reason is why it is suggested: never a negative one"
        weights = dict(zip(FEATURE_NAMES, ranker.weights, strict=True))
        assert all(weights[r.feature] > 0 for r in reasons), "its label says it has more of it, not less"
        names = [r.feature for r in reasons]
        assert len(set(names)) == len(names)
        for reason in reasons:
            assert reason.label == LABELS[reason.feature]
            assert reason.contribution == pytest.approx(by_name[reason.feature], abs=5e-4)
        # nothing left out that pushed more than the last reason given (nor anything clearly
        # positive when fewer than `limit` reasons were given)
        left_out = [by_name[n] for n in FEATURE_NAMES if n not in names and weights[n] > 0]
        if reasons and len(reasons) == limit:
            assert all(c <= min(by_name[n] for n in names) + 1e-12 for c in left_out)
        else:
            assert all(c < 0.05 + 1e-12 for c in left_out)


def test_reasons_sum_to_the_score_minus_bias_when_every_contribution_is_positive():
    rng = np.random.default_rng(3)
    for _ in range(50):
        ranker = random_ranker(rng)
        ranker.weights = np.abs(ranker.weights) + 0.1
        row = ranker.mean + ranker.scale * rng.uniform(0.5, 2.0, size=N)  # every feature above its mean
        reasons = ranker.reasons(row, limit=N)
        assert len(reasons) == N
        total = sum(r.contribution for r in reasons)
        assert total == pytest.approx(ranker.score(row[None, :])[0] - ranker.bias, abs=N * 5e-4)


def test_a_feature_weighed_negatively_is_never_a_reason_even_when_it_pushes_up():
    """Learned rankers weigh popularity negatively: the least active candidate gains from it, and
    "Molto attiva nei partenariati" would say the opposite of the truth."""
    ranker = LinearRanker(task="partner", weights=np.zeros(N), mean=np.full(N, 2.0), scale=np.ones(N),
                          source="learned")
    popularity, text = FEATURE_NAMES.index("popularity"), FEATURE_NAMES.index("text_similarity")
    ranker.weights[popularity], ranker.weights[text] = -1.0, 0.5
    row = np.full(N, 2.0)
    row[popularity], row[text] = 0.0, 3.0  # far less active than most, closer to the text than most
    assert ranker.contributions(row[None, :])[0][popularity] == pytest.approx(2.0)  # it does push up
    assert [r.feature for r in ranker.reasons(row)] == ["text_similarity"]


def test_a_candidate_below_every_mean_gets_no_reason():
    ranker = random_ranker(np.random.default_rng(4))
    ranker.weights = np.abs(ranker.weights)
    assert ranker.reasons(ranker.mean - ranker.scale) == []


def test_stored_parameters_give_identical_scores_and_reasons():
    rng = np.random.default_rng(5)
    for task in ("need", "partner", "handler"):
        ranker = random_ranker(rng, task)
        stored = json.loads(json.dumps(ranker.to_params()))  # the graph keeps plain numbers
        back = LinearRanker.from_params(stored)
        matrix = rng.normal(size=(30, N))
        assert np.array_equal(back.score(matrix), ranker.score(matrix))
        assert back.reasons(matrix[0]) == ranker.reasons(matrix[0])
        assert (back.task, back.source, back.trained_on, back.meta) == (
            ranker.task, ranker.source, ranker.trained_on, ranker.meta)
    hand = hand_set("handler")
    back = LinearRanker.from_params(json.loads(json.dumps(hand.to_params())))
    matrix = rng.uniform(0, 3, size=(20, N))
    assert back.relative == hand.relative and np.array_equal(back.prepare(matrix), hand.prepare(matrix))


def test_stored_parameters_survive_a_change_of_the_feature_list():
    """A model saved before a feature was added and after one was removed keeps working: the
    unknown feature is dropped, the new one weighs nothing."""
    rng = np.random.default_rng(6)
    ranker = random_ranker(rng)
    params = ranker.to_params()
    gone = "lead_share"  # a feature the old model did not know
    keep = [j for j, name in enumerate(FEATURE_NAMES) if name != gone]
    old = {**params,
           "features": ["retired_feature"] + [FEATURE_NAMES[j] for j in keep],
           "weights": [9.0] + [params["weights"][j] for j in keep],
           "mean": [3.0] + [params["mean"][j] for j in keep],
           "scale": [0.5] + [params["scale"][j] for j in keep]}
    for key in ("features", "weights", "mean", "scale"):  # and in another order
        old[key].reverse()
    back = LinearRanker.from_params(old)

    expected = LinearRanker(task=ranker.task, weights=ranker.weights.copy(), mean=ranker.mean,
                            scale=ranker.scale, bias=ranker.bias)
    expected.weights[FEATURE_NAMES.index(gone)] = 0.0
    matrix = rng.normal(size=(25, N))
    np.testing.assert_allclose(back.score(matrix), expected.score(matrix), atol=1e-12)
    assert back.weights.shape == (N,)
    for row in matrix:
        assert gone not in [r.feature for r in back.reasons(row, limit=N)]


def test_a_zero_scale_in_stored_parameters_does_not_blow_up_scores():
    params = random_ranker(np.random.default_rng(7)).to_params()
    params["scale"][0] = 0.0
    scores = LinearRanker.from_params(params).score(np.random.default_rng(8).normal(size=(10, N)))
    assert np.isfinite(scores).all()


# ----------------------------------------------------------------------------- training


def synthetic_groups(rng: np.random.Generator, count: int, signal: str, size: int = 12):
    """Query groups whose positive is the candidate with the highest value of one feature; the
    other features are noise."""
    groups = []
    for _ in range(count):
        matrix = rng.uniform(0, 1, size=(size, N))
        labels = np.zeros(size)
        labels[int(np.argmax(matrix[:, FEATURE_NAMES.index(signal)]))] = 1
        groups.append((matrix, labels))
    return groups


@pytest.mark.parametrize("signal", ["territory", "co_work_share", "lexical"])
def test_training_learns_the_feature_that_decides_and_ranks_held_out_positives_first(signal):
    rng = np.random.default_rng(sum(map(ord, signal)))
    learned = train("partner", synthetic_groups(rng, 200, signal))
    assert learned is not None
    assert learned.source == "learned" and learned.trained_on == 200
    j = FEATURE_NAMES.index(signal)
    assert learned.weights[j] > 0
    assert abs(learned.weights[j]) == np.abs(learned.weights).max(), "the deciding feature weighs most"
    held_out = synthetic_groups(rng, 100, signal)
    first = sum(int(np.argmax(learned.score(m)) == int(np.argmax(y))) for m, y in held_out)
    assert first >= 0.7 * len(held_out), "chance would be 1 in 12"
    # and the reason given for the positive names the deciding feature
    matrix, labels = held_out[0]
    top = learned.reasons(matrix[int(np.argmax(labels))])
    assert top and top[0].feature == signal


def test_a_feature_a_task_does_not_learn_gets_no_weight_even_when_it_decides():
    rng = np.random.default_rng(11)
    groups = synthetic_groups(rng, 200, "lexical_profile")
    assert "lexical_profile" in rankers.NOT_LEARNED["partner"]
    partner, handler = train("partner", groups), train("handler", groups)
    j = FEATURE_NAMES.index("lexical_profile")
    assert partner.weights[j] == 0 and not any(r.feature == "lexical_profile" for r in partner.reasons(groups[0][0][0]))
    assert handler.weights[j] == np.abs(handler.weights).max() > 0  # the other tasks learn it


def test_a_feature_the_examples_never_show_keeps_its_hand_set_weight():
    """On a site whose past work never names an organisation, "Il testo la nomina" is 0 in every
    example: the learned ranker keeps the hand-set weight for it, and says it when it occurs."""
    rng = np.random.default_rng(5)
    groups = synthetic_groups(rng, 200, "territory")
    named, popularity = FEATURE_NAMES.index("named_in_text"), FEATURE_NAMES.index("popularity")
    for matrix, _ in groups:
        matrix[:, named] = 0.0
        matrix[:, popularity] = 0.3  # a relative count: not carried over
    learned = train("partner", groups)
    assert learned.weights[named] == rankers.HAND_SET["partner"]["named_in_text"] > 0
    assert learned.mean[named] == 0 and learned.scale[named] == 1
    assert abs(learned.weights[popularity]) < 1e-9 and learned.meta["hand_set"] == ["named_in_text"]
    row = groups[0][0][0].copy()
    row[named] = 1.0
    assert "named_in_text" in [r.feature for r in learned.reasons(row)]
    assert learned.reasons(groups[0][0][0]) == [r for r in learned.reasons(groups[0][0][0])
                                               if r.feature != "named_in_text"]  # 0: no reason
    # a feature the examples show is learned, whatever its hand-set weight
    shown = train("partner", synthetic_groups(rng, 200, "territory"))
    assert "hand_set" not in shown.meta and shown.weights[named] != rankers.HAND_SET["partner"]["named_in_text"]
    # the rankers stored keep what they carried (to_params and back)
    assert rankers.LinearRanker.from_params(learned.to_params()).weights[named] == learned.weights[named]


def test_training_with_too_few_positives_returns_none():
    rng = np.random.default_rng(9)
    few = synthetic_groups(rng, MIN_POSITIVES - 1, "lexical")
    unlabelled = [(rng.uniform(size=(10, N)), np.zeros(10)) for _ in range(100)]  # no positive: not examples
    assert train("need", few + unlabelled) is None
    assert train("need", []) is None
    assert train("need", synthetic_groups(rng, MIN_POSITIVES, "lexical")) is not None


def test_hand_set_rankers_exist_for_every_task_and_never_punish_a_better_candidate():
    rng = np.random.default_rng(10)
    for task in ("need", "partner", "handler"):
        ranker = hand_set(task)
        assert ranker.weights.shape == (N,) and ranker.source == "hand-set"
        assert (ranker.weights >= 0).all() and ranker.weights.sum() > 0
        assert set(rankers.HAND_SET[task]) <= set(FEATURE_NAMES), "no weight for a feature that does not exist"
        row = rng.uniform(0, 1, size=N)
        better = row + rng.uniform(0, 0.5, size=N)
        assert ranker.score(better[None, :])[0] >= ranker.score(row[None, :])[0]


def test_hand_set_partner_ranker_prefers_who_worked_with_the_known_partners():
    ranker = hand_set("partner")
    plain = np.zeros(N)
    worked = plain.copy()
    for name in ("co_work", "co_work_share", "consortium_overlap"):
        worked[FEATURE_NAMES.index(name)] = 1.0
    assert ranker.score(worked[None, :])[0] > ranker.score(plain[None, :])[0]
    assert "co_work" in [r.feature for r in ranker.reasons(worked)]


def test_prepare_takes_the_relative_counts_as_shares_of_the_largest_and_leaves_the_rest():
    rng = np.random.default_rng(12)
    ranker = hand_set("partner")
    matrix = rng.uniform(0, 4, size=(25, N))
    matrix[:, FEATURE_NAMES.index("same_programme")] = 0.0  # nobody in the programme: stays 0
    prepared = ranker.prepare(matrix)
    for j, name in enumerate(FEATURE_NAMES):
        if name == "popularity":
            assert np.allclose(prepared[:, j], matrix[:, j] / matrix[:, j].max())
        else:
            assert np.array_equal(prepared[:, j], matrix[:, j]), name
    assert learned_like(ranker).prepare(matrix) is matrix  # a learned ranker takes them as they are


def learned_like(ranker: LinearRanker) -> LinearRanker:
    return LinearRanker(task=ranker.task, weights=ranker.weights, mean=ranker.mean, scale=ranker.scale,
                        source="learned")


def test_hand_set_weights_do_not_let_a_long_history_outweigh_the_text():
    """An organisation with sixty past partnerships and a profile far from the text against one
    with two and the closest profile: the text decides, for any size of the site's history."""
    for task in ("need", "partner", "handler"):
        ranker = hand_set(task)
        for busiest in (2, 60, 2000):
            matrix = np.zeros((2, N))
            matrix[0, FEATURE_NAMES.index("text_similarity")] = 1.0
            matrix[1, FEATURE_NAMES.index("text_similarity")] = 0.5
            matrix[:, FEATURE_NAMES.index("popularity")] = np.log1p([2, busiest])
            scores = ranker.score(ranker.prepare(matrix))
            assert scores[0] > scores[1], (task, busiest)


def test_recall_and_reciprocal_rank_rank_a_query_as_the_ranker_does():
    """Cross-validation's measures take the features as the ranker weighs them: for the hand-set
    ranker, popularity as a share of the busiest candidate. The right candidate is the one the
    ranker puts first; by the raw counts the busiest would come first."""
    rng = np.random.default_rng(5)
    ranker = hand_set("partner")
    groups = []
    for _ in range(30):
        matrix = np.zeros((12, N))
        matrix[:, FEATURE_NAMES.index("text_similarity")] = rng.uniform(0.0, 1.0, 12)
        matrix[:, FEATURE_NAMES.index("popularity")] = np.log1p(rng.integers(0, 2000, 12))
        labels = np.zeros(12)
        labels[int(np.argmax(ranker.score(ranker.prepare(matrix))))] = 1
        groups.append(rankers.Group(matrix, labels))
    assert rankers._recall(ranker, groups, top=1) == len(groups)
    assert rankers._reciprocal_rank(ranker, groups) == pytest.approx(len(groups))


def test_help_given_on_site_prefers_the_nearer_organisation_and_other_help_the_closer_text():
    """A need's candidates: one of another region whose profile is 0.2 closer to the text, one of
    the need's province. For volunteers, a space or equipment (given where the need is) the one
    nearby comes first; for competence or funding, the closer text. The features as the matcher
    builds them (feature_matrix), scored by the hand-set need ranker."""
    from mentore.matcher.features import CandidateFacts, Place, Query, feature_matrix

    here = Place("comune:096004", "provincia:096", "regione:01")
    far = CandidateFacts("far", place=Place("comune:087015", "provincia:087", "regione:19"), text_similarity=0.70)
    near = CandidateFacts("near", place=Place("comune:096020", "provincia:096", "regione:01"), text_similarity=0.50)
    ranker = hand_set("need")
    for on_site, first in ((True, "near"), (False, "far")):
        query = Query(task="need", text="Volontari per il doposcuola", places=(here,), on_site=on_site)
        scores = ranker.score(ranker.prepare(feature_matrix(query, [far, near])))
        assert ["far", "near"][int(np.argmax(scores))] == first, on_site
        reasons = [r.feature for r in ranker.reasons(feature_matrix(query, [far, near])[1])]
        assert ("territory_on_site" in reasons) == on_site  # and said so


def shifted_groups(rng: np.random.Generator, count: int, sizes: tuple[int, int] = (300, 15)):
    """Queries whose right candidate has the most of one feature among its own candidates; but
    the large queries' candidates all have more of it than the small queries' ones, so that
    across queries, much of it goes with being wrong (one right in 300, against one in 15, as
    ``sizes`` has it)."""
    j = FEATURE_NAMES.index("lexical")
    groups = []
    for i in range(count):
        large = i % 2 == 0
        matrix = rng.uniform(0, 1, size=(sizes[0] if large else sizes[1], N))
        matrix[:, j] += 3.0 if large else 0.0
        labels = np.zeros(len(matrix))
        labels[int(np.argmax(matrix[:, j]))] = 1
        groups.append(rankers.Group(matrix, labels, f"q{i}"))
    return groups


def test_pairwise_training_learns_what_wins_within_a_query_and_is_chosen_by_cross_validation():
    rng = np.random.default_rng(12)
    groups = shifted_groups(rng, 100)
    j = FEATURE_NAMES.index("lexical")
    # each candidate alone: the feature looks bad, as most rows that have much of it are wrong
    assert rankers._fit("need", "pointwise", groups, 1.0).weights[j] < 0
    scores = rankers.cross_validate("need", groups)["recall"]
    assert scores["pairwise"] >= 0.9 and scores["pointwise"] < 0.5
    learned = train("need", groups)
    assert learned.meta["method"] == "pairwise" and learned.meta["cv_recall"] == scores
    assert learned.weights[j] > 0 and learned.bias == 0.0
    held_out = shifted_groups(rng, 40)
    assert rankers._recall(learned, held_out) >= 0.9 * len(held_out)
    assert rankers._recall(rankers._fit("need", "pointwise", groups, 1.0), held_out) < 0.5 * len(held_out)


def test_pointwise_is_kept_when_cross_validation_finds_no_better_way_or_has_too_few_queries():
    rng = np.random.default_rng(13)
    # one candidate in two is right, by one feature's level: every query looks alike, both ways
    # rank the same, and a tie keeps pointwise
    j = FEATURE_NAMES.index("territory")
    groups = []
    for i in range(60):
        matrix = rng.uniform(0, 1, size=(2, N))
        matrix[0, j], matrix[1, j] = 1.0, 0.0
        groups.append(rankers.Group(matrix, np.array([1, 0]), f"q{i}"))
    learned = train("need", groups)
    assert learned.meta["cv_recall"] == {"pointwise": 1.0, "pairwise": 1.0}
    assert learned.meta["cv_mrr"] == {"pointwise": 1.0, "pairwise": 1.0}  # a tie of both
    assert learned.meta["method"] == "pointwise" and learned.bias != 0.0
    few = shifted_groups(rng, rankers.MIN_CV_QUERIES - 1)
    learned = train("need", few)
    assert learned.meta["method"] == "pointwise" and "cv_recall" not in learned.meta


def test_when_every_way_finds_a_right_candidate_in_the_first_ten_the_one_that_ranks_it_higher_is_chosen():
    """A need's few answered suggestions are all in the first ten whatever the weights: recall at
    ten ties, and the mean reciprocal rank tells the ways apart."""
    rng = np.random.default_rng(17)
    j = FEATURE_NAMES.index("lexical")
    groups = shifted_groups(rng, 100, sizes=(10, 3))  # ten answered suggestions with more of it, or three
    learned = train("need", groups)
    assert learned.meta["cv_recall"] == {"pointwise": 1.0, "pairwise": 1.0}
    assert learned.meta["cv_mrr"]["pairwise"] > learned.meta["cv_mrr"]["pointwise"]
    assert learned.meta["method"] == "pairwise" and learned.weights[j] > 0


def test_cross_validation_keeps_the_queries_of_one_organisation_in_one_fold():
    rng = np.random.default_rng(14)
    groups = [rankers.Group(rng.uniform(size=(3, N)), np.array([1, 0, 0]), f"org{i % 17}") for i in range(200)]
    folds = rankers.folds_of(groups)
    by_key: dict[str, set[int]] = {}
    for group, fold in zip(groups, folds, strict=True):
        by_key.setdefault(group.key, set()).add(fold)
    assert all(len(f) == 1 for f in by_key.values())
    assert set(folds) == set(range(rankers.CV_FOLDS)), "17 organisations spread over every fold"
    assert rankers.folds_of(groups) == folds, "the same folds at every training"
    # without keys each query is its own
    keyless = [rankers.Group(g.matrix, g.labels) for g in groups]
    assert len(set(rankers.folds_of(keyless))) == rankers.CV_FOLDS


def test_pairwise_training_bounds_the_pairs_of_a_large_query():
    rng = np.random.default_rng(15)
    j = FEATURE_NAMES.index("co_work")
    groups = []
    for i in range(40):
        matrix = rng.uniform(0, 1, size=(rankers.PAIRS_PER_POSITIVE * 3, N))
        labels = np.zeros(len(matrix))
        labels[int(np.argmax(matrix[:, j]))] = 1
        groups.append(rankers.Group(matrix, labels, f"q{i}"))
    learned = rankers._fit("partner", "pairwise", groups, 1.0)
    assert learned.weights[j] == np.abs(learned.weights).max() > 0


def test_examples_with_no_wrong_candidate_to_learn_from_leave_the_hand_set_weights():
    """People accepted every suggestion they answered: nothing tells a right candidate from a
    wrong one, so no ranker is learned (and training does not fail)."""
    rng = np.random.default_rng(16)
    accepted = [rankers.Group(rng.uniform(size=(2, N)), np.ones(2), f"need{i}") for i in range(60)]
    assert train("need", accepted) is None
    assert rankers.cross_validate("need", accepted)["recall"] == {"pointwise": 0.0, "pairwise": 0.0}
    # among queries that can teach, those that cannot are passed over
    mixed = accepted + shifted_groups(rng, 60)
    learned = train("need", mixed)
    assert learned is not None and learned.weights[FEATURE_NAMES.index("lexical")] > 0


# ----------------------------------------------------------------------------- the prior of civic actors


def test_civic_actors_rank_for_partners_with_the_prior_added_to_their_score(monkeypatch):
    from mentore.services import matching

    monkeypatch.setattr(matching, "CIVIC_PRIOR", 2.0)
    monkeypatch.setattr(matching, "CIVIC_TOP", 3)
    scores = np.array([5.0, 4.0, 3.0, 2.5, 0.5])
    civic = [False, False, False, True, True]
    order, ranked, promoted = matching.ranked_order("partner", scores, civic)
    # 2.5 + 2 passes 4.0 and 3.0; 0.5 + 2 stays below 3.0: the one far below is not moved up
    assert order == [0, 3, 1, 2, 4]
    assert list(ranked) == [5.0, 4.0, 3.0, 4.5, 2.5]  # the scores the list is ordered by
    assert promoted == {3}  # among the first three only thanks to the prior
    # leads, and lists of civic actors only, are ranked by their scores alone
    assert matching.ranked_order("handler", scores, civic) == ([0, 1, 2, 3, 4], scores, set())
    order, ranked, promoted = matching.ranked_order("partner", scores[::-1], [True] * 5)
    assert order == [4, 3, 2, 1, 0] and not promoted
    # another prior, given: none at all ranks by score alone; 1 lifts 2.5 above 3.0 only
    assert matching.ranked_order("partner", scores, civic, prior=0.0)[0] == [0, 1, 2, 3, 4]
    assert matching.ranked_order("partner", scores, civic, prior=1.0)[0] == [0, 1, 3, 2, 4]


def test_the_prior_keeps_the_order_within_civic_actors_and_within_the_others():
    from mentore.services import matching

    rng = np.random.default_rng(11)
    for _ in range(200):
        n = int(rng.integers(1, 40))
        scores = rng.normal(0, 2, n).round(1)  # ties included
        civic = [bool(c) for c in rng.random(n) < 0.3]
        order, ranked, promoted = matching.ranked_order("partner", scores, civic)
        assert sorted(order) == list(range(n))
        assert all(ranked[a] >= ranked[b] for a, b in zip(order, order[1:], strict=False))
        for flag in (True, False):
            group = [i for i in order if civic[i] == flag]
            assert group == sorted(group, key=lambda i: (-scores[i], i))  # by score, ties as given
        assert all(civic[i] for i in promoted)


@pytest.mark.parametrize("intercept", [True, False])
def test_the_logistic_regression_drawn_to_a_prior_of_zero_is_scikit_learn_s(intercept):
    """The oracle: with nothing to be drawn back to, the fit is scikit-learn's own (lbfgs, L2)."""
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(21)
    z = rng.normal(size=(400, 6))
    y = (z @ np.array([1.5, -1.0, 0.5, 0.0, 0.0, 2.0]) + rng.normal(size=400) > 0.3).astype(int)
    sample_weight = rng.uniform(0.5, 2.0, size=400)
    for c in (0.01, 1.0):
        weights, bias = rankers._logistic(z, y, c, np.zeros(6), intercept, sample_weight)
        model = LogisticRegression(C=c, max_iter=5000, tol=1e-10, fit_intercept=intercept).fit(
            z, y, sample_weight=sample_weight)
        assert np.allclose(weights, model.coef_[0], atol=1e-4)
        assert abs(bias - (float(model.intercept_[0]) if intercept else 0.0)) < 1e-4
    # drawn to a prior, the weights lie between it and the fit without one
    prior = np.array([-1.0, 1.0, 0.0, 0.0, 0.0, 0.0])
    free, _ = rankers._logistic(z, y, 0.01, np.zeros(6), intercept, sample_weight)
    drawn, _ = rankers._logistic(z, y, 0.01, prior, intercept, sample_weight)
    assert np.linalg.norm(drawn - prior) < np.linalg.norm(free - prior)


def answered_needs(rng: np.random.Generator, count: int, decides: str | None = None):
    """Needs with four answered suggestions each, one accepted: the one with most of ``decides``,
    or one at random (answers that say nothing)."""
    groups = []
    for i in range(count):
        matrix = rng.uniform(0, 1, size=(4, N))
        labels = np.zeros(4)
        labels[int(np.argmax(matrix[:, FEATURE_NAMES.index(decides)])) if decides else int(rng.integers(4))] = 1
        groups.append(rankers.Group(matrix, labels, f"need{i}"))
    return groups


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_answers_correct_the_hand_set_need_ranker_only_as_far_as_they_say(seed):
    """Forty needs whose answers say nothing: drawn back to the hand-set weights, the ranker
    still ranks as they do; learned without them, it ranks by the noise. Three hundred whose
    answers all say one thing, which the hand-set weights leave out: that is learned."""
    rng = np.random.default_rng(seed)
    noise = answered_needs(rng, 40)
    fresh = rng.uniform(0, 1, size=(500, N))
    hand = hand_set("need")
    by_hand = hand.score(hand.prepare(fresh))
    corrected = train("need", noise, prior_queries=rankers.FEEDBACK_PRIOR)
    assert corrected.meta["prior_queries"] == rankers.FEEDBACK_PRIOR
    assert np.corrcoef(corrected.score(fresh), by_hand)[0, 1] > 0.95
    assert np.corrcoef(train("need", noise).score(fresh), by_hand)[0, 1] < 0.5
    j = FEATURE_NAMES.index("kind_affinity")
    assert not rankers.HAND_SET["need"].get("kind_affinity")
    taught = train("need", answered_needs(rng, 300, "kind_affinity"), prior_queries=rankers.FEEDBACK_PRIOR)
    assert taught.weights[j] == taught.weights.max() > 0
