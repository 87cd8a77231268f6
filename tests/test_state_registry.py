"""Every session-state key is declared once, in ui/state.py, and nowhere else.

A key written as a literal in two modules can drift apart (two modules once both named a
different key ``MESSAGE_KEY``), or two modules can give one name two meanings: either way a
patient sees a message meant for another step, or loses a draft. So no module but
ui/state.py spells a key, and a live session holds no key that is not declared there.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import ROOT

from questions.content import load_bank
from ui import state

SOURCES = sorted(
    [*(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"],
)
REGISTRY = ROOT / "ui" / "state.py"
LOOKUPS = {"get", "pop", "setdefault"}


def _is_session_state(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def _literal(node: ast.expr | None) -> bool:
    """A key spelled out: a string, or an f-string (``f"next_{slug}"``)."""
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr)


def literal_keys(source: str) -> list[str]:
    """Where ``source`` spells a session-state key itself, as ``line: code``."""
    found: list[ast.AST] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript) and _is_session_state(node.value) and _literal(node.slice):
            found.append(node)
        elif isinstance(node, ast.Call):
            function = node.func
            if (
                isinstance(function, ast.Attribute)
                and function.attr in LOOKUPS
                and _is_session_state(function.value)
                and node.args
                and _literal(node.args[0])
            ):
                found.append(node)
            found.extend(word for word in node.keywords if word.arg == "key" and _literal(word.value))
        elif isinstance(node, ast.Compare) and any(_is_session_state(side) for side in node.comparators):
            if _literal(node.left):
                found.append(node)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("_w_"):
            found.append(node)  # the bound-widget prefix, spelled out
        elif isinstance(node, ast.Assign) and _literal(node.value):
            named = [target.id for target in node.targets if isinstance(target, ast.Name)]
            if any(name.endswith("_KEY") for name in named):
                found.append(node)
    lines = source.splitlines()
    return [f"{node.lineno}: {lines[node.lineno - 1].strip()}" for node in found if hasattr(node, "lineno")]


@pytest.mark.parametrize(
    "code",
    [
        'st.session_state["answers"] = 1',
        'x = st.session_state.get("_cleared", False)',
        'st.session_state.pop(f"card_{id}", None)',
        'st.session_state.setdefault("_documents", {})',
        'if "answers" in st.session_state: pass',
        'st.button("Next", key="next_visit")',
        'st.checkbox("Yes", key=f"top_{id}")',
        'widget = "_w_" + path',
        'MESSAGE_KEY = "_review_message"',
    ],
)
def test_the_check_finds_a_key_spelled_out(code: str):
    assert literal_keys(code), f"the check missed a literal key in {code!r}"


def test_the_check_lets_a_declared_key_through():
    assert not literal_keys("st.session_state[state.ANSWERS] = 1\nst.button('x', key=state.NEXT(slug))")


@pytest.mark.parametrize("path", [path for path in SOURCES if path != REGISTRY], ids=lambda p: p.name)
def test_no_module_but_the_registry_spells_a_session_state_key(path: Path):
    spelled = literal_keys(path.read_text(encoding="utf-8"))
    assert not spelled, (
        f"{path.relative_to(ROOT)} spells session-state keys itself (declare them in ui/state.py): {spelled}"
    )


def test_every_key_says_who_owns_it_and_when_it_goes():
    for entry in [*state.KEYS.values(), *state.FAMILIES.values()]:
        assert entry.owner.startswith(("ui.", "pages.")), entry
        assert entry.cleared.strip(), entry


def test_a_key_is_declared_once():
    with pytest.raises(ValueError, match="declared twice"):
        state._key(state.ANSWERS, "ui.elsewhere", "never")


def test_no_question_id_makes_a_card_key_another_keys_name():
    """``add_own`` and ``restore_continue`` share a prefix with the per-question buttons
    (``ADD(id)``, ``RESTORE(id)``): a question id ``own`` or ``continue`` would press both."""
    ids = set(load_bank().by_id)
    clashes = {name: prefix for name, prefix in state.overlaps().items() if name.removeprefix(prefix) in ids}
    assert not clashes, f"a question id completes a family's prefix to another key: {clashes}"


def test_the_bound_widget_prefix_is_the_one_replace_answers_clears():
    assert state.BOUND("own_question") == state.OWN_QUESTION
    assert state.BOUND.holds(state.OWN_QUESTION)
    assert not any(state.BOUND.holds(name) for name in state.KEYS), "a single key hides in the bound family"
