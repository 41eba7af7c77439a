"""The period of the needs report: the last year by default, ISO dates, a region or all Italy;
each wrong field said on its own. (What the figures count: tests/integration/test_need_report.py.)"""

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
