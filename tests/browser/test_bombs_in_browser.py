"""Upload bombs through the real upload box and the tab's restore message (issue #21).

Each bomb from ``tests/bombs.py`` is chosen in the Welcome step's upload box of a real
browser: the patient reads "not a saved-answers file", and the app server (measured from
``/proc/<pid>``: CPU of the server and its waited-for children, never wall-clock; resident
memory sampled while it works) spends at most 2 CPU-seconds and 100 MB on it. A bomb put
in the tab's own copy (``sessionStorage``) reaches the server as the restore message on
the next reload and is dropped just as cheaply. Another patient's session keeps working
while the largest bombs are read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bombs import ServerCost, cpu_bomb, json_bombs, memory_bomb, xref_chain_bomb
from browser_driver import Wizard
from patient_answers import answer_step, assert_step_answers
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CPU_SECONDS = 2.0
MEMORY_BYTES = 100 * 1024 * 1024
LARGEST = 999_000
UPLOADS = {
    "memory bomb, 1 MB": memory_bomb(LARGEST),
    "CPU bomb, 1 MB": cpu_bomb(LARGEST),
    "CPU bomb in ASCII, 200 KB": cpu_bomb(200_000, ascii=True),
    "chained cross-reference streams, 1 MB": xref_chain_bomb(LARGEST),
    "JSON nested 100,000 deep": json_bombs()["nested 100,000 deep"],
    "JSON 250,000-digit number": json_bombs()["a 250,000-digit number"],
}
REFUSED = "[data-testid=stAlertContentError]"


def assert_cheap(cost: ServerCost, what: str) -> None:
    assert cost.cpu <= CPU_SECONDS, f"{what}: {cost.cpu:.2f} CPU-seconds on the server"
    assert cost.memory <= MEMORY_BYTES, f"{what}: the server grew {cost.memory / 1e6:.0f} MB"


def choose(wiz: Wizard, path: Path) -> None:
    wiz.page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(path)


@pytest.mark.parametrize("name", list(UPLOADS))
def test_a_bomb_in_the_upload_box_is_refused_in_plain_words_and_costs_little(name, server, new_tab, tmp_path):
    path = tmp_path / ("list.pdf" if UPLOADS[name].startswith(b"%PDF") else "answers.json")
    path.write_bytes(UPLOADS[name])
    wiz = Wizard(new_tab(), server.url).open()
    with ServerCost(server.process.pid) as cost:
        choose(wiz, path)
        expect(wiz.main.locator(REFUSED)).to_contain_text("not a saved-answers file", timeout=30_000)
        wiz.idle()
    assert_cheap(cost, name)
    # Nothing changed: the patient can go on as if the file had never been chosen.
    wiz.forward("welcome", "visit")
    answer_step(wiz, "visit")


@pytest.mark.parametrize("size", [4_650, 200_000, LARGEST])
def test_a_bomb_in_the_tabs_copy_is_dropped_on_reload_and_costs_little(size, server, new_tab):
    wiz = Wizard(new_tab(), server.url).open()
    wiz.forward("welcome", "visit")
    bomb = cpu_bomb(size, ascii=True).decode("ascii")
    wiz.page.evaluate("(text) => sessionStorage.setItem('kqp.answers', text)", bomb)
    with ServerCost(server.process.pid) as cost:
        wiz.reload(restores=size < 250_000)  # a copy that large is never sent (ui/tab.py)
    assert_cheap(cost, f"the tab's copy, {size:,} bytes")
    assert wiz.slug() == "visit"
    answer_step(wiz, "visit")  # the new session works, with empty answers
    wiz.reload()
    assert_step_answers(wiz, "visit")  # and the tab's copy is a good one again


def test_another_patients_session_keeps_working_while_bombs_are_read(server, new_tab, tmp_path):
    """Each tab its own Streamlit session: the attacker's tabs and the patient's share only
    the browser's cache, as they would on one shared computer."""
    patient = Wizard(new_tab(), server.url).open()
    patient.forward("welcome", "visit")
    slugs = ["visit", "conditions", "health", "concerns"]
    for index, name in enumerate(
        ["chained cross-reference streams, 1 MB", "CPU bomb, 1 MB", "memory bomb, 1 MB"]
    ):
        path = tmp_path / f"bomb-{index}.pdf"
        path.write_bytes(UPLOADS[name])
        attacker = Wizard(new_tab(), server.url).open()  # a new tab: a new session
        choose(attacker, path)  # the server starts reading it ...
        answer_step(patient, slugs[index])  # ... while the other patient answers and moves on
        patient.next(slugs[index], slugs[index + 1])
        expect(attacker.main.locator(REFUSED)).to_contain_text("not a saved-answers file", timeout=30_000)
    patient.back("concerns", "health")
    patient.back("health", "conditions")
    assert_step_answers(patient, "conditions")
