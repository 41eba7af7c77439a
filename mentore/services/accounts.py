"""Accounts: sign-up, login with a rate limit kept in the graph, password change and reset,
personal API tokens, the personal data export and account deletion (GDPR), administrators.

Plain functions taking the graph and, where someone acts, the acting person. No Flask here:
the web layer turns the exceptions below into Italian messages.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadData, URLSafeTimedSerializer

from graph import Conflict, Graph
from graph.repositories import accounts as repo
from graph.repositories import people, throttle
from graph.repositories.people import Person
from mentore.services import markdown

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # argon2 takes any length; this only bounds the work per request
RESET_SALT = "password-reset"
RESET_MAX_AGE = 60 * 60
RESET_MAILS_PER_WINDOW = 3
RESET_WINDOW_SECONDS = 15 * 60
TOKEN_PREFIX = "mnt_"

_hasher = PasswordHasher()


# --- errors the web layer translates -------------------------------------------------------

class AccountError(Exception):
    """Base class: a use case refused what was asked."""


class EmailTaken(AccountError):
    """Another account already uses this e-mail."""


class InvalidCredentials(AccountError):
    """Wrong e-mail or password (deliberately not saying which)."""


class TooManyAttempts(AccountError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed attempts, retry in {retry_after} s")
        self.retry_after = retry_after

    @property
    def minutes(self) -> int:
        return max(1, -(-self.retry_after // 60))


class WrongPassword(AccountError):
    """The current password given to change it is not the right one."""


class WeakPassword(AccountError):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class InvalidResetToken(AccountError):
    """The reset link is forged, expired, or was already used."""


class ConfirmationMismatch(AccountError):
    """The e-mail typed to confirm the deletion is not the account's."""


# --- passwords -------------------------------------------------------------------------------

def password_problem(password: str, email: str | None) -> str | None:
    """``"too_short"``, ``"too_long"``, ``"same_as_email"`` or None when the password is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "too_short"
    if len(password) > MAX_PASSWORD_LENGTH:
        return "too_long"
    if email and password.strip().lower() == people.normalise_email(email):
        return "same_as_email"
    return None


def _check_password(password: str, email: str | None) -> None:
    problem = password_problem(password, email)
    if problem:
        raise WeakPassword(problem)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


# --- sign-up and login -------------------------------------------------------------------

@dataclass(frozen=True)
class LoginLimits:
    """Failed logins allowed per e-mail and per client address within one window."""

    per_email: int = 5
    per_client: int = 20
    window_seconds: int = 15 * 60


DEFAULT_LIMITS = LoginLimits()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sign_up(graph: Graph, *, name: str, email: str, password: str, locale: str = "it") -> Person:
    _check_password(password, email)
    try:
        return people.create(graph, name=name, email=email, password_hash=hash_password(password), locale=locale)
    except Conflict as exc:
        raise EmailTaken(email) from exc


def _email_key(email: str) -> str:
    # The e-mail is hashed: throttle nodes must not keep addresses around after a deletion.
    return f"login:email:{_digest(people.normalise_email(email))}"


def _login_keys(email: str, client: str | None, limits: LoginLimits) -> dict[str, int]:
    keys = {_email_key(email): limits.per_email}
    if client:
        keys[f"login:client:{client}"] = limits.per_client
    return keys


def log_in(graph: Graph, *, email: str, password: str, client: str | None,
           limits: LoginLimits = DEFAULT_LIMITS) -> Person:
    """The person whose e-mail and password these are.

    Raises TooManyAttempts before checking anything when a counter is full, InvalidCredentials
    (the same for an unknown e-mail and a wrong password, after the same hashing work) otherwise.
    A success clears the e-mail's counter and upgrades an outdated hash."""
    keys = _login_keys(email, client, limits)
    windows = throttle.status(graph, list(keys), limits.window_seconds)
    full = [w.retry_after for key, w in windows.items() if w.count >= keys[key]]
    if full:
        raise TooManyAttempts(max(full))
    person = people.by_email(graph, email)
    if person is None or not person.password_hash or not person.active:
        verify_password(_dummy_hash(), password)
        ok = False
    else:
        ok = verify_password(person.password_hash, password)
    if not ok or person is None:
        throttle.hit(graph, list(keys), limits.window_seconds)
        raise InvalidCredentials()
    throttle.clear(graph, _email_key(email))
    if person.password_hash and needs_rehash(person.password_hash):
        repo.replace_hash(graph, person.id, old_hash=person.password_hash, new_hash=hash_password(password))
    return person


def reload(graph: Graph, actor: Person) -> Person:
    """The person as the graph holds them now (after a change of password or roles)."""
    person = people.get(graph, actor.id)
    if person is None:
        raise InvalidCredentials()
    return person


def remember_language(graph: Graph, actor: Person | None, code: str) -> None:
    """Keep the language a signed-in person chose on their account, where the e-mails sent
    outside a visit to the site (the notifications' digests) read it. Visitors: nothing."""
    if actor is not None and actor.locale != code:
        people.set_locale(graph, actor.id, code)


def change_password(graph: Graph, actor: Person, *, current: str, new: str) -> Person:
    """Check the current password, store the new one; every other session is signed out."""
    stored = reload(graph, actor)
    if not stored.password_hash or not verify_password(stored.password_hash, current):
        raise WrongPassword()
    _check_password(new, stored.email)
    people.set_password(graph, stored.id, hash_password(new))
    return reload(graph, stored)


# --- password reset ------------------------------------------------------------------------

def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=RESET_SALT)


def make_reset_token(secret: str, person: Person) -> str:
    """A signed token naming the person and their session version: setting a password bumps
    the version, so the token works once."""
    return _serializer(secret).dumps({"p": person.id, "v": person.session_version})


def read_reset_token(secret: str, token: str, max_age: int = RESET_MAX_AGE) -> tuple[str, int]:
    """(person id, session version) from a token; InvalidResetToken if forged or expired."""
    try:
        data = _serializer(secret).loads(token, max_age=max_age)
    except BadData as exc:
        raise InvalidResetToken() from exc
    if not isinstance(data, dict) or not isinstance(data.get("p"), str) or not isinstance(data.get("v"), int):
        raise InvalidResetToken()
    return data["p"], data["v"]


def reset_token_for(graph: Graph, email: str, *, secret: str) -> tuple[Person, str] | None:
    """The person and a fresh reset token, or None when no active account has this e-mail, or
    when this address has already been sent RESET_MAILS_PER_WINDOW links (no mail bombing).
    Every request is counted, known address or not, so the work done reveals nothing."""
    key = f"reset:email:{_digest(people.normalise_email(email))}"
    if throttle.hit(graph, [key], RESET_WINDOW_SECONDS)[key].count > RESET_MAILS_PER_WINDOW:
        return None
    person = people.by_email(graph, email)
    if person is None or not person.active or not person.email:
        return None
    return person, make_reset_token(secret, person)


def person_for_reset(graph: Graph, token: str, *, secret: str, max_age: int = RESET_MAX_AGE) -> Person:
    person_id, version = read_reset_token(secret, token, max_age)
    person = people.get(graph, person_id)
    if person is None or not person.active or person.session_version != version:
        raise InvalidResetToken()
    return person


def reset_password(graph: Graph, token: str, new_password: str, *, secret: str,
                   max_age: int = RESET_MAX_AGE) -> Person:
    person = person_for_reset(graph, token, secret=secret, max_age=max_age)
    _check_password(new_password, person.email)
    people.set_password(graph, person.id, hash_password(new_password))
    if person.email:  # whoever could not log in may now: their failures are forgiven
        throttle.clear(graph, _email_key(person.email))
    return reload(graph, person)


# --- personal API tokens -------------------------------------------------------------------

@dataclass(frozen=True)
class NewToken:
    secret: str  # shown once, never stored
    token: repo.ApiToken


def token_hash(secret: str) -> str:
    return _digest(secret)


def create_api_token(graph: Graph, actor: Person, name: str) -> NewToken:
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    created = repo.create_token(graph, actor.id, token_hash=token_hash(secret), name=name.strip())
    if created is None:
        raise InvalidCredentials()
    return NewToken(secret, created)


def api_tokens(graph: Graph, actor: Person) -> list[repo.ApiToken]:
    return repo.tokens(graph, actor.id)


def api_token(graph: Graph, actor: Person, token_id: str) -> repo.ApiToken | None:
    return repo.token(graph, actor.id, token_id)


def revoke_api_token(graph: Graph, actor: Person, token_id: str) -> bool:
    """Revoke one of the actor's own tokens (someone else's token id does nothing)."""
    return repo.revoke_token(graph, actor.id, token_id)


def person_for_api_token(graph: Graph, secret: str) -> Person | None:
    """The active owner of a token. Looked up by its hash through a unique index, so no
    comparison of secrets happens in Python."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    person = repo.person_by_token(graph, token_hash(secret))
    return person if person is not None and person.active else None


# --- personal data (GDPR) ------------------------------------------------------------------

def export_personal_data(graph: Graph, actor: Person) -> dict[str, Any]:
    data = repo.export(graph, actor.id)
    if data is None:
        raise InvalidCredentials()
    return {"format": "mentore-personal-data/1", **data}


def delete_account(graph: Graph, actor: Person, *, typed_email: str) -> None:
    """Anonymise the account in one transaction; what the person wrote stays, attributed to
    "utente rimosso". The typed e-mail must be the account's."""
    if not actor.email or people.normalise_email(typed_email) != people.normalise_email(actor.email):
        raise ConfirmationMismatch()
    repo.anonymise(graph, actor.id, markdown.unmention)


# --- platform administrators ---------------------------------------------------------------

def find_account(graph: Graph, email: str) -> Person | None:
    return people.by_email(graph, email)


def promote_to_admin(graph: Graph, person: Person) -> Person:
    people.set_roles(graph, person.id, (*person.roles, "platform_admin"))
    return reload(graph, person)


def create_admin(graph: Graph, *, name: str, email: str, password: str) -> Person:
    _check_password(password, email)
    try:
        return people.create(graph, name=name, email=email, password_hash=hash_password(password),
                             roles=("platform_admin",))
    except Conflict as exc:
        raise EmailTaken(email) from exc
