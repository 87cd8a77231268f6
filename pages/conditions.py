"""Step 3: the conditions the patient hopes ketamine might help, and what they have tried."""

import streamlit as st

from questions import vocab
from questions.models import MAX_SHORT_TEXT
from ui import frame, widgets
from ui.session import answers, pack, t

SLUG = "conditions"

frame.step_header(SLUG)
st.markdown(t("conditions.intro"))
labels = pack().labels
with st.container(border=True):
    st.markdown(f"**{t('conditions.conditions_label')}**")
    widgets.checkbox_group("conditions", vocab.CONDITIONS, labels.conditions)
    if "other" in answers().conditions:
        widgets.text("other_condition", t("conditions.other_label"), max_chars=MAX_SHORT_TEXT)
with st.container(border=True):
    st.markdown(f"**{t('conditions.tried_label')}**")
    widgets.checkbox_group("tried_treatments", vocab.TRIED_TREATMENTS, labels.tried_treatments)
frame.step_footer(SLUG)
