"""Every key this app keeps in ``st.session_state``: what owns it, and when it is cleared.

Session state is one flat dictionary per browser session, shared by every module, and
Streamlit puts every keyed widget's value in it too. One name reused by two modules
would silently mix two meanings, so each key is declared here once, with its owner and
its lifetime, and the rest of the app uses these names only (``tests/test_state_registry.py``
fails on a literal key anywhere else, and on a key in a live session that is not here).

Two kinds:

- ``Key``: one key (``ANSWERS``); ``element`` marks an element's own ``key=``.
- ``Family``: keys made from a prefix and an id, one per question, step or field
  (``BOUND("visit.provider")`` is ``"_w_visit.provider"``).

Nothing here is patient data by itself; ``ANSWERS`` holds the answers, and everything
in the session dies with it (the app writes nothing to disk).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One session-state key."""

    name: str
    owner: str
    """The module that writes it (others may read it)."""
    cleared: str
    """When it goes (or "never": it lives as long as the session)."""
    element: bool = False
    """An element's own ``key=`` (a widget's, or a container's for CSS): Streamlit writes a
    widget's value there, and drops it when the widget is not drawn."""


@dataclass(frozen=True)
class Family:
    """Keys made from a prefix and an id: ``FAMILY(id)``."""

    prefix: str
    owner: str
    cleared: str
    element: bool = True

    def __call__(self, part: str) -> str:
        return f"{self.prefix}{part}"

    def holds(self, key: str) -> bool:
        """Whether ``key`` is one of this family's."""
        return key.startswith(self.prefix)


KEYS: dict[str, Key] = {}
FAMILIES: dict[str, Family] = {}


def _key(name: str, owner: str, cleared: str, *, element: bool = False) -> str:
    if name in KEYS:
        raise ValueError(f"session-state key {name!r} declared twice")
    KEYS[name] = Key(name, owner, cleared, element)
    return name


def _family(prefix: str, owner: str, cleared: str, *, element: bool = True) -> Family:
    if prefix in FAMILIES:
        raise ValueError(f"session-state key family {prefix!r} declared twice")
    FAMILIES[prefix] = family = Family(prefix, owner, cleared, element)
    return family


def overlaps() -> dict[str, str]:
    """Single keys that a family's prefix also matches (``"add_own"`` and ``ADD``): harmless
    while no id completes the prefix to the same key, which the tests check."""
    return {name: family.prefix for name in KEYS for family in FAMILIES.values() if family.holds(name)}


def registered(key: str) -> bool:
    """Whether ``key`` is declared here (one key, or one of a family)."""
    return key in KEYS or any(family.holds(key) for family in FAMILIES.values())


# The answers and what the session remembers about its patient.
ANSWERS = _key("answers", "ui.session", "never: replaced whole by a loaded file or Start over")
ROUTED = _key("_routed", "ui.frame", "never: set once the router (app.py) has run in this session")
SEEN_WELCOME = _key("_seen_welcome", "ui.frame", "never: set when the patient opens Welcome")
SAVED_WITH = _key("_saved_with", "ui.frame", 'once its "Saved" words are shown beside the button')

# The bound widgets (``ui.widgets``): copies of the model's fields, keyed by the field's path.
BOUND = _family("_w_", "ui.widgets", "when the answers are replaced (session.replace_answers)")
"""Every widget whose value is a copy of the answers model: ``BOUND("visit.provider")``,
``BOUND("top.<question id>")`` (review), ``BOUND("language_<where>")`` (the pickers)."""
OWN_QUESTION = BOUND("own_question")
"""The review step's "your own question" box (a bound copy of ``OWN_DRAFT``)."""

# The tab script (ui.tab) and accessibility fixes (ui.accessibility).
TAB_COMPONENT = _key(
    "a11y_page_script", "ui.tab", "never: the component's trigger values, reset by Streamlit", element=True
)
TAB_SESSION = _key("_tab_session", "ui.tab", "never: the id the tab script knows this session by")
TAB_CHECKED = _key("_tab_checked", "ui.tab", "never: set once the tab said whether it holds a copy")
FOCUS = _key("_focus_after_rerun", "ui.accessibility", "taken by the tab script's mount, every run")
CONTROL_NAMES = _key("_control_names", "ui.accessibility", "taken by the tab script's mount, every run")

# Downloads (ui.media, ui.downloads).
DOWNLOAD_NONCE = _key("_download_nonce", "ui.media", "never: the session's random part in every file")
DOCUMENTS = _key("_documents", "ui.downloads", "rebuilt when the answers change; the session's only copy")
PDF_PAGES = _key("_pdf_pages", "ui.downloads", "recounted for each new PDF")
CONFIRM_START_OVER = _key("_confirm_start_over", "ui.downloads", "on Yes or No to Start over")
CLEARED = _key("_cleared", "ui.downloads", 'once "Everything was cleared" is shown')

# Continuing from a saved file (ui.restore).
UPLOAD = _family("_upload_answers", "ui.restore", "a new key each round (UPLOAD_ROUND): an empty box")
UPLOAD_ROUND = _key("_upload_round", "ui.restore", "never: counts up after each file read")
RESTORE_MESSAGE = _key("_restore_message", "ui.restore", "on Continue, or Start over")

# The review step (ui.review).
REVIEW_MESSAGE = _key("_review_message", "ui.review", "once shown, or at the end of the run it was not")
OWN_DRAFT = _key("own_question_draft", "ui.review", "when it is added to the list, or on Start over")
IF_TIME_FOLD = _key("if_time_fold", "ui.review", "with its widget", element=True)
BROWSE_FOLD = _key("browse_fold", "ui.review", "with its widget", element=True)
BROWSE_TOPIC = _key("_browse_topic", "ui.review", "with its widget", element=True)
ADD_OWN = _key("add_own", "ui.review", "with its widget", element=True)
CARD = _family("card_", "ui.review", "with its container")
"""A question's card (``CARD(question id)``); CSS reaches it by its key."""
CONTROLS = _family("controls_", "ui.review", "with its container")
LATER = _family("later_", "ui.review", "with its widget")
MAIN = _family("main_", "ui.review", "with its widget")
REMOVE = _family("remove_", "ui.review", "with its widget")
RESTORE = _family("restore_", "ui.review", "with its widget")
ADD = _family("add_", "ui.review", "with its widget")
"""An add button under "Browse more" (``ADD(question id)``); CSS reaches them by the prefix."""

# Every step's frame (ui.frame) and its buttons.
START = _key("start", "pages.welcome", "with its widget", element=True)
RESTORE_CONTINUE = _key("restore_continue", "ui.restore", "with its widget", element=True)
FRESH_NOTICE = _key("fresh_session", "ui.frame", "with its container", element=True)
FRESH_TO_WELCOME = _key("fresh_to_welcome", "ui.frame", "with its widget", element=True)
STEP_BAR = _key("step_bar", "ui.frame", "with its container", element=True)
SAVE_ANSWERS = _key("save_answers", "ui.frame", "with its widget", element=True)
DOWNLOAD_ANSWERS = _key("download_answers", "ui.downloads", "with its widget", element=True)
DOWNLOAD = _family("download.", "ui.downloads", "with its widget")
"""The print step's document buttons: ``DOWNLOAD("pdf")`` is ``"download.pdf"``."""
START_OVER = _key("start_over", "ui.downloads", "with its widget", element=True)
START_OVER_YES = _key("start_over_yes", "ui.downloads", "with its widget", element=True)
START_OVER_NO = _key("start_over_no", "ui.downloads", "with its widget", element=True)
NAV = _family("nav_", "ui.frame", "with its container")
"""A step's Back-and-Next row (``NAV(slug)``); CSS orders it by the prefix."""
NEXT = _family("next_", "ui.frame", "with its widget")
BACK = _family("back_", "ui.frame", "with its widget")
