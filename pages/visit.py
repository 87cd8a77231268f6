"""Step 2: whom the list is for, where the patient is in the process, and the visit details
for the printout."""

import streamlit as st

from questions import vocab
from questions.models import MAX_SHORT_TEXT
from ui import frame, widgets
from ui.session import answers, pack, t

SLUG = "visit"

frame.step_header(SLUG)
# Issue #24: asked first, so every word after it speaks to the right person.
widgets.choice(
    "for_whom",
    t("visit.for_whom_label"),
    vocab.FOR_WHOM,
    {option: t(f"visit.for_whom_options.{option}") for option in vocab.FOR_WHOM},
    help=t("visit.for_whom_help"),
)
if answers().for_whom == vocab.HELPER:
    st.markdown(t("visit.for_whom_helper_note"))
st.markdown(t("visit.intro"))
widgets.choice("visit.stage", t("visit.stage_label"), vocab.STAGES, pack().labels.stages)
widgets.text(
    "visit.provider", t("visit.provider_label"), max_chars=MAX_SHORT_TEXT, help=t("visit.provider_help")
)
widgets.date("visit.date", t("visit.date_label"))
frame.step_footer(SLUG)
