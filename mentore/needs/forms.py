"""The guided need form: shape and rules that need no database (the ISTAT gazetteer is reference
data in memory). The API validates JSON through this same form."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    widgets,
)
from wtforms.validators import DataRequired, Length, Optional, StopValidation, ValidationError

from mentore import clock
from mentore.formfields import TextAreaField
from mentore.messages import localized
from mentore.reference.places import NamedPlace, place_label, resolve_place
from mentore.reference.vocabularies import HELP_KINDS
from mentore.services.matching import ANYWHERE
from mentore.services.needs import MAX_DEADLINE_DAYS, NeedInput, place_named_elsewhere
from mentore.services.suggestions import AVAILABILITY, DECLINE_REASONS, MAX_ANSWER, MAX_REASON, OFFERED
from mentore.web import activity_choices, reference_competency_choices

MIN_VOLUNTEERS, MAX_VOLUNTEERS = 1, 500


class ItalianDateField(DateField):
    """A date (YYYY-MM-DD, what <input type=date> sends) refused with an Italian message."""

    def process_formdata(self, valuelist) -> None:
        raw = (valuelist or [""])[0].strip() if valuelist else ""
        if not raw:
            self.data = None
            return
        try:
            self.data = dt.date.fromisoformat(raw)
        except ValueError:
            self.data = None
            raise ValueError(_("Indica una data valida (gg/mm/aaaa).")) from None


class ItalianIntegerField(IntegerField):
    def process_formdata(self, valuelist) -> None:
        raw = (valuelist or [""])[0].strip() if valuelist else ""
        if not raw:
            self.data = None
            return
        try:
            self.data = int(raw)
        except ValueError:
            self.data = None
            raise ValueError(_("Indica un numero intero.")) from None


class MultiCheckboxField(SelectMultipleField):
    """Several values from a closed list, as checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


INVALID_CHOICE = _l("Scelta non valida.")


class Required:
    """Like DataRequired, but keeps the field's own parsing error ("not a date") instead of
    replacing it with "missing"."""

    field_flags = {"required": True}

    def __init__(self, message) -> None:
        self.message = message

    def __call__(self, form, field) -> None:
        if field.process_errors:
            raise StopValidation()
        if field.data is None:
            raise StopValidation(self.message)


def _help_kinds() -> list[tuple[str, str]]:
    return [("", _("Scegli..."))] + [(code, _(label)) for code, label in HELP_KINDS.items()]


def _helpers_within() -> list[tuple[str, str]]:
    return [("", _("Da tutta Italia (dalla regione, se l'aiuto si dà sul posto)")),
            ("provincia", _("Dalla provincia del bisogno")), ("regione", _("Dalla regione del bisogno")),
            (ANYWHERE, _("Da tutta Italia, anche per un aiuto sul posto"))]


def _activities() -> list[tuple[str, str]]:
    return [("", _("Scegli..."))] + activity_choices()


class NeedForm(FlaskForm):
    organisation = SelectField(_l("Organizzazione"), validators=[DataRequired(_l("Scegli l'organizzazione."))],
                               choices=[], invalid_choice_message=INVALID_CHOICE)
    title = StringField(_l("Titolo"), validators=[
        DataRequired(_l("Indica il titolo.")), Length(5, 140, _l("Il titolo va da 5 a 140 caratteri."))])
    description = TextAreaField(_l("Di cosa c'è bisogno"), validators=[
        DataRequired(_l("Descrivi di cosa c'è bisogno.")),
        Length(20, 4000, _l("La descrizione va da 20 a 4000 caratteri."))], render_kw={"rows": 6})
    beneficiaries = StringField(_l("Per chi"), validators=[
        Optional(), Length(max=200, message=_l("Al massimo 200 caratteri."))])
    place = StringField(_l("Dove"), validators=[Optional()], render_kw={"data-places": "comune provincia regione"})
    #: shown only when the title or the description names a place outside the place
    keep_place = BooleanField(_l("Il luogo è giusto così"))
    deadline = ItalianDateField(_l("Entro quando"), validators=[Required(_l("Indica entro quando."))])
    help_kind = SelectField(_l("Tipo di aiuto"), choices=_help_kinds, invalid_choice_message=INVALID_CHOICE,
                            validators=[DataRequired(_l("Scegli il tipo di aiuto."))])
    volunteers_needed = ItalianIntegerField(_l("Volontari necessari"))
    in_person = BooleanField(_l("L'aiuto va dato di persona, sul posto"))
    activity = SelectField(_l("Attività di interesse generale (art. 5 CTS)"), choices=_activities,
                           invalid_choice_message=INVALID_CHOICE,
                           validators=[DataRequired(_l("Scegli l'attività."))])
    competencies = MultiCheckboxField(_l("Competenze richieste"), choices=reference_competency_choices,
                                      invalid_choice_message=_l("Valori non ammessi: %(value)s."))
    only_verified = BooleanField(_l("Solo organizzazioni verificate"))
    only_runts = BooleanField(_l("Solo enti iscritti al RUNTS"))
    helpers_within = SelectField(_l("Da quale territorio"), choices=_helpers_within, default="",
                                 invalid_choice_message=INVALID_CHOICE)
    #: shown only when the organisation already has an active need with the same title
    allow_duplicate = BooleanField(_l("È un altro bisogno: salvalo comunque"))
    save_draft = SubmitField(_l("Salva come bozza"))
    publish = SubmitField(_l("Pubblica il bisogno"))

    def __init__(self, *args, organisations: list[tuple[str, str]] | None = None,
                 competency_choices: list[tuple[str, str]] | None = None,
                 today: dt.date | None = None, kept_place: str | None = None, **kwargs) -> None:
        """``organisations``: (id, name) of those the person may post for; none on edit (the
        organisation of a need does not change). ``kept_place``: the place the poster already
        confirmed (editing). ``today`` is for tests."""
        super().__init__(*args, **kwargs)
        self.today = today or clock.today()
        self.kept_place = kept_place
        #: the place the text names outside the place, when the form asks to confirm it
        self.named_elsewhere: NamedPlace | None = None
        if organisations is None:  # editing: the title may stay what it was
            del self.organisation
            del self.allow_duplicate
        else:
            self.organisation.choices = organisations
            if len(organisations) == 1 and not self.organisation.data:
                self.organisation.data = organisations[0][0]
        if competency_choices is not None:
            self.competencies.choices = competency_choices

    def validate_place(self, field) -> None:
        if not (field.data or "").strip():
            return  # the organisation's seat
        try:  # a comune, "Provincia di …" or a region; an area ("Salento") is refused with its provinces
            where = resolve_place(field.data)
        except ValueError as exc:
            raise ValidationError(str(localized(exc.args[0]))) from exc
        if self.keep_place.data or where == self.kept_place:
            return
        # the field comes pre-filled with the seat: "a Rieti" in the title with Roma left there
        # would look for help near Rome
        named = place_named_elsewhere({"title": self.title.data, "description": self.description.data,
                                       "territory": where})
        if named:
            self.named_elsewhere = named
            raise ValidationError(_l("Il testo nomina %(named)s, ma il luogo è %(place)s: i suggerimenti "
                                     "cercheranno vicino a %(place)s. Correggi il luogo, oppure conferma qui "
                                     "sotto che è giusto.", named=named.name,
                                     place=place_label(where)))

    def validate_deadline(self, field) -> None:
        if field.data is None:
            return
        if field.data < self.today:
            raise ValidationError(_l("La scadenza non può essere nel passato."))
        if field.data > self.today + dt.timedelta(days=MAX_DEADLINE_DAYS):
            raise ValidationError(_l("La scadenza può essere al massimo tra due anni."))

    def validate_volunteers_needed(self, field) -> None:
        if self.help_kind.data != "volontari" or field.process_errors:
            return  # asked only for volunteers (ignored otherwise); a non-number is already explained
        if field.data is None:
            raise ValidationError(_l("Indica quanti volontari servono."))
        if not MIN_VOLUNTEERS <= field.data <= MAX_VOLUNTEERS:
            raise ValidationError(_l("Indica un numero di volontari tra 1 e 500."))

    def to_input(self) -> NeedInput:
        text = (self.place.data or "").strip()
        territory = resolve_place(text) if text else None
        return NeedInput(
            title=self.title.data.strip(), description=self.description.data.strip(),
            beneficiaries=(self.beneficiaries.data or "").strip(), help_kind=self.help_kind.data,
            activity=self.activity.data, deadline=self.deadline.data,
            territory=territory,
            volunteers_needed=self.volunteers_needed.data if self.help_kind.data == "volontari" else None,
            in_person=bool(self.in_person.data), competencies=tuple(self.competencies.data or ()),
            only_verified=bool(self.only_verified.data), only_runts=bool(self.only_runts.data),
            helpers_within=self.helpers_within.data or None,
            publish=bool(self.publish.data),
            allow_duplicate=bool(getattr(self, "allow_duplicate", None) and self.allow_duplicate.data),
            place_kept=territory is not None and (bool(self.keep_place.data) or territory == self.kept_place),
        )

    def fill_from(self, need: dict) -> None:
        """Pre-fill from a stored need (GET of the edit page)."""
        for name in ("title", "description", "beneficiaries", "help_kind", "volunteers_needed", "in_person",
                     "activity", "only_verified", "only_runts", "helpers_within"):
            getattr(self, name).data = need.get(name)
        self.deadline.data = dt.date.fromisoformat(need["deadline"]) if need.get("deadline") else None
        territory = need.get("territory") or ""
        self.place.data = place_label(territory) if territory else ""  # "Biella (BI)", "Provincia di Biella"
        self.competencies.data = list(need.get("competencies") or [])


def _decline_reasons() -> list[tuple[str, str]]:
    return [("", _("Scegli un motivo..."))] + [(code, _(label)) for code, label in DECLINE_REASONS.items()]


class DeclineForm(FlaskForm):
    """Declining a suggestion: why, and a few words if wished (required for "Altro"). The
    service checks the rules; the form carries the input back to the page on an error."""

    reason = SelectField(_l("Motivo del rifiuto"), choices=_decline_reasons, validate_choice=False)
    reason_text = TextAreaField(_l("Note"), render_kw={"maxlength": MAX_REASON, "rows": 2})

    @staticmethod
    def prefix_for(suggestion_id: str) -> str:
        """One form per suggestion on the page: field names and ids carry the suggestion."""
        return f"decline-{suggestion_id}"


class OfferForm(FlaskForm):
    """An organisation that was not suggested offers to help: which of the person's organisations
    (a choice only when there are several), whether in full or in part (the answer's choices but
    "no"), how. The service checks
    the rules; the form carries the input back to the page on an error."""

    organisation = SelectField(_l("Per quale organizzazione"), validate_choice=False)
    availability = RadioField(_l("Potete aiutare?"), validate_choice=False,
                              choices=lambda: [(code, _(AVAILABILITY[code])) for code in OFFERED])
    answer = TextAreaField(_l("Come potete aiutare"), render_kw={"maxlength": MAX_ANSWER, "rows": 4})


class MetForm(FlaskForm):
    """A need met: which of the organisations on it helped (none is an answer too). The choices
    are the need's (services.needs.helper_choices); the service checks them."""

    helped_by = MultiCheckboxField(_l("Chi vi ha aiutato"), validate_choice=False)
    #: an organisation of the directory that helped too, by name; or picked among the candidates
    #: that name found (``other_id``, a radio button)
    other = StringField(_l("Un'altra organizzazione della directory"), render_kw={"maxlength": 200})
    other_id = StringField()
