"""Moderation: flags, the review queue, actions on topics, posts and members, and their log.

Plain functions ``(graph, actor, ...)``; authorisation lives here, through
``communities.access``. Decisions:

- Moderating needs ``can_moderate`` (the community's facilitators and platform admins).
- Flagging needs ``can_post`` (members who were not removed, facilitators, admins): the forum
  is public to read, but flags are a member's tool, so strangers cannot flood the queue. Nobody
  flags their own text or hidden content; one open flag per person and target.
- Hiding upholds the open flags of the content, dismissing closes them without hiding; a new
  flag may be raised afterwards. Hidden text is kept, never deleted.
- Moving is the source community's decision: its moderators may move a topic to any community;
  the topic's flags follow it, its log entries stay where they were taken.
- Facilitators and platform admins cannot be removed from a community (an admin first takes
  the facilitator role away); re-admitting lifts the removal, the person then joins again.
- Every action is one write transaction with its log entry; the people affected (the author
  of hidden, restored, locked, moved content; the warned, removed, re-admitted person) get a
  ``moderation`` notification afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph import Graph
from graph.repositories import moderation as repo
from graph.repositories.people import Person
from mentore.reference.vocabularies import N_, Message
from mentore.services import forum, markdown
from mentore.services.communities import Access, access
from mentore.services.errors import NotFoundError, PermissionDenied, ValidationFailed
from mentore.services.notifications import notify

#: The actions the log knows (SPEC); anything else is refused.
ACTIONS = ("hide", "restore", "edit", "lock", "unlock", "pin", "unpin", "move", "warn", "remove_member",
           "readmit", "flag_dismissed", "appoint_facilitator")
#: How the log names them.
ACTION_LABELS = {
    "hide": N_("Contenuto nascosto"), "restore": N_("Contenuto ripristinato"), "edit": N_("Testo modificato"),
    "lock": N_("Discussione chiusa"), "unlock": N_("Discussione riaperta"), "pin": N_("Discussione in evidenza"),
    "unpin": N_("Discussione non più in evidenza"), "move": N_("Discussione spostata"),
    "warn": N_("Avviso a un membro"), "remove_member": N_("Membro rimosso"), "readmit": N_("Membro riammesso"),
    "flag_dismissed": N_("Segnalazioni respinte"), "appoint_facilitator": N_("Facilitazione affidata"),
}
#: Why a member flags something (code → label); "altro" needs a few words.
FLAG_REASONS = {
    "spam": N_("Spam o pubblicità"), "offensivo": N_("Offensivo o irrispettoso"),
    "fuori_tema": N_("Fuori tema"), "dati_personali": N_("Contiene dati personali"), "altro": N_("Altro"),
}
#: Actions on a topic or post from the page or the queue; the second set may go without a reason.
CONTENT_ACTIONS = ("hide", "restore", "dismiss", "lock", "unlock", "pin", "unpin")
TOPIC_ONLY = ("lock", "unlock", "pin", "unpin")
REASON_OPTIONAL = ("restore", "unlock", "unpin")
MIN_REASON, MAX_REASON = 3, 500
MAX_FLAG_TEXT = 1000
MAX_DETAILS = 2000
PER_PAGE = 20


# ----------------------------------------------------------------------------- the log API


def record(graph: Graph, actor: Person, community_id: str, action: str, target_id: str, *,
           reason: str = "", details: str = "") -> str:
    """Write one ModerationAction (who, when, what, why) and return its id. For the forum (edits
    by moderators, appointed facilitators); this module logs its own actions with their change."""
    if action not in ACTIONS:
        raise ValueError(f"unknown moderation action: {action}")
    entry = _entry(actor, community_id, action, target_id, reason, details)
    repo.record(graph, entry)
    return entry.id


def _entry(actor: Person, community_id: str, action: str, target_id: str, reason: str = "",
           details: str = "") -> repo.LogEntry:
    return repo.LogEntry(id=str(uuid.uuid4()), actor_id=actor.id, community_id=community_id, action=action,
                         target_id=target_id, reason=(reason or "").strip()[:MAX_REASON],
                         details=(details or "")[:MAX_DETAILS])


# ----------------------------------------------------------------------------- roles and lookups


def community(graph: Graph, slug: str) -> dict[str, Any]:
    found = repo.community_by_slug(graph, slug)
    if found is None:
        raise NotFoundError(slug)
    return found


def require_moderator(graph: Graph, actor: Person | None, community_id: str) -> Access:
    roles = access(graph, _signed_in(actor), community_id)
    if not roles.can_moderate:
        raise PermissionDenied(Message(N_("Solo i facilitatori della comunità e gli amministratori possono "
                                          "moderarla.")))
    return roles


def _signed_in(actor: Person | None) -> Person:
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per moderare la comunità.")))
    return actor


def can_moderate(graph: Graph, actor: Person | None, community_id: str) -> bool:
    return actor is not None and access(graph, actor, community_id).can_moderate


def topic_path(slug: str, topic_id: str, number: int | None = None) -> str:
    """The site path of a topic (and of a reply, on its page), for links and notifications."""
    return forum.topic_url(slug, topic_id, number)


@dataclass(frozen=True)
class Target:
    """A topic or a post, with its community, topic and author."""

    kind: str  # topic | post
    id: str
    body: str
    hidden: bool
    number: int | None
    topic_id: str
    topic_title: str
    topic_hidden: bool
    locked: bool
    pinned: bool
    community_id: str
    community_slug: str
    community_name: str
    author_id: str | None
    author_name: str | None

    @property
    def path(self) -> str:
        return topic_path(self.community_slug, self.topic_id, self.number if self.kind == "post" else None)

    @property
    def html(self) -> str:
        return markdown.render(self.body or "")

    @property
    def excerpt(self) -> str:
        return markdown.excerpt(self.body or "", 200)


def target(graph: Graph, slug: str, target_id: str) -> Target:
    """The topic or post ``target_id`` of the community ``slug`` (404 otherwise)."""
    row = repo.target(graph, target_id)
    if row is None or row["community_slug"] != slug:
        raise NotFoundError(target_id)
    return Target(**row)


def _member(graph: Graph, community_id: str, person_id: str) -> dict[str, Any]:
    """A person who belongs (or belonged, or wrote) in the community; 404 for anyone else."""
    found = repo.person_in_community(graph, person_id, community_id)
    if found is None or found["deleted"] or not (found["is_member"] or found["removed"] or found["wrote_here"]):
        raise NotFoundError(person_id)
    return found


def _reason(action: str, reason: str) -> str:
    reason = (reason or "").strip()
    if action not in REASON_OPTIONAL and len(reason) < MIN_REASON:
        raise ValidationFailed({"reason": Message(N_("Indica il motivo (almeno 3 caratteri): resta nel registro di "
                                                     "moderazione."))})
    if len(reason) > MAX_REASON:
        raise ValidationFailed({"reason": Message(N_("Il motivo può essere lungo al massimo %(max)d "
                                                     "caratteri."), max=MAX_REASON)})
    return reason


def _tell(graph: Graph, actor: Person, people: list[str | None], title: Message, reason: str, url: str) -> None:
    recipients = [p for p in people if p]
    if recipients:
        notify(graph, "moderation", recipients, actor=actor, title=title, excerpt=reason, url=url)


# ----------------------------------------------------------------------------- flags


def flag_target(graph: Graph, actor: Person | None, slug: str, target_id: str) -> Target:
    """The topic or post a person may flag (404 when it does not exist, 403 for non-members).
    Hidden content, or content of a hidden topic, is 404: the flag page would otherwise show
    members the text the facilitators hid (and it needs no flag: it is already hidden)."""
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per segnalare un contenuto.")))
    found = target(graph, slug, target_id)
    if not access(graph, actor, found.community_id).can_post:
        raise PermissionDenied(Message(N_("Solo i membri della comunità possono segnalare i suoi contenuti.")))
    if found.hidden or found.topic_hidden:
        raise NotFoundError(target_id)
    return found


def flag(graph: Graph, actor: Person | None, slug: str, target_id: str, reason: str, text: str) -> Target:
    """A member flags a topic or post; one open flag per person and target."""
    found = flag_target(graph, actor, slug, target_id)
    actor = _signed_in(actor)  # flag_target already refused anonymous people
    text = (text or "").strip()
    errors = {}
    if reason not in FLAG_REASONS:
        errors["reason"] = Message(N_("Scegli il motivo della segnalazione."))
    elif reason == "altro" and not text:
        errors["text"] = Message(N_("Spiega il motivo della segnalazione."))
    if len(text) > MAX_FLAG_TEXT:
        errors["text"] = Message(N_("Al massimo %(max)d caratteri."), max=MAX_FLAG_TEXT)
    if found.author_id == actor.id:
        errors["reason"] = Message(N_("Non puoi segnalare un tuo contenuto."))
    if errors:
        raise ValidationFailed(errors)
    if not repo.create_flag(graph, str(uuid.uuid4()), actor.id, found.community_id, found.id, reason, text):
        raise ValidationFailed({"reason": Message(N_("Hai già segnalato questo contenuto: i facilitatori la stanno "
                                                     "esaminando."))})
    return found


def open_flag_count(graph: Graph, actor: Person | None, community_id: str) -> int | None:
    """Open flags of the community, for those who moderate it (None for everyone else)."""
    if not can_moderate(graph, actor, community_id):
        return None
    return repo.open_flag_count(graph, community_id)


# ----------------------------------------------------------------------------- queue and log


def _pages(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


@dataclass(frozen=True)
class Queue:
    community: dict[str, Any] | None  # None: every community
    items: list[dict[str, Any]]  # flagged targets, each with its "flags"
    total: int  # flagged targets
    flags: int  # open flags
    page: int
    pages: int
    hidden: list[dict[str, Any]]
    hidden_total: int
    hidden_page: int
    hidden_pages: int
    removed: list[dict[str, Any]]
    counts: list[dict[str, Any]]  # per community (the admins' overview)


def _with_html(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**i, "html": markdown.render(i.get("body") or ""),
             "path": topic_path(i["community_slug"], i["topic_id"], i["number"] if i["kind"] == "post" else None)}
            for i in items]


def _queue(graph: Graph, community_row: dict[str, Any] | None, page: int, hidden_page: int,
           per_page: int) -> Queue:
    community_id = community_row["id"] if community_row else None
    flagged, flags = repo.queue(graph, community_id, page, per_page)
    hidden = repo.hidden(graph, community_id, hidden_page, per_page)
    return Queue(
        community=community_row, items=_with_html(flagged.items), total=flagged.total, flags=flags, page=page,
        pages=_pages(flagged.total, per_page), hidden=_with_html(hidden.items), hidden_total=hidden.total,
        hidden_page=hidden_page, hidden_pages=_pages(hidden.total, per_page),
        removed=repo.removed_members(graph, community_id) if community_id else [],
        counts=[] if community_id else repo.counts(graph),
    )


def queue(graph: Graph, actor: Person | None, slug: str, page: int = 1, hidden_page: int = 1,
          per_page: int = PER_PAGE) -> Queue:
    """The review queue of one community: flagged content, hidden content, removed members."""
    found = community(graph, slug)
    require_moderator(graph, actor, found["id"])
    return _queue(graph, found, page, hidden_page, per_page)


def overview(graph: Graph, actor: Person | None, page: int = 1, hidden_page: int = 1,
             per_page: int = PER_PAGE) -> Queue:
    """Every community's queue, for platform admins."""
    if actor is None or not actor.is_platform_admin:
        raise PermissionDenied(Message(N_("Solo gli amministratori della piattaforma vedono tutte le code di "
                                          "moderazione.")))
    return _queue(graph, None, page, hidden_page, per_page)


@dataclass(frozen=True)
class Log:
    community: dict[str, Any]
    items: list[dict[str, Any]]
    total: int
    page: int
    pages: int


def log(graph: Graph, actor: Person | None, slug: str, page: int = 1, per_page: int = PER_PAGE) -> Log:
    """The community's moderation log, latest first."""
    found = community(graph, slug)
    require_moderator(graph, actor, found["id"])
    result = repo.log_page(graph, found["id"], page, per_page)
    items = [{**i, "path": topic_path(i["topic_community_slug"], i["topic_id"], i["number"])
              if i.get("topic_id") and i.get("topic_community_slug") else None}
             for i in _with_slugs(graph, result.items)]
    return Log(community=found, items=items, total=result.total, page=page, pages=_pages(result.total, per_page))


def _with_slugs(graph: Graph, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The slug of the community each logged topic is in now (it may have been moved)."""
    slugs = {c["id"]: c["slug"] for c in repo.communities(graph)}
    return [{**i, "topic_community_slug": slugs.get(i.get("topic_community") or "")} for i in items]


# ----------------------------------------------------------------------------- actions on content


def act(graph: Graph, actor: Person | None, slug: str, target_id: str, action: str, reason: str = "") -> Target:
    """Hide, restore, dismiss the flags of, lock, unlock, pin or unpin a topic or post."""
    found = target(graph, slug, target_id)
    actor = _signed_in(actor)
    require_moderator(graph, actor, found.community_id)
    if action not in CONTENT_ACTIONS:
        raise ValidationFailed({"action": Message(N_("Azione di moderazione sconosciuta."))})
    if action in TOPIC_ONLY and found.kind != "topic":
        raise ValidationFailed({"action": Message(N_("Si possono chiudere e mettere in evidenza solo le "
                                                     "discussioni."))})
    reason = _reason(action, reason)
    done = _ACTS[action](graph, actor, found, reason)
    if not done:
        raise ValidationFailed({"action": _UNCHANGED[action]})
    return found


def _hide(graph: Graph, actor: Person, found: Target, reason: str) -> bool:
    entry = _entry(actor, found.community_id, "hide", found.id, reason)
    done = repo.set_hidden(graph, found.id, found.topic_id, found.kind == "post", True, "upheld", entry)
    if done:
        title = (N_("I facilitatori hanno nascosto la tua discussione in «%(topic)s»") if found.kind == "topic"
                 else N_("I facilitatori hanno nascosto un tuo messaggio in «%(topic)s»"))
        _tell(graph, actor, [found.author_id], Message(title, topic=found.topic_title), reason, found.path)
    return done


def _restore(graph: Graph, actor: Person, found: Target, reason: str) -> bool:
    entry = _entry(actor, found.community_id, "restore", found.id, reason)
    done = repo.set_hidden(graph, found.id, found.topic_id, found.kind == "post", False, None, entry)
    if done:
        title = (N_("I facilitatori hanno ripristinato la tua discussione in «%(topic)s»") if found.kind == "topic"
                 else N_("I facilitatori hanno ripristinato un tuo messaggio in «%(topic)s»"))
        _tell(graph, actor, [found.author_id], Message(title, topic=found.topic_title), reason, found.path)
    return done


def _dismiss(graph: Graph, actor: Person, found: Target, reason: str) -> bool:
    return repo.dismiss_flags(graph, found.id, _entry(actor, found.community_id, "flag_dismissed", found.id, reason))


def _locker(value: bool) -> Callable[[Graph, Person, Target, str], bool]:
    def run(graph: Graph, actor: Person, found: Target, reason: str) -> bool:
        entry = _entry(actor, found.community_id, "lock" if value else "unlock", found.id, reason)
        done = repo.set_locked(graph, found.id, value, entry)
        if done:
            title = (N_("I facilitatori hanno chiuso la tua discussione «%(topic)s»") if value
                     else N_("I facilitatori hanno riaperto la tua discussione «%(topic)s»"))
            _tell(graph, actor, [found.author_id], Message(title, topic=found.topic_title), reason, found.path)
        return done
    return run


def _pinner(value: bool) -> Callable[[Graph, Person, Target, str], bool]:
    def run(graph: Graph, actor: Person, found: Target, reason: str) -> bool:
        entry = _entry(actor, found.community_id, "pin" if value else "unpin", found.id, reason)
        return repo.set_pinned(graph, found.id, value, entry)
    return run


_ACTS: dict[str, Callable[[Graph, Person, Target, str], bool]] = {
    "hide": _hide, "restore": _restore, "dismiss": _dismiss, "lock": _locker(True), "unlock": _locker(False),
    "pin": _pinner(True), "unpin": _pinner(False),
}
_UNCHANGED = {
    "hide": Message(N_("Il contenuto è già nascosto.")), "restore": Message(N_("Il contenuto è già visibile.")),
    "dismiss": Message(N_("Non ci sono segnalazioni aperte su questo contenuto.")),
    "lock": Message(N_("La discussione è già chiusa.")), "unlock": Message(N_("La discussione è già aperta.")),
    "pin": Message(N_("La discussione è già in evidenza.")), "unpin": Message(N_("La discussione non è in evidenza.")),
}


def destinations(graph: Graph, community_id: str) -> list[dict[str, Any]]:
    """The communities a topic of ``community_id`` may be moved to."""
    return [c for c in repo.communities(graph) if c["id"] != community_id]


def move(graph: Graph, actor: Person | None, slug: str, topic_id: str, destination_id: str, reason: str) -> Target:
    """Move a topic (its replies and flags with it) to another community. Moving is the source
    community's decision: its facilitators may move a topic to any community."""
    found = target(graph, slug, topic_id)
    actor = _signed_in(actor)
    require_moderator(graph, actor, found.community_id)
    if found.kind != "topic":
        raise NotFoundError(topic_id)
    reason = _reason("move", reason)
    destination = next((c for c in destinations(graph, found.community_id) if c["id"] == destination_id), None)
    if destination is None:
        raise ValidationFailed({"destination": Message(N_("Scegli un'altra comunità."))})
    details = f"Da «{found.community_name}» a «{destination['name']}»"
    entry = _entry(actor, found.community_id, "move", found.id, reason, details)
    if not repo.move_topic(graph, found.id, found.community_id, destination["id"], entry):
        raise ValidationFailed({"destination": Message(N_("La discussione è stata spostata nel frattempo: ricarica la "
                                                          "pagina."))})
    _tell(graph, actor, [found.author_id],
          Message(N_("I facilitatori hanno spostato la tua discussione «%(topic)s» in «%(community)s»"),
                  topic=found.topic_title, community=destination["name"]),
          reason, topic_path(destination["slug"], found.id))
    return target(graph, destination["slug"], found.id)


# ----------------------------------------------------------------------------- actions on members


def member(graph: Graph, actor: Person | None, slug: str, person_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The community and one of its people, for the pages of warning, removal and re-admission."""
    found = community(graph, slug)
    require_moderator(graph, actor, found["id"])
    return found, _member(graph, found["id"], person_id)


def warn(graph: Graph, actor: Person | None, slug: str, person_id: str, reason: str) -> dict[str, Any]:
    """A warning: a `moderation` notification to the person, and a line in the log."""
    actor = _signed_in(actor)
    found, person = member(graph, actor, slug, person_id)
    if person["id"] == actor.id:
        raise ValidationFailed({"reason": Message(N_("Non puoi inviare un avviso a te stesso."))})
    reason = _reason("warn", reason)
    repo.warn(graph, person["id"], _entry(actor, found["id"], "warn", person["id"], reason))
    _tell(graph, actor, [person["id"]], f"Avviso dai facilitatori della comunità «{found['name']}»", reason,
          f"/comunita/{found['slug']}")
    return person


def remove_member(graph: Graph, actor: Person | None, slug: str, person_id: str, reason: str) -> dict[str, Any]:
    """Remove a person from the community: no membership, no following, no re-joining until a
    facilitator re-admits them. Facilitators and platform admins cannot be removed this way."""
    actor = _signed_in(actor)
    found, person = member(graph, actor, slug, person_id)
    if person["id"] == actor.id or person["is_facilitator"] or person["is_admin"]:
        raise ValidationFailed({"reason": Message(N_("Non si possono rimuovere i facilitatori né gli "
                                                     "amministratori."))})
    if person["removed"]:
        raise ValidationFailed({"reason": Message(N_("La persona è già stata rimossa dalla comunità."))})
    reason = _reason("remove_member", reason)
    if not repo.remove_member(graph, person["id"], found["id"],
                              _entry(actor, found["id"], "remove_member", person["id"], reason)):
        raise ValidationFailed({"reason": Message(N_("La persona è già stata rimossa dalla comunità."))})
    _tell(graph, actor, [person["id"]], f"La tua iscrizione alla comunità «{found['name']}» è stata chiusa", reason,
          f"/comunita/{found['slug']}")
    return person


def readmit(graph: Graph, actor: Person | None, slug: str, person_id: str, reason: str) -> dict[str, Any]:
    """Lift a removal: the person may join (or ask to join) again."""
    actor = _signed_in(actor)
    found, person = member(graph, actor, slug, person_id)
    reason = _reason("readmit", reason)
    if not repo.readmit(graph, person["id"], found["id"], _entry(actor, found["id"], "readmit", person["id"], reason)):
        raise ValidationFailed({"reason": Message(N_("La persona non risulta rimossa dalla comunità."))})
    _tell(graph, actor, [person["id"]], f"Puoi di nuovo partecipare alla comunità «{found['name']}»", reason,
          f"/comunita/{found['slug']}")
    return person
