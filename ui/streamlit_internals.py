"""Every place the app leans on Streamlit's internals rather than its public API.

Verified on Streamlit 1.67.0 (pinned in requirements.in). Each function or constant says
what it relies on and why no public API does the job. ``tests/test_streamlit_internals.py``
pins each behaviour (and ``tests/browser/test_streamlit_words.py`` the page markup), so an
upgrade that changes one fails loudly there, naming it, instead of quietly breaking a
patient's visit. Keep this module small: new reliance on internals goes here, with a test.

Also relied on, outside this module:
- ``app.py`` declares ``app = st.App(__file__)``: ``streamlit run`` finds that assignment
  by reading the file (``streamlit.web.server.app_discovery``), then imports app.py once
  at start-up, which is where broken content stops the server. A public API (``st.App``)
  used in a way Streamlit documents, but its discovery is what makes start-up checks
  possible, so the test pins it too.
- The English words Streamlit writes itself ("Upload", "Skip to main content", ...): the
  keys of ``streamlit.texts`` and ``streamlit.labels`` in ``data/en/ui.yaml``, which the tab
  script replaces with the patient's words (``ui.accessibility.streamlit_words``).
- ``tests/app_driver.py`` swaps two classes inside ``streamlit.testing.v1.app_test``.
"""

from __future__ import annotations

import re

from streamlit.runtime.pages_manager import PagesManager

KEY_CLASS_PREFIX = "st-key-"
KEY_CLASS_UNSAFE = re.compile(r"[^a-zA-Z0-9_-]")
"""Characters Streamlit's frontend replaces with ``-`` when it turns a key into a class."""

TEST_IDS: dict[str, str] = {
    # Streamlit's own elements, by the ``data-testid`` its frontend gives them: the one
    # stable handle on them from CSS or a script. What relies on each:
    "stCaptionContainer": "captions drawn dark enough (accessibility.CSS)",
    "stSidebarNavLink": "a focus ring and wrapping on the step list (accessibility.CSS)",
    "stCheckbox": "a focus ring and a touch-sized row on check boxes (accessibility.CSS)",
    "stRadioOption": "a focus ring and a touch-sized row on radio options (accessibility.CSS)",
    "stExpandSidebarButton": "a touch-sized sidebar opener on a phone (accessibility.CSS)",
    "stExpander": "a touch-sized title on folded sections (accessibility.CSS)",
    "stMarkdownContainer": "left-aligned add buttons; the upload button's word (accessibility)",
    "stTextArea": "a text area's misleading Ctrl+Enter hint hidden (accessibility.CSS)",
    "InputInstructions": "the Enter hint hidden or said in the patient's language (accessibility)",
    "stMain": "a focus ring on the main area; scrolling and focusing a new step (ui.tab)",
    "stTextInputRootElement": "a focus ring on text boxes (accessibility.CSS)",
    "stTextAreaRootElement": "a focus ring on text areas (accessibility.CSS)",
    "stSelectbox": "a focus ring on select boxes (accessibility.CSS)",
    "stFileUploaderDropzone": "the upload button's word in the patient's language (accessibility)",
    "stFileUploaderDropzoneInstructions": "the size limit in the patient's language (accessibility)",
    "stFileChip": "a file the browser refused reported in words (ui.tab)",
    "stSkipToContent": "the skip link in the patient's language (accessibility)",
    "stStatusWidget": "the running indicator's words in the patient's language (accessibility)",
}
"""Every ``data-testid`` the app's CSS and scripts rely on; reach them through ``test_id``."""

TRANSIENT_TEST_IDS = frozenset({"stStatusWidget", "stExpandSidebarButton"})
"""Relied on but not on a settled step's page at every size (the running indicator shows
only during a slow run; the sidebar opener only while the sidebar is closed, as on a
phone): checked in Streamlit's bundle instead."""


def test_id(name: str) -> str:
    """The CSS selector of Streamlit's element ``data-testid=name`` (listed in ``TEST_IDS``)."""
    if name not in TEST_IDS:
        raise KeyError(f"{name}: add it to TEST_IDS (ui/streamlit_internals.py) with what relies on it")
    return f'[data-testid="{name}"]'


def in_pages_folder_mode() -> bool:
    """Whether this run came through Streamlit's old "pages folder" mode.

    A fresh server's first request runs in that mode when its URL names a page (a
    bookmarked step, a tab reconnecting after a restart): the step file runs alone,
    without ``app.py``'s router. ``st.navigation`` leaves the mode, process-wide, but only
    once it has run; there is no public way to ask or to leave it sooner.
    """
    return bool(PagesManager.uses_pages_directory)


def leave_pages_folder_mode() -> None:
    """Switch the process out of the "pages folder" mode, as ``st.navigation`` would."""
    PagesManager.uses_pages_directory = False


def key_class(key: str) -> str:
    """The CSS class Streamlit's frontend gives an element with ``key=`` (``st-key-...``).

    The one way to reach a keyed element from CSS or a script; the rule lives in
    Streamlit's JavaScript, copied here (and nowhere else).
    """
    return KEY_CLASS_PREFIX + KEY_CLASS_UNSAFE.sub("-", key.strip())


def key_selector(key: str) -> str:
    """The CSS selector of the element with ``key=key``."""
    return "." + key_class(key)


def key_prefix_selector(prefix: str) -> str:
    """The CSS selector of every element whose key starts with ``prefix``."""
    return f'[class*="{key_class(prefix)}"]'


ON_THE_COMMAND_LINE = frozenset({"command-line argument or environment variable", "environment variable"})
"""Where Streamlit's config says an option was set by a flag or ``STREAMLIT_*`` (1.67's words)."""


def announce_start() -> None:
    """Streamlit's own "You can now view your Streamlit app" lines, printed once the
    start-up checks have passed (``app.py``).

    ``streamlit run`` prints them before it imports ``app.py``, so a server whose content
    or clinic file is broken would announce itself and then stop. The project's settings
    turn them off (``logger.hideWelcomeMessage``, a hidden option, in
    ``.streamlit/config.toml``) and this prints them with Streamlit's own printer
    (``streamlit.web.bootstrap._print_url``) when it is safe to; a deployment that hides
    them on its command line still gets none.
    """
    from streamlit import config
    from streamlit.web import bootstrap

    if config.get_where_defined("logger.hideWelcomeMessage") in ON_THE_COMMAND_LINE:
        return
    hidden = config.get_option("logger.hideWelcomeMessage")
    config.set_option("logger.hideWelcomeMessage", False)
    try:
        bootstrap._print_url(is_running_hello=False)
    finally:
        config.set_option("logger.hideWelcomeMessage", hidden)
