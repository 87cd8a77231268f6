"""The wizard in AppTest: every step, a whole journey, and the promises it makes a patient.

One test walks the whole wizard; the others start at their step from seeded answers
(``app_driver.seeded``), the answers that walk gives."""

from __future__ import annotations

import io
import json

import pytest
from app_driver import (
    EXPECTED_AFTER_FILLING,
    FILLED,
    STEP_SLUGS,
    back_step,
    downloaded,
    fill_every_step,
    go,
    heading,
    model,
    next_step,
    open_step,
    press,
    seeded,
    start,
    typed_then_back_to_welcome,
)
from helpers import as_shown, pdf_text
from pypdf import PdfReader
from reportlab.platypus import BaseDocTemplate

from questions.answers_file import MAX_FILE_BYTES, parse_answers
from questions.listing import patient_list
from ui import state

CRISIS = "Call or text 988"


@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_each_step_opens_directly_with_empty_answers(slug):
    at = open_step(slug)
    assert not at.exception
    number = STEP_SLUGS.index(slug) + 1
    assert any(f"Step {number} of {len(STEP_SLUGS)}" in caption.value for caption in at.caption)
    assert any(CRISIS.lower() in block.value.lower() for block in at.markdown), "crisis line on every step"
    assert any("Not medical advice" in caption.value for caption in at.caption)
    assert heading(at)


def test_a_whole_journey_ends_with_a_pdf_and_every_answer_survives_going_back():
    """The one test that walks the wizard: the others start from what it arrives at."""
    at = fill_every_step(start())
    assert heading(at) == "Your questions"
    assert model(at) == FILLED, "the seed of the other tests is what the journey gives"
    assert not unregistered_keys(at)
    next_step(at, "review")
    assert heading(at) == "Print and save"
    chosen = patient_list(model(at)).items
    text = pdf_text(downloaded(at, "Download PDF (to print)"))
    for item in chosen:
        assert " ".join(item.text.split())[:60] in text
    assert "Dr. Rivera" in text
    assert "Dr. Rivera" in downloaded(at, "Download plain text").decode()
    saved = parse_answers(downloaded(at, "Save my answers"))
    assert len(saved.copy_id) == 32  # the session's random part: the address cannot be guessed
    assert saved.model_copy(update={"copy_id": ""}) == model(at)
    assert not unregistered_keys(at)
    _every_answer_survives_going_back_to_the_start_and_forward_again(at)
    assert not unregistered_keys(at)


def unregistered_keys(at) -> list[str]:
    """Keys in the live session that ui/state.py does not declare (none should be)."""
    keys = list(at.session_state)
    assert state.ANSWERS in keys and any(state.BOUND.holds(key) for key in keys), "the check sees the session"
    return [key for key in keys if not state.registered(key)]


def test_print_options_change_the_pdf_and_an_unchanged_rerun_builds_nothing(monkeypatch):
    """Counted at reportlab's own ``build`` (a spy that still builds): equal bytes alone would
    not tell, since a PDF rebuilt within the same second is byte for byte the same."""
    builds: list[object] = []
    real_build = BaseDocTemplate.build

    def counted(self, *args, **kwargs):
        builds.append(self)
        return real_build(self, *args, **kwargs)

    monkeypatch.setattr(BaseDocTemplate, "build", counted)
    at = seeded("print")
    letter = downloaded(at, "Download PDF (to print)")
    assert len(builds) == 1, "the print step builds its PDF once"
    at.run()
    assert len(builds) == 1, "a rerun that changed nothing built the PDF again"
    assert downloaded(at, "Download PDF (to print)") == letter
    at.radio(key="_w_output.paper").set_value("a4").run()
    assert len(builds) == 2, "a new option builds the PDF once more"
    at.toggle(key="_w_output.large_print").set_value(True).run()
    assert len(builds) == 3
    a4 = PdfReader(io.BytesIO(downloaded(at, "Download PDF (to print)")))
    assert round(float(a4.pages[0].mediabox.width)) == 595
    assert len(a4.pages) > len(PdfReader(io.BytesIO(letter)).pages)


def _every_answer_survives_going_back_to_the_start_and_forward_again(at):
    for slug in reversed(STEP_SLUGS[1:]):
        back_step(at, slug)
    assert heading(at) == "Get ready for your ketamine appointment"
    saved = model(at).model_dump()
    for field, value in EXPECTED_AFTER_FILLING.items():
        assert saved[field] == value, field
    assert saved["support"]["ride_home"] == "no" and saved["readiness"]["sure_of_choice"] == "unsure"
    press(at, "start")
    assert at.radio(key="_w_visit.stage").value == "first_consultation"
    assert at.text_input(key="_w_visit.provider").value == "Dr. Rivera"
    next_step(at, "visit")
    assert at.checkbox(key="_w_conditions.ptsd").value
    assert at.text_input(key="_w_other_condition").value == "Tinnitus"
    next_step(at, "conditions")
    assert at.checkbox(key="_w_health.heart_or_blood_pressure").value
    assert at.text_area(key="_w_medications").value == "sertraline 50 mg"
    next_step(at, "health")
    assert at.checkbox(key="_w_concerns.cost").value
    next_step(at, "concerns")
    assert at.radio(key="_w_support.ride_home").value == "no"
    next_step(at, "support")
    assert at.radio(key="_w_readiness.sure_of_choice").value == "unsure"


def test_jumping_through_the_sidebar_keeps_answers():
    at = seeded("visit")
    at.text_input(key="_w_visit.provider").input("Dr. Jump").run()
    go(at, "health")
    go(at, "visit")
    assert at.text_input(key="_w_visit.provider").value == "Dr. Jump"
    go(at, "conditions")
    assert at.checkbox(key="_w_conditions.ptsd").value


def in_page_order(block) -> list:
    """Every element and block on the page, top to bottom."""
    shown = []
    for child in getattr(block, "children", {}).values():
        shown.append(child)
        shown.extend(in_page_order(child))
    return shown


def review():
    at = seeded("review")
    assert heading(at) == "Your questions"
    return at


def top_boxes(at):
    return [box for box in at.checkbox if box.key.startswith("_w_top.")]


def test_a_fourth_pick_gets_a_kind_message_and_is_not_taken():
    at = review()
    boxes = top_boxes(at)
    for box in boxes[:3]:
        at.checkbox(key=box.key).check().run()
    assert len(model(at).top_questions) == 3
    at.checkbox(key=boxes[5].key).check().run()
    assert len(model(at).top_questions) == 3
    assert any("up to three" in warning.value for warning in at.warning)
    assert not at.checkbox(key=boxes[5].key).value


def test_own_questions_empty_explained_limit_matches_the_box_and_kept():
    at = review()
    at.text_area(key="_w_own_question").input("   ").run()
    press(at, "add_own")
    assert model(at).custom_questions == []
    assert any("The box is empty" in warning.value for warning in at.warning), "an empty box says so"
    assert at.text_area(key="_w_own_question").proto.max_chars == 300, "the counter counts to the real limit"
    longest = "Can I " + "x" * 293 + "?"
    at.text_area(key="_w_own_question").input(longest).run()
    press(at, "add_own")
    assert model(at).custom_questions == [longest]
    at.text_area(key="_w_own_question").input("Can my partner <b>stay</b>?").run()
    press(at, "add_own")
    assert model(at).custom_questions == [longest, "Can my partner <b>stay</b>?"]
    assert at.text_area(key="_w_own_question").value == ""


def test_twenty_own_questions_is_the_most():
    at = seeded("review", custom_questions=[f"Question number {number}?" for number in range(19)])
    at.text_area(key="_w_own_question").input("Question number 19?").run()
    press(at, "add_own")
    assert len(model(at).custom_questions) == 20, "the twentieth is taken"
    at.text_area(key="_w_own_question").input("One more?").run()
    press(at, "add_own")
    assert len(model(at).custom_questions) == 20
    assert any("20 questions of your own" in warning.value for warning in at.warning)


def test_remove_and_restore_a_question():
    at = review()
    first = top_boxes(at)[3].key.removeprefix("_w_top.")
    press(at, f"remove_{first}")
    assert first in model(at).removed_questions
    assert not any(box.key == f"_w_top.{first}" for box in top_boxes(at))
    press(at, f"restore_{first}")
    assert first not in model(at).removed_questions
    assert any(box.key == f"_w_top.{first}" for box in top_boxes(at))


def main_suggested(at) -> list[str]:
    return [item.id for item in patient_list(model(at)).main if not item.custom]


def if_time_ids(at) -> list[str]:
    return [item.id for item in patient_list(model(at)).if_time]


def test_add_from_browse_more_lands_on_the_main_list_which_stays_short():
    at = review()
    before = main_suggested(at)
    assert len(before) == 12
    at.selectbox(key="_browse_topic").set_value("cost").run()
    press(at, "add_browse_hsa")
    after = main_suggested(at)
    assert "browse_hsa" in after and len(after) == 12
    moved = set(before) - set(after)
    assert moved and moved <= set(if_time_ids(at)), "the engine's last pick waits under 'If there is time'"
    assert any(box.key == "_w_top.browse_hsa" for box in top_boxes(at))


def test_the_list_holds_25_suggested_questions_at_most_and_says_so_kindly():
    at = review()
    answers = model(at)
    answers.added_questions = list(patient_list(answers).selection.more[:25])
    at.run()
    assert len(patient_list(model(at)).selection.bank_ids) == 25
    at.selectbox(key="_browse_topic").set_value(at.selectbox(key="_browse_topic").options[0]).run()
    before = model(at).model_copy(deep=True)
    press(at, next(b.key for b in at.button if b.key and b.key.startswith("add_") and b.key != "add_own"))
    assert model(at) == before, "a refused add changes nothing"
    assert any("which is the most" in warning.value for warning in at.warning)


def test_moving_a_question_between_the_main_list_and_if_there_is_time():
    at = review()
    assert any(fold.label.startswith("If there is time: ") for fold in at.expander), "folded"
    question = main_suggested(at)[-1]
    press(at, f"later_{question}")
    assert question in if_time_ids(at) and question not in main_suggested(at)
    assert any('to "If there is time"' in message.value for message in at.success)
    press(at, f"main_{question}")
    assert question in main_suggested(at) and question not in if_time_ids(at)


def test_the_crisis_question_cannot_be_removed_and_says_why():
    at = review()
    assert "crisis_mood_worse" in main_suggested(at)
    keys = {button.key for button in at.button}
    assert "remove_crisis_mood_worse" not in keys and "later_crisis_mood_worse" not in keys
    assert any("stays on every list" in caption.value for caption in at.caption)


def upload(at, content: bytes, name: str = "answers.json"):
    at.file_uploader(key="_upload_answers").set_value((name, content, "application/json")).run()
    return at


def saved_file() -> bytes:
    return FILLED.to_json().encode()


def test_a_good_saved_file_restores_every_answer():
    content = saved_file()
    at = upload(start(), content)
    assert not at.exception
    assert model(at).to_json().encode() == content
    assert any("Welcome back" in message.value for message in at.success)
    press(at, "start")
    assert at.text_input(key="_w_visit.provider").value == "Dr. Rivera"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"this is not json", "changed after it was saved"),
        (b"\x89PNG\r\n\x1a\n\xff\xfe\x00", "a picture, a document or another kind of file"),
        (json.dumps({"version": 1, "conditions": ["flu"]}).encode(), "edited or damaged"),
        (json.dumps({"version": 2}).encode(), "newer version"),
        (b" " * (MAX_FILE_BYTES + 10), "too large"),
        (b"[]", "not a saved-answers file"),
        (b'{"version": 1, "language": "es", "language": "en"}', 'the name "language" appears twice'),
        (b'{"version": ' + b"9" * 5000 + b"}", "not a saved-answers file"),
    ],
)
def test_a_bad_saved_file_changes_nothing_and_says_why(content, says):
    at = typed_then_back_to_welcome()
    before = model(at).model_copy(deep=True)
    upload(at, content)
    assert model(at) == before
    errors = as_shown(" ".join(error.value for error in at.error))
    assert "nothing was changed" in errors and says in errors


def test_start_over_asks_first():
    at = seeded("print")
    press(at, "start_over")
    assert model(at).visit.provider == "Dr. Rivera", "nothing cleared before confirming"
    press(at, "start_over_no")
    assert model(at).visit.provider == "Dr. Rivera"
    press(at, "start_over")
    press(at, "start_over_yes")
    assert model(at).visit.provider == ""
    assert model(at).conditions == []


def test_an_own_question_typed_but_not_added_is_still_there_after_leaving_the_step():
    at = review()
    at.text_area(key="_w_own_question").input("Can I drive the next day?").run()
    next_step(at, "review")
    back_step(at, "print")
    assert at.text_area(key="_w_own_question").value == "Can I drive the next day?"


def test_an_action_far_down_the_list_is_answered_where_the_patient_is():
    at = review()
    at.selectbox(key="_browse_topic").set_value("cost").run()
    assert not at.toast and not at.success, "nothing is said before the action"
    press(at, "add_browse_hsa")
    assert not at.toast, "no toast: it covered the questions at the top right"
    shown = in_page_order(at.main)
    topic = next(n for n, element in enumerate(shown) if getattr(element, "key", None) == "_browse_topic")
    beside = shown[topic + 1]
    assert beside.type == "success" and beside.value == "Added to your list.", "and beside the browse list"


def test_starting_over_forgets_the_loaded_file():
    at = upload(start(), saved_file())
    assert any("Welcome back" in message.value for message in at.success)
    go(at, "print")
    press(at, "start_over")
    press(at, "start_over_yes")
    go(at, "welcome")
    assert not any("Welcome back" in message.value for message in at.success)
    assert model(at) == model(start())


def test_a_restored_file_offers_to_continue_at_the_first_unanswered_step_and_empties_the_box():
    half_way = json.dumps(
        {"version": 1, "visit": {"provider": "Dr. Rivera"}, "conditions": ["ptsd"], "concerns": ["cost"]}
    ).encode()
    at = upload(start(), half_way)
    assert any("Welcome back" in message.value for message in at.success)
    assert not any(box.key == "_upload_answers" for box in at.get("file_uploader")), "a new, empty box"
    assert any('"Your health and medicines"' in caption.value for caption in at.caption)
    press(at, "restore_continue")
    assert heading(at) == "Your health and medicines", "the first step with no answer yet"


def test_every_step_offers_save_my_answers_with_the_answers_so_far():
    at = start()
    press(at, "start")
    at.text_input(key="_w_visit.provider").input("Dr. Rivera").run()
    for slug in STEP_SLUGS:
        go(at, slug)
        saved = parse_answers(downloaded(at, "Save my answers"))
        assert saved.visit.provider == "Dr. Rivera", slug


def test_a_visit_date_is_kept_only_when_the_month_day_and_year_make_one():
    at = start()
    press(at, "start")
    for part, value in (("day", 31), ("month", 11)):
        at.selectbox(key=f"_w_visit.date.{part}").set_value(value).run()
    assert model(at).visit.date == ""
    at.selectbox(key="_w_visit.date.year").set_value(2026).run()
    assert model(at).visit.date == "", "there is no November 31"
    assert any("has no day 31" in warning.value for warning in at.warning)
    assert at.selectbox(key="_w_visit.date.day").value == 31, "what was chosen stays"
    at.selectbox(key="_w_visit.date.month").set_value(12).run()
    assert model(at).visit.date == "2026-12-31"
    assert any("December 31, 2026" in caption.value for caption in at.caption)
    next_step(at, "visit")
    back_step(at, "conditions")
    assert at.selectbox(key="_w_visit.date.month").value == 12
