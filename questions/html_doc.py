"""The accessible version of the printed list: one self-contained, semantic HTML5 page.

reportlab cannot write a tagged PDF, so screen-reader users get this instead: real
headings, ordered lists, check boxes and text areas with labels, the crisis line in the
page's footer. It loads nothing from anywhere (no fonts, scripts, images or styles from
outside the file, and a Content-Security-Policy that forbids them), prints cleanly, and
shows right-to-left writing the right way round. Everything is escaped: a patient's
``<script>`` is text.
"""

from __future__ import annotations

from typing import assert_never

from questions import colours, escape
from questions.document import (
    Block,
    Document,
    Notes,
    Question,
    Section,
    Summary,
    SupportPlan,
    Tips,
    VisitDetails,
    Worksheet,
    document_for,
)
from questions.listing import PatientList

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'"

_CSS = """
:root { color-scheme: light; --ink: %(ink)s; --muted: %(muted)s; --accent: %(accent)s;
  --rule: %(rule)s; --hairline: %(hairline)s; --tint: %(tint)s; --paper: %(paper)s; }
* { box-sizing: border-box; }
html { font-size: %(base)s; }
body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.5;
  font-family: "DejaVu Sans", Verdana, "Segoe UI", Arial, sans-serif; }
.page { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
.skip { position: absolute; left: -10000px; }
.skip:focus { position: static; display: inline-block; margin: .5rem; padding: .5rem .75rem;
  background: var(--ink); color: var(--paper); }
.app { margin: 0; color: var(--accent); font-weight: bold; font-size: .85rem; }
h1 { margin: .25rem 0 .5rem; font-size: 1.9rem; line-height: 1.2; }
h2 { margin: 2.25rem 0 .75rem; padding-bottom: .35rem; font-size: 1.3rem; color: var(--accent);
  border-bottom: 1px solid var(--hairline); }
.intro, .lead, .hint { color: var(--muted); }
.lead { margin-top: -.25rem; font-size: .9rem; }
.hint { font-size: .85rem; }
.crisis { margin: 1rem 0; padding: .75rem 1rem; border-left: .35rem solid var(--accent);
  background: var(--tint); font-weight: bold; }
.crisis p { margin: 0; }
.visit { margin: 1rem 0 0; padding: .75rem 1rem; background: var(--tint); }
.visit div { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: .3rem 0; align-items: baseline; }
.visit dt { min-width: 8rem; color: var(--muted); font-weight: bold; font-size: .9rem; }
.visit dd { margin: 0; flex: 1; }
input[type=text], textarea { width: 100%%; font: inherit; color: var(--ink); padding: .4rem .5rem;
  border: 1px solid var(--rule); border-radius: 3px; background: var(--paper); }
input:focus, textarea:focus { outline: 3px solid var(--accent); outline-offset: 1px; }
ol.questions { padding-left: 2.2rem; margin: 0; }
ol.questions > li { margin: 0 0 1.5rem; padding-left: .25rem; }
ol.questions > li::marker { font-weight: bold; }
.ask { display: flex; gap: .6rem; align-items: flex-start; }
.ask input { flex: none; width: 1.3rem; height: 1.3rem; margin: .1rem 0 0; accent-color: var(--accent); }
.why { margin: .35rem 0 0; color: var(--muted); font-size: .9rem; }
.answer-label { display: block; margin: .6rem 0 .2rem; color: var(--muted); font-size: .85rem;
  font-weight: bold; }
.support { list-style: none; padding: 0; margin: 0; border: 1px solid var(--hairline); }
.support li { padding: .6rem .9rem; border-bottom: 1px solid var(--hairline); }
.support li:last-child { border-bottom: 0; }
.support .who { display: block; margin-top: .4rem; }
.support .who label { display: block; color: var(--muted); font-size: .85rem; font-weight: bold; }
ol.compact > li { margin-bottom: .6rem; }
.worksheet-wrap { overflow-x: auto; }
.worksheet { width: 100%%; border-collapse: collapse; }
.worksheet th, .worksheet td { border: 1px solid var(--hairline); padding: .5rem; vertical-align: top;
  text-align: left; }
.worksheet thead th { background: var(--tint); }
.worksheet thead input { margin-top: .35rem; }
.worksheet tbody th { font-weight: normal; width: 34%%; }
.worksheet textarea { min-height: 4.5em; }
.summary dt { margin-top: .75rem; color: var(--muted); font-weight: bold; font-size: .9rem; }
.summary dd { margin: .2rem 0 0; }
.summary ul { margin: 0; padding-left: 1.2rem; }
.medications { white-space: pre-line; }
.tips { margin-top: 2rem; padding: .25rem 1.25rem 1rem; background: var(--tint);
  border-left: .35rem solid var(--accent); }
.tips h2 { border: 0; color: var(--ink); font-size: 1.1rem; margin-top: .75rem; }
footer { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--hairline); font-size: .9rem; }
footer p { margin: .25rem 0; }
footer .crisis-line { font-weight: bold; }
@media print {
  @page { margin: 18mm 16mm; }
  html { font-size: %(print_base)s; }
  .page { max-width: none; padding: 0; }
  .skip, .hint { display: none; }
  h2 { break-after: avoid; }
  ol.questions > li, .support li, .tips, .summary div, .worksheet tr { break-inside: avoid; }
  ol.questions > li { margin-bottom: 1rem; }
  /* On paper a text box becomes ruled lines to write on, like the PDF. */
  textarea { resize: none; border: 0; border-radius: 0; padding: 0 .25rem; overflow: hidden;
    line-height: 2em; height: 6.2em; min-height: 0;
    background: repeating-linear-gradient(to bottom, transparent 0, transparent calc(2em - 1px),
      var(--rule) calc(2em - 1px), var(--rule) 2em);
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  input[type=text] { border: 0; border-bottom: 1px solid var(--rule); border-radius: 0; }
  .crisis, .tips, .visit { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  #notes { height: 20em; }
}
"""


_COLOURS = {
    name.lower(): getattr(colours, name)
    for name in ("INK", "MUTED", "ACCENT", "RULE", "HAIRLINE", "TINT", "PAPER")
}
"""The documents' colours (``questions.colours``), by the name ``_CSS`` gives them."""


def _e(text: str) -> str:
    """Any text as HTML text or attribute value: normalised and escaped (``questions.escape.html``)."""
    return escape.html(text)


def _question(question: Question, document: Document) -> list[str]:
    """One question: a labelled check box, then (unless compact) its reason and an answer box."""
    base = f"q-{question.id}"
    text_dir = ' dir="auto"' if question.custom else ""
    html = [
        f'<li class="question" id="{base}">',
        '<div class="ask">',
        f'<input type="checkbox" id="{base}-asked" name="{base}-asked">',
        f'<label for="{base}-asked"{text_dir}>{_e(question.text)}</label>',
        "</div>",
    ]
    if question.show_why:
        html.append(f'<p class="why"><strong>{_e(document.why_label)}:</strong> {_e(question.why)}</p>')
    if question.room:
        html += [
            f'<label class="answer-label" for="{base}-answer">{_e(document.answer_heading)}</label>',
            f'<textarea id="{base}-answer" name="{base}-answer" rows="3" dir="auto" '
            f'aria-label="{_e(question.answer_label)}"></textarea>',
        ]
    html.append("</li>")
    return html


def _opening(slug: str, heading: str, *, css: str = "") -> list[str]:
    """A section's start: named by its heading, for screen readers (``<slug>-heading``)."""
    css_class = f' class="{css}"' if css else ""
    return [
        f'<section{css_class} aria-labelledby="{slug}-heading">',
        f'<h2 id="{slug}-heading">{_e(heading)}</h2>',
    ]


def _visit(visit: VisitDetails) -> list[str]:
    html = [
        *_opening("visit", visit.heading),
        '<dl class="visit">',
    ]
    for row in visit.rows:
        if row.value:
            css = ' class="medications"' if row.key == "medications" else ""  # its line breaks kept
            html.append(f'<div><dt>{_e(row.label)}</dt><dd dir="auto"{css}>{_e(row.value)}</dd></div>')
        else:
            field = f"visit-{row.key}"
            html.append(
                f'<div><dt><label for="{field}">{_e(row.label)}</label></dt>'
                f'<dd><input type="text" id="{field}" name="{field}" dir="auto"></dd></div>'
            )
    html += ["</dl>", "</section>"]
    return html


def _section(section: Section, index: int, document: Document) -> list[str]:
    """A group of questions; the first carries the skip link's target."""
    heading_id = f"section-{index + 1}"
    anchor = ' id="questions"' if index == 0 else ""
    html = [
        f'<section aria-labelledby="{heading_id}"{anchor}>',
        f'<h2 id="{heading_id}">{_e(section.title)}</h2>',
    ]
    if section.lead:
        html.append(f'<p class="lead">{_e(section.lead)}</p>')
    css = "questions compact" if section.compact else "questions"
    html.append(f'<ol class="{css}" start="{section.questions[0].number}">')
    for question in section.questions:
        html += _question(question, document)
    return [*html, "</ol>", "</section>"]


def _worksheet(worksheet: Worksheet) -> list[str]:
    """For a patient choosing a clinic: a table, the clinic questions in rows, a column per clinic."""
    html = [
        *_opening("worksheet", worksheet.heading),
        f'<p class="lead">{_e(worksheet.intro)}</p>',
        '<div class="worksheet-wrap"><table class="worksheet">',
        "<thead><tr>",
        f'<th scope="col">{_e(worksheet.question_label)}</th>',
    ]
    for clinic in worksheet.clinics:
        n = clinic.number
        html.append(
            f'<th scope="col">{_e(clinic.label)}<input type="text" id="clinic-{n}-name" name="clinic-{n}-name" '
            f'dir="auto" aria-label="{_e(clinic.name_label)}"></th>'
        )
    html += ["</tr></thead>", "<tbody>"]
    for row in worksheet.rows:
        html.append(f'<tr><th scope="row">{_e(row.text)}</th>')
        for clinic, label in zip(worksheet.clinics, row.answer_labels, strict=True):
            field = f"clinic-{clinic.number}-{row.id}"
            html.append(
                f'<td><textarea id="{field}" name="{field}" rows="3" dir="auto" aria-label="{_e(label)}"></textarea></td>'
            )
        html.append("</tr>")
    html += ["</tbody>", "</table></div>", "</section>"]
    return html


def _support(support: SupportPlan) -> list[str]:
    html = [
        *_opening("support", support.heading),
        f'<p class="lead">{_e(support.intro)}</p>',
        '<ul class="support">',
    ]
    for row in support.rows:
        html.append(f"<li><strong>{_e(row.label)}:</strong> {_e(row.answer)}")
        if row.gap:
            field = f"support-{row.key}-who"
            html.append(
                f'<span class="who"><label for="{field}">{_e(support.who)}</label>'
                f'<input type="text" id="{field}" name="{field}" dir="auto" '
                f'aria-label="{_e(row.who_label)}"></span>'
            )
        html.append("</li>")
    html += ["</ul>", "</section>"]
    return html


def _summary(summary: Summary) -> list[str]:
    html = [
        *_opening("summary", summary.heading),
        f'<p class="lead">{_e(summary.intro)}</p>',
    ]
    if summary.rows:
        html.append('<dl class="summary">')
        for row in summary.rows:
            css = ' class="medications"' if row.key == "medications" else ""
            items = "".join(f'<li dir="auto"{css}>{_e(item)}</li>' for item in row.items)
            html.append(f"<div><dt>{_e(row.label)}</dt><dd><ul>{items}</ul></dd></div>")
        html.append("</dl>")
    else:
        html.append(f"<p>{_e(summary.nothing)}</p>")
    html.append("</section>")
    return html


def _tips(tips: Tips) -> list[str]:
    return [
        *_opening("tips", tips.heading, css="tips"),
        "<ul>",
        *(f"<li>{_e(tip)}</li>" for tip in tips.items),
        "</ul>",
        "</section>",
    ]


def _notes(notes: Notes) -> list[str]:
    return [
        *_opening("notes", notes.heading),
        '<textarea id="notes" name="notes" rows="10" dir="auto" aria-labelledby="notes-heading"></textarea>',
        "</section>",
    ]


def _main(document: Document) -> list[str]:
    """The body's blocks in order; the sections of questions numbered for their headings' ids."""
    html: list[str] = []
    sections = 0
    for block in document.body:
        html += _block(block, sections, document)
        sections += isinstance(block, Section)
    return html


def _block(block: Block, sections: int, document: Document) -> list[str]:
    """One block (``sections``: how many sections of questions came before it). Exhaustive:
    mypy names a new kind of block this does not draw."""
    match block:
        case Section():
            return _section(block, sections, document)
        case VisitDetails():
            return _visit(block)
        case Summary():
            return _summary(block)
        case SupportPlan():
            return _support(block)
        case Worksheet():
            return _worksheet(block)
        case Tips():
            return _tips(block)
        case Notes():
            return _notes(block)
        case _:
            assert_never(block)


def html_document(document: Document) -> str:
    """The document as one complete, self-contained, accessible HTML5 page."""
    title = document.title
    contact, after_hours = document.contact, document.after_hours
    css = _CSS % {
        "base": "150%" if document.large_print else "112.5%",
        "print_base": "18pt" if document.large_print else "12pt",
        **_COLOURS,
    }
    html = [
        "<!DOCTYPE html>",
        f'<html lang="{document.lang}" dir="{document.direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="description" content="{_e(document.subject)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        f'<a class="skip" href="#questions">{_e(document.html.skip_link)}</a>',
        '<div class="page">',
        "<header>",
        f'<p class="app">{_e(document.app_title)}</p>',
        *([f'<p class="clinic">{_e(contact)}</p>'] if contact else []),
        f"<h1>{_e(title)}</h1>",
        f'<p class="intro">{_e(document.intro)}</p>',
        f'<p class="hint">{_e(document.html.print_hint)}</p>',
        "</header>",
        f'<aside class="crisis" aria-label="{_e(document.html.crisis_label)}">',
        f"<p>{_e(document.crisis)}</p>",
        *([f"<p>{_e(after_hours)}</p>"] if after_hours else []),
        "</aside>",
        "<main>",
        *_main(document),
        "</main>",
        "<footer>",
        f'<p class="advice">{_e(document.not_advice)}</p>',
        f'<p class="crisis-line">{_e(document.crisis)}</p>',
        *([f"<p>{_e(after_hours)}</p>"] if after_hours else []),
        *([f"<p>{_e(contact)}</p>"] if contact else []),
        "</footer>",
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(html) + "\n"


def build_html(plist: PatientList) -> str:
    """The list as one complete, self-contained, accessible HTML5 document."""
    return html_document(document_for(plist))
