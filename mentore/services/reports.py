"""Figures of the needs and of the matching for reports (the platform's admins, for funders):
what became of the needs posted in a period, in a region or all Italy. No Flask here."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph import Graph
from graph.repositories import stats
from mentore.reference.places import gazetteer
from mentore.reference.vocabularies import N_, NEED_STATUSES, Message
from mentore.services.errors import ValidationFailed

#: The period shown when none is asked: the last year, to today.
DEFAULT_DAYS = 365
POSITIVE = ("yes", "partly")


@dataclass(frozen=True)
class Period:
    since: dt.date
    until: dt.date
    region: str | None = None  # a region's id (regione:NN), or all Italy


@dataclass(frozen=True)
class NeedFigures:
    period: Period
    needs: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    with_suggestions: int = 0  # needs with at least one suggestion or offer
    with_positive_answer: int = 0  # needs an organisation said it can help with (in full or in part)
    with_accepted: int = 0  # needs whose poster chose an organisation
    met_with_help: int = 0  # needs met whose poster named organisations of the platform that helped
    suggestions: int = 0  # suggestions made by the matcher (offers apart)
    answered: int = 0  # of which answered by the organisation
    positive: int = 0  # of which answered it can help
    accepted: int = 0  # suggestions and offers the poster accepted
    withdrawn: int = 0  # of which said later they could no longer help
    declined: int = 0  # suggestions and offers the poster declined
    decline_reasons: dict[str, int] = field(default_factory=dict)  # code → how many
    offers: int = 0  # organisations that offered to help unasked
    offers_accepted: int = 0
    organisations_suggested: int = 0  # distinct organisations
    organisations_answered: int = 0
    organisations_offered: int = 0
    organisations_chosen: int = 0
    days_to_answer: float | None = None  # median, over the needs with a positive answer
    days_to_accept: float | None = None  # median, over the needs with an accepted organisation
    regions: list[dict[str, Any]] = field(default_factory=list)  # {region, name, needs, ...} by needs


def period_of(since: str | None, until: str | None, region: str | None, today: dt.date | None = None) -> Period:
    """The period asked (ISO dates; the last DEFAULT_DAYS to today when missing), or
    ValidationFailed with a message on each wrong field."""
    today = today or dt.date.today()
    errors: dict[str, Message] = {}

    def day(name: str, value: str | None, default: dt.date) -> dt.date:
        if not value:
            return default
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            errors[name] = Message(N_("Data non valida: scrivila come 2026-01-31."))
            return default

    until_day = day("until", until, today)
    since_day = day("since", since, until_day - dt.timedelta(days=DEFAULT_DAYS))
    if not errors and since_day > until_day:
        errors["since"] = Message(N_("L'inizio del periodo viene dopo la fine."))
    found = gazetteer().by_id.get(region) if region else None
    if region and (found is None or found.level != "regione"):
        errors["region"] = Message(N_("Regione sconosciuta."))
    if errors:
        raise ValidationFailed(errors)
    return Period(since_day, until_day, region or None)


def regions() -> list[tuple[str, str]]:
    """(id, name) of every region, by name: the choices of a report's region."""
    return sorted(((t.id, t.name) for t in gazetteer().by_id.values() if t.level == "regione"), key=lambda r: r[1])


def need_figures(graph: Graph, period: Period) -> NeedFigures:
    rows = stats.need_outcomes(graph, period.since.isoformat(), period.until.isoformat(), period.region)
    return figures_of(period, rows)


def figures_of(period: Period, rows: list[dict[str, Any]]) -> NeedFigures:
    """The figures of ``rows`` (stats.need_outcomes: one per need, with its suggestions)."""
    by_status = Counter(r["status"] for r in rows)
    suggested, answered, offered, chosen = set(), set(), set(), set()
    reasons: Counter[str] = Counter()
    to_answer, to_accept = [], []
    regions: dict[str | None, dict[str, Any]] = {}
    totals = Counter()
    for row in rows:
        items = row["suggestions"]
        positive = [s for s in items if s["availability"] in POSITIVE]
        accepted = [s for s in items if s["status"] == "accepted"]
        totals["with_suggestions"] += bool(items)
        totals["with_positive_answer"] += bool(positive)
        totals["with_accepted"] += bool(accepted)
        totals["met_with_help"] += row["status"] == "met" and bool(row.get("helpers"))
        # the days to the first positive answer and to the first choice; a suggestion whose
        # answer or decision has no date (written by an import or by hand) does not count
        answer_days = [s["to_answer"] for s in positive if s["to_answer"] is not None]
        accept_days = [s["to_accept"] for s in accepted if s["to_accept"] is not None]
        if answer_days:
            to_answer.append(min(answer_days))
        if accept_days:
            to_accept.append(min(accept_days))
        for s in items:
            if s["offered"]:
                totals["offers"] += 1
                totals["offers_accepted"] += s["status"] == "accepted"
                offered.add(s["organisation"])
            else:
                totals["suggestions"] += 1
                totals["answered"] += s["availability"] is not None
                totals["positive"] += s["availability"] in POSITIVE
                suggested.add(s["organisation"])
                if s["availability"] is not None:
                    answered.add(s["organisation"])
            totals["accepted"] += s["status"] == "accepted"
            if s["status"] == "accepted":
                chosen.add(s["organisation"])
                totals["withdrawn"] += s["availability"] == "no"
            if s["status"] == "declined":
                totals["declined"] += 1
                reasons[(s["decline_reason"] or "other").partition(":")[0]] += 1
        region = regions.setdefault(row["region"], {"region": row["region"], "name": row["region_name"] or "",
                                                    "needs": 0, "with_positive_answer": 0, "with_accepted": 0,
                                                    "met": 0})
        region["needs"] += 1
        region["with_positive_answer"] += bool(positive)
        region["with_accepted"] += bool(accepted)
        region["met"] += row["status"] == "met"
    return NeedFigures(
        period=period, needs=len(rows), by_status={s: by_status.get(s, 0) for s in NEED_STATUSES if s != "draft"},
        decline_reasons=dict(reasons.most_common()),
        organisations_suggested=len(suggested), organisations_answered=len(answered),
        organisations_offered=len(offered), organisations_chosen=len(chosen),
        days_to_answer=statistics.median(to_answer) if to_answer else None,
        days_to_accept=statistics.median(to_accept) if to_accept else None,
        regions=sorted(regions.values(), key=lambda r: (-r["needs"], r["name"])),
        **totals,
    )
