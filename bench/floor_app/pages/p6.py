"""Floor page 6: a heading and a Next button."""

import streamlit as st

st.header("Floor page 6")
if st.button("Next"):
    st.switch_page("pages/p7.py")
