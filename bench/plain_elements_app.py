"""The per-element floor: plain Streamlit elements and no logic, rerun like the steps."""

import streamlit as st

for number in range(40):
    st.markdown(f"A plain line of text, number {number}.")
for number in range(20):
    st.checkbox(f"A plain check box, number {number}", key=f"box{number}")
