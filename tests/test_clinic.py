"""The clinic edition: a clinic file names the clinic, adds questions and hides topics.

Checked where a patient and a clinic would notice: the clinic's name and phone in the
app, the PDF and the HTML; its own question on a matching patient's list in both
languages; a hidden topic gone; and every kind of bad file refused with one plain line
naming the problem (CLI: exit 2, nothing written; app: the problem, no step, no traceback).
"""

from __future__ import annotations

import copy
import io
import json

import pytest
import yaml
from app_driver import APP, TIMEOUT, start
from helpers import ROOT, answers, as_shown, one_line_error, run_cli
from helpers import pdf_text as text_of_pdf
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from questions.clinic import ENV_VAR, ClinicFileError, parse_clinic, use_clinic_file
from questions.content import activate_clinic, active_clinic, load_bank, load_language
from questions.html_doc import build_html
from questions.listing import patient_list
from questions.pdf import build_pdf

EXAMPLE = ROOT / "examples" / "clinic.yaml"
NAME, PHONE = "Lakeside Mind Clinic", "(555) 010-0142"
AFTER_HOURS = "Outside office hours, call our on-call nurse at (555) 010-0199."
GROUP_QUESTION = {
    "en": "Can I join the clinic's support group between my sessions?",
    "es": "¿Puedo unirme al grupo de apoyo de la clínica entre mis sesiones?",
}


@pytest.fixture
def clinic():
    """The example clinic, served for one test only."""
    yield use_clinic_file(EXAMPLE)
    activate_clinic(None)


@pytest.fixture
def clinic_env(monkeypatch):
    """``QUESTION_PREP_CLINIC`` set for one test; the public edition again afterwards."""

    def use(path) -> None:
        monkeypatch.setenv(ENV_VAR, str(path))

    yield use
    monkeypatch.delenv(ENV_VAR, raising=False)
    activate_clinic(None)


HELD = "(555)\u00a0010\u20110142"
"""The phone as every screen and page shows it: a non-breaking space and hyphen, so it never wraps."""


def readable(text: str) -> str:
    """Text with a held-together phone number read back as typed."""
    return text.replace("\u00a0", " ").replace("\u2011", "-")


def pdf_text(data: bytes) -> str:
    return readable(text_of_pdf(data))


def test_the_example_file_is_valid_and_the_public_edition_has_no_clinic():
    assert active_clinic() is None
    public = len(load_bank().questions)
    found = use_clinic_file(EXAMPLE)
    try:
        assert (found.name, found.phone) == (NAME, PHONE)
        assert len(load_bank().questions) == public + len(found.extra_questions)
    finally:
        activate_clinic(None)
    assert len(load_bank().questions) == public


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_clinic_question_reaches_a_matching_patient_in_their_language(clinic, language):
    matching = patient_list(answers(language=language, support={"check_in": "no"}))
    listed = {item.id: item for item in matching.main}
    assert "lakeside_group" in listed
    assert listed["lakeside_group"].text == GROUP_QUESTION[language]
    assert listed["lakeside_group"].reasons == ("support_gaps:check_in",)
    # A patient the rule does not match does not get it (it stays one click away).
    other = patient_list(answers(language=language, support={"check_in": "yes", "therapist": "yes"}))
    assert "lakeside_group" not in {item.id for item in other.items}
    assert "lakeside_group" in other.selection.more


def test_a_hidden_topic_is_gone_but_the_crisis_question_stays(tmp_path):
    document = yaml.safe_load(EXAMPLE.read_text())
    document["hide_topics"] = ["cost", "safety"]
    path = tmp_path / "clinic.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    patient = answers(concerns=["cost"], support={"crisis_plan": "no"}, visit={"stage": "first_consultation"})
    before = patient_list(patient)
    assert any(item.topic == "cost" for item in before.items)
    try:
        use_clinic_file(path)
        after = patient_list(patient)
        assert not [item.text for item in after.items if item.topic == "cost"]
        assert not [qid for qid in after.selection.more if load_bank().by_id[qid].topic == "cost"]
        kept = [q for q in load_bank().questions if q.keep]
        assert kept and all(q.id in {item.id for item in after.items} for q in kept)
    finally:
        activate_clinic(None)


@pytest.mark.parametrize("language", ["en", "es"])
def test_name_phone_and_after_hours_in_the_pdf_and_the_html(clinic, language):
    plist = patient_list(answers(language=language, support={"check_in": "no"}))
    text = pdf_text(build_pdf(plist))
    assert f"{NAME}: {PHONE}" in text
    assert "988" in text  # the crisis line always stays
    after_hours = clinic.after_hours.words(language)
    assert after_hours in text
    assert text.count(f"{NAME}: {PHONE}") == PdfReader(io.BytesIO(build_pdf(plist))).get_num_pages()
    html = build_html(plist)
    assert f"{NAME}: {HELD}" in html and readable(after_hours) in readable(html) and "988" in html
    assert "(555)\u00a0010\u20110199" in html, "the after-hours number is held together too"
    assert GROUP_QUESTION[language].replace("'", "&#x27;") in html


def test_the_public_pdf_names_no_clinic():
    text = pdf_text(build_pdf(patient_list(answers(support={"check_in": "no"}))))
    assert NAME not in text and "office hours" not in text


def test_name_phone_and_after_hours_on_screen(clinic_env):
    clinic_env(EXAMPLE)
    at = start()
    welcome = " ".join(block.value for block in at.info)
    assert NAME in as_shown(welcome) and HELD in as_shown(welcome)
    sidebar = " ".join(block.value for block in at.sidebar.markdown) + " ".join(
        c.value for c in at.sidebar.caption
    )
    plain = as_shown(sidebar)
    assert f"{NAME}: {HELD} · lakeside-mind.example.org" in plain and "988" in plain
    assert AFTER_HOURS in readable(plain)


def test_clinic_defaults_start_a_fresh_patient(clinic_env, tmp_path):
    document = yaml.safe_load(EXAMPLE.read_text())
    document.update(default_language="es", default_paper="a4")
    path = tmp_path / "clinic.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    clinic_env(path)
    at = start()
    fresh = at.session_state["answers"]
    assert (fresh.language, fresh.output.paper) == ("es", "a4")
    assert at.header[0].value == load_language("es").text("welcome.heading")


# Every kind of bad file, and the field its message must name.
def _mutate(change):
    document = yaml.safe_load(EXAMPLE.read_text())
    change(document)
    return yaml.safe_dump(document, allow_unicode=True)


BAD_FILES = {
    "unknown key": (_mutate(lambda d: d.update(colour="teal")), "colour"),
    "misspelt key in a rule": (
        _mutate(lambda d: d["extra_questions"][0]["when"].update(stage=["x"])),
        "extra_questions[0].when: 'stage' is not a key of a rule (when:) (check its spelling); the keys are: always,",
    ),
    "no name": (_mutate(lambda d: d.pop("name")), "name: this is required"),
    "no phone": (_mutate(lambda d: d.pop("phone")), "phone"),
    "phone in words": (_mutate(lambda d: d.update(phone="call the front desk")), "phone"),
    "markup in the name": (_mutate(lambda d: d.update(name="**Best** clinic")), "name: use plain words"),
    "an icon in the name": (_mutate(lambda d: d.update(name=":material/home: Clinic")), "name"),
    "website not https": (_mutate(lambda d: d.update(website="http://clinic.example.org")), "website"),
    "after hours in one language": (
        _mutate(lambda d: d.update(after_hours={"en": "Call us."})),
        "after_hours.es",
    ),
    "advice in after hours": (
        _mutate(lambda d: d["after_hours"].update(en="You should call us.")),
        "after_hours.en",
    ),
    "unknown language": (_mutate(lambda d: d.update(default_language="fr")), "default_language"),
    "unknown paper": (_mutate(lambda d: d.update(default_paper="legal")), "default_paper"),
    "unknown topic hidden": (_mutate(lambda d: d.update(hide_topics=["weather"])), "hide_topics"),
    "unknown topic": (
        _mutate(lambda d: d["extra_questions"][0].update(topic="weather")),
        "extra_questions[0].topic",
    ),
    "unknown id in a rule": (
        _mutate(lambda d: d["extra_questions"][0]["when"].update(concerns=["weather"])),
        "extra_questions[0].when",
    ),
    "id taken by the bank": (
        _mutate(lambda d: d["extra_questions"][0].update(id=load_bank().questions[0].id)),
        "already a question in the bank",
    ),
    "id used twice": (
        _mutate(lambda d: d["extra_questions"].append(copy.deepcopy(d["extra_questions"][0]))),
        "used twice",
    ),
    "bad id": (_mutate(lambda d: d["extra_questions"][0].update(id="Parking Lot")), "extra_questions[0].id"),
    "missing Spanish": (_mutate(lambda d: d["extra_questions"][0].pop("es")), "extra_questions[0].es"),
    "missing why": (_mutate(lambda d: d["extra_questions"][0]["en"].pop("why")), "extra_questions[0].en.why"),
    "advice wording": (
        _mutate(lambda d: d["extra_questions"][0]["en"].update(why="You should park in the back.")),
        "extra_questions[0].en.why: 'you should' sounds like advice",
    ),
    "hard to read": (
        _mutate(
            lambda d: d["extra_questions"][0]["en"].update(
                text="Considering institutional pharmacological protocols, what documentation substantiates my therapeutic appropriateness?"
            )
        ),
        "grade 8",
    ),
    "too long": (
        _mutate(
            lambda d: d["extra_questions"][0]["en"].update(text="Can I " + "really " * 25 + "park here?")
        ),
        "words",
    ),
    "not a question": (
        _mutate(lambda d: d["extra_questions"][0]["en"].update(text="I park at the back.")),
        "one question",
    ),
    "not the patient's voice": (
        _mutate(lambda d: d["extra_questions"][0]["en"].update(text="Where is the parking lot?")),
        "patient's voice",
    ),
    "Spanish without ¿": (
        _mutate(lambda d: d["extra_questions"][0]["es"].update(text="Dónde me estaciono?")),
        "one '¿'",
    ),
    "question in a hidden topic": (_mutate(lambda d: d.update(hide_topics=["clinic"])), "hide_topics hides"),
    "a key written twice": ("name: A\nphone: 555 0100\nname: B\n", "'name' is written twice"),
    "not YAML": ("name: [unclosed\n", "not valid YAML at line"),
    "a list, not a mapping": ("- name\n- phone\n", "YAML mapping"),
    "empty file": ("", "YAML mapping"),
    "too large": ("name: x\n" + "#" * 300_000, "larger than"),
}


INTERNAL = (
    "InBothLanguages",
    "QuestionText",
    "ExtraQuestion",
    "Clinic(",
    "Rule",
    "dictionary",
    "instance of",
    "tuple",
    "pydantic",
    "Value error",
    "Input should",
    "Traceback",
)
"""Words of the code, not of the file: never in a message a clinic's staff read."""


def plain_problems(error: ClinicFileError) -> list[str]:
    """The problems a refused file's message lists: the one line, or one line each below
    a headline that counts them. Each line plain (no internal names)."""
    lines = str(error).split("\n")
    for line in lines:
        assert not [word for word in INTERNAL if word in line], line
        assert "errors.pydantic.dev" not in line
    if len(lines) == 1:
        return lines
    assert lines[0] == f"it has {len(lines) - 1} problems, one a line below:", lines[0]
    assert all(line.startswith("  - ") for line in lines[1:]), lines
    return [line.removeprefix("  - ") for line in lines[1:]]


@pytest.mark.parametrize(("text", "names"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_every_bad_file_is_refused_naming_the_problem(text, names):
    with pytest.raises(ClinicFileError) as refused:
        parse_clinic(text)
    found = plain_problems(refused.value)
    assert any(names in problem for problem in found), found


@pytest.mark.parametrize("command", ["build", "list"])
@pytest.mark.parametrize(
    "bad", ["missing", "folder", "unknown key"], ids=["no such file", "a folder", "invalid"]
)
def test_cli_refuses_a_bad_clinic_file_and_writes_nothing(tmp_path, command, bad):
    path = {"missing": tmp_path / "nope.yaml", "folder": tmp_path}.get(bad)
    if path is None:
        path = tmp_path / "clinic.yaml"
        path.write_text(BAD_FILES["unknown key"][0], encoding="utf-8")
    output = tmp_path / "out.pdf"
    args = [command, str(ROOT / "examples" / "answers.json"), "--clinic", str(path)]
    if command == "build":
        args += ["-o", str(output)]
    message = one_line_error(run_cli(*args))
    assert "clinic file" in message
    assert not output.exists()


def test_cli_builds_and_lists_with_a_clinic(tmp_path):
    output = tmp_path / "list.pdf"
    result = run_cli("build", "examples/answers.json", "--clinic", str(EXAMPLE), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert f"{NAME}: {PHONE}" in pdf_text(output.read_bytes())
    listed = run_cli("list", "examples/answers.json", "--clinic", str(EXAMPLE), "--format", "markdown")
    assert listed.returncode == 0 and listed.stdout
    assert run_cli("clinic", str(EXAMPLE)).returncode == 0
    one_line_error(run_cli("clinic", str(tmp_path / "nope.yaml")))


def test_the_app_refuses_a_bad_clinic_file_with_one_plain_line(clinic_env, tmp_path, capfd):
    """(``streamlit run`` refuses to start on it; AppTest reads the file on its first run.)
    Patients get a plain sentence and the 988 line in every language; the staff's message
    and the file's path go to the server's log only."""
    path = tmp_path / "clinic.yaml"
    path.write_text(BAD_FILES["markup in the name"][0], encoding="utf-8")
    clinic_env(path)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    shown = [as_shown(block.value) for block in at.error]
    assert shown == [load_language(code).text("clinic.unavailable") for code in ("en", "es")]
    page = " ".join(as_shown(block.value) for block in [*at.error, *at.markdown])
    assert "988" in page and "plain words" not in page and str(tmp_path) not in page
    assert not at.header and not at.button, "no step is drawn"
    assert not active_clinic()
    errors = our_lines(capfd.readouterr().err)
    assert len(errors) == 1 and errors[0].startswith(f"error: clinic file '{path}': name:"), errors
    # The file is checked once per process: a second patient gets the page, not a new log line.
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.run()
    assert again.error and not our_lines(capfd.readouterr().err)


def our_lines(stderr: str) -> list[str]:
    """What the app wrote, without AppTest's own notice that a test thread runs "in bare mode"
    (Streamlit writes it once per process, so whether it shows depends on test order)."""
    return [line for line in stderr.splitlines() if line.strip() and "missing ScriptRunContext" not in line]


def test_the_container_checks_the_clinic_file_before_serving(tmp_path, monkeypatch):
    """What the Dockerfile's command runs first (``python -m questions clinic``, no FILE):
    the file the variable names; a bad one ends it with the problem named."""
    path = tmp_path / "clinic.yaml"
    path.write_text(BAD_FILES["no phone"][0], encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    message = one_line_error(run_cli("clinic"))
    assert message.startswith(f"error: clinic file '{path}': phone: this is required"), message
    monkeypatch.setenv(ENV_VAR, str(EXAMPLE))
    ready = run_cli("clinic")
    assert ready.returncode == 0 and ready.stdout.decode().startswith(
        f"clinic file '{EXAMPLE}' is ready: {NAME}"
    )


def test_a_clinic_file_may_mark_at_most_two_questions_priority_main():
    question = {
        "topic": "clinic",
        "priority": "main",
        "en": {"text": "Where do I park my car?", "why": "Knowing where to park makes the day calmer."},
        "es": {"text": "¿Dónde dejo mi carro?", "why": "Saber dónde estacionar hace el día más tranquilo."},
    }
    questions = [{"id": f"park_{n}", **question} for n in range(3)]
    with pytest.raises(ClinicFileError, match="priority: main"):
        parse_clinic(json.dumps({"name": "A clinic", "phone": "555 0100", "extra_questions": questions}))
    assert parse_clinic(
        json.dumps({"name": "A clinic", "phone": "555 0100", "extra_questions": questions[:2]})
    )


def test_the_example_clinic_s_priority_question_is_on_the_example_patient_s_main_list():
    """Issue #25 item 12: ``priority: main`` lands on the main list, not under "If there is time"."""
    result = run_cli("list", "examples/answers.json", "--clinic", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = {q["id"]: q for q in json.loads(result.stdout)["questions"]}
    assert listed["lakeside_group"]["if_time"] is False
    public = {
        q["id"]
        for q in json.loads(run_cli("list", "examples/answers.json", "--format", "json").stdout)["questions"]
    }
    assert "lakeside_group" not in public, (
        "the public edition has no clinic question (and nothing was left behind)"
    )
