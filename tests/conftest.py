"""Shared fixtures. Integration and end-to-end tests use a real Neo4j Community server that this
test session starts itself (own home folder var/neo4j/test, own free port, fresh store and
password) and stops at the end. If it cannot start, the session fails: nothing is skipped."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from graph import DriverSettings, Graph, connect, server
from mentore import create_app
from mentore.services import setup

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"

# What survives between tests: the reference data loaded once per session.
CLEAN_GRAPH = """
MATCH (n)
WHERE NOT (n:Territory OR n:Activity OR (n:Competency AND n.curated) OR (n:Dataset AND n.name = 'reference'))
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""


def _remove_abandoned_homes(lib: Path) -> None:
    """Homes of test sessions that died without cleaning up (their pid is gone)."""
    for home in (VAR / "neo4j").glob("test-*"):
        owner = home.name.removeprefix("test-")
        if owner.isdigit() and not Path(f"/proc/{owner}").exists():
            server.stop(server.Instance(home=home, lib=lib, port=0, password="-" * 8))
            shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[server.Instance]:
    lib = VAR / "neo4j" / f"lib-{server.NEO4J_VERSION}"
    server.install(lib, quiet=True)
    _remove_abandoned_homes(lib)
    # One home per test session: two sessions on one machine never share (or reset) a server.
    with server.throwaway(VAR / "neo4j" / f"test-{os.getpid()}", lib, heap="512m", pagecache="128m") as instance:
        yield instance


@pytest.fixture(scope="session")
def graph_session(neo4j_server: server.Instance) -> Iterator[Graph]:
    graph = connect(DriverSettings(neo4j_server.uri, "neo4j", neo4j_server.password))
    setup.apply_schema(graph)
    setup.load_reference(graph)
    yield graph
    graph.close()


def empty_graph(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run(CLEAN_GRAPH).consume()  # CALL {} IN TRANSACTIONS needs an auto-commit run


@pytest.fixture()
def graph(graph_session: Graph) -> Graph:
    """The session's graph, emptied of everything but the reference data before the test."""
    empty_graph(graph_session)
    return graph_session


def app_config(instance: server.Instance, **extra) -> dict:
    return {"CONFIG": "testing", "NEO4J_URI": instance.uri, "NEO4J_PASSWORD": instance.password, **extra}


def offline_config(**extra) -> dict:
    """An app whose Neo4j is a free port nobody listens on: for tests of forms, mail and pages
    that need no graph, or of the site's behaviour when the graph is down."""
    return {"CONFIG": "testing", "NEO4J_URI": f"bolt://127.0.0.1:{server.free_port()}",
            "NEO4J_PASSWORD": "unused-password", **extra}


def form_data(values: dict) -> MultiDict:
    """Submitted form data: a list value is a multiple field, None leaves the field out."""
    data = MultiDict()
    for key, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                data.add(key, item)
    return data


@pytest.fixture()
def app(neo4j_server: server.Instance, graph: Graph):
    return create_app(app_config(neo4j_server))


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(autouse=True)
def _jobs_finish_within_the_test(request):
    """Background jobs a test queued (suggestions refreshed after a change) finish before the
    next test empties the graph: they never write into another test's data."""
    app = request.getfixturevalue("app") if "app" in request.fixturenames else None
    yield
    if app is not None:
        from mentore.jobs import jobs_of

        jobs_of(app).drain()


def pytest_collection_modifyitems(items) -> None:
    """Mark tests by layer from their folder, so `-m integration` or `-m e2e` select a layer."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        for layer in ("integration", "e2e"):
            if layer in parts:
                item.add_marker(getattr(pytest.mark, layer))
