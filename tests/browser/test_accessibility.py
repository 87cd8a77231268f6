"""axe-core on every step, with a patient's answers filled in and the guide unfolded.

No "serious" or "critical" violation may appear unless it is listed in ``ALLOWED`` below:
a problem inside Streamlit itself that the app cannot fix, with the reason. The list
cannot grow silently (anything not listed fails) and cannot go stale (an entry that no
longer occurs fails too, so it gets removed).

Fixed in the app, not listed: caption grey at 4.2:1 (``ui/accessibility.py`` CSS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS, Axe
from browser_driver import DESKTOP, PHONE, Wizard
from patient_answers import start_from_saved_file

from questions.content import load_language
from ui.steps import STEPS

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")


@dataclass(frozen=True)
class Allowed:
    rule: str
    target: str
    """A regular expression searched for in the node's CSS target."""
    reason: str


ALLOWED: tuple[Allowed, ...] = ()
"""Streamlit-internal violations the app cannot fix. Empty: every finding so far was ours."""


@dataclass(frozen=True)
class Finding:
    step: str
    rule: str
    impact: str
    target: str
    summary: str

    def __str__(self) -> str:
        return f"[{self.step}] {self.rule} ({self.impact}) at {self.target}: {self.summary}"


def blocking_findings(results, step: str) -> list[Finding]:
    findings = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            impact = node.get("impact") or violation.get("impact")
            if impact in BLOCKING:
                findings.append(
                    Finding(
                        step,
                        violation["id"],
                        impact,
                        " ".join(str(part) for part in node["target"]),
                        " ".join(node.get("failureSummary", "").split())[:300],
                    )
                )
    return findings


def allowed_by(finding: Finding) -> Allowed | None:
    for entry in ALLOWED:
        if entry.rule == finding.rule and re.search(entry.target, finding.target):
            return entry
    return None


SIZES = {
    "desktop": {"viewport": DESKTOP},
    "phone": PHONE,
}


VARIANTS = [("en", "desktop"), ("en", "phone"), ("es", "phone")]
"""Each language and each screen, and English on both. Spanish on a desktop is left out: its
words and ``lang`` are the phone's, and the phone's narrow column is the harder layout for
them (each walk with axe costs Chromium about ten CPU-seconds)."""


class StepAxe(Axe):
    """axe-core put into the tab once: Streamlit moves between steps without loading a page,
    so the script stays, and the half-megabyte is not parsed again on every step."""

    def run(self, page, context=None, options=DEFAULT_OPTIONS):
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.axe_script)
        arguments = self._format_script_args(context=context, options=options)
        return AxeResults(page.evaluate(f"axe.run({arguments}).then(results => results)"))


@pytest.mark.parametrize(("language", "size"), VARIANTS, ids=[f"{lang}-{size}" for lang, size in VARIANTS])
def test_every_step_passes_axe(server, new_tab, tmp_path, language, size):
    findings = axe_every_step(Wizard(new_tab(**SIZES[size]), server.url), tmp_path, language, size)

    unexplained = [finding for finding in findings if allowed_by(finding) is None]
    assert not unexplained, "axe found serious or critical problems:\n" + "\n".join(map(str, unexplained))
    used = {allowed_by(finding) for finding in findings}
    stale = [entry for entry in ALLOWED if entry not in used]
    assert not stale, f"allow-list entries that no longer occur (remove them): {stale}"


def axe_every_step(wiz: Wizard, tmp_path, language: str, size: str) -> list[Finding]:
    """axe on every step, with the patient's answers and every folded section open."""
    start_from_saved_file(wiz, tmp_path)
    if language == "es":
        wiz.choose("_w_language_welcome", "Español")
        assert wiz.page.evaluate("document.documentElement.lang") == "es"
    axe = StepAxe()
    findings: list[Finding] = []
    slugs = [step.slug for step in STEPS]
    for index, slug in enumerate(slugs):
        if index:
            wiz.forward(slugs[index - 1], slug)
        wiz.open_expanders()
        findings += blocking_findings(axe.run(wiz.page), f"{language}/{size}/{slug}")
    return findings


def test_page_language_follows_the_patients_choice(server, new_tab):
    """Screen readers pick their voice from ``<html lang>``: it follows the language chosen."""
    wiz = Wizard(new_tab(), server.url).open()
    html_lang = "() => document.documentElement.lang"
    assert wiz.page.evaluate(html_lang) == "en"
    wiz.choose("_w_language_welcome", "Español")
    wiz.page.wait_for_function(f"() => ({html_lang})() === 'es'", timeout=5000)
    assert wiz.heading() == load_language("es").text("welcome.heading")
    wiz.choose("_w_language_welcome", "English")
    wiz.page.wait_for_function(f"() => ({html_lang})() === 'en'", timeout=5000)
    assert wiz.heading() == load_language("en").text("welcome.heading")
