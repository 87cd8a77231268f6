"""Floor page 7: a heading and a Next button."""

import streamlit as st

st.header("Floor page 7")
if st.button("Next"):
    st.switch_page("pages/p0.py")
