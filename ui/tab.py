"""The app's one script in the patient's browser tab (``st.components.v2``, no iframe).

It does what only the browser can do, and nothing else:

- **A copy of the answers in the tab's own ``sessionStorage``**, so a reload, a phone
  discarding a background tab, or a server restart under an open tab loses nothing.
  ``sessionStorage`` belongs to this one tab: it is gone when the tab closes, other tabs
  and sites cannot read it, and it is never sent to any server (not ``localStorage``,
  which outlives the tab). "Start over" empties it. When a new server session first
  meets the tab (a reload, a restart) and has no answers yet, the script sends the copy
  back once and the answers are restored.
- **The page's language and direction** (``<html lang dir>``; Streamlit fixes them to
  ``en`` and left-to-right).
- **Each step opens at its top with the keyboard focus on its heading**, so a screen
  reader announces the new step once and the next Tab starts at the step's first
  question, not where the old Next button was.
- **Focus after an action** that redraws a control (Remove, Add, "Ask first"): onto a
  sensible neighbour, with a visible ring.
- **Plain words when the server stops answering**: Streamlit's own dialog blames the
  patient's internet connection; it is replaced by words saying the app is restarting.

Patient text is only ever sent as ``data`` (JSON the browser parses); the HTML, CSS and
JavaScript below are constant.
"""

from __future__ import annotations

import secrets

import streamlit as st

from questions import languages
from questions.answers_file import MAX_FILE_BYTES, AnswersFileError, parse_answers
from ui import restore
from ui.accessibility import (
    FOCUS_KEY,
    FOCUS_RING_CLASS,
    HIDDEN_FRAME_KEY,
    TAB_CHECKED_KEY,
    WORDS_JS,
    control_names,
    streamlit_words,
)
from ui.frame import SEEN_WELCOME_KEY
from ui.session import answers, fresh, replace_answers, t
from ui.streamlit_internals import key_class, key_prefix_selector, test_id

TAB_KEY = HIDDEN_FRAME_KEY
"""The component's key (its container is hidden; the browser tests wait for it)."""

SESSION_KEY = "_tab_session"
STORAGE_NAME = "kqp.answers"
UPLOADED_FILE = f"{key_prefix_selector(restore.UPLOAD_KEY)} {test_id('stFileChip')}"
"""A file chosen in the upload box (the script reports one the browser refused)."""

JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const state = (window.__kqp = window.__kqp || {});
  document.documentElement.lang = data.lang;
  document.documentElement.dir = data.dir;
  kqpStreamlitWords(state, data.words);  // Streamlit's own words in the patient's language
  kqpNames(state, data.names);  // the app's names for its controls ("Remove: Will my…")

  // 1. The tab's copy of the answers. A new server session (a reload, a discarded tab
  //    brought back, a restart) with no answers yet gets the copy back once.
  let restoring = false;
  try {
    const store = window.sessionStorage;
    if (state.session !== data.session) {
      state.session = data.session;
      const saved = store.getItem(data.storage);
      if (saved && saved.length > data.maxCopy) {
        // Larger than any answers this app writes (and than one message may be): never sent.
        store.removeItem(data.storage);
      } else if (data.pristine && saved) {
        restoring = true;
        setTriggerValue('restore', saved);
      }
    }
    if (!restoring) {
      if (data.answers === null) store.removeItem(data.storage);
      else store.setItem(data.storage, data.answers);
    }
  } catch (e) {
    // Storage switched off in this browser: the answers live in the session only.
  }
  // A new session waiting to hear whether this tab holds a copy: there is none.
  if (data.awaiting && !restoring && state.checked !== data.session) {
    state.checked = data.session;
    setTriggerValue('checked', true);
  }

  const main = () => document.querySelector('[data-testid="stMain"]');
  const ringOn = (el) => {
    const box = el.getBoundingClientRect();
    const shown = (box.width <= 2 || box.height <= 2) && el.closest('label') ? el.closest('label') : el;
    shown.classList.add(data.ring);
    el.addEventListener('blur', () => shown.classList.remove(data.ring), { once: true });
  };
  const retry = (find, act) => {
    let tries = 0;
    const attempt = () => {
      const el = find();
      if (el) act(el);
      else if (tries++ < 60) setTimeout(attempt, 50);
    };
    attempt();
  };

  // 2. A new step: open at the top, focus its heading (announced once by screen readers).
  if (state.step !== data.step) {
    const firstStep = state.step === undefined;
    state.step = data.step;
    const area = main();
    if (area) area.scrollTo(0, 0);
    if (!firstStep && !data.focus) {
      retry(
        () => [...document.querySelectorAll('[data-testid="stMain"] h2')]
          .find((h) => h.textContent.trim() === data.heading),
        (heading) => {
          heading.setAttribute('tabindex', '-1');
          heading.focus({ preventScroll: true });
          const area2 = main();
          if (area2) area2.scrollTo(0, 0);
        },
      );
    }
  }

  // 3. Focus after an action that redrew the control the patient was on: a control by
  //    its key, or a heading by its words. The page scrolls only if it is out of sight.
  if (data.focus && state.focusNonce !== data.focus.nonce) {
    state.focusNonce = data.focus.nonce;
    retry(
      () => {
        if (data.focus.heading) {
          const heading = [...document.querySelectorAll('[data-testid="stMain"] h2, [data-testid="stMain"] h3')]
            .find((h) => h.textContent.trim() === data.focus.heading);
          if (heading) heading.setAttribute('tabindex', '-1');
          return heading;
        }
        const box = document.querySelector('.' + data.focus.cls);
        return box && box.querySelector('input, textarea, button, summary, [tabindex="0"]');
      },
      (el) => {
        el.focus({ preventScroll: true });
        el.scrollIntoView({ block: 'nearest' });
        ringOn(el);
      },
    );
  }

  // 4. Streamlit's "Connection error ... Are you connected to the internet?" names the
  //    wrong cause: the app restarted or stopped. Say so, in the patient's language.
  state.restartWords = data.restart;
  state.upload = data.upload;
  state.send = setTriggerValue;
  if (!state.watching) {
    state.watching = true;
    setInterval(() => {
      for (const dialog of document.querySelectorAll('section[role="dialog"]')) {
        const title = dialog.querySelector('h2');
        if (!title || title.dataset.kqp === '1' || title.textContent.trim() !== 'Connection error') continue;
        const words = state.restartWords;
        title.textContent = words.title;
        title.dataset.kqp = '1';
        const body = title.nextElementSibling;
        if (body) body.textContent = words.body;
      }
      // 5. A file the browser refused to upload (too large) shows only a red icon and
      //    never reaches the app: report it once, so the patient gets words.
      const refused = document.querySelector(state.upload + '[aria-invalid="true"]:not([data-kqp])');
      if (refused) {
        refused.dataset.kqp = '1';
        const why = document.getElementById(refused.getAttribute('aria-describedby') || '');
        const tooLarge = why && /MB/.test(why.textContent);
        state.send('refused', tooLarge ? 'size' : 'kind');
      }
    }, 300);
  }
}
"""

_component = st.components.v2.component("kqp_tab", js=WORDS_JS + JS)


def _checked() -> None:
    """The tab has no copy to give back: a "starting fresh" step may say so now."""
    st.session_state[TAB_CHECKED_KEY] = True


def _restore_from_tab() -> None:
    """The tab sent back its copy: load it if it is a good answers file, else ignore it."""
    st.session_state[TAB_CHECKED_KEY] = True
    result = st.session_state.get(TAB_KEY)
    saved = getattr(result, "restore", None) if result is not None else None
    if not saved or answers() != fresh():
        return
    try:
        loaded = parse_answers(saved, pdf=False)  # the copy is JSON this app wrote: never a PDF
    except AnswersFileError:
        return  # an unreadable copy is simply replaced by the answers of this session
    replace_answers(loaded)


def _refused() -> None:
    result = st.session_state.get(TAB_KEY)
    reason = getattr(result, "refused", None) if result is not None else None
    if reason:
        restore.refused_by_browser(reason)


def _focus(target: str | dict[str, str] | None) -> dict[str, str] | None:
    """Where the tab script moves the focus after this run: a widget's key, or a heading."""
    if not target:
        return None
    found = {"heading": target["heading"]} if isinstance(target, dict) else {"cls": key_class(target)}
    return {**found, "nonce": secrets.token_hex(4)}


def mirror(language: str, slug: str) -> None:
    """Mount the tab script for this run (at the end of every step)."""
    current = answers()
    # Nothing to keep until the patient answers something or picks a language (a Spanish
    # speaker who reloads stays in Spanish). After "Start over" only the language is kept.
    empty = current == fresh()  # a new session's own language (the browser's) is no answer
    focus = st.session_state.pop(FOCUS_KEY, None)
    data = {
        "lang": languages.html_lang(language),
        "dir": languages.direction(language),
        "session": st.session_state.setdefault(SESSION_KEY, secrets.token_hex(8)),
        "storage": STORAGE_NAME,
        "maxCopy": MAX_FILE_BYTES,
        "pristine": empty,
        # Only a session that may show "Starting fresh" waits to hear (one more run): not
        # one that began at Welcome, as almost every patient's does.
        "awaiting": not st.session_state.get(TAB_CHECKED_KEY) and not st.session_state.get(SEEN_WELCOME_KEY),
        "answers": None if empty else current.model_dump_json(),
        "step": slug,
        "heading": t(f"{slug}.heading"),
        "focus": _focus(focus),
        "names": control_names(),
        "ring": FOCUS_RING_CLASS,
        "restart": {"title": t("frame.restart_title"), "body": t("frame.restart_body")},
        "upload": UPLOADED_FILE,
        "words": streamlit_words(language),
    }
    _component(
        key=TAB_KEY,
        data=data,
        on_restore_change=_restore_from_tab,
        on_refused_change=_refused,
        on_checked_change=_checked,
        height=0,
    )
