"""Organisations: profile create/update, membership, directory and profile page (verification:
services.verification).

Plain functions taking the graph and the acting person (``actor``: a people.Person or None).
Authorisation lives here, in one place: organisation admins edit their organisation, platform
admins edit and verify any; a person's data is shown only to members and platform admins."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph import Conflict, Graph
from graph.repositories import organisations as repo
from graph.repositories.people import Person
from mentore.reference.activities import BY_CODE as ACTIVITIES
from mentore.reference.competencies import BY_ID as COMPETENCIES
from mentore.reference.places import gazetteer
from mentore.reference.vocabularies import (
    LEGAL_FORMS,
    N_,
    ORGANISATION_KINDS,
    RUNTS_SECTIONS,
    Message,
)
from mentore.services import search, verification
from mentore.services.errors import NotFoundError, PermissionDenied, ValidationFailed
from mentore.services.querystring import QueryReader

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
DUPLICATE_CF = "Esiste già un'organizzazione con questo codice fiscale."


@dataclass(frozen=True)
class ProfileInput:
    """A validated profile (the form or the API checked its shape)."""

    name: str
    kind: str
    legal_form: str
    codice_fiscale: str
    seat: str  # comune territory id
    runts_section: str | None = None
    runts_number: str | None = None
    description: str = ""
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    founded: int | None = None
    resources: tuple[str, ...] = ()
    works_in: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()

    def props(self) -> dict[str, Any]:
        values = {
            "name": self.name, "kind": self.kind, "legal_form": self.legal_form,
            "codice_fiscale": self.codice_fiscale, "runts_section": self.runts_section,
            "runts_number": self.runts_number, "description": self.description, "website": self.website,
            "email": self.email, "phone": self.phone, "founded": self.founded,
            "resources": list(self.resources),
        }
        return values  # None removes a property in Neo4j: a cleared field is really cleared


# ----------------------------------------------------------------------------- permissions


def role_in(graph: Graph, actor: Person | None, organisation_id: str) -> str | None:
    if actor is None:
        return None
    return repo.member_role(graph, actor.id, organisation_id)


def can_edit(graph: Graph, actor: Person | None, organisation_id: str) -> bool:
    if actor is None:
        return False
    return actor.is_platform_admin or role_in(graph, actor, organisation_id) == "admin"


def require_editor(graph: Graph, actor: Person | None, organisation_id: str) -> None:
    """NotFoundError for an unknown organisation; PermissionDenied, with the reason, for whoever
    may not edit it."""
    editable_profile(graph, actor, organisation_id)


def editable_profile(graph: Graph, actor: Person | None, organisation_id: str) -> dict[str, Any]:
    """The profile, read once, for whoever may edit it (else as ``require_editor``)."""
    profile = public_profile(graph, organisation_id)
    if not can_edit(graph, actor, organisation_id):
        raise PermissionDenied(Message(N_("Solo gli amministratori dell'organizzazione possono modificarla.")))
    return profile


# ----------------------------------------------------------------------------- writes


def create(graph: Graph, actor: Person | None, data: ProfileInput) -> str:
    """A new organisation; its creator becomes its administrator, in the same transaction."""
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per registrare un'organizzazione.")))
    organisation_id = str(uuid.uuid4())
    try:
        repo.save_profile(graph, organisation_id, data.props(), data.seat, data.works_in, data.activities,
                          data.competencies, admin_person_id=actor.id)
    except Conflict as exc:
        raise ValidationFailed({"codice_fiscale": DUPLICATE_CF}) from exc
    return organisation_id


def update(graph: Graph, actor: Person | None, organisation_id: str, data: ProfileInput) -> bool:
    """Save the profile; True when the change took the organisation's verification back: its
    administrators changed what the platform's administrators had verified (name, kind, legal
    form, codice fiscale, RUNTS enrolment: ``repo.VERIFIED_PROPERTIES``); they may ask again."""
    require_editor(graph, actor, organisation_id)
    try:
        return repo.save_profile(graph, organisation_id, data.props(), data.seat, data.works_in, data.activities,
                                 data.competencies, keep_verified=bool(actor and actor.is_platform_admin))
    except Conflict as exc:
        raise ValidationFailed({"codice_fiscale": DUPLICATE_CF}) from exc


def request_to_join(graph: Graph, actor: Person | None, organisation_id: str, message: str = "") -> bool:
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per chiedere di aderire.")))
    if repo.profile(graph, organisation_id) is None:
        raise NotFoundError(organisation_id)
    return repo.request_to_join(graph, actor.id, organisation_id, message.strip()[:500])


def answer_join_request(graph: Graph, actor: Person | None, organisation_id: str, person_id: str,
                        approve: bool) -> bool:
    require_editor(graph, actor, organisation_id)
    pending = {r["id"] for r in repo.join_requests(graph, organisation_id)}
    if person_id not in pending:
        raise NotFoundError(person_id)
    if approve:
        return repo.add_member(graph, person_id, organisation_id, "member")
    return repo.decline_request(graph, person_id, organisation_id)


# ----------------------------------------------------------------------------- reads


@dataclass(frozen=True)
class OrganisationPage:
    profile: dict[str, Any]
    needs: list[dict[str, Any]]
    helped: list[dict[str, Any]]  # needs met whose poster named it as having helped
    needs_total: int  # of which ``needs`` are the newest (at most 20), and ``helped`` the latest
    helped_total: int
    partnerships: list[dict[str, Any]]
    communities: list[dict[str, Any]]
    members: list[dict[str, Any]] | None  # None: not visible to this person
    join_requests: list[dict[str, Any]]
    role: str | None
    join_requested: bool
    can_edit: bool
    can_verify: bool
    verification: verification.Status | None  # for its administrators and platform admins


def page(graph: Graph, actor: Person | None, organisation_id: str) -> OrganisationPage:
    profile = repo.profile(graph, organisation_id)
    if profile is None:
        raise NotFoundError(organisation_id)
    role = role_in(graph, actor, organisation_id)
    editor = actor is not None and (actor.is_platform_admin or role == "admin")
    sees_people = role is not None or (actor is not None and actor.is_platform_admin)
    activity = repo.activity(graph, organisation_id)
    return OrganisationPage(
        profile=profile,
        needs=activity["needs"], helped=activity["helped"], partnerships=activity["partnerships"],
        needs_total=activity["needs_total"], helped_total=activity["helped_total"],
        communities=activity["communities"],
        members=repo.members(graph, organisation_id) if sees_people else None,
        join_requests=repo.join_requests(graph, organisation_id) if editor else [],
        role=role,
        join_requested=bool(actor and role is None and repo.join_requested(graph, actor.id, organisation_id)),
        can_edit=editor,
        can_verify=bool(actor and actor.is_platform_admin),
        verification=verification.status(graph, actor, profile, role),
    )


def public_profile(graph: Graph, organisation_id: str) -> dict[str, Any]:
    profile = repo.profile(graph, organisation_id)
    if profile is None:
        raise NotFoundError(organisation_id)
    return profile


def memberships(graph: Graph, actor: Person | None) -> list[dict[str, Any]]:
    return repo.organisations_of(graph, actor.id) if actor else []


# ----------------------------------------------------------------------------- directory

FILTER_VOCABULARIES: dict[str, Mapping[str, Any]] = {
    "kind": ORGANISATION_KINDS,
    "legal_form": LEGAL_FORMS,
    "runts_section": RUNTS_SECTIONS,
    "activity": ACTIVITIES,
    "competency": COMPETENCIES,
}


@dataclass(frozen=True)
class DirectoryQuery:
    q: str = ""
    kind: tuple[str, ...] = ()
    legal_form: tuple[str, ...] = ()
    runts_section: tuple[str, ...] = ()
    activity: tuple[str, ...] = ()
    competency: tuple[str, ...] = ()
    territory: tuple[str, ...] = ()
    verified: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def has_filters(self) -> bool:
        return bool(self.q or self.kind or self.legal_form or self.runts_section or self.activity
                    or self.competency or self.territory or self.verified)


@dataclass(frozen=True)
class DirectoryResult:
    query: DirectoryQuery
    total: int
    items: list[dict[str, Any]]
    facets: dict[str, Any]
    pages: int = field(default=1)


def parse_directory_query(args: Mapping[str, Sequence[str]],
                          competencies: Collection[str] | None = None) -> tuple[DirectoryQuery, dict[str, str]]:
    """Read the query string (each key → its list of values). Unknown filter values are
    errors (the API answers 400; the page says so and ignores them). ``competencies``: the
    vocabulary in the graph (admins extend it); the curated list when not given."""
    read = QueryReader(args)
    vocabularies = {**FILTER_VOCABULARIES, "competency": competencies if competencies is not None else COMPETENCIES}
    sort = read.first("sort", "relevance")
    if sort not in repo.SORTS:
        read.errors["sort"] = Message(N_("Ordinamento non valido."))
        sort = "relevance"
    query = DirectoryQuery(
        q=read.first("q").strip()[:search.MAX_QUERY_LENGTH],
        **{name: read.values(name, vocabularies[name]) for name in vocabularies},
        territory=read.values("territory", gazetteer().by_id, N_("Territorio sconosciuto: %(values)s.")),
        verified=read.first("verified").lower() in ("1", "true", "si", "sì", "on", "yes"),
        sort=sort, page=read.integer("page", 1, 1, 10_000),
        per_page=read.integer("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    )
    return query, read.errors


def directory(graph: Graph, query: DirectoryQuery) -> DirectoryResult:
    filters = repo.DirectoryFilters(
        lucene=search.lucene_query(query.q), kinds=query.kind, legal_forms=query.legal_form,
        sections=query.runts_section, activities=query.activity, competencies=query.competency,
        territories=query.territory, verified=query.verified, sort=query.sort,
    )
    found = repo.search(graph, filters, query.page, query.per_page)
    pages = max(1, -(-found.total // query.per_page))
    return DirectoryResult(query=query, total=found.total, items=found.items, facets=found.facets, pages=pages)


def resolve_name(graph: Graph, name: str) -> tuple[str | None, list[dict[str, Any]], Message | None]:
    """An organisation named ``name`` as a person types it: (id, candidates, error): the one
    whose name it is, or the only one the directory's full-text search finds; else the
    candidates (at most 5, those whose name it is first) and why none was taken."""
    name = name[:200]
    found = repo.named(graph, name, search.lucene_query(name), limit=NAME_CANDIDATES + 1)
    exact = [i for i in found if i["exact"]]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]["id"], [], None
    if not found:
        return None, [], Message(N_("Nessuna organizzazione trovata con questo nome."))
    return None, found[:NAME_CANDIDATES], Message(N_("Più organizzazioni corrispondono a questo nome: scegli quella "
                                                     "giusta dall'elenco."))


#: How many organisations a name that finds several offers to choose from.
NAME_CANDIDATES = 5
