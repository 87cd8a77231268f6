"""Step 5: what the patient is worried or curious about."""

import streamlit as st

from questions import vocab
from ui import frame, widgets
from ui.session import pack, t

SLUG = "concerns"

frame.step_header(SLUG)
st.markdown(t("concerns.intro"))
with st.container(border=True):
    st.markdown(f"**{t('concerns.concerns_label')}**")
    widgets.checkbox_group("concerns", vocab.CONCERNS, pack().labels.concerns)
frame.step_footer(SLUG)
