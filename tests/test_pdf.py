"""The printable, fillable PDF: content, page furniture, form fields, paper, large print, safety."""

from __future__ import annotations

import io
import json
import re
from functools import cache

import pdfplumber
import pypdf
import pytest
from helpers import CRISIS, HEBREW, HOSTILE, LONG, NOT_ADVICE, PATIENT, answers, everything, squash

from questions import vocab
from questions.content import load_language
from questions.fonts import (
    MARKER,
    printable,
    right_to_left_in_answers,
    unprintable_characters,
    unprintable_in_answers,
)
from questions.listing import patient_list
from questions.models import Answers
from questions.pdf import LARGE, NORMAL, _styles, build_pdf, pdf_warnings


@cache
def _built(document: str) -> bytes:
    return build_pdf(patient_list(Answers.model_validate(json.loads(document))), invariant=True)


def pdf_of(fields: dict) -> bytes:
    return _built(json.dumps({"version": 1, **fields}, sort_keys=True))


def reader_of(fields: dict) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf_of(fields)))


def page_texts(fields: dict) -> list[str]:
    return [squash(page.extract_text()) for page in reader_of(fields).pages]


def with_output(base: dict, **output: object) -> dict:
    return {**base, "output": {**base.get("output", {}), **output}}


# ---- content ------------------------------------------------------------------------------


@pytest.mark.parametrize("large_print", [False, True])
def test_every_question_prints_and_the_top_three_are_on_page_one(large_print):
    document = with_output(PATIENT, large_print=large_print)
    plist = patient_list(answers(**document))
    pages = page_texts(document)
    whole = " ".join(pages)
    for item in plist.items:
        assert squash(item.text) in whole, item.id
    assert len(plist.top) == 3
    for item in plist.top:
        assert squash(item.text) in pages[0], item.id
    assert "Ask these first" in pages[0]


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
        if item.why:
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
    assert f"Visit type {load_language('en').labels.stages['first_consultation']}" in first


def test_blank_visit_details_leave_lines_and_fields_to_fill_in():
    fields = reader_of({}).get_fields() or {}
    assert {"visit_provider", "visit_date", "visit_stage"} <= set(fields)
    filled = reader_of(PATIENT).get_fields() or {}
    assert not {"visit_provider", "visit_date", "visit_stage"} & set(filled)


def test_support_plan_shows_each_answer_and_a_line_for_each_gap():
    plist = patient_list(answers(**PATIENT))
    whole = " ".join(page_texts(PATIENT))
    labels = plist.pack.labels
    assert "My support plan" in whole
    for key in vocab.SUPPORT_KEYS:
        assert squash(labels.support[key]) in whole
    assert whole.count("Who could help:") == 5  # every key but check_in ("yes")
    fields = reader_of(PATIENT).get_fields() or {}
    assert "support_ride_home_who" in fields and "support_therapist_who" in fields
    assert "support_check_in_who" not in fields


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
    # Sensitive answers never print unless the patient asked for the summary.
    assert "sertraline" not in off and "Long COVID" not in off


def test_tips_and_a_notes_page_close_the_document():
    last = page_texts(PATIENT)[-1]
    assert "At the visit" in last and "Some people bring someone they trust" in last and "Notes" in last
    plist = patient_list(answers(**PATIENT))
    assert not any(squash(item.text) in last for item in plist.items)
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
        asked, answer = fields[f"q_{item.id}_asked"], fields[f"q_{item.id}_answer"]
        assert asked["/FT"] == "/Btn"
        assert not int(asked.get("/Ff", 0)) & 2, "check boxes must not be required"
        assert answer["/FT"] == "/Tx"
        assert int(answer.get("/Ff", 0)) & 4096, "answers are multi-line"
        assert "/MaxLen" not in answer, "answers have no length limit"
    assert "notes" in fields
    names = [name for name in fields if name.startswith("q_")]
    assert len(names) == len(set(names)) == 2 * len(plist.items)


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
    assert LARGE.small >= 16 and LARGE.footer >= 12
    for style in _styles(True).values():
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
    whole = " ".join(squash(page.extract_text()) for page in reader.pages)
    for item in plist.items:
        assert squash(item.text) in whole, item.id
    assert len(reader.get_fields() or {}) >= 2 * len(plist.items)


def test_the_same_answers_give_the_same_bytes():
    plist = patient_list(answers(**PATIENT))
    assert build_pdf(plist, invariant=True) == build_pdf(plist, invariant=True)
