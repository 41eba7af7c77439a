"""What the directory page shows: facet values with labels, counts, selection state and the
links that toggle them; active filters as removable chips; pagination. The URL carries every
filter, so a search can be shared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import g, url_for
from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from mentore.reference.activities import BY_CODE as ACTIVITIES
from mentore.reference.competencies import BY_ID as COMPETENCIES
from mentore.reference.places import gazetteer
from mentore.reference.vocabularies import (
    ANSWER_AVAILABILITY,
    HELP_KINDS,
    LEGAL_FORMS,
    NEED_STATUSES,
    ORGANISATION_KINDS,
    RESOURCES,
    RUNTS_SECTIONS,
    SUGGESTION_STATUSES,
)
from mentore.services.organisations import DirectoryResult
from mentore.web import in_english, list_url, page_links

FACETS = ("kind", "regione", "provincia", "activity", "competency", "legal_form", "runts_section")
FACET_PARAM = {"regione": "territory", "provincia": "territory"}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class Chip:
    label: str
    url: str


def label_of(facet: str, value: str) -> str:
    english = in_english()
    if facet == "activity":
        activity = ACTIVITIES.get(value)
        return f"{value}) {activity.short_en if english else activity.short}" if activity else value
    if facet == "competency":
        labels = g.get("competency_vocabulary", {}).get(value)
        if labels:
            return labels[1] if english else labels[0]
        competency = COMPETENCIES.get(value)
        return (competency.label_en if english else competency.label) if competency else value
    if facet in ("regione", "provincia", "territory"):
        return gazetteer().label(value)
    if facet == "runts_section":
        return f"{value}) {gettext(RUNTS_SECTIONS[value])}" if value in RUNTS_SECTIONS else value
    if facet == "resource":
        return gettext(RESOURCES[value]) if value in RESOURCES else value
    if facet == "need_status":
        return gettext(NEED_STATUSES[value]) if value in NEED_STATUSES else value
    if facet == "suggestion_status":
        return gettext(SUGGESTION_STATUSES[value]) if value in SUGGESTION_STATUSES else value
    if facet == "availability":
        return gettext(ANSWER_AVAILABILITY[value]) if value in ANSWER_AVAILABILITY else value
    if facet == "help_kind":
        return gettext(HELP_KINDS[value]) if value in HELP_KINDS else value
    label = {**ORGANISATION_KINDS, **LEGAL_FORMS}.get(value)
    return gettext(label) if label else value


def _url(args: MultiDict, **changes: Any) -> str:
    return list_url("organisations.directory", args, **changes)


def _toggle(args: MultiDict, param: str, value: str) -> str:
    current = args.getlist(param)
    updated = [v for v in current if v != value] if value in current else [*current, value]
    return _url(args, **{param: updated})


def directory_view(result: DirectoryResult, args) -> dict[str, Any]:
    args = MultiDict(args)
    facets: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        param = FACET_PARAM.get(facet, facet)
        selected = set(args.getlist(param))
        values = [FacetValue(v["value"], label_of(facet, v["value"]), v["count"], v["value"] in selected,
                             _toggle(args, param, v["value"])) for v in result.facets.get(facet, [])]
        if facet == "provincia" and not any(t.startswith(("regione:", "provincia:")) for t in selected):
            values = []  # provinces appear once a region is chosen: a list of 107 helps no one
        elif facet == "provincia":
            regions = {t for t in selected if t.startswith("regione:")}
            values = [v for v in values if v.selected or gazetteer().by_id[v.value].parent_id in regions]
        facets[facet] = values

    chips = []
    if result.query.q:
        chips.append(Chip(f"“{result.query.q}”", _url(args, q="")))
    for param in ("kind", "territory", "activity", "competency", "legal_form", "runts_section"):
        for value in args.getlist(param):
            chips.append(Chip(label_of(param, value), _toggle(args, param, value)))
    if result.query.verified:
        chips.append(Chip("verificate", _url(args, verified="")))

    return {
        "result": result,
        "facets": facets,
        "verified_count": result.facets.get("verified", 0),
        "verified_url": _url(args, verified="" if result.query.verified else "1"),
        "chips": chips,
        "clear_url": url_for("organisations.directory"),
        **page_links("organisations.directory", args, result.query.page, result.pages),
        "sort_urls": {s: _url(args, sort=s) for s in ("relevance", "name")},
    }
