"""Accounts as a person uses them in Chromium: sign up, see their name in the header, log out,
log in again; a wrong password explains itself and keeps the e-mail typed."""

import re
import uuid

from playwright.sync_api import Page, expect

from graph.repositories import people
from mentore.services import accounts
from tests.e2e.conftest import screenshot

PASSWORD = "una frase da ricordare"
PASSWORD_LABEL = re.compile(r"^Password( \*)?$")  # the label may mark the field as required


def _unique_email(who: str) -> str:
    return f"{who}-{uuid.uuid4().hex[:8]}@esempio.it"


def _log_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("Indirizzo e-mail").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("main").get_by_role("button", name="Accedi").click()


def test_a_visitor_signs_up_sees_their_name_logs_out_and_logs_in_again(page, live_server, graph_session):
    email = _unique_email("lucia")
    page.goto(live_server + "/chi-siamo")
    user_area = page.locator("#user-area")
    user_area.get_by_role("link", name="Registrati").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crea il tuo account")
    page.get_by_label("Nome e cognome").fill("Lucia Ferri")
    page.get_by_label("Indirizzo e-mail").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label("Ripeti la password").fill(PASSWORD)
    page.get_by_text("Ho letto l'informativa").click()
    expect(page.get_by_role("checkbox")).to_be_checked()
    screenshot(page, "accounts-signup")
    page.get_by_role("button", name="Crea l'account").click()

    expect(page).to_have_url(live_server + "/chi-siamo")  # back where the visitor was
    expect(user_area.get_by_role("link", name="Il tuo account: Lucia Ferri")).to_be_visible()
    color = user_area.get_by_role("link").first.evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(255, 255, 255)"  # white on the blue slim header
    screenshot(page, "accounts-signed-in")

    user_area.get_by_role("button", name="Esci").click()
    expect(user_area.get_by_role("link", name="Accedi")).to_be_visible()
    expect(page.get_by_text("Hai chiuso la sessione.")).to_be_visible()

    user_area.get_by_role("link", name="Accedi").click()
    _log_in(page, email, PASSWORD)
    expect(user_area).to_contain_text("Lucia Ferri")
    user_area.get_by_role("link", name="Il tuo account: Lucia Ferri").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Il mio account")
    expect(page.get_by_text(email)).to_be_visible()
    screenshot(page, "accounts-account-page")


def test_a_wrong_password_shows_the_error_and_keeps_the_email(page, live_server, graph_session):
    email = _unique_email("marco")
    people.create(graph_session, name="Marco Gallo", email=email, password_hash=accounts.hash_password(PASSWORD))
    page.goto(live_server + "/accedi")
    _log_in(page, email, "non è la password giusta")
    expect(page.get_by_role("alert")).to_have_text("Indirizzo e-mail o password non corretti.")
    expect(page.get_by_label("Indirizzo e-mail")).to_have_value(email)
    expect(page.get_by_label(PASSWORD_LABEL)).to_have_value("")
    screenshot(page, "accounts-login-error")
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Accedi").click()
    expect(page.locator("#user-area")).to_contain_text("Marco Gallo")
