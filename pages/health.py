"""Step 4 (optional): health flags and medicines, used only to pick safety questions."""

import streamlit as st

from questions.models import MAX_MEDICATIONS_CHARS
from ui import frame, widgets
from ui.session import pack, t

SLUG = "health"

frame.step_header(SLUG)
st.markdown(t("health.intro"))
st.info(t("health.private"), icon=":material/lock:")
labels = pack().labels
with st.container(border=True):
    st.markdown(f"**{t('health.health_label')}**")
    widgets.checkbox_group("health", tuple(labels.health), labels.health)
with st.container(border=True):
    st.markdown(f"**{t('health.meds_types_label')}**")
    widgets.checkbox_group("medication_types", tuple(labels.medication_types), labels.medication_types)
    widgets.text(
        "medications",
        t("health.meds_label"),
        max_chars=MAX_MEDICATIONS_CHARS,
        help=t("health.meds_help"),
        area=True,
    )
frame.step_footer(SLUG)
