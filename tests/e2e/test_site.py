"""The site as a person sees it in Chromium: Italian first, live figures, language switch,
keyboard access, error pages, Bootstrap Italia's look, the mobile menu."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot


def _figure(page: Page, key: str) -> int:
    text = page.locator(f'[data-count="{key}"] .display-6').inner_text()
    return int(text.replace(".", "").replace(",", "").strip())


def test_home_is_italian_and_shows_the_live_figures_of_the_graph(page, live_server, demo_graph, failed_requests):
    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.get_by_role("heading", level=1)).to_have_text("La Consolle del Terzo Settore")
    expected = demo_graph.read(
        "MATCH (o:Organisation) RETURN sum(CASE o.kind WHEN 'ETS' THEN 1 ELSE 0 END) AS ets, "
        "sum(CASE o.kind WHEN 'PUBLIC_BODY' THEN 1 ELSE 0 END) AS pb, COUNT { (:Community) } AS communities")[0]
    assert _figure(page, "ets") == expected["ets"] >= 200
    assert _figure(page, "public_bodies") == expected["pb"] >= 100
    assert _figure(page, "communities") == expected["communities"] >= 5  # other journeys may add one
    assert _figure(page, "regions_covered") >= 6
    expect(page.get_by_role("heading", name="Cosa offre Mentore")).to_be_visible()
    screenshot(page, "home-it")
    assert failed_requests == []


def test_language_switch_turns_the_site_english_and_keeps_it_across_pages(page, live_server, demo_graph):
    page.goto(live_server + "/")
    page.locator('#lang-switch a[hreflang="en"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("The Third Sector Console")
    screenshot(page, "home-en")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="The project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The M.EN.T.O.RE. project")
    screenshot(page, "about-en")
    page.locator('#lang-switch a[hreflang="it"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Il progetto M.EN.T.O.RE.")
    expect(page).to_have_url(live_server + "/chi-siamo")


def test_keyboard_users_can_skip_to_the_content(page, live_server):
    page.goto(live_server + "/chi-siamo")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Vai al contenuto principale")
    expect(focused).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server + "/chi-siamo#main-content")
    expect(page.locator("main")).to_be_focused()


def test_unknown_address_shows_an_italian_404_page(page, live_server):
    response = page.goto(live_server + "/bisogni-inesistenti")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina non trovata")
    expect(page.get_by_role("link", name="Torna alla pagina iniziale")).to_be_visible()
    screenshot(page, "error-404")


def test_pages_use_bootstrap_italia(page, live_server, failed_requests):
    page.goto(live_server + "/chi-siamo")
    page.wait_for_load_state("networkidle")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Titillium Web" in font
    header = page.evaluate("getComputedStyle(document.querySelector('.it-header-center-wrapper')).backgroundColor")
    assert header == "rgb(0, 102, 204)"  # the AgID blue of the design system
    loaded = page.evaluate("document.fonts.ready.then(() => Array.from(document.fonts)"
                           ".filter(f => f.status === 'loaded').map(f => f.family))")
    assert "Titillium Web" in loaded  # the design system's font, served from our static folder
    screenshot(page, "about-it")
    assert failed_requests == []


def test_mobile_menu_opens_and_leads_to_the_project_page(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="it-IT", is_mobile=True)
    page = context.new_page()
    try:
        page.goto(live_server + "/chi-siamo")
        nav_link = page.locator("#nav-main").get_by_role("link", name="Home")
        expect(nav_link).to_be_hidden()
        page.get_by_role("button", name="Mostra o nascondi la navigazione").click()
        expect(nav_link).to_be_visible()
        page.wait_for_timeout(500)  # let the slide-in animation finish for the screenshot
        screenshot(page, "mobile-menu")
        nav_link.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("La Consolle del Terzo Settore")
    finally:
        context.close()


def test_a_drop_down_list_shows_a_single_arrow(page, live_server):
    """Bootstrap Italia keeps the browser's own arrow on a select in a form field (.select-wrapper),
    and Bootstrap's form-select draws its own as a background: with both, the lists of the partner
    finder and of every form showed two arrows side by side. The filters' lists are checked too."""
    for path in ("/partner", "/bisogni"):
        page.goto(live_server + path)
        lists = page.locator("select.form-select")
        assert lists.count() >= 2, path
        for i in range(lists.count()):
            drawn = lists.nth(i).evaluate("e => [getComputedStyle(e).appearance, getComputedStyle(e).backgroundImage]")
            assert drawn[0] == "none", (path, i, drawn)  # no native arrow…
            assert drawn[1].startswith('url("data:image/svg+xml'), (path, i, drawn)  # …beside Bootstrap's


def test_a_card_ends_where_its_content_ends(page, live_server):
    """Bootstrap Italia leaves 48px under every card for a "read more" link at its foot, which no
    card of the site has: each card ended in an empty band (the needs' list, "Da fare", the
    communities, the project page)."""
    page.goto(live_server + "/chi-siamo")
    cards = page.locator(".card")
    assert cards.count() >= 1
    for i in range(cards.count()):
        assert cards.nth(i).evaluate("e => getComputedStyle(e, '::after').display") == "none", i
