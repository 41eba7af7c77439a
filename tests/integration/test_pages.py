"""Pages and JSON endpoints served from the real graph."""

from graph.repositories import seeding


def _organisation(i: int, kind: str, seat: str = "comune:096004") -> dict:
    return {"id": f"org-{i}", "seat": seat, "works_in": [], "activities": ["a"], "competencies": [],
            "created_at": "2026-01-10T09:00:00Z",
            "props": {"name": f"Ente {i}", "kind": kind, "codice_fiscale": f"9000000000{i}"}}


def test_home_shows_live_counts_from_the_graph(graph, client):
    rows = [_organisation(1, "ETS"), _organisation(2, "ETS"), _organisation(3, "PUBLIC_BODY", "comune:058091")]
    seeding.create_rows(graph, "organisations", rows)
    page = client.get("/").get_data(as_text=True)
    assert 'data-count="ets"' in page
    stats = client.get("/api/v1/stats").get_json()
    assert (stats["ets"], stats["public_bodies"]) == (2, 1)
    assert stats["regions_covered"] == 2  # Piemonte (Biella) and Lazio (Roma)
    assert stats["comuni_covered"] == 2


def test_home_counts_change_when_the_graph_changes(graph, client):
    before = client.get("/api/v1/stats").get_json()["ets"]
    seeding.create_rows(graph, "organisations", [_organisation(7, "ETS")])
    assert client.get("/api/v1/stats").get_json()["ets"] == before + 1


def test_healthz_reports_ok_with_neo4j_latency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["neo4j"] == "ok"
    assert body["neo4j_ms"] >= 0


def test_home_is_italian_by_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="it">' in page
    assert "La piattaforma in numeri" in page


def test_public_lists_ignore_a_bad_filter_say_so_and_offer_to_clear_them(graph, client):
    for url, name, english_name in (("/organizzazioni?activity=zzz&q=anziani", "Attività", "Activity"),
                                    ("/bisogni?activity=zzz&q=anziani", "Attività", "Activity"),
                                    ("/buone-pratiche?territory=zzz&q=anziani", "Territorio", "Area")):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, url
        # each message names the filter it is about
        assert "sono stati ignorati:" in page and f"<strong>{name}</strong>: Valore non valido: zzz." in page, url
        assert "Togli tutti i filtri" in page, url
        english = client.get(url + "&lang=en&page=x").get_data(as_text=True)
        assert f"<strong>{english_name}</strong>: Invalid value: zzz." in english, url
        assert "<strong>Page</strong>: Must be a whole number." in english, url
