"""An ETS's administrator asks for its verification in Chromium, a platform admin finds the
request in the queue, first refuses it with a reason the ETS then reads, and verifies it when it
asks again; the ETS's page says so at each step."""

import uuid

from playwright.sync_api import Browser, Page, expect

from graph.repositories import organisations as organisations_repo
from graph.repositories import people, seeding
from mentore.services import accounts
from tests.e2e.conftest import screenshot
from tests.e2e.test_accounts import PASSWORD, _log_in


def signed_in(browser: Browser, live_server: str, email: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT").new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server + "/accedi")
    _log_in(page, email, PASSWORD)
    expect(page.locator("#user-area")).to_be_visible()
    return page


def test_an_ets_asks_for_verification_and_a_platform_admin_decides(browser, live_server, graph_session):
    graph, key = graph_session, uuid.uuid4().hex[:8]
    organisation_id, name = f"org-verifica-{key}", f"Orti Solidali {key} APS"
    seeding.create_rows(graph, "organisations", [
        {"id": organisation_id, "seat": "comune:096004", "works_in": [], "activities": ["s"], "competencies": [],
         "created_at": "2026-11-01T09:00:00Z",
         "props": {"name": name, "kind": "ETS", "legal_form": "aps", "codice_fiscale": f"9{key}",
                   "runts_section": "b", "runts_number": "4321", "verified": False}}])
    giulia = people.create(graph, name="Giulia Esposito", email=f"giulia-{key}@esempio.it",
                           password_hash=accounts.hash_password(PASSWORD))
    organisations_repo.add_member(graph, giulia.id, organisation_id, "admin")
    people.create(graph, name="Anna Amministratrice", email=f"anna-{key}@esempio.it",
                  password_hash=accounts.hash_password(PASSWORD), roles=("platform_admin",))

    ets = signed_in(browser, live_server, f"giulia-{key}@esempio.it")
    ets.goto(f"{live_server}/organizzazioni/{organisation_id}")
    card = ets.locator("#verifica")
    expect(card).to_contain_text("Non ancora verificata.")
    card.get_by_label("Messaggio (facoltativo)").fill(
        "Repertorio RUNTS 4321, sezione b).")
    card.get_by_role("button", name="Chiedi la verifica").click()
    expect(ets.locator("#flashes")).to_contain_text("Richiesta di verifica inviata")
    expect(ets.locator("#verification-state")).to_contain_text("da Giulia Esposito")

    admin = signed_in(browser, live_server, f"anna-{key}@esempio.it")
    admin.goto(live_server + "/admin/")
    row = admin.locator("#verification-requests tr", has_text=name)
    expect(row).to_contain_text("«Repertorio RUNTS 4321, sezione b).»")
    screenshot(admin, "verification-queue")
    row.get_by_role("link", name=name).click()
    refusal = admin.locator("#refusal")
    refusal.locator("summary").click()
    refusal.get_by_label("Nota per l'organizzazione").fill("Inviateci lo statuto aggiornato.")
    admin.once("dialog", lambda dialog: dialog.accept())
    refusal.get_by_role("button", name="Non accogliere").click()
    # no reason chosen: refused, the note kept
    expect(admin.locator("#refusal-errors")).to_be_visible()
    expect(admin.get_by_label("Nota per l'organizzazione")).to_have_value("Inviateci lo statuto aggiornato.")
    admin.get_by_label("Motivo").select_option("informazioni")
    admin.once("dialog", lambda dialog: dialog.accept())
    admin.get_by_role("button", name="Non accogliere").click()
    expect(admin.locator("#flashes")).to_contain_text("Richiesta di verifica non accolta")

    ets.reload()
    expect(ets.locator("#verification-refused")).to_contain_text(
        "Servono altre informazioni, indicate nella nota. «Inviateci lo statuto aggiornato.»")
    expect(ets.locator("#notifications-bell")).to_have_attribute("aria-label", "1 notifica non letta")
    ets.locator("#verifica").get_by_role("button", name="Chiedi la verifica").click()
    expect(ets.locator("#verification-state")).to_contain_text("la stanno esaminando")

    admin.reload()
    admin.once("dialog", lambda dialog: dialog.accept())
    admin.locator("#verifica").get_by_role("button", name="Verifica l'organizzazione").click()
    expect(admin.locator("#verified-badge")).to_be_visible()

    ets.reload()
    expect(ets.locator("#verification-state")).to_contain_text("Verificata dagli amministratori della piattaforma il")
    expect(ets.locator("#verification-history")).to_contain_text("non accolta")
    screenshot(ets, "verification-done")
    assert [r["status"] for r in graph.read(
        "MATCH (r:VerificationRequest)-[:FOR]->(:Organisation {id: $o}) RETURN r.status AS status "
        "ORDER BY r.created_at", o=organisation_id)] == ["refused", "approved"]
    for page in (ets, admin):
        page.context.close()
