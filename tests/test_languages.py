"""A language is a folder of data: the registry in ``data/<code>/language.yaml`` and Babel.

The main test builds a throwaway language ("Testish", a copy of the Spanish words under a
French-Canadian locale, so its dates are visibly not Spanish) in a temporary copy of
``data/`` and points the app at it with ``QUESTION_PREP_DATA``, changing no code: the
language picker offers it, a step is shown in it, and the PDF, the HTML file and every
date use its tag and its locale.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import socket
from pathlib import Path

import pytest
import yaml
from app_driver import heading, model, next_step, press, set_date, start
from helpers import ROOT, answers, one_line_error, pdf_text, run_cli, run_in
from pypdf import PdfReader

from questions import content, languages
from questions.answers_file import AnswersFileError, parse_answers
from questions.check import ContentError, check_content
from questions.clinic import ClinicFileError, parse_clinic, read_clinic
from questions.document_files import build_document
from questions.listing import patient_list

TESTISH = {
    "native_name": "Testish",
    "tag": "fr-CA",
    "direction": "ltr",
    "locale": "fr_CA",
    "readability": "fernandez_huerta",
}
WELCOME = "Bienvenue à Testish: préparez votre rendez-vous"
"""Testish's own welcome heading (the rest of its words are the Spanish ones)."""
VISIT = dt.date(2026, 12, 3)


def copy_of_data(folder: Path) -> Path:
    """The project's content copied into ``folder/data`` (the fonts stay where they are)."""
    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("fonts"))
    return data


def add_testish(data: Path, info: dict[str, str] | None = None) -> Path:
    """A language ``xx`` made from the Spanish folder, with its own language.yaml."""
    folder = data / "xx"
    shutil.copytree(data / "es", folder)
    (folder / "language.yaml").write_text(yaml.safe_dump(info or TESTISH, allow_unicode=True), "utf-8")
    ui = folder / "ui.yaml"
    words = yaml.safe_load(ui.read_text("utf-8"))
    words["welcome"]["heading"] = WELCOME
    ui.write_text(yaml.safe_dump(words, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


@pytest.fixture
def serve(monkeypatch):
    """Point this process (the app in AppTest) and the commands it starts at a content
    folder, for the length of one test."""
    before = content.data_dir()

    def to(data: Path) -> None:
        monkeypatch.setenv(content.DATA_ENV_VAR, str(data))  # read by a new process at start
        content.use_data_dir(data)  # this process had started: told directly

    yield to
    content.use_data_dir(before)


@pytest.fixture
def testish(tmp_path, serve) -> Path:
    """The app serving a content folder with Testish added (and nothing else changed)."""
    data = copy_of_data(tmp_path)
    add_testish(data)
    serve(data)
    return data


def test_the_shipped_registry_is_english_and_spanish():
    assert languages.codes() == ("en", "es")
    assert [languages.native_name(code) for code in languages.codes()] == ["English", "Español"]
    assert [languages.tag(code) for code in languages.codes()] == ["en-US", "es-US"]
    assert languages.long_date(VISIT, "en") == "December 3, 2026"
    assert languages.long_date(VISIT, "es") == "3 de diciembre de 2026"
    assert (languages.date_order("en"), languages.date_order("es")) == ("mdy", "dmy")


def test_plural_forms_follow_the_language(testish):
    for code, one, many in (
        ("en", "The PDF has 1 page with these choices.", "The PDF has 2 pages with these choices."),
        ("es", "El PDF tiene 1 página con estas opciones.", "El PDF tiene 2 páginas con estas opciones."),
    ):
        words = content.load_language(code)
        assert (words.text("print.pdf_pages", count=1), words.text("print.pdf_pages", count=2)) == (one, many)
    assert [content.load_language("en").text("review.main_count", count=n) for n in (1, 2)] == [
        "1 question",
        "2 questions",
    ]
    assert [content.load_language("es").text("review.main_count", count=n) for n in (1, 2)] == [
        "1 pregunta",
        "2 preguntas",
    ]
    # French counts 0 as singular: Testish (fr_CA) says "0 página", Spanish "0 páginas".
    assert (
        content.load_language("xx").text("print.pdf_pages", count=0)
        == "El PDF tiene 0 página con estas opciones."
    )
    assert (
        content.load_language("es").text("print.pdf_pages", count=0)
        == "El PDF tiene 0 páginas con estas opciones."
    )


def test_a_language_added_as_data_is_used_everywhere_with_no_code_change(testish):
    # The registry and the content check find it.
    assert languages.codes() == ("en", "es", "xx")
    assert check_content().endswith("in 3 languages (en, es, xx)")

    # The app: the picker offers it by its own name, and a step is shown in it.
    at = start()
    picker = at.radio(key="_w_language_welcome")
    assert "Testish" in picker.options
    picker.set_value("xx").run()
    assert not at.exception, at.exception
    assert model(at).language == "xx"
    assert heading(at) == WELCOME
    # The visit date is chosen from its month names and shown in its words.
    press(at, "start")
    months = at.selectbox(key="_w_visit.date.month")
    assert months.options[11] == "décembre"
    set_date(at, VISIT)
    assert any(caption.value.endswith("3 décembre 2026") for caption in at.caption), at.caption
    next_step(at, "visit")
    assert model(at).visit.date == VISIT.isoformat()

    # The documents declare its tag and write its dates.
    plist = patient_list(answers(language="xx", visit={"date": VISIT.isoformat()}))
    pdf = build_document(plist, ".pdf")
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "fr-CA"
    assert "3 décembre 2026" in pdf_text(pdf)
    html = build_document(plist, ".html").decode("utf-8")
    assert '<html lang="fr-CA"' in html
    assert "3 décembre 2026" in html
    assert "3 décembre 2026" in build_document(plist, ".txt").decode("utf-8")

    # A saved file in Testish loads; the languages a file may name are the registry's.
    assert parse_answers(b'{"version": 1, "language": "xx"}').language == "xx"


def test_a_saved_file_names_the_languages_there_are():
    with pytest.raises(AnswersFileError) as refused:
        parse_answers(b'{"version": 1, "language": "fr"}')
    message = str(refused.value)
    assert "'fr' is not a language this tool has" in message
    assert "English (en), Español (es)" in message
    assert parse_answers(b'{"version": 1, "language": "es"}').language == "es"


def test_the_cli_offers_every_language_of_the_content_folder(testish):
    """``QUESTION_PREP_DATA`` is the CLI's setting too (run_cli passes this environment on)."""
    result = run_cli("bank", "--language", "xx")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("# ")
    assert "--language: invalid choice: 'fr'" in run_cli("bank", "--language", "fr").stderr.decode()


BROKEN = [
    # (what is done to xx/language.yaml, what the one line says)
    ("missing", "data/xx/language.yaml: the file is missing"),
    ("locale", "data/xx/language.yaml: locale: 'zz_QQ' is not a locale Babel knows"),
    ("direction", "data/xx/language.yaml: direction: "),
    ("yaml", "data/xx/language.yaml: line "),
]


def _break_testish(data: Path, how: str) -> None:
    path = data / "xx" / "language.yaml"
    if how == "missing":
        path.unlink()
    elif how == "yaml":
        path.write_text("native_name: [Testish\n", "utf-8")
    else:
        value = {"locale": "zz_QQ", "direction": "sideways"}[how]
        path.write_text(yaml.safe_dump({**TESTISH, how: value}), "utf-8")


@pytest.mark.parametrize(("how", "named"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_language_file_is_one_plain_line(tmp_path, serve, how, named):
    data = copy_of_data(tmp_path)
    add_testish(data)
    _break_testish(data, how)
    serve(data)
    with pytest.raises(ContentError) as refused:
        check_content()
    assert str(refused.value).startswith(named), refused.value
    message = one_line_error(run_cli("check"))
    assert message.startswith(f"error: {named}"), message


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_server_refuses_to_start_without_a_language_file(tmp_path):
    data = copy_of_data(tmp_path)
    add_testish(data)
    _break_testish(data, "missing")
    command = ["-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    command += ["--server.port", str(_free_port()), "--server.address", "127.0.0.1"]
    command += ["--server.fileWatcherType", "none"]
    result = run_in(ROOT, *command, env={content.DATA_ENV_VAR: str(data)})
    assert result.returncode == 2, (result.stdout, result.stderr)
    errors = result.stderr.decode()
    assert errors == "error: the app cannot start: data/xx/language.yaml: the file is missing\n", errors


def test_a_plural_form_the_language_does_not_have_is_named(testish):
    ui = testish / "xx" / "ui.yaml"
    words = yaml.safe_load(ui.read_text("utf-8"))
    words["print"]["pdf_pages"]["two"] = "El PDF tiene {count} páginas."
    ui.write_text(yaml.safe_dump(words, allow_unicode=True, sort_keys=False), "utf-8")
    with pytest.raises(
        ContentError, match=r"data/xx/ui.yaml: 'print.pdf_pages.two' is not a plural form of fr_CA"
    ):
        check_content()


def test_a_clinic_file_needs_its_words_in_every_language(testish):
    """The example clinic has English and Spanish words; with Testish added, it is told
    plainly which words are missing (and a language there is not is named too)."""
    with pytest.raises(ClinicFileError, match=r"after_hours\.xx: this is required"):
        read_clinic(ROOT / "examples" / "clinic.yaml")
    document = yaml.safe_load((ROOT / "examples" / "clinic.yaml").read_text("utf-8"))
    document["after_hours"]["xx"] = document["after_hours"]["es"]
    for question in document["extra_questions"]:
        question["xx"] = dict(question["es"])  # a copy: a shared object would dump as a YAML alias
    clinic = parse_clinic(yaml.safe_dump(document, allow_unicode=True))
    assert clinic.after_hours is not None and clinic.after_hours.words("xx") == document["after_hours"]["es"]
    document["after_hours"]["fr"] = "Appelez-nous."
    with pytest.raises(ClinicFileError, match=r"after_hours: 'fr' is not a language of this app"):
        parse_clinic(yaml.safe_dump(document, allow_unicode=True))


def test_a_right_to_left_language_runs_right_to_left(tmp_path, serve):
    data = copy_of_data(tmp_path)
    add_testish(data, {**TESTISH, "tag": "ar-EG", "locale": "ar_EG", "direction": "rtl"})
    serve(data)
    html = build_document(patient_list(answers(language="xx")), ".html").decode("utf-8")
    assert '<html lang="ar-EG" dir="rtl">' in html
    english = build_document(patient_list(answers()), ".html").decode("utf-8")
    assert '<html lang="en-US" dir="ltr">' in english
