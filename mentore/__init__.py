"""Mentore: la Consolle del Terzo Settore (Flask application package)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from mentore.version import __version__ as __version__

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: str | Mapping[str, Any] | None = None) -> Flask:
    """Application factory. ``config`` is a config name (production, development, testing),
    or a mapping of overrides applied last (its ``CONFIG`` key picks the class)."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"))
    load_config(app, config)
    app.json.sort_keys = False  # keep "status" first in /healthz
    if app.config.get("PROXY_FIX_X_FOR"):  # behind N reverse proxies: the client's real address
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_FIX_X_FOR"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_security_headers(app)
    register_template_helpers(app)
    if app.config.get("WARM_MATCHER"):
        from mentore import jobs

        jobs.jobs_of(app).submit(jobs.warm_model)
    return app


def load_config(app: Flask, config: str | Mapping[str, Any] | None) -> None:
    import os

    from mentore import config as cfg

    overrides: Mapping[str, Any] = {}
    if isinstance(config, Mapping):
        overrides, name = config, config.get("CONFIG")
    else:
        name = config
    name = name or os.environ.get("MENTORE_CONFIG", "production")
    if name not in cfg.CONFIGS:
        raise cfg.ConfigurationError(f"MENTORE_CONFIG sconosciuto: {name!r} (production, development, testing)")
    app.config.from_object(cfg.CONFIGS[name])
    if app.config["READ_LOCAL_SETTINGS"]:
        app.config.update(cfg.local_overrides())
    app.config.from_prefixed_env("MENTORE")
    app.config.update(overrides)
    app.config["CONFIG"] = name
    cfg.check(app.config)


def register_extensions(app: Flask) -> None:
    from mentore.extensions import babel, csrf, login_manager, neo4j, select_locale

    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    login_manager.init_app(app)
    import mentore.auth.models  # noqa: F401  (registers the user loader)
    neo4j.init_app(app)


def register_blueprints(app: Flask) -> None:
    from mentore.admin.views import bp as admin_bp
    from mentore.api.views import bp as api_bp
    from mentore.auth.views import bp as auth_bp
    from mentore.cockpit.views import bp as cockpit_bp
    from mentore.communities.views import bp as communities_bp
    from mentore.main.views import bp as main_bp
    from mentore.matching.views import bp as matching_bp
    from mentore.moderation.views import bp as moderation_bp
    from mentore.needs.views import bp as needs_bp
    from mentore.notifications.views import bp as notifications_bp
    from mentore.organisations.views import bp as organisations_bp
    from mentore.showcase.views import bp as showcase_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(main_bp)
    app.register_blueprint(organisations_bp)
    app.register_blueprint(needs_bp)
    app.register_blueprint(matching_bp)
    app.register_blueprint(communities_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(cockpit_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(showcase_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(api_bp, url_prefix="/api/v1")


def register_error_handlers(app: Flask) -> None:
    from mentore.errors import register

    register(app)


def register_security_headers(app: Flask) -> None:
    from mentore.security import add_security_headers

    app.after_request(add_security_headers)


def register_template_helpers(app: Flask) -> None:
    from mentore.templating import register

    register(app)
