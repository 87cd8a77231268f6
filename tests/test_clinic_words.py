"""A clinic's words get the patient words' normalisation before every check and every
output (issue #21, item 6): no bidi controls, isolates or zero-width characters anywhere
they are shown; a name of spaces is no name; a phone number looks like one; the website
is shown where the name and phone are."""

from __future__ import annotations

import copy
import json

import pytest
import yaml
from helpers import ROOT, pdf_page_texts

from questions.clinic import ClinicFileError, contact_line, parse_clinic
from questions.content import activate_clinic, load_language
from questions.document_files import build_document
from questions.list_formats import LIST_FORMATS
from questions.listing import patient_list
from questions.models import Answers

BASE = yaml.safe_load((ROOT / "examples" / "clinic.yaml").read_text(encoding="utf-8"))
INVISIBLE = "\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c\u00ad"
"""Right-to-left override, the isolates (printed as boxes), zero-width characters, marks."""
ANSWERS = Answers.model_validate({"version": 1, "visit": {"stage": "first_consultation"}})


def clinic_file(**changes: object) -> str:
    document = copy.deepcopy(BASE)
    document.update(changes)
    return yaml.safe_dump(document, allow_unicode=True)


@pytest.fixture
def hostile_clinic():
    """The example clinic with invisible characters in every word it shows."""
    document = copy.deepcopy(BASE)
    document["name"] = f"Lake{INVISIBLE}side Mind Clinic"
    document["phone"] = f"(555){INVISIBLE} 010-0142"
    document["after_hours"]["en"] = f"Outside office hours, call {INVISIBLE}our nurse at (555) 010-0199."
    first = document["extra_questions"][0]["en"]
    first["text"] = f"Where do I park, and can my driver wait{INVISIBLE} for me at the clinic?"
    clinic = parse_clinic(yaml.safe_dump(document, allow_unicode=True))
    activate_clinic(clinic)
    yield clinic
    activate_clinic(None)


def outputs() -> dict[str, str]:
    plist = patient_list(ANSWERS)
    return {
        "PDF": " ".join(pdf_page_texts(build_document(plist, ".pdf"))),
        "text": build_document(plist, ".txt").decode("utf-8"),
        "HTML": build_document(plist, ".html").decode("utf-8"),
        "Markdown": build_document(plist, ".md").decode("utf-8"),
        "list json": LIST_FORMATS["json"](plist),
        "list text": LIST_FORMATS["text"](plist),
    }


def test_invisible_characters_reach_no_output(hostile_clinic):
    assert hostile_clinic.name == "Lakeside Mind Clinic" and hostile_clinic.phone == "(555) 010-0142"
    assert not set(INVISIBLE) & set(contact_line(load_language("en")) or "")
    for where, text in outputs().items():
        found = sorted({f"U+{ord(c):04X}" for c in text if c in INVISIBLE})
        assert not found, f"{where}: {found}"
    shown = outputs()
    # The phone is held together (a non-breaking space and hyphen), in every output.
    assert "Lakeside Mind Clinic" in shown["text"] and "(555)\u00a0010\u20110142" in shown["text"]
    listed = json.loads(shown["list json"])
    assert any(
        q["text"] == "Where do I park, and can my driver wait for me at the clinic?"
        for q in listed["questions"]
    )


@pytest.mark.parametrize("name", ["   ", "\u200b\u202e\u2066", "\t\n", "\u00ad"])
def test_a_name_that_is_blank_once_normalised_is_refused(name):
    with pytest.raises(ClinicFileError, match="name: it is blank"):
        parse_clinic(clinic_file(name=name))


def test_after_hours_words_blank_once_normalised_are_refused():
    with pytest.raises(ClinicFileError, match="blank"):
        parse_clinic(clinic_file(after_hours={"en": "\u200b ", "es": "Llame al (555) 010-0199."}))


@pytest.mark.parametrize(
    "phone", ["1.2.3", "12", "555", "+", "555--0100", "(((555)))", "1" * 16, "555 010 0100 ext"]
)
def test_a_phone_that_is_no_phone_number_is_refused(phone):
    with pytest.raises(ClinicFileError, match="phone: write a phone number of 7 to 15 digits"):
        parse_clinic(clinic_file(phone=phone))


@pytest.mark.parametrize(
    "phone", ["(555) 010-0142", "+1 555 010 0142", "555.010.0142", "+44 20 7946 0958", "0100142"]
)
def test_a_phone_number_is_accepted(phone):
    assert parse_clinic(clinic_file(phone=phone)).phone == phone


def test_a_phone_written_without_quotes_is_taken_as_written():
    text = clinic_file().replace("phone: (555) 010-0142", "phone: 5550100142")
    assert "phone: 5550100142" in text
    assert parse_clinic(text).phone == "5550100142"


def test_the_website_is_shown_where_the_name_and_phone_are():
    activate_clinic(parse_clinic(clinic_file()))
    try:
        line = contact_line(load_language("en"))
        assert line == "Lakeside Mind Clinic: (555)\u00a0010\u20110142 · lakeside-mind.example.org"
        for where, text in outputs().items():
            if where.startswith("list"):
                continue  # the list formats carry questions, not the clinic's contact
            assert "lakeside-mind.example.org" in " ".join(text.split()), where
    finally:
        activate_clinic(None)


@pytest.mark.parametrize(
    "website",
    ["https://clinic.example.org\u202e", "https://\u200bclinic.example.org"],
)
def test_invisible_characters_in_the_website_are_removed_before_the_check(website):
    assert parse_clinic(clinic_file(website=website)).website == "https://clinic.example.org"


@pytest.mark.parametrize(
    "website", ["https://-x.org", "https://" + "a" * 120 + ".org", "https://clinic", "javascript:alert(1)"]
)
def test_a_website_that_is_no_address_is_refused(website):
    with pytest.raises(ClinicFileError, match="website"):
        parse_clinic(clinic_file(website=website))


@pytest.mark.parametrize(
    ("written", "held"),
    [
        ("call (555) 010-0199 tonight", "call (555)\u00a0010\u20110199 tonight"),
        ("+44 20 7946 0958", "+44\u00a020\u00a07946\u00a00958"),
        (
            "555.010.0142 or 555-0100",
            "555.010.0142 or 555\u20110100",
        ),  # dots never break; 7 digits is the least
        ("room 12 - 3 steps", "room 12 - 3 steps"),  # too few digits for a phone: left alone
    ],
)
def test_phone_numbers_are_held_together_and_nothing_else(written, held):
    from questions.clinic import unbroken_phones

    assert unbroken_phones(written) == held


def test_a_held_phone_on_screen_stays_literal_and_unbroken():
    from questions.clinic import screen_markdown

    assert (
        screen_markdown("Call (555) 010-0199 **now**") == "Call \\(555\\)\u00a0010\u20110199 \\*\\*now\\*\\*"
    )
