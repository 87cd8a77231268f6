"""The real app in a real browser: one Streamlit server and one Chromium for the session.

Each test opens new tabs (``tab``, ``new_tab``), so a fresh Streamlit session with empty answers;
the tabs share this worker's contexts and so their cache, and are handed on wiped (``tab_pool``); a test that
needs a browser of its own takes ``context``.
Without Chromium the browser tests skip (and say how to get it); in CI (``CI`` set) a
missing Chromium is a failure, so a broken CI image cannot pass by skipping.

The suite runs on pytest-xdist workers by default (pyproject.toml: ``-n auto``). Session
fixtures belong to one worker, so each worker that gets a browser test starts its own
server on a free port and its own Chromium; a test that stops or restarts a server starts
its own (``start_server``, ``fresh_server``) and never touches the shared one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_driver import DESKTOP, AppServer, start_server
from helpers import CHROMIUM_ARGS, require_chromium
from nginx_proxy import Proxy, nginx_path, start_proxy
from playwright.sync_api import Page
from tab_pool import TabPool


@pytest.fixture(scope="session")
def chromium() -> str:
    return require_chromium("the browser tests")


@pytest.fixture(scope="session")
def log_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kqp-browser-") as name:
        yield Path(name)


@pytest.fixture(scope="session")
def server(chromium: str, log_dir: Path) -> Iterator[AppServer]:
    """The app server most tests share (each test still gets its own session)."""
    app = start_server(log_dir)
    yield app
    app.stop()


@pytest.fixture
def fresh_server(chromium: str, log_dir: Path) -> Iterator[AppServer]:
    """A brand-new server that has answered no HTTP request yet (its own port probe only)."""
    app = start_server(log_dir, untouched=True)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def browser(chromium: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser):
    """A fresh browser context: no cookies, no storage, no cache, a new Streamlit session.

    For a test that changes the context itself (its routes, its init scripts) or needs a
    browser that has never seen the app; a new tab (``new_tab``) does for the rest.
    """
    ctx = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    ctx.set_default_timeout(20_000)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def tab_pool(browser) -> Iterator[TabPool]:
    """This worker's browser contexts, one per set of options (screen, language), kept open
    with their idle tabs (``tests/browser/tab_pool.py``).

    A tab opened in one of them fetches Streamlit's script bundle from the context's cache
    after the first tab did, and a tab handed on skips a new renderer process: a fresh
    context makes the server send the bundle again, a fresh tab costs Chromium about as
    much again as the app's first page itself.
    """
    pool = TabPool(browser)
    yield pool
    pool.close()


@pytest.fixture
def new_tab(tab_pool: TabPool) -> Iterator[Callable[..., Page]]:
    """Open a new tab: its own Streamlit session, no ``sessionStorage`` (the answers' copy),
    no cookies or ``localStorage``, as a patient's new tab has; given back after the test.

    The options are ``browser.new_context``'s (``viewport``, ``locale``, a phone's ...); tabs
    with the same options share one context and so its cache, as tabs in one browser do,
    and a tab an earlier test gave back is handed on wiped (``TabPool``): the next test
    starts as a patient's first visit would, only with the script bundle already cached.
    """
    tabs: list[Page] = []

    def open_tab(**options: Any) -> Page:
        page = tab_pool.open(**{"viewport": DESKTOP, "accept_downloads": True, **options})
        tabs.append(page)
        return page

    yield open_tab
    tab_pool.give_back(tabs)


@pytest.fixture
def tab(new_tab: Callable[..., Page]) -> Page:
    """A new tab on a desktop screen (``new_tab`` with its defaults)."""
    return new_tab()


@pytest.fixture
def proxy(server, tmp_path: Path) -> Iterator[Proxy]:
    """The project's nginx config in front of the session's app server (CI must have nginx)."""
    nginx = nginx_path()
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set, so the proxy test must run: nginx is missing (apt-get install nginx)")
        pytest.skip("nginx not found: apt-get install nginx")
    running = start_proxy(nginx, server.port, tmp_path / "nginx")
    yield running
    running.stop()


@pytest.fixture
def tls_context(browser):
    """A fresh context that accepts the proxy's throwaway certificate."""
    ctx = browser.new_context(viewport=DESKTOP, accept_downloads=True, ignore_https_errors=True)
    ctx.set_default_timeout(20_000)
    yield ctx
    ctx.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, show the end of the app server's log beside the traceback."""
    report = yield
    if report.failed:
        for name in ("server", "fresh_server"):
            app = item.funcargs.get(name) if hasattr(item, "funcargs") else None
            if isinstance(app, AppServer):
                report.sections.append((f"streamlit log ({name})", app.log()[-6000:]))
    return report
