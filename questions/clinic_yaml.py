"""Reading a clinic file's YAML, with what a clinic file never needs refused in plain words.

The one place a clinic file's bytes are read and parsed (``questions.clinic`` validates
what comes out): a regular file only, at most ``MAX_FILE_BYTES``, and PyYAML's safe
loader made stricter still. Every problem is a :class:`ClinicFileError`, never another error.
"""

from __future__ import annotations

import os
import stat
from typing import Any

import yaml

from questions.escape import one_line
from questions.limits import MAX_FILE_BYTES


class ClinicFileError(ValueError):
    """A clinic file that cannot be used. The message is one plain line; when the file has
    several problems, ``problems`` holds every one (a line each, naming the key and the fix)
    and the message says how many."""

    def __init__(self, headline: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__("".join((headline, *(f"\n  - {problem}" for problem in problems))))
        self.headline = headline
        self.problems = problems


def short(value: object, limit: int = 60) -> str:
    """A value (or a path) on one line, cut short if it is long."""
    text = one_line(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


MAX_DEPTH = 16
"""Nesting a clinic file needs: extra_questions[0].when.<rule> is four levels."""
MAX_DIGITS = 30
"""A number longer than this is no value a clinic file holds (Python refuses 4,300 digits)."""


class _ClinicLoader(yaml.SafeLoader):
    """YAML for a clinic file: PyYAML's safe loader, with what a clinic file never needs
    refused in plain words before it can cost anything: a key written twice (plain YAML
    keeps the last one silently), a list or mapping as a key, anchors and aliases (the
    "billion laughs"), nesting past ``MAX_DEPTH`` (a RecursionError), and numbers of
    thousands of digits (a ValueError)."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            raise ClinicFileError(f"it uses a YAML alias (*) at line {line}; write the value out")
        if getattr(event, "anchor", None):
            raise ClinicFileError(f"it uses a YAML anchor (&) at line {line}; write the value out")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ClinicFileError(f"it is nested too deeply at line {line}")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ClinicFileError(
                    f"a key at line {key_node.start_mark.line + 1} is a list or a mapping; keys are plain words"
                )
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ClinicFileError(
                    f"'{short(key)}' is written twice (line {key_node.start_mark.line + 1})"
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if sum(char.isdigit() for char in str(node.value)) > MAX_DIGITS:
            raise ClinicFileError(
                f"the number at line {node.start_mark.line + 1} has too many digits"
                " (a phone number goes in quotes: phone: '(555) 010-0100')"
            )
        value: int = super().construct_yaml_int(node)
        return value

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        if len(str(node.value)) > MAX_DIGITS:
            raise ClinicFileError(f"the number at line {node.start_mark.line + 1} has too many digits")
        value: float = super().construct_yaml_float(node)
        return value


_ClinicLoader.add_constructor("tag:yaml.org,2002:int", _ClinicLoader.construct_yaml_int)
_ClinicLoader.add_constructor("tag:yaml.org,2002:float", _ClinicLoader.construct_yaml_float)


def load_yaml(text: str | bytes) -> Any:
    """A clinic file's YAML document, or :class:`ClinicFileError` naming what is wrong."""
    if len(text) > MAX_FILE_BYTES:
        raise ClinicFileError(f"it is larger than {MAX_FILE_BYTES // 1024} KB; a clinic file is a short list")
    try:
        return yaml.load(text, Loader=_ClinicLoader)  # a SafeLoader, stricter still
    except ClinicFileError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ClinicFileError(f"it is not valid YAML{where}") from None
    except (RecursionError, MemoryError):
        raise ClinicFileError("it is nested too deeply to be a clinic file") from None
    except (ValueError, TypeError, OverflowError):  # PyYAML's own constructors, on odd values
        raise ClinicFileError("it holds a value YAML cannot read (check the numbers and dates)") from None


def read_regular_file(path: str | os.PathLike[str]) -> bytes:
    """A clinic file's bytes, read only if it is a regular file, and at most one byte past the cap.

    Opened without blocking (a FIFO would wait forever for a writer) and checked with
    ``fstat`` on what was opened (``/dev/zero`` never ends)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ClinicFileError("it is not a regular file (a device, a pipe or a socket)")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(descriptor)
