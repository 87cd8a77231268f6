"""The real app in a real browser: one Streamlit server and one Chromium for the session.

Each test gets a fresh browser context, so a fresh Streamlit session with empty answers.
Without Chromium the browser tests skip (and say how to get it); in CI (``CI`` set) a
missing Chromium is a failure, so a broken CI image cannot pass by skipping.

Safe under pytest-xdist (``python -m pytest -n 2``): session fixtures belong to one worker,
so each worker starts its own server on a free port and its own Chromium.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOW_TO_GET_CHROMIUM = (
    "Chromium not found on PATH: the browser tests need it. Install it with "
    "`apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM=/path/to/chromium."
)
DESKTOP = {"width": 1280, "height": 900}
STARTUP_SECONDS = 60


def chromium_path() -> str | None:
    """The system Chromium (``playwright install`` cannot download browsers here)."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    """``streamlit run app.py`` from the repository root, so the project's config applies."""

    port: int
    log_path: Path
    process: subprocess.Popen = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def start_server(
    log_dir: Path, *, untouched: bool = False, port: int | None = None, env: dict[str, str] | None = None
) -> AppServer:
    """Start the app on a free port and wait until ``/_stcore/health`` says ``ok``.

    ``untouched``: wait for the port to accept connections instead, so that the test's own
    first HTTP request is the server's very first one. ``port``: reuse a port (a restart).
    ``env``: extra environment variables (a clinic file, for the clinic edition).
    """
    port = port or free_port()
    log_path = log_dir / f"streamlit-{port}.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        # Others edit files while the suite runs; the tests need no reload on save.
        "--server.fileWatcherType",
        "none",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
    server = AppServer(port, log_path, process)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode} before it was healthy:\n{server.log()}")
        try:
            if untouched:
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    return server
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return server
        except OSError:
            pass
        time.sleep(0.1)
    server.stop()
    pytest.fail(f"streamlit was not healthy after {STARTUP_SECONDS} s:\n{server.log()}")


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the browser tests must run. {HOW_TO_GET_CHROMIUM}")
        pytest.skip(HOW_TO_GET_CHROMIUM)
    return path


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
    """A fresh browser context: no cookies, no storage, a new Streamlit session."""
    ctx = browser.new_context(viewport=DESKTOP, accept_downloads=True)
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
