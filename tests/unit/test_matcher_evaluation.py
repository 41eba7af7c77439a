"""Benchmark figures: the project's scores equal the shared scorer's (``/work/shared/bench/score.py``)
on random bundles; the simple baselines behave as described in the bench README."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from mentore.matcher import evaluation as ev

SCORER = Path("/work/shared/bench/score.py")
KINDS = ("OTH", "PUB", "HES", "REC", "PRC")


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.exists():
        pytest.fail(f"the shared scorer {SCORER} is missing")
    spec = importlib.util.spec_from_file_location("bench_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_jsonl(path: Path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def run_scorer(scorer, capsys, bundle: Path, rankings: dict[str, list[str]]) -> dict:
    path = bundle / "rankings.jsonl"
    write_jsonl(path, [{"id": q, "ranking": r} for q, r in rankings.items()])
    capsys.readouterr()
    scorer.main(str(bundle), str(path), as_json=True)
    return json.loads(capsys.readouterr().out)


def random_partner_bundle(rng: np.random.Generator, folder: Path):
    n_orgs = int(rng.integers(15, 60))
    organisations = [{"id": f"9{i:05d}", "name": f"Org {i}", "kind": str(rng.choice(KINDS)),
                      "country": "IT" if rng.random() < 0.6 else str(rng.choice(["FR", "DE", "ES"]))}
                     for i in range(n_orgs)]
    organisations[0]["country"] = "IT"  # at least one organisation in the pool
    italian = [o["id"] for o in organisations if o["country"] == "IT"]
    everyone = [o["id"] for o in organisations]
    kind_of = {o["id"]: o["kind"] for o in organisations}
    queries, rankings = [], {}
    for q in range(int(rng.integers(3, 40))):
        task = str(rng.choice(["partner", "handler"]))
        target = str(rng.choice(italian))
        known = [] if task == "handler" else [str(x) for x in rng.choice(everyone, size=int(rng.integers(1, 5)))
                                              if x != target]
        qid = f"{task}:{q}:{target}"
        queries.append({"id": qid, "task": task, "project": {"id": str(q), "title": "t"},
                        "known_members": known, "target": target, "target_kind": kind_of[target]})
        if rng.random() < 0.1:
            continue  # not answered: a miss
        # a ranking with the target somewhere (or nowhere), known members, foreign and unknown ids
        length = int(rng.integers(0, 130))
        ranking = [str(x) for x in rng.choice(everyone + known + ["nope", "000"], size=length)]
        if length and rng.random() < 0.7:
            ranking[int(rng.integers(0, min(length, 25)))] = target
        rankings[qid] = ranking
    write_jsonl(folder / "organisations.jsonl", organisations)
    write_jsonl(folder / "projects.jsonl", [])
    write_jsonl(folder / "queries.jsonl", queries)
    return rankings


def random_needs_bundle(rng: np.random.Generator, folder: Path):
    entities = [{"id": f"e{i:02d}", "name": f"Ente {i}", "description": "d", "language": "it"}
                for i in range(int(rng.integers(5, 40)))]
    ids = [e["id"] for e in entities]
    needs, rankings = [], {}
    for n in range(int(rng.integers(2, 30))):
        need = {"id": f"n{n:02d}", "text": "bisogno", "target": str(rng.choice(ids))}
        if rng.random() < 0.4:
            need["also_correct"] = [str(x) for x in rng.choice(ids, size=int(rng.integers(1, 3)))]
        needs.append(need)
        if rng.random() < 0.1:
            continue
        length = int(rng.integers(0, 120))
        rankings[need["id"]] = [str(x) for x in rng.choice(ids + ["x1", "x2"], size=length)]
    write_jsonl(folder / "entities.jsonl", entities)
    write_jsonl(folder / "needs.jsonl", needs)
    return rankings


def test_partner_scores_equal_the_shared_scorer_on_random_bundles(scorer, capsys, tmp_path):
    rng = np.random.default_rng(42)
    groups_seen, hits = set(), set()
    for b in range(40):
        bundle = tmp_path / f"partners{b}"
        bundle.mkdir()
        rankings = random_partner_bundle(rng, bundle)
        assert ev.bundle_kind(bundle) == "partners"
        queries = list(ev.read_jsonl(bundle / "queries.jsonl"))
        pool = {o["id"] for o in ev.read_jsonl(bundle / "organisations.jsonl") if o["country"] == "IT"}
        ours = ev.score_partners(queries, pool, rankings)
        theirs = run_scorer(scorer, capsys, bundle, rankings)
        assert sorted(ours) == sorted(theirs)
        for group, figures in ours.items():
            assert {"n", "R@10", "nDCG@10", "MRR"} <= set(figures)
            for metric, value in figures.items():
                assert value == theirs[group][metric], (b, group, metric)
        groups_seen |= set(ours)
        hits.update(f["MRR"] > 0 for f in ours.values())
    assert hits == {True, False}, "the random bundles hold both hits and misses"
    assert groups_seen == {"partner/all", "partner/ngo_public", "handler/all", "handler/ngo_public"}


def test_needs_scores_equal_the_shared_scorer_on_random_bundles(scorer, capsys, tmp_path):
    rng = np.random.default_rng(43)
    for b in range(40):
        bundle = tmp_path / f"needs{b}"
        bundle.mkdir()
        rankings = random_needs_bundle(rng, bundle)
        assert ev.bundle_kind(bundle) == "needs"
        needs = list(ev.read_jsonl(bundle / "needs.jsonl"))
        pool = {e["id"] for e in ev.read_jsonl(bundle / "entities.jsonl")}
        assert ev.score_needs(needs, pool, rankings) == run_scorer(scorer, capsys, bundle, rankings)


def test_scores_count_a_hit_at_its_rank_among_pool_ids_only():
    """Hand-checked figures: known members and foreign ids ahead of the target do not push it down."""
    queries = [{"id": "q1", "task": "partner", "known_members": ["k"], "target": "t", "target_kind": "OTH"},
               {"id": "q2", "task": "partner", "known_members": [], "target": "u", "target_kind": "PRC"}]
    rankings = {"q1": ["k", "foreign", "a", "t"], "q2": ["a", "b"]}
    figures = ev.score_partners(queries, {"a", "b", "t", "u", "k"}, rankings)
    assert figures["partner/all"] == {"n": 2, "R@10": 0.5, "nDCG@10": round(1 / np.log2(3) / 2, 4), "MRR": 0.25,
                                      "answered": 2}
    assert figures["partner/ngo_public"]["n"] == 1 and figures["partner/ngo_public"]["MRR"] == 0.5
    needs = [{"id": "n1", "target": "e1", "also_correct": ["e9"]}, {"id": "n2", "target": "e2"}]
    assert ev.score_needs(needs, {"e1", "e2", "e3", "e9"}, {"n1": ["zz", "e9"], "n2": ["e3", "e1"]}) == {
        "needs/all": {"n": 2, "top1": 0.5, "R@5": 0.5, "MRR": 0.5}}


# ----------------------------------------------------------------------------- baselines

ORGS = ["A", "B", "C", "D", "E", "F", "K1", "K2"]  # Italian pool; K1, K2 are the known partners
PROJECTS = [
    ("Solar panels and battery storage for rural schools", ["A", "Z"]),  # Z: not in the pool
    ("Solar battery recycling", ["A"]),
    ("Coastal fisheries monitoring", ["B", "K1"]),
    ("Coastal erosion monitoring", ["C", "D"]),
    ("Museum heritage digitisation", ["D", "E"]),
    ("Heritage museum education", ["E", "F"]),
    ("Solar roofs for housing", ["F", "Z"]),
    ("Battery lighting for heritage sites", ["E", "Z"]),
    ("Housing cooperatives", ["C", "Z"]),
]


def baseline_projects():
    return [{"id": f"p{i}", "title": title, "members": [{"org": m, "role": "participant"} for m in members]}
            for i, (title, members) in enumerate(PROJECTS)]


def baseline_queries():
    return [
        {"id": "partner:1", "task": "partner", "project": {"title": "Coastal fisheries data"},
         "known_members": ["K1", "K2"], "target": "B", "target_kind": "OTH"},
        {"id": "handler:2", "task": "handler", "project": {"title": "Solar battery storage"},
         "known_members": [], "target": "A", "target_kind": "PRC"},
    ]


def test_popularity_baseline_ranks_by_number_of_projects():
    out = ev.partner_baselines(baseline_projects(), ORGS, baseline_queries())["popularity"]
    count = {o: sum(1 for _, members in PROJECTS if o in members) for o in ORGS}
    for q in baseline_queries():
        ranking = out[q["id"]]
        assert set(ranking) == set(ORGS) - set(q["known_members"]), "the whole pool but the known partners"
        counts = [count[o] for o in ranking]
        assert counts == sorted(counts, reverse=True)


def test_co_participation_baseline_puts_who_worked_with_the_known_partners_first():
    out = ev.partner_baselines(baseline_projects(), ORGS, baseline_queries())
    ranking = out["co-participation"]["partner:1"]
    assert ranking[0] == "B"
    assert ranking.index("B") < ranking.index("C")
    assert not {"K1", "K2"} & set(ranking)
    assert "handler:2" not in out["co-participation"], "a handler query has no known partners"


def test_tfidf_baseline_puts_the_organisation_whose_history_matches_the_text_first():
    out = ev.partner_baselines(baseline_projects(), ORGS, baseline_queries())["tfidf"]
    assert out["handler:2"][0] == "A"  # solar + battery, twice
    assert out["partner:1"][0] == "B"  # coastal fisheries


def test_needs_tfidf_baseline_puts_the_matching_description_first():
    entities = [
        {"id": "e1", "name": "Amici in Auto", "description": "trasporto sociale di anziani verso ospedali e visite"},
        {"id": "e2", "name": "Doposcuola Insieme", "description": "aiuto nei compiti per bambini e ragazzi"},
        {"id": "e3", "name": "Mensa Solidale", "description": "pasti caldi per persone senza dimora"},
    ]
    needs = [{"id": "n1", "text": "Cerchiamo chi accompagni gli anziani in ospedale", "target": "e1"},
             {"id": "n2", "text": "Servono volontari per i compiti dei bambini", "target": "e2"},
             {"id": "n3", "text": "Pasti per chi vive in strada", "target": "e3"}]
    out = ev.needs_baselines(entities, needs)["tfidf"]
    assert [out[n["id"]][0] for n in needs] == ["e1", "e2", "e3"]
    assert ev.score_needs(needs, {e["id"] for e in entities}, out)["needs/all"]["top1"] == 1.0


def ceiling_bundle(projects: int = 120, per_project: int = 2, candidates: int = 25, seed: int = 0):
    """Partner queries whose answer is, in every one, the candidate that did the least work
    (the popularity column lowest): the opposite of what the hand-set weights reward."""
    from mentore.matcher.features import FEATURE_NAMES

    rng = np.random.default_rng(seed)
    popularity = FEATURE_NAMES.index("popularity")
    queries, seen = [], {}
    for p in range(projects):
        for k in range(per_project):
            qid = f"partner:{rng.integers(1 << 40):x}"  # ids unrelated to their project
            ids = [f"o{p}-{k}-{i}" for i in range(candidates)]
            matrix = rng.random((candidates, len(FEATURE_NAMES)))
            target = ids[int(np.argmin(matrix[:, popularity]))]
            queries.append({"id": qid, "task": "partner", "project": {"id": f"p{p}"}, "known_members": ["K"],
                            "target": target, "target_kind": "OTH"})
            seen[qid] = (ids, matrix)
    return queries, seen


def test_the_ceiling_ranks_by_what_the_bundle_s_own_answers_teach():
    from mentore.matcher import ranker as rankers

    queries, seen = ceiling_bundle()
    out = ev.ceiling_rankings(queries, seen)
    assert set(out) == {q["id"] for q in queries}
    first = [out[q["id"]][0] == q["target"] for q in queries]
    assert np.mean(first) > 0.7, "fitted on the answers, the least active candidate comes first"
    hand = rankers.hand_set("partner")
    by_hand = [seen[q["id"]][0][int(np.argmax(hand.score(seen[q["id"]][1])))] == q["target"] for q in queries]
    assert np.mean(by_hand) < 0.1, "the hand-set weights rank it last: the ceiling did learn"
    for q in queries:
        assert set(out[q["id"]]) <= set(seen[q["id"]][0]) and len(out[q["id"]]) == len(seen[q["id"]][0])


def test_the_ceiling_never_ranks_a_query_with_a_ranker_that_learned_its_project(monkeypatch):
    from mentore.matcher import ranker as rankers

    queries, seen = ceiling_bundle(projects=80)
    project_of = {id(seen[q["id"]][1]): q["project"]["id"] for q in queries}
    learned_projects = []
    training = []  # not empty while a ranker is being fitted (its cross-validation scores too)
    real_train = rankers.train

    def spy(task, groups, *args, **kwargs):
        learned_projects.append({project_of[id(g.matrix)] for g in groups})
        training.append(task)
        try:
            return real_train(task, groups, *args, **kwargs)
        finally:
            training.pop()

    monkeypatch.setattr(rankers, "train", spy)
    scored_with = {}
    real_score = rankers.LinearRanker.score

    def score(self, matrix):
        if not training:
            scored_with.setdefault(project_of[id(matrix)], set()).add(len(learned_projects))
        return real_score(self, matrix)

    monkeypatch.setattr(rankers.LinearRanker, "score", score)
    ev.ceiling_rankings(queries, seen)
    assert len(learned_projects) == ev.CEILING_FOLDS
    for project, trainings in scored_with.items():
        (latest,) = trainings  # both queries of a project: ranked by one and the same ranker
        assert project not in learned_projects[latest - 1]
    assert set().union(*learned_projects) == {q["project"]["id"] for q in queries}


def test_the_hand_set_figure_ranks_as_the_matcher_would_without_a_learned_ranker():
    """Ranked by the hand-set weights, best first, and for partners with the prior given
    third-sector entities and public bodies (handlers have none)."""
    from mentore.matcher import ranker as rankers
    from mentore.matcher.features import FEATURE_NAMES
    from mentore.services import evaluation, matching

    rng = np.random.default_rng(3)
    n = 30
    matrix = rng.random((n, len(FEATURE_NAMES)))
    ids = [f"o{i}" for i in range(n)]
    def hand_set_scores(task: str) -> np.ndarray:  # the counts relative to the most, as the matcher weighs them
        ranker = rankers.hand_set(task)
        return ranker.score(ranker.prepare(matrix))

    scores = hand_set_scores("partner")
    by_score = [int(i) for i in np.argsort(-scores, kind="stable")]
    tenth = scores[by_score[9]]
    near = next(i for i in by_score[10:] if scores[i] + matching.CIVIC_PRIOR > tenth)  # close below the first ten
    far = next(i for i in by_score[::-1] if scores[i] + matching.CIVIC_PRIOR < scores[by_score[10]] - 0.01)
    civic = [i in (near, far) for i in range(n)]  # the only civic ones
    seen = {"partner:a": evaluation.Seen(ids, matrix, civic), "handler:a": evaluation.Seen(ids, matrix, civic)}
    queries = [{"id": "partner:a", "task": "partner"}, {"id": "handler:a", "task": "handler"}]
    out = evaluation.hand_set_rankings(queries, seen)
    first = out["partner:a"][:matching.CIVIC_TOP]
    assert ids[near] in first and ids[far] not in first
    assert [o for o in first if o != ids[near]] == [ids[i] for i in by_score[:9]]  # it took the tenth's place
    assert sorted(out["partner:a"]) == sorted(ids)
    by_handler = [ids[i] for i in np.argsort(-hand_set_scores("handler"), kind="stable")]
    assert out["handler:a"] == by_handler
