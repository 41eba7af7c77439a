"""Rankers: a score per candidate from its feature row, and the reasons behind it.

Both rankers are linear in standardised features, so each score is exactly the sum of its
contributions, ``weight_j * (x_j - mean_j) / scale_j``, and the reasons shown to people are
those contributions. ``HandSetRanker`` carries weights set by hand (used when the graph holds
nothing to learn from); ``train`` fits a logistic regression (scikit-learn) on examples taken
from the graph's history and from people's feedback, either on each candidate alone
(pointwise) or on pairs of one right and one wrong candidate of the same query (pairwise),
whichever ranks held-out examples better; the result is a plain ``LinearRanker`` whose
parameters are stored in the graph as numbers (no pickled objects).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from mentore.matcher.features import FEATURE_NAMES, FEATURES

#: Hand-set weights per task, on features scaled to about [0, 1] (cosines: 1 for the closest
#: candidate, 0.75 for one 0.1 behind it; the counts of RELATIVE: 1 for the candidate with most).
#: Text and experience first; for a need whose help is given on site (volunteers, a space,
#: equipment, or in person) the territory counts once more, as much as the text in all (on the
#: demo's 82 open needs of that help, scripts/bench_need_places.py: the first three from another
#: region 44.3% -> 21.5%, their text closeness 0.814 -> 0.756; with a weight of 2.5, on the 74
#: needs before in_person, 47.7% -> 12.2% and 0.831 -> 0.717); for partners the known
#: consortium weighs most, with the territory next to it (partners of the same comune or province
#: over look-alikes elsewhere: on the demo's organisation pages the provinces of other regions
#: came first at 0.5); popularity only breaks ties. An organisation the text names counts as much
#: as a place it names (named_in_text, 1 for every task, set before it was measured). For a need,
#: the poster's network (poster_network: 1 a partner of the poster or one that met a need with
#: it, 0.5 a partner of those) weighs 0.5: a partner is worth an eighth of the text's range, a
#: step of about 0.05 in cosine; it orders organisations that are about as close to the text, and
#: the poster's own partners are not pushed over those that do what the need asks (set, not
#: measured: no benchmark has needs posted by organisations with a history).
HAND_SET: dict[str, dict[str, float]] = {
    "need": {"text_similarity": 4.0, "similar_work": 0.5, "best_similar_work": 0.3, "lexical": 0.5,
             "activity_overlap": 1.0, "competency_overlap": 1.0, "territory": 2.5, "territory_on_site": 1.5,
             "popularity": 0.2, "responsiveness": 0.5, "named_in_text": 1.0, "poster_network": 0.5},
    "partner": {"text_similarity": 1.0, "similar_work": 1.0, "best_similar_work": 0.3, "lexical": 0.5,
                "best_lexical": 0.3, "partner_share": 0.5, "same_programme": 0.3,
                "co_work": 1.0, "co_work_share": 1.0, "adamic_adar": 1.0, "consortium_overlap": 1.0,
                "similar_co_work": 1.5, "consortium_similarity": 0.5, "territory": 1.5, "popularity": 0.5,
                "activity_overlap": 0.5, "kind_affinity": 0.5, "named_place": 1.0, "named_in_text": 1.0},
    "handler": {"text_similarity": 2.0, "similar_work": 1.5, "best_similar_work": 0.3, "lexical": 1.0,
                "best_lexical": 0.5, "led_lexical": 0.5, "lexical_profile": 1.0, "same_programme": 0.5,
                "popularity": 0.7, "lead_share": 1.0, "activity_overlap": 0.5, "territory": 0.5,
                "led_similar_work": 1.0,
                "kind_affinity": 1.0, "named_place": 1.0, "named_in_text": 1.0},
}


#: Counts the hand-set weights take relative to the candidate with most (``LinearRanker.prepare``):
#: as logarithms of raw counts they grow with a site's history, and at a few dozen partnerships
#: popularity outweighed the text itself (hand-set partner R@10 on partners-dev 0.4298 → 0.4392,
#: handler MRR 0.3097 → 0.3188: ``mentore bench matching --hand-set``). Learned rankers take
#: them as they are: standardised, the scale does not matter to them.
RELATIVE = ("popularity", "same_programme")


@dataclass(frozen=True)
class Reason:
    feature: str
    label: str  # Italian; the pages translate it
    contribution: float


@dataclass
class LinearRanker:
    """score = bias + Σ weight_j · (x_j − mean_j) / scale_j."""

    task: str
    weights: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    bias: float = 0.0
    source: str = "hand-set"  # or "learned"
    trained_on: int = 0  # examples (positive ones) it learned from
    meta: dict = field(default_factory=dict)
    #: features divided by their largest value among a query's candidates before they are weighed
    relative: tuple[str, ...] = ()
    trained_at: str | None = None  # when a learned one was stored (the graph's clock)

    def prepare(self, matrix: np.ndarray) -> np.ndarray:
        """A query's feature matrix as this ranker weighs it: the ``relative`` columns divided
        by their largest value (those all zero stay zero). Score and reasons take its rows."""
        if not self.relative or len(matrix) == 0:
            return matrix
        out = np.array(matrix, dtype=np.float64)
        for name in self.relative:
            j = FEATURE_NAMES.index(name)
            top = out[:, j].max()
            if top > 0:
                out[:, j] /= top
        return out

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        return (np.asarray(matrix, dtype=np.float64) - self.mean) / self.scale * self.weights

    def score(self, matrix: np.ndarray) -> np.ndarray:
        if len(matrix) == 0:
            return np.zeros(0)
        return self.contributions(matrix).sum(axis=1) + self.bias

    def reasons(self, row: np.ndarray, limit: int | None = None, minimum: float = 0.05) -> list[Reason]:
        """The features that pushed this candidate up by at least ``minimum``, largest first, at
        most ``limit`` of them (None: all; pages show the first few and the others on request).
        Only positive ones: a reason is why it is suggested, not why it could be worse. Only
        features the ranker weighs positively: a learned ranker may weigh one negatively
        (popularity, lead share: among candidates alike, the less busy ones joined more often),
        and its contribution is then positive for a candidate with less of it than most, which
        the feature's label ("Molto attiva nei partenariati") would state the other way round."""
        contrib = self.contributions(np.asarray(row)[None, :])[0]
        usable = np.where(self.weights > 0, contrib, -np.inf)
        order = np.argsort(-usable, kind="stable")
        return [Reason(FEATURES[j].name, FEATURES[j].reason, round(float(contrib[j]), 3))
                for j in order[:limit] if usable[j] >= minimum]

    def to_params(self) -> dict:
        return {"task": self.task, "features": list(FEATURE_NAMES), "weights": self.weights.tolist(),
                "mean": self.mean.tolist(), "scale": self.scale.tolist(), "bias": self.bias,
                "source": self.source, "trained_on": self.trained_on, "meta": dict(self.meta),
                "relative": list(self.relative)}

    @classmethod
    def from_params(cls, params: dict) -> LinearRanker:
        """Parameters saved by to_params; features added since are given weight 0, features
        gone are dropped, so an old model keeps working after the feature list changes."""
        names = list(params["features"])
        size = len(FEATURE_NAMES)
        weights, mean, scale = np.zeros(size), np.zeros(size), np.ones(size)
        for j, name in enumerate(FEATURE_NAMES):
            if name in names:
                i = names.index(name)
                weights[j], mean[j], scale[j] = params["weights"][i], params["mean"][i], params["scale"][i] or 1.0
        return cls(task=params["task"], weights=weights, mean=mean, scale=scale, bias=float(params.get("bias", 0.0)),
                   source=params.get("source", "learned"), trained_on=int(params.get("trained_on", 0)),
                   meta=dict(params.get("meta") or {}),
                   relative=tuple(r for r in params.get("relative") or () if r in FEATURE_NAMES),
                   trained_at=params.get("trained_at"))


def hand_set(task: str) -> LinearRanker:
    table = HAND_SET[task]
    weights = np.array([table.get(name, 0.0) for name in FEATURE_NAMES])
    return LinearRanker(task=task, weights=weights, mean=np.zeros(len(FEATURE_NAMES)),
                        scale=np.ones(len(FEATURE_NAMES)), relative=RELATIVE)


#: Below this many positive examples a learned model is not trusted: the hand-set one is used.
MIN_POSITIVES = 30

#: Features a task's ranker does not learn (weight 0), each because it was measured to lose:
#: lexical_profile for partners (mentore bench matching on partners-dev: 5 hidden partners gained
#: in the first ten, 17 lost; offline, with the features computed over every organisation, no
#: change). For a project whose partners are known, their co-work says more than the words of
#: each candidate's whole work; for leads it gains (6 gained, 1 lost).
NOT_LEARNED: dict[str, frozenset[str]] = {"partner": frozenset({"lexical_profile"})}


class Group(NamedTuple):
    """One query's examples: its candidates' feature matrix, their labels (1 the right ones),
    and what the query is about (the organisation to find): cross-validation keeps the queries
    of one key in the same fold, so that no organisation is learned and tested at once."""

    matrix: np.ndarray
    labels: np.ndarray
    key: str = ""


#: How a ranker may learn. Pointwise: a logistic regression on every candidate alone (right or
#: wrong). Pairwise: on the differences between each right candidate and the wrong ones of its
#: query, each query weighing the same, so that what is learned is what puts the right one
#: first among those it competes with, not what makes a candidate right in general.
METHODS = ("pointwise", "pairwise")
#: Folds of the cross-validation that chooses the method, and the queries it needs (below that
#: the choice would be noise: pointwise, the plainer one, is kept).
CV_FOLDS = 5
MIN_CV_QUERIES = 50
CV_TOP = 10  # the choice is by recall at this rank
#: Wrong candidates per right one in pairwise training (chosen at random, always the same ones):
#: the pairs grow with the candidates, the memory must not.
PAIRS_PER_POSITIVE = 400


#: What the hand-set weights are worth, in answered needs, when the need ranker learns from
#: people's answers: as many as a ranker needs to be learned at all (MIN_POSITIVES). The answers
#: cover only the organisations suggested (the first of a ranking, which people accept for being
#: first as much as for being right) and the few that offered: a site's first answers correct the
#: hand-set ranking rather than replace it. On the demo's answers (scripts/bench_need_ranker.py:
#: 101 answers on 81 needs, both learned pairwise), learned without it, the first three suggested
#: for needs whose help is given on site were seated in another region in 92.7% of cases, against
#: 22.4% by the hand-set weights; with it, 22.4%, and the answers held out are still ranked better
#: than by the hand-set weights (MRR 0.667 against 0.533, 0.933 without the prior; 15 needs with
#: answers of both kinds): what tells the answered suggestions apart says nothing of the others.
#: The rankers learned from the history (partners, leads), whose examples are real partnerships
#: among every candidate, have no prior.
FEEDBACK_PRIOR = MIN_POSITIVES


def prior_weights(task: str, scale: np.ndarray) -> np.ndarray:
    """The task's hand-set weights as weights of the standardised features (``scale``: each
    feature's spread in the examples): a hand-set weight ``h`` on ``x`` is ``h · scale`` on
    ``(x − mean) / scale``. The relative counts (RELATIVE) weigh a share of the largest in the
    hand-set ranker and a raw count in a learned one: their prior is 0, as is that of every
    feature the hand-set weights leave out."""
    hand = HAND_SET.get(task, {})
    return np.array([0.0 if name in RELATIVE else hand.get(name, 0.0) * scale[j]
                     for j, name in enumerate(FEATURE_NAMES)])


def _logistic(z: np.ndarray, y: np.ndarray, c: float, prior: np.ndarray, intercept: bool,
              sample_weight: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Weights and intercept of the logistic regression penalised by its distance to ``prior``:
    it minimises ``‖w − prior‖² / 2 + c · Σ s_i · log(1 + exp(−t_i (z_i · w + b)))`` (``t_i`` ±1
    for ``y_i`` 1/0; ``b`` 0 without ``intercept``). With a prior of 0 it is scikit-learn's
    LogisticRegression (lbfgs, l2, C = c)."""
    from scipy.optimize import minimize
    from scipy.special import expit

    t = np.where(np.asarray(y) > 0, 1.0, -1.0)
    s = np.ones(len(t)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    n = z.shape[1]

    def objective(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:n], (params[n] if intercept else 0.0)
        margin = t * (z @ w + b)
        pull = -c * s * t * expit(-margin)  # the loss's derivative by each example's z · w + b
        away = w - prior
        value = 0.5 * float(away @ away) + c * float(s @ np.logaddexp(0.0, -margin))
        return value, np.concatenate([away + z.T @ pull, [pull.sum()] if intercept else []])

    found = minimize(objective, np.concatenate([prior, [0.0] if intercept else []]), jac=True, method="L-BFGS-B",
                     options={"maxiter": 5000, "gtol": 1e-7})
    return found.x[:n], (float(found.x[n]) if intercept else 0.0)


def _fit(task: str, method: str, groups: Sequence[Group], c: float, prior_queries: int = 0) -> LinearRanker | None:
    """A ranker fitted on ``groups`` (each with at least one right candidate) by ``method``; None
    when they cannot teach it anything: no wrong candidate at all (pointwise), none in the same
    query as a right one (pairwise). With ``prior_queries``, each query weighs 1 in all and the
    hand-set weights as much as that many queries (``prior_weights``, FEEDBACK_PRIOR): the
    fit starts from them and is drawn back to them."""
    from sklearn.linear_model import LogisticRegression

    if not groups:
        return None
    x = np.vstack([g.matrix for g in groups])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    learned = [j for j, name in enumerate(FEATURE_NAMES) if name not in NOT_LEARNED.get(task, ())]
    weights = np.zeros(len(FEATURE_NAMES))
    prior = prior_weights(task, scale)[learned] if prior_queries else None
    if method == "pointwise":
        y = np.concatenate([g.labels for g in groups])
        if len(np.unique(y)) < 2:
            return None
        z = ((x - mean) / scale)[:, learned]
        if prior is not None:
            per_query = np.concatenate([np.full(len(g.labels), 1.0 / len(g.labels)) for g in groups])
            weights[learned], bias = _logistic(z, y, 1.0 / prior_queries, prior, True, per_query)
        else:
            model = LogisticRegression(C=c, max_iter=3000).fit(z, y)
            weights[learned], bias = model.coef_[0], float(model.intercept_[0])
    else:
        rng = np.random.default_rng(0)
        diffs, pair_weights = [], []
        for g in groups:
            z = ((g.matrix - mean) / scale)[:, learned]
            wrong = z[g.labels == 0]
            if len(wrong) > PAIRS_PER_POSITIVE:
                wrong = wrong[np.sort(rng.choice(len(wrong), PAIRS_PER_POSITIVE, replace=False))]
            if not len(wrong):
                continue
            for right in z[g.labels == 1]:
                diffs.append(right - wrong)
                pair_weights.append(np.full(len(wrong), 1.0 / len(wrong) / g.labels.sum()))
        if not diffs:
            return None
        d, w = np.vstack(diffs), np.concatenate(pair_weights)
        # each pair both ways round (half its weight each way): the model is antisymmetric, so no intercept
        pairs, signs, w = np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))], np.concatenate([w, w]) / 2
        if prior is not None:
            weights[learned], _ = _logistic(pairs, signs, 1.0 / prior_queries, prior, False, w)
        else:
            model = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
            model.fit(pairs, signs, sample_weight=w / w.mean())
            weights[learned] = model.coef_[0]
        bias = 0.0
    return LinearRanker(task=task, weights=weights, mean=mean, scale=scale, bias=bias, source="learned")


def _recall(ranker: LinearRanker | None, groups: Sequence[Group], top: int = CV_TOP) -> int:
    """Queries whose right candidate (one of them) the ranker puts in the first ``top`` (none
    without a ranker), their features weighed as the ranker weighs them (``prepare``)."""
    if ranker is None:
        return 0
    hits = 0
    for g in groups:
        order = np.argsort(-ranker.score(ranker.prepare(g.matrix)), kind="stable")[:top]
        hits += int(g.labels[order].sum() > 0)
    return hits


def _reciprocal_rank(ranker: LinearRanker | None, groups: Sequence[Group]) -> float:
    """The sum over the queries of 1 / the rank of their first right candidate (0 without a
    ranker): what tells two ways apart when both put a right candidate in the first CV_TOP of
    every query, as with a need's few answered suggestions."""
    if ranker is None:
        return 0.0
    total = 0.0
    for g in groups:
        order = np.argsort(-ranker.score(ranker.prepare(g.matrix)), kind="stable")
        total += 1.0 / (1 + int(np.argmax(g.labels[order] > 0)))
    return total


def folds_of(groups: Sequence[Group], folds: int = CV_FOLDS) -> list[int]:
    """The fold of each group: by its key (the same at every training), by its place without one."""
    return [zlib.crc32((g.key or f"#{i}").encode()) % folds for i, g in enumerate(groups)]


def cross_validate(task: str, groups: Sequence[Group], c: float = 1.0, folds: int = CV_FOLDS,
                   prior_queries: int = 0) -> dict[str, dict[str, float]]:
    """Measure → method → its figure on the held-out queries, the folds made by key (a query
    without one is its own key): "recall", the share with a right candidate in the first CV_TOP;
    "mrr", their mean reciprocal rank. Both from the same fits."""
    fold = folds_of(groups, folds)
    totals = {measure: dict.fromkeys(METHODS, 0.0) for measure in ("recall", "mrr")}
    for f in range(folds):
        test = [g for g, k in zip(groups, fold, strict=True) if k == f]
        learn = [g for g, k in zip(groups, fold, strict=True) if k != f]
        for method in METHODS:
            fitted = _fit(task, method, learn, c, prior_queries)
            totals["recall"][method] += _recall(fitted, test)
            totals["mrr"][method] += _reciprocal_rank(fitted, test)
    return {measure: {method: round(n / len(groups), 4) for method, n in by_method.items()}
            for measure, by_method in totals.items()}


def train(task: str, groups: Sequence[Group | tuple[np.ndarray, np.ndarray]], c: float = 1.0,
          prior_queries: int = 0) -> LinearRanker | None:
    """Fit a ranker on query groups ``(matrix, labels[, key])`` (label 1: the organisation that
    joined, was accepted or met the need; 0: the other candidates of the same query), pointwise
    or pairwise, whichever cross-validation finds better (with MIN_CV_QUERIES queries or more; by
    recall at CV_TOP, then by mean reciprocal rank; pointwise on a tie of both); with
    ``prior_queries``, drawn back to the hand-set weights as much as that many queries would
    (``_fit``). Returns None when there are too few positives to learn from, or no wrong
    candidate to tell them from."""
    usable = [Group(*g) for g in groups]
    usable = [g for g in usable if len(g.matrix) and g.labels.sum() > 0]
    positives = int(sum(g.labels.sum() for g in usable))
    if positives < MIN_POSITIVES:
        return None
    measured = cross_validate(task, usable, c, prior_queries=prior_queries) if len(usable) >= MIN_CV_QUERIES else {}
    scores = measured.get("recall", {})
    # on a tie of recall, which ranks the right one higher
    ranks = measured["mrr"] if scores and len(set(scores.values())) == 1 else {}
    ranker = None
    for method in sorted(METHODS, key=lambda m: (-scores.get(m, 0.0), -ranks.get(m, 0.0), m != "pointwise")):
        ranker = _fit(task, method, usable, c, prior_queries)
        if ranker is not None:  # the better one, or the other when the examples cannot teach it
            break
    if ranker is None:
        return None
    kept = _keep_hand_set(ranker, np.vstack([g.matrix for g in usable]))
    ranker.trained_on = positives
    ranker.meta = {"examples": int(sum(len(g.labels) for g in usable)), "queries": len(usable),
                   "method": method, **({"cv_recall": scores} if scores else {}),
                   **({"cv_mrr": ranks} if ranks else {}),
                   **({"hand_set": kept} if kept else {}),
                   **({"prior_queries": prior_queries} if prior_queries else {})}
    return ranker


def _keep_hand_set(ranker: LinearRanker, x: np.ndarray) -> list[str]:
    """The features the examples ``x`` never show varying keep their hand-set weight (about the
    value they always had there): nothing could be learned of them, and 0 would drop a reason
    that does occur in use. On the demo, no past partnership's text names an organisation, so a
    learned partner ranker weighed "Il testo la nomina" 0 and never said it; relative counts
    (RELATIVE) and the features the task does not learn (NOT_LEARNED) are left as they are.
    Which features: they are returned."""
    hand = HAND_SET.get(ranker.task, {})
    kept = []
    for j, name in enumerate(FEATURE_NAMES):
        if (hand.get(name) and np.ptp(x[:, j]) < 1e-9 and name not in RELATIVE
                and name not in NOT_LEARNED.get(ranker.task, ())):
            ranker.weights[j], ranker.mean[j], ranker.scale[j] = hand[name], float(x[0, j]), 1.0
            kept.append(name)
    return kept


#: The platform's own actors, as organisations' kinds say it (``category or kind``): third-sector
#: entities and public bodies, registered (ETS, PUBLIC_BODY) or imported with partnership records
#: (OTH: other, incl. associations and NGOs; PUB: public bodies). Universities, research centres
#: and companies (HES, REC, PRC) are not.
CIVIC_KINDS = frozenset({"ETS", "PUBLIC_BODY", "OTH", "PUB"})

