"""YAML for the project's own words and bank: PyYAML's safe loader, refusing a key written twice.

Plain YAML keeps the last of two equal keys without a word, so a question given two
``group:`` lines silently lost the first (clinician review 2 found the crisis questions'
group overridden that way). The clinic file has a stricter loader of its own
(``questions.clinic_yaml``), with messages for a clinic's staff.

The parser is libyaml's (``CSafeLoader``, in PyYAML's wheels) where PyYAML has it: the same
documents and line numbers as the pure-Python parser (a syntax error is worded a little
differently) for about a tenth of the CPU, paid for every content file at every start of the
app and every content check.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # a PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]


class UniqueKeyLoader(SafeLoader):
    """A safe loader whose mappings refuse a repeated key (a ``ConstructorError``, with its line)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"the key '{key}' is written twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(stream: IO[str] | str) -> Any:
    """The YAML document in ``stream``, as ``yaml.safe_load`` reads it, with no key written twice."""
    return yaml.load(stream, Loader=UniqueKeyLoader)
