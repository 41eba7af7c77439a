"""Forms of the communities and their forum: shape only, the services check the rules."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from mentore.formfields import TextAreaField
from mentore.reference.places import gazetteer
from mentore.reference.vocabularies import MEMBERSHIP_MODES
from mentore.services.communities import MAX_REQUEST_MESSAGE, CommunityInput
from mentore.services.forum import BODY_MAX, TITLE_MAX, TITLE_MIN
from mentore.web import activity_choices

INVALID_CHOICE = _l("Scelta non valida.")
BODY_HELP = _l("Puoi usare Markdown: **grassetto**, _corsivo_, elenchi con «-», link [testo](https://…). "
               "Per menzionare un membro della comunità scrivi @[Nome Cognome].")
_EMAIL_SPLIT = re.compile(r"[\s,;]+")


def _body(label):
    return TextAreaField(label, validators=[
        DataRequired(_l("Scrivi il testo del messaggio.")),
        Length(max=BODY_MAX, message=_l("Il testo può avere al massimo %(max)d caratteri.", max=BODY_MAX))],
        render_kw={"rows": 8})


def _title():
    return StringField(_l("Titolo"), validators=[
        DataRequired(_l("Indica il titolo.")),
        Length(TITLE_MIN, TITLE_MAX, _l("Il titolo deve avere da %(min)d a %(max)d caratteri.",
                                        min=TITLE_MIN, max=TITLE_MAX))])


class TopicForm(FlaskForm):
    title = _title()
    body = _body(_l("Testo"))
    preview = SubmitField(_l("Anteprima"))
    publish = SubmitField(_l("Pubblica la discussione"))


class ReplyForm(FlaskForm):
    body = _body(_l("La tua risposta"))
    quotes = HiddenField()
    preview = SubmitField(_l("Anteprima"))
    publish = SubmitField(_l("Pubblica la risposta"))


class EditForm(FlaskForm):
    """Editing the opening text (with its title) or a reply (``with_title=False``); ``version``
    is the version the person started from."""

    title = _title()
    body = _body(_l("Testo"))
    version = IntegerField(validators=[InputRequired(_l("Versione mancante: ricarica la pagina."))])
    reason = StringField(_l("Motivo della modifica (facoltativo)"), validators=[
        Optional(), Length(max=300, message=_l("Al massimo 300 caratteri."))])
    preview = SubmitField(_l("Anteprima"))
    save = SubmitField(_l("Salva le modifiche"))

    def __init__(self, *args, with_title: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.title


class RequestForm(FlaskForm):
    message = TextAreaField(_l("Messaggio per i facilitatori (facoltativo)"), validators=[
        Optional(), Length(max=MAX_REQUEST_MESSAGE, message=_l("Al massimo %(max)d caratteri.",
                                                               max=MAX_REQUEST_MESSAGE))],
        render_kw={"rows": 3})


class InviteForm(FlaskForm):
    email = StringField(_l("E-mail della persona da invitare"), validators=[
        DataRequired(_l("Indica l'indirizzo e-mail.")), Email(_l("Indirizzo e-mail non valido."))])


def _modes() -> list[tuple[str, str]]:
    return [(code, _l(label)) for code, label in MEMBERSHIP_MODES.items()]


def _territories() -> list[tuple[str, str]]:
    choices = []
    for region, provinces in gazetteer().areas():
        choices.append((region.id, region.name))
        choices.extend((p.id, f"— {p.name}") for p in provinces)
    return choices


class CommunityForm(FlaskForm):
    name = StringField(_l("Nome"), validators=[
        DataRequired(_l("Indica il nome.")), Length(3, 120, _l("Il nome va da 3 a 120 caratteri."))])
    description = TextAreaField(_l("Descrizione"), validators=[
        DataRequired(_l("Descrivi la comunità.")), Length(20, 4000, _l("La descrizione va da 20 a 4000 caratteri."))],
        render_kw={"rows": 5})
    membership_mode = SelectField(_l("Modalità di adesione"), choices=_modes, invalid_choice_message=INVALID_CHOICE)
    activities = SelectMultipleField(_l("Attività di interesse generale (art. 5 CTS)"),
                                     choices=activity_choices,
                                     invalid_choice_message=INVALID_CHOICE)
    territories = SelectMultipleField(_l("Territori (facoltativo)"), choices=_territories,
                                      invalid_choice_message=INVALID_CHOICE)
    facilitators = TextAreaField(_l("Facilitatori (indirizzi e-mail, uno per riga)"), render_kw={"rows": 3})
    submit = SubmitField(_l("Salva la comunità"))

    def validate_facilitators(self, field) -> None:
        for email in self.emails():
            if "@" not in email or len(email) > 254:
                raise ValidationError(_l("Indirizzo e-mail non valido: %(email)s", email=email))

    def emails(self) -> tuple[str, ...]:
        found = [e.strip().lower() for e in _EMAIL_SPLIT.split(self.facilitators.data or "") if e.strip()]
        return tuple(dict.fromkeys(found))

    def to_input(self) -> CommunityInput:
        return CommunityInput(name=self.name.data.strip(), description=self.description.data.strip(),
                              membership_mode=self.membership_mode.data,
                              activities=tuple(self.activities.data or ()),
                              territories=tuple(self.territories.data or ()),
                              facilitator_emails=self.emails())

    def fill_from(self, community: dict, facilitator_emails: list[str]) -> None:
        self.name.data = community["name"]
        self.description.data = community.get("description")
        self.membership_mode.data = community.get("membership_mode")
        self.activities.data = list(community.get("activities") or [])
        self.territories.data = list(community.get("territories") or [])
        self.facilitators.data = "\n".join(facilitator_emails)
