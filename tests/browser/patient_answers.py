"""One realistic patient: what they answer on every step, by hand or from a saved file.

The words come from the app's own content (``data/en``), so a reworded label does not
break the journeys; the ids come from the vocabularies in ``questions.vocab``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from browser_driver import Wizard
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from questions import languages
from questions.content import Labels, load_language
from questions.models import Answers

EN = load_language("en")
LABELS = EN.labels
YES, NO, UNSURE = (LABELS.answers[a] for a in ("yes", "no", "unsure"))

# What the patient types. Distinctive, so the server log can be searched for them.
PROVIDER = "Dr. Imani Okonkwo, Lakeside Mind Clinic"
OTHER_CONDITION = "Tinnitus since the accident"
MEDICINES = "sertraline 50 mg daily, vitamin D"
OWN_QUESTION = "Can my partner stay in the room? <b>&</b>"
OWN_QUESTION_PLAIN = "Can my partner stay in the room with me?"
"""The same question without markup, for screenshots in the docs."""
VISIT_DATE = dt.date(2026, 12, 3)
TYPED = (PROVIDER, OTHER_CONDITION, MEDICINES, OWN_QUESTION)

STAGE = "first_consultation"
CONDITIONS = ("ptsd", "other")
TRIED = ("talk_therapy",)
HEALTH = ("heart_or_blood_pressure", "takes_medications")
MEDICATION_TYPES = ("benzodiazepines",)
CONCERNS = ("dissociation", "cost")
SUPPORT = {"ride_home": "no", "check_in": "yes", "therapist": "unsure"}
READINESS = {"sure_of_choice": "unsure", "know_benefits_risks": "yes"}

TICKED = {
    "conditions": [f"conditions.{c}" for c in CONDITIONS] + [f"tried_treatments.{t}" for t in TRIED],
    "health": [f"health.{h}" for h in HEALTH] + [f"medication_types.{m}" for m in MEDICATION_TYPES],
    "concerns": [f"concerns.{c}" for c in CONCERNS],
}


def radios(labels: Labels = LABELS) -> dict[str, dict[str, str]]:
    """The radio answers of each step, as the labels of one language show them."""
    return {
        "visit": {"visit.stage": labels.stages[STAGE]},
        "support": {f"support.{k}": labels.answers[v] for k, v in SUPPORT.items()},
        "readiness": {f"readiness.{k}": labels.answers[v] for k, v in READINESS.items()},
    }


RADIOS = radios()


def saved_answers(own_question: str = OWN_QUESTION) -> Answers:
    """The same patient as a saved-answers file (for tests that start from a loaded file)."""
    return Answers.model_validate(
        {
            "version": 1,
            "visit": {"stage": STAGE, "provider": PROVIDER, "date": VISIT_DATE.isoformat()},
            "conditions": list(CONDITIONS),
            "other_condition": OTHER_CONDITION,
            "tried_treatments": list(TRIED),
            "health": list(HEALTH),
            "medications": MEDICINES,
            "medication_types": list(MEDICATION_TYPES),
            "concerns": list(CONCERNS),
            "support": SUPPORT,
            "readiness": READINESS,
            "custom_questions": [own_question],
            "top_questions": ["own-1"],
            "removed_questions": ["total_cost"],
        }
    )


def start_from_saved_file(wiz: Wizard, folder: Path, own_question: str = OWN_QUESTION) -> None:
    """A patient who continues from their saved file: open the app, load it on Welcome."""
    path = folder / "ketamine-questions-answers.json"
    path.write_text(saved_answers(own_question).to_json(), encoding="utf-8")
    wiz.open()
    wiz.load_saved_file(path)


def w(path: str) -> str:
    """The widget key the app gives the answer at ``path`` (ui/widgets.py)."""
    return f"_w_{path}"


def date_parts(day: dt.date) -> dict[str, str]:
    """What the patient picks in the visit date's three boxes: the month in words, day, year."""
    month = languages.month_names("en")[day.month - 1]
    return {"month": month, "day": str(day.day), "year": str(day.year)}


def pick(wiz: Wizard, key: str, text: str | None = None) -> None:
    """Choose ``text`` in a select box as a phone user does: open the list, go down it, tap.

    Without ``text``, take the list's first option. The app's lists cannot be typed in (no
    keyboard covers them on a phone), and the list draws only the options near the
    highlighted one.
    """
    box = wiz.by_key(key).locator("input[role=combobox]")
    assert box.get_attribute("inputmode") == "none", "a list to tap, not a box to type in"
    before = wiz.runs_done
    for _attempt in range(3):  # a tap on a busy machine can land while the list redraws
        box.click()
        option = (
            wiz.page.get_by_role("option").first
            if text is None
            else wiz.page.get_by_role("option", name=text, exact=True)
        )
        for _ in range(60):
            if option.count():
                break
            box.press("ArrowDown")
        try:
            wanted = text or option.inner_text(timeout=5_000).strip()
            option.click(timeout=5_000)
            # The chosen option is the box's value (an input), not text inside it.
            expect(box).to_have_value(wanted, timeout=5_000)
            break
        except (AssertionError, PlaywrightError):
            continue
    else:
        raise AssertionError(f"{key}: the list would not take {text or 'its first option'!r} in 3 tries")
    wiz.wait_for_runs(before + 1)


def choose_date(wiz: Wizard, key: str, day: dt.date) -> None:
    """Pick the month, the day and the year from their lists."""
    for part, text in date_parts(day).items():
        pick(wiz, f"{key}.{part}", text)


def date_shown(wiz: Wizard, key: str) -> str:
    """The date the three boxes show, as YYYY-MM-DD ("" while any is empty)."""
    # The month is shown in words in the page's language (any of the app's languages).
    by_name = {
        name: number
        for language in languages.codes()
        for number, name in enumerate(languages.month_names(language), start=1)
    }
    shown = {}
    for part in ("month", "day", "year"):
        text = wiz.by_key(f"{key}.{part}").locator("input[role=combobox]").input_value().strip()
        if not text:
            return ""
        shown[part] = text
    month = by_name.get(shown["month"], 0)
    return f"{int(shown['year']):04d}-{month:02d}-{int(shown['day']):02d}"


def answer_step(wiz: Wizard, slug: str) -> None:
    """Answer one step with the mouse (and the keyboard for typing)."""
    for path, label in RADIOS.get(slug, {}).items():
        wiz.choose(w(path), label)
    for path in TICKED.get(slug, []):
        wiz.tick(w(path))
    if slug == "visit":
        wiz.type_text(w("visit.provider"), PROVIDER)
        choose_date(wiz, w("visit.date"), VISIT_DATE)
    elif slug == "conditions":
        wiz.type_text(w("other_condition"), OTHER_CONDITION)
    elif slug == "health":
        wiz.type_text(w("medications"), MEDICINES)


def assert_step_answers(wiz: Wizard, slug: str, labels: Labels = LABELS) -> None:
    """Every answer of this step is what the patient gave, read from the real widgets."""
    for path, label in radios(labels).get(slug, {}).items():
        assert wiz.chosen(w(path)) == label, f"{slug}: {path}"
    for path in TICKED.get(slug, []):
        expect(wiz.checkbox(w(path)), f"{slug}: {path}").to_be_checked()
    # A box that was never ticked stays unticked (nothing leaks between questions).
    boxes = wiz.main.locator("[data-testid=stCheckbox] input[type=checkbox]")
    ticked = sum(1 for i in range(boxes.count()) if boxes.nth(i).is_checked())
    assert ticked == len(TICKED.get(slug, [])), f"{slug}: {ticked} boxes ticked"
    if slug == "visit":
        assert wiz.text_value(w("visit.provider")) == PROVIDER
        assert date_shown(wiz, w("visit.date")) == VISIT_DATE.isoformat()
    elif slug == "conditions":
        assert wiz.text_value(w("other_condition")) == OTHER_CONDITION
    elif slug == "health":
        assert wiz.text_value(w("medications")) == MEDICINES


STEPS_WITH_ANSWERS = ("visit", "conditions", "health", "concerns", "support", "readiness")
