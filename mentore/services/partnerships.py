"""Import a history of partnerships: organisations known from them and the partnerships with
their members (lead / partner). Used by ``mentore import partnerships`` and by the matching
benchmark, so the benchmark measures the same import path people use."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from graph import Graph
from graph.repositories import partnerships as repo
from mentore.matcher.features import programme_family
from mentore.reference.places import gazetteer

BATCH = 500
#: How partnership records name their roles → the platform's roles.
ROLES = {"coordinator": "lead", "lead": "lead", "capofila": "lead"}
#: Kinds of organisation in partnership records → the platform's kinds (public bodies apart,
#: every other organisation is listed as a third-sector or private entity: kind ETS).
PUBLIC_KINDS = {"PUB", "PUBLIC_BODY", "public"}


def organisation_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record {id, name, kind, country, city, ...} → a row for the graph (seat resolved to an
    Italian comune when the city is one, unambiguously)."""
    country = (record.get("country") or "IT").upper()
    city = (record.get("city") or "").strip()
    seat = None
    if country == "IT" and city:
        found = gazetteer().resolve_comune(city.title())
        seat = found.territory.id if found.territory else None
    kind = record.get("kind") or ""
    return {"id": str(record["id"]), "name": (record.get("name") or "").strip() or str(record["id"]),
            "kind": "PUBLIC_BODY" if kind in PUBLIC_KINDS else "ETS", "category": kind or None,
            "country": country, "city": city or None, "seat": seat,
            "description": (record.get("description") or "").strip() or None}


def programme_fields(call: str | None) -> dict[str, str | None]:
    """The call a partnership answers to, and its programme family (what the matcher compares)."""
    return {"programme": call, "programme_family": programme_family(call)}


def partnership_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record {id, title, objective|description, keywords, topics, calls, start_date, members}."""
    def listed(value: Any) -> list[str]:
        return [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])

    description = ". ".join(x for x in (record.get("keywords"), record.get("objective") or record.get("description"))
                            if x)
    calls = listed(record.get("calls"))
    return {
        "id": str(record["id"]), "title": (record.get("title") or "").strip(), "description": description or None,
        "theme": "; ".join(listed(record.get("topics"))) or None,
        **programme_fields(calls[0] if calls else None),
        "start": record.get("start_date") or record.get("start"),
        "status": record.get("status"),
        "members": [{"organisation": str(m["org"] if "org" in m else m["organisation"]),
                     "role": ROLES.get(m.get("role") or "", "partner")} for m in record.get("members", [])],
    }


def _batched(rows: Iterable[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_organisations(graph: Graph, records: Sequence[dict[str, Any]], source: str,
                         progress: Callable[[int], None] | None = None) -> int:
    for batch in _batched((organisation_row(r) for r in records), BATCH):
        repo.upsert_organisations(graph, batch, source)
        if progress:
            progress(len(batch))
    return len(records)


def import_partnerships(graph: Graph, records: Sequence[dict[str, Any]], source: str,
                        progress: Callable[[int], None] | None = None) -> int:
    for batch in _batched((partnership_row(r) for r in records), BATCH // 5):
        repo.upsert_partnerships(graph, batch, source)
        if progress:
            progress(len(batch))
    return len(records)
