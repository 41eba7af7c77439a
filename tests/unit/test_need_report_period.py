"""The period of the needs report: the last year by default, ISO dates, a region or all Italy;
each wrong field said on its own."""

import datetime as dt

import pytest

from mentore.services import reports
from mentore.services.errors import ValidationFailed

TODAY = dt.date(2026, 12, 5)


def test_without_dates_the_period_is_the_last_year_to_today():
    period = reports.period_of(None, "", None, today=TODAY)
    assert period == reports.Period(dt.date(2025, 12, 5), TODAY, None)
    assert reports.period_of("", "2026-06-30", "", today=TODAY).since == dt.date(2025, 6, 30)  # a year before the end


def test_a_region_is_kept_and_anything_else_refused():
    assert reports.period_of("2026-01-01", "2026-02-01", "regione:01", today=TODAY).region == "regione:01"
    for wrong in ("provincia:096", "comune:096004", "regione:99", "Piemonte"):
        with pytest.raises(ValidationFailed) as refused:
            reports.period_of("2026-01-01", "2026-02-01", wrong, today=TODAY)
        assert set(refused.value.errors) == {"region"}


@pytest.mark.parametrize(("since", "until", "fields"), [
    ("2026-13-01", "2026-02-01", {"since"}),
    ("2026-01-01", "31/01/2026", {"until"}),
    ("2026-03-01", "2026-02-01", {"since"}),  # after the end
    ("ieri", "oggi", {"since", "until"}),
])
def test_wrong_dates_are_said_on_their_field(since, until, fields):
    with pytest.raises(ValidationFailed) as refused:
        reports.period_of(since, until, None, today=TODAY)
    assert set(refused.value.errors) == fields


def test_the_figures_count_each_need_once_and_each_suggestion_where_it_belongs():
    def s(org, status="proposed", availability=None, offered=False, reason=None, to_answer=None, to_accept=None):
        return {"organisation": org, "status": status, "availability": availability, "offered": offered,
                "decline_reason": reason, "to_answer": to_answer, "to_accept": to_accept}

    rows = [
        {"id": "a", "status": "matched", "region": "regione:01", "region_name": "Piemonte", "suggestions": [
            s("x", "accepted", "yes", to_answer=2, to_accept=3), s("y", "declined", reason="other: già sentiti"),
            s("z", availability="yes", to_answer=5)]},
        {"id": "b", "status": "open", "region": None, "region_name": None, "suggestions": [
            s("x", availability="no"), s("w", availability="partly", offered=True, to_answer=6)]},
        {"id": "c", "status": "met", "region": "regione:01", "region_name": "Piemonte", "suggestions": []},
    ]
    f = reports.figures_of(reports.Period(TODAY, TODAY), rows)
    assert (f.needs, f.with_suggestions, f.with_positive_answer, f.with_accepted) == (3, 2, 2, 1)
    assert (f.suggestions, f.answered, f.positive, f.offers, f.accepted, f.declined) == (4, 3, 2, 1, 1, 1)
    assert f.decline_reasons == {"other": 1}
    assert (f.organisations_suggested, f.organisations_answered, f.organisations_offered,
            f.organisations_chosen) == (3, 2, 1, 1)
    assert f.days_to_answer == 4.0 and f.days_to_accept == 3  # medians of 2 (a's first) and 6; of 3
    assert f.by_status["matched"] == 1 and f.by_status["met"] == 1 and "draft" not in f.by_status
    assert f.regions == [
        {"region": "regione:01", "name": "Piemonte", "needs": 2, "with_positive_answer": 1, "with_accepted": 1,
         "met": 1},
        {"region": None, "name": "", "needs": 1, "with_positive_answer": 1, "with_accepted": 0, "met": 0}]


def test_an_organisation_chosen_that_could_no_longer_help_is_counted_as_chosen_and_as_withdrawn():
    def s(org, status, availability):
        return {"organisation": org, "status": status, "availability": availability, "offered": False,
                "decline_reason": None, "to_answer": 1 if availability in ("yes", "partly") else None,
                "to_accept": 2 if status == "accepted" else None}

    rows = [{"id": "a", "status": "open", "region": None, "region_name": None,
             "suggestions": [s("x", "accepted", "no"), s("y", "accepted", "yes"), s("z", "proposed", "no")]},
            {"id": "b", "status": "matched", "region": None, "region_name": None,
             "suggestions": [s("x", "accepted", "partly")]}]
    f = reports.figures_of(reports.Period(TODAY, TODAY), rows)
    assert (f.accepted, f.withdrawn, f.organisations_chosen) == (3, 1, 2)  # z's "no" came before any choice


def test_needs_met_with_help_are_those_met_whose_poster_named_who_helped():
    rows = [{"id": i, "status": status, "region": None, "region_name": None, "suggestions": [], "helpers": helpers}
            for i, (status, helpers) in enumerate([("met", 2), ("met", 0), ("closed", 1), ("met", 1)])]
    assert reports.figures_of(reports.Period(TODAY, TODAY), rows).met_with_help == 2


def test_a_choice_or_an_answer_without_a_date_is_left_out_of_the_days_not_a_failure():
    def s(org, status, availability, to_answer, to_accept):
        return {"organisation": org, "status": status, "availability": availability, "offered": False,
                "decline_reason": None, "to_answer": to_answer, "to_accept": to_accept}

    rows = [{"id": "a", "status": "matched", "region": None, "region_name": None,
             "suggestions": [s("x", "accepted", "yes", None, None), s("y", "accepted", "partly", 4, 6)]},
            {"id": "b", "status": "matched", "region": None, "region_name": None,
             "suggestions": [s("x", "accepted", "yes", None, None)]}]
    f = reports.figures_of(reports.Period(TODAY, TODAY), rows)
    assert (f.days_to_answer, f.days_to_accept, f.with_accepted, f.accepted) == (4, 6, 2, 3)
