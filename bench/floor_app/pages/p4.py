"""Floor page 4: a heading and a Next button."""

import streamlit as st

st.header("Floor page 4")
if st.button("Next"):
    st.switch_page("pages/p5.py")
