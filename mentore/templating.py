"""Template globals: the current language, the language switch, labels of vocabularies."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_babel import get_locale

from mentore.messages import localized
from mentore.version import __version__


def register(app: Flask) -> None:
    from mentore.organisations.presenters import label_of

    app.add_template_global(label_of)
    app.add_template_filter(localized)
    @app.context_processor
    def globals_for_templates():
        return {
            "current_language": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
            "languages": current_app.config["LANGUAGES"],
            "app_version": __version__,
            "current_path": request.full_path.rstrip("?") if request else "/",
        }
