"""YAML for the project's own words and bank: PyYAML's safe loader, refusing a key written twice.

Plain YAML keeps the last of two equal keys without a word, so a question given two
``group:`` lines silently lost the first (clinician review 2 found the crisis questions'
group overridden that way). The clinic file has a stricter loader of its own
(``questions.clinic_yaml``), with messages for a clinic's staff.
"""

from __future__ import annotations

from typing import IO, Any

import yaml


class UniqueKeyLoader(yaml.SafeLoader):
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
