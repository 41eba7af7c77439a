"""Notifications: write them (``notify``), list and read them, the digest preference, e-mail digests.

Plain functions taking the graph and the acting person. ``notify`` is called by the forum and
moderation parts whenever something concerns other people; it never sends mail. Mail goes out
only as a **digest** (``send_digests``, run by ``mentore digests send`` from a scheduler): one
message per person per period, never one per event.

Decisions, in one place:

- The list shows unread notifications first, then the read ones, newest first within each group.
- A digest carries the notifications that are **unread and not yet digested**: what the person
  already read on the site needs no mail. Once mailed, a notification is marked ``digested_at``
  and is never mailed again (it stays in the in-app list until read).
- Due: ``daily`` when the last digest is at least 1 day old, ``weekly`` at least 7 days, never
  sent → due; ``none`` is never mailed. ``DUE_SLACK`` (one hour) is taken off each period so a
  scheduler running at the same hour every day does not skip a day because yesterday's run
  finished a few seconds later. ``digest_sent_at`` moves only when a mail was sent: a person
  with nothing new is checked again at the next run.
- The digest is marked (notifications ``digested_at``, person ``digest_sent_at``) in one
  transaction **after** the mail was handed over; a refused mail leaves everything pending for
  the next run and is reported.
- Retention: each (non dry-run) ``send_digests`` deletes notifications read more than
  ``RETENTION_DAYS`` (180) days ago. Unread ones are kept.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any

from graph import Graph
from graph.repositories import notifications as repo
from graph.repositories.people import Person
from mentore.reference.vocabularies import N_, Message
from mentore.services.errors import NotFoundError, PermissionDenied, ValidationFailed

#: Kinds of notification, in the order digests group them.
KINDS = ("suggestion", "verification", "reply", "mention", "solution", "moderation", "new_topic", "membership")
#: Headings of a digest's sections.
KIND_HEADINGS = {
    "suggestion": N_("Bisogni e suggerimenti"),
    "verification": N_("Verifica delle organizzazioni"),
    "reply": N_("Risposte alle tue discussioni"),
    "mention": N_("Ti hanno menzionato"),
    "solution": N_("Soluzioni"),
    "moderation": N_("Moderazione"),
    "new_topic": N_("Nuove discussioni nelle comunità che segui"),
    "membership": N_("Iscrizioni alle comunità"),
}
#: Digest frequencies (``Person.digest``); a missing preference means DEFAULT_DIGEST.
DIGESTS = ("none", "daily", "weekly")
DEFAULT_DIGEST = "weekly"
PERIODS = {"daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7)}
DUE_SLACK = dt.timedelta(hours=1)
RETENTION_DAYS = 180

TITLE_MAX = 200
EXCERPT_MAX = 280
PER_PAGE = 20
UNREAD_CAP = 100  # the bell shows "99+" beyond
DIGEST_MAX_ITEMS = 200  # per mail; the rest waits in the in-app list ("e altre N")

#: ``progress(label, total)`` returns a context whose value is ``advance(n)`` (mentore.progress.bar).
Progress = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]


@contextmanager
def silent(label: str, total: int) -> Iterator[Callable[[int], None]]:
    yield lambda n: None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.isoformat()


def _clip(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ----------------------------------------------------------------------------- writing


def notify(graph: Graph, kind: str, recipients: Iterable[str], *, actor: Person | None,
           title: str | Message, excerpt: str = "", url: str) -> int:
    """Write one Notification per recipient in one transaction; returns how many were written.

    The actor themself, unknown, deleted and inactive people are skipped; duplicates count once.
    ``url`` must be a path on this site (``/comunita/...``). ``title`` is a Message (its
    template from the catalogue, its values plain text; ``%(actor)s`` is the actor's name), so
    that each recipient reads it in their own language (``title_of``); a plain string is shown
    as it is. Values and the Italian title are clipped to TITLE_MAX characters, the excerpt to
    EXCERPT_MAX, whitespace collapsed."""
    if kind not in KINDS:
        raise ValidationFailed({"kind": Message(N_("Tipo di notifica sconosciuto: %(kind)s."), kind=kind)})
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        raise ValidationFailed({"url": Message(N_("Il collegamento di una notifica deve essere un percorso del "
                                                  "sito."))})
    ids = list(dict.fromkeys(r for r in recipients if r))
    if not ids:
        return 0
    template = params = None
    if isinstance(title, Message) and title.template:
        values = {k: _clip(str(v), TITLE_MAX) for k, v in title.params.items() if k != ACTOR}
        if ACTOR in title.params:
            values[ACTOR] = actor.name if actor else ""
        title = Message(title.template, **values)  # the Italian text, from the clipped values
        values.pop(ACTOR, None)
        template, params = title.template, json.dumps(values, ensure_ascii=False, sort_keys=True)
    return repo.create(graph, kind, ids, actor_id=actor.id if actor else None,
                       actor_name=actor.name if actor else None, title=_clip(title, TITLE_MAX),
                       title_template=template, title_params=params,
                       excerpt=_clip(excerpt, EXCERPT_MAX), url=url, now=_iso(_now()))


#: The value of a title's template that is the actor's name: read from the notification's
#: ``actor_name``, which an account deletion replaces.
ACTOR = "actor"


def title_of(item: dict[str, Any]) -> str:
    """A stored notification's title as a Message in the reader's language (``localized``), from
    its template and values; the stored Italian text when there is no template or the values do
    not fit it (a notification written before titles were translated, or a changed template)."""
    stored = item.get("title") or ""
    template = item.get("title_template")
    if not template:
        return stored
    try:
        values = json.loads(item.get("title_params") or "{}")
        if not isinstance(values, dict):
            return stored
        values = {str(k): str(v) for k, v in values.items()}
        values[ACTOR] = item.get("actor_name") or ""
        return Message(template, **values)
    except (ValueError, KeyError, TypeError):
        return stored


def _with_titles(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for item in items:
        item["title"] = title_of(item)
    return items


# ----------------------------------------------------------------------------- in-app


def _require(actor: Person | None) -> Person:
    if actor is None:
        raise PermissionDenied(Message(N_("Accedi per vedere le tue notifiche.")))
    return actor


@dataclass(frozen=True)
class NotificationPage:
    items: list[dict[str, Any]]
    page: int
    pages: int
    total: int
    unread: int
    per_page: int = PER_PAGE


def unread_count(graph: Graph, actor: Person | None) -> int:
    """Unread notifications of the person, capped at UNREAD_CAP; 0 for anonymous visitors."""
    return repo.unread_count(graph, actor.id, UNREAD_CAP) if actor else 0


def mine(graph: Graph, actor: Person | None, page: int = 1) -> NotificationPage:
    """One page of the person's notifications: unread first, newest first."""
    actor = _require(actor)
    counts = repo.totals(graph, actor.id, DEFAULT_DIGEST) or {"total": 0, "unread": 0}
    pages = max(1, math.ceil(counts["total"] / PER_PAGE))
    page = min(max(1, page), pages)
    items = _with_titles(repo.page(graph, actor.id, (page - 1) * PER_PAGE, PER_PAGE))
    return NotificationPage(items, page, pages, counts["total"], counts["unread"])


def open_notification(graph: Graph, actor: Person | None, notification_id: str,
                      now: dt.datetime | None = None) -> str:
    """Mark one of the person's notifications read and return its url (not checked here: the
    view redirects only to a path on this site). Someone else's notification does not exist."""
    actor = _require(actor)
    url = repo.mark_read(graph, actor.id, notification_id, _iso(now or _now()))
    if url is None:
        raise NotFoundError(notification_id)
    return url


def mark_all_read(graph: Graph, actor: Person | None, now: dt.datetime | None = None) -> int:
    return repo.mark_all_read(graph, _require(actor).id, _iso(now or _now()))


def digest_preference(graph: Graph, actor: Person | None) -> str:
    counts = repo.totals(graph, _require(actor).id, DEFAULT_DIGEST)
    return counts["digest"] if counts and counts["digest"] in DIGESTS else DEFAULT_DIGEST


def set_digest_preference(graph: Graph, actor: Person | None, digest: str) -> None:
    actor = _require(actor)
    if digest not in DIGESTS:
        raise ValidationFailed({"digest": Message(N_("Scegli una delle frequenze proposte."))})
    if not repo.set_digest(graph, actor.id, digest):
        raise NotFoundError(actor.id)


# ----------------------------------------------------------------------------- digests


@dataclass(frozen=True)
class Digest:
    """One person's digest: who, how often, what it carries (oldest first)."""

    person_id: str
    name: str
    email: str
    frequency: str
    items: list[dict[str, Any]]
    more: int = 0  # pending notifications beyond DIGEST_MAX_ITEMS, left for the next digest
    locale: str | None = None  # the person's language (None: the site's, Italian)


@dataclass
class DigestReport:
    due: int = 0             # people whose digest was due
    sent: int = 0            # mails handed over (or, in a dry run, that would be)
    without_news: int = 0    # due, but nothing pending
    notifications: int = 0   # notifications carried
    failed: list[str] = field(default_factory=list)  # e-mail addresses whose mail was refused
    deleted: int = 0         # read notifications removed by the retention rule
    dry_run: bool = False
    planned: list[tuple[str, int]] = field(default_factory=list)  # dry run: (e-mail, notifications)

    def summary(self) -> str:
        sent = _count(self.sent, "riepilogo da inviare", "riepiloghi da inviare") if self.dry_run \
            else _count(self.sent, "riepilogo inviato", "riepiloghi inviati")
        text = (f"{sent} "
                f"({_count(self.notifications, 'notifica', 'notifiche')}), "
                f"{_count(self.without_news, 'persona', 'persone')} senza novità")
        if self.failed:
            text += f", {_count(len(self.failed), 'invio fallito', 'invii falliti')} (riprovati al prossimo giro)"
        if self.dry_run:
            return text + ". Prova: nessuna e-mail inviata, nulla modificato."
        return text + f"; {_count(self.deleted, 'notifica letta eliminata', 'notifiche lette eliminate')} " \
                      f"(più vecchie di {RETENTION_DAYS} giorni)."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def frequencies_for(option: str) -> tuple[str, ...]:
    """The frequencies a run handles: "daily", "weekly" or "all" (both). Never "none"."""
    if option == "all":
        return tuple(PERIODS)
    if option not in PERIODS:
        raise ValidationFailed({"frequency": Message(N_("Frequenza non valida: daily, weekly o all."))})
    return (option,)


def due_cutoffs(now: dt.datetime) -> dict[str, str]:
    """Per frequency, the latest ``digest_sent_at`` that makes a digest due at ``now``."""
    return {name: _iso(now - period + DUE_SLACK) for name, period in PERIODS.items()}


def is_due(frequency: str, last_sent: dt.datetime | None, now: dt.datetime) -> bool:
    """The rule of ``due_cutoffs`` for one person (the graph query applies the same cutoffs)."""
    if frequency not in PERIODS:
        return False
    return last_sent is None or last_sent <= now - PERIODS[frequency] + DUE_SLACK


def group(items: Sequence[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Items grouped by kind in KINDS order (unknown kinds last), each group oldest first."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(item.get("kind") or "", []).append(item)
    for members in groups.values():
        members.sort(key=lambda i: (i.get("created_at") or "", i.get("id") or ""))
    return sorted(groups.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


#: The digest's sentences (``format_digest`` passes each to ``translate``).
DIGEST_SUBJECT = N_("Mentore: %(what)s dal tuo ultimo riepilogo")
DIGEST_NEWS = (N_("1 novità"), N_("%(count)s novità"))  # one, many
DIGEST_GREETING = N_("Buongiorno %(name)s,")
DIGEST_INTRO = {"daily": N_("ecco il tuo riepilogo giornaliero di Mentore: %(what)s."),
                "weekly": N_("ecco il tuo riepilogo settimanale di Mentore: %(what)s.")}
DIGEST_OTHER_KIND = N_("Altre notifiche")
DIGEST_MORE = N_("… e altre %(count)s: le trovi tra le tue notifiche.")
DIGEST_EXCERPT = N_("«%(excerpt)s»")
DIGEST_ALL = N_("Tutte le tue notifiche: %(url)s")
DIGEST_WHY = {"daily": N_("Ricevi questo riepilogo una volta al giorno e mai una e-mail per ogni singolo evento."),
              "weekly": N_("Ricevi questo riepilogo una volta alla settimana e mai una e-mail per ogni singolo "
                           "evento.")}
DIGEST_CHANGE = N_("Per cambiare frequenza o non riceverlo più: %(url)s")
DIGEST_SIGNATURE = N_("Mentore — la Consolle del Terzo Settore")


def format_digest(digest: Digest, base_url: str, translate: Callable[[Message | str], str] = str) -> tuple[str, str]:
    """Subject and plain-text body of a digest, grouped by kind, with absolute links. Every
    sentence (and each notification's title) goes through ``translate``: the Italian text by
    default; the command that mails digests gives each person's language (``localized``)."""
    def say(template: str, **params: object) -> str:
        return translate(Message(template, **params))

    base = base_url.rstrip("/")
    total = len(digest.items) + digest.more
    what = say(DIGEST_NEWS[0]) if total == 1 else say(DIGEST_NEWS[1], count=total)
    lines = [say(DIGEST_GREETING, name=digest.name or ""), ""]
    if digest.frequency in DIGEST_INTRO:
        lines.append(say(DIGEST_INTRO[digest.frequency], what=what))
    for kind, members in group(digest.items):
        heading = f"{say(KIND_HEADINGS.get(kind, DIGEST_OTHER_KIND))} ({len(members)})"
        lines += ["", heading, "-" * len(heading)]
        for item in members:
            title = translate(item.get("title") or "")
            who = f"{item['actor_name']}: " if item.get("actor_name") and item["actor_name"] not in title else ""
            lines.append(f"- {who}{title}")
            if item.get("excerpt"):
                lines.append(f"  {say(DIGEST_EXCERPT, excerpt=item['excerpt'])}")
            lines.append(f"  {base}{item.get('url') or '/notifiche'}")
    if digest.more:
        lines += ["", say(DIGEST_MORE, count=digest.more)]
    lines += ["", say(DIGEST_ALL, url=f"{base}/notifiche"), ""]
    if digest.frequency in DIGEST_WHY:
        lines.append(say(DIGEST_WHY[digest.frequency]))
    lines += [say(DIGEST_CHANGE, url=f"{base}/notifiche/preferenze"), "", say(DIGEST_SIGNATURE), ""]
    return say(DIGEST_SUBJECT, what=what), "\n".join(lines)


def send_digests(graph: Graph, *, send: Callable[[Digest], bool], frequencies: Sequence[str] = tuple(PERIODS),
                 now: dt.datetime | None = None, dry_run: bool = False,
                 progress: Progress = silent) -> DigestReport:
    """Send one digest to each person whose digest is due and who has something pending.

    ``send(digest)`` hands the mail over and says whether it was accepted. Marking happens
    after it, in one transaction per person; a refused mail changes nothing. A dry run builds
    the digests (``send`` is not called) and writes nothing."""
    now = now or _now()
    unknown = set(frequencies) - set(PERIODS)
    if unknown:
        raise ValidationFailed({"frequency": Message(N_("Frequenza non valida: %(values)s."),
                                                     values=", ".join(sorted(unknown)))})
    report = DigestReport(dry_run=dry_run)
    people = repo.due(graph, list(frequencies), due_cutoffs(now), DEFAULT_DIGEST)
    report.due = len(people)
    with_news = [p for p in people if p["pending"]]
    report.without_news = len(people) - len(with_news)
    with progress("Riepiloghi", len(with_news)) as advance:
        for person in with_news:
            items = _with_titles(repo.pending(graph, person["id"], DIGEST_MAX_ITEMS))
            digest = Digest(person["id"], person["name"] or "", person["email"], person["digest"], items,
                            more=max(0, person["pending"] - len(items)), locale=person.get("locale"))
            if dry_run:
                report.sent += 1
                report.notifications += len(items)
                report.planned.append((person["email"], len(items) + digest.more))
            elif send(digest):
                repo.mark_digested(graph, person["id"], [i["id"] for i in items], _iso(now))
                report.sent += 1
                report.notifications += len(items)
            else:
                report.failed.append(person["email"])
            advance(1)
    if not dry_run:
        report.deleted = repo.delete_read_before(graph, _iso(now - dt.timedelta(days=RETENTION_DAYS)))
    return report
