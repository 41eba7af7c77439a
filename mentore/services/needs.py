"""Needs ("check list dei bisogni"): create and edit, the lifecycle, the lists, expiry and reminders.

Plain functions taking the graph and the acting person (``actor``: a people.Person or None).
Authorisation lives here: the members of the posting organisation edit a need and move it
through its lifecycle; a draft is visible only to them (for everyone else it does not exist)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph import Graph
from graph.repositories import needs as repo
from graph.repositories import organisations as organisations_repo
from graph.repositories.people import Person
from mentore.matcher import language
from mentore.reference.activities import BY_CODE as ACTIVITIES
from mentore.reference.places import NamedPlace, gazetteer, named_places
from mentore.reference.vocabularies import HELP_KINDS, N_, NEED_STATUSES, Message
from mentore.services import notifications
from mentore.services import search as text_search
from mentore.services.errors import NotFoundError, PermissionDenied, ServiceError, ValidationFailed
from mentore.services.querystring import QueryReader

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_DEADLINE_DAYS = 730  # "by when": at most two years ahead
REMINDER_DAYS = 7

#: The lifecycle, in one place: status → the statuses people may move a need to.
#: "expired" is reached only through the expiry command (AUTO_EXPIRE_FROM); an expired need may
#: still be said met (the poster did not say so in time: ask_outcome asks).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("open", "closed"),
    "open": ("matched", "in_progress", "met", "closed"),
    "matched": ("open", "in_progress", "met", "closed"),
    "in_progress": ("met", "closed"),
    "met": (),
    "closed": (),
    "expired": ("met", "closed"),  # met: the poster says so after the deadline
}
AUTO_EXPIRE_FROM = ("open", "matched")
#: Needs whose organisation gets a reminder before the deadline.
REMIND_STATUSES = ("open", "matched", "in_progress")


class TransitionRefused(ServiceError):
    """The need cannot move from its status to the one asked for."""


#: A new need whose title one of these of the same organisation already has is refused until the
#: person confirms it is another need (a double click on "Pubblica", a need posted twice).
DUPLICATE_STATUSES = ("draft", "open", "matched", "in_progress")


class DuplicateNeed(ValidationFailed):
    """The organisation already has a need with this title, still in progress: ``need`` (id,
    title, status) is the one it has."""

    def __init__(self, need: dict[str, Any]) -> None:
        super().__init__({"title": Message(N_("La tua organizzazione ha già un bisogno con questo titolo, ancora "
                                              "attivo («%(title)s»). Se è un altro bisogno, confermalo."),
                                           title=need["title"])})
        self.need = need


def same_title(title: str) -> str:
    """A title as compared for duplicates: case and spacing aside."""
    return " ".join(title.casefold().split())


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, ())


@dataclass(frozen=True)
class NeedInput:
    """A validated need (the form or the API checked its shape)."""

    title: str
    description: str
    help_kind: str
    activity: str
    deadline: dt.date
    territory: str | None = None  # a comune, province or region id; None: the one the text names, or the seat
    beneficiaries: str = ""
    volunteers_needed: int | None = None
    #: the help must be given in person, where the need is (a competence: an instructor, a
    #: technician); volunteers, a space and equipment always are (matching.ON_SITE_HELP)
    in_person: bool = False
    competencies: tuple[str, ...] = ()
    #: who may help (hard filters of the suggestions, and of who may offer to help): only the
    #: organisations the platform's administrators verified; only those enrolled in the RUNTS
    only_verified: bool = False
    only_runts: bool = False
    #: only those based or working in the need's province or region (matching.HELPERS_WITHIN)
    helpers_within: str | None = None
    publish: bool = False
    allow_duplicate: bool = False  # the person confirmed it is not a need the organisation already has
    #: the person confirmed ``territory`` though the text names a place elsewhere (place_named_elsewhere)
    place_kept: bool = False

    def props(self) -> dict[str, Any]:
        return {
            "title": self.title, "description": self.description, "beneficiaries": self.beneficiaries or None,
            "help_kind": self.help_kind,
            # the place confirmed (None removes it: a place chosen again is asked about again)
            "place_kept": self.territory if self.place_kept and self.territory else None,
            # None removes the property: a count makes sense only when volunteers are asked for
            "volunteers_needed": self.volunteers_needed if self.help_kind == "volontari" else None,
            "in_person": True if self.in_person else None,
            "only_verified": True if self.only_verified else None,
            "only_runts": True if self.only_runts else None,
            "helpers_within": self.helpers_within or None,
        }


# ----------------------------------------------------------------------------- permissions


def organisations_of(graph: Graph, actor: Person | None) -> list[dict[str, Any]]:
    """The organisations the person belongs to (any role): those they may post needs for."""
    return organisations_repo.organisations_of(graph, actor.id) if actor else []


def is_member(graph: Graph, actor: Person | None, organisation_id: str) -> bool:
    return actor is not None and organisations_repo.member_role(graph, actor.id, organisation_id) is not None


def _visible(graph: Graph, actor: Person | None, need_id: str) -> tuple[dict[str, Any], bool]:
    need = repo.find(graph, need_id)
    if need is None:
        raise NotFoundError(need_id)
    member = is_member(graph, actor, need["organisation_id"])
    if need["status"] == "draft" and not member:
        raise NotFoundError(need_id)  # a draft does not exist for outsiders
    return need, member


def _require_member(graph: Graph, actor: Person | None, need_id: str) -> dict[str, Any]:
    need, member = _visible(graph, actor, need_id)
    if not member:
        raise PermissionDenied(Message(N_("Solo i membri dell'organizzazione che ha pubblicato il bisogno possono "
                                          "modificarlo.")))
    return need


# ----------------------------------------------------------------------------- writes


def _check(data: NeedInput) -> None:
    errors = {}
    if data.help_kind not in HELP_KINDS:
        errors["help_kind"] = Message(N_("Tipo di aiuto non valido."))
    if data.activity not in ACTIVITIES:
        errors["activity"] = Message(N_("Attività non valida."))
    if data.help_kind == "volontari" and not data.volunteers_needed:
        errors["volunteers_needed"] = Message(N_("Indica quanti volontari servono."))
    for name, what in (("title", N_("il titolo")), ("description", N_("il bisogno"))):
        foreign = language.foreign_language(getattr(data, name))
        if foreign:
            errors[name] = language.refusal(foreign, what)
    if errors:
        raise ValidationFailed(errors)


def _places_named(title: str | None, description: str | None) -> list[NamedPlace]:
    return named_places(f"{title or ''}. {description or ''}")


def _comuni_named(title: str, description: str | None) -> list[str]:
    return [t for p in _places_named(title, description) for t in p.ids if t.startswith("comune:")]


def place_named_elsewhere(need: Mapping[str, Any]) -> NamedPlace | None:
    """The first place (comune, province, region or area) a need's title or description names,
    when it names some and none of them is in the need's territory or holds it ("a Cossato" or
    "nella provincia di Biella" for a need of Biella's province; "in Piemonte" for one of
    Biella), unless the poster confirmed that territory (``place_kept``): the form pre-fills the
    organisation's seat, and "a Rieti" with Roma left in the field places the suggestions in Rome
    (the form asks before posting; the poster's page says so of a need posted otherwise)."""
    where = need.get("territory")
    if where is None or need.get("place_kept") == where:
        return None
    named = _places_named(need.get("title"), need.get("description"))
    around = {t.id for t in gazetteer().ancestors(where)}  # the need's territory and what holds it
    if not named or any(t in around or where in {a.id for a in gazetteer().ancestors(t)}
                        for place in named for t in place.ids):
        return None
    return named[0]


def _territory(graph: Graph, data: NeedInput, organisation_id: str) -> str:
    """Where the need is: the place given (a comune, a province or a region); else the first comune
    its title or description names ("Volontari per il doposcuola a Rieti"); else the
    organisation's seat."""
    if data.territory:
        return data.territory
    named = _comuni_named(data.title, data.description)
    if named:
        return named[0]
    profile = organisations_repo.profile(graph, organisation_id) or {}
    if not profile.get("seat"):
        raise ValidationFailed({"place": Message(N_("Indica il comune."))})
    return profile["seat"]


def create(graph: Graph, actor: Person | None, organisation_id: str, data: NeedInput) -> str:
    """A new need of ``organisation_id``: a draft, or open when published."""
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per pubblicare un bisogno.")))
    if not is_member(graph, actor, organisation_id):
        raise PermissionDenied(Message(N_("Puoi pubblicare bisogni solo per le organizzazioni di cui sei membro.")))
    _check(data)
    wanted = same_title(data.title)

    def clash(needs: list[dict[str, Any]]) -> dict[str, Any] | None:
        if data.allow_duplicate:
            return None
        return next((need for need in needs if same_title(need["title"]) == wanted), None)

    need_id = str(uuid.uuid4())
    props = {**data.props(), "status": "open" if data.publish else "draft"}
    # the check and the write in one transaction: two posts of one title at once give one need
    found = repo.create_unless(graph, need_id, organisation_id, props, data.deadline.isoformat(),
                               _territory(graph, data, organisation_id), data.activity, data.competencies,
                               DUPLICATE_STATUSES, clash)
    if found is not None:
        raise DuplicateNeed(found)
    return need_id


def update(graph: Graph, actor: Person | None, need_id: str, data: NeedInput) -> str:
    """Edit a need; publishing a draft opens it, any other status is kept."""
    need = _require_member(graph, actor, need_id)
    _check(data)
    props = data.props()
    if need["status"] == "draft" and data.publish:
        props["status"] = "open"
    repo.save(graph, need_id, need["organisation_id"], props, data.deadline.isoformat(),
              _territory(graph, data, need["organisation_id"]), data.activity, data.competencies)
    return need_id


def transition(graph: Graph, actor: Person | None, need_id: str, target: str,
               helped_by: Sequence[str] = (), claim: str = "") -> str:
    """Move a need to ``target`` if the lifecycle allows it; returns the new status. A need met
    may name the organisations that helped to meet it (``helped_by``: among ``helper_choices``),
    in the same write; their members are thanked with a notification. ``claim``: an organisation
    of the directory that helped too, asked to confirm it (``claim_help``)."""
    need = _require_member(graph, actor, need_id)
    current = need["status"]
    if target not in NEED_STATUSES or not can_transition(current, target):
        before, after = NEED_STATUSES.get(current, current), NEED_STATUSES.get(target, target)
        raise TransitionRefused(Message(N_("Un bisogno «%(before)s» non può passare allo stato «%(after)s»."),
                                        before=Message(before), after=Message(after)))
    helpers = list(dict.fromkeys(helped_by))
    if (helpers or claim) and target != "met":
        raise ValidationFailed({"helped_by" if helpers else "other": Message(ONLY_MET)})
    choices = repo.helper_choices(graph, need_id) if helpers or claim else []
    _check_helpers(choices, helpers)
    claimed = _check_claim(graph, need, choices, claim) if claim else None
    if repo.set_status(graph, need_id, current, target, helpers, actor.id if actor else None) is None:
        raise TransitionRefused(Message(CHANGED))
    _thank(graph, actor, need, helpers)
    if claimed:
        _claim(graph, actor, need, claimed)
    return target


def set_helpers(graph: Graph, actor: Person | None, need_id: str, helped_by: Sequence[str],
                claim: str = "") -> dict[str, Any]:
    """Say again who helped to meet a need already met (the whole list: ``helped_by``, among
    ``helper_choices``): to add one forgotten, or take away one named by mistake. Those added are
    thanked as when it was marked met; those taken away lose the credit (on the need's page, their
    own, the reports) and the matcher no longer learns from it, without a notification. ``claim``:
    an organisation of the directory that helped too, asked to confirm it (``claim_help``).
    Returns the ids {added, removed} and ``claimed`` ({id, name} or None)."""
    need = _require_member(graph, actor, need_id)
    if need["status"] != "met":
        raise TransitionRefused(Message(ONLY_MET))
    helpers = list(dict.fromkeys(helped_by))
    choices = repo.helper_choices(graph, need_id)
    _check_helpers(choices, helpers)
    claimed = _check_claim(graph, need, choices, claim) if claim else None
    changed = repo.set_helpers(graph, need_id, helpers, actor.id if actor else None)
    if changed is None:
        raise TransitionRefused(Message(CHANGED))
    _thank(graph, actor, need, changed["added"])
    if claimed:
        _claim(graph, actor, need, claimed)
    return {**changed, "claimed": claimed}


CHANGED = N_("Lo stato del bisogno è cambiato nel frattempo: ricarica la pagina e riprova.")
#: What the members of an organisation of the directory named as a helper are asked, and what
#: the poster's members are told of the answer.
CLAIMED = N_("%(organisation)s dice che l'avete aiutata a soddisfare il bisogno «%(need)s»: confermate?")
CLAIM_CONFIRMED = N_("%(organisation)s ha confermato di avervi aiutato a soddisfare il bisogno «%(need)s»")
CLAIM_DENIED = N_("%(organisation)s dice di non avervi aiutato a soddisfare il bisogno «%(need)s»")
CLAIM_GONE = N_("Questa richiesta di conferma non c'è più: forse ha già risposto qualcun altro.")


def _check_claim(graph: Graph, need: dict[str, Any], choices: Sequence[dict[str, Any]],
                 organisation_id: str) -> dict[str, Any] | None:
    """The organisation of the directory to ask whether it helped ({id, name}), or None when it is
    asked already; ValidationFailed on "other" when it cannot be."""
    if organisation_id == need["organisation_id"]:
        raise ValidationFailed({"other": Message(N_("La vostra organizzazione non si indica tra chi vi ha "
                                                    "aiutato."))})
    if organisation_id in {c["id"] for c in choices}:
        raise ValidationFailed({"other": Message(N_("Questa organizzazione è già nell'elenco: spuntatela lì."))})
    if organisation_id in {c["id"] for c in need.get("help_claims", [])}:
        return None
    if organisation_id in {c["id"] for c in need.get("help_declined", [])}:  # asked once is enough
        raise ValidationFailed({"other": Message(N_("Questa organizzazione ha già risposto di non avervi aiutato a "
                                                    "soddisfare questo bisogno."))})
    found = organisations_repo.cards(graph, [organisation_id])
    if not found:
        raise ValidationFailed({"other": Message(N_("Nessuna organizzazione trovata con questo nome."))})
    return {"id": found[0]["id"], "name": found[0]["name"]}


def _claim(graph: Graph, actor: Person | None, need: dict[str, Any], organisation: dict[str, Any]) -> None:
    if repo.claim_help(graph, need["id"], organisation["id"], actor.id if actor else None):
        notify_members(graph, actor, organisation["id"],
                       Message(CLAIMED, organisation=need["organisation_name"], need=need["title"]),
                       url=f"/bisogni/{need['id']}#help-claims", besides=need["organisation_id"])


#: How a claim of help is answered: by the organisation named (it helped, or it did not), or
#: withdrawn by the poster's members.
CLAIM_DECISIONS = ("confirm", "decline", "withdraw")


def answer_claim(graph: Graph, actor: Person | None, need_id: str, organisation_id: str, decision: str) -> None:
    """The members of an organisation the poster said helped to meet a need confirm it (it is
    then credited as the others that helped) or decline it (kept on record: it is not asked
    again, but the organisation may still confirm it: a refusal by mistake); the poster's members
    are told. The poster's members may withdraw a claim before it is answered. A person of both
    organisations does not confirm it."""
    if decision not in CLAIM_DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    need = repo.find(graph, need_id)
    if need is None or need["status"] == "draft":
        raise NotFoundError(Message(N_("Bisogno non trovato.")))
    asked = {c["id"]: c for c in (*(need.get("help_declined", []) if decision == "confirm" else ()),
                                  *need["help_claims"])}
    if organisation_id not in asked:
        raise TransitionRefused(Message(CLAIM_GONE))
    name = asked[organisation_id]["name"]
    member_of = is_member(graph, actor, organisation_id if decision != "withdraw" else need["organisation_id"])
    if not member_of:
        raise PermissionDenied(Message(N_("Solo i membri dell'organizzazione indicata possono rispondere.")
                                       if decision != "withdraw" else
                                       N_("Solo i membri dell'organizzazione che ha pubblicato il bisogno possono "
                                          "ritirare la richiesta.")))
    if decision == "confirm" and is_member(graph, actor, need["organisation_id"]):
        # nobody credits their own organisation's need to another of theirs
        raise PermissionDenied(Message(BOTH_SIDES, poster=need["organisation_name"], organisation=name))
    if not repo.answer_claim(graph, need_id, organisation_id, decision, actor.id if actor else None):
        raise TransitionRefused(Message(CLAIM_GONE))
    if decision != "withdraw":
        notify_members(graph, actor, need["organisation_id"],
                       Message(CLAIM_CONFIRMED if decision == "confirm" else CLAIM_DENIED, organisation=name,
                               need=need["title"]),
                       url=f"/bisogni/{need_id}")


#: Who helped is said of a need met only.
ONLY_MET = N_("Chi ha aiutato si indica solo per un bisogno soddisfatto.")


def _check_helpers(choices: Sequence[dict[str, Any]], helpers: Sequence[str]) -> None:
    if not set(helpers) <= {c["id"] for c in choices}:
        raise ValidationFailed({"helped_by": Message(
            N_("Si possono indicare solo le organizzazioni scelte, contattate o che hanno detto di poter "
               "aiutare per questo bisogno."))})


def _thank(graph: Graph, actor: Person | None, need: dict[str, Any], helpers: Sequence[str]) -> None:
    for organisation_id in helpers:
        notify_members(graph, actor, organisation_id, Message(THANKED, organisation=need["organisation_name"],
                                                              need=need["title"]), url=f"/bisogni/{need['id']}")


#: A person of both organisations does not confirm that one helped the other.
BOTH_SIDES = N_("Fai parte anche di %(poster)s, che ha pubblicato il bisogno: a confermare che %(organisation)s ha "
                "aiutato dev'essere un altro dei suoi membri.")


def notify_members(graph: Graph, actor: Person | None, organisation_id: str, title: Message, url: str,
                   excerpt: str = "", besides: str | None = None) -> None:
    """A notification on needs and their suggestions to every member of an organisation (the
    actor excepted, and the members of the organisation ``besides`` too)."""
    members = [m["id"] for m in organisations_repo.members(graph, organisation_id)]
    if besides:
        others = {m["id"] for m in organisations_repo.members(graph, besides)}
        members = [m for m in members if m not in others]
    notifications.notify(graph, "suggestion", members, actor=actor, title=title, excerpt=excerpt, url=url)


#: What the members of an organisation named as having helped to meet a need are told.
THANKED = N_("%(organisation)s ha segnato il bisogno «%(need)s» come soddisfatto grazie anche al vostro aiuto")


def helper_choices(graph: Graph, actor: Person | None, need_id: str) -> list[dict[str, Any]]:
    """For the poster's members, the organisations that may be named as having helped to meet a
    need: chosen or contacted, or that said they can help (offers too), the chosen first; each
    with ``checked``: chosen and still able to help (the likely helpers, proposed ticked)."""
    _require_member(graph, actor, need_id)
    return repo.helper_choices(graph, need_id)


def expire(graph: Graph, today: dt.date) -> int:
    """Open and matched needs whose deadline has passed become expired; how many."""
    return repo.expire(graph, AUTO_EXPIRE_FROM, today.isoformat())


#: Needs past their deadline whose poster is asked once whether they were met, back to this many
#: days (older ones are left as they are: a graph written before the question).
OUTCOME_WINDOW_DAYS = 90
ASK_IN_PROGRESS = N_("Il bisogno «%(need)s» ha superato la scadenza: è stato soddisfatto? Segnatelo, con chi vi ha "
                     "aiutato")
ASK_EXPIRED = N_("Il bisogno «%(need)s» è scaduto: è stato soddisfatto con l'aiuto di %(organisations)s? Segnatelo, "
                 "con chi vi ha aiutato")


def ask_outcome(graph: Graph, today: dt.date, window: int = OUTCOME_WINDOW_DAYS) -> int:
    """Ask the members of the posting organisation, once per need, whether a need past its
    deadline was met (a notification that opens the page that records it and who helped): needs
    still in progress, and needs expired while an organisation they chose could still help.
    Returns how many needs."""
    due = repo.outcome_due(graph, today.isoformat(), (today - dt.timedelta(days=window)).isoformat())
    for row in due:
        title = (Message(ASK_IN_PROGRESS, need=row["title"]) if row["status"] == "in_progress" else
                 Message(ASK_EXPIRED, need=row["title"], organisations=", ".join(row["chosen"])))
        notify_members(graph, None, row["organisation_id"], title, url=f"/bisogni/{row['id']}/soddisfatto")
        repo.mark_outcome_asked(graph, [row["id"]])  # after: a crash in between asks twice, not never
    return len(due)


def remind(graph: Graph, today: dt.date, send: Callable[[dict[str, Any]], bool],
           days: int = REMINDER_DAYS) -> int:
    """Call ``send(need)`` once for each active need whose deadline is within ``days`` and that
    was never reminded (``need["admins"]`` lists who to write to: ``email`` and ``locale``); a need is marked as
    reminded when ``send`` succeeded, so a failed mail is tried again at the next run."""
    done = [need["id"] for need in repo.due_for_reminder(graph, REMIND_STATUSES, today.isoformat(), days)
            if send(need)]
    repo.mark_reminded(graph, done)
    return len(done)


# ----------------------------------------------------------------------------- reads


@dataclass(frozen=True)
class NeedView:
    need: dict[str, Any]
    can_manage: bool
    transitions: tuple[str, ...]


def get(graph: Graph, actor: Person | None, need_id: str) -> NeedView:
    need, member = _visible(graph, actor, need_id)
    return NeedView(need=need, can_manage=member, transitions=TRANSITIONS.get(need["status"], ()) if member else ())


def for_edit(graph: Graph, actor: Person | None, need_id: str) -> dict[str, Any]:
    """The need, if the person may edit it (PermissionDenied otherwise)."""
    return _require_member(graph, actor, need_id)


def model_for(graph: Graph, actor: Person | None, need_id: str) -> dict[str, Any]:
    """A need of the person's organisation to start a new one from (a need that comes back every
    summer): NotFoundError, or PermissionDenied for anyone else's."""
    need, member = _visible(graph, actor, need_id)
    if not member:
        raise PermissionDenied(Message(N_("Solo i membri dell'organizzazione che ha pubblicato il bisogno possono "
                                          "usarlo come modello.")))
    return need


@dataclass(frozen=True)
class NeedQuery:
    q: str = ""
    status: tuple[str, ...] = ()
    help_kind: tuple[str, ...] = ()
    activity: tuple[str, ...] = ()
    territory: tuple[str, ...] = ()
    organisation: str = ""  # the needs it posted (the public list; its own list ignores it)
    helped_by: str = ""  # the needs met with its help
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def has_filters(self) -> bool:
        return bool(self.q or self.status or self.help_kind or self.activity or self.territory or self.organisation
                    or self.helped_by)


@dataclass(frozen=True)
class NeedList:
    query: NeedQuery
    total: int
    items: list[dict[str, Any]]
    status_counts: dict[str, int]
    pages: int = field(default=1)
    #: the names of the organisations of the query's organisation and helped_by (an id that is no
    #: organisation has none: the list is empty)
    names: dict[str, str] = field(default_factory=dict)


def parse_query(args: Mapping[str, Sequence[str]]) -> tuple[NeedQuery, dict[str, str]]:
    """Read the query string (each key → its list of values); unknown values are errors (the
    API answers 400; the page says so and ignores them)."""
    read = QueryReader(args)
    query = NeedQuery(
        q=read.first("q").strip()[:text_search.MAX_QUERY_LENGTH],
        status=read.values("status", NEED_STATUSES), help_kind=read.values("help_kind", HELP_KINDS),
        activity=read.values("activity", ACTIVITIES), territory=read.values("territory", gazetteer().by_id),
        organisation=read.first("organisation").strip()[:100], helped_by=read.first("helped_by").strip()[:100],
        page=read.integer("page", 1, 1, 10_000), per_page=read.integer("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    )
    return query, read.errors


def search(graph: Graph, query: NeedQuery, organisations: Sequence[str] = ()) -> NeedList:
    """The public list (never drafts; maybe the needs of one organisation, or those met with its
    help) or, with ``organisations``, their needs in every status."""
    posted_by = tuple(organisations) or ((query.organisation,) if query.organisation else ())
    filters = repo.NeedFilters(
        lucene=text_search.lucene_query(query.q), statuses=query.status, help_kinds=query.help_kind,
        activities=query.activity, territories=query.territory, organisations=posted_by,
        helpers=(query.helped_by,) if query.helped_by else (), include_drafts=bool(organisations),
    )
    found = repo.search(graph, filters, query.page, query.per_page)
    pages = max(1, -(-found.total // query.per_page))
    items = found.items
    if not organisations:  # answers are read by the poster's members only: not even how many
        items = [{k: v for k, v in item.items() if k != "answer_count"} for item in items]
    named = [i for i in (query.helped_by, "" if organisations else query.organisation) if i]
    names = {c["id"]: c["name"] for c in organisations_repo.cards(graph, named)} if named else {}
    return NeedList(query=query, total=found.total, items=items, status_counts=found.status_counts,
                    pages=pages, names=names)


#: The needs listed at most as things to do (the oldest deadline first).
TO_DO_LIMIT = 20


def to_do(graph: Graph, organisations: Sequence[dict[str, Any]], today: dt.date,
          limit: int = TO_DO_LIMIT) -> list[dict[str, Any]]:
    """What the members of ``organisations`` (services' dicts with ``id``) have to do about their
    needs, one row per need: ``waiting`` answers that say an organisation can help wait for their
    decision; ``outcome``: past its deadline, in progress or expired with an organisation chosen,
    it waits to be said met or closed; ``reopened``: open again because the organisation chosen
    can no longer help; ``unmatched``: open, with nobody in play (none found, or every one
    declined or unable to help), so that the poster may change what keeps helpers away."""
    since = (today - dt.timedelta(days=OUTCOME_WINDOW_DAYS)).isoformat()
    return repo.to_do(graph, [o["id"] for o in organisations], repo.ACTIVE_STATUSES, today.isoformat(), since,
                      limit)


def mine(graph: Graph, actor: Person | None, query: NeedQuery) -> tuple[list[dict[str, Any]], NeedList | None]:
    """The person's organisations and every need of theirs (None when they belong to none)."""
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per vedere i bisogni della tua organizzazione.")))
    organisations = organisations_of(graph, actor)
    if not organisations:
        return [], None
    return organisations, search(graph, query, organisations=[o["id"] for o in organisations])
