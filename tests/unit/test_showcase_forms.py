"""The best-practice form's rules and the showcase's pure helpers (no database needed)."""

import pytest

from mentore import create_app
from mentore.reference.places import place_label, resolve_place
from mentore.services.showcase import decode_materials, encode_material, is_safe_url
from mentore.showcase.forms import BestPracticeForm
from tests.conftest import form_data, offline_config

VALID = {
    "title": "Trasporto sociale con volontari autisti",
    "problem": "Gli anziani soli delle frazioni non riuscivano a raggiungere le visite mediche.",
    "solution": "Turni di autisti volontari assicurati dal Comune, con un numero unico per prenotare.",
    "results": "", "activities": ["a", "c"], "territories": "Biella\nProvincia di Biella\nPiemonte",
    "organisations": "Associazione Volontariato Biellese\nComune di Biella",
    "materials-label": ["Regolamento", ""], "materials-url": ["https://avb.example.it/regolamento.pdf", ""],
    "community": "", "publish": "1",
}


@pytest.fixture()
def app():
    app = create_app(offline_config())
    with app.test_request_context():
        yield app


def form_with(**changes):
    data = form_data({**VALID, **changes})
    form = BestPracticeForm(formdata=data, meta={"csrf": False}, communities=[("com-1", "Anziani e fragilità")])
    form.validate()
    return form


def test_a_complete_best_practice_is_valid_and_resolves_places(app):
    form = form_with()
    assert form.errors == {}
    data = form.to_input()
    assert data.territories == ("comune:096004", "provincia:096", "regione:01")
    assert data.organisations == ("Associazione Volontariato Biellese", "Comune di Biella")
    assert data.materials == (("Regolamento", "https://avb.example.it/regolamento.pdf"),)
    assert data.activities == ("a", "c") and data.publish is True and data.community is None
    assert data.props()["materials"] == ["Regolamento\thttps://avb.example.it/regolamento.pdf"]


@pytest.mark.parametrize("field, message", [
    ("title", "Indica il titolo."), ("problem", "Descrivi il problema affrontato."),
    ("solution", "Descrivi la soluzione adottata."),
])
def test_required_texts_are_explained_in_italian(app, field, message):
    assert form_with(**{field: ""}).errors[field] == [message]


def test_at_least_one_activity_and_only_known_ones(app):
    assert form_with(activities=[]).errors["activities"] == ["Scegli almeno un'attività."]
    assert "activities" in form_with(activities=["zz"]).errors


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(document.cookie)", " javascript:alert(1)", "data:text/html,<b>x</b>",
    "vbscript:msgbox", "ftp://example.it/file", "/relativo/guida.pdf", "//example.it/guida", "https://",
    "https:///guida", "www.example.it", "https://exa mple.it", "https://example.it/\nx", "http://@evil",
])
def test_material_urls_must_be_absolute_http_or_https(app, url):
    assert not is_safe_url(url)
    form = form_with(**{"materials-label": ["Guida"], "materials-url": [url]})
    assert "http:// o https://" in form.errors["materials"][0] or "manca l'indirizzo" in form.errors["materials"][0]


@pytest.mark.parametrize("url", ["https://example.it/guida.pdf", "HTTP://example.it", "https://a.b/c?d=e&f=g#h"])
def test_http_and_https_urls_are_accepted(app, url):
    assert is_safe_url(url)
    assert "materials" not in form_with(**{"materials-label": ["Guida"], "materials-url": [url]}).errors


def test_a_material_needs_both_a_label_and_a_url(app):
    form = form_with(**{"materials-label": ["", "Modello"], "materials-url": ["https://example.it/a", ""]})
    message = form.errors["materials"][0]
    assert "Riga 1: manca il titolo del materiale." in message and "Riga 2: manca l'indirizzo." in message
    assert "materials" not in form_with(**{"materials-label": ["", ""], "materials-url": ["", ""]}).errors


def test_at_most_ten_materials(app):
    form = form_with(**{"materials-label": [f"Guida {i}" for i in range(11)],
                        "materials-url": [f"https://example.it/{i}" for i in range(11)]})
    assert form.errors["materials"] == ["Indica al massimo 10 materiali."]


def test_unknown_and_ambiguous_places_are_explained(app):
    message = form_with(territories="Atlantide\nCastro").errors["territories"][0]
    assert "Luogo non trovato: «Atlantide»" in message and "Castro (LE)" in message
    assert "territories" not in form_with(territories="").errors


def test_an_unknown_community_is_refused(app):
    assert form_with(community="nessuna").errors["community"] == ["Scelta non valida."]
    assert form_with(community="com-1").to_input().community == "com-1"


def test_places_are_written_back_in_a_form_that_resolves_to_themselves(app):
    for territory in ("comune:096004", "provincia:096", "regione:01", "regione:14"):
        assert resolve_place(place_label(territory)) == territory
    assert resolve_place("Molise") == "regione:14" and resolve_place("Regione Molise") == "regione:14"
    assert resolve_place("provincia di Lecce") == resolve_place("Provincia di Lecce")


def test_stored_materials_never_come_back_unsafe():
    stored = [encode_material("Guida\tcon tab", "https://example.it/g"), "Trappola\tjavascript:alert(1)", "rotto"]
    assert decode_materials(stored) == [{"label": "Guida con tab", "url": "https://example.it/g"}]
