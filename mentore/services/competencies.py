"""The competency vocabulary as people use it: listed, extended and de-duplicated by platform
admins. Everything that offers or validates competencies (profile form, API, import,
directory filters) reads this vocabulary from the graph, so an added one is usable at once."""

from __future__ import annotations

import re

from graph import Conflict, Graph
from graph.repositories import competencies as repo
from graph.repositories.people import Person
from mentore.reference.places import fold
from mentore.reference.vocabularies import N_, Message
from mentore.services.errors import NotFoundError, PermissionDenied, ValidationFailed


def _require_admin(actor: Person | None) -> None:
    if actor is None or not actor.is_platform_admin:
        raise PermissionDenied(Message(N_("Solo gli amministratori della piattaforma gestiscono le competenze.")))


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(label)).strip("-")[:60]


def vocabulary(graph: Graph) -> list[repo.CompetencyUsage]:
    return repo.all_with_usage(graph)


def add(graph: Graph, actor: Person | None, label: str, label_en: str = "") -> str:
    _require_admin(actor)
    label = " ".join(label.split())
    if not 3 <= len(label) <= 120:
        raise ValidationFailed({"label": Message(N_("Il nome va da 3 a 120 caratteri."))})
    new_id = slug(label)
    for existing in repo.all_with_usage(graph):
        if existing.id == new_id or fold(existing.label) == fold(label):
            raise ValidationFailed({"label": Message(N_("Esiste già: «%(label)s»."), label=existing.label)})
    try:
        return repo.create(graph, new_id, label, " ".join(label_en.split()) or label, by=actor.id)
    except Conflict as exc:
        raise ValidationFailed({"label": Message(N_("Esiste già una competenza con questo nome."))}) from exc


def merge(graph: Graph, actor: Person | None, duplicate: str, keep: str) -> dict[str, int]:
    """Fold ``duplicate`` into ``keep``: every organisation and need keeps its competency."""
    _require_admin(actor)
    if duplicate == keep:
        raise ValidationFailed({"target": Message(N_("Scegli due competenze diverse."))})
    moved = repo.merge_into(graph, duplicate, keep)
    if moved is None:
        raise NotFoundError(f"{duplicate} o {keep}")
    return moved
