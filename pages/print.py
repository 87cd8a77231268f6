"""Step 9: how the list looks, the downloads, saving to continue later, starting over."""

import streamlit as st

from ui import downloads, frame
from ui.session import t

SLUG = "print"

frame.step_header(SLUG)
st.markdown(t("print.intro"))
with st.container(border=True):
    downloads.options()
downloads.downloads()
downloads.save()
downloads.start_over()
frame.step_footer(SLUG)
