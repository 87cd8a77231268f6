"""The whole bank with its sources and rules, for clinicians who review the content."""

from __future__ import annotations

import csv
import io
import json

from questions import vocab
from questions.content import load_bank, load_language

COLUMNS = ("id", "topic", "text", "why", "source", "source_title", "citation", "rule", "tier")


def bank_rows(language: str) -> list[dict[str, str]]:
    """One row per bank question, in editorial order, with its words in ``language``."""
    pack = load_language(language)
    rows = []
    for question in load_bank().questions:
        words = pack.questions[question.id]
        rows.append(
            {
                "id": question.id,
                "topic": pack.labels.topics[question.topic],
                "text": words.text,
                "why": words.why,
                "source": question.source or "",
                "source_title": pack.guide[question.source].title if question.source else "",
                "citation": "; ".join(question.citations),
                "rule": question.when.describe(),
                "tier": question.default_tier,
            }
        )
    return rows


def bank_as_json(language: str) -> str:
    return json.dumps({"language": language, "questions": bank_rows(language)}, ensure_ascii=False, indent=2)


def bank_as_csv(language: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(bank_rows(language))
    return buffer.getvalue()


def bank_as_markdown(language: str) -> str:
    """Grouped by topic, each question with its why, source and rule, easy to read end to end.

    The labels are in ``language`` too, so a reviewer reads the Spanish bank in Spanish;
    rules and ids stay as they are in the data, since they are the contract.
    """
    pack = load_language(language)

    def word(key: str, **values: object) -> str:
        return pack.text(f"document.bank.{key}", **values)

    rows = bank_rows(language)
    lines = [f"# {word('title', app=pack.text('app_title'), count=len(rows))}", ""]
    for topic in vocab.TOPICS:
        label = pack.labels.topics[topic]
        in_topic = [row for row in rows if row["topic"] == label]
        lines.extend([f"## {label} ({len(in_topic)})", ""])
        for row in in_topic:
            source = f"{row['source_title']} (`{row['source']}`)" if row["source"] else word("no_source")
            if row["citation"]:
                source += f"; {row['citation']}"
            lines.extend(
                [
                    f"### {row['text']}",
                    "",
                    f"- {word('why')}: {row['why']}",
                    f"- {word('source')}: {source}",
                    f"- {word('rule')}: {row['rule']} ({word('tier')}: {row['tier']})",
                    f"- id: `{row['id']}`",
                    "",
                ]
            )
    return "\n".join(lines)


BANK_FORMATS = {"json": bank_as_json, "csv": bank_as_csv, "markdown": bank_as_markdown}
