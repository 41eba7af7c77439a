"""A signed-in member of an organisation posts a need through the guided form, fixes an error,
confirms its place, publishes it and finds it on the public list."""

import datetime as dt
import re
import uuid

from playwright.sync_api import expect

from mentore import clock
from tests.e2e.conftest import screenshot
from tests.e2e.test_directory_journey import sign_up_as_member_of_an_ets


def test_a_member_posts_a_need_and_finds_it_on_the_public_list(page, live_server, demo_graph):
    organisation = sign_up_as_member_of_an_ets(page, live_server, demo_graph)
    title = f"Volontari per il doposcuola {uuid.uuid4().hex[:6]}"
    seat = demo_graph.read("MATCH (:Organisation {id: $id})-[:LOCATED_IN]->(t) RETURN t.name AS name",
                           id=organisation["id"])[0]["name"]
    elsewhere = "Trieste" if seat == "Aosta" else "Aosta"  # a comune other than the seat the form pre-fills

    page.goto(live_server + "/bisogni")
    page.get_by_role("link", name="Pubblica un bisogno").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nuovo bisogno")
    expect(page.locator("#need-form")).to_contain_text(organisation["name"])
    page.get_by_label(re.compile("^Titolo")).fill(title)
    page.get_by_label(re.compile("^Di cosa c'è bisogno")).fill(
        f"Cerchiamo volontari per aiutare nei compiti i ragazzi delle medie di {elsewhere}, due pomeriggi alla "
        "settimana.")
    page.get_by_label(re.compile("^Per chi")).fill("Ragazzi delle scuole medie")
    # switching language before sending loses nothing typed: it comes back, with a notice
    page.locator('#lang-switch a[hreflang="en"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#need-form .draft-restored")).to_contain_text("We restored what you had written")
    expect(page.get_by_label(re.compile("^Title"))).to_have_value(title)
    page.locator('#lang-switch a[hreflang="it"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.get_by_label(re.compile("^Titolo"))).to_have_value(title)
    expect(page.get_by_label(re.compile("^Per chi"))).to_have_value("Ragazzi delle scuole medie")
    page.get_by_label(re.compile("^Entro quando")).fill((clock.today() + dt.timedelta(days=45)).isoformat())
    page.get_by_label(re.compile("^Tipo di aiuto")).select_option("volontari")
    page.get_by_label(re.compile("^Attività di interesse generale")).select_option("d")
    page.get_by_role("button", name="Pubblica il bisogno").click()

    expect(page.locator("#form-errors")).to_contain_text("Indica quanti volontari servono.")
    # the text names another comune than the place, pre-filled with the seat: the form asks
    expect(page.locator("#form-errors")).to_contain_text(f"Il testo nomina {elsewhere}")
    expect(page.get_by_label(re.compile("^Dove"))).to_have_value(re.compile(f"^{seat} "))
    expect(page.get_by_label(re.compile("^Titolo"))).to_have_value(title)
    # what came back with the errors survives a language switch too
    page.locator('#lang-switch a[hreflang="en"]').click()
    expect(page.get_by_label(re.compile("^Title"))).to_have_value(title)
    page.locator('#lang-switch a[hreflang="it"]').click()
    expect(page.get_by_label(re.compile("^Titolo"))).to_have_value(title)
    expect(page.get_by_label(re.compile("^Tipo di aiuto"))).to_have_value("volontari")
    page.get_by_label(re.compile("^Volontari necessari")).fill("5")
    page.locator("#need-form label", has_text="Progettazione sociale").first.click()
    page.get_by_role("button", name="Pubblica il bisogno").click()
    expect(page.locator("#form-errors")).to_contain_text(f"Il testo nomina {elsewhere}")  # asked once more
    expect(page.locator("#form-errors")).not_to_contain_text("Indica quanti volontari servono.")
    page.locator("#keep-place").scroll_into_view_if_needed()
    screenshot(page, "need-form-place-question")
    page.locator("#keep-place label", has_text="Il luogo è giusto così").click()  # the lessons are given there
    expect(page.get_by_label("Il luogo è giusto così")).to_be_checked()
    # sent once, sent once: while the answer is on its way the buttons wait (no double post)
    held = []
    page.route("**/bisogni/nuovo", lambda route: held.append(route) if route.request.method == "POST"
               else route.continue_())
    publish = page.get_by_role("button", name="Pubblica il bisogno")
    publish.scroll_into_view_if_needed()
    box = publish.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # (the mouse itself: locators would wait for the navigation under way)
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)  # a second click, as an impatient double click
    page.wait_for_timeout(500)
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/bisogni/nuovo")

    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#flashes")).to_contain_text("Bisogno pubblicato.")
    expect(page.locator("#need-status")).to_have_text("Aperto")
    expect(page.locator("#need-organisation")).to_have_text(organisation["name"])
    expect(page.locator("#place-hint")).to_have_count(0)  # the place was confirmed
    screenshot(page, "need-page")
    # its first suggestions come by themselves (the page reloads): awaited, or the reload could
    # interrupt the next address opened in this tab
    expect(page.locator("#suggestions-pending")).to_have_count(0, timeout=60_000)

    # once sent, the form starts empty again; a text left behind can be discarded
    page.goto(live_server + "/bisogni/nuovo")
    expect(page.get_by_label(re.compile("^Titolo"))).to_have_value("")
    expect(page.locator(".draft-restored")).to_have_count(0)
    page.get_by_label(re.compile("^Titolo")).fill("Una bozza da scartare")
    page.reload()
    expect(page.get_by_label(re.compile("^Titolo"))).to_have_value("Una bozza da scartare")
    page.get_by_role("button", name="Scarta e torna al testo salvato").click()
    expect(page.get_by_label(re.compile("^Titolo"))).to_have_value("")
    expect(page.locator(".draft-restored")).to_have_count(0)
    page.reload()
    expect(page.locator(".draft-restored")).to_have_count(0)

    page.get_by_role("link", name="Bisogni", exact=True).first.click()
    page.get_by_label("Cerca nel titolo e nella descrizione").fill("doposcuola compiti")
    page.get_by_role("button", name="Cerca").click()
    expect(page.locator("#results")).to_contain_text(title)
    screenshot(page, "needs-list")


def test_the_form_proposes_the_activity_and_competencies_from_the_text_and_a_click_chooses_them(
        page, live_server, demo_graph):
    sign_up_as_member_of_an_ets(page, live_server, demo_graph)
    page.goto(live_server + "/bisogni/nuovo")
    page.get_by_label(re.compile("^Titolo")).fill("Aiuto con i compiti")
    page.get_by_label(re.compile("^Di cosa c'è bisogno")).fill(
        "I ragazzi delle medie del quartiere hanno bisogno di qualcuno che li segua nei compiti il pomeriggio.")
    page.get_by_label(re.compile("^Di cosa c'è bisogno")).press("Tab")  # left with nothing chosen: they come

    proposals = page.locator("[data-proposals-result]")
    expect(proposals).to_contain_text("Dal testo, il bisogno sembra riguardare:")
    chip = proposals.get_by_role("button", name="Doposcuola e sostegno allo studio")
    box = page.locator("#need-form input[name=competencies][value=sostegno-scolastico]")
    expect(chip).to_have_attribute("aria-pressed", "false")
    chip.click()
    expect(box).to_be_checked()
    expect(chip).to_have_attribute("aria-pressed", "true")
    chip.click()  # pressed again: taken back
    expect(box).not_to_be_checked()
    expect(chip).to_have_attribute("aria-pressed", "false")
    box.check()  # ticked by hand: the proposal shows it
    expect(chip).to_have_attribute("aria-pressed", "true")

    first_activity = proposals.locator("button").first
    code = first_activity.inner_text().split(")")[0].strip("✓ \u00a0")
    first_activity.click()
    expect(page.get_by_label(re.compile("^Attività di interesse generale"))).to_have_value(code)
    # asked again by the button, for a text changed since: the choices made stay
    page.get_by_label(re.compile("^Per chi")).fill("Ragazzi delle scuole medie")
    page.get_by_role("button", name="Proponi attività e competenze dal testo").click()
    expect(proposals.get_by_role("button", name="Doposcuola e sostegno allo studio")).to_have_attribute(
        "aria-pressed", "true")
    expect(box).to_be_checked()
    # nothing was sent: still the new need's form, with what was typed, its buttons ready
    assert page.url.endswith("/bisogni/nuovo")
    expect(page.get_by_role("button", name="Pubblica il bisogno")).to_be_enabled()
    expect(page.get_by_label(re.compile("^Titolo"))).to_have_value("Aiuto con i compiti")
    screenshot(page, "need-label-proposals")
