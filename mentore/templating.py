"""Template globals: the current language, the language switch, labels of vocabularies."""

from __future__ import annotations

import datetime as dt

from flask import Flask, current_app, request
from flask_babel import format_date, get_locale

from mentore.messages import localized
from mentore.version import __version__


def register(app: Flask) -> None:
    from mentore.organisations.presenters import label_of

    app.add_template_global(label_of)
    app.add_template_filter(localized)
    app.add_template_filter(day)
    @app.context_processor
    def globals_for_templates():
        return {
            "current_language": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
            "languages": current_app.config["LANGUAGES"],
            "app_version": __version__,
            "current_path": request.full_path.rstrip("?") if request else "/",
        }


def day(value: object, style: str = "medium") -> str:
    """A stored date or datetime (ISO text) as a day in the person's language: "3 dic 2026",
    "Dec 3, 2026". Empty for no value; text that is not a date, as it is."""
    if not value:
        return ""
    try:
        return format_date(dt.date.fromisoformat(str(value)[:10]), style)
    except ValueError:
        return str(value)
