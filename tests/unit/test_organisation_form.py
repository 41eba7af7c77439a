"""The profile form's rules, with their Italian messages (no database needed)."""

import pytest

from mentore import create_app
from mentore.organisations.forms import OrganisationForm
from tests.conftest import form_data, offline_config

VALID = {"name": "Associazione Prova", "kind": "ETS", "legal_form": "odv", "codice_fiscale": "90012345675",
         "runts_section": "a", "seat": "Biella", "activities": ["a", "l"], "competencies": ["fundraising"],
         "works_in": ["provincia:096"], "website": "https://prova.example.it", "founded": "2015"}


@pytest.fixture()
def app():
    app = create_app(offline_config())
    with app.test_request_context():
        yield app


def form_with(**changes):
    data = form_data({**VALID, **changes})
    form = OrganisationForm(formdata=data, meta={"csrf": False})
    form.validate()
    return form


def test_a_complete_profile_is_valid_and_resolves_the_seat(app):
    form = form_with()
    assert form.errors == {}
    profile = form.to_input()
    assert profile.seat == "comune:096004"
    assert profile.activities == ("a", "l") and profile.founded == 2015


def test_a_wrong_check_digit_is_refused_in_italian(app):
    assert "Codice fiscale non valido" in form_with(codice_fiscale="90012345679").errors["codice_fiscale"][0]


def test_a_personal_codice_fiscale_is_accepted(app):
    assert "codice_fiscale" not in form_with(codice_fiscale="rssmra85t10a562s").errors


def test_legal_form_must_match_the_kind(app):
    errors = form_with(kind="PUBLIC_BODY", runts_section="").errors
    assert "non corrisponde al tipo di ente" in errors["legal_form"][0]


def test_runts_section_must_match_the_legal_form(app):
    assert "la sezione RUNTS è la a)" in form_with(runts_section="b").errors["runts_section"][0]


def test_public_bodies_have_no_runts_section(app):
    errors = form_with(kind="PUBLIC_BODY", legal_form="comune", runts_section="a").errors
    assert "non si iscrivono al RUNTS" in errors["runts_section"][0]


def test_an_ambiguous_seat_asks_for_the_province(app):
    message = form_with(seat="Castro").errors["seat"][0]
    assert "Castro (BG)" in message and "Castro (LE)" in message


def test_unknown_activities_are_named_in_the_error(app):
    assert form_with(activities=["a", "zz"]).errors["activities"] == ["Valori non ammessi: zz."]


def test_required_fields_say_what_is_missing(app):
    errors = form_with(name="", seat="", codice_fiscale="").errors
    assert errors["name"] == ["Indica il nome."]
    assert errors["seat"] == ["Indica il comune della sede."]


def test_the_founding_year_is_bounded_by_this_year_when_the_form_is_built(app, monkeypatch):
    import datetime as dt

    from mentore import clock
    this_year = clock.today().year
    assert "Indica un anno tra il 1800 e oggi" in form_with(founded=str(this_year + 1)).errors["founded"][0]
    assert f'max="{this_year}"' in form_with().founded()
    assert "founded" in form_with(founded="1799").errors
    # a server started before New Year takes the new year without a restart
    monkeypatch.setattr(clock, "today", lambda now=None: dt.date(this_year + 1, 1, 1))
    form = form_with(founded=str(this_year + 1))
    assert "founded" not in form.errors and f'max="{this_year + 1}"' in form.founded()
