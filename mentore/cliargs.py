"""Arguments the command-line groups share."""

from __future__ import annotations

import datetime as dt

import click

from mentore import clock

#: ``--today``: the day a scheduled command reasons about (tests and catch-up runs give it).
TODAY_HELP = "The day to reason about (AAAA-MM-GG; default: today)."


def parse_today(value: str | None) -> dt.date:
    """The day ``--today`` gives, or today; a clear error for anything but AAAA-MM-GG."""
    if not value:
        return clock.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter("usa il formato AAAA-MM-GG", param_hint="--today") from exc
