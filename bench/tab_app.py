"""The tab's copy of the answers alone: a rerun with it, and the same rerun without it.

``bench/run.py`` loads a patient's answers into the session and reruns this script with
``mirror`` on and off; the difference is what keeping the copy in the tab's
``sessionStorage`` adds to every step's run (building and sending the data, the
component itself).
"""

import streamlit as st

from ui import tab

if st.session_state.get("mirror"):
    tab.mirror(st.session_state["answers"].language, "review")
