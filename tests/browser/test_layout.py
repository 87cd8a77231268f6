"""Every step is usable at 200% zoom and on a phone, and the screenshots for the docs.

200% zoom is modelled as the browser does it: a 1280x900 window at 200% lays the page out
in a 640x450 CSS-pixel viewport drawn at two device pixels per CSS pixel. The phone is a
390x844 touch screen. On every step: no control sticks out sideways, no two buttons
overlap, nothing scrolls sideways, Next can be reached and pressed, and the next step
opens at its top.

Screenshots land in ``$BROWSER_ARTIFACTS`` (default: a temporary folder, printed). With
``UPDATE_DOCS_SCREENSHOTS=1`` the "Your questions" step is also saved to
``docs/review-step.png`` (desktop) and ``docs/review-step-mobile.png`` (phone).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_driver import PHONE, Wizard
from patient_answers import OWN_QUESTION_PLAIN, start_from_saved_file
from playwright.sync_api import expect

from ui.steps import STEPS

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs"
MODES = {
    "zoom200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
    "phone": PHONE,
}
SCREENSHOT_STEPS = {"welcome", "visit", "review", "print"}

CONTROLS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const seen = [];
  const selector = 'button, a[href], input, textarea, summary, [role=spinbutton], [role=radio]';
  for (const el of main.querySelectorAll(selector)) {
    let box = el.getBoundingClientRect();
    // Streamlit's radios and checkboxes are 1px inputs inside a visible label.
    if ((box.width <= 2 || box.height <= 2) && el.closest('label')) box = el.closest('label').getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;  // folded away in a closed expander
    // Inside a closed expander (Streamlit keeps its content laid out, clipped to nothing).
    const closed = el.closest('details:not([open])');
    if (closed && !el.closest('summary')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const name = (el.getAttribute('aria-label') || el.innerText || el.closest('label')?.innerText || el.tagName)
      .replace(/\\s+/g, ' ').trim().slice(0, 60);
    seen.push({tag: el.tagName.toLowerCase(), name, left: box.left, right: box.right,
               top: box.top, bottom: box.bottom, button: el.tagName === 'BUTTON'});
  }
  return {controls: seen, width: document.documentElement.clientWidth,
          mainOverflow: main.scrollWidth - main.clientWidth,
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""


def artifacts_dir(log_dir: Path) -> Path:
    folder = Path(os.environ.get("BROWSER_ARTIFACTS") or log_dir / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def layout_problems(wiz: Wizard, slug: str) -> list[str]:
    found = wiz.page.evaluate(CONTROLS)
    width = found["width"]
    problems = []
    if found["mainOverflow"] > 1 or found["pageOverflow"] > 1:
        problems.append(f"{slug}: the page scrolls sideways ({found['mainOverflow']}px)")
    for control in found["controls"]:
        if control["left"] < -1 or control["right"] > width + 1:
            problems.append(
                f"{slug}: {control['tag']} {control['name']!r} is off-screen sideways "
                f"({control['left']:.0f}..{control['right']:.0f} of {width})"
            )
    buttons = [c for c in found["controls"] if c["button"]]
    for i, a in enumerate(buttons):
        for b in buttons[i + 1 :]:
            overlap_x = min(a["right"], b["right"]) - max(a["left"], b["left"])
            overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if overlap_x > 1 and overlap_y > 1:
                problems.append(f"{slug}: buttons {a['name']!r} and {b['name']!r} overlap")
    return problems


def opens_at_top(wiz: Wizard) -> None:
    """After Next from the foot of a step, the new step shows its top: crisis line and heading."""
    wiz.page.wait_for_function("document.querySelector('[data-testid=stMain]').scrollTop === 0", timeout=5000)
    expect(wiz.main.locator("[data-testid=stHeading] h2").first).to_be_in_viewport()


def next_is_reachable(wiz: Wizard, slug: str) -> None:
    button = wiz.by_key("start" if slug == "welcome" else f"next_{slug}").locator("button")
    button.scroll_into_view_if_needed()
    expect(button).to_be_in_viewport()
    box = button.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= wiz.page.viewport_size["width"]


@pytest.mark.parametrize("mode", MODES)
def test_every_step_fits_small_screens(mode, new_tab, server, log_dir, tmp_path):
    wiz = Wizard(new_tab(**MODES[mode]), server.url)
    start_from_saved_file(wiz, tmp_path, OWN_QUESTION_PLAIN)
    shots = artifacts_dir(log_dir)
    problems: list[str] = []
    slugs = [step.slug for step in STEPS]
    for index, slug in enumerate(slugs):
        if index:
            wiz.forward(slugs[index - 1], slug)
            opens_at_top(wiz)
        problems += layout_problems(wiz, slug)
        if slug in SCREENSHOT_STEPS:
            wiz.page.screenshot(path=shots / f"{slug}-{mode}.png")
        if slug != slugs[-1]:
            next_is_reachable(wiz, slug)
    print(f"screenshots: {shots}")
    if mode == "phone" and os.environ.get("UPDATE_DOCS_SCREENSHOTS"):
        wiz.back("print", "review")
        wiz.page.screenshot(path=DOCS / "review-step-mobile.png")
    assert not problems, "\n".join(problems)


def test_review_step_on_a_desktop_screen(new_tab, server, log_dir, tmp_path):
    """The review step at 1280 px: every card fits; its picture can refresh the docs."""
    wiz = Wizard(new_tab(viewport={"width": 1280, "height": 1100}), server.url)
    start_from_saved_file(wiz, tmp_path, OWN_QUESTION_PLAIN)
    wiz.jump("8. Your questions", "review")
    assert not layout_problems(wiz, "review")
    assert len(wiz.question_cards()) >= 3
    target = DOCS if os.environ.get("UPDATE_DOCS_SCREENSHOTS") else artifacts_dir(log_dir)
    wiz.page.screenshot(path=target / "review-step.png")
