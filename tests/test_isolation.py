"""Two patients at once never see each other's answers, and no module keeps patient data."""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Iterator
from types import MappingProxyType, ModuleType
from typing import ClassVar

import pytest
from app_driver import model, next_step, press, start

MARIA = "Dra. María Núñez"
JOHN = "Dr. John Smith"


def journey(provider: str, condition: str, results: dict) -> Iterator[None]:
    """One patient's visit, one action at a time (a generator, so two can interleave)."""
    at = start()
    yield
    press(at, "start")
    yield
    at.text_input(key="_w_visit.provider").input(provider).run()
    yield
    next_step(at, "visit")
    yield
    at.checkbox(key=f"_w_conditions.{condition}").check().run()
    yield
    next_step(at, "conditions")
    yield
    at.switch_page("pages/review.py")
    at.run()
    on_screen = [box.key.removeprefix("_w_top.") for box in at.checkbox if box.key.startswith("_w_top.")]
    results[provider] = (model(at), on_screen)


def test_two_patients_at_the_same_time_see_only_their_own_answers():
    """Two live sessions, their actions interleaved one by one.

    (AppTest keeps one global runtime, so it cannot run sessions on parallel threads;
    the browser tests and ``bench/load.py`` drive truly simultaneous sessions.)
    """
    results: dict = {}
    patients = [journey(MARIA, "ptsd", results), journey(JOHN, "chronic_pain", results)]
    while patients:
        for patient in list(patients):
            if next(patient, "done") == "done":
                patients.remove(patient)
    maria, maria_screen = results[MARIA]
    john, john_screen = results[JOHN]
    assert maria.visit.provider == MARIA and maria.conditions == ["ptsd"]
    assert john.visit.provider == JOHN and john.conditions == ["chronic_pain"]
    assert "cond_ptsd_known" in maria_screen and "cond_pain_known" not in maria_screen
    assert "cond_pain_known" in john_screen and "cond_ptsd_known" not in john_screen


def _cached(value: object) -> list[object]:
    """What a ``functools.cache`` / ``lru_cache`` wrapper remembers: its cache dict (arguments
    as keys, results or the bounded cache's links as values). No public API shows it; the
    garbage collector's view of the wrapper does."""
    if not callable(value) or not hasattr(value, "cache_info"):
        return []
    return [part for part in gc.get_referents(value) if isinstance(part, dict) and "__wrapped__" not in part]


def _holds(value: object, needle: str, depth: int = 0, seen: set[int] | None = None) -> bool:
    """Whether ``needle`` is anywhere inside ``value`` (containers, models, objects, the
    contents of memoised functions, class attributes)."""
    seen = seen if seen is not None else set()
    if depth > 10 or id(value) in seen:
        return False
    seen.add(id(value))
    if isinstance(value, str):
        return needle in value
    return any(_holds(part, needle, depth + 1, seen) for part in _inside(value))


def _inside(value: object) -> list[object]:
    """What ``_holds`` looks into next: the parts of a container, a memoised function's cache,
    an object's attributes, one of our own classes' attributes; nothing in a module."""
    if isinstance(value, staticmethod | classmethod):
        value = value.__func__
    if cached := _cached(value):
        return list(cached)
    if type(value).__name__ == "_lru_list_elem":  # a bounded lru_cache's link: key and result
        return list(gc.get_referents(value))
    if isinstance(value, MappingProxyType | dict):  # a class's own attributes, or a dict
        return [part for item in dict(value).items() for part in item]
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    if isinstance(value, ModuleType):
        return []
    if isinstance(value, type):  # only our own classes: their attributes and memoised methods
        return [value.__dict__] if value.__module__.split(".")[0] in OUR_PACKAGES else []
    if isinstance(value, functools.partial):
        return [value.args, value.keywords]
    attributes = getattr(value, "__dict__", None)
    return [attributes] if isinstance(attributes, dict) else []


OUR_PACKAGES = {"questions", "ui", "pages", "app"}


@pytest.mark.parametrize("kind", ["cache", "lru_cache", "class attribute", "cached method"])
def test_the_search_sees_memoised_and_class_level_data(kind):
    """The check below must be able to fail: patient text kept by a cache is found."""

    class Holder:
        __module__ = "ui.example"
        kept: ClassVar[list[str]] = []

        @staticmethod
        @functools.lru_cache(maxsize=4)
        def shorten(text: str) -> str:
            return text[:5]

    @functools.cache
    def words(text: str) -> int:
        return len(text)

    @functools.lru_cache(maxsize=8)
    def upper(text: str) -> str:
        return text.upper()

    if kind == "cache":
        words("Dra. María")
        where: object = words
    elif kind == "lru_cache":
        upper("Dra. María")
        where = upper
    elif kind == "class attribute":
        Holder.kept.append("Dra. María")
        where = Holder
    else:
        Holder.shorten("María N.")
        where = Holder
    assert _holds(where, "María"), f"a patient's words kept by a {kind} were not found"


def test_no_module_level_state_holds_patient_data():
    results: dict = {}
    for _ in journey(MARIA, "ptsd", results):
        pass
    ours = [
        module
        for name, module in sys.modules.items()
        if name.split(".")[0] in OUR_PACKAGES and module is not None
    ]
    memoised = [value for module in ours for value in vars(module).values() if _cached(value)]
    assert len(memoised) >= 5, "the check sees the core's functools caches (content, languages, fonts)"
    assert any(module.__name__ == "questions.engine" for module in ours)
    for module in ours:
        for name, value in vars(module).items():
            assert not _holds(value, "María"), f"{module.__name__}.{name} keeps a patient's answer"
