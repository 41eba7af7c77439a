"""The forum: topics and replies, Markdown, mentions, reactions, quoting, edits with history and
conflict detection, the accepted solution, pagination, search and the posting limit of new accounts.

Plain functions ``(graph, actor, ...)``; authorisation through ``communities.access``.
Notifications are written after the forum write has succeeded."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass, field
from typing import Any

from graph import Graph
from graph.repositories import forum as repo
from graph.repositories import throttle
from graph.repositories.people import Person
from mentore.reference.vocabularies import N_, Message
from mentore.services import communities, markdown, notifications
from mentore.services import search as text_search
from mentore.services.communities import Access
from mentore.services.errors import NotFoundError, PermissionDenied, ServiceError, ValidationFailed

REACTIONS = ("utile", "grazie", "daccordo")
REACTION_LABELS = {"utile": "Utile", "grazie": "Grazie", "daccordo": "D'accordo"}
POSTS_PER_PAGE = 20
TOPICS_PER_PAGE = 20
SEARCH_PER_PAGE = 20
TITLE_MIN, TITLE_MAX = 5, 160
BODY_MAX = 20_000

#: Titles of the notifications the forum writes (``%(actor)s`` is the actor's name).
MENTIONED = N_("%(actor)s ti ha menzionato in «%(topic)s»")
NEW_TOPIC = N_("Nuova discussione in «%(community)s»: %(topic)s")
REPLIED = N_("%(actor)s ha risposto a «%(topic)s»")
SOLUTION = N_("Soluzione indicata in «%(topic)s»")

#: New accounts (younger than NEW_ACCOUNT_DAYS) may write NEW_ACCOUNT_POSTS topics and replies
#: per NEW_ACCOUNT_WINDOW seconds: spam from fresh accounts is slowed, newcomers can still talk.
NEW_ACCOUNT_DAYS = 3
NEW_ACCOUNT_POSTS = 5
NEW_ACCOUNT_WINDOW = 3600

HIDDEN_PLACEHOLDER = "Contenuto nascosto dai facilitatori"


class RateLimited(ServiceError):
    """A new account wrote too much in too little time (HTTP 429)."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(Message(N_("Il tuo account è nuovo: nei primi %(days)d giorni puoi pubblicare al massimo "
                                    "%(posts)d messaggi all'ora. Riprova tra %(minutes)d minuti: il tuo testo è "
                                    "ancora qui."), days=NEW_ACCOUNT_DAYS, posts=NEW_ACCOUNT_POSTS, minutes=minutes))
        self.retry_after = retry_after


class EditConflict(ServiceError):
    """Someone saved the text after the person opened the editor (HTTP 409)."""

    def __init__(self, current: dict[str, Any]) -> None:
        super().__init__(Message(N_("Qualcuno ha modificato questo testo mentre lo stavi scrivendo. Qui sotto trovi "
                                    "la versione attuale; il tuo testo è rimasto nel modulo: confrontali e salva di "
                                    "nuovo.")))
        self.current = current


class TopicLocked(ServiceError):
    """The topic is closed to new replies."""


# ----------------------------------------------------------------------------- helpers


def topic_url(community_slug: str, topic_id: str, number: int | None = None) -> str:
    """The site path of a topic, or of reply ``number`` on its page."""
    url = f"/comunita/{community_slug}/discussioni/{topic_id}"
    if number:
        page = page_of(number)
        return url + (f"?page={page}" if page > 1 else "") + f"#post-{number}"
    return url


def page_of(number: int) -> int:
    return (max(1, number) - 1) // POSTS_PER_PAGE + 1


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _is_new(actor: Person) -> bool:
    if not actor.created_at:
        return False
    try:
        created = dt.datetime.fromisoformat(actor.created_at.replace("Z", "+00:00"))
    except ValueError:
        return False
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    return _now() - created < dt.timedelta(days=NEW_ACCOUNT_DAYS)


def _throttle_key(actor: Person) -> str:
    return f"forum-post:{actor.id}"


def _check_rate(graph: Graph, actor: Person, acc: Access) -> None:
    """New accounts (moderators excepted) may post only so much per window."""
    if acc.can_moderate or not _is_new(actor):
        return
    key = _throttle_key(actor)
    window = throttle.status(graph, [key], NEW_ACCOUNT_WINDOW)[key]
    if window.count >= NEW_ACCOUNT_POSTS:
        raise RateLimited(window.retry_after)


def _count_post(graph: Graph, actor: Person, acc: Access) -> None:
    if not acc.can_moderate and _is_new(actor):
        throttle.hit(graph, [_throttle_key(actor)], NEW_ACCOUNT_WINDOW)


def _require_post(graph: Graph, actor: Person | None, community_id: str) -> tuple[Person, Access]:
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per scrivere nella comunità.")))
    acc = communities.access(graph, actor, community_id)
    if not acc.can_post:
        raise PermissionDenied(Message(N_("Per scrivere in questa comunità devi farne parte: unisciti alla comunità.")))
    return actor, acc


def _check_text(title: str | None, body: str) -> None:
    errors = {}
    if title is not None and not (TITLE_MIN <= len(title.strip()) <= TITLE_MAX):
        errors["title"] = Message(N_("Il titolo deve avere da %(min)d a %(max)d caratteri."), min=TITLE_MIN,
                                  max=TITLE_MAX)
    if not body.strip():
        errors["body"] = Message(N_("Scrivi il testo del messaggio."))
    elif len(body) > BODY_MAX:
        errors["body"] = Message(N_("Il testo può avere al massimo %(max)d caratteri."), max=BODY_MAX)
    if errors:
        raise ValidationFailed(errors)


def _mentions(graph: Graph, community_id: str, *texts: str) -> list[str]:
    names = markdown.mentioned_names("\n".join(texts))
    return communities.mentioned_members(graph, community_id, names)


def preview(graph: Graph, community: dict[str, Any], text: str) -> str:
    """The HTML a text will have once published (mentions of members linked)."""
    names = markdown.mentioned_names(text)
    return markdown.render(text, communities.mention_links(graph, community, names))


# ----------------------------------------------------------------------------- writes


def create_topic(graph: Graph, actor: Person | None, community: dict[str, Any], title: str, body: str) -> str:
    """A new topic; followers of the community and the members mentioned are told."""
    actor, acc = _require_post(graph, actor, community["id"])
    _check_text(title, body)
    _check_rate(graph, actor, acc)
    mentioned = _mentions(graph, community["id"], title, body)
    topic_id = str(uuid.uuid4())
    repo.create_topic(graph, topic_id, community["id"], actor.id, title.strip(), body, mentioned)
    _count_post(graph, actor, acc)
    url = topic_url(community["slug"], topic_id)
    excerpt = markdown.excerpt(body)
    notifications.notify(graph, "mention", mentioned, actor=actor,
                         title=Message(MENTIONED, actor=actor.name, topic=title.strip()), excerpt=excerpt, url=url)
    followers = [pid for pid in communities.follower_ids(graph, community["id"]) if pid not in mentioned]
    notifications.notify(graph, "new_topic", followers, actor=actor,
                         title=Message(NEW_TOPIC, community=community["name"], topic=title.strip()),
                         excerpt=excerpt, url=url)
    return topic_id


def reply(graph: Graph, actor: Person | None, topic: dict[str, Any], body: str,
          quotes: str | None = None) -> int:
    """A reply to ``topic``; returns its number. The topic starter and the members mentioned are told."""
    actor, acc = _require_post(graph, actor, topic["community_id"])
    if topic["locked"] and not acc.can_moderate:
        raise TopicLocked(Message(N_("La discussione è chiusa: non si possono aggiungere risposte.")))
    if topic["hidden"] and not acc.can_moderate:
        raise TopicLocked(Message(N_("La discussione è stata nascosta dai facilitatori.")))
    _check_text(None, body)
    _check_rate(graph, actor, acc)
    mentioned = _mentions(graph, topic["community_id"], body)
    number = repo.create_post(graph, str(uuid.uuid4()), topic["id"], actor.id, body, mentions=mentioned,
                              quotes=quotes or None, moderator=acc.can_moderate)
    if number is None:
        raise TopicLocked(Message(N_("La discussione è chiusa: non si possono aggiungere risposte.")))
    _count_post(graph, actor, acc)
    url = topic_url(topic["community_slug"], topic["id"], number)
    excerpt = markdown.excerpt(body)
    notifications.notify(graph, "mention", mentioned, actor=actor,
                         title=Message(MENTIONED, actor=actor.name, topic=topic["title"]), excerpt=excerpt, url=url)
    starter = topic.get("author_id")
    if starter and starter not in mentioned:
        notifications.notify(graph, "reply", [starter], actor=actor,
                             title=Message(REPLIED, actor=actor.name, topic=topic["title"]), excerpt=excerpt, url=url)
    return number


def _may_edit(acc: Access, actor: Person, author_id: str | None) -> None:
    if actor.id == author_id and acc.can_post:
        return
    if acc.can_moderate:
        return
    raise PermissionDenied(Message(N_("Puoi modificare solo i tuoi messaggi.")))


def _log_edit(graph: Graph, actor: Person, community_id: str, target_id: str, author_id: str | None,
              reason: str) -> None:
    if author_id != actor.id:  # a moderator edited someone else's text: it goes in the log
        from mentore.services import moderation

        moderation.record(graph, actor, community_id, "edit", target_id, reason=reason)


def edit_topic(graph: Graph, actor: Person | None, topic: dict[str, Any], version: int, title: str, body: str,
               reason: str = "") -> int:
    """Edit the opening text; the previous text becomes a Revision. Raises EditConflict when
    ``version`` is stale."""
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per modificare.")))
    acc = communities.access(graph, actor, topic["community_id"])
    _may_edit(acc, actor, topic.get("author_id"))
    _check_text(title, body)
    before = repo.already_mentioned(graph, topic["id"])
    mentioned = _mentions(graph, topic["community_id"], title, body)
    new_version = repo.edit_topic(graph, topic["id"], version, title=title.strip(), body=body, editor_id=actor.id,
                                  reason=reason.strip()[:300], mentions=mentioned)
    if new_version is None:
        current, _solution = repo.topic(graph, topic["id"], actor.id) or (None, None)
        if current is None:
            raise NotFoundError(topic["id"])
        raise EditConflict(current)
    _log_edit(graph, actor, topic["community_id"], topic["id"], topic.get("author_id"), reason)
    fresh = [pid for pid in mentioned if pid not in before]
    notifications.notify(graph, "mention", fresh, actor=actor, title=Message(MENTIONED, actor=actor.name, topic=title),
                         excerpt=markdown.excerpt(body), url=topic_url(topic["community_slug"], topic["id"]))
    return new_version


def edit_post(graph: Graph, actor: Person | None, topic: dict[str, Any], post: dict[str, Any], version: int,
              body: str, reason: str = "") -> int:
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per modificare.")))
    acc = communities.access(graph, actor, topic["community_id"])
    _may_edit(acc, actor, post.get("author_id"))
    _check_text(None, body)
    before = repo.already_mentioned(graph, post["id"])
    mentioned = _mentions(graph, topic["community_id"], body)
    new_version = repo.edit_post(graph, post["id"], version, body=body, editor_id=actor.id,
                                 reason=reason.strip()[:300], mentions=mentioned)
    if new_version is None:
        current = repo.post(graph, post["id"])
        if current is None:
            raise NotFoundError(post["id"])
        raise EditConflict(current)
    _log_edit(graph, actor, topic["community_id"], post["id"], post.get("author_id"), reason)
    fresh = [pid for pid in mentioned if pid not in before]
    notifications.notify(graph, "mention", fresh, actor=actor,
                         title=Message(MENTIONED, actor=actor.name, topic=topic["title"]),
                         excerpt=markdown.excerpt(body),
                         url=topic_url(topic["community_slug"], topic["id"], post["number"]))
    return new_version


def set_solution(graph: Graph, actor: Person | None, topic: dict[str, Any], post_number: int | None) -> None:
    """The topic starter or a facilitator marks reply ``post_number`` as the accepted solution
    (None removes it). The reply's author and the topic starter are told."""
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per indicare la soluzione.")))
    acc = communities.access(graph, actor, topic["community_id"])
    if not (acc.can_moderate or (actor.id == topic.get("author_id") and acc.can_post)):
        raise PermissionDenied(Message(N_("Solo chi ha aperto la discussione o un facilitatore indica la soluzione.")))
    if post_number is None:
        repo.set_solution(graph, topic["id"], None)
        return
    post = repo.post_by_number(graph, topic["id"], post_number)
    if post is None or post["hidden"]:
        raise NotFoundError(str(post_number))
    repo.set_solution(graph, topic["id"], post["id"])
    recipients = [r for r in (post.get("author_id"), topic.get("author_id")) if r]
    notifications.notify(graph, "solution", recipients, actor=actor,
                         title=Message(SOLUTION, topic=topic["title"]), excerpt=markdown.excerpt(post["body"]),
                         url=topic_url(topic["community_slug"], topic["id"], post_number))


def react(graph: Graph, actor: Person | None, topic: dict[str, Any], kind: str, post_number: int | None) -> bool:
    """Toggle the actor's ``kind`` reaction on the topic (``post_number`` None) or a reply;
    True when added. Any signed-in person who may post may react."""
    if kind not in REACTIONS:
        raise ValidationFailed({"kind": Message(N_("Reazione non valida."))})
    actor, _acc = _require_post(graph, actor, topic["community_id"])
    if post_number is None:
        label, target = "Topic", topic["id"]
    else:
        post = repo.post_by_number(graph, topic["id"], post_number)
        if post is None:
            raise NotFoundError(str(post_number))
        label, target = "Post", post["id"]
    added = repo.toggle_reaction(graph, actor.id, label, target, kind)
    if added is None:
        raise NotFoundError(target)
    return added


# ----------------------------------------------------------------------------- reads


@dataclass(frozen=True)
class TopicPage:
    topic: dict[str, Any]
    solution: dict[str, Any] | None
    posts: list[dict[str, Any]]
    page: int
    pages: int
    access: Access
    html: dict[str, str] = field(default_factory=dict)  # id → rendered Markdown
    revisions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # only for moderators

    @property
    def can_mark_solution(self) -> bool:
        return self.access.can_moderate or (self.topic.get("author_id") is not None and self.access.can_post
                                            and self.topic.get("viewer_is_author", False))


def get_topic(graph: Graph, actor: Person | None, community: dict[str, Any], topic_id: str) -> dict[str, Any]:
    found = repo.topic(graph, topic_id, actor.id if actor else None)
    if found is None or found[0]["community_id"] != community["id"]:
        raise NotFoundError(topic_id)
    return found[0]


def topic_page(graph: Graph, actor: Person | None, community: dict[str, Any], topic_id: str,
               page: int = 1) -> TopicPage:
    """The topic, its solution and one page of replies (numbers ``(page-1)*20+1 .. page*20``)."""
    found = repo.topic(graph, topic_id, actor.id if actor else None)
    if found is None or found[0]["community_id"] != community["id"]:
        raise NotFoundError(topic_id)
    topic, solution = found
    topic["viewer_is_author"] = actor is not None and actor.id == topic.get("author_id")
    acc = communities.access(graph, actor, community["id"])
    pages = max(1, math.ceil((topic.get("last_number") or 0) / POSTS_PER_PAGE))
    page = min(max(1, page), pages)
    first = (page - 1) * POSTS_PER_PAGE + 1
    show_hidden = acc.can_moderate
    posts = repo.posts(graph, topic_id, first, first + POSTS_PER_PAGE - 1, actor.id if actor else None)
    if topic["hidden"] and not show_hidden:  # a hidden topic is one placeholder, replies included
        posts, solution = [], None
    texts = [topic["body"]] + [p["body"] for p in posts] + ([solution["body"]] if solution else [])
    links = communities.mention_links(graph, community, markdown.mentioned_names("\n".join(texts)))
    html = {}
    for item in [topic, *posts, *([solution] if solution else [])]:
        if not item["hidden"] or show_hidden:
            html[item["id"]] = markdown.render(item["body"], links)
    revisions = repo.revisions(graph, [topic_id] + [p["id"] for p in posts]) if show_hidden else {}
    return TopicPage(topic, solution, posts, page, pages, acc, html, revisions)


@dataclass(frozen=True)
class TopicList:
    pinned: list[dict[str, Any]]
    topics: list[dict[str, Any]]
    page: int
    pages: int
    total: int


def topic_list(graph: Graph, community: dict[str, Any], page: int = 1) -> TopicList:
    """Pinned topics (on the first page), then the others by latest activity."""
    total = repo.count_topics(graph, community["id"])
    pages = max(1, math.ceil(total / TOPICS_PER_PAGE))
    page = min(max(1, page), pages)
    topics = repo.topics_page(graph, community["id"], (page - 1) * TOPICS_PER_PAGE, TOPICS_PER_PAGE)
    pinned = repo.pinned_topics(graph, community["id"]) if page == 1 else []
    return TopicList(pinned, topics, page, pages, total)


@dataclass(frozen=True)
class SearchResult:
    q: str
    hits: list[dict[str, Any]]
    page: int
    has_next: bool


def search(graph: Graph, q: str, community: dict[str, Any] | None = None, page: int = 1) -> SearchResult:
    """Topics and replies matching ``q`` (Italian full text), hidden content excluded; each hit
    carries the ``url`` of the topic or of the reply on its page."""
    query = text_search.lucene_query(q)
    page = max(1, page)
    if query is None:
        return SearchResult(q, [], 1, False)
    rows = repo.search(graph, query, community["id"] if community else None, (page - 1) * SEARCH_PER_PAGE,
                       SEARCH_PER_PAGE + 1)
    hits = [{**r, "excerpt": markdown.excerpt(r["body"], 240),
             "url": topic_url(r["community_slug"], r["topic_id"], r["number"])} for r in rows[:SEARCH_PER_PAGE]]
    return SearchResult(q, hits, page, len(rows) > SEARCH_PER_PAGE)


def quote_text(graph: Graph, topic: dict[str, Any], number: int | None) -> tuple[str, str | None]:
    """(Markdown blockquote, quoted post id) to pre-fill a reply; number None quotes the opening text."""
    if number is None:
        if topic["hidden"]:
            return "", None
        return markdown.quote(topic.get("author_name") or "", topic["body"]), None
    post = repo.post_by_number(graph, topic["id"], number)
    if post is None or post["hidden"]:
        return "", None
    return markdown.quote(post.get("author_name") or "", post["body"]), post["id"]


def post_for_edit(graph: Graph, topic: dict[str, Any], number: int) -> dict[str, Any]:
    post = repo.post_by_number(graph, topic["id"], number)
    if post is None:
        raise NotFoundError(str(number))
    return post
