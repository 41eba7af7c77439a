"""Account forms: shape validation only, Italian messages. Password fields are never rendered
back; what else the person typed is kept on error."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from mentore.services.accounts import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class StrongPassword:
    """The account's password rules (length, not the e-mail). The e-mail is the form's ``email``
    field, or ``form.account_email`` when the person is known (reset, change)."""

    def __call__(self, form, field) -> None:
        email = getattr(form, "account_email", None)
        if email is None and "email" in form:
            email = form["email"].data
        problem = password_problem(field.data or "", email)
        if problem == "too_short":
            raise ValidationError(_l("La password deve avere almeno %(n)d caratteri.", n=MIN_PASSWORD_LENGTH))
        if problem == "too_long":
            raise ValidationError(_l("La password può avere al massimo %(n)d caratteri.", n=MAX_PASSWORD_LENGTH))
        if problem == "same_as_email":
            raise ValidationError(_l("La password non può essere uguale all'indirizzo e-mail."))


def email_field(label=None) -> EmailField:
    return EmailField(label or _l("Indirizzo e-mail"), filters=[_strip], validators=[
        DataRequired(_l("Inserisci l'indirizzo e-mail.")),
        Length(max=254, message=_l("L'indirizzo e-mail è troppo lungo.")),
        Email(_l("Inserisci un indirizzo e-mail valido, come nome@esempio.it.")),
    ])


def new_password_fields(label=None) -> tuple[PasswordField, PasswordField]:
    password = PasswordField(label or _l("Password"), validators=[
        DataRequired(_l("Inserisci la password.")), StrongPassword()])
    confirm = PasswordField(_l("Ripeti la password"), validators=[
        DataRequired(_l("Ripeti la password per conferma.")),
        EqualTo("password", _l("Le due password non coincidono."))])
    return password, confirm


class SignUpForm(FlaskForm):
    name = StringField(_l("Nome e cognome"), filters=[_strip], validators=[
        DataRequired(_l("Inserisci il tuo nome.")),
        Length(max=120, message=_l("Il nome può avere al massimo %(max)d caratteri."))])
    email = email_field()
    password, confirm = new_password_fields()
    privacy = BooleanField(
        _l("Ho letto l'informativa e acconsento al trattamento dei miei dati personali per la gestione dell'account"),
        validators=[DataRequired(_l("Per registrarti serve il consenso al trattamento dei dati personali."))])


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Inserisci la password."))])
    remember = BooleanField(_l("Ricordami su questo dispositivo"))


class ForgotPasswordForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password, confirm = new_password_fields(_l("Nuova password"))


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Password attuale"), validators=[DataRequired(_l("Inserisci la password attuale."))])
    password, confirm = new_password_fields(_l("Nuova password"))


class TokenForm(FlaskForm):
    name = StringField(_l("Nome del token"), filters=[_strip], validators=[
        DataRequired(_l("Dai un nome al token, per riconoscerlo in seguito.")),
        Length(max=80, message=_l("Il nome può avere al massimo %(max)d caratteri."))])


class DeleteAccountForm(FlaskForm):
    email = EmailField(_l("Il tuo indirizzo e-mail, per conferma"), filters=[_strip], validators=[
        DataRequired(_l("Digita il tuo indirizzo e-mail per confermare."))])


class ConfirmForm(FlaskForm):
    """A button and the CSRF token (revoking a token)."""
