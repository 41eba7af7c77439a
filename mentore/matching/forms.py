"""Forms of the matcher's pages: a suggested organisation's answer, the partner finder. Shape
only: the services check the rules and their messages come back on the fields."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, RadioField, SelectField, StringField
from wtforms.validators import Length, Optional

from mentore.formfields import TextAreaField
from mentore.reference.vocabularies import ORGANISATION_KINDS
from mentore.services import matching
from mentore.services.suggestions import AVAILABILITY, MAX_ANSWER
from mentore.web import activity_choices

#: The partner finder travels in the query string (results are links): a bounded text keeps
#: the address within what servers accept; the JSON API takes up to 10,000 characters.
MAX_PAGE_TEXT = 1_000


def _availability() -> list[tuple[str, str]]:
    return [(code, _(label)) for code, label in AVAILABILITY.items()]


class AnswerForm(FlaskForm):
    availability = RadioField(_l("Potete aiutare?"), choices=_availability, validate_choice=False)
    answer = TextAreaField(_l("La vostra risposta"), render_kw={"maxlength": MAX_ANSWER, "rows": 3})

    @staticmethod
    def prefix_for(suggestion_id: str) -> str:
        """One form per suggestion on the page: field names and ids carry the suggestion."""
        return f"answer-{suggestion_id}"


#: The partner finder's kinds as the choice reads ("Solo enti del Terzo settore"), in ORGANISATION_KINDS' order.
KIND_CHOICES = {"ETS": _l("Solo enti del Terzo settore"), "PUBLIC_BODY": _l("Solo enti pubblici")}


def _kinds() -> list[tuple[str, str]]:
    return [("", _("Tutte le organizzazioni"))] + [(k, str(KIND_CHOICES.get(k, k))) for k in ORGANISATION_KINDS]


def _activities() -> list[tuple[str, str]]:
    return [("", _("Qualunque attività"))] + activity_choices()


class PartnerForm(Form):
    """GET form (no CSRF: it changes nothing)."""

    text = TextAreaField(_l("Il progetto"), render_kw={"maxlength": MAX_PAGE_TEXT, "rows": 5},
                         validators=[Optional(), Length(max=MAX_PAGE_TEXT, message=_l(
                             "Al massimo %(max)d caratteri: basta la parte che dice obiettivi, attività e destinatari.",
                             max=MAX_PAGE_TEXT))])
    programme = StringField(_l("Bando o programma (facoltativo)"),
                            validators=[Optional(), Length(max=matching.MAX_PROGRAMME)])
    kind = SelectField(_l("Tra quali organizzazioni cercare"), choices=_kinds, validate_choice=False)
    territory = StringField(_l("Territorio (facoltativo)"), validators=[Optional(), Length(max=100)],
                            render_kw={"data-places": "comune provincia regione area"})
    activity = SelectField(_l("Attività di interesse generale (facoltativa)"), choices=_activities,
                           validate_choice=False)
    verified = BooleanField(_l("Solo organizzazioni verificate dalla piattaforma"))
    runts = BooleanField(_l("Solo enti iscritti al RUNTS"))
    add = StringField(_l("Aggiungi un partner già coinvolto"), validators=[Optional(), Length(max=200)])
