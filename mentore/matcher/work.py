"""Who took part in each partnership, kept in memory.

The past-work and full-text sources ask the graph only which partnerships are near a query (about
200 each); the scores of those partnerships are then summed per member here. Reading the members
from the graph in the same statements meant some 1,400 rows per source among 100k organisations
and 20k partnerships, and cost about 15 ms of a suggestion (scripts/bench_matching_latency.py).

A partnership is known with the count of all its members at the time it was read: a hit whose
count differs (a member added or removed since) or that is not known at all (a partnership
imported since) is not answered from memory, and the caller reads its members from the graph.
Roles and who may be suggested (the pool: Italian organisations) are those of the reading; an
import that changes a role bumps the work's revision, and the matcher reads its copy again within
a minute (``Matcher.work``).

Pure Python: no Flask, no Neo4j.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

#: (organisation id, whether it led the partnership)
Member = tuple[str, bool]


#: Partnerships of the partners read for one organisation's network (``WorkMembers.network``).
NETWORK_BUDGET = 5000
#: Intermediaries a link two steps away names.
VIA_SHOWN = 2


class Link(NamedTuple):
    """How an organisation is linked to another through past work: ``distance`` 1 (they worked
    together: in a partnership, or one helped to meet a need of the other) or 2 (it worked in
    partnerships with those the other worked with, ``via`` the first of them in the order they
    are read: the other's strongest contacts first); ``strength`` the partnerships and needs
    that make the link (shared, or shared with those contacts); ``work`` one of them: a need met
    together first (the first given), else the first partnership by id (two steps away: of the
    first contact in ``via``)."""

    distance: int
    via: tuple[str, ...]
    strength: int
    work: str


class WorkMembers:
    """The members of each partnership that may be suggested (the pool), and how many members
    it had in all when it was read."""

    def __init__(self, members: Mapping[str, Sequence[Member]], sizes: Mapping[str, int]) -> None:
        self._members = {w: tuple(m) for w, m in members.items()}
        self._sizes = dict(sizes)
        of: dict[str, list[str]] = {}
        for work_id in sorted(self._members):
            for oid, _ in self._members[work_id]:
                of.setdefault(oid, []).append(work_id)
        self._of = {oid: tuple(ids) for oid, ids in of.items()}

    def __len__(self) -> int:
        return len(self._sizes)

    @property
    def memberships(self) -> int:
        """Members of the pool, over every partnership."""
        return sum(len(m) for m in self._members.values())

    def get(self, work_id: str, size: int) -> tuple[Member, ...] | None:
        """The pool members of the partnership when it still has ``size`` members in all; None
        when it has another count now or was not known (read its members from the graph)."""
        if self._sizes.get(work_id) != size:
            return None
        return self._members.get(work_id, ())

    def network(self, organisation: str, leave_out: Collection[str] = (),
                budget: int = NETWORK_BUDGET, met: Iterable[tuple[str, str]] = ()) -> dict[str, Link]:
        """The organisations of the pool that worked with ``organisation`` (distance 1) or with
        one of those (distance 2: partners of its contacts), each with its ``Link``; the
        partnerships of ``leave_out`` do not count. ``met``: (organisation, need) for each need
        it met together with ``organisation`` (one helped the other), the one to show first
        first; those organisations are contacts as its partners are (not read from this copy,
        which holds partnerships only: the caller gives them). The contacts' partnerships are
        read strongest contact first (most partnerships and needs with ``organisation``; ties by
        id), at most ``budget`` of them: a hub's network stays a few thousand steps."""
        leave_out = set(leave_out)
        shared: dict[str, list[str]] = {}  # contact → needs met and partnerships with the organisation
        for oid, need_id in met:
            if oid != organisation and need_id not in leave_out:
                shared.setdefault(oid, []).append(need_id)
        for work_id in self._of.get(organisation, ()):
            if work_id in leave_out:
                continue
            for oid, _ in self._members[work_id]:
                if oid != organisation:
                    shared.setdefault(oid, []).append(work_id)
        found = {oid: Link(1, (), len(works), works[0]) for oid, works in shared.items()}
        strength: dict[str, int] = {}  # two steps away: partnerships with the contacts
        first: dict[str, tuple[list[str], str]] = {}  # the contacts it is reached through, the first work
        for partner in sorted(shared, key=lambda o: (-len(shared[o]), o)):
            for work_id in self._of.get(partner, ()):
                if work_id in leave_out:
                    continue
                if budget <= 0:
                    break
                budget -= 1
                for oid, _ in self._members[work_id]:
                    if oid == organisation or oid in shared:
                        continue
                    if oid in strength:
                        strength[oid] += 1
                        via = first[oid][0]
                        if via[-1] != partner and len(via) < VIA_SHOWN:
                            via.append(partner)
                    else:
                        strength[oid] = 1
                        first[oid] = ([partner], work_id)
        for oid, n in strength.items():
            via, work_id = first[oid]
            found[oid] = Link(2, tuple(via), n, work_id)
        return found


def by_member(hits: Iterable[tuple[str, float]], members: Mapping[str, Sequence[Member]],
              exclude: Container[str] = ()) -> list[dict[str, Any]]:
    """One row per member of the partnerships hit: ``score`` the sum of the scores of its
    partnerships among the hits, ``best`` the highest of them and ``work`` that partnership (the
    first hit of the highest score), ``led`` the sum over those it led, ``led_best`` and
    ``led_work`` the highest of those and its partnership (0.0 and None when it led none).
    ``hits``: (partnership id, score); members of ``exclude`` are left out."""
    rows: dict[str, dict[str, Any]] = {}
    for work_id, score in hits:
        for oid, led in members.get(work_id, ()):
            if oid in exclude:
                continue
            row = rows.get(oid)
            if row is None:
                row = rows[oid] = {"id": oid, "score": 0.0, "best": score, "work": work_id, "led": 0.0,
                                   "led_best": 0.0, "led_work": None}
            elif score > row["best"]:
                row["best"], row["work"] = score, work_id
            row["score"] += score
            if led:
                row["led"] += score
                if row["led_work"] is None or score > row["led_best"]:
                    row["led_best"], row["led_work"] = score, work_id
    return list(rows.values())
