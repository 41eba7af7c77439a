"""Background work of one process: a single worker thread and its queue.

Suggestions are refreshed here when a need or a profile changes, never in the request that
changed them; the embedding model is warmed here at start-up. A job runs inside an app context
and its failure is logged, never raised into a request. ``mentore suggestions refresh`` does
the same work from a scheduler (after a restart, queued jobs are gone: stale needs are marked
in the graph, so the command or the next change catches up)."""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask

log = logging.getLogger(__name__)

#: Optional jobs (an organisation page's possible partners, which a crawler could ask for by the
#: thousand) are not queued while this many jobs wait: the refresh of a need's suggestions after
#: a change never waits behind them. The page asks again at its next view.
OPTIONAL_BACKLOG = 20


class Jobs:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self._queue: queue.Queue[tuple[Callable[..., Any], tuple[Any, ...]] | None] = queue.Queue()
        self._pending: set[tuple[str, tuple[Any, ...]]] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def submit(self, fn: Callable[..., Any], *args: Any, optional: bool = False) -> None:
        """Queue ``fn(*args)``; the same call already waiting is not queued twice, and an
        ``optional`` one not at all while OPTIONAL_BACKLOG jobs wait."""
        key = (getattr(fn, "__qualname__", repr(fn)), args)
        with self._lock:
            if key in self._pending or (optional and len(self._pending) >= OPTIONAL_BACKLOG):
                return
            self._pending.add(key)
            self._ensure_thread()
        self._queue.put((fn, args))

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive() or self._pid != os.getpid():
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._work, name="mentore-jobs", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                fn, args = item
                with self._lock:
                    self._pending.discard((getattr(fn, "__qualname__", repr(fn)), args))
                with self.app.app_context():
                    fn(*args)
            except Exception:
                log.exception("background job failed")
            finally:
                self._queue.task_done()

    def drain(self) -> None:
        """Wait until every queued job has run (tests, and the command line)."""
        self._queue.join()


def jobs_of(app: Flask) -> Jobs:
    found = app.extensions.get("mentore_jobs")
    if found is None or found._pid != os.getpid():
        found = app.extensions["mentore_jobs"] = Jobs(app)
    return found


def submit(fn: Callable[..., Any], *args: Any, optional: bool = False) -> None:
    from flask import current_app

    jobs_of(current_app._get_current_object()).submit(fn, *args, optional=optional)  # type: ignore[attr-defined]


# ----------------------------------------------------------------------------- the jobs


def refresh_need(need_id: str) -> None:
    """The need's suggestions again, after a change of the need (its vector first, when the need
    changed since it was computed), a decline (another organisation in place of the declined one),
    or a page that found them due (the change's job lost with a restart)."""
    from mentore.extensions import matcher_of, neo4j
    from mentore.services import matching, suggestions

    matcher, graph = matcher_of(), neo4j.graph
    if not suggestions.is_due(graph, need_id):  # a job queued for the same change already did it
        return
    matching.embed_need(matcher, graph, need_id, outdated_only=True)
    suggestions.refresh(matcher, graph, need_id)


def refresh_after_profile_change(organisation_id: str) -> None:
    """A profile changed: its vector, then the suggestions of the active needs it may enter or
    leave (marked stale first, so a restart in between loses nothing)."""
    from mentore.extensions import matcher_of, neo4j
    from mentore.services import matching, suggestions

    graph = neo4j.graph
    matcher = matcher_of()
    matching.embed_organisation(matcher, graph, organisation_id)
    for need_id in suggestions.mark_near(graph, organisation_id):
        suggestions.refresh(matcher, graph, need_id)


def refresh_partners(organisation_id: str) -> None:
    """An organisation's possible partners, shown on its page."""
    from mentore.extensions import matcher_of, neo4j
    from mentore.services import suggestions

    suggestions.refresh_organisation_partners(matcher_of(), neo4j.graph, organisation_id)


def possible_partners(organisation_id: str):
    """An organisation's possible partners as last computed (``OrganisationPartners``), to be
    shown; when they are due, computed again in the background, never in the request."""
    from mentore.extensions import neo4j
    from mentore.services import suggestions

    partners = suggestions.organisation_partners(neo4j.graph, organisation_id)
    if partners.due:
        submit(refresh_partners, organisation_id, optional=True)
    return partners


def warm_model() -> None:
    """What the matcher loads once, loaded before the first suggestion needs it: the language
    model, the place names a project's text may hold and those a place field suggests, the text
    model, its copies of the work in the graph (members, lexical profiles), of the
    organisations' vectors and names, of the background of past work and needs and of the
    prototypes the need form proposes labels from; then all of it out of the garbage collector's
    sight (``matching.freeze_heap``)."""
    from mentore.extensions import matcher_of, neo4j
    from mentore.matcher import language
    from mentore.reference.places import places_in_text, suggest_places
    from mentore.services import matching, need_labels

    language.warm()
    places_in_text("a Roma")
    suggest_places("Roma")
    matcher = matcher_of()
    matcher.embedder()
    matcher.work(neo4j.graph)
    matcher.vectors(neo4j.graph)
    matcher.names(neo4j.graph)
    matcher.background(neo4j.graph)
    need_labels.label_sets(matcher, neo4j.graph)
    matching.freeze_heap()
