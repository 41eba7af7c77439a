"""People: accounts, platform roles, identity. Passwords arrive already hashed (argon2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.driver import Graph

#: Platform-wide roles; organisation roles live on MEMBER_OF relationships.
PLATFORM_ROLES = ("platform_admin", "facilitator")

PERSON_FIELDS = """
  id: p.id, name: p.name, email: p.email, roles: coalesce(p.roles, []), locale: p.locale,
  password_hash: p.password_hash, active: coalesce(p.active, true) AND NOT coalesce(p.deleted, false),
  session_version: coalesce(p.session_version, 0), job_title: p.job_title,
  created_at: toString(p.created_at)
"""

FIND_BY_ID = f"MATCH (p:Person {{id: $id}}) RETURN p {{{PERSON_FIELDS}}} AS person"
FIND_BY_EMAIL = f"MATCH (p:Person {{email: $email}}) RETURN p {{{PERSON_FIELDS}}} AS person"

CREATE_PERSON = f"""
CREATE (p:Person {{id: randomUUID(), name: $name, email: $email, password_hash: $password_hash,
                   roles: $roles, locale: $locale, active: true, session_version: 0,
                   created_at: datetime()}})
RETURN p {{{PERSON_FIELDS}}} AS person
"""

UPDATE_CREDENTIALS = """
MATCH (p:Person {id: $id})
SET p.password_hash = $password_hash, p.session_version = coalesce(p.session_version, 0) + 1,
    p.password_changed_at = datetime()
RETURN p.id AS id
"""

SET_LOCALE = """
MATCH (p:Person {id: $id})
SET p.locale = $locale
RETURN p.id AS id
"""

SET_ROLES = """
MATCH (p:Person {id: $id})
SET p.roles = $roles
RETURN p.id AS id
"""


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    email: str | None
    roles: tuple[str, ...]
    locale: str | None
    password_hash: str | None
    active: bool
    session_version: int
    job_title: str | None = None
    created_at: str | None = None

    @property
    def is_platform_admin(self) -> bool:
        return "platform_admin" in self.roles


def normalise_email(email: str) -> str:
    return email.strip().lower()


def from_row(row: dict[str, Any]) -> Person:
    """A Person from a row whose ``person`` column is a PERSON_FIELDS projection."""
    data = dict(row["person"])
    data["roles"] = tuple(data["roles"] or ())
    return Person(**data)


def get(graph: Graph, person_id: str) -> Person | None:
    rows = graph.read(FIND_BY_ID, id=person_id)
    return from_row(rows[0]) if rows else None


def by_email(graph: Graph, email: str) -> Person | None:
    rows = graph.read(FIND_BY_EMAIL, email=normalise_email(email))
    return from_row(rows[0]) if rows else None


def create(graph: Graph, *, name: str, email: str, password_hash: str | None,
           roles: tuple[str, ...] = (), locale: str = "it") -> Person:
    """Create an account; raises graph.Conflict (field ``email``) when the e-mail is taken."""
    unknown = set(roles) - set(PLATFORM_ROLES)
    if unknown:
        raise ValueError(f"unknown platform roles: {sorted(unknown)}")
    rows = graph.write(CREATE_PERSON, name=name.strip(), email=normalise_email(email),
                       password_hash=password_hash, roles=list(roles), locale=locale)
    return from_row(rows[0])


def set_password(graph: Graph, person_id: str, password_hash: str) -> bool:
    """Store a new hash and bump the session version, which signs out other sessions."""
    return bool(graph.write(UPDATE_CREDENTIALS, id=person_id, password_hash=password_hash))


def set_locale(graph: Graph, person_id: str, locale: str) -> bool:
    """The language the person chose (their notifications' digests are written in it)."""
    return bool(graph.write(SET_LOCALE, id=person_id, locale=locale))


def set_roles(graph: Graph, person_id: str, roles: tuple[str, ...]) -> bool:
    unknown = set(roles) - set(PLATFORM_ROLES)
    if unknown:
        raise ValueError(f"unknown platform roles: {sorted(unknown)}")
    return bool(graph.write(SET_ROLES, id=person_id, roles=sorted(set(roles))))
