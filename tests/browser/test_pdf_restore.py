"""In a real browser: the downloaded PDF says how many pages it has, holds the answers, and
loads on the Welcome step of a brand-new session like the saved-answers file."""

from __future__ import annotations

import io

from browser_driver import Wizard
from patient_answers import EN, PROVIDER, start_from_saved_file
from playwright.sync_api import expect
from pypdf import PdfReader


def test_the_printed_pdf_is_also_the_file_to_continue_from(server, new_tab, tmp_path):
    wiz = Wizard(new_tab(), server.url)
    start_from_saved_file(wiz, tmp_path)
    wiz.jump("8. " + EN.text("review.heading"), "review")
    listed = wiz.question_texts()
    wiz.jump("9. " + EN.text("print.heading"), "print")
    with wiz.page.expect_download() as event:
        wiz.by_key("download.pdf").locator("button").click()
    pdf = tmp_path / event.value.suggested_filename
    event.value.save_as(pdf)
    assert pdf.suffix == ".pdf"
    pages = len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    expect(wiz.main.get_by_text(EN.text("print.pdf_pages", count=pages))).to_be_visible()
    expect(wiz.main.get_by_text(EN.text("print.pdf_holds_answers"))).to_be_visible()

    # Another day, a new tab (its own session, nothing stored): the PDF alone brings every answer back.
    again = Wizard(new_tab(), server.url).open()
    again.load_saved_file(pdf)
    expect(again.main.get_by_text(EN.text("welcome.restored"))).to_be_visible()
    # The finished PDF was made on the print step: "Continue where I left off" goes there.
    expect(
        again.main.get_by_text(EN.text("welcome.continue_opens", step=EN.text("print.heading")))
    ).to_be_visible()
    again.go("restore_continue", "print")
    assert again.heading() == EN.text("print.heading")
    again.jump("8. " + EN.text("review.heading"), "review")
    assert again.question_texts() == listed
    again.jump("2. " + EN.text("visit.heading"), "visit")
    assert again.text_value("_w_visit.provider") == PROVIDER
