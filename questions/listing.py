"""The patient's list with words attached, in one language, ready for any renderer."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from questions import escape
from questions.content import LanguagePack, load_bank, load_language
from questions.engine import OWN_TOPIC, QuestionList, build_list
from questions.models import Answers

SKIPPED_NAMED = 3
"""Ids named in the one line that says how many saved questions were skipped."""


class ListItem(BaseModel):
    """One question as a patient reads it."""

    model_config = ConfigDict(frozen=True)

    id: str
    topic: str
    topic_label: str
    text: str
    why: str
    source: str | None
    top: bool
    custom: bool
    tier: str
    reasons: tuple[str, ...]
    if_time: bool = False
    """True for the "if there is time" section that follows the main list."""


class PatientList(BaseModel):
    """Everything a renderer needs: the answers, the words, and the list in print order."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    answers: Answers
    pack: LanguagePack
    selection: QuestionList
    items: tuple[ListItem, ...]

    @property
    def top(self) -> tuple[ListItem, ...]:
        return tuple(item for item in self.items if item.top)

    @property
    def by_topic(self) -> list[tuple[str, list[ListItem]]]:
        """Bank questions that are not in the top three, grouped by topic in print order."""
        groups: dict[str, list[ListItem]] = {}
        for item in self.items:
            if not item.top and not item.custom and not item.if_time:
                groups.setdefault(item.topic_label, []).append(item)
        return list(groups.items())

    @property
    def if_time(self) -> tuple[ListItem, ...]:
        """The next most useful questions, printed compactly after the main list."""
        return tuple(item for item in self.items if item.if_time)

    @property
    def main(self) -> tuple[ListItem, ...]:
        """The main list: everything but "if there is time" (own questions included)."""
        return tuple(item for item in self.items if not item.if_time)

    @property
    def own(self) -> tuple[ListItem, ...]:
        """The patient's own questions that are not in the top three."""
        return tuple(item for item in self.items if item.custom and not item.top)

    def more_by_topic(self) -> dict[str, list[str]]:
        """The questions not on the list ("browse more"), by topic, each topic in bank order.

        Topics come in the order their first question appears in the bank.
        """
        more = set(self.selection.more)
        grouped: dict[str, list[str]] = {}
        for question in load_bank().questions:
            if question.id in more:
                grouped.setdefault(question.topic, []).append(question.id)
        return grouped

    def warnings(self, quote: Callable[[str], str] = escape.one_line) -> list[str]:
        """Plain sentences about anything in the answers that was skipped.

        ``quote`` shows a value from the file in the sentence (``questions.escape``: the
        app passes ``streamlit_markdown``; the default suits a terminal or a text file).
        """
        skipped = self.selection.skipped_ids
        if len(skipped) <= 1:
            return [self.pack.text("warnings.skipped_id", id=quote(qid)) for qid in skipped]
        # Many (a file from an old version, or a made-up one): one line, not one box per id.
        examples = ", ".join(quote(qid) for qid in skipped[:SKIPPED_NAMED])
        return [self.pack.text("warnings.skipped_ids", count=len(skipped), ids=examples)]


KIND_OF = {"crps": "chronic_pain", "treatment_resistant_depression": "depression"}
"""A condition that is a kind of another: named together, the wider one is left out of the
words ("complex regional pain syndrome", not "long-lasting pain and complex regional pain
syndrome"; issue #23)."""


def named_conditions(conditions: tuple[str, ...], pack: LanguagePack) -> str:
    """Conditions inside a sentence: "anxiety, depression and frequent migraines"."""
    wider = {KIND_OF[c] for c in conditions if c in KIND_OF}
    names = [pack.labels.condition_names[c] for c in conditions if c not in wider]
    if not names:
        return pack.text("list.my_conditions")
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {pack.text('list.and')} {names[-1]}"


def item_for(
    question_id: str, pack: LanguagePack, *, top: bool = False, conditions: tuple[str, ...] = ()
) -> ListItem:
    """A bank question's words, as a list item (used for "browse more" too)."""
    question = load_bank().by_id[question_id]
    words = pack.questions[question_id]
    text = words.text
    if question.names_conditions:
        text = text.replace("{conditions}", named_conditions(conditions, pack))
    return ListItem(
        id=question_id,
        topic=question.topic,
        topic_label=pack.labels.topics[question.topic],
        text=text,
        why=words.why,
        source=question.source,
        top=top,
        custom=False,
        tier=question.default_tier,
        reasons=(),
    )


def patient_list(answers: Answers) -> PatientList:
    """Run the engine on ``answers`` and attach the words of the answers' language."""
    pack = load_language(answers.language, answers.for_whom)
    selection = build_list(answers)
    own_label = pack.text("list.own_questions")
    items: list[ListItem] = []
    for listed in selection.questions:
        if listed.custom:
            items.append(
                ListItem(
                    id=listed.id,
                    topic=OWN_TOPIC,
                    topic_label=own_label,
                    text=listed.text or "",
                    why="",
                    source=None,
                    top=listed.top,
                    custom=True,
                    tier=listed.tier,
                    reasons=listed.reasons,
                )
            )
        else:
            base = item_for(listed.id, pack, top=listed.top, conditions=listed.conditions)
            items.append(
                base.model_copy(
                    update={"tier": listed.tier, "reasons": listed.reasons, "if_time": listed.if_time}
                )
            )
    return PatientList(answers=answers, pack=pack, selection=selection, items=tuple(items))
