"""The clinic edition: the clinic file named by ``QUESTION_PREP_CLINIC``, read once.

``streamlit run`` reads it at start-up (``app.py``, before the server announces itself or
serves anyone: a bad file stops it with an ``error:`` line naming every problem) and every
session keeps that reading: a later change
on disk reaches patients only after a restart, and a file broken while the server runs
changes nothing. A process that did not start through ``app.py`` (AppTest) reads it on its
first run. Should that reading fail, patients see a plain sentence and the 988 line, never
the staff's message or a server path: those go to the server's log only.
"""

from __future__ import annotations

import os
import sys
from functools import cache

import streamlit as st

from questions import content, languages
from questions.clinic import ENV_VAR, Clinic, ClinicFileError, read_clinic
from questions.content import load_language


def _path() -> str:
    return os.environ.get(ENV_VAR, "").strip()


@cache
def _read(path: str) -> Clinic | ClinicFileError | None:
    """The clinic at ``path`` (None for the public edition), or what is wrong with its file.
    Cached for the life of the process: the file is read once."""
    try:
        return read_clinic(path) if path else None
    except ClinicFileError as exc:
        return exc


def clinic_at_start() -> Clinic | None:
    """Read and keep the configured clinic file; raise ``ClinicFileError`` if it is bad."""
    found = _read(_path())
    if isinstance(found, ClinicFileError):
        raise found
    return found


@cache
def _log(problem: str) -> None:
    """The staff's message, once per process, to the server's log only."""
    print(f"error: {problem}", file=sys.stderr, flush=True)


def _problem_page() -> None:
    for language in languages.codes():  # the patient's language is not known yet: say it in each
        words = load_language(language)
        st.error(words.text("clinic.unavailable"), icon=":material/error:")
        st.markdown(f":material/call: **{words.text('crisis_line')}**")


def start_clinic_edition() -> None:
    """Serve the clinic's edition read at start-up, or stop this run with a plain sentence."""
    found = _read(_path())
    if isinstance(found, ClinicFileError):
        _log(str(found))
        content.activate_clinic(None)
        page = st.Page(
            _problem_page,
            title=content.load_language(content.SOURCE_LANGUAGE).text("app_title"),
            url_path="clinic-problem",
        )
        st.navigation([page], position="hidden").run()
        st.stop()
    if content.active_clinic() is not found:
        content.activate_clinic(found)
