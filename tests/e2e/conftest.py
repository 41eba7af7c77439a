"""End-to-end fixtures: the real app served on 127.0.0.1 against the session's Neo4j, with the
demo data loaded, driven by Debian's headless Chromium through Playwright. Never a browser
download: if /usr/bin/chromium is missing, `make test` installs it, and a launch failure fails."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from mentore import create_app
from mentore.matcher import embedding
from mentore.services import matching, setup
from tests.conftest import app_config

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="session")
def live_app(neo4j_server) -> Flask:
    """The application the live server serves (its background jobs: ``jobs.jobs_of(live_app)``)."""
    return create_app(app_config(neo4j_server))


@pytest.fixture(scope="session")
def live_server(live_app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture()
def demo_graph(graph_session):
    """The demo data set with its text vectors, as `make run` loads it (a no-op when it is
    already there)."""
    setup.load_demo(graph_session)
    matching.embed_all(matching.Matcher(load_embedder=embedding.load), graph_session)
    return graph_session


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture()
def failed_requests(page: Page) -> list[str]:
    """Every answer of 400 or more the page received (missing CSS, fonts, scripts...)."""
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    return failed


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
