""" "Browse more" offers every question not on the list, once, under its own topic."""

from __future__ import annotations

from helpers import answers, everything

from questions.content import load_bank
from questions.listing import patient_list
from questions.models import Answers


def test_browse_more_holds_each_question_off_the_list_once_by_topic_in_bank_order() -> None:
    for patient in (Answers.empty(), answers(**everything())):
        plist = patient_list(patient)
        grouped = plist.more_by_topic()
        offered = [qid for ids in grouped.values() for qid in ids]
        bank = load_bank()
        assert sorted(offered) == sorted(plist.selection.more)
        assert len(offered) == len(set(offered))
        assert not set(offered) & {item.id for item in plist.items}
        order = [q.id for q in bank.questions]
        for topic, ids in grouped.items():
            assert ids, topic
            assert all(bank.by_id[qid].topic == topic for qid in ids)
            assert ids == sorted(ids, key=order.index)
