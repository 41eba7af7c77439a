"""Sign-up, login and logout, password reset, the account page with API tokens, the personal
data download and account deletion. Thin routes: parse, one service call, render or redirect.

Access and CSRF rules for the whole app live in :func:`protect_unless_token`, the first
``before_request`` hook: a request carrying ``Authorization: Bearer`` is authenticated by that
token only and needs no CSRF token (a browser never adds that header to a cross-site request);
every other write must carry the CSRF token, in the form or in the ``X-CSRFToken`` header.
"""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.blueprints import BlueprintSetupState
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from wtforms import PasswordField

from mentore.auth import forms
from mentore.auth.models import User, bearer_token
from mentore.errors import json_error, wants_json
from mentore.extensions import csrf, login_manager, neo4j
from mentore.mail import send_mail
from mentore.services import accounts
from mentore.services import organisations as organisations_service
from mentore.web import safe_next

bp = Blueprint("auth", __name__)


# --- app-wide set-up: CSRF unless a token authenticates, remember-me cookie -----------------

@bp.record_once
def _set_up(state: BlueprintSetupState) -> None:
    app = state.app
    app.config.setdefault("REMEMBER_COOKIE_DURATION", app.permanent_session_lifetime)
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    if app.config.get("WTF_CSRF_CHECK_DEFAULT", True):
        # Flask-WTF's own hook would refuse token-authenticated writes: ours replaces it and
        # runs first, before any other hook could act on an unchecked request.
        app.config["WTF_CSRF_CHECK_DEFAULT"] = False
        app.before_request_funcs.setdefault(None, []).insert(0, protect_unless_token)


def protect_unless_token():
    if bearer_token(request) is not None:
        if not current_user.is_authenticated:
            return _invalid_token()
        g.csrf_valid = True  # Flask-WTF's forms skip their own check on this mark
        return None
    if current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect(apply_exemptions=True)
    return None


def _invalid_token():
    return json_error(401, _("Autenticazione non riuscita"), _("Il token API non è valido o è stato revocato."),
                      headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


@login_manager.unauthorized_handler
def _unauthorized():
    """Pages send the visitor to the login form (and back afterwards); JSON clients get a 401."""
    if wants_json():
        return json_error(401, _("Autenticazione richiesta"), _("Accedi o usa un token API per continuare."),
                          headers={"WWW-Authenticate": "Bearer"})
    flash(str(login_manager.login_message), login_manager.login_message_category)
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


# --- helpers -----------------------------------------------------------------------------

def _next() -> str:
    return safe_next(request.args.get("next"))


def _keep_lang_and_clear() -> None:
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def _start_session(person, remember: bool) -> None:
    """A new session for the person (nothing of the previous one survives but the language)."""
    _keep_lang_and_clear()
    # the language chosen before signing in is kept (and remembered on the account); without
    # one, the account's language
    if session.get("lang") in current_app.config["LANGUAGES"]:
        accounts.remember_language(neo4j.graph, person, session["lang"])
    elif person.locale in current_app.config["LANGUAGES"]:
        session["lang"] = person.locale
    session.permanent = remember
    login_user(User(person), remember=remember, duration=current_app.permanent_session_lifetime)


def _end_session() -> None:
    _keep_lang_and_clear()
    logout_user()  # after clearing: it leaves the mark that makes Flask-Login drop the remember cookie


def _render_form(template: str, form, status: int = 200, headers=None, **context):
    for field in form:
        if isinstance(field, PasswordField):
            field.data = ""  # never sent back, not even as a value
    page = render_template(template, form=form, next_path=safe_next(request.args.get("next"), ""), **context)
    return page, status, headers or {}


def _link(endpoint: str, **values) -> str:
    """An absolute address for a mail: MAIL_BASE_URL when set, so a forged Host header cannot
    put someone else's site in our links."""
    base = current_app.config.get("MAIL_BASE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def _reset_max_age() -> int:
    return int(current_app.config["PASSWORD_RESET_MAX_AGE"])


# --- sign-up, login, logout --------------------------------------------------------------

@bp.route("/registrati", methods=["GET", "POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(_next())
    form = forms.SignUpForm()
    if form.validate_on_submit():
        try:
            person = accounts.sign_up(neo4j.graph, name=form.name.data, email=form.email.data,
                                      password=form.password.data, locale=str(get_locale() or "it"))
        except accounts.EmailTaken:
            form.email.errors.append(_("Esiste già un account con questo indirizzo e-mail."))
        else:
            _start_session(person, remember=False)
            flash(_("Ti diamo il benvenuto in Mentore, %(name)s: il tuo account è pronto.", name=person.name),
                  "success")
            return redirect(_next())
    return _render_form("auth/signup.html", form)


@bp.route("/accedi", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(_next())
    form = forms.LoginForm()
    if not form.validate_on_submit():
        return _render_form("auth/login.html", form)
    try:
        person = accounts.log_in(neo4j.graph, email=form.email.data, password=form.password.data,
                                 client=request.remote_addr)
    except accounts.TooManyAttempts as exc:
        error = ngettext("Troppi tentativi: riprova tra %(num)d minuto.",
                         "Troppi tentativi: riprova tra %(num)d minuti.", exc.minutes)
        return _render_form("auth/login.html", form, 429, {"Retry-After": str(exc.retry_after)}, error=error)
    except accounts.InvalidCredentials:
        return _render_form("auth/login.html", form, error=_("Indirizzo e-mail o password non corretti."))
    _start_session(person, remember=bool(form.remember.data))
    return redirect(_next())


@bp.post("/esci")
def logout():
    _end_session()
    flash(_("Hai chiuso la sessione. A presto!"), "info")
    return redirect(url_for("main.home"))


# --- password reset ------------------------------------------------------------------------

@bp.route("/password/dimenticata", methods=["GET", "POST"])
def forgot_password():
    form = forms.ForgotPasswordForm()
    if not form.validate_on_submit():
        return _render_form("auth/forgot.html", form)
    found = accounts.reset_token_for(neo4j.graph, form.email.data, secret=current_app.secret_key)
    if found is not None:
        person, token = found
        body = _("Ciao %(name)s,\n\nabbiamo ricevuto una richiesta di reimpostare la password del tuo account "
                 "Mentore. Per scegliere una nuova password apri questo collegamento entro %(minutes)d minuti:\n\n"
                 "%(link)s\n\nSe non l'hai chiesto tu, ignora questo messaggio: la tua password resta invariata.",
                 name=person.name, minutes=_reset_max_age() // 60,
                 link=_link("auth.reset_password", token=token))
        send_mail(person.email, _("Mentore: reimposta la password"), body)
    # The same answer whether or not the address has an account.
    flash(_("Se l'indirizzo corrisponde a un account, ti abbiamo inviato un messaggio con il collegamento "
            "per scegliere una nuova password."), "info")
    return redirect(url_for("auth.login"))


def _invalid_reset_link():
    flash(_("Il collegamento per reimpostare la password non è valido o è scaduto: richiedine uno nuovo."), "error")
    return redirect(url_for("auth.forgot_password"))


@bp.route("/password/reimposta/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    secret, max_age = current_app.secret_key, _reset_max_age()
    try:
        person = accounts.person_for_reset(neo4j.graph, token, secret=secret, max_age=max_age)
    except accounts.InvalidResetToken:
        return _invalid_reset_link()
    form = forms.ResetPasswordForm()
    form.account_email = person.email
    if form.validate_on_submit():
        try:
            accounts.reset_password(neo4j.graph, token, form.password.data, secret=secret, max_age=max_age)
        except accounts.InvalidResetToken:
            return _invalid_reset_link()
        _end_session()
        flash(_("Password aggiornata: ora puoi accedere con la nuova password."), "success")
        return redirect(url_for("auth.login"))
    return _render_form("auth/reset.html", form)


# --- the account page ----------------------------------------------------------------------

def _render_account(password_form=None, token_form=None, new_token=None):
    password_form = password_form or forms.ChangePasswordForm(prefix="pw", formdata=None)
    token_form = token_form or forms.TokenForm(prefix="token", formdata=None)
    for field in password_form:
        if isinstance(field, PasswordField):
            field.data = ""
    page = render_template("auth/account.html", person=current_user.person, password_form=password_form,
                           token_form=token_form, new_token=new_token,
                           tokens=accounts.api_tokens(neo4j.graph, current_user.person),
                           memberships=organisations_service.memberships(neo4j.graph, current_user.person))
    return page, 200, {"Cache-Control": "no-store"}


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = forms.ChangePasswordForm(prefix="pw")
    form.account_email = current_user.email
    if form.validate_on_submit():
        try:
            person = accounts.change_password(neo4j.graph, current_user.person, current=form.current.data,
                                              new=form.password.data)
        except accounts.WrongPassword:
            form.current.errors.append(_("La password attuale non è corretta."))
        else:
            # This session follows the new session version; every other one is now signed out.
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
            login_user(User(person), remember=remembered, duration=current_app.permanent_session_lifetime)
            flash(_("Password cambiata. Le altre sessioni aperte con il tuo account sono state chiuse."), "success")
            return redirect(url_for("auth.account"))
    return _render_account(password_form=form)


@bp.post("/account/token")
@login_required
def create_token():
    form = forms.TokenForm(prefix="token")
    if not form.validate_on_submit():
        return _render_account(token_form=form)
    return _render_account(new_token=accounts.create_api_token(neo4j.graph, current_user.person, form.name.data))


@bp.route("/account/token/<token_id>/revoca", methods=["GET", "POST"])
@login_required
def revoke_token(token_id: str):
    token = accounts.api_token(neo4j.graph, current_user.person, token_id)
    if token is None:
        abort(404)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        accounts.revoke_api_token(neo4j.graph, current_user.person, token_id)
        flash(_("Il token «%(name)s» è stato revocato: non dà più accesso al tuo account.", name=token.name),
              "success")
        return redirect(url_for("auth.account", _anchor="token"))
    return render_template("auth/revoke_token.html", token=token, form=form)


@bp.get("/account/dati.json")
@login_required
def export_data():
    data = accounts.export_personal_data(neo4j.graph, current_user.person)
    response = current_app.response_class(json.dumps(data, ensure_ascii=False, indent=2),
                                          mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="mentore-dati-personali.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/account/elimina", methods=["GET", "POST"])
@login_required
def delete_account():
    form = forms.DeleteAccountForm()
    if form.validate_on_submit():
        try:
            accounts.delete_account(neo4j.graph, current_user.person, typed_email=form.email.data)
        except accounts.ConfirmationMismatch:
            form.email.errors.append(_("L'indirizzo non corrisponde a quello del tuo account."))
        else:
            _end_session()
            flash(_("Il tuo account è stato eliminato. I contenuti che hai scritto restano, "
                    "attribuiti a «utente rimosso»."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/delete.html", form=form)
