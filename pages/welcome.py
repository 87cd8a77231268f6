"""Step 1: what the tool does and does not do, privacy, and continuing from a saved file."""

import streamlit as st

from ui import frame, state
from ui.restore import restore_from_upload
from ui.session import t
from ui.steps import following

SLUG = "welcome"

frame.step_header(SLUG)
frame.clinic_lines(welcome=True)
frame.language_picker("welcome")
st.markdown(t("welcome.intro"))
st.info(t("welcome.time"), icon=":material/schedule:")
st.info(t("welcome.save_where"), icon=":material/save:")
st.subheader(t("welcome.does_heading"), anchor=False)
st.markdown(t("welcome.does"))
st.subheader(t("welcome.privacy_heading"), anchor=False)
st.markdown(t("welcome.privacy"))
if st.button(t("welcome.start"), type="primary", icon=":material/arrow_forward:", key=state.START):
    st.switch_page(following(SLUG).path)

st.subheader(t("welcome.continue_heading"), anchor=False)
st.caption(t("welcome.continue_help"))
restore_from_upload()
frame.guide_panel(SLUG)
st.caption(t("not_advice"))
