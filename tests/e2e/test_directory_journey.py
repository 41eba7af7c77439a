"""A new person signs up, registers an ETS, completes its profile, and finds it in the
directory with text + activity + region filters; the profile keeps what was typed on error."""

import re
import uuid

from playwright.sync_api import Page, expect

from graph.repositories import organisations as organisations_repo
from tests.e2e.conftest import screenshot


def sign_up(page: Page, live_server: str, email: str) -> None:
    page.goto(live_server + "/registrati")
    page.get_by_label("Nome e cognome").fill("Giulia Esposito")
    page.get_by_label("Indirizzo e-mail").fill(email)
    page.get_by_label(re.compile(r"^Password")).fill("una-password-lunga-42")
    page.get_by_label("Ripeti la password").fill("una-password-lunga-42")
    page.locator("label[for=privacy]").click()  # Bootstrap Italia draws the box on the label
    expect(page.get_by_label(re.compile("Ho letto l'informativa"))).to_be_checked()
    page.get_by_role("button", name="Crea l'account").click()
    expect(page.locator("header")).to_contain_text("Giulia Esposito")


def sign_up_as_member_of_an_ets(page: Page, live_server: str, graph) -> dict:
    """A new person, signed in, member of the first demo ETS with a seat: {id, name} of the ETS."""
    email = f"giulia.{uuid.uuid4().hex[:8]}@example.it"
    sign_up(page, live_server, email)
    person_id = graph.read("MATCH (p:Person {email: $e}) RETURN p.id AS id", e=email)[0]["id"]
    organisation = graph.read("MATCH (o:Organisation {kind: 'ETS'})-[:LOCATED_IN]->() "
                              "RETURN o.id AS id, o.name AS name ORDER BY o.id LIMIT 1")[0]
    organisations_repo.add_member(graph, person_id, organisation["id"], "member")
    return organisation


def test_new_person_registers_an_ets_and_finds_it_in_the_directory(page, live_server, demo_graph):
    sign_up(page, live_server, f"giulia.{uuid.uuid4().hex[:8]}@example.it")

    page.goto(live_server + "/organizzazioni")
    page.get_by_role("link", name="Registra un'organizzazione").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registra un'organizzazione")
    page.get_by_label("Nome dell'organizzazione").fill("Orti Solidali Valle Cervo")
    page.get_by_label("Tipo di ente").select_option("ETS")
    page.get_by_label("Forma giuridica").select_option("aps")
    page.get_by_label("Codice fiscale").fill("91000000016")  # wrong check digit
    page.get_by_label("Comune della sede").fill("Biella")
    page.get_by_label("Descrizione").fill("Orti comunitari coltivati da volontari e persone anziane della valle.")
    page.get_by_label("Descrizione").press("Tab")  # written, nothing chosen: activities and competencies proposed
    proposals = page.locator("[data-proposals-result]")
    expect(proposals).to_contain_text("Dalla descrizione, l'organizzazione sembra occuparsi di:")
    proposals.get_by_role("button", name="Agricoltura sociale e orti comunitari").click()
    expect(page.get_by_label("Agricoltura sociale e orti comunitari")).to_be_checked()
    page.get_by_role("button", name="Registra l'organizzazione").click()

    expect(page.locator("#form-errors")).to_contain_text("Codice fiscale non valido")
    expect(page.get_by_label("Nome dell'organizzazione")).to_have_value("Orti Solidali Valle Cervo")
    expect(page.get_by_label("Descrizione")).to_have_value(
        "Orti comunitari coltivati da volontari e persone anziane della valle.")
    screenshot(page, "organisation-form-error")

    page.get_by_label("Codice fiscale").fill("91000000017")
    page.get_by_label("Sezione RUNTS").select_option("b")
    page.get_by_label("s) Agricoltura sociale").check()
    page.get_by_label("a) Interventi e servizi sociali").check()
    page.get_by_label("Agricoltura sociale e orti comunitari").check()
    page.get_by_label("Volontari", exact=True).check()
    # the territories: typed and added (no list to Ctrl-click), each chosen one taken back by its button
    territories = page.get_by_label("Territori in cui opera")
    territories.fill("Vercelli")
    territories.press("Enter")  # adds it: the form is not sent
    territories.fill("biella")
    page.get_by_role("button", name="Aggiungi", exact=True).click()
    chosen = page.get_by_role("list", name="Territori scelti")
    expect(chosen).to_contain_text("Provincia di Vercelli")
    expect(chosen).to_contain_text("Provincia di Biella")
    chosen.get_by_role("button", name="Togli Provincia di Vercelli").click()
    expect(chosen).not_to_contain_text("Vercelli")
    territories.fill("Atlantide")
    territories.press("Enter")
    expect(page.get_by_text("«Atlantide» non è nella lista")).to_be_visible()
    territories.fill("")
    page.get_by_role("button", name="Registra l'organizzazione").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Orti Solidali Valle Cervo")
    expect(page.locator("#flashes")).to_contain_text("ora ne sei amministratore")
    expect(page.locator("#members")).to_contain_text("Giulia Esposito")
    screenshot(page, "organisation-page")
    assert demo_graph.read("MATCH (:Organisation {name: 'Orti Solidali Valle Cervo'})-[:WORKS_IN]->(t) "
                           "RETURN collect(t.id) AS ids")[0]["ids"] == ["provincia:096"]

    # Complete the profile later: founding year and website.
    page.get_by_role("link", name="Modifica il profilo").click()
    page.get_by_label("Anno di fondazione").fill("2019")
    page.get_by_label("Sito web").fill("https://orti-valle-cervo.example.it")
    page.get_by_role("button", name="Salva il profilo").click()
    expect(page.locator("#flashes")).to_contain_text("Profilo aggiornato")
    expect(page.locator("aside")).to_contain_text("2019")

    # Find it: text, then an activity facet, then a region facet.
    page.get_by_role("link", name="Directory degli attori").first.click()
    page.get_by_label("Cerca per nome o descrizione").fill("orti volontari")
    page.get_by_role("button", name="Cerca", exact=True).click()
    page.locator('[data-facet="activity"] a[data-value="s"]').click()
    page.locator('[data-facet="regione"] a[data-value="regione:01"]').click()
    expect(page).to_have_url(re.compile(r"q=orti\+volontari.*activity=s.*territory=regione%3A01|"
                                        r"q=orti\+volontari.*territory=regione%3A01.*activity=s"))
    results = page.locator("#results .result")
    expect(results.filter(has_text="Orti Solidali Valle Cervo")).to_have_count(1)
    for card in results.all_inner_texts():  # every result meets both filters
        assert "Piemonte" in card and "s) Agricoltura sociale" in card, card
    screenshot(page, "directory-filtered")

    # The shared link gives the same results to someone else.
    url = page.url
    other = page.context.browser.new_context(locale="it-IT")
    try:
        visitor = other.new_page()
        visitor.goto(url)
        expect(visitor.locator("#results .result").filter(has_text="Orti Solidali Valle Cervo")).to_have_count(1)
    finally:
        other.close()


def test_an_organisation_s_possible_partners_appear_on_its_page_without_losing_a_message_being_typed(
        page, live_server, demo_graph):
    """Computed in the background on the first visit: the page says so, then shows them in
    place by itself, while the person writes a request to join."""
    sign_up(page, live_server, f"giulia.{uuid.uuid4().hex[:8]}@example.it")
    organisation = demo_graph.read(
        "MATCH (o:Organisation {kind: 'PUBLIC_BODY'})-[:LOCATED_IN]->() RETURN o.id AS id, o.name AS name "
        "ORDER BY o.id LIMIT 1")[0]
    demo_graph.write("MATCH (o:Organisation {id: $id}) REMOVE o.partner_suggestions, o.partners_suggested_at",
                     id=organisation["id"])
    page.goto(live_server + f"/organizzazioni/{organisation['id']}")
    expect(page.locator("#possible-partners-pending")).to_contain_text("compaiono qui tra qualche istante")
    page.get_by_label(re.compile("^Messaggio per gli amministratori")).fill("Lavoro all'ufficio servizi sociali")
    found = page.locator("#possible-partners li.possible-partner")
    expect(found.first).to_be_visible(timeout=60_000)
    expect(page.locator("#possible-partners-pending")).to_have_count(0)
    expect(found.first.locator(".reason").first).to_contain_text(re.compile(r"\d+%"))
    expect(page.locator("#possible-partners-status")).to_have_text(
        "Possibili partner trovati: sono elencati qui sotto.")
    expect(page.get_by_label(re.compile("^Messaggio per gli amministratori"))).to_have_value(
        "Lavoro all'ufficio servizi sociali")
    assert organisation["id"] not in [a.get_attribute("href").rsplit("/", 1)[1]
                                      for a in found.locator("a.fw-semibold").all()]
    screenshot(page, "organisation-possible-partners")
