"""Account forms: what a person reads when the data they typed is not acceptable (in Italian)."""

import pytest

from mentore import create_app
from mentore.auth import forms
from tests.conftest import offline_config

GOOD = {"name": "Giulia Bianchi", "email": "giulia@esempio.it", "password": "una frase lunga",
        "confirm": "una frase lunga", "privacy": "y"}


@pytest.fixture()
def app():
    return create_app(offline_config(WTF_CSRF_ENABLED=False))


def _errors(app, form_class, data, **attributes) -> dict:
    with app.test_request_context("/", method="POST", data=data):
        form = form_class()
        for key, value in attributes.items():
            setattr(form, key, value)
        form.validate()
        return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def test_a_complete_sign_up_form_is_valid(app):
    assert _errors(app, forms.SignUpForm, GOOD) == {}


def test_sign_up_refuses_a_short_password_saying_the_minimum(app):
    errors = _errors(app, forms.SignUpForm, {**GOOD, "password": "corta", "confirm": "corta"})
    assert errors == {"password": ["La password deve avere almeno 10 caratteri."]}


def test_sign_up_refuses_a_password_equal_to_the_email(app):
    data = {**GOOD, "password": "Giulia@Esempio.it", "confirm": "Giulia@Esempio.it"}
    assert _errors(app, forms.SignUpForm, data) == {
        "password": ["La password non può essere uguale all'indirizzo e-mail."]}


def test_sign_up_says_when_the_two_passwords_differ(app):
    errors = _errors(app, forms.SignUpForm, {**GOOD, "confirm": "un'altra frase lunga"})
    assert errors == {"confirm": ["Le due password non coincidono."]}


def test_sign_up_requires_the_privacy_consent(app):
    data = {k: v for k, v in GOOD.items() if k != "privacy"}
    assert _errors(app, forms.SignUpForm, data) == {
        "privacy": ["Per registrarti serve il consenso al trattamento dei dati personali."]}


def test_sign_up_explains_a_malformed_email_and_missing_fields(app):
    errors = _errors(app, forms.SignUpForm, {**GOOD, "email": "giulia.esempio.it", "name": "  "})
    assert errors["email"] == ["Inserisci un indirizzo e-mail valido, come nome@esempio.it."]
    assert errors["name"] == ["Inserisci il tuo nome."]


def test_login_asks_for_email_and_password(app):
    errors = _errors(app, forms.LoginForm, {})
    assert errors == {"email": ["Inserisci l'indirizzo e-mail."], "password": ["Inserisci la password."]}


def test_reset_form_checks_the_new_password_against_the_account_email(app):
    data = {"password": "giulia@esempio.it", "confirm": "giulia@esempio.it"}
    errors = _errors(app, forms.ResetPasswordForm, data, account_email="giulia@esempio.it")
    assert errors == {"password": ["La password non può essere uguale all'indirizzo e-mail."]}


def test_token_name_is_required_and_bounded(app):
    assert _errors(app, forms.TokenForm, {"name": ""}) == {
        "name": ["Dai un nome al token, per riconoscerlo in seguito."]}
    assert _errors(app, forms.TokenForm, {"name": "x" * 81}) == {
        "name": ["Il nome può avere al massimo 80 caratteri."]}

