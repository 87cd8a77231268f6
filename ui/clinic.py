"""The clinic edition at start-up: the clinic file named by ``QUESTION_PREP_CLINIC``.

Read once per process (and again only if the variable names another file). A bad file
stops the app before any step runs: the page shows one plain line, the server's log gets
one ``error:`` line, and no traceback appears anywhere. ``python -m questions clinic``
checks the same file before the server starts (the container does so: a bad file stops
the container from starting at all).
"""

from __future__ import annotations

import os
import sys
from functools import cache

import streamlit as st

from questions import content, languages
from questions.clinic import ENV_VAR, Clinic, ClinicFileError, plain, read_clinic
from questions.content import load_language


@cache
def _read(path: str) -> Clinic | str | None:
    """The clinic at ``path`` (None for the public edition), or what is wrong with its file."""
    try:
        return read_clinic(path) if path else None
    except ClinicFileError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return str(exc)


def _problem_page(problem: str) -> None:
    for language in languages.codes():  # the patient's language is not known yet: say it in each
        st.error(
            plain(load_language(language).text("clinic.broken", problem=problem)), icon=":material/error:"
        )


def start_clinic_edition() -> None:
    """Serve the configured clinic's edition, or stop this run with one plain line."""
    found = _read(os.environ.get(ENV_VAR, "").strip())
    if isinstance(found, str):
        content.activate_clinic(None)
        page = st.Page(
            lambda: _problem_page(found),
            title=content.load_language(content.SOURCE_LANGUAGE).text("app_title"),
            url_path="clinic-problem",
        )
        st.navigation([page], position="hidden").run()
        st.stop()
    if content.active_clinic() is not found:
        content.activate_clinic(found)
