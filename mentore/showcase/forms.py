"""The best-practice form: shape and rules that need no database (places come from the ISTAT
gazetteer in memory; organisation names are resolved by the service, which says which are
unknown)."""

from __future__ import annotations

from itertools import zip_longest

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, SelectField, SelectMultipleField, StringField, SubmitField, widgets
from wtforms.utils import unset_value
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from mentore.formfields import TextAreaField
from mentore.messages import localized
from mentore.reference.places import place_label, resolve_places
from mentore.services.showcase import (
    MAX_MATERIALS,
    MAX_ORGANISATIONS,
    MAX_TERRITORIES,
    BestPracticeInput,
    is_safe_url,
    split_lines,
)
from mentore.web import activity_choices

MIN_MATERIAL_ROWS = 3
MAX_TEXT = 8000


class MultiCheckboxField(SelectMultipleField):
    """Several values from a closed list, as checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class MaterialsField(Field):
    """Rows of (label, URL), posted as repeated ``materials-label`` / ``materials-url`` inputs: no
    JavaScript needed to add rows (the page shows empty rows, and a button adds one more)."""

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        self.process_errors = []
        if formdata is not None:
            labels = formdata.getlist(f"{self.name}-label")
            urls = formdata.getlist(f"{self.name}-url")
            self.data = [((label or "").strip(), (url or "").strip())
                         for label, url in zip_longest(labels, urls, fillvalue="")][:MAX_MATERIALS * 3]
        else:
            self.data = list(data) if data not in (unset_value, None) else []

    def _value(self) -> str:
        return ""

    def filled(self) -> list[tuple[str, str]]:
        return [(label, url) for label, url in self.data or () if label or url]

    def rows(self, extra: int = 0) -> list[tuple[str, str]]:
        """The rows to show: those typed, then empty ones (at least MIN_MATERIAL_ROWS in all)."""
        rows = self.filled()
        blank = max(MIN_MATERIAL_ROWS - len(rows), 1) + extra
        return rows + [("", "")] * min(blank, max(MAX_MATERIALS - len(rows), 0))

    def pre_validate(self, form) -> None:
        rows = self.filled()
        if len(rows) > MAX_MATERIALS:
            raise ValidationError(_l("Indica al massimo %(n)s materiali.", n=MAX_MATERIALS))
        problems = []
        for number, (label, url) in enumerate(rows, start=1):
            if not label:
                problems.append(_l("Riga %(n)s: manca il titolo del materiale.", n=number))
            elif len(label) > 200:
                problems.append(_l("Riga %(n)s: il titolo può avere al massimo 200 caratteri.", n=number))
            if not url:
                problems.append(_l("Riga %(n)s: manca l'indirizzo.", n=number))
            elif not is_safe_url(url):
                problems.append(_l("Riga %(n)s: l'indirizzo deve iniziare con http:// o https:// (ad esempio "
                                   "https://www.esempio.it/guida.pdf).", n=number))
        if problems:
            raise ValidationError(" ".join(str(p) for p in problems))


def _activities() -> list[tuple[str, str]]:
    return activity_choices()


class BestPracticeForm(FlaskForm):
    title = StringField(_l("Titolo"), validators=[
        DataRequired(_l("Indica il titolo.")), Length(5, 160, _l("Il titolo va da 5 a 160 caratteri."))])
    problem = TextAreaField(_l("Il problema"), render_kw={"rows": 6}, validators=[
        DataRequired(_l("Descrivi il problema affrontato.")),
        Length(20, MAX_TEXT, _l("Il problema va da 20 a 8000 caratteri."))])
    solution = TextAreaField(_l("La soluzione"), render_kw={"rows": 8}, validators=[
        DataRequired(_l("Descrivi la soluzione adottata.")),
        Length(20, MAX_TEXT, _l("La soluzione va da 20 a 8000 caratteri."))])
    results = TextAreaField(_l("I risultati"), render_kw={"rows": 5}, validators=[
        Optional(), Length(max=MAX_TEXT, message=_l("I risultati possono avere al massimo 8000 caratteri."))])
    activities = MultiCheckboxField(_l("Attività di interesse generale (art. 5 CTS)"), choices=_activities,
                                    invalid_choice_message=_l("Valori non ammessi: %(value)s."))
    territories = TextAreaField(_l("Territori"), render_kw={"rows": 3}, validators=[Optional()])
    organisations = TextAreaField(_l("Organizzazioni coinvolte"), render_kw={"rows": 4}, validators=[Optional()])
    community = SelectField(_l("Comunità di pratica"), choices=[], validate_choice=False)
    materials = MaterialsField(_l("Materiali riutilizzabili"))
    publish = SubmitField(_l("Pubblica"))
    save_draft = SubmitField(_l("Salva come bozza"))
    add_material = SubmitField(_l("Aggiungi un materiale"))

    def __init__(self, *args, communities: list[tuple[str, str]] | None = None, **kwargs) -> None:
        """``communities``: (id, name) of the communities a best practice may come from; None
        when the community is fixed (promoted from a topic)."""
        super().__init__(*args, **kwargs)
        if communities is None:
            del self.community
        else:
            self.community.choices = [("", _l("Nessuna"))] + communities

    def validate_activities(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Scegli almeno un'attività."))

    def validate_community(self, field) -> None:
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Scelta non valida."))

    def validate_territories(self, field) -> None:
        places = split_lines(field.data)
        if len(places) > MAX_TERRITORIES:
            raise ValidationError(_l("Indica al massimo %(n)s territori.", n=MAX_TERRITORIES))
        problems, found = [], set()
        for place in places:
            try:
                found.update(resolve_places(place))
            except ValueError as exc:
                problems.append(str(localized(exc.args[0])))
        if problems:
            raise ValidationError(" ".join(problems))
        if len(found) > MAX_TERRITORIES:  # a zone counts as its provinces
            raise ValidationError(_l("Indica al massimo %(n)s territori.", n=MAX_TERRITORIES))

    def validate_organisations(self, field) -> None:
        if len(split_lines(field.data)) > MAX_ORGANISATIONS:
            raise ValidationError(_l("Indica al massimo %(n)s organizzazioni.", n=MAX_ORGANISATIONS))

    def to_input(self) -> BestPracticeInput:
        community = self.community.data if self.community else None
        return BestPracticeInput(
            title=self.title.data.strip(), problem=self.problem.data.strip(), solution=self.solution.data.strip(),
            results=(self.results.data or "").strip(), activities=tuple(self.activities.data or ()),
            territories=tuple(dict.fromkeys(t for p in split_lines(self.territories.data) for t in resolve_places(p))),
            organisations=tuple(split_lines(self.organisations.data)),
            materials=tuple(self.materials.filled()), community=community or None,
            publish=bool(self.publish.data),
        )

    def fill_from(self, bp: dict) -> None:
        """Pre-fill from a stored best practice (edit) or from a promoted topic."""
        for name in ("title", "problem", "solution", "results"):
            getattr(self, name).data = bp.get(name) or ""
        self.activities.data = list(bp.get("activities") or [])
        self.territories.data = "\n".join(place_label(t) for t in bp.get("territories") or [])
        self.organisations.data = "\n".join(o["name"] if isinstance(o, dict) else o
                                            for o in bp.get("organisations") or [])
        if self.community is not None:
            self.community.data = (bp.get("community") or {}).get("id") or ""
        self.materials.data = [(m["label"], m["url"]) for m in bp.get("material_rows") or []]
