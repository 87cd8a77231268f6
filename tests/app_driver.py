"""Driving the wizard in AppTest the way a patient would: fill a step, press Next.

Most tests are about one step, not the way there: they start from answers already in the
session (``seeded``), set where the app itself keeps them (``state.ANSWERS``) before the
first run, and open their step directly. One test walks the whole wizard
(``fill_every_step``) and checks it arrives at exactly ``FILLED``, so what the others start
from is what a patient's journey gives.
"""

from __future__ import annotations

import datetime as dt

import streamlit.testing.v1.app_test as app_test_module
from helpers import ROOT
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from questions.models import Answers
from ui import state
from ui.steps import BY_SLUG, STEPS
from ui.streamlit_internals import route_app_test_through_router, scan_installed_components_once

APP = str(ROOT / "app.py")
TIMEOUT = 60


route_app_test_through_router()  # the pages/ layout's price, paid in ui/streamlit_internals.py
scan_installed_components_once()  # as a server does: once per process, not once per AppTest


class _KeptMediaFileStorage(MemoryMediaFileStorage):
    """AppTest's in-memory file store, remembered so a test can read what a download holds."""

    latest: MemoryMediaFileStorage | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _KeptMediaFileStorage.latest = self


app_test_module.MemoryMediaFileStorage = _KeptMediaFileStorage


def downloaded(at: AppTest, label: str) -> bytes:
    """The bytes behind the download button labelled ``label``, as the browser would get them."""
    for button in at.get("download_button"):
        if button.proto.label == label:
            file_id = button.proto.url.rsplit("/", 1)[1].split(".")[0]
            assert _KeptMediaFileStorage.latest is not None
            return _KeptMediaFileStorage.latest.get_file(file_id).content
    raise AssertionError(f"no download button labelled {label!r}")


def start() -> AppTest:
    """A fresh patient on the welcome step."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def open_step(slug: str) -> AppTest:
    """A fresh patient who opened a step directly by its URL: the session's first run is
    that step, with nothing answered."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.switch_page(BY_SLUG[slug].path)
    at.run()
    assert not at.exception, at.exception
    return at


def go(at: AppTest, slug: str) -> AppTest:
    """Open step ``slug`` as the step list in the sidebar does."""
    at.switch_page(BY_SLUG[slug].path)
    at.run()
    return at


def seeded(slug: str, answers: Answers | None = None, **fields: object) -> AppTest:
    """A patient who has answered ``answers`` (a copy; ``FILLED`` by default, with ``fields``
    laid over it) and opens step ``slug``: one run, no journey."""
    base = (answers or FILLED).model_dump()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[state.ANSWERS] = Answers.model_validate({**base, **fields})
    at.switch_page(BY_SLUG[slug].path)
    at.run()
    assert not at.exception, at.exception
    return at


def model(at: AppTest) -> Answers:
    current: Answers = at.session_state[state.ANSWERS]
    return current


def heading(at: AppTest) -> str:
    return at.header[0].value


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def next_step(at: AppTest, slug: str) -> AppTest:
    return press(at, f"next_{slug}")


def back_step(at: AppTest, slug: str) -> AppTest:
    return press(at, f"back_{slug}")


def tick(at: AppTest, key: str) -> None:
    at.checkbox(key=f"_w_{key}").check().run()


def set_date(at: AppTest, day: dt.date) -> None:
    """Choose the visit date's month, day and year, as the patient does."""
    for part, value in (("month", day.month), ("day", day.day), ("year", day.year)):
        at.selectbox(key=f"_w_visit.date.{part}").set_value(value).run()


def fill_every_step(at: AppTest) -> AppTest:
    """From the welcome step, answer something on every step and arrive at the review step."""
    press(at, "start")
    at.radio(key="_w_visit.stage").set_value("first_consultation").run()
    at.text_input(key="_w_visit.provider").input("Dr. Rivera").run()
    set_date(at, dt.date(2026, 12, 3))
    next_step(at, "visit")
    tick(at, "conditions.ptsd")
    tick(at, "conditions.other")
    at.text_input(key="_w_other_condition").input("Tinnitus").run()
    tick(at, "tried_treatments.talk_therapy")
    next_step(at, "conditions")
    tick(at, "health.heart_or_blood_pressure")
    tick(at, "medication_types.benzodiazepines")
    at.text_area(key="_w_medications").input("sertraline 50 mg").run()
    next_step(at, "health")
    tick(at, "concerns.dissociation")
    tick(at, "concerns.cost")
    next_step(at, "concerns")
    at.radio(key="_w_support.ride_home").set_value("no").run()
    at.radio(key="_w_support.check_in").set_value("yes").run()
    next_step(at, "support")
    at.radio(key="_w_readiness.sure_of_choice").set_value("unsure").run()
    next_step(at, "readiness")
    return at


EXPECTED_AFTER_FILLING = {
    "visit": {"stage": "first_consultation", "provider": "Dr. Rivera", "date": "2026-12-03"},
    "conditions": ["ptsd", "other"],
    "other_condition": "Tinnitus",
    "tried_treatments": ["talk_therapy"],
    "health": ["heart_or_blood_pressure"],
    "medication_types": ["benzodiazepines"],
    "medications": "sertraline 50 mg",
    "concerns": ["dissociation", "cost"],
}
FILLED = Answers.model_validate(
    {
        "version": 1,
        **EXPECTED_AFTER_FILLING,
        "support": {"ride_home": "no", "check_in": "yes"},
        "readiness": {"sure_of_choice": "unsure"},
    }
)
"""What ``fill_every_step`` leaves in the session (its test checks so): the seed of the others."""
NOTHING = Answers(version=1)
"""A patient who has answered nothing yet."""

STEP_SLUGS = [step.slug for step in STEPS]


def typed_then_back_to_welcome(provider: str = "Dr. Keep") -> AppTest:
    """A patient who typed their provider's name, then went back to Welcome to load a file
    (seeded: the way there is not what the tests that start here are about)."""
    return seeded("welcome", NOTHING, visit={"provider": provider})
