"""Floor page 0: a heading and a Next button."""

import streamlit as st

st.header("Floor page 0")
if st.button("Next"):
    st.switch_page("pages/p1.py")
