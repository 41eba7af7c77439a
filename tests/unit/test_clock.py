"""The platform's day is Italy's: a server in UTC starts the day one hour later in winter, two in
summer, and a deadline of "today" would be yesterday's for an Italian user in between."""

import datetime as dt

import pytest

from mentore import clock
from mentore.cliargs import parse_today

UTC = dt.UTC


def test_the_day_turns_at_midnight_in_italy_not_in_utc():
    # winter (UTC+1): 23:30 UTC is 00:30 of the next day in Rome
    assert clock.today(dt.datetime(2026, 12, 6, 22, 59, tzinfo=UTC)) == dt.date(2026, 12, 6)
    assert clock.today(dt.datetime(2026, 12, 6, 23, 30, tzinfo=UTC)) == dt.date(2026, 12, 7)
    # summer (UTC+2)
    assert clock.today(dt.datetime(2026, 7, 1, 21, 59, tzinfo=UTC)) == dt.date(2026, 7, 1)
    assert clock.today(dt.datetime(2026, 7, 1, 22, 0, tzinfo=UTC)) == dt.date(2026, 7, 2)


def test_scheduled_commands_reason_about_italy_s_day_unless_told_another(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda now=None: dt.date(2026, 12, 7))
    assert parse_today(None) == dt.date(2026, 12, 7)
    assert parse_today("2026-11-30") == dt.date(2026, 11, 30)


def test_an_instant_stored_in_utc_late_in_the_evening_is_the_next_day_in_italy():
    assert clock.day_of("2026-12-06T23:30:00.123456789Z") == dt.date(2026, 12, 7)
    assert clock.day_of("2026-12-06T22:30:00Z") == dt.date(2026, 12, 6)
    assert clock.day_of("2026-12-07T00:30:00+01:00") == dt.date(2026, 12, 7)
    assert clock.day_of("2026-12-06") == dt.date(2026, 12, 6)  # a date is its own day
    assert clock.day_of("2026-12-06T23:30:00Z[UTC]") == dt.date(2026, 12, 7)  # a zone named, as Neo4j writes it
    assert clock.day_of("2026-12-06T10:00 circa") == dt.date(2026, 12, 6)  # a date, then words: the date
    for text in ("", "ieri", "2026-12"):
        with pytest.raises(ValueError):
            clock.day_of(text)


def test_a_day_starts_at_midnight_in_italy_whatever_the_season():
    assert clock.day_start(dt.date(2026, 12, 1)) == "2026-12-01T00:00:00+01:00"  # 23:00 UTC the day before
    assert clock.day_start(dt.date(2026, 7, 1)) == "2026-07-01T00:00:00+02:00"
    assert clock.day_start(dt.date(2026, 3, 29)) == "2026-03-29T00:00:00+01:00"  # clocks go forward at 02:00
    assert clock.day_of(clock.day_start(dt.date(2026, 12, 1))) == dt.date(2026, 12, 1)
    # a day ends where the next begins: 23 hours on the day the clocks go forward
    assert clock.day_end(dt.date(2026, 3, 28)) == clock.day_start(dt.date(2026, 3, 29))
    assert clock.day_end(dt.date(2026, 3, 29)) == "2026-03-30T00:00:00+02:00"
