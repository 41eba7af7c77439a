"""What people see of the matcher's work, and who sees what: a need's suggestions, the poster's
decisions on them, a suggested organisation's inbox, and the partner finder.

The matcher core (services.suggestions, services.matching) computes and stores suggestions;
this module only shapes them for the person asking. Everyone who may see a need sees who was
suggested for it and why; only the members of the posting organisation see the proposals
they declined and their reasons, and only they decide. No Flask here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from graph import Graph
from graph.repositories import matching as matching_repo
from graph.repositories import needs as needs_repo
from graph.repositories import organisations as organisations_repo
from graph.repositories.people import Person
from mentore.reference.places import area_named, place_label, resolve_places
from mentore.reference.vocabularies import N_, Message
from mentore.services import matching, need_labels, suggestions
from mentore.services import organisations as organisations_service
from mentore.services.errors import NotFoundError, ValidationFailed
from mentore.services.needs import NeedView

INBOX_PER_PAGE = 20
MAX_KNOWN = 20  # known partners of one partner search
#: What the public never sees of a suggestion.
POSTER_ONLY = ("decline_reason", "decline_code", "decline_text", "invitation")


# ----------------------------------------------------------------------------- a need's suggestions


@dataclass(frozen=True)
class NeedSuggestions:
    active: bool  # the need is one the matcher works for (open, matched, in progress)
    computed: bool  # suggestions were computed at least once
    items: list[dict[str, Any]]
    degraded: bool = False
    note: str | None = None
    suggested_at: str | None = None
    can_decide: bool = False  # the person is a member of the posting organisation
    #: computed, but a refresh is due (a decline, a change of the need or of a profile nearby):
    #: the list shown is about to change
    refreshing: bool = False
    #: the need's province (id, as place fields write it), when its help is given on site and
    #: none of the organisations shown (but those declined) is based or works in it: the poster
    #: may look there in the directory
    none_nearby: tuple[str, str] | None = None
    #: the need's region (id, name), when its help is given on site and the platform suggests
    #: only organisations based or working there (matching.on_site_region)
    near: tuple[str, str] | None = None
    #: the person's organisations that may offer to help ({id, name}), and those already
    #: suggested or offered ({id, name, suggestion_id, offered}): services.suggestions.offering
    may_offer: list[dict[str, Any]] = field(default_factory=list)
    already: list[dict[str, Any]] = field(default_factory=list)
    #: those that could offer but for the need's requirements, each with ``why``
    unqualified: list[dict[str, Any]] = field(default_factory=list)
    #: for the poster, when the need's requirements of who helps leave fewer organisations than
    #: the platform proposes (SUGGESTIONS_PER_NEED): how many it proposes, and still in play (not
    #: declined, not answered "no"); None otherwise
    narrowed: int | None = None
    #: for the poster, an open need whose suggestions are computed and not about to change, with
    #: nobody in play: every organisation suggested or offered was declined or said it cannot help
    #: (the items left are those), or none was found
    unmatched: bool = False


def _in_play(item: dict[str, Any]) -> bool:
    """A suggestion or an offer not declined by the poster, whose organisation did not say it
    cannot help."""
    return item["status"] != "declined" and item.get("availability") != "no"


def _decline_parts(reason: str | None) -> tuple[str | None, str]:
    """A stored decline reason ("code" or "code: text") → (code, text)."""
    if not reason:
        return None, ""
    code, _, text = reason.partition(": ")
    return (code, text) if code in suggestions.DECLINE_LABELS else ("other", reason)


def _shown(item: dict[str, Any], poster: bool, mine: set[str]) -> dict[str, Any]:
    shown = dict(item)
    shown["decline_code"], shown["decline_text"] = _decline_parts(item.get("decline_reason"))
    shown["answerable"] = item["organisation_id"] in mine
    if not poster:
        for key in POSTER_ONLY:
            shown.pop(key, None)
    if not (poster or shown["answerable"]):
        # an answer is written to the poster (often with a phone number or an e-mail address):
        # the poster's members and the answering organisation read it, nobody else
        shown["answer"] = shown["answered_at"] = shown["availability"] = None
    return shown


def for_need(graph: Graph, actor: Person | None, view: NeedView) -> NeedSuggestions:
    """The suggestions of a need the person may see (``view`` from services.needs.get, which
    already refused drafts to outsiders)."""
    need = view.need
    items, state = suggestions.stored(graph, need["id"])
    poster = view.can_manage
    organisations = organisations_repo.organisations_of(graph, actor.id) if actor else []
    mine = {o["id"] for o in organisations}
    # others see who may still help: not the organisations the poster declined (a refusal is not
    # announced), nor those that answered they cannot (but that one sees its own answer)
    visible = [_shown(i, poster, mine) for i in items
               if poster or (i["status"] != "declined"
                             and (i["organisation_id"] in mine or i.get("availability") != "no"))]
    active, computed = need["status"] in suggestions.ACTIVE, bool(state.get("suggested_at"))
    refreshing = active and computed and bool(state.get("stale"))
    may_offer, already, unqualified = suggestions.offering(need, organisations, items)
    return NeedSuggestions(
        active=active, computed=computed, items=visible,
        degraded=bool(state.get("degraded")), note=state.get("note"), suggested_at=state.get("suggested_at"),
        can_decide=poster, refreshing=refreshing,
        unmatched=(poster and computed and not refreshing and need["status"] == "open"
                   and not any(_in_play(i) for i in items)),
        none_nearby=_none_nearby(need, visible) if poster and active else None,
        near=(region, place_label(region)) if active and (region := matching.on_site_region(need)) else None,
        may_offer=may_offer, already=already, unqualified=unqualified,
        narrowed=_narrowed(need, items) if poster and active and computed else None,
    )


def _narrowed(need: dict[str, Any], items: list[dict[str, Any]]) -> int | None:
    """How many organisations the platform proposes for the need and are still in play, when
    the need has requirements of who helps and they are fewer than SUGGESTIONS_PER_NEED; None
    otherwise."""
    if not matching.need_eligibility(need):
        return None
    in_play = sum(1 for i in items if not i.get("offered") and _in_play(i))
    return in_play if in_play < suggestions.SUGGESTIONS_PER_NEED else None


def _none_nearby(need: dict[str, Any], items: list[dict[str, Any]]) -> tuple[str, str] | None:
    """The need's province, when its help is given on site (``matching.given_on_site``) and no
    organisation among ``items`` (but those declined) has the territory as a reason at the
    level of the comune or the province; None otherwise, or with nothing to look at."""
    place = matching.place_of(need.get("territory"))
    offered = [i for i in items if i["status"] != "declined"]
    if not (matching.given_on_site(need) and offered and place and place.province):
        return None
    near = any(r.get("feature") == "territory" and {"comune", "provincia"} & set(r.get("detail") or ())
               for i in offered for r in i.get("reasons") or ())
    return None if near else (place.province, place_label(place.province))


def decide(graph: Graph, actor: Person | None, suggestion_id: str, decision: str, reason_code: str = "",
           reason_text: str = "", need_id: str | None = None) -> dict[str, Any]:
    """The poster's decision on a suggestion (see services.suggestions.decide); with
    ``need_id``, the suggestion must be one of that need's. Returns the suggestion as it is
    now: {id, status, need_id, need_status, organisation_id, ..., set_aside (see
    services.suggestions.decide)}."""
    before = suggestions.decide(graph, actor, suggestion_id, decision, reason_code, reason_text, need_id)
    now = matching_repo.find_suggestion(graph, suggestion_id)
    if now is None:  # deleted in between (the need was deleted)
        raise NotFoundError(suggestion_id)
    return {**now, "set_aside": before["set_aside"]}


# ----------------------------------------------------------------------------- the inbox


@dataclass(frozen=True)
class InboxPage:
    organisation: dict[str, Any]
    total: int  # the needs listed (all, or those waiting)
    items: list[dict[str, Any]]
    page: int
    pages: int
    everything: int = 0  # the needs the organisation was suggested for
    waiting: int = 0  # of which waiting for its answer
    requests: int = 0  # of which a poster asked it for help (invite), answered or not
    only_waiting: bool = False
    only_requests: bool = False
    #: needs whose poster said the organisation helped to meet them, waiting for it to confirm
    help_claims: list[dict[str, Any]] = field(default_factory=list)


def inbox_page(graph: Graph, actor: Person | None, organisation_id: str, page: int = 1,
               per_page: int | None = None, only_waiting: bool = False, only_requests: bool = False) -> InboxPage:
    """The needs an organisation was suggested for, or only those waiting for its answer, or only
    those whose poster asked it for help, for its members (PermissionDenied otherwise); waiting
    first, when both are asked."""
    per_page = per_page or INBOX_PER_PAGE
    only_requests = only_requests and not only_waiting
    organisation = organisations_service.public_profile(graph, organisation_id)  # 404 first
    counts, items = suggestions.inbox(graph, actor, organisation_id, page, per_page, only_waiting, only_requests)
    for item in items:
        item["answerable"] = item["status"] != "declined" and item["need_status"] in suggestions.ACTIVE
    total = counts["waiting"] if only_waiting else counts["requests"] if only_requests else counts["total"]
    # members only (checked above); not those of a need of another organisation of theirs
    claims = needs_repo.claims_on(graph, organisation_id, actor.id if actor else "", CLAIMS_SHOWN)
    return InboxPage(organisation=organisation, total=total, items=items, page=page,
                     pages=max(1, -(-total // per_page)), everything=counts["total"], waiting=counts["waiting"],
                     requests=counts["requests"], only_waiting=only_waiting, only_requests=only_requests,
                     help_claims=claims)


#: The questions "did you help?" shown at most above the inbox.
CLAIMS_SHOWN = 20


def inbox_page_of(graph: Graph, actor: Person | None, organisation_id: str, suggestion_id: str,
                  per_page: int | None = None) -> int | None:
    """The page of the organisation's inbox that lists the suggestion (None: the inbox does not
    list it), for its members: a link to one suggestion (a notification's) opens where it is."""
    organisations_service.public_profile(graph, organisation_id)  # 404 first
    position = suggestions.inbox_position(graph, actor, organisation_id, suggestion_id)
    return None if position is None else position // (per_page or INBOX_PER_PAGE) + 1


# ----------------------------------------------------------------------------- partner finder


@dataclass(frozen=True)
class PartnerSearch:
    text: str
    known: list[dict[str, Any]]  # {id, name} of the partners already in, in the order given
    programme: str = ""  # the call the project answers to, as written
    kind: str = ""  # only organisations of this kind (empty: any)
    territory: str = ""  # only organisations based or working there, as written (empty: anywhere)
    #: an area written there ("salento"): its name and the provinces it stands for, as the place
    #: fields write them ("Salento", ("Provincia di Lecce", ...)); None for any other place
    territory_area: tuple[str, tuple[str, ...]] | None = None
    activity: str = ""  # only organisations carrying out this art. 5 activity (empty: any)
    #: only organisations verified by the platform, only those enrolled in the RUNTS
    eligible: matching.Eligibility = matching.ANYONE
    result: matching.Result | None = None
    errors: dict[str, str] = field(default_factory=dict)
    candidates: list[dict[str, Any]] = field(default_factory=list)  # when the name to add is ambiguous
    limited: matching.SearchRateLimited | None = None  # the search was not run: too many searches
    dropped: int = 0  # partners of the address that are no longer on the platform, left out
    more: int = 0  # organisations the matcher has beyond ``result`` (counted up to the lookahead asked)
    #: the art. 5 activity the text is plainly about, when none was chosen and there are results:
    #: the page offers to look only among those carrying it out (need_labels.clear_activity)
    text_activity: str | None = None


def _named(graph: Graph, ids: Sequence[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The organisations of ``ids`` that exist, {id, name} in the order given, and the ids that don't."""
    found = {r["id"]: r["name"] for r in matching_repo.known_organisations(graph, ids)}
    known = [{"id": oid, "name": found[oid]} for oid in ids if oid in found]
    return known, [oid for oid in ids if oid not in found]


def partner_table(graph: Graph, items: Sequence[matching.Suggestion]) -> list[dict[str, Any]]:
    """The results of a partner search in their order, each {rank, suggestion} with the
    organisation's kind, seat and public contacts (``organisations_repo.cards``): what the page
    shows of each, and the list a public body downloads to invite them."""
    cards = {c["id"]: c for c in organisations_repo.cards(graph, [s.organisation_id for s in items])}
    return [{**cards.get(s.organisation_id, {}), "rank": rank, "suggestion": s} for rank, s in enumerate(items, 1)]


def find_partners(matcher: matching.Matcher, graph: Graph, text: str, known: Sequence[str], add: str = "",
                  search: bool = True, limit: int = matching.DEFAULT_LIMIT, programme: str = "",
                  gate: Callable[[], None] | None = None, lookahead: int = 1, kind: str = "",
                  territory: str = "", activity: str = "",
                  eligible: matching.Eligibility = matching.ANYONE) -> PartnerSearch:
    """Partners for a project: ``known`` organisation ids are already in; ``add`` is the name of
    one more to put in first; ``programme`` the call the project answers to (may be empty). With
    ``search`` false only the partners are resolved (the person added one and has not written the
    project yet). ``kind``: only organisations of that kind; ``territory``: only those based or
    working there (a comune, «Provincia di …», a region or an area, as people write them);
    ``activity``: only those carrying out that art. 5 activity; ``eligible``: only those
    verified, or enrolled in the RUNTS. Errors are per field: text, known, add,
    programme, kind, territory, activity. ``gate``: see
    ``matching.suggest_partners`` (a search it refuses is ``limited``). The result holds at most
    ``limit`` organisations; ``more`` how many others the matcher has, counted up to ``lookahead``
    (as many more are asked for: the ranking is the same, only its tail is read further)."""
    ids = list(dict.fromkeys(k.strip() for k in known if k and k.strip()))
    errors: dict[str, str] = {}
    candidates: list[dict[str, Any]] = []
    if add.strip():
        found, candidates, error = organisations_service.resolve_name(graph, add.strip())
        if found and found not in ids:
            ids.append(found)
        if error:
            errors["add"] = error
    # an id that is no longer on the platform (an old link, a deleted organisation) means nothing
    # to the person: it is left out, and the page says how many were
    named, missing = _named(graph, ids[:MAX_KNOWN])
    if len(ids) > MAX_KNOWN:
        errors["known"] = Message(N_("Al massimo %(max)d partner già coinvolti."), max=MAX_KNOWN)
    territory = " ".join(territory.split())
    places: tuple[str, ...] = ()
    if territory:
        try:
            places = resolve_places(territory)
        except ValueError as exc:
            errors["territory"] = exc.args[0]
    area = area_named(territory) if territory else None
    asked = PartnerSearch(text=text, known=named, programme=programme, kind=kind, territory=territory,
                          territory_area=(area[0], tuple(map(place_label, area[1]))) if area else None,
                          activity=activity, eligible=eligible, dropped=len(missing))
    if not search or errors:
        return replace(asked, errors=errors, candidates=candidates)
    try:
        result = matching.suggest_partners(matcher, graph, text, [k["id"] for k in named], limit + lookahead,
                                           programme=programme, gate=gate, kind=kind, territory=places,
                                           activity=activity, eligible=eligible)
    except matching.SearchRateLimited as exc:
        return replace(asked, limited=exc)
    except ValidationFailed as exc:
        return replace(asked, errors={"known" if k == "known_partners" else k: v for k, v in exc.errors.items()})
    more = max(len(result.items) - limit, 0)
    return replace(asked, more=more, result=replace(result, items=result.items[:limit]) if more else result,
                   text_activity=offered_activity(matcher, graph, text, result, activity))


def offered_activity(matcher: matching.Matcher, graph: Graph, text: str, result: matching.Result,
                     activity: str | None) -> str | None:
    """The activity the partner finder offers to look only among those carrying out, on the page
    and in the API: the one the text is plainly about (need_labels.clear_activity, from the
    search's own vector), unless an ``activity`` was asked for or nothing was found."""
    return need_labels.clear_activity(matcher, graph, text, result.vector) if result.items and not activity else None


# ----------------------------------------------------------------------------- how suggestions work


#: What each ranker answers, as the transparency page names it.
TASK_TITLES = {"need": N_("Chi può soddisfare un bisogno"), "partner": N_("Chi può unirsi a un progetto"),
               "handler": N_("Chi può guidare un progetto")}


@dataclass(frozen=True)
class RankerSummary:
    """How one task's suggestions are ranked now: with the hand-set weights or learned ones
    (when, from how many examples), and each feature's effect: "up", "down" or None (not used),
    with its strength ("strong", "medium", "weak") relative to the task's largest weight."""

    task: str
    learned: bool
    trained_at: str | None
    positives: int
    examples: int
    effects: dict[str, tuple[str | None, str | None]]
    weights: dict[str, float]  # as the ranker holds them (learned: on standardised features)
    #: the features a learned ranker weighs by hand: its examples never showed them varying
    hand_set: tuple[str, ...] = ()


def _strength(weight: float, largest: float) -> str:
    share = abs(weight) / largest
    return "strong" if share >= 0.5 else "medium" if share >= 0.2 else "weak"


def how_suggestions_work(matcher: matching.Matcher, graph: Graph) -> list[RankerSummary]:
    """The rankers the matcher uses now for every task (``Matcher.ranker``: the learned one, or
    the hand-set weights), for the page that tells how suggestions are made."""
    from mentore.matcher.features import FEATURE_NAMES

    out = []
    for task in TASK_TITLES:
        ranker = matcher.ranker(graph, task)
        largest = float(max(abs(ranker.weights).max(), 1e-12))
        effects = {name: (("up" if w > 0 else "down"), _strength(w, largest)) if abs(w) / largest >= 0.01
                   else (None, None) for name, w in zip(FEATURE_NAMES, ranker.weights, strict=True)}
        out.append(RankerSummary(task=task, learned=ranker.source == "learned",
                                 trained_at=ranker.trained_at, positives=ranker.trained_on,
                                 examples=int(ranker.meta.get("examples", 0)), effects=effects,
                                 weights={n: round(float(w), 4) for n, w in zip(FEATURE_NAMES, ranker.weights,
                                                                                 strict=True)},
                                 hand_set=tuple(ranker.meta.get("hand_set", ())) if ranker.source == "learned" else ()))
    return out
