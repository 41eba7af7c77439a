"""The matcher's copy of who took part in what (mentore/matcher/work.py), against brute force."""

import random

import pytest

from mentore.matcher.work import WorkMembers, by_member


def test_by_member_sums_each_member_s_hits_as_brute_force_does():
    rng = random.Random(4)
    orgs = [f"o{i}" for i in range(40)]
    members = {f"p{j}": [(o, rng.random() < 0.2) for o in rng.sample(orgs, rng.randint(0, 8))] for j in range(60)}
    hits = [(p, rng.uniform(-0.2, 1.0)) for p in rng.sample(sorted(members), 45)]
    exclude = set(rng.sample(orgs, 5))
    rows = {r["id"]: r for r in by_member(hits, members, exclude)}
    for oid in orgs:
        mine = [(score, led) for p, score in hits for o, led in members[p] if o == oid]
        if oid in exclude or not mine:
            assert oid not in rows
            continue
        assert rows[oid]["score"] == pytest.approx(sum(s for s, _ in mine))
        assert rows[oid]["best"] == pytest.approx(max(s for s, _ in mine))
        assert rows[oid]["led"] == pytest.approx(sum(s for s, led in mine if led))
        # the evidence: the partnership of the best score (the first hit of it), and of those it led
        mine_by_work = [(score, p) for p, score in hits for o, _ in members[p] if o == oid]
        assert rows[oid]["work"] == next(p for score, p in mine_by_work if score == max(mine_by_work)[0])
        led_by_work = [(score, p) for p, score in hits for o, led in members[p] if o == oid and led]
        if led_by_work:
            assert (rows[oid]["led_best"], rows[oid]["led_work"]) == next(
                (score, p) for score, p in led_by_work if score == max(led_by_work)[0])
        else:
            assert (rows[oid]["led_best"], rows[oid]["led_work"]) == (0.0, None)


def test_a_hit_unknown_or_of_another_size_is_not_answered_from_the_copy():
    copy = WorkMembers({"p1": [("a", True), ("b", False)], "p2": []}, {"p1": 3, "p2": 1})  # p1: one foreign member
    assert copy.get("p1", 3) == (("a", True), ("b", False))
    assert copy.get("p2", 1) == ()  # a partnership with no member of the pool
    assert copy.get("p1", 4) is None  # a member added since the copy was read
    assert copy.get("p9", 2) is None  # a partnership imported since
    assert len(copy) == 2 and copy.memberships == 2
    assert by_member([("p9", 0.5)], {}) == []
