"""Floor page 5: a heading and a Next button."""

import streamlit as st

st.header("Floor page 5")
if st.button("Next"):
    st.switch_page("pages/p6.py")
