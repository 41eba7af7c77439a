"""The needs check-list on the real graph: the guided form, drafts, permissions, the lifecycle,
the public list with full-text search and filters."""

import datetime as dt
import html
import re
import threading
from dataclasses import replace

import pytest

from graph.repositories import organisations as organisations_repo
from mentore import clock, create_app
from mentore.services import needs as needs_service
from tests.conftest import app_config
from tests.integration.test_organisations import login, person, seed

IN_A_MONTH = (clock.today() + dt.timedelta(days=30)).isoformat()
NEED = {
    "title": "Volontari per la consegna della spesa",
    "description": "Cerchiamo volontari per consegnare la spesa agli anziani soli due mattine alla settimana.",
    "beneficiaries": "Anziani soli del quartiere", "place": "Biella", "deadline": IN_A_MONTH,
    "help_kind": "volontari", "volunteers_needed": "4", "activity": "a", "competencies": ["gestione-volontari"],
    "publish": "1",
}


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def member(graph):
    """Maria, member of the Biella organisation "org-avb"."""
    seed(graph, [{"id": "org-avb", "name": "Associazione Volontariato Biellese"}])
    maria = person(graph)
    organisations_repo.add_member(graph, maria.id, "org-avb", "member")
    return maria


def post_need(client, **changes):
    data = {"organisation": "org-avb", **NEED, **changes}
    response = client.post("/bisogni/nuovo", data={k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return response.headers["Location"].rsplit("/", 1)[1]


def status_of(graph, need_id):
    return graph.read("MATCH (n:Need {id: $id}) RETURN n.status AS s", id=need_id)[0]["s"]


def test_a_member_posts_a_need_that_appears_in_the_public_list_and_search(graph, client, member):
    login(client, member)
    need_id = post_need(client)
    page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Volontari per la consegna della spesa" in page and "Associazione Volontariato Biellese" in page
    assert "Aperto" in page and 'data-confirm="' in page
    stored = graph.read("MATCH (o:Organisation)-[:POSTED]->(n:Need {id: $id})-[:IN]->(t:Territory) "
                        "RETURN o.id AS org, t.id AS place, n.volunteers_needed AS v, toString(n.deadline) AS d, "
                        "COUNT { (n)-[:REQUIRES]->() } AS competencies, "
                        "[(n)-[:CONCERNS]->(a) | a.code] AS activities", id=need_id)
    assert stored == [{"org": "org-avb", "place": "comune:096004", "v": 4, "d": IN_A_MONTH,
                       "competencies": 1, "activities": ["a"]}]

    client2 = client.application.test_client()  # an anonymous visitor
    assert "Volontari per la consegna della spesa" in client2.get("/bisogni").get_data(as_text=True)
    found = client2.get("/bisogni?q=anziano").get_data(as_text=True)  # stemmed, Italian full text
    assert "Volontari per la consegna della spesa" in found and "1 bisogno trovato" in found
    assert "Nessun bisogno trovato" in client2.get("/bisogni?q=falegnameria").get_data(as_text=True)
    # the region includes its comuni; another region does not
    piedmont = client2.get("/bisogni?territory=regione:01&help_kind=volontari").get_data(as_text=True)
    assert "1 bisogno trovato" in piedmont
    assert "0 bisogni trovati" in client2.get("/bisogni?territory=regione:03").get_data(as_text=True)


def test_the_form_and_the_list_name_activities_and_competencies_in_the_language_of_the_page(graph, client, member):
    login(client, member)
    italian = client.get("/bisogni/nuovo").get_data(as_text=True)
    assert "a) Interventi e servizi sociali" in italian and "Progettazione sociale" in italian
    client.get("/lingua/en")
    english = client.get("/bisogni/nuovo").get_data(as_text=True)
    assert "a) Social services" in english and "Social project design" in english
    assert "Interventi e servizi sociali" not in english and "Progettazione sociale" not in english
    assert "a) Social services" in client.get("/bisogni").get_data(as_text=True)  # the list's filter
    assert "a) Social services" in client.get("/organizzazioni/nuova").get_data(as_text=True)


def test_the_form_keeps_input_and_explains_errors_in_italian(graph, client, member):
    login(client, member)
    response = client.post("/bisogni/nuovo", data={**NEED, "organisation": "org-avb", "deadline": "2020-01-01",
                                                   "volunteers_needed": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "La scadenza non può essere nel passato." in page and "Indica quanti volontari servono." in page
    assert 'value="Volontari per la consegna della spesa"' in page
    assert graph.read("MATCH (n:Need) RETURN count(n) AS n")[0]["n"] == 0


def test_the_form_refuses_a_need_in_another_language_and_keeps_what_was_written(graph, client, member):
    login(client, member)
    french = "Nous cherchons des bénévoles pour livrer les courses aux personnes âgées seules deux matins par semaine."
    response = client.post("/bisogni/nuovo", data={**NEED, "organisation": "org-avb", "description": french})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Il testo sembra scritto in francese: scrivi il bisogno in italiano (o in inglese)" in page
    assert "livrer les courses aux personnes" in page and 'value="Volontari per la consegna della spesa"' in page
    german_title = "Freiwillige für die Lieferung der Einkäufe gesucht"
    response = client.post("/bisogni/nuovo", data={**NEED, "organisation": "org-avb", "title": german_title})
    assert response.status_code == 422
    assert "Il testo sembra scritto in tedesco: scrivi il titolo in italiano" in response.get_data(as_text=True)
    # on the English pages the message is in English, its language and field too
    response = client.post("/bisogni/nuovo?lang=en", data={**NEED, "organisation": "org-avb", "title": german_title})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The text seems to be written in German: please write the title in Italian (or in English)" in page
    assert "scritto in" not in page and german_title in page
    assert graph.read("MATCH (n:Need) RETURN count(n) AS n")[0]["n"] == 0


def test_a_need_with_the_title_of_an_active_one_asks_for_confirmation_and_keeps_the_input(graph, client, member):
    login(client, member)
    first = post_need(client)
    # the same title (case and spacing aside): a double click, or the same need posted twice
    again = client.post("/bisogni/nuovo", data={"organisation": "org-avb", **NEED,
                                                "title": "  volontari per la CONSEGNA  della spesa "})
    page = again.get_data(as_text=True)
    assert again.status_code == 422
    assert "La tua organizzazione ha già un bisogno con questo titolo" in page
    assert f'href="/bisogni/{first}"' in page and "è «Aperto»" in page
    assert 'name="allow_duplicate"' in page and NEED["description"] in page  # nothing typed is lost
    assert graph.read("MATCH (n:Need) RETURN count(n) AS n")[0]["n"] == 1
    second = post_need(client, allow_duplicate="y")  # confirmed: it is another need
    assert second != first
    # an error elsewhere keeps the confirmation
    kept = client.post("/bisogni/nuovo", data={"organisation": "org-avb", **NEED, "allow_duplicate": "y",
                                               "description": "corta"}).get_data(as_text=True)
    assert '<input type="hidden" name="allow_duplicate" value="y">' in kept
    # a need that is no longer active does not count
    for need_id in (first, second):
        client.post(f"/bisogni/{need_id}/stato", data={"status": "closed"})
    post_need(client)
    # editing a need keeps its title without asking
    assert 'name="allow_duplicate"' not in client.get(f"/bisogni/{first}/modifica").get_data(as_text=True)


def test_a_need_posted_while_the_same_one_is_being_written_is_refused_once_that_is_stored(graph, member):
    """Two posts of one title at once (two tabs, two colleagues): the check and the write are one
    transaction under the organisation's lock, so the second waits and sees the first."""
    data = needs_service.NeedInput(title=NEED["title"], description=NEED["description"], help_kind="spazi",
                                   activity="a", deadline=clock.today() + dt.timedelta(days=30),
                                   territory="comune:096004", publish=True)
    outcome: dict[str, object] = {}

    def post() -> None:
        try:
            outcome["id"] = needs_service.create(graph, member, "org-avb", data)
        except needs_service.DuplicateNeed as exc:
            outcome["duplicate"] = exc.need

    with graph.driver.session(database=graph.database) as session:
        first = session.begin_transaction()  # the other post, written and not yet committed
        first.run("MATCH (o:Organisation {id: 'org-avb'}) SET o.need_posted_at = datetime() "
                  "CREATE (o)-[:POSTED]->(:Need {id: 'n-first', title: $title, status: 'open', "
                  "created_at: datetime()})", title=NEED["title"]).consume()
        thread = threading.Thread(target=post)
        thread.start()
        thread.join(timeout=1.5)
        assert thread.is_alive(), "the second post waits for the first"
        first.commit()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert outcome == {"duplicate": {"id": "n-first", "title": NEED["title"], "status": "open"}}
    assert graph.read("MATCH (n:Need) RETURN collect(n.id) AS ids")[0]["ids"] == ["n-first"]
    # confirmed, it is written
    confirmed = needs_service.create(graph, member, "org-avb", replace(data, allow_duplicate=True))
    assert graph.read("MATCH (:Organisation {id: 'org-avb'})-[:POSTED]->(n:Need) RETURN count(n) AS n")[0]["n"] == 2
    assert confirmed != "n-first"


def test_the_form_says_that_help_given_on_site_prefers_organisations_nearby(graph, client, member):
    """Volunteers, spaces and equipment always are; a competence when the poster ticks it."""
    login(client, member)
    page = client.get("/bisogni/nuovo").get_data(as_text=True)
    assert re.search(r'<input[^>]*aria-describedby="in_person-help"[^>]*name="in_person"', page)
    assert ("Volontari, spazi e attrezzature si danno sempre sul posto: per loro i suggerimenti preferiscono le "
            "organizzazioni vicine. Spunta se anche una competenza") in page
    need_id = post_need(client, help_kind="competenze", volunteers_needed=None, in_person="y")
    assert graph.read("MATCH (n:Need {id: $id}) RETURN n.in_person AS p", id=need_id) == [{"p": True}]
    edit = client.get(f"/bisogni/{need_id}/modifica").get_data(as_text=True)
    assert re.search(r'<input[^>]* checked [^>]*name="in_person"', edit)  # as it was posted


def test_the_place_defaults_to_the_organisation_seat(graph, client, member):
    login(client, member)
    assert 'value="Biella (BI)"' in client.get("/bisogni/nuovo").get_data(as_text=True)
    need_id = post_need(client, place="", help_kind="spazi", volunteers_needed=None)
    assert graph.read("MATCH (:Need {id: $id})-[:IN]->(t) RETURN t.id AS t", id=need_id) == [{"t": "comune:096004"}]
    # left empty, the place is the comune the text names, if it names one
    named = post_need(client, place="", title="Volontari per il doposcuola a Torino", allow_duplicate="1")
    assert graph.read("MATCH (:Need {id: $id})-[:IN]->(t) RETURN t.id AS t", id=named) == [{"t": "comune:001272"}]
    assert "Torino (TO)" in client.get(f"/bisogni/{named}").get_data(as_text=True)


def test_the_form_asks_before_posting_a_need_whose_text_names_a_place_outside_its_place(graph, client, member):
    """The form pre-fills the seat: "a Torino" in the title with Biella left in the field would
    look for help near Biella. The form asks, keeps what was typed, and remembers the answer."""
    login(client, member)
    title = "Volontari per il doposcuola a Torino"
    asked = client.post("/bisogni/nuovo", data={"organisation": "org-avb", **NEED, "title": title})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 422
    assert ("Il testo nomina Torino (TO), ma il luogo è Biella (BI): i suggerimenti cercheranno vicino a Biella "
            "(BI). Correggi il luogo, oppure conferma qui sotto che è giusto.") in page
    assert 'href="#place"' in page and 'name="keep_place"' in page  # the summary leads to the field
    assert f'value="{title}"' in page and NEED["description"] in page  # nothing typed is lost
    assert graph.read("MATCH (n:Need) RETURN count(n) AS n")[0]["n"] == 0
    # corrected, or confirmed
    moved = post_need(client, title=title, place="Torino")
    assert graph.read("MATCH (:Need {id: $id})-[:IN]->(t) RETURN t.id AS t", id=moved) == [{"t": "comune:001272"}]
    kept = post_need(client, title=title, keep_place="y", allow_duplicate="y")
    assert graph.read("MATCH (:Need {id: $id})-[:IN]->(t) RETURN t.id AS t", id=kept) == [{"t": "comune:096004"}]
    assert 'id="place-hint"' not in client.get(f"/bisogni/{kept}").get_data(as_text=True)
    # an error elsewhere keeps the confirmation in sight
    again = client.post("/bisogni/nuovo", data={"organisation": "org-avb", **NEED, "title": title,
                                                "keep_place": "y", "description": "corta"}).get_data(as_text=True)
    assert re.search(r'<input checked [^>]*name="keep_place"', again) and "ma il luogo è" not in again
    # the confirmed place is not asked about again when editing; another one is
    edit = {**NEED, "title": title, "deadline": (clock.today() + dt.timedelta(days=60)).isoformat()}
    assert client.post(f"/bisogni/{kept}/modifica", data=edit).status_code == 302
    assert 'name="keep_place"' not in client.get(f"/bisogni/{kept}/modifica").get_data(as_text=True)
    elsewhere = client.post(f"/bisogni/{kept}/modifica", data={**edit, "place": "Vercelli"})
    assert elsewhere.status_code == 422 and "ma il luogo è Vercelli (VC)" in elsewhere.get_data(as_text=True)
    # the text names the need's own comune, its province or region, or nothing: nothing to ask
    post_need(client, title="Volontari per il doposcuola a Biella", allow_duplicate="y")
    post_need(client, title="Volontari per il doposcuola della provincia di Biella", allow_duplicate="y")
    post_need(client, title="Volontari per il doposcuola in Piemonte", allow_duplicate="y")
    post_need(client, title="Volontari per il doposcuola", allow_duplicate="y")
    # a province or a region elsewhere is asked about as a comune is
    region = client.post("/bisogni/nuovo", data={"organisation": "org-avb", **NEED,
                                                 "title": "Volontari per il doposcuola in Liguria"})
    assert region.status_code == 422 and "Il testo nomina Liguria, ma il luogo è Biella (BI)" in region.get_data(
        as_text=True)
    english = client.post("/bisogni/nuovo?lang=en", data={"organisation": "org-avb", **NEED, "title": title})
    assert "The text names Torino (TO), but the place is Biella (BI)" in english.get_data(as_text=True)


def test_an_area_as_the_place_says_to_write_the_comune_or_the_province(graph, client, member):
    """"Salento" is three provinces, and the name of a comune in Campania: the place field, which
    takes a comune, a province or a region, says so rather than placing the need in Salento (SA)."""
    login(client, member)
    area = client.post("/bisogni/nuovo", data={"organisation": "org-avb", **NEED, "place": "Salento"})
    assert area.status_code == 422
    assert ("«Salento» è una zona, non un comune: scrivi il comune oppure la provincia (Provincia di Lecce, "
            "Provincia di Brindisi, Provincia di Taranto). Il comune con questo nome è «Salento (SA)»."
            in area.get_data(as_text=True).replace("&#171;", "«").replace("&#187;", "»"))
    assert 'value="Salento"' in area.get_data(as_text=True)  # kept
    comune = post_need(client, place="Salento (SA)", allow_duplicate="y")
    assert graph.read("MATCH (:Need {id: $id})-[:IN]->(t) RETURN t.name AS t", id=comune) == [{"t": "Salento"}]
    english = client.post("/bisogni/nuovo?lang=en", data={"organisation": "org-avb", **NEED, "place": "Valsesia"})
    assert ("“Valsesia” is an area, not a municipality: write the municipality or the province (Provincia di "
            "Vercelli).") in english.get_data(as_text=True)
    unknown = client.post("/bisogni/nuovo", data={"organisation": "org-avb", **NEED, "place": "Atlantide"})
    assert unknown.status_code == 422 and "Luogo non trovato: «Atlantide»" in unknown.get_data(as_text=True).replace(
        "&#171;", "«").replace("&#187;", "»")


def test_a_need_about_a_whole_province_or_region_keeps_it_through_the_edit_form(graph, client, member):
    """A need for the whole province ("Provincia di Biella") or region ("Piemonte"): the place
    field takes it, the edit form shows it as it was written, and saving the form unchanged
    keeps it (it used to fall back to the comune the text names, or the seat)."""
    login(client, member)
    for place, territory in (("Provincia di Biella", "provincia:096"), ("Piemonte", "regione:01")):
        need_id = post_need(client, place=place, allow_duplicate="y",
                            description="Cerchiamo volontari per consegnare la spesa agli anziani soli di Cossato.")
        assert graph.read("MATCH (:Need {id: $id})-[:IN]->(t) RETURN t.id AS t", id=need_id) == [{"t": territory}]
        form = client.get(f"/bisogni/{need_id}/modifica").get_data(as_text=True)
        assert f'value="{place}"' in form
        fields = dict(re.findall(r'name="([a-z_]+)"[^>]*value="([^"]*)"', form))
        saved = client.post(f"/bisogni/{need_id}/modifica", data={
            **NEED, "title": fields["title"], "place": fields["place"], "volunteers_needed": "5"})
        assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
        assert graph.read("MATCH (:Need {id: $id})-[:IN]->(t) RETURN t.id AS t", id=need_id) == [{"t": territory}]


def test_a_poster_asks_for_volunteers_from_all_of_italy_and_the_need_says_so_where_it_is_shown(graph, client, member):
    """Volunteers for a summer camp, who travel to it: the poster chooses "Da tutta Italia, anche
    per un aiuto sul posto"; the need keeps it through the edit form, its page and the public
    list say it."""
    login(client, member)
    need_id = post_need(client, title="Volontari per il campo estivo", helpers_within="italia", allow_duplicate="y")
    assert graph.read("MATCH (n:Need {id: $id}) RETURN n.helpers_within AS w", id=need_id) == [{"w": "italia"}]
    form = client.get(f"/bisogni/{need_id}/modifica").get_data(as_text=True)
    assert re.search(r'<option selected value="italia">|<option value="italia" selected>', form)
    page = html.unescape(client.get(f"/bisogni/{need_id}").get_data(as_text=True))
    assert "Da tutta Italia, anche per un aiuto sul posto" in page
    listed = html.unescape(client.get("/bisogni").get_data(as_text=True))
    assert "da tutta Italia, anche sul posto" in listed
    assert client.get(f"/api/v1/needs/{need_id}").get_json()["helpers_within"] == "italia"
    # for help given from afar it is what every need asks anyway: nothing is said of it
    remote = post_need(client, title="Consulenza legale per lo statuto", help_kind="competenze",
                       volunteers_needed=None, helpers_within="italia", allow_duplicate="y")
    assert "anche per un aiuto sul posto" not in html.unescape(client.get(f"/bisogni/{remote}").get_data(as_text=True))
    listed = html.unescape(client.get("/bisogni").get_data(as_text=True))
    assert listed.count("da tutta Italia, anche sul posto") == 1  # the camp's, not the advice's


def test_the_poster_is_told_when_a_need_posted_otherwise_names_a_place_outside_its_place(graph, app, client,
                                                                                         member):
    """A need written before the form asked, or by a client that confirmed nothing: the poster's
    page says where its suggestions look, and links the field; others see nothing."""
    login(client, member)

    def written(title: str, territory: str = "comune:096004") -> str:
        return needs_service.create(graph, member, "org-avb", needs_service.NeedInput(
            title=title, description=NEED["description"], help_kind="spazi", activity="a",
            deadline=clock.today() + dt.timedelta(days=30), territory=territory, publish=True,
            allow_duplicate=True))

    elsewhere = written("Volontari per il doposcuola a Torino")
    page = client.get(f"/bisogni/{elsewhere}").get_data(as_text=True)
    hint = page.split('id="place-hint">', 1)[1].split("</p>", 1)[0]
    assert "Il testo nomina Torino (TO), ma il luogo indicato è Biella (BI): i suggerimenti cercano lì vicino." in hint
    assert f'href="/bisogni/{elsewhere}/modifica#place"' in hint
    assert 'id="place-hint"' not in app.test_client().get(f"/bisogni/{elsewhere}").get_data(as_text=True)
    english = client.get(f"/bisogni/{elsewhere}?lang=en").get_data(as_text=True)
    assert "The text names Torino (TO), but the place given is Biella (BI): suggestions are sought near it." in english
    # the text names the need's own comune, one of its province, or none: nothing to say
    assert 'id="place-hint"' not in client.get(f"/bisogni/{written('Doposcuola a Biella')}").get_data(as_text=True)
    inside = written("Volontari per il doposcuola a Cossato", territory="provincia:096")  # the whole province
    assert 'id="place-hint"' not in client.get(f"/bisogni/{inside}").get_data(as_text=True)
    area = written("Volontari per il doposcuola nel Salento", territory="provincia:096")  # an area elsewhere
    assert ("Il testo nomina Salento, ma il luogo indicato è Provincia di Biella: i suggerimenti cercano lì "
            "vicino.") in client.get(f"/bisogni/{area}").get_data(as_text=True)
    assert 'id="place-hint"' not in client.get(f"/bisogni/{written('Doposcuola')}").get_data(as_text=True)


def test_a_person_without_organisation_is_told_to_register_one(graph, client):
    login(client, person(graph, name="Luca", email="luca@example.it"))
    page = client.get("/bisogni/nuovo").get_data(as_text=True)
    assert "Non fai parte di nessuna organizzazione" in page and "/organizzazioni/nuova" in page


def test_a_draft_is_visible_only_to_the_organisation(graph, client, member):
    login(client, member)
    need_id = post_need(client, publish=None, save_draft="1")
    assert status_of(graph, need_id) == "draft"
    mine = client.get("/bisogni/miei").get_data(as_text=True)
    assert "Volontari per la consegna della spesa" in mine and "Bozza" in mine

    outsider = client.application.test_client()
    assert outsider.get(f"/bisogni/{need_id}").status_code == 404
    assert "Volontari per la consegna della spesa" not in outsider.get("/bisogni").get_data(as_text=True)
    login(outsider, person(graph, name="Luca", email="luca@example.it"))
    assert outsider.get(f"/bisogni/{need_id}").status_code == 404
    assert outsider.get(f"/api/v1/needs/{need_id}").status_code == 404

    client.post(f"/bisogni/{need_id}/stato", data={"status": "open"})
    assert status_of(graph, need_id) == "open"
    assert outsider.get(f"/bisogni/{need_id}").status_code == 200


def test_outsiders_get_403_on_edit_and_on_transitions(graph, client, member):
    login(client, member)
    need_id = post_need(client)
    outsider = client.application.test_client()
    login(outsider, person(graph, name="Luca", email="luca@example.it"))
    refused = outsider.get(f"/bisogni/{need_id}/modifica")
    assert refused.status_code == 403
    assert "possono modificarlo" in refused.get_data(as_text=True)  # why, in the person's language
    refused = outsider.get(f"/bisogni/{need_id}/modifica?lang=en")
    assert "Only members of the organisation that posted the need can change it." in refused.get_data(as_text=True)
    assert outsider.post(f"/bisogni/{need_id}/modifica", data={**NEED, "title": "Preso"}).status_code == 403
    assert outsider.post(f"/bisogni/{need_id}/stato", data={"status": "closed"}).status_code == 403
    assert status_of(graph, need_id) == "open"
    assert "Modifica il bisogno" not in outsider.get(f"/bisogni/{need_id}").get_data(as_text=True)


def test_members_edit_a_need_with_the_same_form(graph, client, member):
    login(client, member)
    need_id = post_need(client)
    assert 'value="Volontari per la consegna della spesa"' in client.get(f"/bisogni/{need_id}/modifica").get_data(
        as_text=True)
    response = client.post(f"/bisogni/{need_id}/modifica", data={**NEED, "title": "Volontari per la spesa solidale",
                                                                 "publish": None})
    assert response.status_code == 302
    assert graph.read("MATCH (n:Need {id: $id}) RETURN n.title AS t, n.status AS s", id=need_id) == [
        {"t": "Volontari per la spesa solidale", "s": "open"}]


def test_the_need_page_says_what_each_move_does_and_asks_before_those_that_cannot_be_undone(graph, client, member):
    login(client, member)
    need_id = post_need(client, save_draft="y", publish=None)
    draft = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert ">Pubblica<" in draft and "Riapri il bisogno" not in draft
    client.post(f"/bisogni/{need_id}/stato", data={"status": "open"})
    client.post(f"/bisogni/{need_id}/stato", data={"status": "matched"})
    matched = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Riapri il bisogno" in matched and ">Pubblica<" not in matched  # back to open: not a publication
    assert "Non potrà tornare aperto." in matched  # "in progress" is asked for, like "closed"
    assert "Non potrà essere riaperto." in matched
    # "met" asks on a page of its own, which also asks who helped
    assert f'href="/bisogni/{need_id}/soddisfatto" id="mark-met">Segna come soddisfatto</a>' in matched

    # the address of a move, opened again (a reload, the language switch): the need's page
    assert client.get(f"/bisogni/{need_id}/stato").headers["Location"] == f"/bisogni/{need_id}"
    assert client.get(f"/bisogni/{need_id}/suggerimenti/s-1").headers["Location"] == f"/bisogni/{need_id}#s-s-1"


def test_dates_are_shown_as_days_in_the_language_of_the_page(graph, client, member):
    login(client, member)
    need_id = post_need(client, deadline="2027-03-04")
    assert "4 mar 2027" in client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "entro il 4 mar 2027" in client.get("/bisogni").get_data(as_text=True)
    client.get("/lingua/en")
    assert "Mar 4, 2027" in client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "2027-03-04" not in client.get("/bisogni").get_data(as_text=True)


def test_the_lifecycle_moves_forward_and_refuses_illegal_transitions(graph, client, member):
    login(client, member)
    need_id = post_need(client)
    for target in ("matched", "in_progress", "met"):
        client.post(f"/bisogni/{need_id}/stato", data={"status": target})
        assert status_of(graph, need_id) == target
    page = client.post(f"/bisogni/{need_id}/stato", data={"status": "open"}, follow_redirects=True)
    assert "non può passare allo stato" in page.get_data(as_text=True)
    assert status_of(graph, need_id) == "met"


def test_the_public_list_counts_needs_per_status_and_pages_by_20(graph, client, member):
    login(client, member)
    for i in range(21):
        post_need(client, title=f"Bisogno numero {i:02d}")
    first = client.get("/bisogni/miei")
    assert first.status_code == 200
    newest = post_need(client, title="Bisogno chiuso, il più recente")
    client.post(f"/bisogni/{newest}/stato", data={"status": "closed"})
    page = client.get("/bisogni").get_data(as_text=True)
    assert "Bisogno chiuso, il più recente" not in page  # the newest, but closed: after the 21 still open
    assert "22 bisogni trovati" in page and "Aperto · 21" in page and "Chiuso · 1" in page
    assert page.count('class="card shadow-sm mb-3 result"') == 20 and "page=2" in page
    second = client.get("/bisogni?page=2").get_data(as_text=True)
    assert second.count('class="card shadow-sm mb-3 result"') == 2
    assert "1 bisogno trovato" in client.get("/bisogni?status=closed").get_data(as_text=True)
    past_the_end = client.get("/bisogni?page=99&help_kind=volontari")  # the last page, filters kept
    assert past_the_end.status_code == 302 and past_the_end.headers["Location"] == "/bisogni?help_kind=volontari&page=2"
    assert client.get("/bisogni/miei?page=99").headers["Location"] == "/bisogni/miei?page=2"
    former = client.get("/bisogni/mine?status=open&page=2")  # the former address: the same list, for good
    assert former.status_code == 301 and former.headers["Location"] == "/bisogni/miei?status=open&page=2"


def test_a_need_is_the_model_of_a_new_one_for_its_own_organisation_only(graph, client, member):
    """A need that comes back (every summer): "Usa come modello" opens a new need's form with
    everything but the deadline; the need it started from does not change; nobody outside the
    organisation can use it so."""
    login(client, member)
    old = post_need(client, place="Provincia di Biella", in_person="y",
                    competencies=["gestione-volontari", "assistenza-anziani"])
    page = client.get(f"/bisogni/{old}").get_data(as_text=True)
    assert f'href="/bisogni/nuovo?modello={old}"' in page

    form = client.get(f"/bisogni/nuovo?modello={old}")
    assert form.status_code == 200
    html = form.get_data(as_text=True)
    assert 'id="need-model"' in html and "scegli la nuova scadenza" in html
    assert f'value="{NEED["title"]}"' in html and NEED["description"] in html
    assert 'value="Provincia di Biella"' in html
    for competency in ("gestione-volontari", "assistenza-anziani"):
        assert re.search(rf'<input[^>]*checked[^>]*value="{competency}"|<input[^>]*value="{competency}"[^>]*checked',
                         html), competency
    assert re.search(r'<input[^>]*name="in_person"[^>]*checked|<input[^>]*checked[^>]*name="in_person"', html)
    assert re.search(r'<option selected value="a">|<option value="a" selected>', html)
    deadline = re.search(r'<input[^>]*name="deadline"[^>]*>', html).group()
    assert 'value="' not in deadline or 'value=""' in deadline  # chosen again

    later = (clock.today() + dt.timedelta(days=60)).isoformat()
    new = post_need(client, place="Provincia di Biella", deadline=later, allow_duplicate="y")
    rows = graph.read("MATCH (n:Need)-[:IN]->(t) RETURN n.id AS id, n.deadline AS d, t.id AS t ORDER BY id")
    assert {(r["id"], str(r["d"]), r["t"]) for r in rows} == {(old, IN_A_MONTH, "provincia:096"),
                                                              (new, later, "provincia:096")}

    # the organisation's list offers it for a need that is over, not for an active one
    model_link = f'class="use-as-model" href="/bisogni/nuovo?modello={old}"'
    assert model_link not in client.get("/bisogni/miei").get_data(as_text=True)
    assert client.post(f"/bisogni/{old}/stato", data={"status": "closed"}).status_code == 302
    assert status_of(graph, old) == "closed"
    assert model_link in client.get("/bisogni/miei").get_data(as_text=True)

    seed(graph, [{"id": "org-other", "name": "Altra Associazione"}])
    luca = person(graph, "Luca Bianchi", "luca@example.it")
    organisations_repo.add_member(graph, luca.id, "org-other", "member")
    login(client, luca)
    refused = client.get(f"/bisogni/nuovo?modello={old}", follow_redirects=True).get_data(as_text=True)
    assert "possono usarlo come modello" in refused and NEED["description"] not in refused
    missing = client.get("/bisogni/nuovo?modello=nessuno").get_data(as_text=True)
    assert "Il bisogno da usare come modello non esiste più" in missing


def test_an_organisation_page_leads_to_all_its_needs_and_all_it_helped_to_meet_in_the_public_list(graph, client):
    """The organisation's page shows its newest 20 needs and the latest 20 it helped to meet;
    beyond, a link opens the public list filtered to them (drafts never), which says by what and
    lets the filter go, and keeps it through a search."""
    from graph.repositories import seeding

    seed(graph, [{"id": "org-a", "name": "Associazione Alfa"}, {"id": "org-b", "name": "Cooperativa Beta"}])
    rows = [{"id": f"n-{i:02d}", "organisation": "org-a", "territory": "comune:096004", "activity": "a",
             "competencies": [], "deadline": "2031-01-01", "created_at": f"2026-03-{1 + i:02d}T10:00:00Z",
             "props": {"title": f"Bisogno {'delle pulizie' if i % 2 else 'di volontari'} {i}",
                       "description": "Una descrizione del bisogno.", "help_kind": "volontari",
                       "status": "draft" if i == 0 else "met" if i < 24 else "open"}} for i in range(26)]
    seeding.create_rows(graph, "needs", rows)
    graph.write("MATCH (n:Need), (b:Organisation {id: 'org-b'}) WHERE n.status = 'met' CREATE (n)-[:MET_WITH]->(b)")

    alfa = client.get("/organizzazioni/org-a").get_data(as_text=True)
    assert alfa.count('<li><a href="/bisogni/n-') == 20
    assert '<a href="/bisogni?organisation=org-a" id="all-needs">Tutti i 25 bisogni pubblicati</a>' in alfa
    beta = client.get("/organizzazioni/org-b").get_data(as_text=True)
    assert '<a href="/bisogni?helped_by=org-b" id="all-helped">Tutti i 23 bisogni che ha aiutato a soddisfare' in beta

    posted = client.get("/bisogni?organisation=org-a").get_data(as_text=True)
    assert "25 bisogni trovati" in posted and "n-00" not in posted  # not the draft
    assert re.search(r'id="filter-organisation">Pubblicati da\s*<a href="/organizzazioni/org-a">Associazione Alfa</a>'
                     r'\s*· <a href="/bisogni">Togli questo filtro</a>', posted)
    assert '<input type="hidden" name="organisation" value="org-a">' in posted  # a search keeps it
    searched = client.get("/bisogni?organisation=org-a&q=pulizie").get_data(as_text=True)
    assert "13 bisogni trovati" in searched and 'id="filter-organisation"' in searched
    helped = html.unescape(client.get("/bisogni?helped_by=org-b&page=2").get_data(as_text=True))
    assert "23 bisogni trovati" in helped and "Soddisfatti con l'aiuto di" in helped
    assert 'href="/organizzazioni/org-b">Cooperativa Beta</a>' in helped
    assert client.get("/api/v1/needs?helped_by=org-b&status=open").get_json()["total"] == 0
    assert client.get("/api/v1/needs?organisation=org-a&status=open").get_json()["total"] == 2
    nobody = html.unescape(client.get("/bisogni?helped_by=org-nessuna").get_data(as_text=True))
    assert "0 bisogni trovati" in nobody and "un'organizzazione che non è nella directory" in nobody


def test_the_form_says_how_many_organisations_the_requirements_admit(graph, client, member):
    """Against the graph's own organisations, filtered here: the API's count for each combination
    of requirements, the poster's organisation left out; the form shows it when it comes back."""
    seed(graph, [
        {"id": "o-bi-v", "name": "Biella verificata", "verified": True},  # seat: Biella
        {"id": "o-bi", "name": "Biella non verificata"},
        {"id": "o-to-v", "name": "Torino verificata", "verified": True, "seat": "comune:001272"},
        {"id": "o-vc-works", "name": "Vercelli che opera a Biella", "seat": "comune:002158",
         "works_in": ["provincia:096"]},
        {"id": "o-rm", "name": "Roma", "seat": "comune:058091", "verified": True},
    ])
    graph.write("MATCH (o:Organisation) WHERE o.id IN ['o-bi-v', 'o-to-v', 'org-avb'] SET o.runts_section = 'b'")
    graph.write("MATCH (o:Organisation {id: 'org-avb'}) SET o.verified = true")
    facts = graph.read("MATCH (o:Organisation) RETURN o.id AS id, coalesce(o.verified, false) AS verified, "
                       "o.runts_section IS NOT NULL AS runts, o.area_ids AS areas")

    def expected(verified, runts, within):
        return sum(1 for f in facts if f["id"] != "org-avb" and (f["verified"] or not verified)
                   and (f["runts"] or not runts) and (within is None or within in f["areas"]))

    login(client, member)
    for verified in (False, True):
        for runts in (False, True):
            for within, area in ((None, None), ("provincia", "provincia:096"), ("regione", "regione:01")):
                body = client.get("/api/v1/needs/eligible", query_string={
                    "place": "Biella", "only_verified": str(verified).lower(), "only_runts": str(runts).lower(),
                    "helpers_within": within or "", "organisation": "org-avb"}).get_json()
                if not (verified or runts or within):
                    assert body == {"count": None, "message": None}
                    continue
                assert body["count"] == expected(verified, runts, area), (verified, runts, within)
    assert client.get("/api/v1/needs/eligible", query_string={"place": "Atlantide", "helpers_within": "provincia"}
                      ).get_json() == {"count": None, "message": None}
    wrong = client.get("/api/v1/needs/eligible", query_string={"only_verified": "forse", "helpers_within": "comune",
                                                               "help_kind": "abbracci", "in_person": "forse"})
    assert wrong.status_code == 400 and set(wrong.get_json()["error"]["fields"]) == {
        "only_verified", "helpers_within", "help_kind", "in_person"}

    # help given on site, no area chosen: only those of the place's region are suggested, and counted
    for kind, in_person, on_site in (("volontari", False, True), ("spazi", False, True), ("attrezzature", False, True),
                                     ("competenze", True, True), ("competenze", False, False),
                                     ("finanziamenti", False, False)):
        for verified in (False, True):
            body = client.get("/api/v1/needs/eligible", query_string={
                "place": "Biella", "only_verified": str(verified).lower(), "help_kind": kind,
                "in_person": str(in_person).lower(), "organisation": "org-avb"}).get_json()
            if not (on_site or verified):
                assert body == {"count": None, "message": None}
                continue
            assert body["count"] == expected(verified, False, "regione:01" if on_site else None), (kind, verified)
    on_site = client.get("/api/v1/needs/eligible", query_string={"place": "Biella", "help_kind": "volontari",
                                                                 "organisation": "org-avb"}).get_json()
    assert on_site["message"] == (f"L'aiuto si dà sul posto: possono aiutare {on_site['count']} organizzazioni con "
                                  "sede o attività in Piemonte.")
    nobody = client.get("/api/v1/needs/eligible", query_string={"place": "Lecce", "help_kind": "spazi"}).get_json()
    assert nobody == {"count": 0, "message": "L'aiuto si dà sul posto, e nessuna organizzazione della piattaforma ha "
                                             "sede o attività in Puglia: il bisogno non riceverebbe suggerimenti. "
                                             "Se l'aiuto può venire anche da fuori regione, scegli «Da tutta Italia, "
                                             "anche per un aiuto sul posto»."}
    province = client.get("/api/v1/needs/eligible", query_string={
        "place": "Biella", "help_kind": "volontari", "helpers_within": "provincia", "organisation": "org-avb"})
    assert province.get_json()["count"] == expected(False, False, "provincia:096")  # the area chosen
    # all of Italy asked even for help on site: every organisation meeting the requirements counts
    for place in ("Biella", "Lecce"):
        anywhere = client.get("/api/v1/needs/eligible", query_string={
            "place": place, "help_kind": "volontari", "helpers_within": "italia", "only_verified": "true",
            "organisation": "org-avb"}).get_json()
        assert anywhere["count"] == expected(True, False, None) > 0, place
    # ... and with no other requirement, the form says the widening it chose: all of them
    anywhere = client.get("/api/v1/needs/eligible", query_string={
        "place": "Lecce", "help_kind": "volontari", "helpers_within": "italia", "organisation": "org-avb"}).get_json()
    assert anywhere == {"count": expected(False, False, None), "message": (
        f"L'aiuto si dà sul posto e lo chiedi a tutta Italia: possono aiutare {expected(False, False, None)} "
        "organizzazioni della piattaforma.")}
    assert client.get("/api/v1/needs/eligible", query_string={  # help from afar: all of Italy anyway
        "place": "Lecce", "help_kind": "competenze", "helpers_within": "italia"}).get_json() == {
        "count": None, "message": None}

    # the form, back with an error, says it for what was chosen
    page = client.post("/bisogni/nuovo", data={**NEED, "organisation": "org-avb", "title": "",
                                                "only_verified": "y", "helpers_within": "provincia"})
    text = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 422
    assert "Con questi requisiti può aiutare 1 organizzazione della piattaforma." in text  # Biella verificata
    nobody = client.post("/bisogni/nuovo", data={**NEED, "organisation": "org-avb", "title": "", "only_runts": "y",
                                                  "only_verified": "y", "place": "Provincia di Roma",
                                                  "helpers_within": "provincia"})
    assert "Nessuna organizzazione della piattaforma soddisfa questi requisiti" in html.unescape(
        nobody.get_data(as_text=True))
