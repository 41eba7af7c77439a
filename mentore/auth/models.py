"""The signed-in person as Flask-Login sees it, and the loader that finds them again.

The session stores ``<person id>.<session version>``: changing the password bumps the version
and so signs out every other session of that person."""

from __future__ import annotations

from flask_login import AnonymousUserMixin, UserMixin

from graph.repositories import people
from mentore.extensions import login_manager, neo4j


class User(UserMixin):
    def __init__(self, person: people.Person) -> None:
        self.person = person

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


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    person_id, _, version = session_id.partition(".")
    person = people.get(neo4j.graph, person_id)
    if person is None or not person.active or str(person.session_version) != version:
        return None
    return User(person)


login_manager.anonymous_user = Anonymous
