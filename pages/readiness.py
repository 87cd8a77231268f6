"""Step 7: how ready the patient feels to decide; gaps add questions that help them decide."""

import streamlit as st

from questions import vocab
from ui import frame, widgets
from ui.session import pack, t

SLUG = "readiness"

frame.step_header(SLUG)
st.markdown(t("readiness.intro"))
labels = pack().labels
for key in vocab.READINESS_KEYS:
    widgets.choice(f"readiness.{key}", labels.readiness[key], vocab.YES_NO_UNSURE, labels.answers)
frame.step_footer(SLUG)
