"""/api/v1/places: what the place fields suggest while a person types, and the pages' fields
that ask for it."""

from __future__ import annotations

import re


def test_places_are_suggested_as_the_fields_take_them_with_their_level(client):
    body = client.get("/api/v1/places", query_string={"q": "biel"}).get_json()
    assert [(i["name"], i["level"], i["level_label"]) for i in body["items"][:3]] == [
        ("Biella (BI)", "comune", "comune"), ("Provincia di Biella", "provincia", "provincia"),
        ("Biellese", "area", "zona")]
    assert body["items"][0]["ids"] == ["comune:096004"] and body["items"][2]["ids"] == ["provincia:096"]
    salento = client.get("/api/v1/places", query_string={"q": "Salento", "level": "area"}).get_json()["items"]
    assert salento == [{"name": "Salento", "level": "area", "level_label": "zona",
                        "ids": ["provincia:075", "provincia:074", "provincia:073"]}]
    only = client.get("/api/v1/places", query_string=[("q", "biel"), ("level", "comune"), ("limit", "3")])
    assert [i["level"] for i in only.get_json()["items"]] == ["comune"] * 3
    english = client.get("/api/v1/places", query_string={"q": "biel", "lang": "en"}).get_json()["items"]
    assert [i["level_label"] for i in english[:3]] == ["municipality", "province", "area"]
    assert client.get("/api/v1/places", query_string={"q": "b"}).get_json() == {"items": []}


def test_places_refuse_unknown_levels_and_bad_limits_on_their_parameter(client):
    for params, field in (({"q": "biel", "level": "quartiere"}, "level"), ({"q": "biel", "limit": "50"}, "limit"),
                          ({"q": "biel", "limit": "tanti"}, "limit"), ({"q": "b" * 101}, "q")):
        response = client.get("/api/v1/places", query_string=params)
        assert response.status_code == 400 and list(response.get_json()["error"]["fields"]) == [field], params


def test_the_place_fields_ask_for_suggestions_of_the_levels_they_take(client):
    page = client.get("/partner").get_data(as_text=True)
    assert re.search(r'<meta name="mentore-places" content="/api/v1/places">', page)
    assert 'data-places="comune provincia regione area"' in page and 'name="territory"' in page
    assert 'data-places="comune"' in client.get("/buone-pratiche").get_data(as_text=True)
