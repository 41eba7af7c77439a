"""Neo4j stops while the app runs: 503 pages and JSON errors; when it is back, the app recovers
by itself, with the same app object (no restart)."""

import time

import pytest

from graph import server
from graph.errors import GraphUnavailable


def test_app_answers_503_while_neo4j_is_down_and_recovers_by_itself(neo4j_server, client):
    assert client.get("/").status_code == 200  # the driver's pool now holds live connections
    server.stop(neo4j_server)
    try:
        page = client.get("/")
        assert page.status_code == 503
        assert "Servizio momentaneamente non disponibile" in page.get_data(as_text=True)
        api = client.get("/api/v1/stats")
        assert api.status_code == 503 and api.get_json()["error"]["status"] == 503
        health = client.get("/healthz")
        assert health.status_code == 503 and health.get_json()["neo4j"] == "unavailable"
        assert client.get("/chi-siamo").status_code == 200  # pages without data still work
    finally:
        server.start(neo4j_server)
        server.wait_ready(neo4j_server, timeout=120)
    deadline = time.monotonic() + 30
    status = None
    while time.monotonic() < deadline:
        status = client.get("/").status_code
        if status == 200:
            break
        time.sleep(0.5)
    assert status == 200, "the app did not recover after Neo4j came back"
    assert client.get("/healthz").get_json()["status"] == "ok"
    assert client.get("/api/v1/stats").status_code == 200


def test_a_read_at_once_fails_clearly_while_neo4j_is_down_and_reads_again_when_it_is_back(neo4j_server, graph):
    """The matcher's reads are auto-commit reads (Graph.read_at_once), not retried: while the
    server is down they fail at once with GraphUnavailable; when it is back they read again,
    though the pool kept connections from before."""
    three = "UNWIND range(1, 3) AS i RETURN collect(i) AS rows"
    assert graph.read_collected(three) == [1, 2, 3]  # the pool now holds a live connection
    server.stop(neo4j_server)
    try:
        with pytest.raises(GraphUnavailable):
            graph.read_collected(three)
        with pytest.raises(GraphUnavailable):
            graph.read_at_once("RETURN 1 AS ok")
    finally:
        server.start(neo4j_server)
        server.wait_ready(neo4j_server, timeout=120)
    assert graph.read_collected(three) == [1, 2, 3]
    assert graph.read_at_once("RETURN 1 AS ok") == [{"ok": 1}]
