"""Flask extensions: Babel, and the Neo4j extension (one driver per process, made lazily)."""

from __future__ import annotations

import atexit
import os
import threading

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import Babel, lazy_gettext
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from graph import DriverSettings, Graph, connect


def select_locale() -> str:
    """Italian unless the person chose another language with the switch (commands: Italian)."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    languages = current_app.config["LANGUAGES"]
    if chosen in languages:
        return chosen
    asked = request.args.get("lang")
    return asked if asked in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = lazy_gettext("Accedi per continuare.")
login_manager.login_message_category = "info"


class _GraphHolder:
    """The process's Graph, created on first use and again after a fork (gunicorn workers)."""

    def __init__(self, settings: DriverSettings) -> None:
        self.settings = settings
        self._graph: Graph | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()

    def get(self) -> Graph:
        if self._graph is None or self._pid != os.getpid():
            with self._lock:
                if self._graph is None or self._pid != os.getpid():
                    self._graph = connect(self.settings)
                    self._pid = os.getpid()
                    atexit.register(self._graph.close)
        return self._graph

    def close(self) -> None:
        if self._graph is not None and self._pid == os.getpid():
            self._graph.close()
        self._graph = None


class Neo4j:
    """Flask extension pattern: ``init_app`` keeps the per-app state in ``app.extensions``."""

    def __init__(self, app: Flask | None = None) -> None:
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        cfg = app.config
        app.extensions["neo4j"] = _GraphHolder(DriverSettings(
            uri=cfg["NEO4J_URI"], user=cfg["NEO4J_USER"], password=cfg["NEO4J_PASSWORD"] or "",
            database=cfg["NEO4J_DATABASE"], connection_timeout=float(cfg["NEO4J_CONNECTION_TIMEOUT"]),
            retry_time=float(cfg["NEO4J_RETRY_TIME"]),
        ))

    @property
    def graph(self) -> Graph:
        return current_app.extensions["neo4j"].get()


neo4j = Neo4j()


def matcher_of(app: Flask | None = None):
    """The app's matcher (one per process): the embedding model loads on first use and is
    warmed by ``jobs.warm_model`` at start-up, never per request."""
    from mentore.matcher import embedding
    from mentore.services.matching import Matcher

    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    state = app.extensions.setdefault("mentore_matcher", {})
    if state.get("pid") != os.getpid():
        spec = app.config.get("EMBEDDING_MODEL") or embedding.DEFAULT_MODEL
        state["matcher"] = Matcher(load_embedder=lambda: embedding.load(spec))
        state["pid"] = os.getpid()
    return state["matcher"]
