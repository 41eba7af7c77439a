"""The needs lifecycle: which moves are allowed, in one table."""

import pytest

from graph.repositories import needs as needs_repo
from mentore.reference.vocabularies import NEED_STATUSES
from mentore.services.needs import AUTO_EXPIRE_FROM, TRANSITIONS, can_transition


def test_every_status_has_its_row_and_every_move_leads_to_a_known_status():
    assert set(TRANSITIONS) == set(NEED_STATUSES)
    assert all(target in NEED_STATUSES for targets in TRANSITIONS.values() for target in targets)
    # the graph's own lists (the public list counts every status; the active ones are labelled)
    assert set(needs_repo.STATUSES) == set(NEED_STATUSES)
    assert set(needs_repo.ACTIVE_STATUSES) <= set(NEED_STATUSES) - {"draft"}


@pytest.mark.parametrize(("current", "target"), [
    ("draft", "open"), ("open", "matched"), ("matched", "in_progress"), ("in_progress", "met"),
    ("open", "closed"), ("matched", "open"), ("in_progress", "closed"),
])
def test_allowed_moves(current, target):
    assert can_transition(current, target)


@pytest.mark.parametrize(("current", "target"), [
    ("draft", "met"), ("open", "draft"), ("met", "open"), ("closed", "open"), ("in_progress", "open"),
    ("open", "expired"), ("expired", "open"), ("open", "unknown"), ("unknown", "open"),
])
def test_forbidden_moves(current, target):
    assert not can_transition(current, target)


def test_only_open_and_matched_needs_expire_by_themselves():
    assert AUTO_EXPIRE_FROM == ("open", "matched")
