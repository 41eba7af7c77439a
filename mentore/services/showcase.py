"""Best-practice showcase ("vetrina delle buone pratiche"): write, promote a solved forum topic,
publish, search and filter, link from organisations and communities.

Plain functions taking the graph and the acting person (``actor``: a people.Person or None).
Authorisation lives here:

- writing a new one: members of an organisation, facilitators (platform role or of a
  community) and platform admins;
- editing and deleting: the author, platform admins and the facilitators of the linked community;
- promoting a solved topic: facilitators of the topic's community and platform admins, and only
  when the topic has an accepted solution;
- a draft exists only for its author and platform admins (NotFoundError for everyone else)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from graph import Graph
from graph.repositories import showcase as repo
from graph.repositories.people import Person
from mentore.reference.activities import BY_CODE as ACTIVITIES
from mentore.reference.places import gazetteer
from mentore.reference.vocabularies import N_, Message, joined
from mentore.services import search as text_search
from mentore.services.errors import NotFoundError, PermissionDenied, ServiceError, ValidationFailed
from mentore.services.querystring import QueryReader

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_MATERIALS = 10
MAX_TERRITORIES = 10
MAX_ORGANISATIONS = 20
MAX_URL = 500

URL_SCHEMES = ("http", "https")


class PromotionRefused(ServiceError):
    """The topic cannot become a best practice (no accepted solution)."""


# ----------------------------------------------------------------------------- pure helpers


def is_safe_url(url: str) -> bool:
    """An absolute http(s) URL with a host and no spaces or control characters: the only links
    a material may carry (never ``javascript:``, ``data:`` or a relative path)."""
    url = url or ""
    if not url or len(url) > MAX_URL or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in URL_SCHEMES and bool(parts.netloc) and not parts.netloc.startswith("@")


def encode_material(label: str, url: str) -> str:
    """A material as stored: ``label<TAB>url`` (tabs and line breaks in the label become spaces)."""
    return f"{' '.join(label.split())}\t{url}"


def decode_materials(stored: Sequence[str]) -> list[dict[str, str]]:
    """Stored materials as {label, url}; a malformed or unsafe one is dropped, never shown."""
    items = []
    for raw in stored or ():
        label, _, url = str(raw).partition("\t")
        if label and is_safe_url(url):
            items.append({"label": label, "url": url})
    return items


def _quoted(names: Sequence[str] | Mapping[str, None]) -> str:
    return ", ".join(f"«{n}»" for n in names)


def split_lines(text: str) -> list[str]:
    """One entry per line (or separated by ";"), blanks dropped, duplicates kept once, in order."""
    parts = re.split(r"[\n;]", text or "")
    return list(dict.fromkeys(" ".join(p.split()) for p in parts if p.strip()))


# ----------------------------------------------------------------------------- input


@dataclass(frozen=True)
class BestPracticeInput:
    """A validated best practice (the form checked its shape; names are resolved here)."""

    title: str
    problem: str
    solution: str
    activities: tuple[str, ...]
    results: str = ""
    territories: tuple[str, ...] = ()  # territory ids (comune, provincia, regione)
    organisations: tuple[str, ...] = ()  # names (or ids) as typed
    materials: tuple[tuple[str, str], ...] = ()  # (label, url)
    community: str | None = None
    publish: bool = False

    def props(self) -> dict[str, Any]:
        return {"title": self.title, "problem": self.problem, "solution": self.solution,
                "results": self.results or None,
                "materials": [encode_material(label, url) for label, url in self.materials],
                "status": "published" if self.publish else "draft"}


def _check(data: BestPracticeInput) -> None:
    errors = {}
    if not data.activities or any(code not in ACTIVITIES for code in data.activities):
        errors["activities"] = Message(N_("Scegli almeno un'attività di interesse generale valida."))
    if any(t not in gazetteer().by_id for t in data.territories):
        errors["territories"] = Message(N_("Territorio non valido."))
    if len(data.territories) > MAX_TERRITORIES:
        errors["territories"] = Message(N_("Indica al massimo %(n)s territori."), n=MAX_TERRITORIES)
    if len(data.materials) > MAX_MATERIALS:
        errors["materials"] = Message(N_("Indica al massimo %(n)s materiali."), n=MAX_MATERIALS)
    elif any(not is_safe_url(url) or not label.strip() for label, url in data.materials):
        errors["materials"] = Message(N_("Ogni materiale ha un titolo e un indirizzo che inizia con http:// o "
                                          "https://."))
    if errors:
        raise ValidationFailed(errors)


def _resolve_organisations(graph: Graph, names: Sequence[str]) -> tuple[str, ...]:
    """Names typed in the form → organisation ids; unknown or ambiguous names are an error
    that says which, with close names from the directory when there are any."""
    if len(names) > MAX_ORGANISATIONS:
        raise ValidationFailed({"organisations": Message(N_("Indica al massimo %(n)s organizzazioni."),
                                                         n=MAX_ORGANISATIONS)})
    found = repo.resolve_organisations(graph, names)
    ids, unknown, ambiguous = [], [], []
    for name in names:
        matches = found.get(name, [])
        exact_id = [m for m in matches if m["id"] == name]
        if exact_id or len(matches) == 1:
            ids.append((exact_id or matches)[0]["id"])
        elif matches:
            ambiguous.append(name)
        else:
            unknown.append(name)
    messages: list[Message] = []
    if unknown:
        messages.append(Message(N_("Non trovate nella directory: %(names)s."), names=_quoted(unknown)))
        close = []
        for name in unknown[:3]:
            lucene = text_search.lucene_query(name)
            close += repo.close_names(graph, lucene) if lucene else []
        if close:
            messages.append(Message(N_("Forse cercavi: %(names)s."), names=_quoted(dict.fromkeys(close))))
        else:
            messages.append(Message(N_("Scrivi il nome esatto come compare nella directory degli attori.")))
    if ambiguous:
        messages.append(Message(N_("Più organizzazioni hanno questo nome: %(names)s. Scrivi il codice "
                                   "dell'organizzazione (lo trovi nell'indirizzo della sua pagina)."),
                                names=_quoted(ambiguous)))
    if messages:
        raise ValidationFailed({"organisations": joined(*messages)})
    return tuple(dict.fromkeys(ids))


def _community(graph: Graph, community_id: str | None) -> str | None:
    if not community_id:
        return None
    if community_id not in {c["id"] for c in repo.communities(graph)}:
        raise ValidationFailed({"community": Message(N_("Comunità non trovata."))})
    return community_id


# ----------------------------------------------------------------------------- permissions


def _is_admin(actor: Person | None) -> bool:
    return actor is not None and actor.is_platform_admin


def can_write(graph: Graph, actor: Person | None) -> bool:
    """Members of an organisation (ETS or public body), facilitators and platform admins."""
    if actor is None:
        return False
    if _is_admin(actor) or "facilitator" in actor.roles:
        return True
    facts = repo.person_facts(graph, actor.id)
    return bool(facts["is_member"] or facts["facilitates"])


def _can_manage(actor: Person | None, bp: dict[str, Any]) -> bool:
    if actor is None:
        return False
    return _is_admin(actor) or bp.get("author_id") == actor.id or actor.id in (bp.get("facilitator_ids") or ())


def _visible(graph: Graph, actor: Person | None, bp_id: str) -> dict[str, Any]:
    bp = repo.find(graph, bp_id)
    if bp is None:
        raise NotFoundError(bp_id)
    if bp["status"] != "published" and not (_is_admin(actor) or (actor and bp.get("author_id") == actor.id)):
        raise NotFoundError(bp_id)  # a draft does not exist for anyone else
    return bp


def _require_manager(graph: Graph, actor: Person | None, bp_id: str) -> dict[str, Any]:
    bp = _visible(graph, actor, bp_id)
    if not _can_manage(actor, bp):
        raise PermissionDenied(Message(N_("Possono modificare una buona pratica solo chi l'ha scritta, i "
                                          "facilitatori della sua comunità e gli amministratori della "
                                          "piattaforma.")))
    return bp


def _require_promoter(graph: Graph, actor: Person | None, topic_id: str) -> dict[str, Any]:
    found = repo.topic_for_promotion(graph, topic_id)
    if found is None:
        raise NotFoundError(topic_id)
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per proporre una discussione come buona pratica.")))
    if not _is_admin(actor) and not repo.person_facts(graph, actor.id, found["community"]["id"])[
            "facilitates_community"]:
        raise PermissionDenied(Message(N_("Solo i facilitatori della comunità e gli amministratori della "
                                          "piattaforma possono trasformare una discussione in buona pratica.")))
    if found["solution"] is None:
        raise PromotionRefused(Message(N_("Questa discussione non ha ancora una soluzione accettata: si può "
                                          "trasformare in buona pratica solo una discussione risolta.")))
    return found


# ----------------------------------------------------------------------------- writes


def create(graph: Graph, actor: Person | None, data: BestPracticeInput, topic_id: str | None = None) -> str:
    """A new best practice: a draft, or published. With ``topic_id`` it is the promotion of that
    solved topic (linked to it and to its community)."""
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per scrivere una buona pratica.")))
    community = data.community
    if topic_id:
        community = _require_promoter(graph, actor, topic_id)["community"]["id"]
    elif not can_write(graph, actor):
        raise PermissionDenied(Message(N_("Possono scrivere buone pratiche i membri di un'organizzazione, i "
                                          "facilitatori e gli amministratori della piattaforma.")))
    _check(data)
    links = repo.Links(territories=data.territories, activities=data.activities,
                       organisations=_resolve_organisations(graph, data.organisations),
                       community=_community(graph, community), topic=topic_id or None)
    bp_id = str(uuid.uuid4())
    repo.save(graph, bp_id, data.props(), links, author=actor.id)
    return bp_id


def update(graph: Graph, actor: Person | None, bp_id: str, data: BestPracticeInput) -> str:
    """Edit a best practice; the status follows the button (publish or keep as draft). One
    promoted from a topic stays linked to that topic and its community."""
    bp = _require_manager(graph, actor, bp_id)
    _check(data)
    topic = bp.get("topic") or {}
    community = (bp.get("community") or {}).get("id") if topic else data.community
    links = repo.Links(territories=data.territories, activities=data.activities,
                       organisations=_resolve_organisations(graph, data.organisations),
                       community=_community(graph, community), topic=topic.get("id"))
    repo.save(graph, bp_id, data.props(), links)
    return bp_id


def delete(graph: Graph, actor: Person | None, bp_id: str) -> None:
    _require_manager(graph, actor, bp_id)
    repo.delete(graph, bp_id)


# ----------------------------------------------------------------------------- reads


@dataclass(frozen=True)
class BestPracticeView:
    bp: dict[str, Any]
    materials: list[dict[str, str]]
    can_manage: bool


def get(graph: Graph, actor: Person | None, bp_id: str) -> BestPracticeView:
    bp = _visible(graph, actor, bp_id)
    return BestPracticeView(bp=bp, materials=decode_materials(bp["materials"]), can_manage=_can_manage(actor, bp))


def for_edit(graph: Graph, actor: Person | None, bp_id: str) -> dict[str, Any]:
    """The best practice, if the person may edit it (404 for a hidden draft, else 403)."""
    bp = _require_manager(graph, actor, bp_id)
    return {**bp, "material_rows": decode_materials(bp["materials"])}


def promotion(graph: Graph, actor: Person | None, topic_id: str) -> dict[str, Any]:
    """What the form starts from when a facilitator promotes a solved topic: title and opening
    text of the topic, the accepted solution, its community and theme, the organisations of the
    people who wrote in it. NotFoundError, PermissionDenied or PromotionRefused otherwise."""
    found = _require_promoter(graph, actor, topic_id)
    names = repo.organisation_names(graph, found["organisations"])
    return {
        "title": found["topic"]["title"] or "", "problem": found["topic"]["body"] or "",
        "solution": found["solution"]["body"] or "", "community": found["community"],
        "topic": {"id": found["topic"]["id"], "title": found["topic"]["title"],
                  "community_slug": found["community"]["slug"]},
        "activities": list(found["activities"]), "territories": list(found["territories"]),
        "organisations": [names[o] for o in found["organisations"] if o in names],
    }


def topic_link(graph: Graph, topic_id: str) -> dict[str, Any] | None:
    """Id, title and community slug of a topic (to link back to it), or None."""
    found = repo.topic_for_promotion(graph, topic_id)
    if found is None:
        return None
    return {"id": topic_id, "title": found["topic"]["title"], "community_slug": found["community"]["slug"]}


def communities(graph: Graph) -> list[dict[str, Any]]:
    return repo.communities(graph)


def drafts_of(graph: Graph, actor: Person | None) -> list[dict[str, Any]]:
    return repo.drafts_of(graph, actor.id) if actor else []


def for_community(graph: Graph, community_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """Published best practices that came from the community (newest first)."""
    return repo.for_community(graph, community_id, limit) if community_id else []


def for_organisation(graph: Graph, organisation_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """Published best practices that involve the organisation (newest first)."""
    return repo.for_organisation(graph, organisation_id, limit) if organisation_id else []


@dataclass(frozen=True)
class Query:
    q: str = ""
    activity: tuple[str, ...] = ()
    territory: tuple[str, ...] = ()
    community: tuple[str, ...] = ()
    organisation: tuple[str, ...] = ()
    comune: str = ""  # as typed in the page's filter; resolved into ``territory``
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def has_filters(self) -> bool:
        return bool(self.q or self.activity or self.territory or self.community or self.organisation or self.comune)


@dataclass(frozen=True)
class ResultList:
    query: Query
    total: int
    items: list[dict[str, Any]]
    activity_counts: dict[str, int]
    pages: int = field(default=1)


def parse_query(args: Mapping[str, Sequence[str]]) -> tuple[Query, dict[str, str]]:
    """Read the query string (each key → its list of values); unknown values are errors (the
    API answers 400; the page says so and ignores them). ``comune`` is a place typed by hand."""
    read = QueryReader(args)
    territories = read.values("territory", gazetteer().by_id)
    comune = read.first("comune").strip()[:100]
    if comune:
        resolution = gazetteer().resolve_comune(comune)
        if resolution.territory is not None:
            territories = tuple(dict.fromkeys((*territories, resolution.territory.id)))
        elif resolution.ambiguous:
            first = resolution.candidates[0]
            read.errors["comune"] = Message(N_("Più comuni hanno questo nome: aggiungi la sigla della provincia, "
                                               "ad esempio «%(example)s»."), example=f"{first.name} ({first.sigla})")
        else:
            read.errors["comune"] = Message(N_("Comune non trovato: %(place)s."), place=comune)
    query = Query(
        q=read.first("q").strip()[:text_search.MAX_QUERY_LENGTH],
        activity=read.values("activity", ACTIVITIES), territory=territories,
        community=read.values("community"), organisation=read.values("organisation"), comune=comune,
        page=read.integer("page", 1, 1, 10_000), per_page=read.integer("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    )
    return query, read.errors


def search(graph: Graph, query: Query) -> ResultList:
    """The public list: published best practices only."""
    filters = repo.Filters(lucene=text_search.lucene_query(query.q), activities=query.activity,
                           territories=query.territory, communities=query.community,
                           organisations=query.organisation)
    found = repo.search(graph, filters, query.page, query.per_page)
    pages = max(1, -(-found.total // query.per_page))
    return ResultList(query=query, total=found.total, items=found.items, activity_counts=found.activity_counts,
                      pages=pages)
