"""Driving the real app in Chromium the way a patient does, and waiting for Streamlit honestly.

Streamlit reruns the script after every interaction. The server tells the browser when a
run is over (a ``script_finished`` message on the WebSocket); the driver counts those, so
``rerun()`` waits for *this* action's run instead of sleeping and hoping, then waits for
``[data-testid=stApp]`` to show ``data-test-script-state=notRunning`` and lets the DOM
settle briefly (as Streamlit's own e2e ``wait_for_app_run`` does).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from ui.streamlit_internals import key_selector

# --- the app server and the browser --------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
"""A phone (a 6.1-inch one, as most patients' are), for ``new_tab(**PHONE)``: one definition,
so every phone test's tabs share one context and its cache."""
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process_group(process: subprocess.Popen) -> None:
    """Stop a server started in its own process group (SIGTERM, then SIGKILL after 10 s)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


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
        stop_process_group(self.process)


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


# --- the page -------------------------------------------------------------------------
APP = "[data-testid=stApp]"
IDLE = f"{APP}[data-test-script-state=notRunning]"
LOADING = "[data-testid=stSkeleton]"
"""Streamlit's stand-in for an element whose code is still loading."""
SETTLE_MS = 100
RUN_TIMEOUT_S = 20
SOCKET_TURN_MS = 250
"""How long a wait stays on one WebSocket before it looks again for the tab's newest."""
SETTLED = r"""async ([idle, loading, quietMs, timeoutMs]) => new Promise((resolve, reject) => {
  // Resolves once the app has shown no run in progress and no loading stand-in for quietMs
  // on end, as Streamlit's own e2e wait_for_app_run does; any change back starts it over.
  const settled = () => document.querySelector(idle) !== null && document.querySelector(loading) === null;
  let quiet = null;
  const finish = (done) => { observer.disconnect(); clearTimeout(quiet); clearTimeout(giveUp); done(); };
  const watch = () => {
    if (!settled()) { clearTimeout(quiet); quiet = null; }
    else if (quiet === null) quiet = setTimeout(() => finish(resolve), quietMs);
  };
  const observer = new MutationObserver(watch);
  const giveUp = setTimeout(() => finish(() => reject(new Error(`the app was still busy after ${timeoutMs} ms`))), timeoutMs);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  watch();
})"""
DONE = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


def step_url(slug: str) -> re.Pattern:
    """A step's address; the first step is the app's root."""
    return re.compile(r"/(welcome)?$" if slug == "welcome" else rf"/{slug}$")


FOCUSED = r"""() => {
  const el = document.activeElement;
  const box = el.closest('[class*="st-key-"]');
  const key = box ? [...box.classList].find((c) => c.startsWith('st-key-')).slice(7) : '';
  const rect = el.getBoundingClientRect();
  const shown = (rect.width <= 2 || rect.height <= 2) && el.closest('label') ? el.closest('label') : el;
  const style = getComputedStyle(shown);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return {tag: el.tagName.toLowerCase(), text: el.textContent.replace(/\s+/g, ' ').trim(),
          label: el.getAttribute('aria-label') || '', key, ring};
}"""


class Wizard:
    """One patient's tab on the app."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.runs_done = 0
        self.socket: WebSocket | None = None
        page.on("websocket", self._on_socket)

    def _on_socket(self, socket: WebSocket) -> None:
        self.socket = socket
        socket.on("framereceived", self._on_frame)

    def _on_frame(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "script_finished" and message.script_finished in DONE:
                self.runs_done += 1

    # --- waiting -----------------------------------------------------------------------
    def idle(self) -> None:
        """Wait until no script run is in progress and the step has stayed so for a moment.

        One call into the page (``SETTLED``), which watches the DOM itself, instead of a
        poll from here: each poll is a round trip through Playwright's driver and Chromium's
        browser process, and a journey waits hundreds of times.
        """
        self.page.evaluate(SETTLED, [IDLE, LOADING, SETTLE_MS, RUN_TIMEOUT_S * 1000])

    def wait_for_runs(self, count: int) -> None:
        """Wait until ``count`` script runs have finished in this tab, then until it is idle.

        The runs are counted from the WebSocket's frames (``_on_frame``); waiting for the
        socket's next frame lets them arrive without polling. A socket that closes (a reload,
        a restarted server) is followed to the tab's next one.
        """
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while self.runs_done < count:
            left_ms = (deadline - time.monotonic()) * 1000
            if left_ms <= 0:
                raise AssertionError(f"the app did not finish a run within {RUN_TIMEOUT_S} s")
            socket = self.socket
            if socket is None or socket.is_closed():
                self.page.wait_for_timeout(20)  # the tab has not opened its socket yet
                continue
            # _on_frame, listening first, has counted the frame when the predicate sees it.
            # The socket closed or the turn ran out: the loop decides which. A reload leaves
            # its old socket behind never reported closed, so the wait is in short turns: the
            # tab's next socket (``_on_socket``) is followed within one turn, not at the deadline.
            with suppress(PlaywrightError):
                socket.wait_for_event(
                    "framereceived", lambda _: self.runs_done >= count, timeout=min(left_ms, SOCKET_TURN_MS)
                )
        self.idle()

    @contextmanager
    def rerun(self) -> Iterator[None]:
        """Wrap an action that makes Streamlit rerun; return once that rerun has finished."""
        before = self.runs_done
        yield
        self.wait_for_runs(before + 1)

    def open(self, path: str = "") -> Wizard:
        self.page.goto(f"{self.base_url}/{path}")
        self.wait_for_runs(1)
        expect(self.main.locator("h2").first).to_be_visible()
        # The app's own CSS (contrast, focus rings) is drawn last, after the step: on a busy
        # machine the step can be on screen a moment before it. Wait for it.
        self.page.wait_for_selector(".st-key-a11y_page_script", state="attached")
        return self

    def reload(self, restores: bool = True) -> None:
        """Reload the tab, as a phone does with a discarded background tab: a new session.

        With ``restores``, also wait for the run in which the tab's own copy of the
        answers comes back (the tab sends it once the new session's first run is drawn).
        """
        before = self.runs_done
        self.page.reload()
        self.wait_for_runs(before + (2 if restores else 1))
        expect(self.main.locator("h2").first).to_be_visible()

    def focused(self) -> dict:
        """The focused element: tag, text, the key of its widget, whether it shows a ring."""
        return self.page.evaluate(FOCUSED)

    # --- where we are ------------------------------------------------------------------
    @property
    def main(self) -> Locator:
        return self.page.locator("[data-testid=stMain]")

    @property
    def sidebar(self) -> Locator:
        return self.page.locator("[data-testid=stSidebar]")

    def slug(self) -> str:
        return urlparse(self.page.url).path.strip("/") or "welcome"

    def heading(self) -> str:
        return self.main.locator("[data-testid=stHeading] h2").first.inner_text()

    def by_key(self, key: str) -> Locator:
        return self.page.locator(key_selector(key))

    # --- moving ------------------------------------------------------------------------
    def go(self, button_key: str, to_slug: str, press: Callable[[Locator], None] | None = None) -> None:
        """Press a navigation button and wait until the next step is shown."""
        button = self.by_key(button_key).locator("button")
        with self.rerun():
            (press or (lambda b: b.click()))(button)
        expect(self.page).to_have_url(step_url(to_slug))

    def next(self, from_slug: str, to_slug: str) -> None:
        self.go(f"next_{from_slug}", to_slug)

    def back(self, from_slug: str, to_slug: str) -> None:
        self.go(f"back_{from_slug}", to_slug)

    # --- answering with the mouse -------------------------------------------------------
    def checkbox(self, key: str) -> Locator:
        return self.by_key(key).locator("input[type=checkbox]")

    def tick(self, key: str) -> None:
        box = self.checkbox(key)
        if box.is_checked():
            return
        with self.rerun():
            self.by_key(key).locator("label").first.click()
        expect(box).to_be_checked()

    def choose(self, key: str, label: str) -> None:
        option = self.radio_option(key, label)
        with self.rerun():
            option.click()
        expect(option.locator("input")).to_be_checked()

    def radio_option(self, key: str, label: str) -> Locator:
        exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
        return self.by_key(key).locator("[data-testid=stRadioOption]").filter(has_text=exact)

    def chosen(self, key: str) -> str | None:
        """The label of the checked radio option in the DOM (None if none)."""
        options = self.by_key(key).locator("[data-testid=stRadioOption]")
        for index in range(options.count()):
            if options.nth(index).locator("input").is_checked():
                return options.nth(index).inner_text().strip()
        return None

    def type_text(self, key: str, value: str) -> None:
        """Type into a text_input (Enter sends it) or a text_area (Ctrl+Enter sends it)."""
        box = self.by_key(key).locator("input[type=text], textarea").first
        box.fill(value)
        submit = "Control+Enter" if box.evaluate("e => e.tagName") == "TEXTAREA" else "Enter"
        with self.rerun():
            box.press(submit)

    def text_value(self, key: str) -> str:
        return self.by_key(key).locator("input[type=text], textarea").first.input_value()

    # --- the review step ----------------------------------------------------------------
    CARDS = """[...document.querySelectorAll('[class*="st-key-_w_top-"]')].map((box) => ({
        key: [...box.classList].find((c) => c.startsWith('st-key-')).slice(7),
        text: box.closest('[data-testid=stHorizontalBlock]').closest('[data-testid=stVerticalBlock]')
                 .querySelector('strong').innerText,
    }))"""

    def question_cards(self) -> list[dict]:
        """The question cards on "Your questions" in order: their "Ask first" key and bold text."""
        return self.page.evaluate(f"() => {self.CARDS}")

    def question_texts(self) -> list[str]:
        """The questions on "Your questions", in the order shown."""
        return [card["text"] for card in self.question_cards()]

    def nav_link(self, title: str) -> Locator:
        return self.sidebar.locator("[data-testid=stSidebarNavLink]").filter(has_text=title)

    def jump(self, title: str, to_slug: str) -> None:
        """Open a step from the sidebar's step list (same session)."""
        with self.rerun():
            self.nav_link(title).click()
        expect(self.page).to_have_url(step_url(to_slug))

    # --- whole-wizard helpers -------------------------------------------------------------
    def forward(self, slug: str, to_slug: str) -> None:
        """Next from ``slug`` (the Welcome step's forward button is "Start")."""
        self.go("start" if slug == "welcome" else f"next_{slug}", to_slug)

    def load_saved_file(self, path: Path) -> None:
        """On the Welcome step: choose a saved answers file in the upload box."""
        with self.rerun():
            self.page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(path)
        expect(self.main.locator("[data-testid=stAlertContentSuccess]")).to_be_visible()

    def open_expanders(self) -> None:
        """Unfold every closed expander on the step (they open in the browser, no rerun)."""
        closed = "[data-testid=stExpander] details:not([open]) > summary"
        self.main.evaluate(f"(main) => main.querySelectorAll('{closed}').forEach((s) => s.click())")
        expect(self.main.locator(closed)).to_have_count(0)
        self.page.wait_for_timeout(SETTLE_MS)
