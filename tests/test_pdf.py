"""The printable, fillable PDF: content, page furniture, form fields, paper, large print, safety."""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from helpers import (
    CRISIS,
    HEBREW,
    HOSTILE,
    LONG,
    NOT_ADVICE,
    PATIENT,
    ROOT,
    answers,
    everything,
    examples,
    one_line_error,
    pdf_page_texts,
    run_cli,
    squash,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from questions import vocab
from questions.answers_file import ANSWERS_ATTACHMENT, MAX_PDF_BYTES, AnswersFileError, parse_answers
from questions.content import load_bank, load_language
from questions.document import document_for, long_date, worksheet_items
from questions.document_files import stamp
from questions.engine import own_id
from questions.fonts import (
    MARKER,
    printable,
    right_to_left_in_answers,
    unprintable_characters,
    unprintable_in_answers,
)
from questions.listing import patient_list
from questions.models import MAX_CUSTOM, MAX_CUSTOM_CHARS, MAX_MEDICATIONS_CHARS, MAX_SHORT_TEXT, Answers
from questions.pdf import build_pdf, page_count, pdf_warnings
from questions.pdf_furniture import PageFurniture, attach_file
from questions.pdf_layout import LARGE, NORMAL, styles

PATIENTS_DIR = ROOT / "tests" / "patients"


@cache
def _built(document: str) -> bytes:
    return build_pdf(patient_list(Answers.model_validate(json.loads(document))), invariant=True)


def pdf_of(fields: dict) -> bytes:
    return _built(json.dumps({"version": 1, **fields}, sort_keys=True))


def reader_of(fields: dict) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf_of(fields)))


def page_texts(fields: dict) -> list[str]:
    return [squash(text) for text in pdf_page_texts(pdf_of(fields))]


def with_output(base: dict, **output: object) -> dict:
    return {**base, "output": {**base.get("output", {}), **output}}


# ---- content ------------------------------------------------------------------------------


@pytest.mark.parametrize("large_print", [False, True])
def test_every_question_prints_and_the_top_three_open_the_list(large_print):
    document = with_output(PATIENT, large_print=large_print)
    plist = patient_list(answers(**document))
    pages = page_texts(document)
    whole = " ".join(pages)
    for item in plist.items:
        assert squash(item.text) in whole, item.id
    assert len(plist.top) == 3
    assert "Ask these first" in pages[0] and squash(plist.top[0].text) in pages[0]
    top = [whole.index(squash(item.text)) for item in plist.top]
    others = [whole.index(squash(item.text)) for item in plist.items if not item.top]
    assert top == sorted(top) and top[-1] < min(others)
    if not large_print:
        for item in plist.top:
            assert squash(item.text) in pages[0], item.id


def test_large_print_without_reasons_keeps_the_three_on_page_one():
    fields = with_output(PATIENT, large_print=True, include_reasons=False)
    first = page_texts(fields)[0]
    for item in patient_list(answers(**fields)).top:
        assert squash(item.text) in first, item.id


def _page_of(pages: list[str], number: int, text: str) -> int:
    """The one page where question ``number`` starts ("7. Will my insurance ...")."""
    start = f"{number}. {squash(text)[:30]}"
    found = [index for index, page in enumerate(pages) if start in page]
    assert len(found) == 1, (start, found)
    return found[0]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("paper", vocab.PAPERS)
@pytest.mark.parametrize("base", ["patient", "example"])
def test_large_print_keeps_the_top_threes_whys(base, paper, language):
    """Issue #25: the reasons were dropped from "Ask these first" in large print while the
    option said they were on; now each of the three prints its reason beside it."""
    fields = with_output(
        {**(PATIENT if base == "patient" else EXAMPLE_FIELDS), "language": language},
        large_print=True,
        paper=paper,
    )
    pages = page_texts(fields)
    label = "Por qué hacer esta pregunta" if language == "es" else "Why ask this"
    top = [question for question in document_for(patient_list(answers(**fields))).questions if question.top]
    assert len(top) == 3
    for question in top:
        assert question.show_why and question.why
        page = pages[_page_of(pages, question.number, question.text)]
        assert f"{label}: {squash(question.why)}" in page, question.id


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_three_that_continue_on_page_two_say_so(language):
    """Large print: where page 1 cannot hold the three with their reasons, page 2 starts
    with the heading again, "continued"; in normal print all three are on page 1 and it
    never appears."""
    fields = {**EXAMPLE_FIELDS, "language": language}
    continued = document_for(patient_list(answers(**fields))).sections[0].continued
    assert continued == (
        "Pregunte esto primero (continuación)" if language == "es" else "Ask these first (continued)"
    )
    large = page_texts(with_output(fields, large_print=True))
    assert continued in large[1] and continued not in large[0]
    assert sum(page.count(continued) for page in large) == 1
    assert not any(continued in page for page in page_texts(fields))


@pytest.mark.parametrize("paper", vocab.PAPERS)
@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("patient", sorted(path.stem for path in PATIENTS_DIR.glob("*.json")))
def test_no_why_splits_from_its_question(patient, large_print, paper):
    """Every realistic patient, both sizes, both papers: each question's reason is whole on
    the page where the question is (issue #25: a long reason split across pages in large print)."""
    base = json.loads((PATIENTS_DIR / f"{patient}.json").read_text(encoding="utf-8"))
    fields = with_output(base, large_print=large_print, paper=paper)
    pages = page_texts(fields)
    shown = [q for q in document_for(patient_list(answers(**fields))).questions if q.show_why]
    assert shown
    for question in shown:
        page = pages[_page_of(pages, question.number, question.text)]
        assert squash(question.why) in page, (question.number, question.id)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("paper", vocab.PAPERS)
def test_even_the_three_longest_questions_fit_on_page_one(language, paper):
    """Page 1 holds the top three whichever three they are, in either language, on either paper."""
    pack = load_language(language)
    longest = sorted(
        pack.questions, key=lambda q: len(pack.questions[q].text) * 2 + len(pack.questions[q].why)
    )
    picks = longest[-3:]
    fields = {
        "language": language,
        "top_questions": picks,
        "added_questions": picks,
        "visit": PATIENT["visit"],
        "output": {"paper": paper},
    }
    first = page_texts(fields)[0]
    for qid in picks:
        assert squash(pack.questions[qid].text) in first, qid


def test_the_top_three_are_not_repeated_in_the_topic_groups():
    plist = patient_list(answers(**PATIENT))
    whole = " ".join(page_texts(PATIENT))
    for item in plist.top:
        assert whole.count(squash(item.text)) == 1, item.id


def test_each_why_prints_only_when_reasons_are_on():
    plist = patient_list(answers(**PATIENT))
    with_reasons = " ".join(page_texts(PATIENT))
    without = " ".join(page_texts(with_output(PATIENT, include_reasons=False)))
    for item in plist.items:
        if item.why and not item.if_time:
            assert squash(item.why) in with_reasons, item.id
            assert squash(item.why) not in without, item.id
    assert "Why ask this" in with_reasons and "Why ask this" not in without


def test_every_page_has_the_crisis_line_not_advice_and_page_x_of_y():
    for fields in (PATIENT, with_output(PATIENT, large_print=True, paper="a4"), {}):
        pages = page_texts(fields)
        assert len(pages) >= 2
        for number, text in enumerate(pages, start=1):
            assert CRISIS in text, number
            assert NOT_ADVICE in text, number
            assert f"Page {number} of {len(pages)}" in text, number


def test_visit_details_print_in_words():
    first = page_texts(PATIENT)[0]
    assert "Dr. Rivera" in first
    assert "December 3, 2026" in first
    assert "Visit type First consultation" in first


@pytest.mark.parametrize(
    ("language", "stage", "shown", "never"),
    [
        ("en", "choosing_clinic", "Visit type Meeting a clinic I might choose", "I am choosing a clinic"),
        ("en", "in_treatment", "Visit type A visit during my treatment", "I am already having sessions"),
        ("es", "choosing_clinic", "Tipo de cita Conocer una clínica que quizás elija", "Estoy eligiendo"),
        ("es", "first_consultation", "Tipo de cita Primera consulta", "Tengo una primera"),
    ],
)
def test_the_visit_type_row_reads_as_a_kind_of_visit(language, stage, shown, never):
    first = page_texts({"language": language, "visit": {"stage": stage}})[0]
    assert shown in first
    assert never not in first


MEDICINES = "sertraline 50 mg, <b>vitamin D</b> & lorazepam"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("large_print", [False, True])
def test_the_medicines_typed_print_on_page_one_by_default(large_print, language):
    """Issue #25: the medicines typed on the health step were only in the summary, off by
    default. Now they are on page 1 with the visit, as typed (escaped, never markup)."""
    fields = with_output({**PATIENT, "language": language, "medications": MEDICINES}, large_print=large_print)
    assert not answers(**fields).output.include_summary  # the default options
    label = load_language(language).text("document.visit.medications")
    first = page_texts(fields)[0]
    assert squash(label) in first and squash(MEDICINES) in first
    assert first.index(squash(MEDICINES)) < first.index(load_language(language).text("list.ask_first"))


def test_without_medicines_typed_page_one_has_no_medicines_row():
    first = page_texts({**PATIENT, "medications": ""})[0]
    assert "Medicines I take" not in first
    assert "Medicines I take" in page_texts(PATIENT)[0]


def test_blank_visit_details_leave_lines_and_fields_to_fill_in():
    fields = reader_of({}).get_fields() or {}
    assert {"visit_provider", "visit_date", "visit_stage"} <= set(fields)
    filled = reader_of(PATIENT).get_fields() or {}
    assert not {"visit_provider", "visit_date", "visit_stage"} & set(filled)


def test_support_plan_shows_each_answer_and_a_line_only_under_each_gap():
    plist = patient_list(answers(**PATIENT))
    whole = " ".join(page_texts(PATIENT))
    labels = plist.pack.labels
    assert "My support plan" in whole
    for key in vocab.SUPPORT_KEYS:
        assert squash(labels.support[key]) in whole
    # Only "No" (ride home) and "Not sure" (therapist) are gaps: not "Yes", not "Not answered yet".
    assert whole.count("Who could help:") == 2
    assert "Not answered yet Who could help" not in whole and "Yes Who could help" not in whole
    fields = reader_of(PATIENT).get_fields() or {}
    assert {name for name in fields if name.startswith("support_")} == {
        "support_ride_home_who",
        "support_therapist_who",
    }
    spanish = " ".join(page_texts({**PATIENT, "language": "es"}))
    assert spanish.count("Quién podría ayudar:") == 2


def test_the_summary_for_the_provider_prints_only_when_asked_for():
    fields = {
        **PATIENT,
        "other_condition": "Long COVID",
        "tried_treatments": ["talk_therapy"],
        "medication_types": ["benzodiazepines"],
    }
    plist = patient_list(answers(**fields))
    labels = plist.pack.labels
    on = " ".join(page_texts(with_output(fields, include_summary=True)))
    off = " ".join(page_texts(fields))
    assert "About me, for my provider" in on and "About me, for my provider" not in off
    for words in (
        labels.conditions["ptsd"],
        "Other: Long COVID",
        labels.health["heart_or_blood_pressure"],
        labels.medication_types["benzodiazepines"],
        labels.tried_treatments["talk_therapy"],
        labels.concerns["cost"],
        "sertraline 50 mg",
    ):
        assert squash(words) in on, words
    # Sensitive answers never print unless the patient asked for the summary; only the
    # medicines typed do, with the visit on page 1 (issue #25; the step's help says so).
    assert "Long COVID" not in off and squash(labels.health["heart_or_blood_pressure"]) not in off
    assert off.count("sertraline 50 mg") == 1 and "sertraline 50 mg" in page_texts(fields)[0]


def test_tips_and_a_notes_page_close_the_document():
    last = page_texts(PATIENT)[-1]
    assert "At the visit" in last and "Some people bring someone they trust" in last and "Notes" in last
    plist = patient_list(answers(**PATIENT))
    whole = " ".join(page_texts(PATIENT))
    tips = whole.index("At the visit")
    assert all(whole.index(squash(item.text)) < tips for item in plist.items)
    assert whole.index("My support plan") < tips < whole.rindex("Notes")
    assert "notes" in (reader_of(PATIENT).get_fields() or {})


def test_own_questions_print_in_their_own_section():
    whole = " ".join(page_texts(PATIENT))
    assert "My own questions" in whole
    assert "Can my partner stay in the room?" in whole


# ---- form fields --------------------------------------------------------------------------


def test_answer_space_gives_a_checkbox_and_a_multiline_answer_field_per_question():
    plist = patient_list(answers(**PATIENT))
    fields = reader_of(PATIENT).get_fields() or {}
    for item in plist.items:
        asked = fields[f"q_{item.id}_asked"]
        assert asked["/FT"] == "/Btn"
        assert not int(asked.get("/Ff", 0)) & 2, "check boxes must not be required"
        if item.if_time:  # the short checklist: a box to tick, no room to write
            assert f"q_{item.id}_answer" not in fields
            continue
        answer = fields[f"q_{item.id}_answer"]
        assert answer["/FT"] == "/Tx"
        assert int(answer.get("/Ff", 0)) & 4096, "answers are multi-line"
        assert "/MaxLen" not in answer, "answers have no length limit"
    assert "notes" in fields
    names = [name for name in fields if name.startswith("q_")]
    assert len(names) == len(set(names)) == 2 * len(plist.items) - len(plist.if_time)


def test_without_answer_space_there_are_no_fields_and_no_writing_room():
    fields = reader_of(with_output(PATIENT, answer_space=False)).get_fields()
    assert not fields
    assert len(reader_of(with_output(PATIENT, answer_space=False)).pages) < len(reader_of(PATIENT).pages)


def test_fields_sit_on_their_page_inside_the_printed_area():
    reader = reader_of(PATIENT)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        for annotation in page.get("/Annots") or []:
            rect = [float(v) for v in annotation.get_object()["/Rect"]]
            assert 0 < rect[0] < rect[2] < width and 0 < rect[1] < rect[3] < height


# ---- paper and print size -----------------------------------------------------------------


@pytest.mark.parametrize(("paper", "size"), [("letter", (612, 792)), ("a4", (595.3, 841.9))])
def test_page_size_matches_the_paper(paper, size):
    for page in reader_of(with_output(PATIENT, paper=paper)).pages:
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=1)


def _question_sizes(fields: dict) -> list[float]:
    """Font sizes of the characters of the first question on page 1."""
    plist = patient_list(answers(**fields))
    first = plist.top[0].text.split()[:4]
    with pdfplumber.open(io.BytesIO(pdf_of(fields))) as pdf:
        found = pdf.pages[0].search(re.escape(" ".join(first)))
        assert found, first
        return [char["size"] for char in found[0]["chars"]]


def test_large_print_body_text_is_at_least_18_point():
    sizes = _question_sizes(with_output(PATIENT, large_print=True))
    assert min(sizes) >= 18
    assert max(_question_sizes(PATIENT)) < 18


def test_large_print_scales_everything_and_never_hyphenates():
    for field in ("leading", "small", "title", "heading", "footer", "box", "gutter", "line_gap"):
        assert getattr(LARGE, field) > getattr(NORMAL, field), field
    assert LARGE.small >= 16 and LARGE.footer >= 14
    for style in styles(LARGE).values():
        assert style.hyphenationLang == "" and not style.embeddedHyphenation
    plist = patient_list(answers(**with_output(PATIENT, large_print=True)))
    whole = " ".join(page_texts(with_output(PATIENT, large_print=True)))
    for item in plist.items:  # every question reads whole: no word split by a hyphen
        assert squash(item.text) in whole


def test_large_print_starts_the_top_questions_on_page_one():
    plist = patient_list(answers(**PATIENT))
    first = page_texts(with_output(PATIENT, large_print=True))[0]
    assert "Ask these first" in first
    assert squash(plist.top[0].text) in first


@pytest.mark.parametrize("large_print", [False, True])
def test_the_page_count_is_the_canvas_count_and_survives_the_stamp(large_print):
    """The print step says how many pages the PDF has: counted as the pages were drawn,
    kept on the copy with the session's random part, never by parsing the file again."""
    data = build_pdf(patient_list(answers(**with_output(EVERYTHING_TICKED, large_print=large_print))))
    pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    assert page_count(data) == pages
    stamped = stamp(data, ".pdf", "ab" * 16)
    assert stamped != data and page_count(stamped) == pages
    with pytest.raises(TypeError):
        page_count(bytes(data))  # plain bytes: nothing to count without a parser


# ---- metadata -----------------------------------------------------------------------------


def test_metadata_has_title_author_subject_and_language():
    reader = reader_of(PATIENT)
    meta = reader.metadata
    assert meta.title == "Questions for my ketamine appointment"
    assert meta.author == "Ketamine Question Prep"
    assert meta.subject
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_spanish_documents_declare_spanish():
    reader = reader_of({**PATIENT, "language": "es"})
    assert reader.trailer["/Root"]["/Lang"] == "es-US"
    assert reader.metadata.title != "Questions for my ketamine appointment"


# ---- hostile and unusual input ------------------------------------------------------------


def test_hostile_and_unusual_text_prints_literally_and_pulls_in_nothing():
    fields = {
        "visit": {"provider": HOSTILE[1]},
        "other_condition": HOSTILE[0],
        "conditions": ["other"],
        "medications": "\n".join(HOSTILE),
        "custom_questions": [*HOSTILE, LONG],
        "output": {"include_summary": True},
    }
    data = pdf_of(fields)
    whole = " ".join(page_texts(fields))
    for text in [*HOSTILE, LONG]:
        assert squash(text) in whole, text
    assert "Other: <b>bold?</b>" in whole
    # Nothing from the server's disk, no links, no scripts.
    for forbidden in (b"/Subtype /Image", b"/DCTDecode", b"/URI", b"/JavaScript", b"/JS ", b"/Launch"):
        assert forbidden not in data, forbidden


def test_right_to_left_text_builds_and_its_letters_all_print():
    fields = {"visit": {"provider": HEBREW}, "custom_questions": [HEBREW]}
    whole = " ".join(page_texts(fields))
    assert set(HEBREW) - {" "} <= set(whole)
    assert right_to_left_in_answers(answers(**fields))
    assert any("right-to-left" in line.lower() for line in pdf_warnings(patient_list(answers(**fields))))


def test_control_characters_are_stripped():
    fields = {"custom_questions": ["Bell\x07 and\x1b[31m escape"]}
    whole = " ".join(page_texts(fields))
    assert "Bell and[31m escape" in whole
    assert "\x07" not in whole and "\x1b" not in whole


def test_emoji_and_cjk_are_reported_and_marked_never_dropped_silently():
    fields = {"visit": {"provider": "Dr. 王"}, "custom_questions": ["Is it safe? 🙂 谢谢"]}
    missing = unprintable_in_answers(answers(**fields))
    assert missing == sorted(["王", "🙂", "谢"])
    warnings = pdf_warnings(patient_list(answers(**fields)))
    assert any(all(char in line for char in missing) for line in warnings)
    whole = " ".join(page_texts(fields))
    assert f"Is it safe? {MARKER} {MARKER}{MARKER}" in whole


def test_unprintable_characters():
    assert unprintable_characters("Ok: é ñ “” — Ω Ж א ☐ ✓ €") == []
    assert unprintable_characters("😀 ok 中文 😀") == ["中", "文", "😀"]
    assert unprintable_characters("नमस्ते")  # Devanagari is not in DejaVu Sans
    # Joiners and variation selectors print nothing by themselves: not reported, not boxed.
    assert unprintable_characters("❤\ufe0f a\u200db") == []
    assert printable("❤\ufe0f a\u200db") == "❤ ab"
    assert unprintable_characters("bad \ud800 half") == ["\ufffd"]
    assert printable("x😀y") == f"x{MARKER}y"
    assert unprintable_in_answers(answers(**PATIENT)) == []


# ---- the largest list ---------------------------------------------------------------------


@pytest.mark.parametrize("paper", vocab.PAPERS)
def test_the_largest_possible_list_builds_on_both_papers(paper):
    fields = everything(paper=paper)
    reader = reader_of(fields)
    plist = patient_list(answers(**fields))
    whole = " ".join(page_texts(fields))
    for item in plist.items:
        assert squash(item.text) in whole, item.id
    assert len(reader.get_fields() or {}) >= 2 * len(plist.items) - len(plist.if_time)


def test_the_same_answers_give_the_same_bytes():
    plist = patient_list(answers(**PATIENT))
    assert build_pdf(plist, invariant=True) == build_pdf(plist, invariant=True)


# ---- a printout that fits the visit ------------------------------------------------------

EXAMPLE = json.loads((ROOT / "examples" / "answers.json").read_text(encoding="utf-8"))
EXAMPLE_FIELDS = {key: value for key, value in EXAMPLE.items() if key != "version"}

# A patient who ticked every box there is (and typed a little), with the default options.
EVERYTHING_TICKED = {
    "visit": {"stage": "first_consultation", "provider": "Dr. Rivera", "date": "2026-12-03"},
    "conditions": list(vocab.CONDITIONS),
    "other_condition": "Long COVID",
    "tried_treatments": list(vocab.TRIED_TREATMENTS),
    "health": list(vocab.HEALTH_FLAGS),
    "medications": "sertraline 50 mg",
    "medication_types": list(vocab.MEDICATION_TYPES),
    "concerns": list(vocab.CONCERNS),
    "support": dict.fromkeys(vocab.SUPPORT_KEYS, "no"),
    "readiness": dict.fromkeys(vocab.READINESS_KEYS, "unsure"),
    "custom_questions": ["Can my partner stay in the room?"],
}


@pytest.mark.parametrize("paper", vocab.PAPERS)
@pytest.mark.parametrize(
    ("patient", "base", "large_pages"),
    [("example file", EXAMPLE_FIELDS, 8), ("every box ticked", EVERYTHING_TICKED, 9)],
)
def test_a_typical_list_fits_four_pages_and_eight_in_large_print(patient, base, large_pages, paper):
    """With the default options: at most 4 pages in normal print, 8 in large print (DESIGN.md,
    for the example file). Every box ticked may take a ninth in large print: its reasons
    stay whole beside their questions (issue #25), so a page ends where a question would
    not fit whole, rather than in the middle of a reason."""
    normal = with_output(base, paper=paper, large_print=False)
    large = with_output(base, paper=paper, large_print=True)
    assert len(reader_of(normal).pages) <= 4, patient
    assert len(reader_of(large).pages) <= large_pages, patient
    plist = patient_list(answers(**normal))
    assert len(plist.if_time) > 0, "the example reaches the 'if there is time' section"
    for fields in (normal, large):
        whole = " ".join(page_texts(fields))
        for item in plist.items:
            assert squash(item.text) in whole, item.id


def test_if_there_is_time_is_a_short_checklist_after_the_main_list_and_before_my_own():
    plist = patient_list(answers(**EXAMPLE_FIELDS))
    whole = " ".join(page_texts(EXAMPLE_FIELDS))
    heading = whole.index("If there is time")
    last_main = max(
        whole.index(squash(item.text)) for item in plist.items if not item.if_time and not item.custom
    )
    assert last_main < heading < whole.index("My own questions") < whole.index("My support plan")
    for item in plist.if_time:
        at = whole.index(squash(item.text))
        assert heading < at
        # No reason and no writing room under it: the next thing is the next question's number.
        assert squash(item.why) not in whole, item.id
    # Numbered on from the main list, one number each, in every format alike.
    (section,) = [section for section in document_for(plist).sections if section.title == "If there is time"]
    assert [question.id for question in section.questions] == [item.id for item in plist.if_time]
    for question in section.questions:
        assert f"{question.number}. {squash(question.text)}" in whole, question.id


def test_the_summary_comes_right_after_page_ones_questions():
    fields = with_output(EXAMPLE_FIELDS, include_summary=True)
    pages = page_texts(fields)
    whole = " ".join(pages)
    plist = patient_list(answers(**fields))
    summary = whole.index("About me, for my provider")
    assert all(whole.index(squash(item.text)) < summary for item in plist.top)
    first_topic_question = next(item for item in plist.items if not item.top and not item.custom)
    assert summary < whole.index(squash(first_topic_question.text))
    assert any("About me, for my provider" in page for page in pages[:2])


def _card_labels_per_page(fields: dict, labels: list[str]) -> list[int]:
    return [sum(squash(label) in page for label in labels) for page in page_texts(fields)]


@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("base", [EXAMPLE_FIELDS, EVERYTHING_TICKED, PATIENT])
def test_no_card_leaves_a_lone_row_on_a_page(base, large_print):
    fields = with_output(base, large_print=large_print, include_summary=True)
    plist = patient_list(answers(**fields))
    support = [plist.pack.labels.support[key] for key in vocab.SUPPORT_KEYS]
    counts = [count for count in _card_labels_per_page(fields, support) if count]
    assert sum(counts) == len(support)
    assert all(count >= 2 for count in counts), counts


def test_text_that_looks_like_a_card_label_does_not_count_as_one():
    # Guard for the test above: the labels must not be found elsewhere (say, in a question).
    plist = patient_list(answers(**EXAMPLE_FIELDS))
    for key in vocab.SUPPORT_KEYS:
        label = squash(plist.pack.labels.support[key])
        assert " ".join(page_texts(EXAMPLE_FIELDS)).count(label) == 1, label


# ---- large print: 18 pt for every word a patient reads -----------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_large_print_page_furniture_is_at_least_14_point(language):
    """Issue #25: the 988 line and "Page X of Y" stayed at 12 pt beside 18 pt text. Now no
    character on a large-print page is smaller than 14 pt, and the furniture is there."""
    fields = with_output({**EXAMPLE_FIELDS, "language": language}, large_print=True)
    pages = page_texts(fields)
    page_word = "Página" if language == "es" else "Page"
    with pdfplumber.open(io.BytesIO(pdf_of(fields))) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            sizes = [char["size"] for char in page.chars if char["text"].strip()]
            assert sizes and min(sizes) >= 13.95, (number, min(sizes))
            marker = page.search(f"{page_word} {number} ")
            assert marker and min(char["size"] for char in marker[0]["chars"]) >= 13.95, number
            assert "988" in pages[number - 1], number


def _furniture(fields: dict) -> str:
    """Every line the page furniture may print (header, footer), spaces removed, "|" between."""
    plist = patient_list(answers(**fields))
    pack = plist.pack
    header = pack.text("document.title")
    if plist.answers.visit.date:
        date = long_date(plist.answers.visit.date, plist.answers.language)
        header += " \u00b7 " + pack.text("document.visit.header", date=date)
    parts = [pack.text("crisis_line"), pack.text("not_advice"), pack.text("app_title"), header]
    return "|".join(parts).replace(" ", "")


LARGE_PRINT_CASES = {
    "example": EXAMPLE_FIELDS,
    "every box ticked, summary, Spanish": {
        **EVERYTHING_TICKED,
        "language": "es",
        "output": {"include_summary": True},
    },
    "choosing a clinic": {**EXAMPLE_FIELDS, "visit": {**EXAMPLE["visit"], "stage": "choosing_clinic"}},
    "blank visit": {"custom_questions": ["Can my partner stay in the room?"]},
}


@pytest.mark.parametrize("case", list(LARGE_PRINT_CASES))
def test_large_print_sets_every_word_a_patient_reads_in_18_point(case):
    fields = with_output(LARGE_PRINT_CASES[case], large_print=True)
    data = pdf_of(fields)
    furniture = _furniture(fields)
    checked = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines: dict[int, list[dict]] = {}
            for char in page.chars:
                if char["text"].strip():
                    checked += 1
                    if char["size"] < 17.95:
                        lines.setdefault(round(char["top"]), []).append(char)
            for chars in lines.values():
                text = "".join(char["text"] for char in sorted(chars, key=lambda c: c["x0"])).replace(" ", "")
                # "Page X of Y" shares a line with "not medical advice" in the footer.
                text = re.sub(r"(Page|Página)\d+(of|de)\d+", "", text)
                assert text in furniture, f"page {number}: {text!r} is smaller than 18 pt"
    assert checked > 1000


def test_the_running_header_never_cuts_a_word():
    for fields in (
        with_output(PATIENT, large_print=True),
        {**with_output(PATIENT, large_print=True), "language": "es"},
    ):
        for text in page_texts(fields)[1:]:
            assert "December 3, 2026" in text or "3 de diciembre de 2026" in text
    # Even where the header does not fit on one line, it wraps by whole words: nothing is lost.
    plist = patient_list(answers(**with_output(PATIENT, large_print=True)))
    narrow = PageFurniture(document_for(plist), LARGE, 150, 792)
    assert len(narrow.header) > 1
    assert " ".join(narrow.header) == "Questions for my ketamine appointment \u00b7 Visit: December 3, 2026"


# ---- text of any height -------------------------------------------------------------------

OPTIONS = [
    {
        "paper": paper,
        "large_print": large,
        "include_reasons": reasons,
        "answer_space": room,
        "include_summary": summary,
    }
    for paper in vocab.PAPERS
    for large in (False, True)
    for reasons in (False, True)
    for room in (False, True)
    for summary in (False, True)
]


def tall(limit: int, mark: str = "") -> str:
    """Text at a length limit made of the shortest lines there are: as tall as it can be."""
    return (mark + "\n" + "x\n" * limit)[:limit].strip()


def every_pair(combinations: list[dict]) -> list[dict]:
    """Few combinations in which every two options meet in each of their values at least once.

    Greedy: take the combination that brings the most pairs not seen yet, until none is left.
    """

    def pairs(combination: dict) -> set:
        items = sorted(combination.items())
        return {(a, b) for n, a in enumerate(items) for b in items[n + 1 :]}

    unseen = set().union(*map(pairs, combinations))
    chosen = []
    while unseen:
        best = max(combinations, key=lambda combination: len(pairs(combination) & unseen))
        chosen.append(best)
        unseen -= pairs(best)
    return chosen


# Every pair of options, and every option on (the tallest document) on each paper. Any
# combination at all is left to test_random_tall_texts_build_in_any_combination below.
PAIRS_AND_FULLEST = [
    *every_pair(OPTIONS),
    *(o for o in OPTIONS if all(v for k, v in o.items() if k != "paper") and o not in every_pair(OPTIONS)),
]


@pytest.mark.parametrize(
    "output", PAIRS_AND_FULLEST, ids=lambda o: "-".join(f"{k}={v}" for k, v in o.items())
)
def test_text_at_every_limit_and_as_tall_as_it_can_be_builds_with_every_pair_of_options(output):
    fields = {
        "visit": {
            "stage": "choosing_clinic" if output["answer_space"] else "first_consultation",
            "provider": tall(MAX_SHORT_TEXT, "name"),
            "date": "2026-12-03",
        },
        "conditions": ["other"],
        "other_condition": tall(MAX_SHORT_TEXT, "other"),
        "health": ["takes_medications"],
        "medications": tall(MAX_MEDICATIONS_CHARS, "medicines"),
        "custom_questions": [tall(MAX_CUSTOM_CHARS, "first"), tall(MAX_CUSTOM_CHARS, "second")],
        "top_questions": [own_id(0)],
        "output": output,
    }
    whole = " ".join(page_texts(fields))
    assert "first x" in whole and "second x" in whole
    # Every line of every text is printed (a line may continue after a page's footer).
    typed = [fields["visit"]["provider"], *fields["custom_questions"]]
    if output["include_summary"]:
        assert "medicines x" in whole
        typed += [fields["medications"], fields["other_condition"]]
    assert whole.split().count("x") >= sum(text.split().count("x") for text in typed)


@pytest.mark.parametrize("large_print", [False, True])
def test_the_tallest_answers_possible_still_build(large_print):
    """Every text field at its limit, all as short lines, twenty own questions, three at the top."""
    fields = {
        "visit": {"stage": "choosing_clinic", "provider": tall(MAX_SHORT_TEXT), "date": "2026-12-03"},
        "conditions": ["other"],
        "other_condition": tall(MAX_SHORT_TEXT),
        "health": ["takes_medications"],
        "medications": tall(MAX_MEDICATIONS_CHARS),
        "custom_questions": [tall(MAX_CUSTOM_CHARS, f"own {n}") for n in range(MAX_CUSTOM)],
        "top_questions": [own_id(0), own_id(1), own_id(2)],
        "output": {"large_print": large_print, "include_summary": True},
    }
    whole = " ".join(page_texts(fields))
    for n in range(MAX_CUSTOM):
        assert f"own {n} x" in whole
    typed = [fields["visit"]["provider"], fields["other_condition"], fields["medications"]]
    typed += fields["custom_questions"]
    assert whole.split().count("x") >= sum(text.split().count("x") for text in typed)


LINE = st.text(alphabet=st.sampled_from("ab cd\u00e9\u00f1<&>"), max_size=40)


def tall_text(limit: int) -> st.SearchStrategy[str]:
    return st.lists(LINE, min_size=1, max_size=limit).map(lambda lines: "\n".join(lines)[:limit])


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    output=st.sampled_from(OPTIONS),
    stage=st.sampled_from(["choosing_clinic", "first_consultation", "in_treatment"]),
    provider=tall_text(MAX_SHORT_TEXT),
    other=tall_text(MAX_SHORT_TEXT),
    medications=tall_text(MAX_MEDICATIONS_CHARS),
    own=st.lists(tall_text(MAX_CUSTOM_CHARS), max_size=4),
    top=st.integers(min_value=0, max_value=3),
)
def test_random_tall_texts_build_in_any_combination(output, stage, provider, other, medications, own, top):
    own = [text for text in own if text.strip()]
    fields = {
        "visit": {"stage": stage, "provider": provider},
        "conditions": ["other"],
        "other_condition": other,
        "health": ["takes_medications"],
        "medications": medications,
        "custom_questions": own,
        "top_questions": [own_id(n) for n in range(min(top, len(own)))],
        "output": output,
    }
    data = build_pdf(patient_list(answers(**fields)))
    assert page_count(data) >= 2


# ---- the clinic worksheet -----------------------------------------------------------------


@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_patient_choosing_a_clinic_gets_a_worksheet_with_three_clinic_columns(language, large_print):
    fields = with_output(
        {**EXAMPLE_FIELDS, "language": language, "visit": {**EXAMPLE["visit"], "stage": "choosing_clinic"}},
        large_print=large_print,
    )
    plist = patient_list(answers(**fields))
    rows = worksheet_items(plist)
    vetting = load_bank().policy.clinic_vetting
    assert len(rows) >= len(vetting), "every vetting row a shopper compares"
    assert all(item.topic == "clinic" or item.id in vetting for item in rows)
    whole = " ".join(page_texts(fields))
    heading, clinic = ("Compare clinics", "Clinic") if language == "en" else ("Comparar clínicas", "Clínica")
    start = whole.index(heading)
    sheet = whole[start:]
    assert f"{clinic} 1 {clinic} 2 {clinic} 3" in sheet
    for item in rows:
        assert squash(item.text) in sheet, item.id
    fields_in_pdf = reader_of(fields).get_fields() or {}
    for n in (1, 2, 3):
        assert f"clinic_{n}_name" in fields_in_pdf
        for item in rows:
            assert f"clinic_{n}_{item.id}" in fields_in_pdf


@pytest.mark.parametrize("stage", ["first_consultation", "in_treatment", None])
def test_only_a_patient_choosing_a_clinic_gets_the_worksheet(stage):
    fields = {**EXAMPLE_FIELDS, "visit": {**EXAMPLE["visit"], "stage": stage}}
    whole = " ".join(page_texts(fields))
    assert "Compare clinics" not in whole and "Clinic 1" not in whole
    assert not any(name.startswith("clinic_") for name in reader_of(fields).get_fields() or {})
    assert worksheet_items(patient_list(answers(**fields))) == []


# ---- the answers ride inside the PDF ------------------------------------------------------


@pytest.mark.parametrize("base", [EXAMPLE_FIELDS, PATIENT, {}, everything()])
def test_the_pdf_holds_the_saved_answers_and_loading_it_gives_them_back(base):
    saved = answers(**base)
    data = pdf_of(base)
    attached = pypdf.PdfReader(io.BytesIO(data)).attachments[ANSWERS_ATTACHMENT]
    assert attached == [saved.to_json().encode("utf-8")], "the same bytes as 'Save my answers'"
    assert parse_answers(data) == saved


def test_the_embedded_answers_keep_the_pdf_whole():
    reader = reader_of(PATIENT)
    assert reader.metadata.title == "Questions for my ketamine appointment"
    assert reader.trailer["/Root"]["/Lang"] == "en-US"
    assert len(reader.get_fields() or {}) > 10


def test_the_cli_builds_and_lists_from_the_pdf_as_from_the_json(tmp_path: Path, write_answers):
    as_json = write_answers(EXAMPLE)
    built = tmp_path / "list.pdf"
    assert run_cli("build", str(as_json), "-o", str(built)).returncode == 0
    for fmt in ("json", "text"):
        from_json = run_cli("list", str(as_json), "--format", fmt)
        from_pdf = run_cli("list", str(built), "--format", fmt)
        assert from_pdf.returncode == 0, from_pdf.stderr
        assert from_pdf.stdout == from_json.stdout
    again = tmp_path / "again.txt"
    assert run_cli("build", str(built), "-o", str(again)).returncode == 0
    json_text = tmp_path / "from-json.txt"
    run_cli("build", str(as_json), "-o", str(json_text))
    assert again.read_bytes() == json_text.read_bytes()


def _pdf_with_attachment(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "A PDF from somewhere")
    canvas.showPage()
    attach_file(canvas, name=name, data=data, media_type="application/json", description="x")
    canvas.save()
    return buffer.getvalue()


def _plain_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Just a letter")
    canvas.save()
    return buffer.getvalue()


BAD_PDFS = {
    "no embedded file": _plain_pdf(),
    "another embedded file": _pdf_with_attachment("notes.json", answers(**PATIENT).to_json().encode()),
    "a damaged embedded file": _pdf_with_attachment(ANSWERS_ATTACHMENT, b'{"version": 1, "visit": {'),
    "an embedded file that is not answers": _pdf_with_attachment(
        ANSWERS_ATTACHMENT, b'{"version": 1, "nope": 2}'
    ),
    "cut short": pdf_of(PATIENT)[:3000],
    "garbage after the signature": b"%PDF-1.4\n" + bytes(range(256)) * 40,
    "over 1 MB": pdf_of(PATIENT) + b"%" + b"x" * MAX_PDF_BYTES,
}


@pytest.mark.parametrize("case", list(BAD_PDFS))
def test_a_pdf_without_good_saved_answers_is_not_a_saved_answers_file(case):
    with pytest.raises(AnswersFileError) as caught:
        parse_answers(BAD_PDFS[case])
    assert caught.value.code == "not_answers_pdf"
    assert "not a saved-answers file" in str(caught.value)


@pytest.mark.parametrize("case", ["no embedded file", "cut short", "over 1 MB"])
def test_the_cli_refuses_a_bad_pdf_in_one_plain_line(case, write_answers):
    path = write_answers(BAD_PDFS[case], name="list.pdf")
    message = one_line_error(run_cli("list", str(path)))
    assert "not a saved-answers file" in message


def test_a_pdf_saved_by_a_newer_version_says_so():
    newer = _pdf_with_attachment(ANSWERS_ATTACHMENT, b'{"version": 99}')
    with pytest.raises(AnswersFileError) as caught:
        parse_answers(newer)
    assert caught.value.code == "newer_version"
