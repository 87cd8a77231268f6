"""Behind the project's nginx config, nothing that is a key leaks and no session can be
taken over (issue #21, items 3 and 4).

- After a journey with an upload and downloads, the proxy's logs hold no session id, no
  download id and no client address.
- A second client offering the patient's session id through the proxy gets a new, empty
  session. The same offer made straight to the app server (no proxy) does get the
  patient's session: that is the attack the proxy stops, and it shows this test can fail.
- With resumption refused, a dropped connection (nginx restarted under an open tab) loses
  nothing: the tab's own copy restores the answers into the new session.
- A WebSocket frame over the limit is refused before the server's memory grows by more
  than a few MB; the app's own largest message is far under the limit.
"""

from __future__ import annotations

import re
import time
import tomllib
from itertools import pairwise

import pytest
from bombs import ServerCost
from browser_driver import ROOT, Wizard
from patient_answers import PROVIDER, answer_step, assert_step_answers, start_from_saved_file
from ws_client import giant_frame, visit

from ui.steps import STEPS

pytestmark = pytest.mark.browser

SLUGS = [step.slug for step in STEPS]
FRAME_LIMIT = (
    tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxMessageSize"] * 10**6
)
UPLOAD = re.compile(r"/_stcore/upload_file/([^/?]+)/([^/?]+)")
MEDIA = re.compile(r"/media/([^/?]+)")
LOG_LINE = re.compile(r'^\S+ "[A-Z]+ (/[^/ "]{0,40}|-)" \d{3} \d+ [\d.]+$')


def test_the_logs_hold_no_key_and_the_session_cannot_be_taken_over(server, proxy, tls_context, tmp_path):
    page = tls_context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    frames: list[int] = []
    page.on(
        "websocket", lambda socket: socket.on("framereceived", lambda payload: frames.append(len(payload)))
    )

    # A returning patient: an upload (its URL holds the session id), a journey, downloads.
    wiz = Wizard(page, proxy.url)
    start_from_saved_file(wiz, tmp_path)
    wiz.go("start", "visit")
    for slug, after in pairwise(SLUGS[1:]):
        if slug == "concerns":
            answer_step(wiz, slug)
        wiz.next(slug, after)
    downloads = []
    for key in ("download.pdf", "download.html", "download_answers"):
        button = wiz.by_key(key).locator("button, a")
        if button.count():
            with page.expect_download() as event:
                button.first.click()
            downloads.append(event.value.url)
    assert downloads, "the print step offers downloads"

    sessions = {match.group(1) for url in requests if (match := UPLOAD.search(url))}
    files = {match.group(2) for url in requests if (match := UPLOAD.search(url))}
    media = {match.group(1) for url in [*requests, *downloads] if (match := MEDIA.search(url))}
    assert len(sessions) == 1 and files and media, (sessions, files, media)
    (session,) = sessions

    # 1. The logs: no session id, no file or download id, no client address; one shape.
    log = proxy.log()
    access = (proxy.folder / "access.log").read_text().splitlines()
    assert len(access) > 10 and any('"PUT /_stcore"' in line for line in access)
    assert any('"GET /media"' in line for line in access), access[-5:]
    for key in [session, *files, *media, "127.0.0.1"]:
        assert key not in log, f"{key} is in the proxy's log"
    odd = [line for line in access if not LOG_LINE.match(line)]
    assert not odd, odd[:3]

    # Chromium knows every feature the Permissions-Policy names (it logs each one it does not).
    assert not [line for line in console if "Unrecognized feature" in line], console

    # 2. The app's largest message, while a whole journey ran: far under the frame limit.
    assert max(frames) < FRAME_LIMIT / 4, f"largest message {max(frames):,} bytes"

    # 3. Through the proxy, offering the patient's session id gets a new, empty session.
    stranger = visit(proxy.url, ["streamlit", "xsrf", session], page="review")
    assert stranger.session_id and stranger.session_id != session
    assert not stranger.shows(PROVIDER.split(",")[0]) and not stranger.shows("partner stay in the room")
    # ... and the patient's tab still has its answers.
    assert PROVIDER in (page.evaluate("() => sessionStorage.getItem('kqp.answers')") or "")

    # 4. The control: straight to the app server, the same offer takes the patient's
    #    session with every answer (what the shipped config used to let anyone do).
    thief = visit(server.url, ["streamlit", "xsrf", session], page="review")
    assert thief.session_id == session
    assert thief.shows("partner stay in the room"), "the test's own check can see a takeover"


def test_a_dropped_connection_loses_nothing_when_resumption_is_refused(proxy, tls_context):
    page = tls_context.new_page()
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    wiz = Wizard(page, proxy.url).open()
    wiz.forward("welcome", "visit")
    answer_step(wiz, "visit")
    wiz.next("visit", "conditions")
    answer_step(wiz, "conditions")

    proxy.restart()  # every connection through nginx ends; the tab reconnects to a new session
    deadline = time.monotonic() + 60
    while len(sockets) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert len(sockets) >= 2, "the tab reconnected"
    page.wait_for_timeout(1000)
    # The next click runs in the new, empty session; the tab's own copy comes back into it.
    wiz.next("conditions", "health")
    wiz.back("health", "conditions")
    assert_step_answers(wiz, "conditions")
    wiz.back("conditions", "visit")
    assert_step_answers(wiz, "visit")


@pytest.mark.parametrize("through", ["proxy", "server"])
def test_a_frame_over_the_limit_is_refused_before_memory_grows(server, proxy, through):
    host, port, tls = (
        ("127.0.0.1", proxy.https_port, True) if through == "proxy" else ("127.0.0.1", server.port, False)
    )
    with ServerCost(server.process.pid) as cost:
        answer = giant_frame(host, port, tls=tls, declared=150_000_000, sent=32 * 1024 * 1024)
    # A close frame with 1009 (message too big), or the connection simply closed.
    assert answer == b"" or answer[:1] == b"\x88", answer[:20]
    if answer:
        assert int.from_bytes(answer[2:4], "big") == 1009, answer[:8]
    assert cost.memory < 8 * 1024 * 1024, f"the server grew {cost.memory / 1e6:.1f} MB"
    # ... and the server still serves the next patient.
    assert visit(server.url, ["streamlit"], page="").session_id
