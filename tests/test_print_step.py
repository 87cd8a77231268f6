"""The print step and the welcome step with the PDF: page count, the answers inside the PDF,
each download standing alone, and loading the PDF back."""

from __future__ import annotations

import io
import json

import pytest
from app_driver import downloaded, fill_every_step, model, next_step, press, start, typed_then_back_to_welcome
from pypdf import PdfReader

from questions import document_files

PDF_LABEL = "Download PDF (to print)"


def print_step():
    at = fill_every_step(start())
    next_step(at, "review")
    return at


def captions(at) -> str:
    return " ".join(caption.value for caption in at.caption)


def test_the_print_step_says_how_many_pages_the_pdf_has_and_follows_the_options():
    at = print_step()
    pages = len(PdfReader(io.BytesIO(downloaded(at, PDF_LABEL))).pages)
    assert f"The PDF has {pages} pages with these choices." in captions(at)
    at.toggle(key="_w_output.large_print").set_value(True).run()
    large = len(PdfReader(io.BytesIO(downloaded(at, PDF_LABEL))).pages)
    assert large > pages
    assert f"The PDF has {large} pages with these choices." in captions(at)
    assert f"The PDF has {pages} pages" not in captions(at)


def test_the_print_step_says_the_pdf_holds_the_answers_and_should_be_kept_private():
    at = print_step()
    words = captions(at)
    assert "The PDF also holds your answers" in words and "step 1" in words and "private" in words
    assert "Welcome step" not in words, "no step has that name (step 1 is titled otherwise)"


def test_the_print_step_speaks_spanish_about_pages_and_the_answers_inside():
    at = print_step()
    at.radio(key="_w_language_sidebar").set_value("es").run()
    pages = len(PdfReader(io.BytesIO(downloaded(at, "Descargar PDF (para imprimir)"))).pages)
    assert f"El PDF tiene {pages} páginas con estas opciones." in captions(at)
    assert "también guarda sus respuestas" in captions(at)


def test_if_one_download_cannot_be_made_the_rest_of_the_step_still_works(monkeypatch):
    """The PDF builder fails (forced at the UI's boundary): one plain message, nothing else lost."""

    def cannot_build(_plist):
        raise RuntimeError("simulated failure")

    monkeypatch.setitem(document_files.FORMATS, ".pdf", cannot_build)
    at = print_step()
    assert not at.exception
    errors = " ".join(error.value for error in at.error)
    assert "Sorry, the PDF could not be made" in errors and "Your answers are safe" in errors
    assert "simulated failure" not in errors
    labels = [button.proto.label for button in at.get("download_button")]
    assert PDF_LABEL not in labels
    assert {"Download web page (for screen readers)", "Download plain text", "Save my answers"} <= set(labels)
    assert b"Dr. Rivera" in downloaded(at, "Download plain text")
    saved, expected = json.loads(downloaded(at, "Save my answers")), json.loads(model(at).to_json())
    assert len(saved.pop("copy_id")) == 32 and expected.pop("copy_id") == ""  # the session's random part
    assert saved == expected
    press(at, "start_over")
    press(at, "start_over_yes")
    assert model(at).visit.provider == ""


def upload(at, content: bytes, name: str):
    at.file_uploader(key="_upload_answers").set_value((name, content, "application/pdf")).run()
    return at


def test_the_downloaded_pdf_loads_on_the_welcome_step_like_the_saved_file():
    at = print_step()
    pdf, answers = downloaded(at, PDF_LABEL), model(at)
    fresh = upload(start(), pdf, "ketamine-questions.pdf")
    assert not fresh.exception
    assert model(fresh) == answers
    assert any("Welcome back" in message.value for message in fresh.success)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_pdf_without_saved_answers_changes_nothing_and_says_so(language):
    from test_pdf import BAD_PDFS

    at = typed_then_back_to_welcome()
    if language == "es":
        at.radio(key="_w_language_welcome").set_value("es").run()
    before = model(at).model_copy(deep=True)
    upload(at, BAD_PDFS["no embedded file"], "letter.pdf")
    assert model(at) == before
    errors = " ".join(error.value for error in at.error)
    if language == "en":
        assert "nothing was changed" in errors and "not a saved-answers file" in errors
    else:
        assert "No es un archivo de respuestas guardadas" in errors
