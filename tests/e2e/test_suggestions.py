"""A member posts a need through the form, waits for the platform to suggest who can help,
reads why, and accepts one: the suggestion is accepted and the need becomes "Abbinato". Then
declines another, and is shown the update of the list without losing a reason being typed."""

import datetime as dt
import re
import uuid

from playwright.sync_api import Page, expect

from graph.repositories import organisations as organisations_repo
from mentore import clock, jobs
from mentore.matcher.features import FEATURES
from mentore.reference.places import place_label
from tests.e2e.conftest import screenshot
from tests.e2e.test_directory_journey import sign_up, sign_up_as_member_of_an_ets

WAIT_SECONDS = 60  # the background job: the model's first load, then a few queries


def wait_for_suggestions(page: Page) -> None:
    """The suggestions are computed in the background: while they are, the page says so, and it
    shows them by itself when they are ready (nobody reloads it here)."""
    if not page.locator("#suggestions").count():
        expect(page.locator("#suggestions-pending")).to_be_visible()
    expect(page.locator("#suggestions")).to_be_visible(timeout=WAIT_SECONDS * 1000)


def fill_need_form(page: Page, live_server: str, title: str, description: str, activity: str) -> None:
    """The new need's form, filled as a person does: a competence wanted in 45 days."""
    page.goto(live_server + "/bisogni/nuovo")
    page.get_by_label(re.compile("^Titolo")).fill(title)
    page.get_by_label(re.compile("^Di cosa c'è bisogno")).fill(description)
    page.get_by_label(re.compile("^Entro quando")).fill((clock.today() + dt.timedelta(days=45)).isoformat())
    page.get_by_label(re.compile("^Tipo di aiuto")).select_option("competenze")
    page.get_by_label(re.compile("^Attività di interesse generale")).select_option(activity)


def test_a_member_posts_a_need_sees_who_can_help_and_accepts_one(page, live_app, live_server, demo_graph):
    sign_up_as_member_of_an_ets(page, live_server, demo_graph)
    title = f"Volontari per il doposcuola {uuid.uuid4().hex[:6]}"

    fill_need_form(page, live_server, title, "Cerchiamo volontari per aiutare nei compiti i ragazzi delle medie due "
                   "pomeriggi alla settimana.", activity="d")
    page.get_by_role("button", name="Pubblica il bisogno").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#need-status")).to_have_text("Aperto")

    wait_for_suggestions(page)
    first = page.locator("#suggestions > li").first
    expect(first.locator(".reason").first).to_contain_text(re.compile(r"\d+%"))
    expect(first.locator(".suggestion-status")).to_have_text("Proposta")
    # four reasons in view, the others one click away
    more = page.locator("#suggestions details.more-reasons").first
    expect(more.locator(".reason").first).to_be_hidden()
    more.locator("summary").click()
    expect(more.locator(".reason").first).to_be_visible()
    name = first.locator("h3").inner_text()
    screenshot(page, "need-suggestions")

    page.once("dialog", lambda dialog: dialog.accept())  # "Confermi di accettare ...?"
    first.get_by_role("button", name=re.compile("^Accetta")).click()
    expect(page.locator("#flashes")).to_contain_text("Suggerimento accettato.")
    expect(page.locator("#need-status")).to_have_text("Abbinato")
    accepted = page.locator("#suggestions > li[data-status=accepted]")
    expect(accepted).to_have_count(1)
    expect(accepted.locator("h3")).to_have_text(name)
    expect(accepted.locator(".suggestion-status")).to_have_text("Accettata")
    screenshot(page, "need-suggestion-accepted")

    # how the platform chose them: every reason and how much it counts today, for each kind
    page.locator("#suggerimenti .how-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Come funzionano i suggerimenti")
    expect(page.locator("#reasons-table tbody tr")).to_have_count(len(FEATURES))
    expect(page.locator("#reasons-table tr[data-feature=text_similarity] td[data-task=need]")).to_have_text(
        "Conta molto a favore")
    expect(page.locator("#rankers li")).to_have_count(3)
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    # --- declining without a reason: the page comes back at that suggestion, its error in focus
    other = page.locator("#suggestions > li[data-status=proposed]").first
    other_id = other.get_attribute("id")
    other.locator("details.decline > summary").click()
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    other.get_by_role("button", name="Conferma il rifiuto").click()  # no reason: nothing to confirm yet
    reason = page.locator(f"#{other_id} select[aria-invalid='true']")
    expect(reason).to_be_focused()
    expect(reason).to_be_in_viewport()
    expect(page).to_have_url(re.compile(f"#{other_id}$"))
    assert asked == []
    reason.select_option("too_far")
    page.locator(f"#{other_id}").get_by_role("button", name="Conferma il rifiuto").click()
    expect(page.locator("#flashes")).to_contain_text("Suggerimento rifiutato")
    assert len(asked) == 1 and asked[0].startswith("Confermi di rifiutare")

    # --- the list is being updated (as after a decline, with the job that does it lost with a
    # restart): the page says so and asks for the update itself; when it is ready, a button shows
    # it, and a reason being typed meanwhile is not lost
    need_id = re.search(r"/bisogni/([0-9a-f-]{36})", page.url).group(1)
    jobs.jobs_of(live_app).drain()  # the decline's own update first
    demo_graph.write("MATCH (n:Need {id: $id}) SET n.suggestions_stale = true", id=need_id)
    page.goto(live_server + f"/bisogni/{need_id}")
    notice = page.locator("#suggestions-refreshing")
    expect(notice).to_contain_text("Aggiornamento dei suggerimenti in corso")
    shown = notice.get_by_role("button", name="Mostra i suggerimenti aggiornati")
    expect(shown).to_be_hidden()  # not before the update is done (asked first after 2 seconds)
    third = page.locator("#suggestions > li[data-status=proposed]").first
    third_id = third.get_attribute("id")
    third.locator("details.decline > summary").click()
    third.locator("select").select_option("other")
    third.locator("textarea").fill("Ne parliamo prima in assemblea")
    expect(shown).to_be_visible(timeout=WAIT_SECONDS * 1000)
    expect(notice).to_contain_text("I suggerimenti sono aggiornati.")
    expect(notice.locator("[data-refreshing]")).to_be_hidden()
    screenshot(page, "need-suggestions-refreshed")
    shown.click()
    expect(page.locator("#suggestions-refreshing")).to_have_count(0)
    kept = page.locator(f"#{third_id}")
    expect(kept.locator("details.decline")).to_have_attribute("open", "")
    expect(kept.locator("textarea")).to_have_value("Ne parliamo prima in assemblea")
    expect(kept.locator(".draft-restored")).to_be_visible()

    # --- the need is met: the page asks who helped, the one chosen already ticked, and credits it
    page.locator("#mark-met").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Il bisogno è stato soddisfatto?")
    expect(page.get_by_label(re.compile("^" + re.escape(name)))).to_be_checked()
    screenshot(page, "need-met")
    page.get_by_role("button", name="Segna come soddisfatto").click()
    expect(page.locator("#flashes")).to_contain_text(f"Grazie: {name} ne riceve notizia")
    expect(page.locator("#need-status")).to_have_text("Soddisfatto")
    expect(page.locator("#need-helpers")).to_have_text(
        re.compile(r"^Soddisfatto con l'aiuto di\s+" + re.escape(name) + r"\s+· modifica chi ha aiutato$"))
    page.get_by_role("link", name="modifica chi ha aiutato").click()  # said again later: the one named ticked
    expect(page.get_by_role("heading", level=1)).to_have_text("Chi vi ha aiutato a soddisfare il bisogno?")
    expect(page.get_by_label(re.compile("^" + re.escape(name)))).to_be_checked()
    page.get_by_role("link", name="Annulla").click()
    expect(page.locator("#mark-met")).to_have_count(0)


def test_a_member_asks_that_only_verified_organisations_help_and_is_suggested_only_those(page, live_server,
                                                                                          demo_graph):
    organisation = sign_up_as_member_of_an_ets(page, live_server, demo_graph)
    title = f"Psicologa per lo sportello di ascolto {uuid.uuid4().hex[:6]}"
    fill_need_form(page, live_server, title, "Cerchiamo una psicologa o uno psicologo per uno sportello di ascolto "
                   "gratuito per ragazze e ragazzi.", activity="c")
    requirements = page.locator("#requirements")
    expect(page.locator("#eligible-count")).to_have_text("")  # no requirement yet
    requirements.get_by_text("Solo organizzazioni verificate", exact=True).click()  # its label, as people do
    expect(requirements.get_by_label("Solo organizzazioni verificate")).to_be_checked()
    # the form says at once how many may help, as the graph has them (her own organisation aside)
    verified_count = demo_graph.read(
        "MATCH (o:Organisation) WHERE o.verified AND o.id <> $own AND coalesce(o.country, 'IT') = 'IT' "
        "AND NOT coalesce(o.deleted, false) RETURN count(o) AS n", own=organisation["id"])[0]["n"]
    expect(page.locator("#eligible-count")).to_have_text(
        f"Con questi requisiti possono aiutare {verified_count} organizzazioni della piattaforma.")
    # given in person, the help is asked only of the place's region (the seat's, pre-filled): said at once
    region = demo_graph.read("MATCH (o:Organisation {id: $id}) RETURN o.region_id AS r", id=organisation["id"])[0]["r"]
    near_count = demo_graph.read(
        "MATCH (o:Organisation) WHERE o.verified AND o.id <> $own AND coalesce(o.country, 'IT') = 'IT' "
        "AND NOT coalesce(o.deleted, false) AND $region IN o.area_ids RETURN count(o) AS n",
        own=organisation["id"], region=region)[0]["n"]
    page.locator("label", has_text="L'aiuto va dato di persona, sul posto").click()
    expect(page.locator("#eligible-count")).to_have_text(
        f"L'aiuto si dà sul posto: con questi requisiti possono aiutare {near_count} organizzazioni con sede o "
        f"attività in {place_label(region)}.")
    # asked of all of Italy even on site: every verified organisation again, and back
    territory = requirements.get_by_label("Da quale territorio")
    territory.select_option(label="Da tutta Italia, anche per un aiuto sul posto")
    expect(page.locator("#eligible-count")).to_have_text(
        f"Con questi requisiti possono aiutare {verified_count} organizzazioni della piattaforma.")
    territory.select_option(value="")
    expect(page.locator("#eligible-count")).to_contain_text(f"possono aiutare {near_count} organizzazioni con sede")
    page.locator("label", has_text="L'aiuto va dato di persona, sul posto").click()  # from afar again
    expect(page.locator("#eligible-count")).to_have_text(
        f"Con questi requisiti possono aiutare {verified_count} organizzazioni della piattaforma.")
    page.get_by_role("button", name="Pubblica il bisogno").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#need-requirements")).to_have_text("Solo organizzazioni verificate")

    wait_for_suggestions(page)
    cards = page.locator("#suggestions > li")
    names = cards.locator("h3").all_inner_texts()
    assert names and cards.locator(".verified").count() == len(names)  # each says it is verified
    verified = {r["name"] for r in demo_graph.read(
        "UNWIND $names AS name MATCH (o:Organisation {name: name}) WHERE o.verified RETURN o.name AS name",
        names=names)}
    assert verified == set(names)  # as the graph has them
    screenshot(page, "need-only-verified")


def test_a_visitor_looks_for_partners_for_a_call_and_keeps_the_call_while_adding_one(page, live_server, demo_graph):
    page.goto(live_server + "/partner")
    page.get_by_label(re.compile("^Il progetto")).fill(
        "Un servizio di trasporto sociale con autisti volontari per anziani soli e persone con disabilità.")
    page.get_by_label(re.compile("^Bando o programma")).fill("Fondo Sociale Europeo Plus")
    page.get_by_role("button", name="Cerca partner").click()
    results = page.locator("#partner-results li.suggestion")
    expect(results.first.locator(".reason").first).to_contain_text(re.compile(r"\d+%"))
    screenshot(page, "partner-finder")
    name = results.first.locator("h3 a").inner_text()
    results.first.get_by_role("link", name=re.compile("^Aggiungi ai partner")).click()
    # the organisation is now a partner, and the text and the call are still in the form
    expect(page.locator("#known-partners")).to_contain_text(name)
    expect(page.get_by_label(re.compile("^Bando o programma"))).to_have_value("Fondo Sociale Europeo Plus")
    expect(page.get_by_label(re.compile("^Il progetto"))).to_contain_text("trasporto sociale")


def test_a_public_body_looks_for_partners_in_its_province_who_carry_out_an_activity(page, live_server, demo_graph):
    page.goto(live_server + "/partner")
    page.get_by_label(re.compile("^Il progetto")).fill(
        "Co-progettazione di un centro estivo inclusivo per ragazzi con disabilità: sport, laboratori, gite.")
    page.get_by_label(re.compile("^Tra quali organizzazioni")).select_option("ETS")
    page.get_by_label(re.compile("^Territorio")).fill("Provimcia di Biella")  # a slip of the keyboard
    page.get_by_role("button", name="Cerca partner").click()
    expect(page.locator("#form-errors")).to_contain_text("Luogo non trovato: «Provimcia di Biella»")
    expect(page.get_by_label(re.compile("^Il progetto"))).to_contain_text("centro estivo inclusivo")
    page.get_by_label(re.compile("^Territorio")).fill("Provincia di Biella")
    page.get_by_role("button", name="Cerca partner").click()
    cards = page.locator("#partner-results li.suggestion .partner-card")
    expect(cards.first).to_be_visible()
    # every one is a Third-Sector entity based in the province (its seat's sigla), and says so,
    # with its section of the RUNTS and whether the platform verified it
    assert all(re.fullmatch(r"Ente del Terzo settore · .+ \(BI\)( · RUNTS, sezione [a-g])?( verificata)?", text)
               for text in cards.all_inner_texts())
    screenshot(page, "partner-finder-territory")
    # one activity more: only those carrying it out, still in the province
    page.get_by_label(re.compile("^Attività di interesse generale")).select_option("t")
    page.get_by_role("button", name="Cerca partner").click()
    expect(page).to_have_url(re.compile(r"activity=t(&|$)"))
    names = page.locator("#partner-results li.suggestion h3 a").all_inner_texts()
    expected = demo_graph.read(
        "MATCH (o:Organisation {kind: 'ETS'})-[:OPERATES_IN]->(:Activity {code: 't'}) "
        "MATCH (o)-[:LOCATED_IN|WORKS_IN]->(:Territory)-[:PART_OF*0..2]->(:Territory {id: 'provincia:096'}) "
        "RETURN DISTINCT o.name AS name")
    assert names and sorted(names) == sorted(r["name"] for r in expected)
    # only those the platform verified, for a co-design table: the others go
    page.get_by_text("Solo organizzazioni verificate dalla piattaforma").click()  # its label, as people do
    expect(page.get_by_label("Solo organizzazioni verificate dalla piattaforma")).to_be_checked()
    page.get_by_role("button", name="Cerca partner").click()
    expect(page).to_have_url(re.compile(r"verified=y(&|$)"))
    verified = page.locator("#partner-results li.suggestion h3 a").all_inner_texts()
    assert sorted(verified) == sorted(r["name"] for r in demo_graph.read(
        "UNWIND $names AS name MATCH (o:Organisation {name: name}) WHERE o.verified RETURN o.name AS name",
        names=names))
    assert page.locator("#partner-results li.suggestion .partner-card .verified").count() == len(verified)
    expect(page.get_by_label("Solo organizzazioni verificate dalla piattaforma")).to_be_checked()


def test_the_territory_field_suggests_places_as_the_officer_types(page, live_server, demo_graph):
    page.goto(live_server + "/partner")
    territory = page.get_by_label(re.compile("^Territorio"))
    territory.press_sequentially("biel", delay=50)
    options = page.locator("#territory-places option")
    expect(options.first).to_have_attribute("value", "Biella (BI)")
    assert options.evaluate_all("os => os.map(o => o.value)")[:3] == ["Biella (BI)", "Provincia di Biella", "Biellese"]
    assert territory.get_attribute("list") == "territory-places"
    territory.fill("Provincia di Biella")  # what choosing the suggestion puts in the field
    page.get_by_label(re.compile("^Il progetto")).fill("Doposcuola e attività sportive per ragazzi, tutto l'anno.")
    page.get_by_role("button", name="Cerca partner").click()
    cards = page.locator("#partner-results li.suggestion .partner-card")
    expect(cards.first).to_be_visible()
    assert all(re.search(r"\(BI\)(\s|$)", text) for text in cards.all_inner_texts())
    screenshot(page, "partners-territory-suggested")


def test_an_officer_who_names_the_province_in_the_text_is_offered_to_look_only_there(page, live_server, demo_graph):
    page.goto(live_server + "/partner")
    page.get_by_label(re.compile("^Il progetto")).fill(
        "Inclusione lavorativa di giovani che non studiano e non lavorano nella provincia di Biella: "
        "orientamento, tirocini e accompagnamento.")
    page.get_by_role("button", name="Cerca partner").click()
    offer = page.locator("#partner-text-places")
    expect(offer).to_contain_text("Il testo nomina un luogo. Cerca solo lì:")
    offer.get_by_role("link", name="cerca solo in Provincia di Biella").click()
    expect(page.get_by_label(re.compile("^Territorio"))).to_have_value("Provincia di Biella")
    expect(page.get_by_label(re.compile("^Il progetto"))).to_contain_text("Inclusione lavorativa")
    cards = page.locator("#partner-results li.suggestion .partner-card")
    expect(cards.first).to_be_visible()
    # based in the province, each of them
    assert all(re.search(r"\(BI\)(\s|$)", text) for text in cards.all_inner_texts())
    expect(page.locator("#partner-text-places")).to_have_count(0)  # chosen: nothing more to offer


def test_an_officer_whose_text_is_about_an_activity_is_offered_to_look_only_among_those_carrying_it_out(
        page, live_server, demo_graph):
    page.goto(live_server + "/partner")
    page.get_by_label(re.compile("^Il progetto")).fill(
        "Doposcuola e contrasto alla povertà educativa per ragazzi delle medie, con volontari e scuole.")
    page.get_by_role("button", name="Cerca partner").click()
    offer = page.locator("#partner-text-activity")
    expect(offer).to_contain_text("Il testo sembra parlare di un'attività di interesse generale.")
    offer.get_by_role("link", name=re.compile("^cerca solo tra chi svolge l\\) ")).click()
    expect(page.get_by_label("Attività di interesse generale (facoltativa)")).to_have_value("l")
    expect(page.get_by_label(re.compile("^Il progetto"))).to_contain_text("Doposcuola")
    expect(page.locator("#partner-results li.suggestion").first).to_be_visible()
    expect(page.locator("#partner-text-activity")).to_have_count(0)  # chosen: nothing more to offer
    page.get_by_label(re.compile("^Il progetto")).fill("Simulazione dei vortici nei superfluidi quantistici.")
    page.get_by_label("Attività di interesse generale (facoltativa)").select_option("")
    page.get_by_role("button", name="Cerca partner").click()
    expect(page.locator("#partner-results")).to_be_visible()
    expect(page.locator("#partner-text-activity")).to_have_count(0)  # about no activity of art. 5


def test_a_project_pasted_longer_than_the_finder_holds_is_announced_and_what_was_kept_is_searched(
        page, live_server, demo_graph):
    lines = ["Un servizio di trasporto sociale con autisti volontari per anziani soli.",
             "Accompagnamento a visite mediche, spesa e uffici pubblici nel territorio di Biella."]
    pasted = "\n".join(lines * 12)  # 24 lines, about 1,850 characters
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page.goto(live_server + "/partner")
    field = page.get_by_label(re.compile("^Il progetto"))
    expect(page.locator("#text-length")).to_have_text("Restano 1000 caratteri su 1000.")
    field.fill("Premessa.\n")
    expect(page.locator("#text-length")).to_have_text("Restano 990 caratteri su 1000.")
    page.evaluate("text => navigator.clipboard.writeText(text)", pasted)
    field.press("End")
    page.keyboard.press("Control+V")
    # the browser kept what fitted, 990 characters, and said nothing: the page says it
    expect(page.get_by_role("alert")).to_have_text(
        f"Del testo incollato ({len(pasted)} caratteri) sono stati tenuti i primi 990: il campo ne tiene al "
        "massimo 1000. Controlla dove finisce, oppure incolla solo la parte essenziale.")
    expect(page.locator("#text-length")).to_have_text("Hai raggiunto il massimo di 1000 caratteri.")
    kept = "Premessa.\n" + pasted[:990]
    assert field.input_value() == kept
    # a single-line field says it too: the call's name holds 200 characters
    call = "Bando Welfare di comunità 2025, seconda finestra; " * 5
    page.evaluate("text => navigator.clipboard.writeText(text)", call)
    page.get_by_label(re.compile("^Bando o programma")).focus()
    page.keyboard.press("Control+V")
    expect(page.locator("#programme-cut")).to_have_text(
        f"Del testo incollato ({len(call)} caratteri) sono stati tenuti i primi 200: il campo ne tiene al "
        "massimo 200. Controlla dove finisce, oppure incolla solo la parte essenziale.")
    expect(page.get_by_label(re.compile("^Bando o programma"))).to_have_value(call[:200])
    # what was kept fills the field, line breaks included: it is searched, not refused as too long
    page.get_by_role("button", name="Cerca partner").click()
    expect(page.locator("#partner-results li.suggestion").first).to_be_visible()
    expect(page.locator("#form-errors")).to_have_count(0)
    expect(field).to_have_value(kept)


def test_an_organisation_that_was_not_suggested_offers_to_help_and_the_poster_accepts(page, live_app, live_server,
                                                                                      demo_graph):
    helper = sign_up_as_member_of_an_ets(page, live_server, demo_graph)
    # the needs it could answer unasked, from its page: each leads to the need's offer
    page.goto(live_server + f"/organizzazioni/{helper['id']}")
    page.locator("#nearby-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bisogni a cui potreste rispondere")
    nearby = page.locator("#nearby > li").first
    expect(nearby.locator(".nearby-reasons li").first).to_be_visible()
    title = nearby.locator("h2").inner_text()
    nearby.get_by_role("link", name=re.compile("^Proponetevi per questo bisogno")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#offri")).to_be_in_viewport()
    expect(page.locator("#offer-form")).to_be_visible()
    # nothing typed: the page shows its first suggestions by itself, reloading, when they come
    # (the visit queued them); awaited, so that the reload does not interrupt the next address
    expect(page.locator("#suggestions-pending")).to_have_count(0, timeout=WAIT_SECONDS * 1000)
    # an open need of another organisation, whose suggestions (computed here) leave the helper out
    for need in demo_graph.read("MATCH (p:Organisation)-[:POSTED]->(n:Need {status: 'open'}) WHERE p.id <> $org "
                                "RETURN n.id AS id, p.id AS poster ORDER BY n.id DESC LIMIT 5", org=helper["id"]):
        with live_app.app_context():
            jobs.refresh_need(need["id"])
        if not demo_graph.read("MATCH (:Need {id: $n})<-[:FOR]-(:Suggestion)-[:PROPOSES]->(:Organisation {id: $o}) "
                               "RETURN 1", n=need["id"], o=helper["id"]):
            break
    poster = page.context.browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT").new_page()
    try:
        email = f"paolo.{uuid.uuid4().hex[:8]}@example.it"
        sign_up(poster, live_server, email)
        person = demo_graph.read("MATCH (p:Person {email: $e}) RETURN p.id AS id", e=email)[0]["id"]
        organisations_repo.add_member(demo_graph, person, need["poster"], "member")

        page.goto(live_server + f"/bisogni/{need['id']}")
        card = page.locator("#offri")
        expect(card.get_by_role("heading", level=2)).to_have_text("Offrite il vostro aiuto")
        expect(card).to_contain_text(f"A nome di {helper['name']}")
        card.get_by_role("button", name="Proponete la vostra organizzazione").click()  # nothing said yet
        expect(page.locator("#offer-errors")).to_be_visible()
        expect(card).to_contain_text("Dite se potete aiutare del tutto o in parte.")
        card.locator("label", has_text="In parte, o a certe condizioni").click()  # Bootstrap Italia draws the radio
        offer = "Possiamo prestare la sala il sabato mattina; per le persone serve sentirci."
        card.get_by_label("Come potete aiutare").fill(offer)
        card.get_by_role("button", name="Proponete la vostra organizzazione").click()
        expect(page.locator("#flashes")).to_contain_text("Proposta inviata")
        mine = page.locator("#suggestions > li", has_text=helper["name"])
        expect(mine.locator(".offered")).to_have_text("Si è proposta")
        expect(mine).to_contain_text(offer)  # its own answer, which the public does not read
        expect(page.locator("#offri")).to_contain_text(f"{helper['name']} si è proposta per questo bisogno.")
        # why it could help, from the refresh the offer queued (the page asks for it by itself)
        expect(page.get_by_role("button", name="Mostra i suggerimenti aggiornati")).to_be_visible(
            timeout=WAIT_SECONDS * 1000)
        page.get_by_role("button", name="Mostra i suggerimenti aggiornati").click()
        expect(mine.get_by_text("Perché potrebbe aiutare")).to_be_visible()
        expect(mine.locator(".reason").first).to_contain_text(re.compile(r"\d+%"))
        screenshot(page, "need-offer")

        poster.goto(live_server + "/notifiche")
        expect(poster.locator("main")).to_contain_text(f"{helper['name']} si offre di aiutare in parte per il bisogno")
        poster.goto(live_server + f"/bisogni/{need['id']}")
        offered = poster.locator("#suggestions > li", has_text=helper["name"])
        expect(offered).to_contain_text(offer)
        expect(offered.locator("[data-availability=partly]")).to_be_visible()
        poster.once("dialog", lambda dialog: dialog.accept())
        offered.get_by_role("button", name=re.compile("^Accetta")).click()
        expect(poster.locator("#flashes")).to_contain_text("Suggerimento accettato.")
        accepted = poster.locator("#suggestions > li[data-status=accepted]")
        expect(accepted.locator("h3")).to_have_text(helper["name"])
    finally:
        poster.context.close()


def test_suggestions_that_come_while_an_offer_is_typed_wait_for_a_click(page, live_server, demo_graph):
    helper = sign_up_as_member_of_an_ets(page, live_server, demo_graph)
    need = demo_graph.read("MATCH (p:Organisation)-[:POSTED]->(n:Need {status: 'open'}) "
                           "WHERE p.id <> $org AND n.suggested_at IS NULL RETURN n.id AS id ORDER BY n.id LIMIT 1",
                           org=helper["id"])[0]
    page.goto(live_server + f"/bisogni/{need['id']}")  # the page itself queues their computation
    expect(page.locator("#suggestions-pending")).to_be_visible()
    page.evaluate("window.notReloaded = true")
    offer = "Possiamo venire il martedì pomeriggio con due volontari."
    page.locator("#offri").get_by_label("Come potete aiutare").fill(offer)
    # the page does not reload under the person typing: it says the suggestions are there
    show = page.get_by_role("button", name="Mostra i suggerimenti", exact=True)
    expect(show).to_be_visible(timeout=WAIT_SECONDS * 1000)
    expect(page.locator("#suggestions-pending")).to_contain_text("I suggerimenti sono pronti")
    assert page.evaluate("window.notReloaded === true")
    expect(page.locator("#offri").get_by_label("Come potete aiutare")).to_have_value(offer)
    show.click()
    expect(page.locator("#suggestions")).to_be_visible()
    expect(page.locator("#suggestions-pending")).to_have_count(0)
    assert page.evaluate("window.notReloaded === undefined")
    # what was typed comes back after the reload, with the notice that says so
    expect(page.locator("#offri").get_by_label("Come potete aiutare")).to_have_value(offer)
    expect(page.locator("#offer-form")).to_contain_text("Scarta e torna al testo salvato")


def test_a_poster_asks_an_organisation_of_the_directory_from_its_page_then_withdraws_the_request(
        page, live_server, demo_graph):
    """A poster knows an organisation the platform did not suggest: from its page they ask it,
    with a message, and find it among the need's organisations with their message; asked by
    mistake, the request is withdrawn after a confirmation, and the organisation's page says so."""
    poster = sign_up_as_member_of_an_ets(page, live_server, demo_graph)
    title = f"Un furgone per la raccolta alimentare {uuid.uuid4().hex[:6]}"
    fill_need_form(page, live_server, title, "Cerchiamo un furgone con autista per ritirare le eccedenze dei "
                   "supermercati il sabato mattina.", activity="u")
    page.get_by_role("button", name="Pubblica il bisogno").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    wait_for_suggestions(page)
    need_id = re.search(r"/bisogni/([0-9a-f-]{36})", page.url).group(1)
    other = demo_graph.read(
        "MATCH (o:Organisation {kind: 'ETS'})-[:LOCATED_IN]->() WHERE o.id <> $poster "
        "AND NOT EXISTS { (:Need {id: $need})<-[:FOR]-(:Suggestion)-[:PROPOSES]->(o) } "
        "RETURN o.id AS id, o.name AS name ORDER BY o.id LIMIT 1", poster=poster["id"], need=need_id)[0]

    page.goto(live_server + f"/organizzazioni/{other['id']}")
    section = page.locator("#chiedi-aiuto")
    expect(section.get_by_role("heading", level=2)).to_have_text(f"Chiedete aiuto a {other['name']}")
    section.get_by_label("Per quale bisogno").select_option(need_id)
    message = "Ci hanno detto che avete un furgone: potreste aiutarci il sabato?"
    section.get_by_label("Un messaggio per loro").fill(message)
    section.get_by_role("button", name="Chiedi aiuto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    asked = page.locator("#suggestions > li", has_text=other["name"])
    expect(asked.locator(".invited")).to_have_text("Chiesta da chi ha pubblicato il bisogno")
    expect(asked.locator(".invitation")).to_contain_text(message)
    screenshot(page, "need-request")

    said = []
    page.once("dialog", lambda dialog: (said.append(dialog.message), dialog.accept()))
    asked.get_by_role("button", name=re.compile("^Ritira la richiesta")).click()
    expect(page.locator("#flashes")).to_contain_text("Richiesta di aiuto ritirata: l'organizzazione ne è avvisata.")
    assert said == [f"Ritirare la richiesta di aiuto a {other['name']}? L'organizzazione ne sarà avvisata."]
    page.goto(live_server + f"/organizzazioni/{other['id']}")
    expect(page.locator("#in-touch")).to_contain_text(f"{title} – avete ritirato la richiesta di aiuto")
