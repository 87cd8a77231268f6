"""The browser-side files (ui/static/) parse, and reach keyed elements by declared keys.

A syntax error in the tab script stops everything it does at once (the tab's copy of the
answers, the page's language, the focus after an action) with no error on the server, and
a dropped CSS rule loses a focus ring or a contrast fix without a sound. Checked with
node (``node --check``) when it is there, else with Chromium's own parsers; the styles always
with Chromium's. Without the tool a check needs it skips, as the browser tests do, and in
CI (``CI`` set) it fails: it never passes unchecked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import CHROMIUM_ARGS, require_chromium

from ui import accessibility, assets, state, tab
from ui.streamlit_internals import key_class

NODE = shutil.which("node")
SCRIPTS = sorted(assets.STATIC.glob("*.js"))
STYLES = sorted(assets.STATIC.glob("*.css"))

BROKEN_JS = "export default function (component) { const x = ; }\n"
BROKEN_CSS = ".a { color: red; }\n.b { color red; }\n"


def test_the_static_folder_holds_what_the_app_sends():
    assert {path.name for path in SCRIPTS} == {"tab.js", "words.js"}
    assert {path.name for path in STYLES} == {"app.css"}
    assert assets.read("tab.js") == tab.JS and assets.read("words.js") == accessibility.WORDS_JS
    assert assets.read("app.css") in accessibility.CSS


# --- scripts -------------------------------------------------------------------------


def _node_check(source: str, tmp: Path) -> str:
    """Node's complaint about ``source`` as an ES module, or "" when it parses."""
    assert NODE is not None
    path = tmp / "check.mjs"
    path.write_text(source, encoding="utf-8")
    done = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, timeout=60)
    return "" if done.returncode == 0 else done.stderr


@pytest.fixture(scope="module")
def chromium_page() -> Iterator[object]:
    """A blank page in the system Chromium: only used when node is missing, or for CSS."""
    from playwright.sync_api import sync_playwright

    chromium = require_chromium("the CSS check")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<!doctype html><title>check</title>")
        yield page
        browser.close()


MODULE_CHECK = """async (source) => {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try { await import(url); return ''; } catch (e) { return e instanceof SyntaxError ? String(e) : ''; }
}"""


@pytest.fixture
def js_problem(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """The one checker the scripts go through: node, or Chromium when node is missing."""
    if NODE is not None:
        return lambda source: _node_check(source, tmp_path)
    page = request.getfixturevalue("chromium_page")
    return lambda source: str(page.evaluate(MODULE_CHECK, source))  # type: ignore[attr-defined]


def test_the_script_check_catches_a_syntax_error(js_problem):
    assert js_problem(BROKEN_JS), "the checker passed a broken script: it would pass anything"


def test_the_tab_script_as_the_browser_gets_it_parses(js_problem):
    """words.js and tab.js go to the browser as one ES module (``ui.tab``'s component)."""
    problem = js_problem(accessibility.WORDS_JS + tab.JS)
    assert not problem, problem


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_each_script_parses_on_its_own(js_problem, path: Path):
    problem = js_problem(path.read_text(encoding="utf-8"))
    assert not problem, f"{path.name}: {problem}"


# --- styles --------------------------------------------------------------------------

COMMENT = re.compile(r"/\*.*?\*/", re.S)


def declarations(css: str) -> list[tuple[str, str]]:
    """Every ``property: value`` in ``css``, as written (a line without a colon is kept whole)."""
    text = COMMENT.sub("", css)
    found = []
    for body in re.findall(r"\{([^{}]*)\}", text):
        for part in body.split(";"):
            if part.strip():
                name, _, value = part.partition(":")
                found.append((name.strip(), value.replace("!important", "").strip()))
    return found


def style_rules(css: str) -> int:
    """How many style rules ``css`` writes (blocks that are not ``@media``)."""
    text = COMMENT.sub("", css)
    return len(re.findall(r"\{", text)) - len(re.findall(r"@media[^{]*\{", text))


STYLE_CHECK = """(css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const rules = [];
  const walk = (list) => { for (const r of list) { if (r.cssRules && !r.style) walk(r.cssRules); else rules.push(r); } };
  walk(sheet.cssRules);
  return rules.length;
}"""


def css_problems(page: object, css: str) -> list[str]:
    """What Chromium's parser drops from ``css``: whole rules (a bad selector) or declarations."""
    problems = []
    kept = page.evaluate(STYLE_CHECK, css)  # type: ignore[attr-defined]
    if kept != style_rules(css):
        problems.append(f"{style_rules(css)} rules written, {kept} kept")
    for name, value in declarations(css):
        if not name or not page.evaluate("([n, v]) => CSS.supports(n, v)", [name, value]):  # type: ignore[attr-defined]
            problems.append(f"{name}: {value}")
    return problems


def test_the_style_check_catches_a_broken_rule(chromium_page):
    assert css_problems(chromium_page, BROKEN_CSS), "the checker passed broken CSS"
    assert css_problems(chromium_page, ".a { color: red; }\n.b:nosuch { color: red; }"), "a bad selector"


def test_the_styles_parse_whole(chromium_page):
    problems = css_problems(chromium_page, accessibility.CSS.removeprefix("<style>").removesuffix("</style>"))
    assert not problems, f"Chromium drops part of ui/static/app.css: {problems}"


def test_the_styles_reach_keyed_elements_by_declared_keys_only():
    """A ``st-key-`` class in the CSS names a key of ui/state.py (or a family's prefix), so a
    renamed key cannot leave a rule that matches nothing."""
    names = {key_class(name) for name in state.KEYS} | {key_class(f.prefix) for f in state.FAMILIES.values()}
    written = set(re.findall(r"st-key-[A-Za-z0-9_-]+", COMMENT.sub("", assets.read("app.css"))))
    assert written, "the check found no keyed selector at all"
    assert written <= names, (
        f"keyed selectors for keys ui/state.py does not declare: {sorted(written - names)}"
    )


def test_the_styles_use_the_colours_and_ring_python_gives_them():
    css = accessibility.CSS
    for colour in (accessibility.FOCUS, accessibility.CAPTION):
        assert colour in css
    used = set(re.findall(r"var\((--[a-z-]+)\)", css))
    given = set(re.findall(r"(--[a-z-]+):", css))
    assert used and used <= given, f"custom properties used but never set: {sorted(used - given)}"
    assert f".{accessibility.FOCUS_RING_CLASS} " in css, "the tab script's focus ring class has its rule"


def test_the_styles_hold_no_angle_bracket_opening_a_tag():
    """``st.html`` passes the styles through the frontend's HTML sanitiser, which drops a
    ``<style>`` element whose text has a ``<`` in it: every rule at once (a comment that
    read ``st-key-<key>`` did that; the keyboard browser test saw every focus ring go)."""
    assert "<" not in accessibility.STYLES, "a '<' in ui/static/app.css makes Streamlit drop all of it"
