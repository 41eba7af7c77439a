"""Services' messages (``mentore.reference.vocabularies.Message``) in the person's language."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from mentore.reference.vocabularies import Message
from mentore.services.errors import ValidationFailed


def localized(text: Any) -> Any:
    """A service's Message in the person's language (its params that are Messages too); any
    other value as it is."""
    if not isinstance(text, Message) or not text.template:  # gettext("") is the catalogue's header
        return text
    if not text.params:
        return gettext(text.template)
    return gettext(text.template, **{k: localized(v) for k, v in text.params.items()})


def message_of(exc: Exception) -> str:
    """What a service's error says, in the person's language (for a flash message)."""
    return str(localized(exc.args[0])) if exc.args else str(exc)


def errors_of(exc: ValidationFailed) -> str:
    """Every message of a ValidationFailed in one sentence, in the person's language (for a flash
    message, where there is no field to put each on)."""
    return " ".join(str(localized(message)) for message in exc.errors.values())
