"""Step 2: where the patient is in the process, and the visit details for the printout."""

import streamlit as st

from questions import vocab
from questions.models import MAX_SHORT_TEXT
from ui import frame, widgets
from ui.session import pack, t

SLUG = "visit"

frame.step_header(SLUG)
st.markdown(t("visit.intro"))
widgets.choice("visit.stage", t("visit.stage_label"), vocab.STAGES, pack().labels.stages)
widgets.text(
    "visit.provider", t("visit.provider_label"), max_chars=MAX_SHORT_TEXT, help=t("visit.provider_help")
)
widgets.date("visit.date", t("visit.date_label"))
frame.step_footer(SLUG)
