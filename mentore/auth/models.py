"""The signed-in person as Flask-Login sees it, and the loaders that find them again.

The session stores ``<person id>.<session version>``: changing the password bumps the version
and so signs out every other session of that person. A request carrying
``Authorization: Bearer <token>`` is authenticated by that personal API token alone."""

from __future__ import annotations

from flask import Request, g, request
from flask_login import AnonymousUserMixin, UserMixin

from graph import GraphUnavailable
from graph.repositories import people
from mentore.extensions import login_manager, neo4j
from mentore.services import accounts


class User(UserMixin):
    def __init__(self, person: people.Person, via_token: bool = False) -> None:
        self.person = person
        self.via_token = via_token

    def get_id(self) -> str:
        return f"{self.person.id}.{self.person.session_version}"

    @property
    def id(self) -> str:
        return self.person.id

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def email(self) -> str | None:
        return self.person.email

    @property
    def is_active(self) -> bool:
        return self.person.active

    @property
    def is_platform_admin(self) -> bool:
        return self.person.is_platform_admin


class Anonymous(AnonymousUserMixin):
    id = None
    name = None
    is_platform_admin = False
    via_token = False


def bearer_token(req: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _guarded(load):
    """When Neo4j is down the first load raises (the request answers 503); the error page
    then renders as for a visitor instead of failing a second time."""
    if g.get("auth_graph_down"):
        return None
    try:
        return load()
    except GraphUnavailable:
        g.auth_graph_down = True
        raise


def _user_for_token(token: str) -> User | None:
    if "api_token_user" not in g:
        person = _guarded(lambda: accounts.person_for_api_token(neo4j.graph, token))
        g.api_token_user = User(person, via_token=True) if person is not None else None
    return g.api_token_user


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    token = bearer_token(request)
    if token is not None:  # the token decides, not a cookie the client happens to carry
        return _user_for_token(token)
    person_id, _, version = session_id.partition(".")
    person = _guarded(lambda: people.get(neo4j.graph, person_id))
    if person is None or not person.active or str(person.session_version) != version:
        return None
    return User(person)


@login_manager.request_loader
def load_user_from_request(req: Request) -> User | None:
    token = bearer_token(req)
    return _user_for_token(token) if token is not None else None


login_manager.anonymous_user = Anonymous
