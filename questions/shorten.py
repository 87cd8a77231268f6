"""A question shortened to name the controls beside it ("Remove: Will my insurance pay…").

A screen reader hears each button's name on its own: "Remove question 7" says nothing
about which question, and its number changes after every edit. The question's own first
words stay the same wherever the card moves.
"""

from __future__ import annotations

ELLIPSIS = "…"
DEFAULT_LIMIT = 48
"""Characters of the question kept: about seven words, enough to tell questions apart."""


def shorten(text: str, limit: int = DEFAULT_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters plus "…".

    A text that fits is returned whole (its closing "?" kept). A single word longer than
    the limit is cut inside the word rather than dropped.
    """
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit + 1].rsplit(" ", 1)[0] if " " in words[: limit + 1] else words[:limit]
    return cut[:limit].rstrip(" ,;:.-–—¿?¡!") + ELLIPSIS
