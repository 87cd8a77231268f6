"""Floor page 1: a heading and a Next button."""

import streamlit as st

st.header("Floor page 1")
if st.button("Next"):
    st.switch_page("pages/p2.py")
