"""The organisation profile form: shape and rules that need no database (the ISTAT gazetteer
is reference data in memory). The API validates JSON through this same form."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    URLField,
    widgets,
)
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional, Regexp, ValidationError

from mentore import clock
from mentore.formfields import TextAreaField
from mentore.reference.codice_fiscale import is_valid, normalise
from mentore.reference.places import gazetteer, place_label
from mentore.reference.vocabularies import (
    ETS_LEGAL_FORMS,
    ORGANISATION_KINDS,
    PUBLIC_LEGAL_FORMS,
    RESOURCES,
    RUNTS_SECTIONS,
    SECTION_OF_LEGAL_FORM,
)
from mentore.services import verification
from mentore.services.organisations import ProfileInput
from mentore.web import activity_choices, reference_competency_choices

PHONE = re.compile(r"^\+?[0-9 ./-]{6,20}$")
_FOUNDED = _l("Indica un anno tra il 1800 e oggi.")


class ChoicesField(SelectMultipleField):
    """Several values from a closed list, refused with an Italian message naming the bad ones
    (WTForms' own catalogue has no Italian for this message)."""

    def pre_validate(self, form) -> None:
        allowed = {value for value, *_ in self._iter_choices_normalized_values()}
        bad = [v for v in (self.data or []) if v not in allowed]
        if bad:
            raise ValidationError(_("Valori non ammessi: %(values)s.", values=", ".join(bad)))

    def _iter_choices_normalized_values(self):
        choices = self.choices() if callable(self.choices) else self.choices
        groups = choices.values() if isinstance(choices, dict) else [choices]
        for group in groups:
            for choice in group:
                yield (choice[0],) if isinstance(choice, tuple) else (choice,)


class MultiCheckboxField(ChoicesField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _areas() -> dict[str, list[tuple[str, str]]]:
    """Regions and their provinces ("Provincia di Biella", as place fields write them), as option
    groups."""
    whole = _("%(region)s (tutta la regione)")
    return {r.name: [(r.id, whole % {"region": r.name})] + [(p.id, place_label(p.id)) for p in provinces]
            for r, provinces in gazetteer().areas()}


def _translated(vocabulary: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, _(label)) for code, label in vocabulary.items()]


def _legal_forms() -> dict[str, list[tuple[str, str]]]:
    return {"": [("", _("Scegli..."))],
            _("Enti del Terzo settore"): _translated(ETS_LEGAL_FORMS),
            _("Enti pubblici"): _translated(PUBLIC_LEGAL_FORMS)}


def _kinds() -> list[tuple[str, str]]:
    return [("", _("Scegli..."))] + _translated(ORGANISATION_KINDS)


def _sections() -> list[tuple[str, str]]:
    return [("", _("Non iscritto / non applicabile"))] + [(k, f"{k}) {_(v)}") for k, v in RUNTS_SECTIONS.items()]


class OrganisationForm(FlaskForm):
    name = StringField(_l("Nome dell'organizzazione"), validators=[
        DataRequired(_l("Indica il nome.")), Length(3, 200, _l("Il nome va da 3 a 200 caratteri."))])
    kind = SelectField(_l("Tipo di ente"), choices=_kinds,
                       validators=[DataRequired(_l("Scegli il tipo di ente."))])
    legal_form = SelectField(_l("Forma giuridica"), validators=[DataRequired(_l("Scegli la forma giuridica."))],
                             choices=_legal_forms)
    codice_fiscale = StringField(_l("Codice fiscale"), validators=[DataRequired(_l("Indica il codice fiscale."))])
    runts_section = SelectField(_l("Sezione RUNTS"), validators=[Optional()], choices=_sections)
    runts_number = StringField(_l("Numero di repertorio RUNTS"), validators=[
        Optional(), Regexp(r"^[0-9]{1,10}$", message=_l("Il numero di repertorio è fatto di sole cifre."))])
    seat = StringField(_l("Comune della sede"), validators=[DataRequired(_l("Indica il comune della sede."))],
                       render_kw={"data-places": "comune"})
    works_in = ChoicesField(_l("Territori in cui opera"), choices=_areas, render_kw={
        # with script, a field with suggestions and chips instead of a list taking Ctrl-click
        "data-chips": "", "data-chips-add": _l("Aggiungi"), "data-chips-chosen": _l("Territori scelti"),
        "data-chips-none": _l("Nessun territorio scelto oltre alla sede."),
        "data-chips-help": _l("Scrivi il nome di una regione o di una provincia, sceglilo tra le proposte e premi "
                              "Aggiungi. Una regione comprende tutte le sue province."),
        "data-chips-remove": _l("Togli {name}"), "data-chips-added": _l("Aggiunto: {name}."),
        "data-chips-removed": _l("Tolto: {name}."),
        "data-chips-unknown": _l("«{name}» non è nella lista: scrivi il nome di una regione o di una provincia e "
                                 "scegli tra le proposte."),
        "data-chips-several": _l("Più territori contengono «{name}»: scegli tra le proposte.")})
    activities = MultiCheckboxField(_l("Attività di interesse generale (art. 5 CTS)"),
                                    choices=activity_choices)
    competencies = MultiCheckboxField(_l("Competenze"), choices=reference_competency_choices)
    resources = MultiCheckboxField(_l("Risorse che può mettere a disposizione"), choices=lambda: _translated(RESOURCES))
    description = TextAreaField(_l("Descrizione"), validators=[
        Optional(), Length(max=4000, message=_l("La descrizione può avere al massimo 4000 caratteri."))],
        render_kw={"rows": 6})
    website = URLField(_l("Sito web"), validators=[
        Optional(), URL(require_tld=True, message=_l("Indica un indirizzo web completo, ad esempio https://www.esempio.it"))])
    email = StringField(_l("E-mail pubblica"), validators=[
        Optional(), Email(_l("Indirizzo e-mail non valido."), check_deliverability=False)])
    phone = StringField(_l("Telefono pubblico"), validators=[
        Optional(), Regexp(PHONE.pattern, message=_l("Numero di telefono non valido."))])
    founded = IntegerField(_l("Anno di fondazione"), validators=[
        Optional(), NumberRange(min=1800, message=_FOUNDED)])

    def __init__(self, *args, extra_areas: list[tuple[str, str]] | None = None,
                 competency_choices: list[tuple[str, str]] | None = None, **kwargs) -> None:
        """``extra_areas``: territories an organisation already works in that the picker does
        not list (single comuni, e.g. from an import), so that saving the form keeps them.
        ``competency_choices``: the vocabulary as it is in the graph (admins extend it); the
        curated list shipped with the code when not given."""
        super().__init__(*args, **kwargs)
        if competency_choices is not None:
            self.competencies.choices = competency_choices
        choices = _areas()
        if extra_areas:
            choices[_("Comuni")] = extra_areas
        self.works_in.choices = choices
        # this year when the form is built, not when the module was imported: a server running
        # across New Year accepts the new year
        self.founded.render_kw = {**(self.founded.render_kw or {}), "max": clock.today().year}

    def validate_founded(self, field) -> None:
        if field.data is not None and field.data > clock.today().year:
            raise ValidationError(_FOUNDED)

    def validate_codice_fiscale(self, field) -> None:
        if not is_valid(field.data or ""):
            raise ValidationError(_l("Codice fiscale non valido: controlla le cifre e il carattere di controllo."))

    def validate_legal_form(self, field) -> None:
        forms = ETS_LEGAL_FORMS if self.kind.data == "ETS" else PUBLIC_LEGAL_FORMS
        if self.kind.data and field.data and field.data not in forms:
            raise ValidationError(_l("Questa forma giuridica non corrisponde al tipo di ente scelto."))

    def validate_runts_section(self, field) -> None:
        if not field.data:
            return
        if self.kind.data == "PUBLIC_BODY":
            raise ValidationError(_l("Gli enti pubblici non si iscrivono al RUNTS."))
        expected = SECTION_OF_LEGAL_FORM.get(self.legal_form.data)
        if expected and field.data != expected:
            raise ValidationError(_l("Per questa forma giuridica la sezione RUNTS è la %(section)s).",
                                     section=expected))

    def validate_seat(self, field) -> None:
        found = gazetteer().resolve_comune(field.data or "")
        if found.ambiguous:
            options = ", ".join(f"{c.name} ({c.sigla})" for c in found.candidates)
            raise ValidationError(_l("Più comuni hanno questo nome: scrivi anche la sigla della provincia "
                                     "(%(options)s).", options=options))
        if found.territory is None:
            raise ValidationError(_l("Comune non trovato: controlla il nome (ad esempio \"Reggio di Calabria\")."))

    def to_input(self) -> ProfileInput:
        seat = gazetteer().resolve_comune(self.seat.data).territory
        if seat is None:
            raise ValueError("to_input() called on a form that did not validate")
        text = lambda v: (v or "").strip() or None  # noqa: E731
        return ProfileInput(
            name=self.name.data.strip(), kind=self.kind.data, legal_form=self.legal_form.data,
            codice_fiscale=normalise(self.codice_fiscale.data), seat=seat.id,
            runts_section=self.runts_section.data or None, runts_number=text(self.runts_number.data),
            description=(self.description.data or "").strip(), website=text(self.website.data),
            email=text(self.email.data), phone=text(self.phone.data), founded=self.founded.data,
            resources=tuple(self.resources.data or ()), works_in=tuple(self.works_in.data or ()),
            activities=tuple(self.activities.data or ()), competencies=tuple(self.competencies.data or ()),
        )

    def fill_from(self, profile: dict) -> None:
        """Pre-fill from a stored profile (GET of the edit page)."""
        for name in ("name", "kind", "legal_form", "codice_fiscale", "runts_section", "runts_number",
                     "description", "website", "email", "phone", "founded"):
            getattr(self, name).data = profile.get(name)
        self.seat.data = gazetteer().label(profile["seat"]) if profile.get("seat") else ""
        self.works_in.data = list(profile.get("works_in", []))
        self.activities.data = profile.get("activities", [])
        self.competencies.data = profile.get("competencies", [])
        self.resources.data = profile.get("resources", [])


class VerificationRequestForm(FlaskForm):
    """An organisation's administrator asks for its verification. The service checks the rules;
    the form carries the input back to the page on an error."""

    message = TextAreaField(_l("Messaggio (facoltativo)"),
                            render_kw={"maxlength": verification.MESSAGE_MAX, "rows": 3})


class RefusalForm(FlaskForm):
    """A platform admin does not accept a request of verification: why, and a note for the
    organisation (required for some reasons: the service checks)."""

    reason = SelectField(_l("Motivo"), validate_choice=False,
                         choices=lambda: [("", _("Scegli..."))]
                         + [(code, _(text)) for code, text in verification.REFUSAL_REASONS.items()])
    note = TextAreaField(_l("Nota per l'organizzazione"), render_kw={"maxlength": verification.NOTE_MAX, "rows": 3})


class InviteForm(FlaskForm):
    """A poster asks the organisation of the page whether it can help with one of their active
    needs (services.suggestions.invite checks the rules; the form carries the input back)."""

    need = SelectField(_l("Per quale bisogno"), validate_choice=False)
    message = TextAreaField(_l("Un messaggio per loro"), render_kw={"maxlength": 2000, "rows": 3})
