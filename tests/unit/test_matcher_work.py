"""The matcher's copy of who took part in what (mentore/matcher/work.py), against brute force."""

import random

import pytest

from mentore.matcher.work import Link, WorkMembers, by_member


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


def _brute_network(members, organisation, leave_out=(), met=()):
    """Distance and strength of every organisation of the pool linked to ``organisation``, the
    slow way: its contacts (its partners, and those it met needs with: ``met``), then every
    partner of theirs that is neither it nor a contact."""
    works = {p: [o for o, _ in m] for p, m in members.items() if p not in leave_out}
    partners = {}
    for o, need in met:
        if need not in leave_out:
            partners.setdefault(o, []).append(need)
    for p, orgs in works.items():
        if organisation in orgs:
            for o in orgs:
                if o != organisation:
                    partners.setdefault(o, []).append(p)
    through = {}
    for partner in partners:
        for p, orgs in works.items():
            if partner in orgs:
                for o in orgs:
                    if o not in (organisation, partner) and o not in partners:
                        through.setdefault(o, {}).setdefault(partner, []).append(p)
    out = {o: (1, (), len(ps)) for o, ps in partners.items()}
    # the partners in the order they are read: most partnerships with the organisation first
    order = sorted(partners, key=lambda k: (-len(partners[k]), k))
    for o, by in through.items():
        out[o] = (2, tuple(k for k in order if k in by)[:2], sum(len(ps) for ps in by.values()))
    return out


def test_the_network_of_an_organisation_is_its_partners_and_their_partners_as_brute_force_finds_them():
    rng = random.Random(7)
    orgs = [f"o{i:02d}" for i in range(50)]
    members = {f"p{j:02d}": [(o, False) for o in rng.sample(orgs, rng.randint(1, 5))] for j in range(70)}
    copy = WorkMembers(members, {p: len(m) for p, m in members.items()})
    for organisation in orgs[:20]:
        leave_out = set(rng.sample(sorted(members), 10))
        for left in ((), leave_out):
            found = copy.network(organisation, left)
            expected = _brute_network(members, organisation, left)
            assert set(found) == set(expected), organisation
            for oid, link in found.items():
                distance, via, strength = expected[oid]
                assert (link.distance, link.via, link.strength) == (distance, via, strength)
                assert link.work not in left
                if distance == 1:  # worked with it: the first partnership of theirs
                    assert link.work == min(p for p, m in members.items() if p not in left
                                            and {oid, organisation} <= {o for o, _ in m})
                else:  # through the poster's strongest partner first, in its first partnership with it
                    assert link.work == min(p for p, m in members.items() if p not in left
                                            and {oid, via[0]} <= {o for o, _ in m})


def test_needs_met_together_make_contacts_as_partnerships_do_and_come_first_as_evidence():
    """An organisation that helped the poster meet a need, or that the poster helped, is a contact
    (distance 1) as a partner is: its partners are two steps away through it, and the need met
    together, the first given, is the link's evidence before any partnership shared."""
    rng = random.Random(11)
    orgs = [f"o{i:02d}" for i in range(50)]
    members = {f"p{j:02d}": [(o, False) for o in rng.sample(orgs, rng.randint(1, 5))] for j in range(70)}
    copy = WorkMembers(members, {p: len(m) for p, m in members.items()})
    for organisation in orgs[:20]:
        met = [(o, f"n{k:02d}") for k, o in enumerate(rng.sample([o for o in orgs if o != organisation], 6))]
        met.append((met[0][0], "n99"))  # two needs met with the same organisation
        leave_out = set(rng.sample(sorted(members), 10)) | {met[1][1]}
        for left in ((), leave_out):
            found = copy.network(organisation, left, met=met)
            expected = _brute_network(members, organisation, left, met)
            assert set(found) == set(expected), organisation
            for oid, link in found.items():
                assert (link.distance, link.via, link.strength) == expected[oid]
                needs = [n for o, n in met if o == oid and n not in left]
                if needs:  # a need met together: the first of them is the evidence
                    assert link.distance == 1 and link.work == needs[0]
        assert found[met[0][0]].strength >= 2  # both needs count
        # its only need left out, it is linked as the partnerships alone link it (or not at all)
        assert copy.network(organisation, {met[1][1]}, met=met[1:2]).get(met[1][0]) == \
            copy.network(organisation).get(met[1][0])
    # met together only: no partnership at all, still a contact, and its partners two steps away
    alone = WorkMembers({"p1": [("b", False), ("c", False)]}, {"p1": 2})
    assert alone.network("a", met=[("b", "n1")]) == {"b": Link(1, (), 1, "n1"), "c": Link(2, ("b",), 1, "p1")}
    assert alone.network("a", met=[("a", "n1")]) == {}  # never itself


def test_a_hub_s_network_reads_at_most_the_budget_of_its_partners_partnerships():
    # a hub with one partnership of 3; its partners have 50 partnerships each with new organisations
    members = {"hub": [("h", False), ("a", False), ("b", False)]}
    for partner in ("a", "b"):
        for j in range(50):
            members[f"{partner}{j:02d}"] = [(partner, False), (f"{partner}-x{j}", False)]
    copy = WorkMembers(members, {p: len(m) for p, m in members.items()})
    assert len(copy.network("h")) == 2 + 100
    budgeted = copy.network("h", budget=30)
    assert {o for o, link in budgeted.items() if link.distance == 1} == {"a", "b"}
    # 30 partnerships read, those of "a" first (as strong a partner as "b", and the first by id)
    assert sorted(o for o, link in budgeted.items() if link.distance == 2) == sorted(f"a-x{j}" for j in range(30))
    assert copy.network("nobody") == {}
