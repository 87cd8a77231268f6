"""Floor page 2: a heading and a Next button."""

import streamlit as st

st.header("Floor page 2")
if st.button("Next"):
    st.switch_page("pages/p3.py")
