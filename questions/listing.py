"""The patient's list with words attached, in one language, ready for any renderer."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from questions import escape
from questions.content import LanguagePack, load_bank, load_language
from questions.engine import ListedQuestion, QuestionList, build_list
from questions.models import Answers

SKIPPED_NAMED = 3
"""Ids named in the one line that says how many saved questions were skipped."""


class ListItem(BaseModel):
    """One question as a patient reads it: the engine's line of the list, unchanged, with
    the words of the answers' language.

    The one record of a listed question from the engine to the renderers: ``listed`` is the
    engine's own (``engine.ListedQuestion``), never copied field by field, and
    ``document.Question`` holds this in turn. A new fact the engine knows about a question
    reaches every renderer with no code in between; the names below are only shortcuts.
    """

    model_config = ConfigDict(frozen=True)

    listed: ListedQuestion
    topic_label: str
    text: str
    """The question in words (the patient's own, as typed)."""
    why: str
    """Why ask it, in the bank's words ("" for the patient's own questions)."""
    source: str | None
    """The guide section the question comes from (None for the patient's own, and for
    questions about the clinic itself)."""

    @property
    def id(self) -> str:
        return self.listed.id

    @property
    def topic(self) -> str:
        return self.listed.topic

    @property
    def top(self) -> bool:
        return self.listed.top

    @property
    def custom(self) -> bool:
        return self.listed.custom

    @property
    def tier(self) -> str:
        return self.listed.tier

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.listed.reasons

    @property
    def if_time(self) -> bool:
        """True for the "if there is time" section that follows the main list."""
        return self.listed.if_time


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
    """A bank question's words, as a list item (used for "browse more" too: a question the
    engine did not list, with its bank topic and tier)."""
    question = load_bank().by_id[question_id]
    listed = ListedQuestion(
        id=question_id,
        topic=question.topic,
        custom=False,
        top=top,
        tier=question.default_tier,
        conditions=conditions,
    )
    return _worded(listed, pack)


def _worded(listed: ListedQuestion, pack: LanguagePack) -> ListItem:
    """The engine's line of the list with its words: the bank's, or the patient's own."""
    if listed.custom:
        own_label = pack.text("list.own_questions")
        return ListItem(listed=listed, topic_label=own_label, text=listed.text or "", why="", source=None)
    question = load_bank().by_id[listed.id]
    words = pack.questions[listed.id]
    text = words.text
    if question.names_conditions:
        text = text.replace("{conditions}", named_conditions(listed.conditions, pack))
    return ListItem(
        listed=listed,
        topic_label=pack.labels.topics[question.topic],
        text=text,
        why=words.why,
        source=question.source,
    )


def patient_list(answers: Answers) -> PatientList:
    """Run the engine on ``answers`` and attach the words of the answers' language."""
    pack = load_language(answers.language, answers.for_whom)
    selection = build_list(answers)
    items = tuple(_worded(listed, pack) for listed in selection.questions)
    return PatientList(answers=answers, pack=pack, selection=selection, items=items)
