"""Communities of practice: roles (``access``), the list and pages, membership, administration.

Plain functions taking the graph and the acting person (a people.Person or None). ``access()``
is the one place that says who may post and who may moderate in a community; the moderation,
cockpit, notifications and showcase parts import it. Notifications are sent after the write
has succeeded."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph import Graph
from graph.repositories import communities as repo
from graph.repositories import people
from graph.repositories.people import Person
from mentore.reference.activities import BY_CODE as ACTIVITIES
from mentore.reference.vocabularies import MEMBERSHIP_MODES, N_, Message
from mentore.services import notifications
from mentore.services.errors import NotFoundError, PermissionDenied, ServiceError, ValidationFailed

MAX_REQUEST_MESSAGE = 1000
MEMBERS_PER_PAGE = 100
#: Paths under /comunita/ that are not communities.
RESERVED_SLUGS = frozenset({"cerca", "nuova"})


class MembershipRefused(ServiceError):
    """The membership step is not possible now (already a member, removed, wrong mode)."""


@dataclass(frozen=True)
class Access:
    """What the acting person is to one community."""

    community_id: str
    is_member: bool  # BELONGS_TO
    is_facilitator: bool  # FACILITATES
    is_admin: bool  # platform admin (Person.roles has "platform_admin")
    removed: bool  # REMOVED_FROM
    requested: bool  # REQUESTED waiting
    invited: bool  # INVITED waiting

    @property
    def can_post(self) -> bool:
        """Members (and facilitators, platform admins) who were not removed."""
        return (self.is_member or self.is_facilitator or self.is_admin) and not self.removed

    @property
    def can_moderate(self) -> bool:
        """Facilitators of this community and platform admins."""
        return self.is_facilitator or self.is_admin


def access(graph: Graph, actor: Person | None, community_id: str) -> Access:
    """The actor's roles in the community; raises NotFoundError when it does not exist."""
    row = repo.access_row(graph, community_id, actor.id if actor else None)
    if row is None:
        raise NotFoundError(community_id)
    return Access(
        community_id=row["community_id"],
        is_member=bool(row["is_member"]),
        is_facilitator=bool(row["is_facilitator"]),
        is_admin=bool(actor and actor.is_platform_admin),
        removed=bool(row["removed"]),
        requested=bool(row["requested"]),
        invited=bool(row["invited"]),
    )


# ----------------------------------------------------------------------------- reads


def list_all(graph: Graph) -> list[dict[str, Any]]:
    """Every community with its member and topic counts and its facilitators."""
    return repo.list_all(graph)


def by_slug(graph: Graph, slug: str) -> dict[str, Any]:
    community = repo.by_slug(graph, slug)
    if community is None:
        raise NotFoundError(slug)
    return community


def follows(graph: Graph, actor: Person | None, community_id: str) -> bool:
    return actor is not None and repo.follows(graph, actor.id, community_id)


@dataclass(frozen=True)
class MembersView:
    members: list[dict[str, Any]]
    requests: list[dict[str, Any]]  # only for moderators
    invitations: list[dict[str, Any]]  # only for moderators


def members(graph: Graph, actor: Person | None, community: dict[str, Any], acc: Access) -> MembersView:
    """The members; facilitators and admins also see the waiting requests and invitations."""
    listed = repo.members(graph, community["id"], 0, 2000)
    if not acc.can_moderate:
        return MembersView(listed, [], [])
    return MembersView(listed, repo.requests(graph, community["id"]), repo.invitations(graph, community["id"]))


def mention_links(graph: Graph, community: dict[str, Any], names: Sequence[str]) -> dict[str, str]:
    """name → link of the members of ``community`` written as ``@[name]`` (ambiguous names, shared
    by two members, are linked to the members list without an anchor)."""
    found = repo.members_named(graph, community["id"], names) if names else {}
    base = f"/comunita/{community['slug']}/membri"
    return {name: base + (f"#membro-{people_[0][0]}" if len(people_) == 1 else "")
            for name, people_ in found.items()}


def mentioned_members(graph: Graph, community_id: str, names: Sequence[str]) -> list[str]:
    """Ids of the members named in ``names`` (an ambiguous name mentions every member so named)."""
    if not names:
        return []
    found = repo.members_named(graph, community_id, names)
    return list(dict.fromkeys(pid for matches in found.values() for pid, _name in matches))


def follower_ids(graph: Graph, community_id: str) -> list[str]:
    return repo.follower_ids(graph, community_id)


# ----------------------------------------------------------------------------- membership


def _signed_in(actor: Person | None) -> Person:
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per partecipare alle comunità.")))
    return actor


def _url(community: dict[str, Any], suffix: str = "") -> str:
    return f"/comunita/{community['slug']}{suffix}"


def _entering(graph: Graph, actor: Person | None, community: dict[str, Any]) -> tuple[Person, Access]:
    """The signed-in person about to join or ask to, and their access; refused when a
    facilitator closed their membership or when they are already in."""
    actor = _signed_in(actor)
    acc = access(graph, actor, community["id"])
    if acc.removed:
        raise MembershipRefused(Message(N_("Un facilitatore ha chiuso la tua iscrizione a questa comunità: puoi "
                                           "rientrare solo se un facilitatore ti riammette.")))
    if acc.is_member:
        raise MembershipRefused(Message(N_("Fai già parte di questa comunità.")))
    return actor, acc


def join(graph: Graph, actor: Person | None, community: dict[str, Any]) -> str:
    """Join an open community, or accept a waiting invitation; returns "joined"."""
    actor, acc = _entering(graph, actor, community)
    if community["membership_mode"] != "open" and not acc.invited and not acc.is_admin:
        raise MembershipRefused(Message(N_("Per entrare in questa comunità serve una richiesta o un invito.")))
    repo.join(graph, actor.id, community["id"])
    return "joined"


def request_to_join(graph: Graph, actor: Person | None, community: dict[str, Any], message: str) -> None:
    actor, _ = _entering(graph, actor, community)
    if community["membership_mode"] != "request":
        raise MembershipRefused(Message(N_("Questa comunità non accetta richieste di adesione.")))
    message = (message or "").strip()
    if len(message) > MAX_REQUEST_MESSAGE:
        raise ValidationFailed({"message": Message(N_("Al massimo %(max)d caratteri."), max=MAX_REQUEST_MESSAGE)})
    repo.request(graph, actor.id, community["id"], message)
    facilitators = [f["id"] for f in community.get("facilitators", [])]
    notifications.notify(graph, "membership", facilitators, actor=actor,
                         title=Message(N_("%(actor)s chiede di entrare in «%(community)s»"), actor=actor.name,
                                       community=community["name"]),
                         excerpt=message, url=_url(community, "/membri"))


def withdraw_request(graph: Graph, actor: Person | None, community: dict[str, Any]) -> None:
    repo.withdraw(graph, _signed_in(actor).id, community["id"])


def decline_invitation(graph: Graph, actor: Person | None, community: dict[str, Any]) -> None:
    repo.decline_invitation(graph, _signed_in(actor).id, community["id"])


def leave(graph: Graph, actor: Person | None, community: dict[str, Any]) -> None:
    actor = _signed_in(actor)
    acc = access(graph, actor, community["id"])
    if acc.is_facilitator:
        raise MembershipRefused(Message(N_("Sei facilitatore di questa comunità: chiedi a un amministratore della "
                                           "piattaforma di nominare chi ti sostituisce prima di uscire.")))
    if not acc.is_member:
        raise MembershipRefused(Message(N_("Non fai parte di questa comunità.")))
    repo.leave(graph, actor.id, community["id"])


def follow(graph: Graph, actor: Person | None, community: dict[str, Any], on: bool) -> None:
    actor = _signed_in(actor)
    if on and access(graph, actor, community["id"]).removed:
        raise MembershipRefused(Message(N_("Un facilitatore ha chiuso la tua iscrizione a questa comunità.")))
    repo.follow(graph, actor.id, community["id"], on)


def _require_moderator(graph: Graph, actor: Person | None, community_id: str) -> Access:
    acc = access(graph, actor, community_id)
    if not acc.can_moderate:
        raise PermissionDenied(Message(N_("Solo i facilitatori della comunità possono farlo.")))
    return acc


def decide_request(graph: Graph, actor: Person | None, community: dict[str, Any], person_id: str,
                   accept: bool) -> None:
    """A facilitator accepts or refuses a waiting request; the person is told."""
    _require_moderator(graph, actor, community["id"])
    if not repo.decide_request(graph, person_id, community["id"], accept):
        raise NotFoundError(person_id)
    title = Message(N_("La tua richiesta di entrare in «%(community)s» è stata accolta") if accept
                    else N_("La tua richiesta di entrare in «%(community)s» non è stata accolta"),
                    community=community["name"])
    notifications.notify(graph, "membership", [person_id], actor=actor, title=title, url=_url(community))


def invite(graph: Graph, actor: Person | None, community: dict[str, Any], email: str) -> Person:
    """A facilitator invites the person with this e-mail (an existing account)."""
    acc = _require_moderator(graph, actor, community["id"])
    if actor is None or not acc.can_moderate:  # pragma: no cover - _require_moderator refused already
        raise PermissionDenied(Message(N_("Accedi per invitare.")))
    person = people.by_email(graph, email or "")
    if person is None or not person.active:
        raise ValidationFailed({"email": Message(N_("Nessun account attivo con questo indirizzo e-mail."))})
    found = access(graph, person, community["id"])
    if found.is_member:
        raise ValidationFailed({"email": Message(N_("Questa persona fa già parte della comunità."))})
    if found.removed:  # re-admission is a moderation action, with its reason in the log
        raise ValidationFailed({"email": Message(N_("Questa persona è stata rimossa dalla comunità: riammettila "
                                                    "prima dalla coda di moderazione, poi invitala."))})
    repo.invite(graph, person.id, community["id"], actor.id)
    notifications.notify(graph, "membership", [person.id], actor=actor,
                         title=Message(N_("%(actor)s ti invita nella comunità «%(community)s»"), actor=actor.name,
                                       community=community["name"]),
                         url=_url(community))
    return person


# ----------------------------------------------------------------------------- administration


@dataclass(frozen=True)
class CommunityInput:
    name: str
    description: str
    membership_mode: str
    activities: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    facilitator_emails: tuple[str, ...] = ()


def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-") or "comunita"


def _require_admin(actor: Person | None) -> Person:
    if actor is None or not actor.is_platform_admin:
        raise PermissionDenied(Message(N_("Solo gli amministratori della piattaforma gestiscono le comunità.")))
    return actor


def facilitator_emails(graph: Graph, actor: Person | None, community: dict[str, Any]) -> list[str]:
    """The facilitators' e-mails, for the administration form only."""
    _require_admin(actor)
    return repo.facilitator_emails(graph, community["id"])


def _facilitators(graph: Graph, emails: Sequence[str]) -> list[Person]:
    found, unknown = [], []
    for email in emails:
        person = people.by_email(graph, email)
        if person is None or not person.active:
            unknown.append(email)
        else:
            found.append(person)
    if unknown:
        raise ValidationFailed({"facilitators": Message(N_("Nessun account attivo con questi indirizzi: %(emails)s."),
                                                        emails=", ".join(unknown))})
    return found


def _check(data: CommunityInput) -> None:
    errors = {}
    if data.membership_mode not in MEMBERSHIP_MODES:
        errors["membership_mode"] = Message(N_("Modalità di adesione non valida."))
    if any(code not in ACTIVITIES for code in data.activities):
        errors["activities"] = Message(N_("Attività non valida."))
    if errors:
        raise ValidationFailed(errors)


def save(graph: Graph, actor: Person | None, community: dict[str, Any] | None, data: CommunityInput) -> str:
    """Create (``community`` None) or edit a community; returns its slug. Newly appointed
    facilitators are logged as ``appoint_facilitator`` moderation actions."""
    actor = _require_admin(actor)
    _check(data)
    facilitators = _facilitators(graph, data.facilitator_emails)
    if community is None:
        community_id, slug = str(uuid.uuid4()), slugify(data.name)
        base, n = slug, 2
        while slug in RESERVED_SLUGS or repo.slug_taken(graph, slug):
            slug, n = f"{base}-{n}", n + 1
    else:
        community_id, slug = community["id"], community["slug"]
    repo.save(graph, community_id, slug=slug, name=data.name.strip(), description=data.description.strip(),
              mode=data.membership_mode, activities=data.activities, territories=data.territories)
    from mentore.services import moderation  # imports this module: a top-level import would be circular

    appointed = repo.set_facilitators(graph, community_id, [p.id for p in facilitators])
    for person_id in appointed:
        moderation.record(graph, actor, community_id, "appoint_facilitator", person_id,
                          details=next(p.name for p in facilitators if p.id == person_id))
    return slug
