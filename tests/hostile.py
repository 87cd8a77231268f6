"""The hostile corpus: text a patient (or a doctored saved file) could give us, shared by every test.

Each entry is at most 300 characters (an own question's limit) and tries one way to turn
text into markup, or to make the same words read differently in different places.
``shown(text)`` is what every screen and document must show for it: the one
normalisation policy (``questions.escape``), on one line.

Remote addresses use 198.51.100.0/24 (TEST-NET-2, never routed): a browser test that saw
a request to it would know exactly which text leaked.
"""

from __future__ import annotations

import json

from questions.escape import one_line

OUTSIDE = "198.51.100.7"

CORPUS: dict[str, str] = {
    "image": f"![x](http://{OUTSIDE}/image.png) an image?",
    "link": f"[click me](http://{OUTSIDE}/link) and <http://{OUTSIDE}/auto> links?",
    "bare_url": f"Visit http://{OUTSIDE}/bare or www.example.org or me@example.org?",
    "material": ":material/home: an icon, :smile: an emoji and :streamlit: a logo?",
    "directive": ":red[KEY] and :blue-background[x] and :small[tiny] colours?",
    "latex": "Does it cost $5 or $x^2$ or $$y$$ dollars?",
    "heading": "## Fake heading\n# Another",
    "lists": "- a bullet\n1. a number\n> a quote\n---",
    "html": f"<img src=http://{OUTSIDE}/html.png onerror=alert(1)><script>alert(1)</script><b>bold</b>",
    "emphasis": "**bold** _italic_ ~~struck~~ `code` &amp; entity **",
    "arrows": "a -> b <- c <-> d -- e >= f <= g ~= h",
    "zero_width": "zero\u200bwidth\u200c join\u200d here\u2060 and\ufeff a trailing one?\u200b",
    "bidi": "Is the dose \u202e01 mg\u202c or \u2066isolated\u2069 \u200fmarked\u200e?",
    "surrogate": "A broken \ud800 character and \udfff another?",
    "nul_and_controls": "nul\x00 bell\x07 backspace\x08 delete\x7f tab\there?",
    "escape_codes": "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x9b2J cleared?",
}
"""Name -> raw text."""


def shown(text: str) -> str:
    """What must be displayed for ``text`` everywhere: normalised, on one line."""
    return one_line(text)


def saved_answers_file(**extra: object) -> bytes:
    """A saved-answers file with the corpus in every free-text field (``\\ud800`` as a JSON escape)."""
    texts = list(CORPUS.values())
    document = {
        "version": 1,
        "visit": {"provider": CORPUS["bidi"]},
        "conditions": ["other"],
        "other_condition": CORPUS["image"],
        "medications": "\n".join(texts)[:1000],
        "custom_questions": texts,
        **extra,
    }
    # ensure_ascii: lone surrogates and control characters travel as JSON escapes, as in a real file.
    return json.dumps(document, ensure_ascii=True).encode("ascii")
