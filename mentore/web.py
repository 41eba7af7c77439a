"""Small helpers shared by the views: who is acting, the query string as lists."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Request, g, url_for
from flask import request as current_request
from flask_babel import get_locale, gettext, ngettext
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from graph.repositories.people import Person


def competency_vocabulary() -> dict[str, tuple[str, str]]:
    """id → (Italian label, English label), read from the graph once per request."""
    if "competency_vocabulary" not in g:
        from mentore.extensions import neo4j
        from mentore.services import competencies

        g.competency_vocabulary = {c.id: (c.label, c.label_en) for c in competencies.vocabulary(neo4j.graph)}
    return g.competency_vocabulary


def in_english() -> bool:
    return str(get_locale() or "it") == "en"


def competency_choices() -> list[tuple[str, str]]:
    """The competencies of the graph's vocabulary, labelled in the person's language."""
    english = in_english()
    return [(cid, labels[1] if english and labels[1] else labels[0]) for cid, labels in competency_vocabulary().items()]


def activity_choices() -> list[tuple[str, str]]:
    """The activities of general interest (art. 5 CTS) as "code) label", in the person's language."""
    from mentore.reference.activities import ACTIVITIES

    english = in_english()
    return [(a.code, f"{a.code}) {a.short_en if english and a.short_en else a.short}") for a in ACTIVITIES]


def reference_competency_choices() -> list[tuple[str, str]]:
    """The reference list of competencies (mentore/reference), in the person's language (the
    graph's vocabulary, ``competency_choices``, may have more)."""
    from mentore.reference.competencies import COMPETENCIES

    english = in_english()
    return [(c.id, c.label_en if english and c.label_en else c.label) for c in COMPETENCIES]


def current_actor() -> Person | None:
    """The signed-in person (what services receive as ``actor``), or None."""
    if getattr(current_user, "is_authenticated", False):
        return current_user.person
    return None


def requester_key(request: Request) -> str:
    """Whom a rate limit counts: the signed-in person, else the client's address."""
    actor = current_actor()
    return f"person:{actor.id}" if actor else f"address:{request.remote_addr or 'unknown'}"


def query_lists(request: Request) -> dict[str, list[str]]:
    """Every query-string key with all its values (filters repeat: ?activity=a&activity=d)."""
    return {key: request.args.getlist(key) for key in request.args}


def safe_next(target: str | None, default: str = "/") -> str:
    """``target`` if it is a path on this site, else ``default``: never a redirect elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):  # browsers drop tabs and newlines
        return default
    parts = urlsplit(target)
    return default if parts.scheme or parts.netloc else target


def list_url(endpoint: str, args: MultiDict, route: Mapping[str, Any] | None = None, **changes: Any) -> str:
    """The list at ``endpoint`` (with the path values ``route``) with the current filters,
    ``changes`` applied, back on page 1. A value of "" or an empty list drops that filter."""
    params = MultiDict(args)
    params.pop("page", None)
    for key, value in changes.items():
        params.setlist(key, value if isinstance(value, list) else [value])
    query = urlencode([(k, v) for k, v in params.items(multi=True) if v not in ("", None)])
    return url_for(endpoint, **(route or {})) + (f"?{query}" if query else "")


def page_links(endpoint: str, args: MultiDict, page: int, last: int,
               route: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Pagination of a filtered list: first two, neighbours, last two (gaps shown as "…")."""
    base = list_url(endpoint, args, route)
    separator = "&" if "?" in base else "?"

    def with_page(number: int) -> str:
        return base + (f"{separator}page={number}" if number > 1 else "")

    numbers = sorted(n for n in {1, 2, page - 1, page, page + 1, last - 1, last} if 1 <= n <= last)
    return {
        "pages": [(n, with_page(n)) for n in numbers],
        "prev_url": with_page(page - 1) if page > 1 else None,
        "next_url": with_page(page + 1) if page < last else None,
    }


def proposing(form: Any) -> bool:
    """A form with a "Proponi attività e competenze dal testo" button (the need form, the
    organisation profile) was sent with it: without script the page comes back with the
    proposals and the input as typed, nothing checked, nothing saved."""
    return form.is_submitted() and "propose" in current_request.form


def named_label_proposals(title: str | None, description: str | None, beneficiaries: str | None,
                          competencies: list[tuple[str, str]]) -> dict[str, Any]:
    """The activities and competencies a text seems to be about (``services.need_labels``), as
    the API answers them, named as the form names them (``competencies``: its choices);
    ValidationFailed when the text cannot be read."""
    from mentore.extensions import matcher_of, neo4j
    from mentore.services import need_labels

    proposal = need_labels.propose(matcher_of(), neo4j.graph, title or "", description or "", beneficiaries or "",
                                   competencies=[cid for cid, _label in competencies])
    return need_labels.as_json(proposal, dict(activity_choices()), dict(competencies))


def label_proposals(title: str | None, description: str | None, beneficiaries: str | None,
                    competencies: list[tuple[str, str]]) -> dict[str, Any]:
    """``named_label_proposals`` for a page: why there is none as ``error``."""
    from mentore.messages import errors_of
    from mentore.services.errors import ValidationFailed

    try:
        return named_label_proposals(title, description, beneficiaries, competencies)
    except ValidationFailed as exc:
        return {"error": errors_of(exc)}


def eligible_helpers(organisation_id: str | None, place: str | None, only_verified: bool, only_runts: bool,
                     helpers_within: str | None, help_kind: str | None = None,
                     in_person: bool = False) -> dict[str, Any]:
    """What the need form tells its poster of the requirements of who helps before posting:
    {count, message}, how many organisations of the platform (the poster's aside) they admit,
    for help given on site (``help_kind``, ``in_person``) those of the place's region only
    (matching.on_site_region), all of them when all of Italy is asked for help given on site
    (matching.anywhere_on_site), said in the person's language; both None without requirements
    nor help given on site, or with a territory asked of a place that is not one."""
    from mentore.extensions import neo4j
    from mentore.reference.places import place_label, resolve_place
    from mentore.services import matching

    try:
        territory = resolve_place(place) if (place or "").strip() else None
    except ValueError:
        territory = None
    if helpers_within in matching.HELPERS_WITHIN and territory is None:
        return {"count": None, "message": None}
    need = {"organisation_id": organisation_id, "territory": territory, "only_verified": only_verified,
            "only_runts": only_runts, "helpers_within": helpers_within, "help_kind": help_kind,
            "in_person": in_person}
    count = matching.eligible_count(neo4j.graph, need)
    if count is None:
        return {"count": None, "message": None}
    region = matching.on_site_region(need)
    asked = only_verified or only_runts
    if region and count == 0:
        message = (gettext("L'aiuto si dà sul posto, e nessuna organizzazione della piattaforma con sede o attività "
                           "in %(region)s soddisfa questi requisiti: il bisogno non riceverebbe suggerimenti.",
                           region=place_label(region)) if asked else
                   gettext("L'aiuto si dà sul posto, e nessuna organizzazione della piattaforma ha sede o attività "
                           "in %(region)s: il bisogno non riceverebbe suggerimenti.", region=place_label(region)))
        message += " " + gettext("Se l'aiuto può venire anche da fuori regione, scegli «Da tutta Italia, anche per un "
                                 "aiuto sul posto».")
    elif region:
        message = (ngettext("L'aiuto si dà sul posto: con questi requisiti può aiutare %(num)d organizzazione con "
                            "sede o attività in %(region)s.",
                            "L'aiuto si dà sul posto: con questi requisiti possono aiutare %(num)d organizzazioni "
                            "con sede o attività in %(region)s.", count, region=place_label(region)) if asked else
                   ngettext("L'aiuto si dà sul posto: può aiutare %(num)d organizzazione con sede o attività in "
                            "%(region)s.",
                            "L'aiuto si dà sul posto: possono aiutare %(num)d organizzazioni con sede o attività "
                            "in %(region)s.", count, region=place_label(region)))
    elif matching.anywhere_on_site(need) and not asked:
        message = ngettext("L'aiuto si dà sul posto e lo chiedi a tutta Italia: può aiutare %(num)d organizzazione "
                           "della piattaforma.",
                           "L'aiuto si dà sul posto e lo chiedi a tutta Italia: possono aiutare %(num)d "
                           "organizzazioni della piattaforma.", count)
    elif count == 0:
        message = gettext("Nessuna organizzazione della piattaforma soddisfa questi requisiti: il bisogno non "
                          "riceverebbe suggerimenti, e nessuno potrebbe proporsi.")
    else:
        message = ngettext("Con questi requisiti può aiutare %(num)d organizzazione della piattaforma.",
                           "Con questi requisiti possono aiutare %(num)d organizzazioni della piattaforma.", count)
    return {"count": count, "message": message}
