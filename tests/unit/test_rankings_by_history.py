"""scripts/rankings_by_history.py: a partners bundle's hits and misses by the target's history,
counted as the bundle's score.py counts them."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import rankings_by_history as rbh

from mentore.matcher import evaluation as ev


def _bundle(tmp_path: Path) -> Path:
    """Organisations a..e Italian, f foreign; a has 1 history project, b 3, c 30, d none."""
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    orgs = [{"id": o, "country": "IT"} for o in "abcde"] + [{"id": "f", "country": "FR"}]
    projects = [{"id": f"p{i}", "members": [{"org": "c"}, {"org": "f"}] + ([{"org": "b"}] if i < 3 else [])
                 + ([{"org": "a"}] if i == 0 else [])} for i in range(30)]
    for name, rows in (("organisations", orgs), ("projects", projects)):
        (bundle / f"{name}.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    return bundle


def test_each_target_counts_in_its_band_and_in_all(tmp_path):
    bundle = _bundle(tmp_path)
    history = rbh.history_counts(bundle)
    assert (history["a"], history["b"], history["c"], history["d"]) == (1, 3, 30, 0)
    assert [rbh.band_of(n) for n in (0, 1, 2, 3, 9, 10, 29, 30, 500)] == [
        "0", "1-2", "1-2", "3-9", "3-9", "10-29", "10-29", "30+", "30+"]
    pool = {"a", "b", "c", "d", "e"}
    queries = [
        # a first once its known member and the foreign f are left out, as score.py does
        {"id": "q1", "task": "partner", "known_members": ["e"], "target": "a"},
        # b 11th of the pool: ranked, not a hit
        {"id": "q2", "task": "partner", "known_members": [], "target": "b"},
        # c not in the ranking; d, with no history, first
        {"id": "q3", "task": "partner", "known_members": [], "target": "c"},
        {"id": "q4", "task": "handler", "known_members": [], "target": "d"},
    ]
    fillers = [f"x{i}" for i in range(10)]
    pool |= set(fillers)
    rankings = {"q1": ["e", "f", "a"], "q2": fillers + ["b"], "q3": ["a", "b"], "q4": ["d"]}
    figures = rbh.by_history(queries, pool, history, rankings)
    partner = figures["partner"]
    assert list(partner) == ["1-2", "3-9", "30+", "all"]
    assert partner["1-2"] == {"n": 1, "hits": 1, "ranked 11-100": 0, "not ranked": 0, "R@10": 1.0}
    assert partner["3-9"] == {"n": 1, "hits": 0, "ranked 11-100": 1, "not ranked": 0, "R@10": 0.0}
    assert partner["30+"] == {"n": 1, "hits": 0, "ranked 11-100": 0, "not ranked": 1, "R@10": 0.0}
    assert partner["all"]["n"] == 3 and partner["all"]["R@10"] == round(1 / 3, 4)
    assert figures["handler"]["0"]["hits"] == 1
    # the same R@10 as the scorer's, band "all"
    for q in queries:
        q["target_kind"] = "PRC"
    assert ev.score_partners(queries, pool, rankings)["partner/all"]["R@10"] == partner["all"]["R@10"]
