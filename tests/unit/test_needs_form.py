"""The guided need form's rules, with their Italian messages (no database needed)."""

import datetime as dt

import pytest

from mentore import create_app
from mentore.needs.forms import NeedForm
from tests.conftest import form_data, offline_config

TODAY = dt.date(2026, 3, 10)
VALID = {"organisation": "org-1", "title": "Volontari per la spesa", "place": "Biella",
         "description": "Cerchiamo volontari per consegnare la spesa agli anziani soli del quartiere.",
         "beneficiaries": "Anziani soli", "deadline": "2026-04-30", "help_kind": "volontari",
         "volunteers_needed": "6", "activity": "a", "competencies": ["gestione-volontari"], "publish": "1"}


@pytest.fixture()
def app():
    app = create_app(offline_config())
    with app.test_request_context():
        yield app


def form_with(**changes):
    data = form_data({**VALID, **changes})
    form = NeedForm(formdata=data, meta={"csrf": False}, organisations=[("org-1", "Org")], today=TODAY)
    form.validate()
    return form


def test_a_complete_need_is_valid_and_resolves_the_comune(app):
    form = form_with()
    assert form.errors == {}
    need = form.to_input()
    assert need.territory == "comune:096004" and need.deadline == dt.date(2026, 4, 30)
    assert need.volunteers_needed == 6 and need.publish is True
    assert need.competencies == ("gestione-volontari",)


def test_a_deadline_in_the_past_is_refused_in_italian(app):
    assert form_with(deadline="2026-03-09").errors == {"deadline": ["La scadenza non può essere nel passato."]}
    assert form_with(deadline="2026-03-10").errors == {}  # today is fine


def test_a_deadline_more_than_two_years_ahead_is_refused(app):
    assert "al massimo tra due anni" in form_with(deadline="2028-03-11").errors["deadline"][0]


def test_a_date_that_is_not_a_date_is_explained_in_italian(app):
    assert "Indica una data valida" in form_with(deadline="31/02/2026").errors["deadline"][0]


def test_volunteers_are_required_only_when_the_help_kind_is_volontari(app):
    assert form_with(volunteers_needed=None).errors == {"volunteers_needed": ["Indica quanti volontari servono."]}
    assert "tra 1 e 500" in form_with(volunteers_needed="501").errors["volunteers_needed"][0]
    spaces = form_with(help_kind="spazi", volunteers_needed=None)
    assert spaces.errors == {}
    assert form_with(help_kind="spazi", volunteers_needed="4").to_input().volunteers_needed is None


def test_short_texts_and_missing_choices_are_explained_in_italian(app):
    form = form_with(title="Aiuto", description="Troppo corta", help_kind="", activity="zz")
    assert form.errors["description"] == ["La descrizione va da 20 a 4000 caratteri."]
    assert "Scegli il tipo di aiuto." in form.errors["help_kind"]
    assert form.errors["activity"][0] == "Scelta non valida."
    assert "title" not in form.errors  # 5 characters are enough


def test_the_place_is_a_comune_a_province_or_a_region_and_an_ambiguous_or_unknown_one_is_explained(app):
    assert "Castro (LE)" in form_with(place="Castro").errors["place"][0]
    assert form_with(place="Paperopoli").errors["place"][0].startswith("Luogo non trovato: «Paperopoli».")
    assert form_with(place="").to_input().territory is None  # empty: the organisation's seat
    assert form_with(place="Biella").to_input().territory == "comune:096004"  # the comune first
    assert form_with(place="Provincia di Biella").to_input().territory == "provincia:096"
    assert form_with(place="Piemonte").to_input().territory == "regione:01"


def test_publish_or_save_as_draft(app):
    assert form_with(publish=None, save_draft="1").to_input().publish is False


def test_who_may_help_is_anyone_unless_the_poster_asks_for_verified_or_runts_organisations(app):
    anyone = form_with().to_input()
    assert (anyone.only_verified, anyone.only_runts) == (False, False)
    assert anyone.props()["only_verified"] is None and anyone.props()["only_runts"] is None  # removed on save
    assert anyone.helpers_within is None and anyone.props()["helpers_within"] is None
    asked = form_with(only_verified="y", only_runts="y", helpers_within="provincia").to_input()
    assert (asked.only_verified, asked.only_runts, asked.helpers_within) == (True, True, "provincia")
    assert asked.props()["only_verified"] is True and asked.props()["only_runts"] is True
    assert asked.props()["helpers_within"] == "provincia"
    assert form_with(helpers_within="comune").errors == {"helpers_within": ["Scelta non valida."]}
    # the edit form comes back with what was asked
    form = NeedForm(meta={"csrf": False}, today=TODAY)
    form.fill_from({**VALID, "only_verified": True, "only_runts": False, "helpers_within": "regione",
                    "territory": "comune:096004"})
    assert form.only_verified.data is True and form.only_runts.data is False and form.helpers_within.data == "regione"
