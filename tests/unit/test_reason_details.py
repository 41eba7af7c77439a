"""What each reason of a suggestion is about, as the pages say it (mentore.templating.reason_detail)."""

import pytest

from mentore import create_app
from mentore.templating import reason_detail
from tests.conftest import offline_config


@pytest.fixture(scope="module")
def app():
    return create_app(offline_config())


def test_known_partners_are_named_only_when_the_page_knows_their_names(app):
    reason = {"feature": "co_work", "detail": ["org-a", "org-b", "org-gone"]}
    with app.test_request_context("/"):
        assert reason_detail(reason, {"org-a": "Alfa ODV", "org-b": "Beta APS"}) == "Alfa ODV, Beta APS"
        assert reason_detail(reason) == ""  # the need page has no known partners: no raw ids


def test_territory_competencies_and_activities_in_the_language_of_the_page(app):
    with app.test_request_context("/?lang=en"):
        assert reason_detail({"feature": "territory", "detail": ["provincia"]}) == "same province"
        assert reason_detail({"feature": "activity_overlap", "detail": ["a"]}) == "a) Social services"
    with app.test_request_context("/"):
        assert reason_detail({"feature": "territory", "detail": ["regione"]}) == "stessa regione"
        assert reason_detail({"feature": "popularity"}) == ""


def test_an_organisation_named_by_the_text_is_told_by_which_words(app):
    reason = {"feature": "named_in_text", "detail": ["Polisportiva", "Giovani"]}
    with app.test_request_context("/"):
        assert reason_detail(reason) == "dice «Polisportiva Giovani»"
        assert reason_detail({"feature": "named_in_text"}) == ""
    with app.test_request_context("/?lang=en"):
        assert reason_detail(reason) == "it says “Polisportiva Giovani”"


def test_the_page_and_the_downloaded_list_say_the_same_when_no_reason_has_a_weight(app):
    from flask import render_template_string

    from mentore.templating import reasons_as_text

    macro = '{% from "_reasons.html" import reasons %}{{ reasons(items) }}'
    for lang, expected in (("it", "Nessun motivo particolare: è tra le organizzazioni più vicine al testo."),
                           ("en", "No particular reason: it is among the organisations closest to the text.")):
        with app.test_request_context(f"/?lang={lang}"):
            for items in ([], [{"feature": "popularity", "label": "Molto attiva nei partenariati", "contribution": 0}]):
                assert reasons_as_text(items) == expected
                assert expected in render_template_string(macro, items=items).replace("&#39;", "'")
        with app.test_request_context(f"/?lang={lang}"):
            shown = render_template_string(macro, items=[{"feature": "popularity", "label": "Molto attiva nei "
                                                          "partenariati", "contribution": 0.5}])
            assert expected not in shown and "100%" in shown


def test_past_work_is_named_by_its_title_and_year_and_a_presentation_as_such(app):
    work = {"id": "p1", "kind": "partnership", "title": "Orti in città", "year": 2023}
    with app.test_request_context("/"):
        assert reason_detail({"feature": "similar_work", "work": work}) == "«Orti in città», 2023"
        assert reason_detail({"feature": "led_similar_work", "work": {**work, "kind": "need", "year": None}}) \
            == "«Orti in città»"
        assert reason_detail({"feature": "best_lexical", "detail": ["profile"]}) == "nella sua presentazione"
        assert reason_detail({"feature": "similar_work", "work": "p1"}) == ""  # an id not named: nothing
    with app.test_request_context("/?lang=en"):
        assert reason_detail({"feature": "similar_work", "work": work}) == "“Orti in città”, 2023"
        assert reason_detail({"feature": "best_lexical", "detail": ["profile"]}) == "in its presentation"


def test_the_partners_worked_with_are_named_with_the_partnership_closest_to_the_text(app):
    reason = {"feature": "co_work", "detail": ["org-a", "org-b"],
              "work": {"id": "p1", "kind": "partnership", "title": "Orti in città", "year": 2023}}
    names = {"org-a": "Alfa ODV", "org-b": "Beta APS"}
    with app.test_request_context("/"):
        assert reason_detail(reason, names) == "Alfa ODV, Beta APS (per esempio in «Orti in città», 2023)"
        assert reason_detail({**reason, "work": None}, names) == "Alfa ODV, Beta APS"
    with app.test_request_context("/?lang=en"):
        assert reason_detail(reason, names) == "Alfa ODV, Beta APS (for example in “Orti in città”, 2023)"


def test_the_counts_behind_activity_and_answers_are_said_in_full(app):
    with app.test_request_context("/"):
        assert reason_detail({"feature": "popularity", "detail": ["12"]}) == "12 partenariati"
        assert reason_detail({"feature": "popularity", "detail": ["1"]}) == "1 partenariato"
        assert reason_detail({"feature": "lead_share", "detail": ["3", "5"]}) == "capofila in 3 su 5 partenariati"
        assert reason_detail({"feature": "responsiveness", "detail": ["4", "6"]}) == "ha risposto a 4 su 6 proposte"
        assert reason_detail({"feature": "same_programme", "detail": ["2"]}) == "2 partenariati"
        assert reason_detail({"feature": "popularity", "detail": ["tanti"]}) == ""  # not a count: nothing
    with app.test_request_context("/?lang=en"):
        assert reason_detail({"feature": "lead_share", "detail": ["1", "1"]}) == "lead in 1 of 1 partnership"
        assert reason_detail({"feature": "responsiveness", "detail": ["0", "2"]}) == "answered 0 of 2 proposals"


def test_an_organisation_s_page_says_the_partner_reasons_of_the_organisation_itself(app):
    from flask import render_template_string

    from mentore.templating import ABOUT_ITSELF

    items = [{"feature": "consortium_similarity", "label": "Lavora sugli stessi temi dei partner indicati",
              "contribution": 0.3, "detail": ["org-a"]},
             {"feature": "territory", "label": "Opera nello stesso territorio", "contribution": 0.2,
              "detail": ["comune"]}]
    macro = '{% from "_reasons.html" import reasons %}{{ reasons(items, labels=labels) }}'
    with app.test_request_context("/?lang=en"):
        page = render_template_string(macro, items=items, labels=ABOUT_ITSELF)
        assert "Works on the same topics as this organisation</span>" in page and "org-a" not in page
        assert "Works in the same area" in page and "same municipality" in page  # the others as they are
        assert "the partners already in" in render_template_string(macro, items=items, labels=None)
        # the text is the organisation's presentation: it is that which names the candidate
        named = [{"feature": "named_in_text", "label": "Il testo la nomina", "contribution": 0.2,
                  "detail": ["Colibrì"]}]
        assert "This organisation's presentation names it</span>" in render_template_string(
            macro, items=named, labels=ABOUT_ITSELF)


def test_a_link_in_the_poster_s_network_names_the_partners_it_goes_through_or_says_it_is_direct(app):
    work = {"id": "p1", "kind": "partnership", "title": "Orti in città", "year": 2023}
    through = {"feature": "poster_network", "detail": ["org-a", "org-gone"], "via": {"org-a": "Alfa ODV"},
               "work": work}
    direct = {"feature": "poster_network", "work": work}
    met = {"feature": "poster_network",
           "work": {"id": "n1", "kind": "need", "title": "Spesa a domicilio", "year": 2026}}
    with app.test_request_context("/"):
        assert reason_detail(through) == "tramite Alfa ODV (per esempio in «Orti in città», 2023)"
        assert reason_detail({**through, "work": None}) == "tramite Alfa ODV"
        assert reason_detail({**through, "via": {}}) == "«Orti in città», 2023"  # the partners since deleted
        assert reason_detail(direct) == "direttamente, per esempio in «Orti in città», 2023"
        assert reason_detail({"feature": "poster_network"}) == "direttamente"
        assert reason_detail(met) == "direttamente, per esempio per il bisogno «Spesa a domicilio», 2026"
    with app.test_request_context("/?lang=en"):
        assert reason_detail(through) == "through Alfa ODV (for example in “Orti in città”, 2023)"
        assert reason_detail(direct) == "directly, for example in “Orti in città”, 2023"
        assert reason_detail(met) == "directly, for example for the need “Spesa a domicilio”, 2026"
