"""Moderation forms: shape only (the service checks the rules again and the permissions)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from mentore.formfields import TextAreaField
from mentore.services.moderation import FLAG_REASONS, MAX_FLAG_TEXT, MAX_REASON, MIN_REASON, REASON_OPTIONAL

REASON_HELP = _l("Resta nel registro di moderazione e, se la persona è coinvolta, le viene comunicato.")


def _flag_reasons() -> list[tuple[str, str]]:
    return [("", _("Scegli un motivo..."))] + [(code, _(label)) for code, label in FLAG_REASONS.items()]


class FlagForm(FlaskForm):
    """A member flags a topic or post: why, and a few words (required for "Altro")."""

    reason = SelectField(_l("Motivo della segnalazione"), choices=_flag_reasons,
                         invalid_choice_message=_l("Scelta non valida."),
                         validators=[DataRequired(_l("Scegli il motivo della segnalazione."))])
    text = TextAreaField(_l("Spiega ai facilitatori che cosa non va"),
                         render_kw={"rows": 3, "maxlength": MAX_FLAG_TEXT},
                         validators=[Length(max=MAX_FLAG_TEXT, message=_l("Al massimo 1000 caratteri."))])

    def validate_text(self, field) -> None:
        if self.reason.data == "altro" and not (field.data or "").strip():
            raise ValidationError(_l("Spiega il motivo della segnalazione."))


class ReasonForm(FlaskForm):
    """The reason of a moderation action; required except for the actions that undo (restore,
    unlock, unpin). ``action`` says which one."""

    reason = StringField(_l("Motivo"), render_kw={"maxlength": MAX_REASON},
                         validators=[Length(max=MAX_REASON, message=_l("Al massimo 500 caratteri."))])
    next = HiddenField()

    def __init__(self, *args, action: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.reason.flags.required = action not in REASON_OPTIONAL

    def validate_reason(self, field) -> None:
        if self.action not in REASON_OPTIONAL and len((field.data or "").strip()) < MIN_REASON:
            raise ValidationError(_l("Indica il motivo (almeno 3 caratteri): resta nel registro di moderazione."))


class MoveForm(ReasonForm):
    destination = SelectField(_l("Sposta nella comunità"), choices=[], invalid_choice_message=_l("Scelta non valida."),
                              validators=[DataRequired(_l("Scegli la comunità di destinazione."))])

    def __init__(self, *args, destinations: list[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, action="move", **kwargs)
        self.destination.choices = [("", _("Scegli..."))] + list(destinations)
