"""The platform's calendar: Italy's day and time, whatever the server's time zone (a container
runs in UTC, where the day starts one or two hours after it does in Italy)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

#: The time zone every day the platform reasons about is counted in.
ITALY = ZoneInfo("Europe/Rome")


def today(now: dt.datetime | None = None) -> dt.date:
    """Today in Italy (at the instant ``now``, an aware datetime: by default, now)."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(ITALY).date()


def day_start(day: dt.date) -> str:
    """The first instant of ``day`` in Italy, as ISO text with its offset: an instant is on that
    day or later when it is not before this one (the graph compares stored instants with it)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=ITALY).isoformat()


def day_end(day: dt.date) -> str:
    """The first instant of the day after ``day`` in Italy (``day_start`` of the next day): an
    instant is on that day or before when it is before this one."""
    return day_start(day + dt.timedelta(days=1))


def day_of(moment: str) -> dt.date:
    """The day in Italy of a stored date or instant (ISO text, as the graph gives it: an instant
    stored in UTC late in the evening is the next day in Italy; a zone named after the offset,
    "+01:00[Europe/Rome]", is the offset's); text that starts with a date and goes on otherwise,
    that date; ValueError for anything else."""
    try:
        parsed = dt.datetime.fromisoformat(moment.split("[", 1)[0])
    except ValueError:
        return dt.date.fromisoformat(moment[:10])
    return parsed.astimezone(ITALY).date() if parsed.tzinfo is not None else parsed.date()
