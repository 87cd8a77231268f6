"""The format-neutral document: what every printed version holds, decided once.

The first tests read the model as a patient reads the page; the last one shows that every
format (PDF, HTML, Markdown, plain text and the ``list`` command's three) prints the same
questions, with the same numbers, in the model's order.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from helpers import CRISIS, HOSTILE, NOT_ADVICE, PATIENT, answers, everything, pdf_text, squash

from questions import vocab
from questions.document import (
    Document,
    Notes,
    Section,
    Summary,
    SupportPlan,
    Tips,
    VisitDetails,
    Worksheet,
    document_for,
)
from questions.escape import markdown as md_escape
from questions.escape import one_line
from questions.html_doc import build_html
from questions.list_formats import LIST_FORMATS
from questions.listing import patient_list
from questions.pdf import build_pdf
from questions.text_doc import build_markdown, build_text

CRISIS_QUESTION = "crisis_mood_worse"


def document(**fields: object) -> Document:
    return document_for(patient_list(answers(**fields)))


def kinds(doc: Document) -> list[str]:
    return [block.kind if isinstance(block, Section) else type(block).__name__ for block in doc.body]


def test_numbering_runs_on_from_one_across_every_section():
    doc = document(**everything())
    assert len(doc.sections) >= 4
    assert [q.number for q in doc.questions] == list(range(1, len(doc.questions) + 1))
    # Each section starts where the one before it stopped.
    for before, after in zip(doc.sections, doc.sections[1:], strict=False):
        assert after.questions[0].number == before.questions[-1].number + 1
    assert all(section.questions for section in doc.sections)


@pytest.mark.parametrize("fields", [{}, PATIENT, everything(), {**PATIENT, "language": "es"}])
def test_the_crisis_question_is_on_every_list_once(fields):
    ids = [q.id for q in document(**fields).questions]
    assert ids.count(CRISIS_QUESTION) == 1


def test_the_document_reads_in_the_order_of_the_page():
    doc = document(**PATIENT, output={"include_summary": True})
    assert kinds(doc) == [
        "VisitDetails",
        "ask_first",
        "Summary",
        *["topic"] * (len(doc.sections) - 3),
        "if_time",
        "own",
        "SupportPlan",
        "Tips",
        "Notes",
    ]
    first = doc.sections[0]
    assert first.title == "Ask these first" and len(first.questions) == 3
    assert first.lead == "If time is short, start with these three."
    assert all(q.top for q in first.questions)
    assert [s.title for s in doc.sections[-2:]] == ["If there is time", "My own questions"]
    assert doc.sections[-1].questions[0].text == "Can my partner stay in the room?"
    assert doc.crisis == CRISIS and doc.not_advice == NOT_ADVICE


def test_if_there_is_time_is_a_compact_checklist_with_no_reasons_and_no_room():
    doc = document(**PATIENT)
    (later,) = [s for s in doc.sections if s.kind == "if_time"]
    assert later.compact and later.questions
    assert all(q.if_time and not q.show_why and not q.room for q in later.questions)
    # Its questions still carry their reason, for the formats that list every reason.
    assert all(q.why for q in later.questions)
    main = [q for s in doc.sections if not s.compact for q in s.questions if not q.custom]
    assert all(q.show_why and q.room for q in main)


def test_print_options_decide_reasons_room_and_the_summary():
    doc = document(**PATIENT, output={"include_reasons": False, "answer_space": False})
    assert not any(q.show_why or q.room for q in doc.questions)
    assert not doc.fillable
    assert not any(isinstance(block, Summary) for block in doc.body)


def test_only_a_no_or_not_sure_is_a_gap_in_the_support_plan():
    doc = document(**PATIENT)
    (support,) = [block for block in doc.body if isinstance(block, SupportPlan)]
    rows = {row.key: row for row in support.rows}
    assert list(rows) == list(vocab.SUPPORT_KEYS)
    assert rows["ride_home"].answer == "No" and rows["ride_home"].gap
    assert rows["therapist"].answer == "Not sure" and rows["therapist"].gap
    assert rows["check_in"].answer == "Yes" and not rows["check_in"].gap
    unanswered = [row for key, row in rows.items() if key not in PATIENT["support"]]
    assert unanswered and all(row.answer == "Not answered yet" and not row.gap for row in unanswered)
    assert rows["ride_home"].who_label.startswith("Who could help with: ")


def test_the_visit_reads_in_words_and_blanks_stay_blank():
    (visit,) = [b for b in document(**PATIENT).body if isinstance(b, VisitDetails)]
    assert [(row.label, row.value) for row in visit.rows] == [
        ("Provider", "Dr. Rivera"),
        ("Date", "December 3, 2026"),
        ("Visit type", "First consultation"),
        ("Medicines I take", "sertraline 50 mg"),
    ]
    (blank,) = [b for b in document().body if isinstance(b, VisitDetails)]
    assert [row.value for row in blank.rows] == ["", "", ""]


def test_spanish_declares_its_language_and_writes_its_dates():
    doc = document(**PATIENT, language="es")
    assert doc.lang == "es-US"
    assert doc.running_header.endswith("3 de diciembre de 2026")
    assert document(**PATIENT).lang == "en-US"


def test_the_summary_holds_what_the_patient_shared_and_nothing_empty():
    doc = document(**everything())
    (summary,) = [b for b in doc.body if isinstance(b, Summary)]
    keys = [row.key for row in summary.rows]
    assert keys == ["conditions", "tried_treatments", "health", "medications", "medication_types", "concerns"]
    conditions = dict((row.key, row.items) for row in summary.rows)["conditions"]
    assert conditions[-1] == "Other: " + "o" * 200
    (empty,) = [b for b in document(output={"include_summary": True}).body if isinstance(b, Summary)]
    assert empty.rows == () and empty.nothing == "Nothing filled in."


def test_only_a_patient_choosing_a_clinic_gets_a_worksheet():
    doc = document(**{**PATIENT, "visit": {"stage": "choosing_clinic"}})
    (sheet,) = [b for b in doc.body if isinstance(b, Worksheet)]
    assert [c.label for c in sheet.clinics] == ["Clinic 1", "Clinic 2", "Clinic 3"]
    assert len(sheet.rows) >= 3
    assert all(len(row.answer_labels) == 3 for row in sheet.rows)
    assert kinds(doc)[-4:] == ["SupportPlan", "Worksheet", "Tips", "Notes"]
    assert not any(isinstance(b, Worksheet) for b in document(**PATIENT).body)


def test_patient_text_stays_plain_text_in_the_model():
    doc = document(custom_questions=HOSTILE)
    own = [q.text for q in doc.questions if q.custom]
    assert own == HOSTILE  # no escaping here: each renderer escapes for its own target
    assert isinstance(doc.body[-1], Notes) and isinstance(doc.body[-2], Tips)


# ---- every format prints the model's questions, in its order ---------------------------------


class _Labels(HTMLParser):
    """The text of each question's check-box label, in page order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.labels: list[str] = []
        self._inside = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        target = dict(attrs).get("for") or ""
        self._inside = tag == "label" and target.startswith("q-") and target.endswith("-asked")
        if self._inside:
            self.labels.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.labels[-1] += data


def _in_order(whole: str, needles: list[str]) -> bool:
    """Every needle found in ``whole``, each after the one before."""
    at = -1
    for needle in needles:
        at = whole.find(needle, at + 1)
        if at < 0:
            return False
    return True


@pytest.mark.parametrize(
    "fields",
    [
        {**PATIENT, "top_questions": ["own-1"], "output": {"include_summary": True}},
        {**PATIENT, "language": "es", "custom_questions": ["<b>¿Puedo *manejar*?</b>", *HOSTILE[4:6]]},
    ],
    ids=["english", "spanish-hostile"],
)
def test_every_format_prints_the_models_questions_in_its_order(fields):
    plist = patient_list(answers(**fields))
    doc = document_for(plist)
    questions = doc.questions
    texts = [q.text for q in questions]
    assert len(texts) > 15

    whole = pdf_text(build_pdf(plist, invariant=True))
    assert _in_order(whole, [f"{q.number}. {squash(q.text)}" for q in questions])

    assert [squash(label) for label in _Labels(build_html(plist)).labels] == [squash(t) for t in texts]

    markdown = [line for line in build_markdown(plist).splitlines() if line.startswith("- [ ] **")]
    assert markdown == [f"- [ ] **{q.number}.** {md_escape(q.text)}" for q in questions]

    text = squash(build_text(plist))
    assert _in_order(text, [f"[ ] {q.number}. {squash(one_line(q.text))}" for q in questions])

    listed = json.loads(LIST_FORMATS["json"](plist))["questions"]
    assert [(item["id"], item["text"]) for item in listed] == [(q.id, q.text) for q in questions]
    list_md = [line for line in LIST_FORMATS["markdown"](plist).splitlines() if line.startswith("- [ ] ")]
    assert list_md == [f"- [ ] {md_escape(t)}" for t in texts]
    list_text = LIST_FORMATS["text"](plist).splitlines()
    assert [line for line in list_text if line[:1].isdigit()] == [
        f"{q.number}. {one_line(q.text)}" for q in questions
    ]
