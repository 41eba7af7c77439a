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
from mentore import clock
from mentore.reference.places import gazetteer
from mentore.reference.vocabularies import N_, NEED_STATUSES, Message
from mentore.services.errors import ValidationFailed
from mentore.services.matching import REQUEST_WITHDRAWN

#: The period shown when none is asked: the last year, to today.
DEFAULT_DAYS = 365


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
    with_suggestions: int = 0  # needs with at least one suggestion, offer or request
    with_positive_answer: int = 0  # needs an organisation said it can help with (in full or in part)
    with_accepted: int = 0  # needs whose poster chose an organisation
    met_with_help: int = 0  # needs met whose poster named organisations of the platform that helped
    helpers: int = 0  # organisations named as having helped (one per need)
    helpers_confirmed: int = 0  # of which named from the directory, credited once they confirmed
    claims_pending: int = 0  # organisations of the directory named, not yet confirmed
    claims_declined: int = 0  # organisations of the directory named that said they did not help
    suggestions: int = 0  # suggestions made by the matcher (offers apart)
    answered: int = 0  # of which answered by the organisation
    positive: int = 0  # of which answered it can help
    accepted: int = 0  # suggestions, offers and requests the poster accepted
    withdrawn: int = 0  # of which said later they could no longer help
    declined: int = 0  # suggestions, offers and requests the poster declined (withdrawn requests apart)
    decline_reasons: dict[str, int] = field(default_factory=dict)  # code → how many
    offers: int = 0  # organisations that offered to help unasked
    offers_accepted: int = 0
    requests: int = 0  # organisations the poster asked of their own accord (one per need)
    requests_answered: int = 0
    requests_positive: int = 0
    requests_accepted: int = 0
    requests_withdrawn: int = 0  # withdrawn by the poster before an answer (not among the declined)
    organisations_suggested: int = 0  # distinct organisations
    organisations_answered: int = 0
    organisations_offered: int = 0
    organisations_asked: int = 0
    organisations_chosen: int = 0
    days_to_answer: float | None = None  # median, over the needs with a positive answer
    days_to_accept: float | None = None  # median, over the needs with an accepted organisation
    regions: list[dict[str, Any]] = field(default_factory=list)  # {region, name, needs, ...} by needs


def period_of(since: str | None, until: str | None, region: str | None, today: dt.date | None = None) -> Period:
    """The period asked (ISO dates; the last DEFAULT_DAYS to today when missing), or
    ValidationFailed with a message on each wrong field."""
    today = today or clock.today()
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
    start, end = clock.day_start(period.since), clock.day_end(period.until)
    groups = stats.need_outcomes(graph, start, end, period.region)
    return figures_of(period, groups, stats.suggestion_totals(graph, start, end, period.region,
                                                                 withdrawn=REQUEST_WITHDRAWN))


#: The counts of the suggestions' totals (stats.suggestion_totals) that are figures as they are.
SUGGESTION_COUNTS = ("suggestions", "answered", "positive", "offers", "offers_accepted", "requests",
                     "requests_answered", "requests_positive", "requests_accepted", "requests_withdrawn",
                     "accepted", "withdrawn", "declined", "organisations_suggested", "organisations_answered",
                     "organisations_offered", "organisations_asked", "organisations_chosen")
#: The needs' counts of each group of stats.need_outcomes, summed over them.
NEED_COUNTS = ("with_suggestions", "with_positive_answer", "with_accepted", "met_with_help", "helpers",
               "helpers_confirmed", "claims_pending", "claims_declined")


def figures_of(period: Period, groups: list[dict[str, Any]], totals: dict[str, Any]) -> NeedFigures:
    """The figures of the needs' ``groups`` (stats.need_outcomes: one per region and status) and of
    their suggestions' ``totals`` (stats.suggestion_totals)."""
    by_status: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    to_answer, to_accept = [], []
    regions: dict[str | None, dict[str, Any]] = {}
    for group in groups:
        by_status[group["status"]] += group["needs"]
        counts.update({name: group[name] for name in NEED_COUNTS})
        to_answer += [days for days in group["days_to_answer"] if days is not None]
        to_accept += [days for days in group["days_to_accept"] if days is not None]
        region = regions.setdefault(group["region"], {"region": group["region"], "name": group["region_name"] or "",
                                                      "needs": 0, "with_positive_answer": 0, "with_accepted": 0,
                                                      "met": 0})
        region["needs"] += group["needs"]
        region["with_positive_answer"] += group["with_positive_answer"]
        region["with_accepted"] += group["with_accepted"]
        region["met"] += group["needs"] if group["status"] == "met" else 0
    reasons = Counter((reason or "other").partition(":")[0] for reason in totals["decline_reasons"])
    return NeedFigures(
        period=period, needs=sum(by_status.values()),
        by_status={s: by_status.get(s, 0) for s in NEED_STATUSES if s != "draft"},
        decline_reasons=dict(reasons.most_common()),
        days_to_answer=statistics.median(to_answer) if to_answer else None,
        days_to_accept=statistics.median(to_accept) if to_accept else None,
        regions=sorted(regions.values(), key=lambda r: (-r["needs"], r["name"])),
        **counts, **{name: totals[name] for name in SUGGESTION_COUNTS},
    )
