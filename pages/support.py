"""Step 6: the support plan; each "no" or "not sure" becomes a planning question."""

import streamlit as st

from questions import vocab
from ui import frame, widgets
from ui.session import pack, t

SLUG = "support"

frame.step_header(SLUG)
st.markdown(t("support.intro"))
labels = pack().labels
for key in vocab.SUPPORT_KEYS:
    widgets.choice(f"support.{key}", labels.support[key], vocab.YES_NO_UNSURE, labels.answers)
frame.step_footer(SLUG)
