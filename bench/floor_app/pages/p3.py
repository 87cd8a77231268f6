"""Floor page 3: a heading and a Next button."""

import streamlit as st

st.header("Floor page 3")
if st.button("Next"):
    st.switch_page("pages/p4.py")
