"""Small helpers shared by the views: who is acting, the query string as lists."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Request, g
from flask_login import current_user

from graph.repositories.people import Person


def competency_vocabulary() -> dict[str, tuple[str, str]]:
    """id → (Italian label, English label), read from the graph once per request."""
    if "competency_vocabulary" not in g:
        from mentore.extensions import neo4j
        from mentore.services import competencies

        g.competency_vocabulary = {c.id: (c.label, c.label_en) for c in competencies.vocabulary(neo4j.graph)}
    return g.competency_vocabulary


def competency_choices() -> list[tuple[str, str]]:
    return [(cid, labels[0]) for cid, labels in competency_vocabulary().items()]


def current_actor() -> Person | None:
    """The signed-in person (what services receive as ``actor``), or None."""
    if getattr(current_user, "is_authenticated", False):
        return current_user.person
    return None


def query_lists(request: Request) -> dict[str, list[str]]:
    """Every query-string key with all its values (filters repeat: ?activity=a&activity=d)."""
    return {key: request.args.getlist(key) for key in request.args}


def safe_next(target: str | None, default: str = "/") -> str:
    """``target`` if it is a path on this site, else ``default``: never a redirect elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):  # browsers drop tabs and newlines
        return default
    parts = urlsplit(target)
    return default if parts.scheme or parts.netloc else target
