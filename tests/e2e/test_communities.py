"""Communities of practice in Chromium: a member opens a topic, another member replies with an
@mention, the first marks the reply as the solution, a facilitator promotes the topic to the
best-practice showcase; a member flags a reply and a facilitator hides it from the moderation
queue; the facilitator's cockpit shows the community. Screenshots are kept."""

import re
import uuid
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import screenshot

PASSWORD = "una-password-lunga-42"

CREATE_COMMUNITY = """
CREATE (c:Community {id: $id, slug: $slug, name: $name, membership_mode: 'open', created_at: datetime(),
                     updated_at: datetime(),
                     description: 'Associazioni, cooperative e servizi pubblici che lavorano con le persone anziane.'})
WITH c
MATCH (a:Activity {code: 'a'})
CREATE (c)-[:ABOUT]->(a)
"""
APPOINT = """
MATCH (p:Person {email: $email}), (c:Community {id: $community})
MERGE (p)-[:FACILITATES]->(c)
MERGE (p)-[b:BELONGS_TO]->(c) ON CREATE SET b.since = datetime()
"""


@pytest.fixture()
def community(graph_session):
    """A new open community about social services (a), with no one in it yet."""
    suffix = uuid.uuid4().hex[:6]
    data = {"id": f"e2e-{suffix}", "slug": f"anziani-e2e-{suffix}", "name": f"Anziani e domiciliarità {suffix}"}
    graph_session.write(CREATE_COMMUNITY, **data)
    return data


@pytest.fixture()
def another_page(browser: Browser) -> Iterator[Callable[[], Page]]:
    """Pages of other people: each its own browser context (its own cookies), closed at the end."""
    contexts = []

    def make() -> Page:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


def sign_up(page: Page, live_server: str, name: str) -> str:
    email = f"{name.split()[0].lower()}.{uuid.uuid4().hex[:8]}@example.it"
    page.goto(live_server + "/registrati")
    page.get_by_label("Nome e cognome").fill(name)
    page.get_by_label("Indirizzo e-mail").fill(email)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_label("Ripeti la password").fill(PASSWORD)
    page.locator("label[for=privacy]").click()  # Bootstrap Italia draws the box on the label
    page.get_by_role("button", name="Crea l'account").click()
    expect(page.locator("header")).to_contain_text(name)
    return email


def join(page: Page, live_server: str, community: dict) -> None:
    page.goto(f"{live_server}/comunita/{community['slug']}")
    page.get_by_role("button", name="Unisciti alla comunità").click()
    expect(page.locator("#membership")).to_contain_text("Fai parte di questa comunità")


def test_members_discuss_solve_promote_and_facilitators_moderate(page, another_page, live_server, graph_session,
                                                                 community):
    suffix = uuid.uuid4().hex[:4]
    anna_name, bruno_name, franca_name = f"Anna Rossi {suffix}", f"Bruno Verdi {suffix}", f"Franca Neri {suffix}"
    slug = community["slug"]
    anna, bruno, franca = page, another_page(), another_page()

    # --- Anna and Bruno join; Franca is appointed facilitator (as a platform admin would).
    sign_up(anna, live_server, anna_name)
    join(anna, live_server, community)
    sign_up(bruno, live_server, bruno_name)
    join(bruno, live_server, community)
    franca_email = sign_up(franca, live_server, franca_name)
    graph_session.write(APPOINT, email=franca_email, community=community["id"])

    # --- Anna opens a topic.
    title = "Trasporto sociale: come assicurate i volontari autisti?"
    anna.goto(f"{live_server}/comunita/{slug}")
    anna.get_by_role("link", name="Apri una discussione").click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("Nuova discussione")
    anna.get_by_label(re.compile("^Titolo")).fill(title)
    anna.get_by_label(re.compile("^Testo")).fill(
        "Accompagniamo gli anziani alle visite con due auto del Comune. La polizza dei volontari basta "
        "anche per il **trasporto di terzi**?")
    anna.get_by_role("button", name="Pubblica la discussione").click()
    expect(anna.locator("#topic-title")).to_have_text(title)
    topic_url = anna.url.split("#")[0].split("?")[0]
    screenshot(anna, "community-topic-opened")

    # --- Bruno replies and mentions Anna.
    bruno.goto(topic_url)
    bruno.get_by_label(re.compile("^La tua risposta")).fill(
        f"@[{anna_name}] noi abbiamo separato le coperture: polizza dei volontari (art. 18 CTS) e una RC auto "
        "con estensione al trasporto di persone.")
    bruno.get_by_role("button", name="Pubblica la risposta").click()
    reply = bruno.locator("#post-1")
    expect(reply).to_contain_text("abbiamo separato le coperture")
    expect(reply.get_by_role("link", name=f"@{anna_name}")).to_be_visible()
    screenshot(bruno, "community-reply-with-mention")

    # --- Anna is told, and marks the reply as the solution.
    anna.goto(live_server + "/notifiche")
    # visible, not only in the page: Bootstrap Italia hides its own ".notification" pop-ups
    expect(anna.get_by_role("button", name=re.compile(f"{bruno_name} ti ha menzionato"))).to_be_visible()
    anna.goto(topic_url)
    anna.locator("#post-1").get_by_role("button", name="Segna come soluzione").click()
    expect(anna.locator("#solution")).to_contain_text("abbiamo separato le coperture")
    expect(anna.locator("#post-1")).to_contain_text("Soluzione accettata")
    screenshot(anna, "community-topic-solved")

    # --- Franca, facilitator, promotes the solved topic to the showcase.
    franca.goto(topic_url)
    franca.locator("#solution").get_by_role("link", name="Promuovi a buona pratica").click()
    expect(franca.get_by_role("textbox", name=re.compile(r"^Titolo\s*\*?$"))).to_have_value(title)
    expect(franca.locator("#linked-topic")).to_contain_text(title)
    franca.get_by_label(re.compile("^I risultati")).fill(
        "Da quando le coperture sono separate nessun volontario ha dovuto pagare di tasca propria.")
    screenshot(franca, "showcase-promotion-form")
    franca.get_by_role("button", name="Pubblica", exact=True).click()
    expect(franca.locator("#flashes")).to_contain_text("Buona pratica pubblicata.")
    expect(franca.get_by_role("heading", level=1)).to_have_text(title)
    screenshot(franca, "showcase-best-practice")

    # --- Bruno posts an advertisement; Anna flags it.
    bruno.goto(topic_url)
    bruno.get_by_label(re.compile("^La tua risposta")).fill("Offerta imperdibile: compra follower a 1 euro su "
                                                          "www.esempio-spam.example!")
    bruno.get_by_role("button", name="Pubblica la risposta").click()
    expect(bruno.locator("#post-2")).to_contain_text("Offerta imperdibile")
    anna.goto(topic_url)
    anna.locator("#post-2").get_by_role("link", name=re.compile("^Segnala")).click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("Segnala ai facilitatori")
    anna.get_by_label("Motivo della segnalazione").select_option("spam")
    anna.get_by_label(re.compile("^Spiega ai facilitatori")).fill("Pubblicità di un servizio a pagamento.")
    anna.get_by_role("button", name="Invia la segnalazione").click()
    expect(anna.locator("#flashes")).to_be_visible()

    # --- Franca hides it from the moderation queue.
    franca.goto(f"{live_server}/comunita/{slug}/moderazione")
    item = franca.locator(".moderation-item", has_text="Offerta imperdibile")
    expect(item).to_contain_text("Spam o pubblicità")
    expect(item).to_contain_text("Pubblicità di un servizio a pagamento.")
    screenshot(franca, "moderation-queue-flagged")
    item.get_by_label(re.compile("^Motivo")).fill("Pubblicità non pertinente")
    item.get_by_role("button", name="Nascondi e accogli le segnalazioni").click()
    expect(franca.locator("#queue-empty")).to_be_visible()
    expect(franca.locator(".moderation-item", has_text="Offerta imperdibile")).to_contain_text("Nascosto")
    screenshot(franca, "moderation-queue-hidden")

    # --- Readers see a placeholder; the facilitator's cockpit sums the community up.
    anna.goto(topic_url)
    expect(anna.locator("#post-2")).to_contain_text("Contenuto nascosto dai facilitatori")
    expect(anna.locator("#post-2")).not_to_contain_text("Offerta imperdibile")
    franca.goto(f"{live_server}/comunita/{slug}/cruscotto")
    expect(franca.get_by_role("heading", level=1)).to_have_text("Cruscotto del facilitatore")
    expect(franca.locator("#summary-flags")).to_have_text("0")
    expect(franca.locator("#activity-table tfoot")).to_contain_text("1")
    expect(franca.locator("#activity-chart")).to_be_visible()
    screenshot(franca, "community-cockpit")
