"""Configuration classes. Values come from the class, then the git-ignored ``local.env``, then
``MENTORE_*`` environment variables (``MENTORE_NEO4J_URI`` → ``NEO4J_URI``), then the mapping
given to ``create_app``. Production refuses to start without a secret key and a Neo4j password.
"""

from __future__ import annotations

import json

from mentore import localsettings


class Config:
    SECRET_KEY: str | None = None
    NEO4J_URI = "bolt://127.0.0.1:7687"
    NEO4J_USER = "neo4j"
    NEO4J_PASSWORD: str | None = None
    NEO4J_DATABASE = "neo4j"
    NEO4J_CONNECTION_TIMEOUT = 3.0  # seconds to open a connection
    NEO4J_RETRY_TIME = 1.0  # seconds the driver may spend retrying one transaction
    BABEL_DEFAULT_LOCALE = "it"
    BABEL_DEFAULT_TIMEZONE = "Europe/Rome"
    LANGUAGES = {"it": "Italiano", "en": "English"}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 14
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    REQUIRE_SECRETS = True
    PROXY_FIX_X_FOR = 0  # number of reverse proxies in front (login limits key on the client address)
    READ_LOCAL_SETTINGS = True
    # Outgoing mail: without MAIL_SERVER messages are written to the app log (development).
    MAIL_SERVER: str | None = None
    MAIL_PORT = 587
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_USE_TLS = True
    MAIL_FROM = "Mentore <noreply@localhost>"
    MAIL_BASE_URL: str | None = None  # public address for links in mails (else the request's host)
    MAIL_OUTBOX = False  # keep mails in app.extensions["mail_outbox"] instead of sending them
    PASSWORD_RESET_MAX_AGE = 60 * 60  # seconds a password reset link stays valid
    # The matcher: "use-multilingual-v3" (default, offline, from its package) or "st:<folder or
    # installed package>" for a local sentence-transformers model (extra [st]).
    EMBEDDING_MODEL = "use-multilingual-v3"
    WARM_MATCHER = True  # load the embedding model in the background at start-up


class ProductionConfig(Config):
    pass


class DevelopmentConfig(Config):
    DEBUG = True
    SESSION_COOKIE_SECURE = False
    REQUIRE_SECRETS = False


class TestingConfig(Config):
    TESTING = True
    WARM_MATCHER = False
    SECRET_KEY = "testing-only-secret"
    SESSION_COOKIE_SECURE = False
    REQUIRE_SECRETS = False
    READ_LOCAL_SETTINGS = False  # tests say explicitly what they use
    NEO4J_CONNECTION_TIMEOUT = 1.0
    NEO4J_RETRY_TIME = 0.5
    MAIL_OUTBOX = True


CONFIGS = {"production": ProductionConfig, "development": DevelopmentConfig, "testing": TestingConfig}
PREFIX = "MENTORE_"


def _parse(value: str):
    """Like Flask's ``from_prefixed_env``: JSON when it parses (numbers, booleans), else text."""
    try:
        return json.loads(value)
    except ValueError:
        return value


def local_overrides() -> dict[str, object]:
    """Settings from ``local.env`` with the prefix stripped (``MENTORE_SECRET_KEY`` → ``SECRET_KEY``)."""
    return {k[len(PREFIX):]: _parse(v) for k, v in localsettings.read().items() if k.startswith(PREFIX)}


class ConfigurationError(RuntimeError):
    """The app cannot start with this configuration; the message says what is missing."""


def check(config) -> None:
    if not config.get("REQUIRE_SECRETS"):
        return
    missing = [name for name in ("SECRET_KEY", "NEO4J_PASSWORD") if not config.get(name)]
    if missing:
        names = ", ".join(PREFIX + m for m in missing)
        raise ConfigurationError(
            f"Configurazione incompleta: mancano {names}. Impostarle nell'ambiente o in local.env "
            f"(`scripts/neo4j start` le genera al primo avvio)."
        )
