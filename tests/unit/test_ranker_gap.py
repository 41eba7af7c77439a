"""scripts/ranker_gap.py: the rankers learned from the examples a bench saved, scored on
the queries it saved, as the matcher orders them and otherwise."""

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import ranker_gap as gap

from mentore.matcher import ranker as rankers
from mentore.matcher.features import FEATURE_NAMES
from mentore.services import evaluation

TEXT = FEATURE_NAMES.index("text_similarity")


def _matrix(rng, n: int, right: int | None, decoys: int = 0) -> np.ndarray:
    """``n`` candidates whose text similarity is low but for the right one's (and as many
    decoys, right after it, with the very same features)."""
    matrix = rng.random((n, len(FEATURE_NAMES))) * 0.1
    if right is not None:
        matrix[right, TEXT] = 1.0
        for d in range(decoys):
            matrix[right + 1 + d] = matrix[right]
    return matrix


def _bundle(tmp_path: Path):
    rng = np.random.default_rng(5)
    ids = [f"o{i}" for i in range(30)]
    orgs = [{"id": oid, "kind": "OTH" if i < 3 else "PRC", "country": "IT"} for i, oid in enumerate(ids)]
    queries, seen = [], {}
    for k in range(20):
        for task in ("partner", "handler"):
            qid = f"{task}:{k}"
            target = ids[k % 3] if k < 6 else ids[0]  # six of the partner targets are third-sector
            queries.append({"id": qid, "task": task, "project": {"id": f"p{k}"}, "known_members": [],
                            "target": target, "target_kind": "OTH" if k < 6 else "PRC"})
            order = [target] + [o for o in ids if o != target]  # the right one first: it wins ties
            civic = [i in range(1, 13) for i in range(len(order))]  # twelve civic decoys right after it
            seen[qid] = evaluation.Seen(order, _matrix(rng, len(order), 0, decoys=12), civic)
    groups = {task: [rankers.Group(_matrix(rng, 30, r % 30), np.eye(30, dtype=int)[r % 30], f"o{r % 30}")
                     for r in range(60)] for task in ("partner", "handler")}
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    for name, rows in (("organisations", orgs), ("queries", queries)):
        (bundle / f"{name}.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    features = tmp_path / "features.npz"
    evaluation.save_features(features, seen)
    evaluation.save_examples(evaluation.examples_path(features), groups)
    return features, bundle


def test_the_saved_examples_and_queries_are_read_back_as_the_bench_saved_them(tmp_path):
    features, _ = _bundle(tmp_path)
    seen, groups = gap.load(features)
    assert len(seen) == 40 and seen["partner:3"].ids[0] == "o0" and len(seen["partner:3"].ids) == 30
    assert seen["partner:3"].civic[:14] == [False] + [True] * 12 + [False]
    assert sorted(groups) == ["handler", "partner"] and len(groups["partner"]) == 60
    assert all(g.labels.sum() == 1 and g.matrix[g.labels == 1, TEXT][0] == 1.0 for g in groups["partner"])
    assert groups["partner"][7].key == "o7"


def test_the_prior_is_what_moves_the_decoys_above_the_right_partner_and_leads_never_move(tmp_path):
    features, bundle = _bundle(tmp_path)
    figures = gap.measure(features, bundle)
    # learned from examples where the right one has the highest text similarity: by score alone
    # it comes first (the decoys tie with it and come after it)
    assert figures["learned, by score alone"] == {"partner": 1.0, "NGO/public": 1.0, "handler": 1.0}
    assert figures["learned, prior 0"] == figures["learned, by score alone"]
    # any prior puts the twelve civic decoys above it, out of the first ten: partners only
    assert figures["learned, prior 1"]["partner"] == 0.0 and figures["learned, prior 1"]["handler"] == 1.0
    assert figures["learned, as the matcher orders"] == figures["learned, prior 1"]  # any prior, here
    assert 0.0 <= figures["fitted on the queries (bound)"]["partner"] <= 1.0


def test_a_bench_that_learned_nothing_is_read_as_no_examples(tmp_path):
    """A bundle too small to learn from saves an empty file of examples: the rankers are then the
    hand-set ones, as in the matcher."""
    features, bundle = _bundle(tmp_path)
    evaluation.save_examples(evaluation.examples_path(features), {})
    seen, groups = gap.load(features)
    assert len(seen) == 40 and groups == {}
    figures = gap.measure(features, bundle)
    assert figures["learned, by score alone"] == figures["hand-set, by score alone"]
