"""Step 8: the patient's list: remove, restore, add their own, pick three, browse more."""

import streamlit as st

from ui import frame, review
from ui.session import t

SLUG = "review"

frame.step_header(SLUG)
st.markdown(t("review.intro"))
review.render()
frame.step_footer(SLUG)
