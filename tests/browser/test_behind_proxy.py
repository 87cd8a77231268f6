"""The app behind the project's own nginx config: one journey, every header, no CSP breakage.

Streamlit cannot send a Content-Security-Policy, frame-ancestors, nosniff and the rest, so
deploy/nginx/question-prep.conf does. Here it runs for real on loopback (TLS with a
throwaway certificate) in front of a real server, and a patient walks one journey
through it in Chromium: the WebSocket works, the PDF downloads, and the browser reports
no Content-Security-Policy violation anywhere (a policy too tight for Streamlit would
show up here first).
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from browser_driver import Wizard
from nginx_proxy import fetch
from patient_answers import PROVIDER, answer_step, start_from_saved_file
from pypdf import PdfReader

from ui.steps import STEPS

pytestmark = pytest.mark.browser

SLUGS = [step.slug for step in STEPS]
EVERY_RESPONSE = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "strict-transport-security": "max-age=31536000; includeSubDomains",
}
CSP_WATCH = """() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
  });
}"""


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_security_headers(headers: dict[str, str], where: str) -> None:
    for name, value in EVERY_RESPONSE.items():
        assert headers.get(name) == value, f"{where}: {name} is {headers.get(name)!r}"
    csp = csp_directives(headers.get("content-security-policy", ""))
    assert csp.get("default-src") == ["'self'"], f"{where}: {headers.get('content-security-policy')}"
    assert csp.get("frame-ancestors") == ["'none'"], where
    assert csp.get("object-src") == ["'none'"], where
    for directive, sources in csp.items():
        foreign = [s for s in sources if re.match(r"^(https?:|wss?:|\*|'unsafe-eval')", s)]
        assert not foreign, f"{where}: {directive} allows {foreign}"
    assert "'unsafe-inline'" not in csp.get("script-src", []), where
    permissions = headers.get("permissions-policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions, f"{where}: Permissions-Policy lacks {feature}"
    assert "server" not in headers or not re.search(r"\d", headers["server"]), "nginx version shown"


def test_a_journey_through_nginx_with_every_header(proxy, tls_context, tmp_path):
    console: list[str] = []
    page = tls_context.new_page()
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(f"({CSP_WATCH})()")
    responses: dict[str, dict[str, str]] = {}
    # blob: URLs never leave the tab (Streamlit loads the app's tab script from one).
    page.on(
        "response",
        lambda response: (
            None
            if response.url.startswith("blob:")
            else responses.setdefault(response.url, response.all_headers())
        ),
    )
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))

    # Continue from a saved file (an upload through the proxy: Streamlit's XSRF check must
    # pass), answer one step by hand, and walk to the end.
    wiz = Wizard(page, proxy.url)
    start_from_saved_file(wiz, tmp_path)
    wiz.go("start", "visit")
    for slug, after in pairwise(SLUGS[1:]):
        if slug == "concerns":
            answer_step(wiz, slug)
        wiz.next(slug, after)
    assert wiz.slug() == "print"

    # The WebSocket went through the proxy, encrypted, and carried every step's run.
    assert sockets and all(url.startswith(f"wss://{proxy.host}/_stcore/stream") for url in sockets), sockets
    assert wiz.runs_done >= len(SLUGS)

    with page.expect_download() as event:
        wiz.by_key("download.pdf").locator("button").click()
    pdf = tmp_path / event.value.suggested_filename
    event.value.save_as(pdf)
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())
    assert PROVIDER in text

    # Every response the page loaded carried the headers (the page, scripts, styles, fonts).
    assert all(url.startswith(proxy.url) for url in responses), "a request left the proxy's origin"
    assert len(responses) > 5
    for url, headers in responses.items():
        assert_security_headers(headers, url)

    # The downloaded PDF is never cached.
    status, headers, body = fetch(event.value.url)
    assert status == 200 and body.startswith(b"%PDF")
    assert headers.get("cache-control") == "no-store", headers.get("cache-control")
    assert_security_headers(headers, "/media")

    violations = page.evaluate("() => window.__cspViolations")
    refused = [line for line in console if "Content Security Policy" in line or "Refused to" in line]
    assert not violations and not refused, f"CSP violations: {violations} {refused[:3]}"
    for frame in page.frames:  # the hidden page-script frame inherits the policy
        assert not frame.evaluate("() => window.__cspViolations || []"), frame.url
    # The app's tab script (ui/tab.py) ran under the policy: it keeps the tab's copy.
    assert PROVIDER in (page.evaluate("() => sessionStorage.getItem('kqp.answers')") or "")


def test_internals_refused_and_plain_http_sent_to_https(proxy):
    status, headers, _ = fetch(f"{proxy.url}/_stcore/metrics")
    assert status == 404
    assert_security_headers(headers, "/_stcore/metrics")
    assert fetch(f"{proxy.url}/_stcore/agent/openapi.json")[0] == 404

    status, headers, body = fetch(f"{proxy.url}/_stcore/health")
    assert (status, body.strip()) == (200, b"ok")
    assert "no-store" in headers.get("cache-control", "")

    status, headers, _ = fetch(f"http://127.0.0.1:{proxy.http_port}/visit")
    assert status == 301 and headers["location"].startswith("https://"), headers

    # The access log names no patient: no client address, no query string.
    fetch(f"{proxy.url}/?name=Ana")
    access = (proxy.folder / "access.log").read_text()
    assert "GET /" in access and "127.0.0.1" not in access and "Ana" not in access
