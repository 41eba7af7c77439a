"""Verification of organisations by the platform's administrators.

An organisation's administrators ask for it (``ask``, with a message if they wish); every
platform admin is notified, and finds the request first in the queue (``queue``, the oldest
first). A platform admin verifies the organisation (``set_verified``: its pending request is
approved) or does not accept the request (``refuse``, with one of REFUSAL_REASONS and a note).
The organisation's members are told either way, and of a verification taken back; its
administrators can ask again after a refusal, and withdraw a request still waiting
(``withdraw``). Verified organisations are what a need that asks for verified helpers accepts
(``Need.only_verified``) and what the partner finder's "only verified" keeps.

Plain functions taking the graph and the acting person; authorisation lives here."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from graph import Graph
from graph.repositories import organisations as organisations_repo
from graph.repositories import verification as repo
from graph.repositories.people import Person
from mentore import clock
from mentore.reference.vocabularies import N_, Message
from mentore.services import notifications
from mentore.services.errors import NotFoundError, PermissionDenied, ValidationFailed

MESSAGE_MAX = 1000
NOTE_MAX = 1000
#: Requests shown at once in the queue (the oldest first); the rest after these are decided.
QUEUE_MAX = 100

ADMINS_ONLY = N_("Solo gli amministratori della piattaforma verificano le organizzazioni.")

#: Why a request is not accepted; those of NOTE_REQUIRED need the admin's note.
REFUSAL_REASONS = {
    "dati": N_("I dati del profilo non corrispondono a quelli del codice fiscale."),
    "runts": N_("L'iscrizione al RUNTS indicata nel profilo non risulta."),
    "informazioni": N_("Servono altre informazioni, indicate nella nota."),
    "altro": N_("Un altro motivo, indicato nella nota."),
}
NOTE_REQUIRED = frozenset({"informazioni", "altro"})
#: A request's state, as the organisation's page lists its past ones.
REQUEST_STATES = {"pending": N_("in attesa"), "approved": N_("accolta"), "refused": N_("non accolta"),
                  "withdrawn": N_("ritirata")}

ASKED = N_("%(organisation)s chiede di essere verificata")
VERIFIED = N_("%(organisation)s è stata verificata dagli amministratori della piattaforma")
REVOKED = N_("La verifica di %(organisation)s è stata revocata dagli amministratori della piattaforma")
REFUSED = N_("La richiesta di verifica di %(organisation)s non è stata accolta")


@dataclass(frozen=True)
class Status:
    """What the organisation's page shows of its verification to those who may see it."""

    verified: bool
    verified_at: str | None
    history: list[dict[str, Any]]  # its requests, the newest first (pending, approved, refused, withdrawn)
    administrator: bool  # the person is one of its administrators

    @property
    def pending(self) -> dict[str, Any] | None:
        return self.history[0] if self.history and self.history[0]["status"] == "pending" else None

    @property
    def can_ask(self) -> bool:
        """One of its administrators may ask: it is neither verified nor waiting."""
        return self.administrator and not self.verified and self.pending is None

    @property
    def refused(self) -> dict[str, Any] | None:
        """The latest request, when it was not accepted (and none is waiting since)."""
        return self.history[0] if self.history and self.history[0]["status"] == "refused" else None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def _organisation(graph: Graph, organisation_id: str) -> dict[str, Any]:
    profile = organisations_repo.profile(graph, organisation_id)
    if profile is None:
        raise NotFoundError(organisation_id)
    return profile


def _require_platform_admin(actor: Person | None) -> Person:
    if actor is None or not actor.is_platform_admin:
        raise PermissionDenied(Message(ADMINS_ONLY))
    return actor


def _require_organisation_admin(graph: Graph, actor: Person | None, organisation_id: str) -> dict[str, Any]:
    """The organisation's profile, for one of its administrators (who alone ask for its
    verification, or withdraw the request); else PermissionDenied, or NotFoundError."""
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per chiedere la verifica di un'organizzazione.")))
    profile = _organisation(graph, organisation_id)
    if organisations_repo.member_role(graph, actor.id, organisation_id) != "admin":
        raise PermissionDenied(Message(N_("Solo gli amministratori dell'organizzazione possono chiederne la "
                                          "verifica.")))
    return profile


def _url(organisation_id: str) -> str:
    return f"/organizzazioni/{organisation_id}#verifica"


def status(graph: Graph, actor: Person | None, profile: dict[str, Any], role: str | None) -> Status | None:
    """The verification as the organisation's page shows it to its administrators and to platform
    admins (``role``: the person's in the organisation); None for anyone else."""
    admin = actor is not None and actor.is_platform_admin
    if not (admin or role == "admin"):
        return None
    return Status(verified=bool(profile.get("verified")), verified_at=profile.get("verified_at"),
                  history=repo.history(graph, profile["id"]), administrator=role == "admin")


def ask(graph: Graph, actor: Person | None, organisation_id: str, message: str = "") -> dict[str, Any]:
    """An administrator of the organisation asks for its verification: {id, created}; created is
    False when a request was already waiting (it is returned, nothing is written)."""
    profile = _require_organisation_admin(graph, actor, organisation_id)
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationFailed({"message": Message(N_("Al massimo %(max)d caratteri."), max=MESSAGE_MAX)})
    if not profile.get("codice_fiscale"):
        raise ValidationFailed({"message": Message(N_("Indica il codice fiscale nel profilo: gli amministratori "
                                                      "della piattaforma lo controllano per la verifica."))})
    outcome, request_id = repo.ask(graph, organisation_id, actor.id, str(uuid.uuid4()), message, _now())
    if outcome == "missing":
        raise NotFoundError(organisation_id)
    if outcome == "verified":
        raise ValidationFailed({"message": Message(N_("%(organisation)s è già verificata."),
                                                   organisation=profile["name"])})
    if outcome == "created":
        admins = [p["id"] for p in repo.platform_admins(graph)]
        notifications.notify(graph, "verification", admins, actor=actor,
                             title=Message(ASKED, organisation=profile["name"]), excerpt=message,
                             url=_url(organisation_id))
    return {"id": request_id, "created": outcome == "created"}


def withdraw(graph: Graph, actor: Person | None, organisation_id: str) -> str:
    """An administrator of the organisation withdraws its pending request (asked by mistake, or to
    ask again with more to say): it leaves the queue and stays in the history. Its id."""
    profile = _require_organisation_admin(graph, actor, organisation_id)
    request_id = repo.withdraw(graph, organisation_id, _now())
    if request_id is None:
        raise ValidationFailed({"message": Message(N_("%(organisation)s non ha richieste di verifica in attesa."),
                                                   organisation=profile["name"])})
    return request_id


def set_verified(graph: Graph, actor: Person | None, organisation_id: str, verified: bool) -> bool:
    """A platform admin verifies the organisation (its pending request, if any, is approved) or
    takes its verification back; its members are told. False when nothing changed."""
    admin = _require_platform_admin(actor)
    profile = _organisation(graph, organisation_id)
    was = bool(profile.get("verified"))
    repo.set_verified(graph, organisation_id, verified, admin.id, _now())
    if was == verified:
        return False
    members = [m["id"] for m in organisations_repo.members(graph, organisation_id)]
    notifications.notify(graph, "verification", members, actor=admin,
                         title=Message(VERIFIED if verified else REVOKED, organisation=profile["name"]),
                         url=_url(organisation_id))
    return True


def refuse(graph: Graph, actor: Person | None, organisation_id: str, reason: str, note: str = "") -> str:
    """A platform admin does not accept the organisation's pending request, for ``reason`` (one
    of REFUSAL_REASONS; a note is required for NOTE_REQUIRED); its members are told why. The
    request's id."""
    admin = _require_platform_admin(actor)
    profile = _organisation(graph, organisation_id)
    note = (note or "").strip()
    errors: dict[str, Any] = {}
    if reason not in REFUSAL_REASONS:
        errors["reason"] = Message(N_("Scegli il motivo."))
    elif reason in NOTE_REQUIRED and not note:
        errors["note"] = Message(N_("Scrivi nella nota che cosa manca o il motivo: l'organizzazione la legge."))
    if len(note) > NOTE_MAX:
        errors["note"] = Message(N_("Al massimo %(max)d caratteri."), max=NOTE_MAX)
    if errors:
        raise ValidationFailed(errors)
    request_id = repo.refuse(graph, organisation_id, admin.id, reason, note, _now())
    if request_id is None:
        raise ValidationFailed({"reason": Message(N_("%(organisation)s non ha richieste di verifica in attesa."),
                                                  organisation=profile["name"])})
    members = [m["id"] for m in organisations_repo.members(graph, organisation_id)]
    excerpt = REFUSAL_REASONS[reason] + (f" {note}" if note else "")
    notifications.notify(graph, "verification", members, actor=admin,
                         title=Message(REFUSED, organisation=profile["name"]), excerpt=excerpt,
                         url=_url(organisation_id))
    return request_id


#: Days after which a request has waited long: the queue marks it, and the admins are reminded of it.
LONG_WAIT = 7


def waiting_days(asked: str | None, today: dt.date) -> int:
    """Whole days from the day (in Italy) a request was asked (ISO text) to ``today``; 0 for none."""
    try:
        return max(0, (today - clock.day_of(asked or "")).days)
    except ValueError:
        return 0


#: While a request waits, the platform admins are reminded of it once every LONG_WAIT days, the
#: first time when it has waited LONG_WAIT days: one notification for all the requests due.
REMINDED_ONE = N_("La richiesta di verifica di %(organisation)s aspetta da %(days)s giorni")
REMINDED_MANY = N_("%(count)s richieste di verifica aspettano da %(min)s giorni o più, la più vecchia da "
                   "%(days)s giorni")
QUEUE_URL = "/admin/#requests-title"


def remind_waiting(graph: Graph, today: dt.date, days: int = LONG_WAIT) -> int:
    """Remind every platform admin of the requests that have waited ``days`` days or more on
    ``today`` and were not reminded of in the last ``days`` days: one notification, the oldest
    named first. Returns how many requests it named."""
    cutoff = today - dt.timedelta(days=days)
    due = repo.due_reminder(graph, clock.day_end(cutoff))  # asked on the cutoff or before
    if not due:
        return 0
    oldest = str(waiting_days(due[0]["created_at"], today))
    title = (Message(REMINDED_ONE, organisation=due[0]["organisation"], days=oldest) if len(due) == 1 else
             Message(REMINDED_MANY, count=str(len(due)), min=str(days), days=oldest))
    admins = [p["id"] for p in repo.platform_admins(graph)]
    notifications.notify(graph, "verification", admins, actor=None, title=title,
                         excerpt=", ".join(r["organisation"] for r in due), url=QUEUE_URL)
    # after: a crash in between reminds twice, not never
    repo.mark_reminded(graph, [r["id"] for r in due], today.isoformat())
    return len(due)


@dataclass(frozen=True)
class Queue:
    requests: list[dict[str, Any]]  # organisations with a pending request, the oldest first
    requests_total: int
    others: list[dict[str, Any]]  # the other organisations not verified, the newest first (a page)
    others_total: int


def queue(graph: Graph, actor: Person | None, page: int, per_page: int) -> Queue:
    """The platform admins' queue: the requests waiting, then the other organisations not
    verified, a page at a time."""
    _require_platform_admin(actor)
    requests_total, requests = repo.pending(graph, 1, QUEUE_MAX)
    today = clock.today()
    for item in requests:  # how long each has waited: the queue marks those past LONG_WAIT
        item["request"]["waiting_days"] = waiting_days(item["request"]["created_at"], today)
    others_total, others = repo.unverified(graph, page, per_page)
    return Queue(requests=requests, requests_total=requests_total, others=others, others_total=others_total)
