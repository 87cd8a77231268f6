"""Journey 2: a patient who cannot use a mouse answers every step and downloads the PDF.

Only Tab, Shift+Tab, Enter, Space and the arrow keys (and typing text) are used; there
is no ``.click()``. At every focus stop the focused control must show a visible focus
indicator: a non-zero outline or a box-shadow on the control, on the label that stands
for a visually hidden input, or an outline on the box around a text field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from browser_driver import Wizard
from patient_answers import EN, LABELS, MEDICINES, PROVIDER, VISIT_DATE, date_parts
from playwright.sync_api import expect
from pypdf import PdfReader

from ui.streamlit_internals import KEY_CLASS_PREFIX, key_class

pytestmark = pytest.mark.browser

# Every kind of Tab stop must show where the focus is: buttons (the download button too),
# checkboxes, radios, and also links, switches, expanders, text fields and the main area.
MUST_SHOW_FOCUS = {"button", "link", "checkbox", "switch", "radio", "summary", "main"} | {
    "text",
    "textarea",
    "spinbutton",
}
MAX_TABS = 300

FOCUS_INFO = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const role = el.getAttribute('role');
  const tag = el.tagName.toLowerCase();
  let kind = tag;
  if (tag === 'input') kind = el.type === 'checkbox' ? (role === 'switch' ? 'switch' : 'checkbox') : el.type;
  else if (tag === 'a') kind = 'link';
  else if (role === 'spinbutton') kind = 'spinbutton';
  const container = el.closest('[class*="st-key-"]');
  const key = container ? [...container.classList].find((c) => c.startsWith('st-key-')).slice(7) : '';
  const label = el.closest('label');
  const name = (el.getAttribute('aria-label') || (label ? label.innerText : '') || el.innerText || '')
    .replace(/\s+/g, ' ').trim();
  const box = el.getBoundingClientRect();
  const hidden = box.width <= 2 || box.height <= 2;
  // A visually hidden input (Streamlit's radios and checkboxes) shows focus on its label.
  const shown = hidden ? (label || el.parentElement) : el;
  const ring = (node, shadowCounts) => {
    const s = getComputedStyle(node);
    const transparent = (c) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !transparent(s.outlineColor);
    return outline || (shadowCounts && s.boxShadow !== 'none');
  };
  let indicator = ring(shown, true);
  // A text or date field shows its ring on the box around it (an outline, a few levels up).
  for (let up = shown.parentElement, i = 0; !indicator && up && i < 6; up = up.parentElement, i++) {
    indicator = ring(up, false);
  }
  return {kind, key, name: name.slice(0, 90), indicator, checked: !!el.checked};
}"""


HIGHLIGHTED = r"""() => {
  const id = document.activeElement && document.activeElement.getAttribute('aria-activedescendant');
  const option = id && document.getElementById(id);
  return option ? option.textContent.trim() : null;
}"""


@dataclass
class KeyboardPatient:
    """Moves focus with Tab and Shift+Tab and remembers every stop it passed."""

    wiz: Wizard
    stops: list[dict] = field(default_factory=list)

    @property
    def keys(self):
        return self.wiz.page.keyboard

    def focus(self) -> dict | None:
        info = self.wiz.page.evaluate(FOCUS_INFO)
        if info:
            self.stops.append({**info, "step": self.wiz.slug()})
        return info

    def tab_to(self, wanted, backwards: bool = False) -> dict:
        """Press Tab (or Shift+Tab) until the focused control matches ``wanted(info)``."""
        for _ in range(MAX_TABS):
            self.keys.press("Shift+Tab" if backwards else "Tab")
            info = self.focus()
            if info and wanted(info):
                return info
        raise AssertionError(f"never reached the wanted control on {self.wiz.slug()}")

    def to_key(self, key: str, kinds: set[str], backwards: bool = False) -> dict:
        """Tab to the widget with this key (its control of one of ``kinds``, not its help icon)."""
        css_key = key_class(key).removeprefix(KEY_CLASS_PREFIX)
        return self.tab_to(lambda f: f["key"] == css_key and f["kind"] in kinds, backwards=backwards)

    def press(self, key: str) -> None:
        """A key that makes the app rerun (Enter on a button, Space on a box)."""
        with self.wiz.rerun():
            self.keys.press(key)

    def next(self, slug: str, to_slug: str, backwards: bool = True) -> None:
        """Reach Next (it sits near the end of the page: Shift+Tab gets there fastest) and press Enter."""
        button = "start" if slug == "welcome" else f"next_{slug}"
        self.to_key(button, {"button"}, backwards=backwards)
        self.wiz.go(button, to_slug, press=lambda _: self.keys.press("Enter"))

    def tick(self, key: str) -> None:
        info = self.to_key(key, {"checkbox", "switch"})
        assert not info["checked"], info
        self.press("Space")
        assert self.focus()["checked"], f"Space did not tick {key}"

    def choose(self, key: str, label: str) -> None:
        """Tab into a radio group, then move to the option with the arrow keys."""
        self.to_key(key, {"radio"})
        for _ in range(6):
            info = self.focus()
            if info["name"] == label:
                break
            self.press("ArrowRight")
        if not self.focus()["checked"]:
            self.press("Space")
        assert self.wiz.chosen(key) == label

    def pick(self, key: str, text: str) -> None:
        """A select box (a list, not a box to type in): open it with the down arrow, go down
        to the option, then Enter."""
        self.to_key(key, {"text"})
        self.keys.press("ArrowDown")
        for _ in range(60):
            if self.wiz.page.evaluate(HIGHLIGHTED) == text:
                break
            self.keys.press("ArrowDown")
        self.press("Enter")
        assert self.wiz.by_key(key).locator("input[role=combobox]").input_value() == text

    def type_into(self, key: str, text: str) -> None:
        info = self.to_key(key, {"text", "textarea"})
        self.keys.type(text)
        # A text box sends its value on Enter; a text area when the focus leaves it.
        self.press("Tab" if info["kind"] == "textarea" else "Enter")


def test_keyboard_only_journey(server, new_tab, tmp_path):
    page = new_tab()
    wiz = Wizard(page, server.url).open()
    patient = KeyboardPatient(wiz)

    patient.next("welcome", "visit", backwards=False)
    patient.choose("_w_visit.stage", LABELS.stages["in_treatment"])
    patient.type_into("_w_visit.provider", PROVIDER)
    for part, text in date_parts(VISIT_DATE).items():  # the month in words, then day and year
        patient.pick(f"_w_visit.date.{part}", text)
    patient.next("visit", "conditions")

    patient.tick("_w_conditions.anxiety")
    patient.tick("_w_tried_treatments.antidepressants")
    patient.next("conditions", "health")

    patient.tick("_w_health.takes_medications")
    patient.type_into("_w_medications", MEDICINES)
    patient.next("health", "concerns")

    patient.tick("_w_concerns.cost")
    patient.next("concerns", "support")

    patient.choose("_w_support.ride_home", LABELS.answers["no"])
    patient.next("support", "readiness")

    patient.choose("_w_readiness.enough_support", LABELS.answers["unsure"])
    patient.next("readiness", "review")

    # Pick a question to ask first: the next "Ask first" box the Tab key reaches.
    box = patient.tab_to(lambda f: f["key"].startswith("_w_top-"))
    picked = next(card["text"] for card in wiz.question_cards() if card["key"] == box["key"])
    patient.press("Space")
    # The card moves into "Ask these first" and is drawn anew: the focus follows it there.
    expect(page.locator(f".st-key-{box['key']} input[type=checkbox]")).to_be_checked()
    page.wait_for_function(
        "(key) => document.activeElement.closest('.st-key-' + key) !== null", arg=box["key"]
    )
    assert wiz.focused()["ring"], "the box the focus followed shows a ring"
    assert wiz.question_texts()[0] == picked
    patient.next("review", "print")

    patient.tick("_w_output.large_print")
    patient.to_key("download.pdf", {"button"})
    with page.expect_download() as event:
        patient.keys.press("Enter")
    pdf = tmp_path / "keyboard.pdf"
    event.value.save_as(pdf)
    text = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(pdf).pages).split())
    assert " ".join(picked.split()) in text
    assert PROVIDER in text

    # What the keyboard passed on its way: every control showed where the focus was.
    assert {stop["kind"] for stop in patient.stops} >= {"button", "checkbox", "radio", "switch", "link"}
    invisible = [s for s in patient.stops if s["kind"] in MUST_SHOW_FOCUS and not s["indicator"]]
    assert not invisible, "focus not visible on:\n" + "\n".join(
        f"{s['step']}: {s['kind']} {s['key'] or ''} {s['name']!r}" for s in invisible
    )
    expect(wiz.main.get_by_text(EN.text("print.heading"), exact=True)).to_be_visible()
